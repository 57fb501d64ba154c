import type { Migration } from './migration';

// v2: what syncing with the portal needs — the portal's id and version of each dossier, codes
// issued provisionally, number leases, files to upload, the progress feed and the sync state.
export const m0002Sync: Migration = {
  version: 2,
  name: 'sync',
  up(db) {
    db.exec(`
      ALTER TABLE dossiers ADD COLUMN portal_id TEXT;
      ALTER TABLE dossiers ADD COLUMN portal_version INTEGER;
      -- Set when the code was issued offline without a leased number; the final code replaces
      -- dossiers.code on sync and this keeps the provisional one (it is on the citizen's slip).
      ALTER TABLE dossiers ADD COLUMN provisional_code TEXT;
      ALTER TABLE dossiers ADD COLUMN code_is_provisional INTEGER NOT NULL DEFAULT 0 CHECK (code_is_provisional IN (0, 1));
      CREATE INDEX dossiers_by_provisional_code ON dossiers (provisional_code) WHERE provisional_code IS NOT NULL;

      -- Files of a dossier that reach the portal (scans, signed slips), written with their outbox entry.
      CREATE TABLE dossier_files (
        id INTEGER PRIMARY KEY,
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
        kind TEXT NOT NULL,
        document_code TEXT,
        file_name TEXT NOT NULL,
        mime TEXT NOT NULL,
        path TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        created_at INTEGER NOT NULL,
        upload_id TEXT,
        portal_attachment_id TEXT
      ) STRICT;
      CREATE INDEX dossier_files_by_dossier ON dossier_files (dossier_id);

      ALTER TABLE outbox ADD COLUMN dossier_file_id INTEGER REFERENCES dossier_files(id);
      ALTER TABLE outbox ADD COLUMN last_status INTEGER;

      -- Blocks of dossier numbers leased from the portal, per agency and day.
      CREATE TABLE number_leases (
        id TEXT PRIMARY KEY,
        agency TEXT NOT NULL,
        day TEXT NOT NULL,
        first INTEGER NOT NULL,
        last INTEGER NOT NULL CHECK (last >= first),
        next INTEGER NOT NULL,
        obtained_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX number_leases_by_day ON number_leases (agency, day, first);

      -- Status and progress of our dossiers as back-office units report them (the portal's feed).
      CREATE TABLE dossier_progress (
        id INTEGER PRIMARY KEY,
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
        cursor TEXT NOT NULL UNIQUE,
        status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),
        unit TEXT NOT NULL,
        officer TEXT NOT NULL,
        at TEXT NOT NULL,
        note TEXT NOT NULL
      ) STRICT;
      CREATE INDEX dossier_progress_by_dossier ON dossier_progress (dossier_id, id);

      -- Recently acknowledged changes, for the officer's sync page (pruned to the last few thousand).
      CREATE TABLE sync_sent (
        id INTEGER PRIMARY KEY,
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
        kind TEXT NOT NULL,
        portal_ref TEXT NOT NULL,
        sent_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};

import type { Migration } from './migration';

// v1: settings, catalogue, calendar, dossiers with their documents and search keys, the
// code/log-book counters and the sync outbox. STRICT tables: SQLite refuses a wrong type
// instead of storing it.
export const m0001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;

      CREATE TABLE procedures (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        name_folded TEXT NOT NULL,
        field TEXT NOT NULL,
        level TEXT NOT NULL CHECK (level IN ('commune', 'province')),
        processing_time TEXT NOT NULL CHECK (json_valid(processing_time)),
        fees TEXT NOT NULL CHECK (json_valid(fees)),
        sets INTEGER NOT NULL CHECK (sets >= 1),
        demo INTEGER NOT NULL CHECK (demo IN (0, 1))
      ) STRICT;

      CREATE TABLE procedure_documents (
        procedure_code TEXT NOT NULL REFERENCES procedures(code) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        code TEXT NOT NULL,
        name TEXT NOT NULL,
        originals INTEGER NOT NULL CHECK (originals >= 0),
        certified_copies INTEGER NOT NULL CHECK (certified_copies >= 0),
        copies INTEGER NOT NULL CHECK (copies >= 0),
        mandatory INTEGER NOT NULL CHECK (mandatory IN (0, 1)),
        PRIMARY KEY (procedure_code, code)
      ) STRICT;

      -- Folded word-suffixes of procedure names ("dang ky khai sinh", "khai sinh", …).
      CREATE TABLE procedure_search_keys (
        suffix TEXT NOT NULL,
        procedure_code TEXT NOT NULL REFERENCES procedures(code) ON DELETE CASCADE,
        PRIMARY KEY (suffix, procedure_code)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE calendar_days (
        date TEXT PRIMARY KEY CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        kind TEXT NOT NULL CHECK (kind IN ('holiday', 'compensatory', 'makeup_workday')),
        name TEXT NOT NULL
      ) STRICT;

      -- Per agency and day: the last dossier sequence number handed out.
      CREATE TABLE dossier_sequences (
        scope TEXT NOT NULL,
        day TEXT NOT NULL,
        last INTEGER NOT NULL,
        PRIMARY KEY (scope, day)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE log_book_lines (
        volume TEXT PRIMARY KEY,
        last INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE dossiers (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        -- Created by the form when it opens: the same form saved twice is one dossier.
        intake_key TEXT NOT NULL UNIQUE,
        procedure_code TEXT NOT NULL REFERENCES procedures(code),
        procedure_name TEXT NOT NULL,
        processing_time TEXT NOT NULL CHECK (json_valid(processing_time)),
        status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),
        channel INTEGER NOT NULL CHECK (channel IN (1, 2, 3)),
        owner_name TEXT NOT NULL,
        owner_id_number TEXT NOT NULL,
        owner_birth_date TEXT NOT NULL,
        owner_phone TEXT NOT NULL,
        owner_email TEXT,
        owner_address TEXT NOT NULL,
        submitter_name TEXT,
        submitter_id_number TEXT,
        submitter_phone TEXT,
        result_delivery TEXT NOT NULL CHECK (result_delivery IN ('counter', 'post')),
        postal_address TEXT,
        sets INTEGER NOT NULL CHECK (sets >= 1),
        notes TEXT,
        received_at INTEGER NOT NULL,
        received_local TEXT NOT NULL,
        received_date TEXT NOT NULL,
        counting_from_local TEXT NOT NULL,
        appointment_local TEXT NOT NULL,
        log_book_volume TEXT NOT NULL,
        log_book_line INTEGER NOT NULL,
        officer_name TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (log_book_volume, log_book_line)
      ) STRICT;
      CREATE INDEX dossiers_by_day ON dossiers (received_date, received_at);
      CREATE INDEX dossiers_by_id_number ON dossiers (owner_id_number, received_at);
      CREATE INDEX dossiers_by_phone ON dossiers (owner_phone, received_at);

      CREATE TABLE dossier_documents (
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        document_code TEXT NOT NULL,
        name TEXT NOT NULL,
        originals INTEGER NOT NULL CHECK (originals >= 0),
        certified_copies INTEGER NOT NULL CHECK (certified_copies >= 0),
        copies INTEGER NOT NULL CHECK (copies >= 0),
        PRIMARY KEY (dossier_id, position)
      ) STRICT, WITHOUT ROWID;

      -- Folded word-suffixes of the owner's and submitter's names, for prefix search.
      CREATE TABLE dossier_search_names (
        suffix TEXT NOT NULL,
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
        -- Newest first within one name.
        PRIMARY KEY (suffix, dossier_id DESC)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX dossier_search_names_by_dossier ON dossier_search_names (dossier_id);

      -- Changes waiting to reach the portal. Written in the same transaction as the change.
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
        kind TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'active', 'rejected')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
      CREATE INDEX outbox_by_dossier ON outbox (dossier_id, id);
    `);
  },
};

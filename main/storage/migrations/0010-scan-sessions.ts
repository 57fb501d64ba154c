import type { Migration } from './migration';

// v9: scan sessions that survive a crash or a restart. Each page is a file under
// <data>/scans/.sessions/<session>/ written durably before its row; the row keeps the page's
// place, rotation and whether it is left out, and the file's SHA-256. A session ends saved (its
// rows go in the transaction that attaches the PDF), closed by the officer, or swept: abandoned
// too long, or its dossier refused. A swept session keeps its row (state, when, how many pages)
// so the officer is told the next time the dossier is opened; its pages are gone.
export const m0010ScanSessions: Migration = {
  version: 10,
  name: 'scan-sessions',
  up(db) {
    db.exec(`
      CREATE TABLE scan_sessions (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 8 AND 64),
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
        document_code TEXT NOT NULL,
        title TEXT NOT NULL,
        scanner TEXT,
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'abandoned', 'refused')),
        created_at INTEGER NOT NULL,
        last_used_at INTEGER NOT NULL,
        ended_at INTEGER,
        pages_at_end INTEGER
      ) STRICT;
      CREATE INDEX scan_sessions_dossier ON scan_sessions (dossier_id, state);
      CREATE INDEX scan_sessions_open ON scan_sessions (last_used_at) WHERE state = 'open';
      CREATE TABLE scan_session_pages (
        session_id TEXT NOT NULL REFERENCES scan_sessions(id),
        page_id TEXT NOT NULL CHECK (length(page_id) BETWEEN 1 AND 64),
        position INTEGER NOT NULL,
        rotation INTEGER NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270)),
        removed TEXT CHECK (removed IS NULL OR removed IN ('blank', 'officer')),
        file TEXT NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        size INTEGER NOT NULL,
        added_at INTEGER NOT NULL,
        PRIMARY KEY (session_id, page_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};

import type { Migration } from './migration';

// v3: the scanned PDF currently attached to each document of a dossier. The file itself (path,
// size, SHA-256) is a dossier_files row, queued for upload in the same transaction; a rescan
// points the document at a new file and keeps the earlier one (it may be uploaded already).
export const m0003ScannedDocuments: Migration = {
  version: 3,
  name: 'scanned-documents',
  up(db) {
    db.exec(`
      CREATE TABLE scanned_documents (
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
        document_code TEXT NOT NULL,
        dossier_file_id INTEGER NOT NULL UNIQUE REFERENCES dossier_files(id),
        pages INTEGER NOT NULL CHECK (pages BETWEEN 1 AND 1000),
        color_mode TEXT NOT NULL CHECK (color_mode IN ('color', 'gray', 'lineart', 'mixed')),
        resolution INTEGER NOT NULL CHECK (resolution BETWEEN 50 AND 1200),
        scanner TEXT NOT NULL,
        scanned_at INTEGER NOT NULL,
        PRIMARY KEY (dossier_id, document_code)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};

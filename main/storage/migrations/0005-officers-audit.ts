import { createAuditTables } from '../audit-log';
import type { Migration } from './migration';

// v5: officers log in and answer for what they do. Their accounts (roles, an argon2id hash, an
// optional signing certificate to log in with), the tamper-evident audit log, and who received
// each dossier (the officer's id beside the name printed on the slip).
export const m0005OfficersAudit: Migration = {
  version: 5,
  name: 'officers-audit',
  up(db) {
    db.exec(`
      CREATE TABLE officers (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 100),
        username TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 3 AND 40),
        full_name TEXT NOT NULL CHECK (length(full_name) BETWEEN 1 AND 100),
        roles TEXT NOT NULL CHECK (json_valid(roles) AND json_array_length(roles) >= 1),
        password_hash TEXT NOT NULL,
        certificate_fingerprint TEXT CHECK (certificate_fingerprint IS NULL OR length(certificate_fingerprint) = 64),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX officers_by_certificate ON officers (certificate_fingerprint) WHERE certificate_fingerprint IS NOT NULL;
      ALTER TABLE dossiers ADD COLUMN officer_id TEXT;
    `);
    createAuditTables(db);
  },
};

import { codeSearchKeys } from '../../core/text-fold';
import type { Migration } from './migration';

// v4: officers read the short number off a slip ("0361", "231027-0361"), not the whole code.
// Every tail of a dossier's code that starts after a dash (and the code itself, and the
// provisional code's) is a search key, so the end of a code finds it with an index.
export const m0004CodeSearch: Migration = {
  version: 4,
  name: 'code-search',
  up(db) {
    db.exec(`
      CREATE TABLE dossier_search_codes (
        key TEXT NOT NULL,
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
        PRIMARY KEY (key, dossier_id DESC)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX dossier_search_codes_by_dossier ON dossier_search_codes (dossier_id);
    `);
    const insert = db.prepare('INSERT OR IGNORE INTO dossier_search_codes (key, dossier_id) VALUES (?, ?)');
    for (const row of db.prepare('SELECT id, code, provisional_code FROM dossiers').all() as Array<{ id: number; code: string; provisional_code: string | null }>) {
      for (const code of [row.code, row.provisional_code]) if (code) for (const key of codeSearchKeys(code)) insert.run(key, row.id);
    }
  },
};

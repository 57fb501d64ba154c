import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from '../../main/storage/database';
import { migrate, schemaVersion } from '../../main/storage/migrate';
import { migrations } from '../../main/storage/migrations';
import { m0009PrintQueue } from '../../main/storage/migrations/0009-print-queue';
import { m0010ScanSessions } from '../../main/storage/migrations/0010-scan-sessions';
import { tempDir } from '../helpers/station';

const LATEST = migrations.length;

function userTables(db: Db): Array<{ name: string; strict: number; type: string }> {
  return (db.pragma('table_list') as Array<{ schema: string; name: string; type: string; strict: number }>)
    .filter((t) => t.schema === 'main' && !t.name.startsWith('sqlite_'));
}

function schemaDump(db: Db): string[] {
  return (db.prepare("SELECT type || ' ' || name || ': ' || coalesce(sql, '') AS s FROM sqlite_schema ORDER BY type, name").all() as Array<{ s: string }>).map((r) => r.s);
}

function openFile(dir: string, targetVersion?: number): Db {
  return openDatabase(join(dir, 'station.sqlite3'), targetVersion === undefined ? {} : { targetVersion });
}

describe('opening a database', () => {
  it('brings a fresh file to the latest schema version', () => {
    const db = openFile(tempDir());
    try {
      expect(LATEST).toBeGreaterThanOrEqual(1);
      expect(schemaVersion(db)).toBe(LATEST);
      expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    } finally {
      db.close();
    }
  });

  it('runs WAL with synchronous=FULL and foreign keys on, so an acknowledged dossier survives a power cut', () => {
    const db = openFile(tempDir());
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });

  it('declares every table STRICT, so a wrong type is refused instead of stored', () => {
    const db = openFile(tempDir());
    try {
      const tables = userTables(db);
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['dossiers', 'outbox', 'procedures', 'settings']));
      const notStrict = tables.filter((t) => t.strict !== 1).map((t) => t.name);
      expect(notStrict).toEqual([]);
      expect(() => db.prepare("INSERT INTO log_book_lines (volume, last) VALUES ('2026', 'many')").run()).toThrow(/cannot store TEXT value in INTEGER column/);
    } finally {
      db.close();
    }
  });

  it('re-opening a migrated file changes nothing and keeps its data', () => {
    const dir = tempDir();
    const first = openFile(dir);
    expect(schemaVersion(first)).toBe(LATEST);
    first.prepare("INSERT INTO settings (key, value) VALUES ('probe', '{\"kept\":true}')").run();
    const before = schemaDump(first);
    first.close();

    const second = openFile(dir);
    try {
      expect(schemaVersion(second)).toBe(LATEST);
      expect(schemaDump(second)).toEqual(before);
      expect(second.prepare("SELECT value FROM settings WHERE key = 'probe'").get()).toEqual({ value: '{"kept":true}' });
      // Migrating again explicitly is a no-op too.
      expect(migrate(second)).toBe(LATEST);
      expect(schemaDump(second)).toEqual(before);
    } finally {
      second.close();
    }
  });

  it('migrates an empty version-0 database holding nothing', () => {
    const dir = tempDir();
    const file = join(dir, 'station.sqlite3');
    new Database(file).close(); // an existing, empty SQLite file at user_version 0
    const db = openDatabase(file);
    try {
      expect(schemaVersion(db)).toBe(LATEST);
      expect(userTables(db).length).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it('refuses a database written by a newer station, with a message saying to update, and leaves it untouched', () => {
    const dir = tempDir();
    const file = join(dir, 'station.sqlite3');
    const newer = new Database(file);
    newer.pragma(`user_version = ${LATEST + 1}`);
    newer.exec('CREATE TABLE from_the_future (x INTEGER) STRICT');
    newer.close();

    expect(() => openDatabase(file)).toThrow(new RegExp(`v${LATEST + 1} is newer than this station \\(v${LATEST}\\).*update the station`));

    const check = new Database(file, { readonly: true });
    try {
      expect(check.pragma('user_version', { simple: true })).toBe(LATEST + 1);
      expect(check.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all()).toEqual([{ name: 'from_the_future' }]);
    } finally {
      check.close();
    }
  });

  it('stops at a target version and continues from there later', () => {
    const dir = tempDir();
    const db = openFile(dir, 0);
    expect(schemaVersion(db)).toBe(0);
    expect(userTables(db)).toEqual([]);
    db.close();
    const later = openFile(dir);
    try {
      expect(schemaVersion(later)).toBe(LATEST);
    } finally {
      later.close();
    }
  });
});

/**
 * One case per migration file: fixtures written at version N-1 (with that version's schema),
 * then the migration to N, then checks of what the migration must have produced.
 */
type MigrationCase = Readonly<{ fixtures: (db: Db) => void; check: (db: Db) => void }>;

const migrationCases: Record<number, MigrationCase> = {
  // 0001-initial: from nothing to the first schema.
  1: {
    fixtures: () => {
      /* version 0 holds no tables */
    },
    check: (db) => {
      const tables = userTables(db).map((t) => t.name).sort();
      expect(tables).toEqual([
        'calendar_days', 'dossier_documents', 'dossier_search_names', 'dossier_sequences', 'dossiers',
        'log_book_lines', 'outbox', 'procedure_documents', 'procedure_search_keys', 'procedures', 'settings',
      ]);
      const indexes = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>).map((r) => r.name);
      expect(indexes).toEqual(expect.arrayContaining(['dossiers_by_day', 'dossiers_by_id_number', 'dossiers_by_phone', 'outbox_due']));

      // The schema holds a real dossier graph, with its constraints enforced.
      db.prepare(
        `INSERT INTO procedures (code, name, name_folded, field, level, processing_time, fees, sets, demo)
         VALUES ('1.001193', 'Thủ tục đăng ký khai sinh', 'thu tuc dang ky khai sinh', 'Hộ tịch', 'commune', '{"unit":"same_day","cutoff":"15:00"}', '[]', 1, 1)`,
      ).run();
      const dossier = db.prepare(
        `INSERT INTO dossiers (code, intake_key, procedure_code, procedure_name, processing_time, status, channel, owner_name,
           owner_id_number, owner_birth_date, owner_phone, owner_address, result_delivery, sets, received_at, received_local,
           received_date, counting_from_local, appointment_local, log_book_volume, log_book_line, officer_name, updated_at)
         VALUES (?, ?, '1.001193', 'Thủ tục đăng ký khai sinh', '{"unit":"same_day","cutoff":"15:00"}', 2, 1, 'Nguyễn Văn An',
           '001090012345', '1990-05-17', '0912345678', 'Tiên Du', 'counter', 1, 0, '2026-11-23T09:32', '2026-11-23',
           '2026-11-23T09:32', '2026-11-23T17:00', '2026', ?, 'Cán bộ', 0)`,
      );
      const { lastInsertRowid } = dossier.run('000.00.06.H56-261123-0001', 'k1', 1);
      db.prepare(
        "INSERT INTO outbox (dossier_id, kind, idempotency_key, payload, next_attempt_at, created_at) VALUES (?, 'dossier.create', 'i1', '{}', 0, 0)",
      ).run(lastInsertRowid);
      expect(db.prepare('SELECT state, attempts FROM outbox').get()).toEqual({ state: 'pending', attempts: 0 });
      // The same code twice, the same log-book line twice, an unknown procedure, an outbox entry for no dossier: refused.
      expect(() => dossier.run('000.00.06.H56-261123-0001', 'k2', 2)).toThrow(/UNIQUE/);
      expect(() => dossier.run('000.00.06.H56-261123-0002', 'k3', 1)).toThrow(/UNIQUE/);
      expect(() => db.prepare("UPDATE dossiers SET procedure_code = 'nope'").run()).toThrow(/FOREIGN KEY/);
      expect(() =>
        db.prepare("INSERT INTO outbox (dossier_id, kind, idempotency_key, payload, next_attempt_at, created_at) VALUES (999, 'x', 'i2', '{}', 0, 0)").run(),
      ).toThrow(/FOREIGN KEY/);
      expect(() => db.prepare("INSERT INTO settings (key, value) VALUES ('agency', 'not json')").run()).toThrow(/CHECK/);
    },
  },
  // 0002-sync: existing dossiers and their queued outbox entries survive; sync columns start empty.
  2: {
    fixtures: (db) => {
      db.prepare(
        `INSERT INTO procedures (code, name, name_folded, field, level, processing_time, fees, sets, demo)
         VALUES ('1.001193', 'Thủ tục đăng ký khai sinh', 'thu tuc dang ky khai sinh', 'Hộ tịch', 'commune', '{"unit":"same_day","cutoff":"15:00"}', '[]', 1, 1)`,
      ).run();
      const { lastInsertRowid } = db.prepare(
        `INSERT INTO dossiers (code, intake_key, procedure_code, procedure_name, processing_time, status, channel, owner_name,
           owner_id_number, owner_birth_date, owner_phone, owner_address, result_delivery, sets, received_at, received_local,
           received_date, counting_from_local, appointment_local, log_book_volume, log_book_line, officer_name, updated_at)
         VALUES ('000.00.06.H56-261123-0001', 'k1', '1.001193', 'Thủ tục đăng ký khai sinh', '{"unit":"same_day","cutoff":"15:00"}', 2, 1,
           'Nguyễn Văn An', '001090012345', '1990-05-17', '0912345678', 'Tiên Du', 'counter', 1, 0, '2026-11-23T09:32', '2026-11-23',
           '2026-11-23T09:32', '2026-11-23T17:00', '2026', 1, 'Cán bộ', 0)`,
      ).run();
      db.prepare(
        "INSERT INTO outbox (dossier_id, kind, idempotency_key, payload, next_attempt_at, created_at) VALUES (?, 'dossier.create', 'i1', '{\"MaHoSo\":\"000.00.06.H56-261123-0001\"}', 0, 0)",
      ).run(lastInsertRowid);
    },
    check: (db) => {
      expect(db.prepare('SELECT code, portal_id, provisional_code, code_is_provisional FROM dossiers').get()).toEqual({
        code: '000.00.06.H56-261123-0001', portal_id: null, provisional_code: null, code_is_provisional: 0,
      });
      expect(db.prepare('SELECT kind, idempotency_key, state, dossier_file_id FROM outbox').get()).toEqual({
        kind: 'dossier.create', idempotency_key: 'i1', state: 'pending', dossier_file_id: null,
      });
      expect(userTables(db).map((t) => t.name)).toEqual(expect.arrayContaining(['dossier_files', 'number_leases', 'dossier_progress', 'sync_sent', 'sync_state']));
      // A file must belong to a dossier and carry a SHA-256; a lease cannot end before it starts.
      expect(() => db.prepare("INSERT INTO dossier_files (dossier_id, kind, file_name, mime, path, size, sha256, created_at) VALUES (99, 'scan', 'a.pdf', 'application/pdf', 'a', 1, ?, 0)").run('0'.repeat(64))).toThrow(/FOREIGN KEY/);
      expect(() => db.prepare("INSERT INTO dossier_files (dossier_id, kind, file_name, mime, path, size, sha256, created_at) VALUES (1, 'scan', 'a.pdf', 'application/pdf', 'a', 1, 'short', 0)").run()).toThrow(/CHECK/);
      expect(() => db.prepare("INSERT INTO number_leases (id, agency, day, first, last, next, obtained_at) VALUES ('l', 'a', '2026-11-23', 10, 5, 10, 0)").run()).toThrow(/CHECK/);
    },
  },
  // 0003-scanned-documents: a dossier with a file already queued (a signed slip) keeps it; a scan links a document to its file.
  3: {
    fixtures: (db) => {
      db.prepare(
        `INSERT INTO procedures (code, name, name_folded, field, level, processing_time, fees, sets, demo)
         VALUES ('1.001193', 'Thủ tục đăng ký khai sinh', 'thu tuc dang ky khai sinh', 'Hộ tịch', 'commune', '{"unit":"same_day","cutoff":"15:00"}', '[]', 1, 1)`,
      ).run();
      db.prepare(
        `INSERT INTO dossiers (code, intake_key, procedure_code, procedure_name, processing_time, status, channel, owner_name,
           owner_id_number, owner_birth_date, owner_phone, owner_address, result_delivery, sets, received_at, received_local,
           received_date, counting_from_local, appointment_local, log_book_volume, log_book_line, officer_name, updated_at)
         VALUES ('000.00.06.H56-261123-0001', 'k1', '1.001193', 'Thủ tục đăng ký khai sinh', '{"unit":"same_day","cutoff":"15:00"}', 2, 1,
           'Nguyễn Văn An', '001090012345', '1990-05-17', '0912345678', 'Tiên Du', 'counter', 1, 0, '2026-11-23T09:32', '2026-11-23',
           '2026-11-23T09:32', '2026-11-23T17:00', '2026', 1, 'Cán bộ', 0)`,
      ).run();
      db.prepare("INSERT INTO dossier_files (dossier_id, kind, file_name, mime, path, size, sha256, created_at) VALUES (1, 'signed-slip', 'slip.pdf', 'application/pdf', '/d/slip.pdf', 10, ?, 0)").run('a'.repeat(64));
    },
    check: (db) => {
      expect(db.prepare('SELECT kind, sha256 FROM dossier_files').all()).toEqual([{ kind: 'signed-slip', sha256: 'a'.repeat(64) }]);
      const file = db.prepare("INSERT INTO dossier_files (dossier_id, kind, document_code, file_name, mime, path, size, sha256, created_at) VALUES (1, 'scan', 'GT1', 'x.pdf', 'application/pdf', '/d/x.pdf', 10, ?, 0)").run('b'.repeat(64));
      const link = db.prepare("INSERT INTO scanned_documents (dossier_id, document_code, dossier_file_id, pages, color_mode, resolution, scanner, scanned_at) VALUES (?, ?, ?, ?, ?, ?, 'SANE test', 0)");
      link.run(1, 'GT1', file.lastInsertRowid, 3, 'gray', 200);
      expect(db.prepare('SELECT document_code AS d, pages FROM scanned_documents').all()).toEqual([{ d: 'GT1', pages: 3 }]);
      // One current scan per document; it must point at a real file of a real dossier; counts and modes are checked.
      expect(() => link.run(1, 'GT1', 1, 1, 'gray', 200)).toThrow(/UNIQUE|PRIMARY KEY/);
      expect(() => link.run(1, 'GT2', 99, 1, 'gray', 200)).toThrow(/FOREIGN KEY/);
      expect(() => link.run(99, 'GT2', 1, 1, 'gray', 200)).toThrow(/FOREIGN KEY/);
      expect(() => link.run(1, 'GT2', 1, 0, 'gray', 200)).toThrow(/CHECK/);
      expect(() => link.run(1, 'GT2', 1, 1, 'sepia', 200)).toThrow(/CHECK/);
    },
  },
  // 0004-code-search: existing dossiers (a final code, and one still provisional) are found by the end of their codes.
  4: {
    fixtures: (db) => {
      db.prepare(
        `INSERT INTO procedures (code, name, name_folded, field, level, processing_time, fees, sets, demo)
         VALUES ('1.001193', 'Thủ tục đăng ký khai sinh', 'thu tuc dang ky khai sinh', 'Hộ tịch', 'commune', '{"unit":"same_day","cutoff":"15:00"}', '[]', 1, 1)`,
      ).run();
      const insert = db.prepare(
        `INSERT INTO dossiers (code, intake_key, procedure_code, procedure_name, processing_time, status, channel, owner_name,
           owner_id_number, owner_birth_date, owner_phone, owner_address, result_delivery, sets, received_at, received_local,
           received_date, counting_from_local, appointment_local, log_book_volume, log_book_line, officer_name, updated_at,
           provisional_code, code_is_provisional)
         VALUES (?, ?, '1.001193', 'Thủ tục đăng ký khai sinh', '{"unit":"same_day","cutoff":"15:00"}', 2, 1,
           'Nguyễn Văn An', '001090012345', '1990-05-17', '0912345678', 'Tiên Du', 'counter', 1, 0, '2026-11-23T09:32', '2026-11-23',
           '2026-11-23T09:32', '2026-11-23T17:00', '2026', ?, 'Cán bộ', 0, ?, ?)`,
      );
      insert.run('000.00.06.H56-261123-0361', 'k1', 1, null, 0);
      insert.run('000.00.06.H56-261123-T010001', 'k2', 2, '000.00.06.H56-261123-T010001', 1);
    },
    check: (db) => {
      const keys = (id: number) => (db.prepare('SELECT key FROM dossier_search_codes WHERE dossier_id = ? ORDER BY key').all(id) as Array<{ key: string }>).map((r) => r.key);
      expect(keys(1)).toEqual(['000.00.06.H56-261123-0361', '0361', '261123-0361']);
      expect(keys(2)).toEqual(['000.00.06.H56-261123-T010001', '261123-T010001', 'T010001']);
      expect(() => db.prepare("INSERT INTO dossier_search_codes (key, dossier_id) VALUES ('x', 99)").run()).toThrow(/FOREIGN KEY/);
    },
  },
  // 0005-officers-audit: existing dossiers stay (received by no known officer); officers and the audit log start empty and guarded.
  5: {
    fixtures: (db) => {
      db.prepare(
        `INSERT INTO procedures (code, name, name_folded, field, level, processing_time, fees, sets, demo)
         VALUES ('1.001193', 'Thủ tục đăng ký khai sinh', 'thu tuc dang ky khai sinh', 'Hộ tịch', 'commune', '{"unit":"same_day","cutoff":"15:00"}', '[]', 1, 1)`,
      ).run();
      db.prepare(
        `INSERT INTO dossiers (code, intake_key, procedure_code, procedure_name, processing_time, status, channel, owner_name,
           owner_id_number, owner_birth_date, owner_phone, owner_address, result_delivery, sets, received_at, received_local,
           received_date, counting_from_local, appointment_local, log_book_volume, log_book_line, officer_name, updated_at)
         VALUES ('000.00.06.H56-261123-0001', 'k1', '1.001193', 'Thủ tục đăng ký khai sinh', '{"unit":"same_day","cutoff":"15:00"}', 2, 1,
           'Nguyễn Văn An', '001090012345', '1990-05-17', '0912345678', 'Tiên Du', 'counter', 1, 0, '2026-11-23T09:32', '2026-11-23',
           '2026-11-23T09:32', '2026-11-23T17:00', '2026', 1, 'Cán bộ', 0)`,
      ).run();
    },
    check: (db) => {
      expect(db.prepare('SELECT officer_name, officer_id FROM dossiers').get()).toEqual({ officer_name: 'Cán bộ', officer_id: null });
      expect(db.prepare('SELECT count(*) AS n FROM officers').get()).toEqual({ n: 0 });
      const officer = db.prepare("INSERT INTO officers (id, username, full_name, roles, password_hash, created_at, updated_at) VALUES (?, ?, 'Lê Thị Mai', ?, 'h', 0, 0)");
      officer.run('o1', 'mai.le', '["reception"]');
      expect(() => officer.run('o2', 'MAI.LE', '["reception"]')).toThrow(/UNIQUE/); // user names are case-insensitive
      expect(() => officer.run('o3', 'binh', '[]')).toThrow(/CHECK/); // an officer has at least one role
      expect(userTables(db).map((t) => t.name)).toContain('audit_log');
    },
  },
  // 0006-desk: queue tickets and citizens' ratings. A dossier of before keeps everything and can take a ticket link and a rating;
  // numbers are unique per day and group; a rating is never changed nor removed, and is given once per moment of a dossier.
  6: {
    fixtures: (db) => {
      db.prepare(
        `INSERT INTO procedures (code, name, name_folded, field, level, processing_time, fees, sets, demo)
         VALUES ('1.001193', 'Thủ tục đăng ký khai sinh', 'thu tuc dang ky khai sinh', 'Hộ tịch', 'commune', '{"unit":"same_day","cutoff":"15:00"}', '[]', 1, 1)`,
      ).run();
      db.prepare(
        `INSERT INTO dossiers (code, intake_key, procedure_code, procedure_name, processing_time, status, channel, owner_name,
           owner_id_number, owner_birth_date, owner_phone, owner_address, result_delivery, sets, received_at, received_local,
           received_date, counting_from_local, appointment_local, log_book_volume, log_book_line, officer_name, updated_at)
         VALUES ('000.00.06.H56-261123-0001', 'k1', '1.001193', 'Thủ tục đăng ký khai sinh', '{"unit":"same_day","cutoff":"15:00"}', 2, 1,
           'Nguyễn Văn An', '001090012345', '1990-05-17', '0912345678', 'Tiên Du', 'counter', 1, 0, '2026-11-23T09:32', '2026-11-23',
           '2026-11-23T09:32', '2026-11-23T17:00', '2026', 1, 'Cán bộ', 0)`,
      ).run();
    },
    check: (db) => {
      expect(db.prepare('SELECT code, owner_name FROM dossiers').get()).toEqual({ code: '000.00.06.H56-261123-0001', owner_name: 'Nguyễn Văn An' });
      expect(userTables(db).map((t) => t.name)).toEqual(expect.arrayContaining(['queue_tickets', 'queue_prints', 'queue_transfers', 'queue_ticket_dossiers', 'rating_visits', 'visit_ratings']));
      const ticket = db.prepare(
        `INSERT INTO queue_tickets (day, number_group, seq, number, group_letter, group_name, issued_at, issued_by, waiting_before, follow_url)
         VALUES ('2026-11-23', 'A', ?, ?, 'A', 'Hộ tịch', 0, 'kiosk', 0, 'https://x/?so=A001')`,
      );
      const { lastInsertRowid } = ticket.run(1, 'A001');
      expect(db.prepare('SELECT state, print_state, calls FROM queue_tickets').get()).toEqual({ state: 'waiting', print_state: 'pending', calls: 0 });
      expect(() => ticket.run(1, 'A001')).toThrow(/UNIQUE/);
      expect(() => db.prepare("UPDATE queue_tickets SET state = 'lost'").run()).toThrow(/CHECK/);
      db.prepare('INSERT INTO queue_ticket_dossiers (ticket_id, dossier_id, linked_at) VALUES (?, 1, 0)').run(lastInsertRowid);
      expect(() => db.prepare('INSERT INTO queue_ticket_dossiers (ticket_id, dossier_id, linked_at) VALUES (?, 99, 0)').run(lastInsertRowid)).toThrow(/FOREIGN KEY/);

      db.prepare("INSERT INTO rating_visits (id, dossier_id, moment, officer_id, officer_name, asked_at, asked_day) VALUES ('v1', 1, 'intake', 'o1', 'Cán bộ', 0, '2026-11-23')").run();
      const rate = db.prepare("INSERT INTO visit_ratings (visit_id, dossier_id, moment, officer_id, officer_name, score, comment, rated_at, rated_day) VALUES (?, 1, 'intake', 'o1', 'Cán bộ', ?, '', 0, '2026-11-23')");
      expect(() => rate.run('v1', 5)).toThrow(/CHECK/);
      rate.run('v1', 4);
      expect(() => rate.run('v1', 3)).toThrow(/UNIQUE|PRIMARY KEY/);
      db.prepare("INSERT INTO rating_visits (id, dossier_id, moment, officer_id, officer_name, asked_at, asked_day) VALUES ('v2', 1, 'intake', 'o1', 'Cán bộ', 0, '2026-11-23')").run();
      expect(() => rate.run('v2', 3)).toThrow(/UNIQUE/); // a second rating of the same moment of the dossier
      expect(() => db.prepare('UPDATE visit_ratings SET score = 1').run()).toThrow(/never changed/);
      expect(() => db.prepare('DELETE FROM visit_ratings').run()).toThrow(/never removed/);
      db.prepare("UPDATE rating_visits SET state = 'rated' WHERE id = 'v1'").run();
      expect(() => db.prepare("UPDATE rating_visits SET state = 'open' WHERE id = 'v1'").run()).toThrow(/stays rated/);
      expect(db.prepare('SELECT score FROM visit_ratings').all()).toEqual([{ score: 4 }]);
    },
  },
  // 0007-fees: a dossier received before fees existed keeps everything; it can then carry fee lines and a receipt,
  // with the numbering and exemption rules enforced by the schema itself.
  7: {
    fixtures: (db) => {
      db.prepare(
        `INSERT INTO procedures (code, name, name_folded, field, level, processing_time, fees, sets, demo)
         VALUES ('2.000815', 'Chứng thực bản sao từ bản chính', 'chung thuc ban sao tu ban chinh', 'Chứng thực', 'commune', '{"unit":"same_day","cutoff":"15:00"}',
           '[{"name":"Phí chứng thực bản sao từ bản chính","amountVnd":2000}]', 1, 1)`,
      ).run();
      db.prepare(
        `INSERT INTO dossiers (code, intake_key, procedure_code, procedure_name, processing_time, status, channel, owner_name,
           owner_id_number, owner_birth_date, owner_phone, owner_address, result_delivery, sets, received_at, received_local,
           received_date, counting_from_local, appointment_local, log_book_volume, log_book_line, officer_name, updated_at)
         VALUES ('000.00.06.H56-261123-0001', 'k1', '2.000815', 'Chứng thực bản sao từ bản chính', '{"unit":"same_day","cutoff":"15:00"}', 2, 1,
           'Nguyễn Văn An', '001090012345', '1990-05-17', '0912345678', 'Tiên Du', 'counter', 1, 0, '2026-11-23T09:32', '2026-11-23',
           '2026-11-23T09:32', '2026-11-23T17:00', '2026', 1, 'Cán bộ', 0)`,
      ).run();
    },
    check: (db) => {
      expect(db.prepare('SELECT code, owner_name FROM dossiers').all()).toEqual([{ code: '000.00.06.H56-261123-0001', owner_name: 'Nguyễn Văn An' }]);
      expect(userTables(db).map((t) => t.name)).toEqual(expect.arrayContaining(['receipt_books', 'receipt_ranges', 'receipts', 'receipt_items', 'dossier_fees', 'ereceipt_jobs']));
      expect(db.prepare('SELECT count(*) AS n FROM dossier_fees').get()).toEqual({ n: 0 });
      db.prepare("INSERT INTO receipt_books (form_number, series, kind, created_at) VALUES ('01BLP', 'AA/26P', 'paper', 0)").run();
      db.prepare("INSERT INTO receipt_ranges (book_id, first, last, next, assigned_at, assigned_local, assigned_by_id, assigned_by_name, note) VALUES (1, 1, 500, 2, 0, '2026-11-23T08:00', 't', 'Kỹ thuật', '')").run();
      const receipt = db.prepare(
        `INSERT INTO receipts (book_id, range_id, number, dossier_id, payment_key, payer_name, payer_address, method, transfer_ref, amount_vnd,
           issued_at, issued_local, issued_date, officer_id, officer_name) VALUES (1, 1, ?, 1, ?, 'Nguyễn Văn An', 'Tiên Du', 'cash', '', 6000, 0, '2026-11-23T09:40', '2026-11-23', 'o1', 'Cán bộ')`,
      );
      receipt.run(1, 'p1');
      const line = db.prepare(
        `INSERT INTO dossier_fees (dossier_id, position, fee_name, note, unit_amount_vnd, quantity, gross_vnd, exemption_reason, exemption_percent,
           exemption_detail, exempt_vnd, due_vnd, receipt_id, recorded_at, recorded_local, recorded_by_id, recorded_by_name)
         VALUES (1, ?, 'Phí chứng thực', '', 2000, 3, ?, ?, ?, '', ?, ?, ?, 0, '2026-11-23T09:35', 'o1', 'Cán bộ')`,
      );
      line.run(0, 6000, null, 0, 0, 6000, 1);
      expect(db.prepare('SELECT due_vnd, receipt_id FROM dossier_fees').get()).toEqual({ due_vnd: 6000, receipt_id: 1 });
      // A number used twice in a book, a receipt without money, a range ending before it starts: refused.
      expect(() => receipt.run(1, 'p2')).toThrow(/UNIQUE/);
      expect(() => db.prepare("INSERT INTO receipt_ranges (book_id, first, last, next, assigned_at, assigned_local, assigned_by_id, assigned_by_name, note) VALUES (1, 600, 550, 600, 0, '', '', '', '')").run()).toThrow(/CHECK/);
      expect(() => receipt.run(10_000_000, 'p3')).toThrow(/CHECK/);
      // An exemption without its reason, a gross amount that is not unit × quantity, a due amount that ignores the exemption: refused.
      expect(() => line.run(1, 6000, null, 100, 6000, 0, null)).toThrow(/CHECK/);
      expect(() => line.run(1, 5000, null, 0, 0, 5000, null)).toThrow(/CHECK/);
      expect(() => line.run(1, 6000, 'poor_household', 100, 6000, 6000, null)).toThrow(/CHECK/);
      line.run(1, 6000, 'poor_household', 100, 6000, 0, null);
      // A fee line of no dossier, a receipt of no book: refused.
      expect(() => db.prepare("INSERT INTO dossier_fees (dossier_id, position, fee_name, note, unit_amount_vnd, quantity, gross_vnd, exemption_reason, exemption_percent, exemption_detail, exempt_vnd, due_vnd, recorded_at, recorded_local, recorded_by_id, recorded_by_name) VALUES (99, 0, 'x', '', 0, 1, 0, NULL, 0, '', 0, 0, 0, '', '', '')").run()).toThrow(/FOREIGN KEY/);
    },
  },
  // 0008-lifecycle: dossiers the old feed moved on get their times; the
  // daily counts start equal to a recount; the history, forms and conflicts start empty and guarded.
  8: {
    fixtures: (db) => {
      db.prepare(
        `INSERT INTO procedures (code, name, name_folded, field, level, processing_time, fees, sets, demo)
         VALUES ('1.004884', 'Thủ tục đăng ký lại khai sinh', 'thu tuc dang ky lai khai sinh', 'Hộ tịch', 'commune', '{"unit":"day","amount":5}', '[]', 1, 1)`,
      ).run();
      const insert = db.prepare(
        `INSERT INTO dossiers (code, intake_key, procedure_code, procedure_name, processing_time, status, channel, owner_name,
           owner_id_number, owner_birth_date, owner_phone, owner_address, result_delivery, sets, received_at, received_local,
           received_date, counting_from_local, appointment_local, log_book_volume, log_book_line, officer_name, updated_at, portal_id)
         VALUES (?, ?, '1.004884', 'Thủ tục đăng ký lại khai sinh', '{"unit":"day","amount":5}', ?, 1,
           'Nguyễn Văn An', '001090012345', '1990-05-17', '0912345678', 'Tiên Du', 'counter', 1, 0, '2026-11-23T09:32', '2026-11-23',
           '2026-11-23T09:32', '2026-11-30T09:00', '2026', ?, 'Cán bộ', ?, ?)`,
      );
      // Received; processed (the feed said 9 on Thursday); stopped by the back office, with no progress row.
      insert.run('000.00.06.H56-261123-0001', 'k1', 2, 1, 0, 'p1');
      insert.run('000.00.06.H56-261123-0002', 'k2', 9, 2, 0, 'p2');
      insert.run('000.00.06.H56-261123-0003', 'k3', 8, 3, Date.parse('2026-11-25T03:00:00Z'), 'p3');
      db.prepare("INSERT INTO dossier_progress (dossier_id, cursor, status, unit, officer, at, note) VALUES (2, 'c1', 9, 'Phòng Tư pháp', 'Lê Văn Cường', '20261126150000', '')").run();
      db.prepare("INSERT INTO dossier_documents (dossier_id, position, document_code, name, originals, certified_copies, copies) VALUES (1, 0, 'TP1', 'Tờ khai', 1, 0, 0)").run();
    },
    check: (db) => {
      expect(db.prepare('SELECT code, status, finished_local, closed_local, last_changed_local FROM dossiers ORDER BY id').all()).toEqual([
        { code: '000.00.06.H56-261123-0001', status: 2, finished_local: null, closed_local: null, last_changed_local: null },
        { code: '000.00.06.H56-261123-0002', status: 9, finished_local: '2026-11-26T15:00', closed_local: null, last_changed_local: '2026-11-26T15:00' },
        { code: '000.00.06.H56-261123-0003', status: 8, finished_local: null, closed_local: '2026-11-25T10:00', last_changed_local: '2026-11-25T10:00' },
      ]);
      // The lists' indexes: the watch holds the one in the agency's hands, the results waiting the one processed.
      expect(db.prepare("SELECT code FROM dossiers INDEXED BY dossiers_watch WHERE status IN (2, 4, 6) AND coalesce(rescheduled_local, appointment_local) < '2026-12-01T00:00'").all())
        .toEqual([{ code: '000.00.06.H56-261123-0001' }]);
      expect(db.prepare('SELECT code FROM dossiers INDEXED BY dossiers_ready WHERE status = 9 ORDER BY coalesce(finished_local, last_changed_local, received_local)').all())
        .toEqual([{ code: '000.00.06.H56-261123-0002' }]);
      expect(db.prepare('SELECT day, received, early, on_time, late FROM lifecycle_daily ORDER BY day').all()).toEqual([
        { day: '2026-11-23', received: 3, early: 0, on_time: 0, late: 0 },
        { day: '2026-11-26', received: 0, early: 1, on_time: 0, late: 0 },
      ]);
      // A scan of the only document makes the first dossier digitised, in the scan's transaction.
      db.prepare("INSERT INTO dossier_files (dossier_id, kind, document_code, file_name, mime, path, size, sha256, created_at) VALUES (1, 'scan', 'TP1', 'tp1.pdf', 'application/pdf', '/d/tp1.pdf', 10, ?, 0)").run('c'.repeat(64));
      db.prepare("INSERT INTO scanned_documents (dossier_id, document_code, dossier_file_id, pages, color_mode, resolution, scanner, scanned_at) VALUES (1, 'TP1', 1, 1, 'gray', 200, 'SANE test', 0)").run();
      expect(db.prepare('SELECT digitised FROM dossiers WHERE id = 1').get()).toEqual({ digitised: 1 });
      expect(db.prepare("SELECT received, digitised FROM lifecycle_daily WHERE day = '2026-11-23'").get()).toEqual({ received: 3, digitised: 1 });
      for (const t of ['dossier_events', 'counter_requests', 'issued_forms', 'form_prints', 'lifecycle_conflicts']) expect(db.prepare(`SELECT count(*) AS n FROM ${t}`).get(), t).toEqual({ n: 0 });
      // A history row belongs to a real dossier with a real status; one open conflict per dossier.
      expect(() => db.prepare("INSERT INTO dossier_events (dossier_id, event, cause, to_status, at, recorded_at, officer_name, unit) VALUES (99, 'finish', 'counter', 9, 'x', 0, '', '')").run()).toThrow(/FOREIGN KEY/);
      expect(() => db.prepare("INSERT INTO dossier_events (dossier_id, event, cause, to_status, at, recorded_at, officer_name, unit) VALUES (1, 'finish', 'counter', 11, 'x', 0, '', '')").run()).toThrow(/CHECK/);
      const conflict = db.prepare("INSERT INTO lifecycle_conflicts (dossier_id, source, station_status, portal_status, portal_unit, portal_officer, portal_note, detected_at, detected_local) VALUES (1, 'feed', 10, 8, '', '', '', 0, 'x')");
      conflict.run();
      expect(() => conflict.run()).toThrow(/UNIQUE/);
    },
  },
  // 0009-print-queue.
  [m0009PrintQueue.version]: {
    fixtures: (db) => {
      db.prepare("INSERT INTO settings (key, value) VALUES ('print.fixture', '1') ON CONFLICT DO NOTHING").run();
    },
    check: (db) => {
      expect(db.prepare('SELECT count(*) AS n FROM print_jobs').get()).toEqual({ n: 0 });
      const insert = db.prepare("INSERT INTO print_jobs (job_key, title, kind, copies, pdf, state, handoff_name, next_attempt_at, created_at, updated_at) VALUES (?, 'giay-hen.pdf', 'slip', 1, x'25504446', ?, ?, 0, 0, 0)");
      insert.run('a1b2c3d4e5f6', 'waiting', null);
      expect(() => insert.run('a1b2c3d4e5f6', 'waiting', null)).toThrow(/UNIQUE/);
      // A hand-off always has its name written first; a state outside the list is refused.
      expect(() => insert.run('b1b2c3d4e5f6', 'sending', null)).toThrow(/CHECK/);
      expect(() => insert.run('c1b2c3d4e5f6', 'lost', 'x')).toThrow(/CHECK/);
      expect(db.prepare("SELECT value FROM settings WHERE key = 'print.fixture'").get()).toEqual({ value: '1' });
      },
    },
  // 0010-scan-sessions: nothing to carry over (sessions lived in memory); the tables start empty,
  // a page belongs to a real session once, a session to a real dossier, with a known state.
  [m0010ScanSessions.version]: {
    fixtures: (db) => {
      db.prepare(
        `INSERT INTO procedures (code, name, name_folded, field, level, processing_time, fees, sets, demo)
         VALUES ('1.001193', 'Thủ tục đăng ký khai sinh', 'thu tuc dang ky khai sinh', 'Hộ tịch', 'commune', '{"unit":"same_day","cutoff":"15:00"}', '[]', 1, 1)`,
      ).run();
      db.prepare(
        `INSERT INTO dossiers (code, intake_key, procedure_code, procedure_name, processing_time, status, channel, owner_name,
           owner_id_number, owner_birth_date, owner_phone, owner_address, result_delivery, sets, received_at, received_local,
           received_date, counting_from_local, appointment_local, log_book_volume, log_book_line, officer_name, updated_at)
         VALUES ('000.00.06.H56-261123-0001', 'k1', '1.001193', 'Thủ tục đăng ký khai sinh', '{"unit":"same_day","cutoff":"15:00"}', 2, 1,
           'Nguyễn Văn An', '001090012345', '1990-05-17', '0912345678', 'Tiên Du', 'counter', 1, 0, '2026-11-23T09:32', '2026-11-23',
           '2026-11-23T09:32', '2026-11-23T17:00', '2026', 1, 'Cán bộ', 0)`,
      ).run();
    },
    check: (db) => {
      for (const t of ['scan_sessions', 'scan_session_pages']) expect(db.prepare(`SELECT count(*) AS n FROM ${t}`).get(), t).toEqual({ n: 0 });
      const session = db.prepare("INSERT INTO scan_sessions (id, dossier_id, document_code, title, created_at, last_used_at, state) VALUES (?, ?, 'TP1', 'Tờ khai', 0, 0, ?)");
      session.run('session-0001', 1, 'open');
      expect(() => session.run('session-0002', 99, 'open')).toThrow(/FOREIGN KEY/);
      expect(() => session.run('session-0003', 1, 'saved')).toThrow(/CHECK/);
      const page = db.prepare("INSERT INTO scan_session_pages (session_id, page_id, position, file, sha256, size, added_at) VALUES (?, 'p1', 0, 'f', ?, 1, 0)");
      page.run('session-0001', 'a'.repeat(64));
      expect(() => page.run('session-0001', 'b'.repeat(64))).toThrow(/UNIQUE|PRIMARY KEY/);
      expect(() => page.run('session-none', 'a'.repeat(64))).toThrow(/FOREIGN KEY/);
      expect(db.prepare('SELECT rotation, removed FROM scan_session_pages').get()).toEqual({ rotation: 0, removed: null });
    },
  },
};

describe('each migration', () => {
  it('has a migration test case', () => {
    expect(Object.keys(migrationCases).map(Number)).toEqual(migrations.map((m) => m.version));
  });

  for (const migration of migrations) {
    it(`${String(migration.version).padStart(4, '0')}-${migration.name}: migrates a database holding version ${migration.version - 1} fixtures`, () => {
      const testCase = migrationCases[migration.version];
      if (!testCase) throw new Error(`No test case for migration ${migration.version}`);
      const dir = tempDir();
      const before = openFile(dir, migration.version - 1);
      expect(schemaVersion(before)).toBe(migration.version - 1);
      testCase.fixtures(before);
      before.close();

      const db = openFile(dir, migration.version);
      try {
        expect(schemaVersion(db)).toBe(migration.version);
        testCase.check(db);
      } finally {
        db.close();
      }
    });
  }
});

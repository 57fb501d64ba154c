import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_CHECKPOINT_FILE, appendAuditCheckpoint, checkpointKey, readAuditCheckpoints } from '../../main/storage/audit-checkpoint';
import {
  appendAudit,
  auditEntryHash,
  auditHashInput,
  auditHead,
  auditVerdictText,
  createAuditTables,
  verifyAuditChain,
  type AuditEntry,
  type AuditVerdict,
} from '../../main/storage/audit-log';
import { openDatabase, writeTransaction, type Db } from '../../main/storage/database';
import { FIXED_NOW, tempDir } from '../helpers/station';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'main/storage/audit-verify-cli.ts');
const DB_KEY = Buffer.alloc(32, 7); // stands for the station's database key: the checkpoints' MAC key is derived from it

/** A station database with the audit table and `n` entries: receptions, then corrections of them. */
function auditedDatabase(n: number): { db: Db; file: string; dir: string } {
  const dir = tempDir();
  const file = join(dir, 'station.sqlite3');
  const db = openDatabase(file);
  createAuditTables(db);
  for (let i = 1; i <= n; i++) {
    writeTransaction(db, () =>
      appendAudit(db, {
        at: new Date(FIXED_NOW.getTime() + i * 60_000),
        officerId: i % 3 === 0 ? 'officer-2' : 'officer-1',
        action: i % 2 === 0 ? 'dossier.correct' : 'dossier.create',
        dossierId: Math.ceil(i / 2),
        ...(i % 2 === 0 ? { before: { ownerPhone: '0912345678', ownerName: 'Nguyễn Văn A' }, after: { ownerName: 'Nguyễn Văn Á', ownerPhone: '0912345679' } } : {}),
      }),
    );
  }
  return { db, file, dir };
}

/** The real sqlite3 command-line shell on the file, as someone with the PC would use it. */
function sqlite3(file: string, sql: string): { status: number | null; stderr: string } {
  const r = spawnSync('sqlite3', [file, sql], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout + r.stderr };
}

const failure = (v: AuditVerdict) => (v.ok ? null : { problem: v.problem, seq: v.seq });

describe('the audit chain', () => {
  it('verifies a chain of entries and names its head', () => {
    const { db } = auditedDatabase(40);
    const verdict = verifyAuditChain(db);
    expect(verdict).toEqual({ ok: true, entries: 40, head: auditHead(db), checkpointsMatched: 0 });
    expect(auditVerdictText(verdict, 'vi')).toBe('Nhật ký thao tác nguyên vẹn: 40 mục, chuỗi mã băm khớp từ mục 1 đến mục 40.');
    // Corrections are stored as canonical JSON: sorted keys, no spaces.
    const row = db.prepare('SELECT before, after, prev_hash FROM audit_log WHERE seq = 2').get() as { before: string; after: string; prev_hash: string };
    expect(row.before).toBe('{"ownerName":"Nguyễn Văn A","ownerPhone":"0912345678"}');
    expect(row.after).toBe('{"ownerName":"Nguyễn Văn Á","ownerPhone":"0912345679"}');
    expect(row.prev_hash).toBe((db.prepare('SELECT hash FROM audit_log WHERE seq = 1').pluck().get() as string));
    db.close();
  });

  it('answers an empty log as intact and creating the tables twice changes nothing', () => {
    const { db } = auditedDatabase(0);
    createAuditTables(db);
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: 0, head: null, checkpointsMatched: 0 });
    expect(auditVerdictText(verifyAuditChain(db), 'en')).toBe('The audit log has no entries yet.');
    db.close();
  });

  it('hashes awkward text the same way when SQLite serialises it for the check', () => {
    const { db } = auditedDatabase(0);
    const awkward = ['He said "no" \\ then left', 'dòng 1\ndòng 2\ttab', 'U+2028:\u2028 U+007F:\u007f', '𠀀 emoji 🙂', 'Đặng Thuỳ Dương', '{"x":1}'];
    for (const [i, text] of awkward.entries()) {
      writeTransaction(db, () => appendAudit(db, { at: FIXED_NOW, officerId: `can-bo "${text.slice(0, 20)}"`.replace(/[\n\t\u007f]/g, ' '), action: 'dossier.correct', dossierId: i + 1, before: { note: text }, after: { note: `${text}!`, list: [text, i, null, true] } }));
    }
    const sqlText = db.prepare("SELECT json_array('mot-cua-audit/1', seq, at, officer_id, action, dossier_id, before, after, prev_hash) FROM audit_log ORDER BY seq").pluck().all() as string[];
    const rows = db.prepare('SELECT seq, at, officer_id AS officerId, action, dossier_id AS dossierId, before, after, prev_hash AS prevHash FROM audit_log ORDER BY seq').all() as Array<Omit<AuditEntry, 'hash'>>;
    expect(sqlText).toEqual(rows.map((r) => auditHashInput(r)));
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, entries: awkward.length });
    expect(() => writeTransaction(db, () => appendAudit(db, { at: FIXED_NOW, officerId: 'a\u0000b', action: 'officer.login' }))).toThrowError(expect.objectContaining({ code: 'AUDIT_ENTRY_INVALID' }));
    expect(() => writeTransaction(db, () => appendAudit(db, { at: FIXED_NOW, officerId: 'a\ud800', action: 'officer.login' }))).toThrowError(expect.objectContaining({ code: 'AUDIT_ENTRY_INVALID' }));
    db.close();
  });

  it('judges the content, not the table: a table rebuilt by hand with the same entries still verifies', () => {
    const { db } = auditedDatabase(6);
    // Rebuilt without STRICT and with \`at\` as REAL: SQLite now prints 1795400000000.0 where the
    // hash saw 1795400000000, so the check recomputes those entries exactly and finds them right.
    db.exec(`ALTER TABLE audit_log RENAME TO old_log;
      CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, at REAL, officer_id TEXT, action TEXT, dossier_id INTEGER, before TEXT, after TEXT, prev_hash TEXT, hash TEXT);
      INSERT INTO audit_log SELECT * FROM old_log;
      DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_in_sequence; DROP TABLE old_log;`);
    expect(db.prepare("SELECT json_array(at) FROM audit_log WHERE seq = 1").pluck().get()).toMatch(/\.0\]$/);
    createAuditTables(db);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, entries: 6 });
    db.close();
  });

  it('is written only inside the transaction of the change it records', () => {
    const { db } = auditedDatabase(2);
    expect(() => appendAudit(db, { at: FIXED_NOW, officerId: 'officer-1', action: 'dossier.view' })).toThrowError(expect.objectContaining({ code: 'AUDIT_OUTSIDE_TRANSACTION' }));
    // The change fails after its entry: both roll back together.
    expect(() => writeTransaction(db, () => {
      appendAudit(db, { at: FIXED_NOW, officerId: 'officer-1', action: 'dossier.correct', dossierId: 1, before: { a: 1 }, after: { a: 2 } });
      throw new Error('the correction itself failed');
    })).toThrow('the correction itself failed');
    expect(auditHead(db)?.seq).toBe(2);
    expect(verifyAuditChain(db).ok).toBe(true);
    db.close();
  });

  it('refuses bad entries with a typed error and writes nothing', () => {
    const { db } = auditedDatabase(1);
    const bad = [
      { at: new Date('x'), officerId: 'officer-1', action: 'dossier.view' },
      { at: FIXED_NOW, officerId: '', action: 'dossier.view' },
      { at: FIXED_NOW, officerId: 'officer-1', action: 'DROP TABLE' },
      { at: FIXED_NOW, officerId: 'officer-1', action: 'dossier.view', dossierId: -3 },
      { at: FIXED_NOW, officerId: 'officer-1', action: 'dossier.correct', after: { when: new Date(FIXED_NOW) } as never },
      { at: FIXED_NOW, officerId: 'officer-1', action: 'dossier.correct', after: { n: Number.NaN } },
    ];
    for (const entry of bad) {
      expect(() => writeTransaction(db, () => appendAudit(db, entry)), JSON.stringify(entry)).toThrowError(expect.objectContaining({ code: 'AUDIT_ENTRY_INVALID' }));
    }
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(1);
    db.close();
  });

  it('refuses UPDATE, DELETE and out-of-sequence inserts in the database itself', () => {
    const { db, file } = auditedDatabase(5);
    expect(() => db.prepare("UPDATE audit_log SET action = 'dossier.view' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 5').run()).toThrow(/append-only/);
    const head = auditHead(db)!;
    expect(() => db.prepare("INSERT INTO audit_log (seq, at, officer_id, action, prev_hash, hash) VALUES (9, 0, 'x', 'x', ?, ?)").run(head.hash, head.hash)).toThrow(/in sequence/);
    expect(() => db.prepare("INSERT INTO audit_log (seq, at, officer_id, action, prev_hash, hash) VALUES (6, 0, 'x', 'x', ?, ?)").run('0'.repeat(64), head.hash)).toThrow(/in sequence/);
    db.close();
    // The same from the sqlite3 shell.
    const update = sqlite3(file, "UPDATE audit_log SET officer_id = 'officer-9' WHERE seq = 1;");
    expect(update.status).not.toBe(0);
    expect(update.stderr).toMatch(/append-only/);
    expect(sqlite3(file, 'DELETE FROM audit_log;').stderr).toMatch(/append-only/);
    const reopened = openDatabase(file);
    expect(verifyAuditChain(reopened)).toMatchObject({ ok: true, entries: 5 });
    reopened.close();
  });

  it('catches a row edited with the sqlite3 shell after dropping the trigger, and names it', () => {
    const { db, file } = auditedDatabase(12);
    db.close();
    const edit = sqlite3(file, `DROP TRIGGER audit_log_no_update;
      UPDATE audit_log SET after = '{"ownerName":"Trần Văn B","ownerPhone":"0987654321"}' WHERE seq = 8;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: an entry is never changed'); END;`);
    expect(edit.status).toBe(0);
    const reopened = openDatabase(file);
    const verdict = verifyAuditChain(reopened);
    expect(failure(verdict)).toEqual({ problem: 'HASH_MISMATCH', seq: 8 });
    expect(auditVerdictText(verdict, 'vi')).toContain('nội dung mục số 8 đã bị sửa');
    reopened.close();

    const run = cli([file]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('PHÁT HIỆN SỬA ĐỔI: nội dung mục số 8 đã bị sửa sau khi ghi');
    const english = cli([file, '--lang', 'en']);
    expect(english.stdout).toContain('TAMPERING FOUND: entry 8 was changed');
  });

  it('catches a deleted row as a gap', () => {
    const { db, file } = auditedDatabase(10);
    db.close();
    expect(sqlite3(file, 'DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 4;').status).toBe(0);
    const reopened = openDatabase(file);
    const verdict = verifyAuditChain(reopened);
    expect(failure(verdict)).toEqual({ problem: 'GAP', seq: 4 });
    expect(auditVerdictText(verdict, 'vi')).toBe('PHÁT HIỆN XÓA: thiếu mục số 4 (sau mục 3 là mục 5). Có mục nhật ký đã bị xóa.');
    reopened.close();
    expect(cli([file]).status).toBe(1);
  });

  it('catches a replaced row by the next one not following it', () => {
    const { db, file } = auditedDatabase(10);
    // A forger rewrites entry 5 with a correct hash of its own, but leaves entry 6 as it was.
    const five = db.prepare('SELECT seq, at, officer_id AS officerId, action, dossier_id AS dossierId, before, after, prev_hash AS prevHash FROM audit_log WHERE seq = 5').get() as Omit<AuditEntry, 'hash'>;
    const forged = { ...five, officerId: 'officer-2' };
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare('UPDATE audit_log SET officer_id = ?, hash = ? WHERE seq = 5').run(forged.officerId, auditEntryHash(forged));
    createAuditTables(db); // puts the trigger back
    expect(failure(verifyAuditChain(db))).toEqual({ problem: 'PREV_HASH_MISMATCH', seq: 6 });
    db.close();
    expect(cli([file]).stdout).toContain('mục số 6 không nối tiếp mục trước nó');
  });

  it('notices the guards were dropped even when the chain still holds', () => {
    const { db, file } = auditedDatabase(3);
    db.close();
    sqlite3(file, 'DROP TRIGGER audit_log_no_delete;');
    const reopened = openDatabase(file);
    expect(failure(verifyAuditChain(reopened))).toEqual({ problem: 'TRIGGERS_MISSING', seq: null });
    reopened.close();
    const run = cli([file]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('CẢNH BÁO: chuỗi 3 mục vẫn khớp');
  });
});

describe('checkpoints kept outside the database', () => {
  /** The forger's script: edit entry `from`, then re-hash it and every later entry, guards restored. */
  function rehashFrom(db: Db, from: number, change: (e: Omit<AuditEntry, 'hash'>) => Omit<AuditEntry, 'hash'>): void {
    db.exec('DROP TRIGGER audit_log_no_update');
    const rows = db.prepare('SELECT seq, at, officer_id AS officerId, action, dossier_id AS dossierId, before, after, prev_hash AS prevHash FROM audit_log WHERE seq >= ? ORDER BY seq').all(from) as Array<Omit<AuditEntry, 'hash'>>;
    let prev = rows[0]!.prevHash;
    for (const row of rows) {
      const e = { ...(row.seq === from ? change(row) : row), prevHash: prev };
      prev = auditEntryHash(e);
      db.prepare('UPDATE audit_log SET officer_id = ?, action = ?, after = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(e.officerId, e.action, e.after, e.prevHash, prev, e.seq);
    }
    createAuditTables(db);
  }

  it('catch a re-hashed forged tail that the chain alone cannot see', () => {
    const { db, file, dir } = auditedDatabase(10);
    const checkpoints = join(dir, AUDIT_CHECKPOINT_FILE);
    const key = checkpointKey(DB_KEY);
    appendAuditCheckpoint(checkpoints, auditHead(db)!, key, FIXED_NOW);

    rehashFrom(db, 6, (e) => ({ ...e, after: '{"ownerName":"Người Khác"}' }));
    // The forged chain is consistent: without a checkpoint it passes.
    expect(verifyAuditChain(db).ok).toBe(true);
    // The checkpoint pins entry 10 to its old hash.
    const verdict = verifyAuditChain(db, { checkpoints: readAuditCheckpoints(checkpoints, key) });
    expect(failure(verdict)).toEqual({ problem: 'CHECKPOINT_MISMATCH', seq: 10 });
    expect(auditVerdictText(verdict, 'vi')).toContain('Chuỗi nhật ký đã bị dựng lại');
    db.close();

    // The technician's tool finds the checkpoint file beside the database and uses the key from the environment.
    const run = cli([file], { STATION_DATABASE_KEY: DB_KEY.toString('hex') });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Mốc kiểm tra lưu bên ngoài: 1 mốc');
    expect(run.stdout).toContain('PHÁT HIỆN GIẢ MẠO: mục số 10 khác với mốc kiểm tra');
  });

  it('catch the last entries cut off', () => {
    const { db, file, dir } = auditedDatabase(10);
    const checkpoints = join(dir, AUDIT_CHECKPOINT_FILE);
    const key = checkpointKey(DB_KEY);
    appendAuditCheckpoint(checkpoints, auditHead(db)!, key, FIXED_NOW);
    db.close();
    sqlite3(file, `DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq >= 8;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: an entry is never removed'); END;`);
    const reopened = openDatabase(file);
    expect(verifyAuditChain(reopened).ok).toBe(true);
    const verdict = verifyAuditChain(reopened, { checkpoints: readAuditCheckpoints(checkpoints, key) });
    expect(failure(verdict)).toEqual({ problem: 'TRUNCATED', seq: 8 });
    expect(auditVerdictText(verdict, 'vi')).toBe('PHÁT HIỆN XÓA: nhật ký dừng ở mục 7, nhưng mốc kiểm tra lưu bên ngoài đã ghi nhận đến mục 10. Các mục cuối đã bị xóa.');
    reopened.close();
  });

  it('pass an intact chain through every checkpoint', () => {
    const { db, file, dir } = auditedDatabase(6);
    const checkpoints = join(dir, AUDIT_CHECKPOINT_FILE);
    const key = checkpointKey(DB_KEY);
    appendAuditCheckpoint(checkpoints, auditHead(db)!, key, FIXED_NOW);
    writeTransaction(db, () => appendAudit(db, { at: FIXED_NOW, officerId: 'officer-1', action: 'officer.logout' }));
    appendAuditCheckpoint(checkpoints, auditHead(db)!, key, new Date(FIXED_NOW.getTime() + 1000));
    writeTransaction(db, () => appendAudit(db, { at: FIXED_NOW, officerId: 'officer-2', action: 'officer.login' }));
    expect(verifyAuditChain(db, { checkpoints: readAuditCheckpoints(checkpoints, key) })).toMatchObject({ ok: true, entries: 8, checkpointsMatched: 2 });
    db.close();
    const run = cli([file], { STATION_DATABASE_KEY: DB_KEY.toString('hex') });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Nhật ký thao tác nguyên vẹn: 8 mục, chuỗi mã băm khớp từ mục 1 đến mục 8 và khớp 2 mốc kiểm tra lưu bên ngoài.');
  });

  it('refuse a checkpoint file someone edited, and ignore a last line cut by a power cut', () => {
    const { db, dir } = auditedDatabase(4);
    const checkpoints = join(dir, AUDIT_CHECKPOINT_FILE);
    const key = checkpointKey(DB_KEY);
    appendAuditCheckpoint(checkpoints, auditHead(db)!, key, FIXED_NOW);
    appendFileSync(checkpoints, '{"seq":4,"hash":"ab'); // a write cut short: never reported as kept
    expect(readAuditCheckpoints(checkpoints, key)).toEqual([auditHead(db)]);
    // Moving the checkpoint back (to hide a cut-off tail) needs the key.
    const line = readFileSync(checkpoints, 'utf8').split('\n')[0]!.replace('"seq":4', '"seq":2');
    writeFileSync(checkpoints, `${line}\n`);
    expect(() => readAuditCheckpoints(checkpoints, key)).toThrowError(expect.objectContaining({ code: 'AUDIT_CHECKPOINT_FORGED', params: { file: AUDIT_CHECKPOINT_FILE, line: 1 } }));
    // A file sealed with another key is no checkpoint of this station.
    writeFileSync(checkpoints, '');
    appendAuditCheckpoint(checkpoints, auditHead(db)!, checkpointKey(Buffer.alloc(32, 1)), FIXED_NOW);
    expect(() => readAuditCheckpoints(checkpoints, key)).toThrowError(expect.objectContaining({ code: 'AUDIT_CHECKPOINT_FORGED' }));
    db.close();
  });
});

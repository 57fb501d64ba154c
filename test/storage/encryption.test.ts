import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit, createAuditTables } from '../../main/storage/audit-log';
import { chooseDatabaseCipher } from '../../main/storage/cipher-choice';
import { openDatabase, writeTransaction } from '../../main/storage/database';
import {
  createDatabaseKey,
  fileKeySealer,
  formatRecoveryCode,
  keyFilePath,
  loadDatabaseKey,
  parseRecoveryCode,
  recoverDatabaseKey,
  replaceRecoveryCode,
  unprotectedKeySealer,
  type KeyFile,
} from '../../main/storage/database-key';
import { openStationDatabase, STATION_DATABASE_FILE } from '../../main/storage/encrypted-station';
import {
  encryptExistingDatabase,
  encryptingCopyOf,
  isClearDatabaseFile,
  openEncryptedDatabase,
  type EncryptionStep,
} from '../../main/storage/encryption';
import { ensurePrivateFolder, makeDatabaseFilesPrivate, writePrivateFileDurably } from '../../main/storage/private-files';
import { FIXED_NOW, openTestStation, tempDir } from '../helpers/station';
import { CITIZEN, dossierOf, dumpTables, receive, seedCatalogue } from './dossier-rows';

const ROOT = resolve(import.meta.dirname, '../..');
const now = () => FIXED_NOW;

/** The real grep over the raw bytes of a file: does this text appear anywhere in it? */
function grepFinds(file: string, text: string): boolean {
  const r = spawnSync('grep', ['-c', '-a', '-F', text, file], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`grep failed: ${r.stderr}`);
  return r.status === 0;
}

const secrets = [CITIZEN.idNumber, CITIZEN.phone, CITIZEN.address, CITIZEN.fullName];
const mode = (path: string) => statSync(path).mode & 0o777;
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A clear station database made by the real station: dossiers received through the contract. */
async function clearStationDatabase(dossiers = 6): Promise<{ dir: string; file: string; rows: Record<string, unknown[]> }> {
  const station = openTestStation();
  for (let i = 0; i < dossiers; i++) {
    const draft = await station.validDraft(i === 0 ? { owner: { ...CITIZEN } } : { owner: { fullName: `Trần Văn Bình ${'ABCDEFGHIK'[i]}` } });
    await station.save(draft);
  }
  createAuditTables(station.db);
  writeTransaction(station.db, () => appendAudit(station.db, { at: FIXED_NOW, officerId: 'officer-1', action: 'dossier.create', dossierId: 1 }));
  const rows = dumpTables(station.db);
  // The station encrypts from its first start: an older station's clear file is made from it,
  // with the same schema (openDatabase's migrations), rows and version.
  const dir = tempDir();
  const file = join(dir, STATION_DATABASE_FILE);
  const clear = openDatabase(file);
  createAuditTables(clear);
  clear.close();
  station.db.prepare('ATTACH DATABASE ? AS clear KEY ?').run(file, '');
  station.db.pragma('foreign_keys = OFF');
  const tables = (station.db.prepare("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>).map((t) => t.name);
  // Rows the clear file's triggers derived while an earlier table was copied (the lifecycle's daily counts) give way to the original's.
  for (const t of tables) station.db.exec(`DELETE FROM clear."${t}"; INSERT INTO clear."${t}" SELECT * FROM main."${t}"`);
  station.db.prepare('DETACH DATABASE clear').run();
  station.db.pragma('foreign_keys = ON');
  await station.close();
  return { dir, file, rows };
}

/** Reads every table of whichever database the file is now, without writing to it. */
function readAnyDatabase(file: string, key: Buffer): { encrypted: boolean; rows: Record<string, unknown[]> } {
  if (isClearDatabaseFile(file)) {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return { encrypted: false, rows: dumpTables(db) };
    } finally {
      db.close();
    }
  }
  const db = openEncryptedDatabase(file, key, { readonly: true });
  try {
    return { encrypted: true, rows: dumpTables(db) };
  } finally {
    db.close();
  }
}

describe('the database encrypted at rest', () => {
  it('keeps a CCCD, a phone and an address out of the database file and its WAL', () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const encrypted = openEncryptedDatabase(join(dir, 'encrypted.sqlite3'), key);
    const clear = openDatabase(join(dir, 'clear.sqlite3'));
    for (const db of [encrypted, clear]) {
      seedCatalogue(db);
      receive(db, dossierOf({ ...CITIZEN }));
    }
    // Both still open: the rows sit in the WAL, not yet checkpointed into the main file.
    for (const name of ['encrypted.sqlite3-wal', 'clear.sqlite3-wal']) expect(statSync(join(dir, name)).size).toBeGreaterThan(0);
    // The clear database shows what grep would find.
    for (const s of secrets) expect(grepFinds(join(dir, 'clear.sqlite3-wal'), s), s).toBe(true);
    for (const s of secrets) {
      expect(grepFinds(join(dir, 'encrypted.sqlite3'), s), s).toBe(false);
      expect(grepFinds(join(dir, 'encrypted.sqlite3-wal'), s), s).toBe(false);
    }
    encrypted.close(); // checkpoints the WAL into the main file
    clear.close();
    for (const s of secrets) expect(grepFinds(join(dir, 'encrypted.sqlite3'), s), s).toBe(false);
    for (const s of secrets) expect(grepFinds(join(dir, 'clear.sqlite3'), s), s).toBe(true);
    expect(isClearDatabaseFile(join(dir, 'encrypted.sqlite3'))).toBe(false);

    const reopened = openEncryptedDatabase(join(dir, 'encrypted.sqlite3'), key);
    expect(reopened.prepare('SELECT owner_id_number, owner_phone, owner_address FROM dossiers').get()).toEqual({
      owner_id_number: CITIZEN.idNumber, owner_phone: CITIZEN.phone, owner_address: CITIZEN.address,
    });
    expect(reopened.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(reopened.pragma('synchronous', { simple: true })).toBe(2); // FULL
    reopened.close();
  });

  it('refuses a wrong key with a typed error and leaves the file and its folder untouched', () => {
    const dir = tempDir();
    const file = join(dir, 'station.sqlite3');
    const key = randomBytes(32);
    const db = openEncryptedDatabase(file, key);
    seedCatalogue(db);
    receive(db, dossierOf({ ...CITIZEN }));
    db.close();
    const before = { hash: sha256(file), files: readdirSync(dir).sort() };

    let error: unknown;
    try {
      openEncryptedDatabase(file, randomBytes(32));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'DATABASE_KEY_WRONG', params: { file: 'station.sqlite3' } });
    expect((error as { text: (l: 'vi') => string }).text('vi')).toContain('Khóa mã hóa không mở được cơ sở dữ liệu "station.sqlite3"');
    expect({ hash: sha256(file), files: readdirSync(dir).sort() }).toEqual(before);
    expect(() => openEncryptedDatabase(file, randomBytes(16))).toThrowError(expect.objectContaining({ code: 'DATABASE_KEY_INVALID' }));

    const right = openEncryptedDatabase(file, key);
    expect(right.prepare('SELECT count(*) FROM dossiers').pluck().get()).toBe(1);
    right.close();
  });

  it('does the same with each selectable cipher, and a file opens only with its own', () => {
    const dir = tempDir();
    const key = randomBytes(32);
    for (const cipher of ['chacha20', 'sqlcipher', 'aegis'] as const) {
      const file = join(dir, `${cipher}.sqlite3`);
      const db = openEncryptedDatabase(file, key, { cipher });
      seedCatalogue(db);
      receive(db, dossierOf({ ...CITIZEN }));
      for (const s of secrets) expect(grepFinds(`${file}-wal`, s), `${cipher} ${s}`).toBe(false);
      db.close();
      for (const s of secrets) expect(grepFinds(file, s), `${cipher} ${s}`).toBe(false);
      expect(() => openEncryptedDatabase(file, randomBytes(32), { cipher })).toThrowError(expect.objectContaining({ code: 'DATABASE_KEY_WRONG' }));
      const other = cipher === 'chacha20' ? 'aegis' : 'chacha20';
      expect(() => openEncryptedDatabase(file, key, { cipher: other })).toThrowError(expect.objectContaining({ code: 'DATABASE_KEY_WRONG' }));
      const again = openEncryptedDatabase(file, key, { cipher });
      expect(again.prepare('SELECT owner_phone FROM dossiers').pluck().get()).toBe(CITIZEN.phone);
      again.close();
    }
  });

  it('refuses to open a clear database as if it were encrypted', () => {
    const dir = tempDir();
    const file = join(dir, 'station.sqlite3');
    openDatabase(file).close();
    expect(() => openEncryptedDatabase(file, randomBytes(32))).toThrowError(expect.objectContaining({ code: 'DATABASE_NOT_ENCRYPTED' }));
    expect(isClearDatabaseFile(file)).toBe(true);
  });

  it('encrypts a clear station database in place, keeping every row', async () => {
    const { dir, file, rows } = await clearStationDatabase();
    const key = randomBytes(32);
    const report = encryptExistingDatabase(file, key);
    expect(report.alreadyEncrypted).toBe(false);
    expect(report.tables.dossiers).toBe(6);
    expect(report.tables.audit_log).toBe(7); // the 6 receptions the station audited, and the fixture's entry
    expect(isClearDatabaseFile(file)).toBe(false);
    for (const s of secrets) expect(grepFinds(file, s), s).toBe(false);
    // Only the database is left: no copy, no clear WAL or SHM beside it.
    expect(readdirSync(dir).filter((f) => f.startsWith(STATION_DATABASE_FILE))).toEqual([STATION_DATABASE_FILE]);
    expect(mode(file)).toBe(0o600);

    const db = openEncryptedDatabase(file, key);
    expect(dumpTables(db)).toEqual(rows);
    db.close();
    // A second run finds the work done.
    expect(encryptExistingDatabase(file, key).alreadyEncrypted).toBe(true);
    expect(() => encryptExistingDatabase(file, randomBytes(32))).toThrowError(expect.objectContaining({ code: 'DATABASE_KEY_WRONG' }));
  });

  it('refuses to convert a damaged database and leaves it as it was', () => {
    const dir = tempDir();
    const file = join(dir, 'station.sqlite3');
    const db = openDatabase(file);
    seedCatalogue(db);
    for (let i = 0; i < 300; i++) receive(db, dossierOf({ ...CITIZEN, fullName: `Người ${i}` }));
    db.close();
    const bytes = readFileSync(file);
    bytes.fill(0x55, 4096 * 3, 4096 * 3 + 2000); // a page of the middle scribbled over
    writeFileSync(file, bytes);
    const before = sha256(file);
    expect(() => encryptExistingDatabase(file, randomBytes(32))).toThrowError(expect.objectContaining({ code: 'DATABASE_DAMAGED' }));
    expect(sha256(file)).toBe(before);
    expect(existsSync(encryptingCopyOf(file))).toBe(false);
  });

  describe('killed at each step of the conversion', () => {
    const steps: EncryptionStep[] = ['checked', 'copied', 'encrypted', 'verified', 'swapped', 'cleaned'];
    for (const step of steps) {
      it(`leaves one usable database when killed after "${step}"`, async () => {
        const { dir, file, rows } = await clearStationDatabase(4);
        const key = randomBytes(32);

        const { code, signal, stdout } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((done, fail) => {
          const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/storage/encryption-child.ts'), file, key.toString('hex'), step], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
          let out = '';
          let err = '';
          child.stdout.on('data', (c: Buffer) => { out += c.toString('utf8'); });
          child.stderr.on('data', (c: Buffer) => { err += c.toString('utf8'); });
          child.on('error', fail);
          child.on('exit', (c, s) => (s === 'SIGKILL' || c === 0 ? done({ code: c, signal: s, stdout: out }) : fail(new Error(`child exited ${c}: ${err}`))));
        });
        expect(signal).toBe('SIGKILL');
        expect(code).toBeNull();
        expect(stdout).not.toContain('FINISHED');

        // Exactly one database, complete: the clear original before the swap, the encrypted one after.
        const found = readAnyDatabase(file, key);
        expect(found.encrypted).toBe(step === 'swapped' || step === 'cleaned');
        expect(found.rows).toEqual(rows);
        if (found.encrypted) {
          for (const name of readdirSync(dir)) for (const s of secrets) expect(grepFinds(join(dir, name), s), `${name}: ${s}`).toBe(false);
        }

        // Starting again finishes the work and leaves nothing else behind.
        encryptExistingDatabase(file, key);
        expect(readdirSync(dir).filter((f) => f !== STATION_DATABASE_FILE)).toEqual([]);
        const db = openEncryptedDatabase(file, key);
        expect(dumpTables(db)).toEqual(rows);
        db.close();
      });
    }
  });
});

describe('the database key', () => {
  const sealerIn = (dir: string) => fileKeySealer(join(dir, 'wrapping.key'));

  it('is sealed in a key file that says how, and unsealed by the same PC', async () => {
    const dataDir = tempDir();
    const pc = sealerIn(tempDir());
    const { key, recoveryCode } = await createDatabaseKey(dataDir, pc, { now });
    expect(key).toHaveLength(32);
    expect(recoveryCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){4}$/);
    const record = JSON.parse(readFileSync(keyFilePath(dataDir), 'utf8')) as KeyFile;
    expect(record).toMatchObject({ format: 'mot-cua/station-key', version: 1, protection: 'key-file', createdAt: FIXED_NOW.toISOString() });
    // The cipher chosen for this CPU (encryption-cipher-choice.test.ts covers the choice).
    expect(record.cipher).toBe(chooseDatabaseCipher().cipher);
    expect(record.recovery.kdf).toBe('hkdf-sha256');
    // Neither the key nor the recovery code is in the file.
    const text = readFileSync(keyFilePath(dataDir), 'utf8');
    expect(text).not.toContain(key.toString('hex'));
    expect(text).not.toContain(key.toString('base64'));
    expect(text).not.toContain(recoveryCode.replace(/-/g, '').slice(0, 10));
    expect(mode(keyFilePath(dataDir))).toBe(0o600);

    expect((await loadDatabaseKey(dataDir, pc, { now })).key.equals(key)).toBe(true);
    await expect(createDatabaseKey(dataDir, pc, { now })).rejects.toMatchObject({ code: 'KEY_FILE_EXISTS' });
  });

  it('moves to another PC with the recovery code, and only with it', async () => {
    const dataDir = tempDir();
    const oldPc = sealerIn(tempDir());
    const newPc = sealerIn(tempDir());
    const { key, recoveryCode } = await createDatabaseKey(dataDir, oldPc, { now });
    const db = openEncryptedDatabase(join(dataDir, STATION_DATABASE_FILE), key);
    seedCatalogue(db);
    receive(db, dossierOf({ ...CITIZEN }));
    db.close();

    // The copied data folder on the new PC: its sealer cannot open the key.
    await expect(loadDatabaseKey(dataDir, newPc, { now })).rejects.toMatchObject({ code: 'KEY_UNSEAL_FAILED' });
    // A wrong code of the right shape, a typo, a code too short.
    const other = formatRecoveryCode('7'.repeat(24));
    await expect(recoverDatabaseKey(dataDir, other, newPc, { now })).rejects.toMatchObject({ code: 'RECOVERY_CODE_WRONG' });
    const last = recoveryCode.slice(-1);
    const typo = recoveryCode.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    await expect(recoverDatabaseKey(dataDir, typo, newPc, { now })).rejects.toMatchObject({ code: 'RECOVERY_CODE_TYPO' });
    await expect(recoverDatabaseKey(dataDir, recoveryCode.slice(0, 20), newPc, { now })).rejects.toMatchObject({ code: 'RECOVERY_CODE_FORMAT', params: { length: 17 } });

    // Typed as a technician would: lower case, spaces for dashes.
    const recovered = await recoverDatabaseKey(dataDir, recoveryCode.toLowerCase().replace(/-/g, ' '), newPc, { now });
    expect(recovered.key.equals(key)).toBe(true);
    expect((await loadDatabaseKey(dataDir, newPc, { now })).key.equals(key)).toBe(true);
    const reopened = openEncryptedDatabase(join(dataDir, STATION_DATABASE_FILE), recovered.key);
    expect(reopened.prepare('SELECT owner_id_number FROM dossiers').pluck().get()).toBe(CITIZEN.idNumber);
    reopened.close();

    // A new sheet replaces the old one.
    const fresh = await replaceRecoveryCode(dataDir, newPc, { now });
    await expect(recoverDatabaseKey(dataDir, recoveryCode, oldPc, { now })).rejects.toMatchObject({ code: 'RECOVERY_CODE_WRONG' });
    expect((await recoverDatabaseKey(dataDir, fresh, oldPc, { now })).key.equals(key)).toBe(true);
  });

  it('reads recovery codes forgivingly: O for 0, I and L for 1', () => {
    const code = formatRecoveryCode('0123456789ABCDEFGHJKMNPQ');
    expect(parseRecoveryCode(code)).toBe('0123456789ABCDEFGHJKMNPQ');
    expect(parseRecoveryCode(code.replace(/0/g, 'O').replace(/1/, 'l').replace(/-/g, ' '))).toBe('0123456789ABCDEFGHJKMNPQ');
    expect(() => parseRecoveryCode(`${code}X`)).toThrowError(expect.objectContaining({ code: 'RECOVERY_CODE_FORMAT' }));
    expect(() => parseRecoveryCode(code.replace('A', '#'))).toThrowError(expect.objectContaining({ code: 'RECOVERY_CODE_FORMAT' }));
  });

  it('refuses to run with an unprotected key unless the technician accepts it', async () => {
    const dataDir = tempDir();
    await expect(createDatabaseKey(dataDir, unprotectedKeySealer, { now })).rejects.toMatchObject({ code: 'KEY_UNSEALED_REFUSED' });
    expect(existsSync(keyFilePath(dataDir))).toBe(false);
    const { key } = await createDatabaseKey(dataDir, unprotectedKeySealer, { now, acceptUnsealedKey: true });
    expect((JSON.parse(readFileSync(keyFilePath(dataDir), 'utf8')) as KeyFile).protection).toBe('none');
    await expect(loadDatabaseKey(dataDir, unprotectedKeySealer, { now })).rejects.toMatchObject({ code: 'KEY_UNSEALED_REFUSED' });
    expect((await loadDatabaseKey(dataDir, unprotectedKeySealer, { now, acceptUnsealedKey: true })).key.equals(key)).toBe(true);
    // Once a real sealer is there, the key is sealed with it at the next start.
    const pc = sealerIn(tempDir());
    expect((await loadDatabaseKey(dataDir, pc, { now, acceptUnsealedKey: true })).key.equals(key)).toBe(true);
    expect((JSON.parse(readFileSync(keyFilePath(dataDir), 'utf8')) as KeyFile).protection).toBe('key-file');
    expect((await loadDatabaseKey(dataDir, pc, { now })).key.equals(key)).toBe(true);
  });

  it('names a missing or damaged key file', async () => {
    const dataDir = tempDir();
    const pc = sealerIn(tempDir());
    await expect(loadDatabaseKey(dataDir, pc, { now })).rejects.toMatchObject({ code: 'KEY_FILE_MISSING' });
    writeFileSync(keyFilePath(dataDir), '{"format":"mot-cua/station-key","version":1}');
    await expect(loadDatabaseKey(dataDir, pc, { now })).rejects.toMatchObject({ code: 'KEY_FILE_DAMAGED' });
    writeFileSync(keyFilePath(dataDir), 'not json');
    await expect(loadDatabaseKey(dataDir, pc, { now })).rejects.toMatchObject({ code: 'KEY_FILE_DAMAGED', params: { detail: 'JSON' } });
  });
});

describe('opening the station database', () => {
  it('makes the key on the first start, prints the code once, and opens the same data after', async () => {
    const dataDir = join(tempDir(), 'data');
    const pc = fileKeySealer(join(tempDir(), 'wrapping.key'));
    const first = await openStationDatabase(dataDir, { sealer: pc, now });
    expect(first.recoveryCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
    expect(first.encrypted).toBeNull();
    seedCatalogue(first.db);
    receive(first.db, dossierOf({ ...CITIZEN }));

    // Owner-only: the folder, the database and its WAL and SHM, the key file.
    expect(mode(dataDir)).toBe(0o700);
    for (const f of [STATION_DATABASE_FILE, `${STATION_DATABASE_FILE}-wal`, `${STATION_DATABASE_FILE}-shm`, 'station-key.json']) expect(mode(join(dataDir, f)), f).toBe(0o600);
    first.db.close();

    const second = await openStationDatabase(dataDir, { sealer: pc, now });
    expect(second.recoveryCode).toBeNull();
    expect(second.db.prepare('SELECT owner_name FROM dossiers').pluck().get()).toBe(CITIZEN.fullName);
    second.db.close();
  });

  it('converts the clear database of an older station at its first encrypted start', async () => {
    const { dir, file, rows } = await clearStationDatabase(3);
    chmodSync(dir, 0o755);
    chmodSync(file, 0o644);
    const opened = await openStationDatabase(dir, { sealer: fileKeySealer(join(tempDir(), 'wrapping.key')), now });
    expect(opened.recoveryCode).not.toBeNull();
    expect(opened.encrypted?.tables.dossiers).toBe(3);
    expect(dumpTables(opened.db)).toEqual(rows);
    expect(isClearDatabaseFile(file)).toBe(false);
    expect(mode(dir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    opened.db.close();
  });

  it('does not make a new key over an encrypted database whose key file is gone', async () => {
    const dataDir = tempDir();
    const pc = fileKeySealer(join(tempDir(), 'wrapping.key'));
    (await openStationDatabase(dataDir, { sealer: pc, now })).db.close();
    const keyFile = keyFilePath(dataDir);
    rmSync(keyFile);
    await expect(openStationDatabase(dataDir, { sealer: pc, now })).rejects.toMatchObject({ code: 'KEY_FILE_MISSING' });
    expect(existsSync(keyFile)).toBe(false);
  });
});

describe('private files', () => {
  it('writes scans and signed PDFs 0600 in 0700 folders', async () => {
    const dataDir = tempDir();
    const pdf = join(dataDir, 'scans', '2026', '000.00.06.H56-261123-0001', 'TP1.pdf');
    await writePrivateFileDurably(pdf, Buffer.from('%PDF-1.7\n'));
    expect(mode(pdf)).toBe(0o600);
    for (const folder of ['scans', 'scans/2026', 'scans/2026/000.00.06.H56-261123-0001']) expect(mode(join(dataDir, folder)), folder).toBe(0o700);
    expect(readFileSync(pdf, 'utf8')).toBe('%PDF-1.7\n');
  });

  it('narrows a data folder and database files left readable by others', () => {
    const dataDir = join(tempDir(), 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    const file = join(dataDir, 'station.sqlite3');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) writeFileSync(f, '', { mode: 0o644 });
    ensurePrivateFolder(dataDir);
    makeDatabaseFilesPrivate(file);
    expect(mode(dataDir)).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f)).toBe(0o600);
  });
});

describe('the audit verifier on an encrypted database', () => {
  it('reads the key from the recovery code and the key file beside the database', async () => {
    const dataDir = tempDir();
    const pc = fileKeySealer(join(tempDir(), 'wrapping.key'));
    const { db, recoveryCode } = await openStationDatabase(dataDir, { sealer: pc, now });
    createAuditTables(db);
    for (let i = 0; i < 5; i++) writeTransaction(db, () => appendAudit(db, { at: FIXED_NOW, officerId: 'officer-1', action: 'officer.login' }));
    db.close();
    const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'main/storage/audit-verify-cli.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, STATION_DATABASE_KEY: '' } });
    const file = join(dataDir, STATION_DATABASE_FILE);
    const withCode = cli([file, '--recovery-code', recoveryCode!]);
    expect(withCode.status).toBe(0);
    expect(withCode.stdout).toContain('Nhật ký thao tác nguyên vẹn: 5 mục');
    const withoutKey = cli([file]);
    expect(withoutKey.status).toBe(1);
    expect(withoutKey.stdout).toContain('Cơ sở dữ liệu đã mã hóa: cần mã khôi phục');
    const wrongCode = cli([file, '--recovery-code', formatRecoveryCode('7'.repeat(24))]);
    expect(wrongCode.status).toBe(1);
    expect(wrongCode.stdout).toContain('Mã khôi phục không đúng với cơ sở dữ liệu này');
  });
});

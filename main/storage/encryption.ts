import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, constants, copyFileSync, existsSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { applyPragmas, type Db, type OpenOptions } from './database';
import { migrate } from './migrate';
import { makeDatabaseFilesPrivate, makeFilePrivate } from './private-files';
import { missingCaseError } from '../core/errors';
import { SecurityError } from '../core/security-errors';

// The station's database encrypted at rest, through better-sqlite3-multiple-ciphers (the same
// API as better-sqlite3, with SQLite3 Multiple Ciphers compiled in). Every page of the main file
// and of the WAL is encrypted; the key is 32 random bytes passed raw (x'…'), so no
// passphrase-stretching runs at open — the key's protection is the OS seal (database-key.ts).
//
// The ciphers: AEGIS-256 or ChaCha20-Poly1305 (SQLite3MC's own current format, `legacy = 0`),
// chosen per station when its key is made (cipher-choice.ts) and recorded in the key file
// (database-key.ts). Measured in test/bench/security.ts on this project's machine, a dossier
// commit (WAL, synchronous=FULL) against a clear one in the same loop: AEGIS-256 ~1.0×,
// ChaCha20 ~1.45×, SQLCipher 4 (AES-256-CBC + HMAC-SHA512, `legacy = 4`) ~1.6–1.7×. The extra
// cost is CPU, ~0.14 ms a commit for ChaCha20, set against this machine's unusually cheap fsync
// (~0.25 ms); on a counter PC's disk (fsync of milliseconds) it is a few per cent. AEGIS-256 is
// that fast only on AES instructions (AES-NI with AVX, or ARMv8 crypto): its software fallback
// is table-based and far slower than ChaCha20 (a commit ~4.2× the clear one, measured with
// test/bench/cipher-software.ts), and the old counter PCs' Celeron and Pentium CPUs lack them —
// there ChaCha20, fast and constant-time in plain software. This build's AES
// ciphers (SQLCipher's) use no AES instructions at all. Every page is authenticated with any
// of them: a flipped byte is an error, never silently wrong data. SQLCipher compatibility would
// only let a technician open the file in DB Browser for SQLite — recovery goes through the
// recovery code instead; it stays selectable.

export type DatabaseCipher = 'chacha20' | 'sqlcipher' | 'aegis';
export const DATABASE_CIPHERS: readonly DatabaseCipher[] = ['chacha20', 'aegis', 'sqlcipher'];
/**
 * The cipher when none is named: every station's before the per-station choice, a new file's
 * when the caller names none, and the choice's answer when the CPU cannot be asked.
 */
export const DATABASE_CIPHER: DatabaseCipher = 'chacha20';

export type EncryptedOpenOptions = OpenOptions & Readonly<{
  /**
   * The database's cipher, from its key file. Omitted: a new file gets DATABASE_CIPHER, an
   * existing one is opened with whichever cipher its key authenticates (tools given only a key).
   */
  cipher?: DatabaseCipher;
  /** Bring the schema up to date (default); the migration and verification code opens without. */
  migrate?: boolean;
  /** Read-only, for tools (the audit verifier): no pragma that writes, no migration. */
  readonly?: boolean;
}>;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** True when the file starts with SQLite's clear header (an encrypted file starts with random bytes). */
export function isClearDatabaseFile(file: string): boolean {
  if (!existsSync(file) || statSync(file).size < SQLITE_HEADER.length) return false;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    readSync(fd, head, 0, head.length, 0);
    return head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

function checkKey(key: Uint8Array): string {
  if (!(key instanceof Uint8Array) || key.length !== 32) throw new SecurityError('DATABASE_KEY_INVALID');
  return Buffer.from(key).toString('hex');
}

type Connection = InstanceType<typeof Database>;

/** The cipher first, then the key: SQLite3MC reads the cipher's settings when the key arrives. */
export function applyCipherPragmas(db: Connection, cipher: DatabaseCipher): void {
  switch (cipher) {
    case 'chacha20':
      db.pragma("cipher = 'chacha20'");
      db.pragma('legacy = 0');
      break;
    case 'sqlcipher':
      db.pragma("cipher = 'sqlcipher'");
      db.pragma('legacy = 4');
      break;
    case 'aegis':
      db.pragma("cipher = 'aegis'");
      db.pragma('algorithm = 4'); // AEGIS-256: a 32-byte key
      break;
    default:
      throw missingCaseError(cipher);
  }
}

function keyConnection(db: Connection, cipher: DatabaseCipher, hexKey: string, file: string): void {
  applyCipherPragmas(db, cipher);
  db.pragma(`key = "x'${hexKey}'"`);
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw new SecurityError('DATABASE_KEY_WRONG', { file: basename(file) });
    throw error;
  }
}

/** Pages in the file or still in its WAL (a new database's first pages may not be checkpointed yet). */
const hasPages = (file: string) => [file, `${file}-wal`].some((f) => existsSync(f) && statSync(f).size > 0);

/** A connection with the cipher and the key applied and proven, or DATABASE_KEY_WRONG (closed). */
function keyedConnection(file: string, options: EncryptedOpenOptions & { fileMustExist?: boolean }, cipher: DatabaseCipher, hexKey: string): Connection {
  const db = connect(file, options);
  try {
    keyConnection(db, cipher, hexKey, file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * An existing file whose cipher the caller does not know: each cipher tried on a fresh connection
 * (nothing of a failed attempt carries over). Only the right cipher with the right key
 * authenticates page 1, so the wrong ones fail with DATABASE_KEY_WRONG and change nothing.
 */
function connectWithAnyCipher(file: string, options: EncryptedOpenOptions & { fileMustExist?: boolean }, hexKey: string): Connection {
  let wrong: unknown;
  for (const cipher of DATABASE_CIPHERS) {
    try {
      return keyedConnection(file, options, cipher, hexKey);
    } catch (error) {
      if ((error as { code?: string }).code !== 'DATABASE_KEY_WRONG') throw error;
      wrong = error;
    }
  }
  throw wrong;
}

function connect(file: string, options: EncryptedOpenOptions & { fileMustExist?: boolean }): Connection {
  return new Database(file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true } : {}),
    fileMustExist: options.readonly === true || options.fileMustExist === true,
  });
}

/**
 * Opens (creating if needed) an encrypted station database. The cipher and the key are the
 * first statements on the connection, and the key is proven right (page 1 decrypts and
 * authenticates) before any pragma that could write: a wrong key gives DATABASE_KEY_WRONG and
 * the file, its WAL and the folder are left exactly as they were. A clear database is refused
 * (DATABASE_NOT_ENCRYPTED): encryptExistingDatabase converts it. Then the station's own pragmas
 * (WAL, synchronous=FULL, foreign keys) and migrations, as openDatabase does. A new file is
 * created 0600 first, so SQLite's -wal and -shm are owner-only too.
 */
export function openEncryptedDatabase(file: string, key: Uint8Array, options: EncryptedOpenOptions = {}): Db {
  const hexKey = checkKey(key);
  if (isClearDatabaseFile(file)) throw new SecurityError('DATABASE_NOT_ENCRYPTED', { file: basename(file) });
  if (!options.readonly && !existsSync(file)) writeFileSync(file, '', { mode: 0o600, flag: 'wx' });
  const db = options.cipher || !hasPages(file) ? keyedConnection(file, options, options.cipher ?? DATABASE_CIPHER, hexKey) : connectWithAnyCipher(file, options, hexKey);
  try {
    if (options.readonly) {
      db.pragma('busy_timeout = 5000');
    } else {
      applyPragmas(db as unknown as Db);
      if (options.migrate !== false) migrate(db as unknown as Db, options.targetVersion);
      makeDatabaseFilesPrivate(file);
    }
  } catch (error) {
    db.close();
    throw error;
  }
  // The same API as better-sqlite3's Database: the station's statement cache and helpers work on it.
  return db as unknown as Db;
}

// ---------------------------------------------------------------------------------------------
// Converting a clear database in place.

export type EncryptionStep = 'checked' | 'copied' | 'encrypted' | 'verified' | 'swapped' | 'cleaned';

export type EncryptionReport = Readonly<{
  alreadyEncrypted: boolean;
  /** Rows per table, equal in the clear original and the encrypted copy. */
  tables: Readonly<Record<string, number>>;
  ms: number;
}>;

export type EncryptOptions = Readonly<{
  cipher?: DatabaseCipher;
  nativeBinding?: string;
  /** Called after each step: the crash tests kill the process there. */
  onStep?: (step: EncryptionStep) => void;
}>;

/** The encrypted copy while it is being made; its name says it is not the database yet. */
export const encryptingCopyOf = (file: string): string => `${file}.encrypting`;
const COMPANIONS = ['-wal', '-shm', '-journal'];

function removeFile(file: string): void {
  rmSync(file, { force: true });
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch { /* Windows cannot open a folder: its rename is durable on its own */ } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Removes what an interrupted encryptExistingDatabase left: the unfinished encrypted copy and
 * its companions. Never touches the database itself. Safe to call at every start.
 */
export function finishInterruptedEncryption(file: string): void {
  const copy = encryptingCopyOf(file);
  for (const f of [copy, ...COMPANIONS.map((s) => copy + s)]) removeFile(f);
}

function tableCounts(db: Connection): Record<string, number> {
  const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(names.map((n) => [n, db.prepare(`SELECT count(*) FROM "${n.replace(/"/g, '""')}"`).pluck().get() as number]));
}

/**
 * Encrypts a clear station database in place, so that a crash or a power cut at any moment
 * leaves one usable database — the clear original until the final rename, the encrypted one
 * after it:
 *   1. checked — the original passes quick_check, its WAL is checkpointed into the main file
 *      (TRUNCATE; refused if another connection holds it) and its rows are counted; closing it
 *      removes its -wal and -shm;
 *   2. copied — the main file is copied to `<file>.encrypting` (0600) and fsynced;
 *   3. encrypted — the copy is rekeyed page by page (rollback journal, then back to WAL), fsynced;
 *   4. verified — the copy opens with the key, passes quick_check and has the same rows per
 *      table and the same schema version;
 *   5. swapped — if the original was not written meanwhile, the copy is renamed over it (atomic)
 *      and the folder fsynced: the clear file is gone from the folder in the same instant;
 *   6. cleaned — leftovers removed.
 * Nothing is written to the original but its own checkpoint. Run again after a crash, it
 * removes the unfinished copy and starts over, or finds the work done. The clear file's old
 * blocks may stay on the disk until reused (SSDs remap writes): full-disk encryption (BitLocker)
 * is the answer to that, not overwriting.
 */
export function encryptExistingDatabase(file: string, key: Uint8Array, options: EncryptOptions = {}): EncryptionReport {
  const started = performance.now();
  const hexKey = checkKey(key);
  const cipher = options.cipher ?? DATABASE_CIPHER;
  const step = options.onStep ?? (() => {});
  const copy = encryptingCopyOf(file);
  finishInterruptedEncryption(file);
  if (!existsSync(file)) throw new SecurityError('DATABASE_DAMAGED', { file: basename(file), detail: 'ENOENT' });
  if (!isClearDatabaseFile(file)) {
    // Converted already (a crash after the rename): the key must open it.
    const opts = { ...options, fileMustExist: true };
    (options.cipher ? keyedConnection(file, opts, options.cipher, hexKey) : connectWithAnyCipher(file, opts, hexKey)).close();
    return { alreadyEncrypted: true, tables: {}, ms: performance.now() - started };
  }

  // 1. The original, checked and self-contained.
  let counts: Record<string, number>;
  let userVersion: number;
  const clear = connect(file, { ...options, fileMustExist: true });
  try {
    clear.pragma('busy_timeout = 5000');
    const check = clear.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new SecurityError('DATABASE_DAMAGED', { file: basename(file), detail: String(check) });
    const [checkpoint] = clear.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (checkpoint && checkpoint.busy !== 0) throw new SecurityError('DATABASE_BUSY_DURING_ENCRYPTION', { file: basename(file) });
    counts = tableCounts(clear);
    userVersion = clear.pragma('user_version', { simple: true }) as number;
  } finally {
    clear.close();
  }
  const before = statSync(file);
  step('checked');

  try {
    // 2. A copy of the clear file, owner-only.
    copyFileSync(file, copy, constants.COPYFILE_EXCL);
    makeFilePrivate(copy);
    fsyncFile(copy);
    step('copied');

    // 3. The copy encrypted in place.
    const enc = connect(copy, { ...options, fileMustExist: true });
    try {
      enc.pragma('journal_mode = DELETE'); // rekey rewrites pages through the rollback journal, not a WAL
      applyCipherPragmas(enc, cipher);
      enc.pragma(`rekey = "x'${hexKey}'"`);
      enc.pragma('journal_mode = WAL');
    } finally {
      enc.close();
    }
    fsyncFile(copy);
    step('encrypted');

    // 4. The copy proven readable and complete.
    const check = connect(copy, { ...options, fileMustExist: true });
    try {
      keyConnection(check, cipher, hexKey, copy);
      const quick = check.pragma('quick_check', { simple: true });
      const encryptedCounts = tableCounts(check);
      const version = check.pragma('user_version', { simple: true }) as number;
      const mismatch = quick !== 'ok' ? `quick_check: ${String(quick)}` : version !== userVersion ? `user_version ${version} ≠ ${userVersion}`
        : JSON.stringify(encryptedCounts) !== JSON.stringify(counts) ? 'row counts differ' : null;
      if (mismatch) throw new SecurityError('DATABASE_ENCRYPTION_CHECK_FAILED', { detail: mismatch });
    } finally {
      check.close();
    }
    if (isClearDatabaseFile(copy)) throw new SecurityError('DATABASE_ENCRYPTION_CHECK_FAILED', { detail: 'clear header' });
    step('verified');

    // 5. The swap, unless someone wrote to the original meanwhile (its rows would be lost).
    const now = statSync(file);
    const walLeft = existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0;
    if (walLeft || now.size !== before.size || now.mtimeMs !== before.mtimeMs) {
      throw new SecurityError('DATABASE_BUSY_DURING_ENCRYPTION', { file: basename(file) });
    }
    for (const suffix of COMPANIONS) removeFile(file + suffix); // empty after the checkpoint; a clear -wal must not sit beside the encrypted file
    renameSync(copy, file);
    fsyncFolder(dirname(file));
    step('swapped');
  } catch (error) {
    finishInterruptedEncryption(file);
    throw error;
  }

  // 6. Nothing of the copy left.
  finishInterruptedEncryption(file);
  makeDatabaseFilesPrivate(file);
  fsyncFolder(dirname(file));
  step('cleaned');
  return { alreadyEncrypted: false, tables: counts, ms: performance.now() - started };
}

import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { chooseDatabaseCipher } from './cipher-choice';
import type { DatabaseCipher } from './encryption';
import { writePrivateFileDurablySync } from './private-files';
import { SecurityError } from '../core/security-errors';

// The database key: 32 random bytes, never on disk in the clear. The key file in the data folder
// holds it twice:
//   - sealed by the OS (KeySealer: DPAPI through Electron's safeStorage on Windows), for every
//     day — the station opens without anyone typing anything, and a copy of the folder taken to
//     another PC or account cannot be unsealed there;
//   - wrapped by the recovery code (AES-256-GCM under a key derived from the code), for the
//     technician moving the station to a new PC or restoring a backup. The code is printed once,
//     when the key is made, and never stored.
// So a backup must include the key file (safe to copy: it only holds sealed and wrapped forms);
// the database alone, without it, cannot be read even with the recovery code.
//
// The layout (station-key.json, 0600):
//   { "format": "mot-cua/station-key", "version": 1,
//     "keyId": 16 hex digits of SHA-256 over the key (tells a wrong unseal from the right one),
//     "cipher": "aegis" | "chacha20" | "sqlcipher",  the database's cipher, chosen once when the
//                                                 key is made (cipher-choice.ts) and kept for good
//     "protection": "os-keychain" | "key-file" | "none",   how sealedKey is sealed
//     "sealedKey": base64,
//     "recovery": { "kdf": "hkdf-sha256", "salt": b64, "nonce": b64, "wrappedKey": b64 (key + GCM tag) },
//     "createdAt": ISO time, "resealedAt"?: ISO time }
//
// The recovery code: 24 random symbols of Crockford's base32 (0-9, A-Z without I, L, O, U:
// 120 bits, nothing to brute-force, so a fast HKDF is enough) and one check symbol, printed as 5
// groups of 5. Typing is forgiving: case, spaces, dashes, O for 0 and I or L for 1.

export type KeyProtection = 'os-keychain' | 'key-file' | 'none';

/** Seals the database key where this OS account keeps secrets. The Electron host implements it with safeStorage. */
export interface KeySealer {
  readonly protection: KeyProtection;
  seal(key: Uint8Array): Uint8Array;
  /** Throws when it cannot (another PC, another account, the keychain unavailable). */
  unseal(sealed: Uint8Array): Uint8Array;
}

export const DATABASE_KEY_FILE = 'station-key.json';

export type DatabaseKeyOptions = Readonly<{
  now: () => Date;
  /** The technician's explicit choice to run with the key unprotected where the OS has no keychain. */
  acceptUnsealedKey?: boolean;
  /** The cipher a new key records; omitted, chooseDatabaseCipher() picks it for this CPU. Ignored for an existing key. */
  cipher?: DatabaseCipher;
}>;

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);
const keyFileSchema = z.object({
  format: z.literal('mot-cua/station-key'),
  version: z.literal(1),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  cipher: z.enum(['chacha20', 'sqlcipher', 'aegis']),
  protection: z.enum(['os-keychain', 'key-file', 'none']),
  sealedKey: base64,
  recovery: z.object({ kdf: z.literal('hkdf-sha256'), salt: base64, nonce: base64, wrappedKey: base64 }).strict(),
  createdAt: z.string(),
  resealedAt: z.string().optional(),
}).strict();
export type KeyFile = z.infer<typeof keyFileSchema>;

export const keyFilePath = (dataDir: string): string => join(dataDir, DATABASE_KEY_FILE);

const keyIdOf = (key: Uint8Array) => createHash('sha256').update('mot-cua database key id\0').update(key).digest('hex').slice(0, 16);

// ---------------------------------------------------------------------------------------------
// Recovery codes.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DATA_SYMBOLS = 24;

const checkSymbol = (data: string) => ALPHABET[createHash('sha256').update(`mot-cua recovery check\0${data}`).digest()[0]! & 31]!;

function newRecoveryData(): string {
  let data = '';
  for (let i = 0; i < DATA_SYMBOLS; i++) data += ALPHABET[randomInt(32)];
  return data;
}

/** "7KQ2MXXXXX…" → "7KQ2M-XXXXX-…": 5 groups of 5, the last symbol a check. */
export function formatRecoveryCode(data: string): string {
  return `${data}${checkSymbol(data)}`.replace(/(.{5})(?=.)/g, '$1-');
}

/** The 24 data symbols of a typed code, or RECOVERY_CODE_FORMAT / RECOVERY_CODE_TYPO. */
export function parseRecoveryCode(typed: string): string {
  const symbols = typed.toUpperCase().replace(/[\s\-._]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1').replace(/U/g, 'V');
  const usable = [...symbols].filter((c) => ALPHABET.includes(c)).length;
  if (symbols.length !== DATA_SYMBOLS + 1 || usable !== symbols.length) throw new SecurityError('RECOVERY_CODE_FORMAT', { length: usable }, 'recoveryCode');
  const data = symbols.slice(0, DATA_SYMBOLS);
  if (checkSymbol(data) !== symbols[DATA_SYMBOLS]) throw new SecurityError('RECOVERY_CODE_TYPO', {}, 'recoveryCode');
  return data;
}

function recoveryKey(data: string, salt: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(data, 'ascii'), salt, 'mot-cua recovery v1', 32));
}

function wrapForRecovery(key: Uint8Array, keyId: string, data: string): KeyFile['recovery'] {
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', recoveryKey(data, salt), nonce);
  cipher.setAAD(Buffer.from(keyId, 'ascii'));
  const wrapped = Buffer.concat([cipher.update(key), cipher.final(), cipher.getAuthTag()]);
  return { kdf: 'hkdf-sha256', salt: salt.toString('base64'), nonce: nonce.toString('base64'), wrappedKey: wrapped.toString('base64') };
}

function unwrapWithRecovery(record: KeyFile, data: string): Buffer {
  const wrapped = Buffer.from(record.recovery.wrappedKey, 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', recoveryKey(data, Buffer.from(record.recovery.salt, 'base64')), Buffer.from(record.recovery.nonce, 'base64'));
    decipher.setAAD(Buffer.from(record.keyId, 'ascii'));
    decipher.setAuthTag(wrapped.subarray(wrapped.length - 16));
    return Buffer.concat([decipher.update(wrapped.subarray(0, wrapped.length - 16)), decipher.final()]);
  } catch {
    throw new SecurityError('RECOVERY_CODE_WRONG', {}, 'recoveryCode');
  }
}

// ---------------------------------------------------------------------------------------------
// The key file.

function readKeyFile(dataDir: string): KeyFile {
  const file = keyFilePath(dataDir);
  if (!existsSync(file)) throw new SecurityError('KEY_FILE_MISSING', { file: DATABASE_KEY_FILE });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new SecurityError('KEY_FILE_DAMAGED', { file: DATABASE_KEY_FILE, detail: 'JSON' });
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) throw new SecurityError('KEY_FILE_DAMAGED', { file: DATABASE_KEY_FILE, detail: parsed.error.issues[0]?.path.join('.') || 'format' });
  return parsed.data;
}

function writeKeyFile(dataDir: string, record: KeyFile): void {
  writePrivateFileDurablySync(keyFilePath(dataDir), Buffer.from(`${JSON.stringify(record, null, 2)}\n`, 'utf8'));
}

function refuseUnprotected(sealer: KeySealer, options: DatabaseKeyOptions): void {
  if (sealer.protection === 'none' && !options.acceptUnsealedKey) throw new SecurityError('KEY_UNSEALED_REFUSED');
}

function seal(sealer: KeySealer, key: Uint8Array): string {
  return Buffer.from(sealer.seal(key)).toString('base64');
}

/**
 * Makes the station's database key and its key file. Answers the key, the cipher recorded with
 * it (options.cipher, or the one chooseDatabaseCipher picks for this CPU) and the recovery code
 * to print once (the integrator shows it and has the technician confirm it is printed). Refuses
 * to overwrite an existing key file (KEY_FILE_EXISTS): the data under the old key would be lost.
 */
export function createDatabaseKeySync(dataDir: string, sealer: KeySealer, options: DatabaseKeyOptions): { key: Buffer; recoveryCode: string; cipher: DatabaseCipher } {
  refuseUnprotected(sealer, options);
  if (existsSync(keyFilePath(dataDir))) throw new SecurityError('KEY_FILE_EXISTS', { file: DATABASE_KEY_FILE });
  const cipher = options.cipher ?? chooseDatabaseCipher().cipher;
  const key = randomBytes(32);
  const keyId = keyIdOf(key);
  const data = newRecoveryData();
  writeKeyFile(dataDir, {
    format: 'mot-cua/station-key', version: 1, keyId, cipher, protection: sealer.protection,
    sealedKey: seal(sealer, key), recovery: wrapForRecovery(key, keyId, data), createdAt: options.now().toISOString(),
  });
  return { key, recoveryCode: formatRecoveryCode(data), cipher };
}

/**
 * The key, unsealed by this PC's sealer. A key file written without protection is refused
 * unless the technician accepted that (KEY_UNSEALED_REFUSED), and resealed at once when this
 * run has a real sealer. A key this sealer cannot open (another PC or account) gives
 * KEY_UNSEAL_FAILED: the recovery code is the way on.
 */
export function loadDatabaseKeySync(dataDir: string, sealer: KeySealer, options: DatabaseKeyOptions): { key: Buffer; cipher: DatabaseCipher } {
  const record = readKeyFile(dataDir);
  let key: Buffer;
  if (record.protection === 'none') {
    if (!options.acceptUnsealedKey) throw new SecurityError('KEY_UNSEALED_REFUSED');
    key = Buffer.from(record.sealedKey, 'base64');
  } else {
    if (sealer.protection !== record.protection) throw new SecurityError('KEY_UNSEAL_FAILED');
    try {
      key = Buffer.from(sealer.unseal(Buffer.from(record.sealedKey, 'base64')));
    } catch {
      throw new SecurityError('KEY_UNSEAL_FAILED');
    }
  }
  if (key.length !== 32 || keyIdOf(key) !== record.keyId) throw new SecurityError('KEY_UNSEAL_FAILED');
  if (record.protection === 'none' && sealer.protection !== 'none') {
    writeKeyFile(dataDir, { ...record, protection: sealer.protection, sealedKey: seal(sealer, key), resealedAt: options.now().toISOString() });
  }
  return { key, cipher: record.cipher };
}

/**
 * The technician's way onto a new PC (or account): the recovery code unwraps the key from the
 * key file, which is then resealed for this PC. The same code keeps working afterwards.
 */
export function recoverDatabaseKeySync(dataDir: string, recoveryCode: string, sealer: KeySealer, options: DatabaseKeyOptions): { key: Buffer; cipher: DatabaseCipher } {
  refuseUnprotected(sealer, options);
  const { key } = unwrapDatabaseKey(dataDir, recoveryCode);
  const record = readKeyFile(dataDir);
  writeKeyFile(dataDir, { ...record, protection: sealer.protection, sealedKey: seal(sealer, key), resealedAt: options.now().toISOString() });
  return { key, cipher: record.cipher };
}

/** The key from the recovery code and the key file, changing nothing (the technician's tools). */
export function unwrapDatabaseKey(dataDir: string, recoveryCode: string): { key: Buffer; cipher: DatabaseCipher } {
  const data = parseRecoveryCode(recoveryCode);
  const record = readKeyFile(dataDir);
  const key = unwrapWithRecovery(record, data);
  if (key.length !== 32 || keyIdOf(key) !== record.keyId) throw new SecurityError('RECOVERY_CODE_WRONG', {}, 'recoveryCode');
  return { key, cipher: record.cipher };
}

/** A new recovery code for a lost or exposed sheet; the old code stops working. */
export function replaceRecoveryCodeSync(dataDir: string, sealer: KeySealer, options: DatabaseKeyOptions): string {
  const { key } = loadDatabaseKeySync(dataDir, sealer, options);
  const record = readKeyFile(dataDir);
  const data = newRecoveryData();
  writeKeyFile(dataDir, { ...record, recovery: wrapForRecovery(key, record.keyId, data), resealedAt: options.now().toISOString() });
  return formatRecoveryCode(data);
}

// ---------------------------------------------------------------------------------------------
// Sealers that need no Electron.

/**
 * Seals with AES-256-GCM under a wrapping key kept in a file (0600) — for the browser host and
 * tests. Put the wrapping key outside the data folder, or it protects nothing against a copy of
 * the folder.
 */
export function fileKeySealer(wrappingKeyFile: string): KeySealer {
  const wrappingKey = () => {
    if (!existsSync(wrappingKeyFile)) {
      // Several station processes may start at once: the key is written whole to a file of its
      // own, then linked into place, so a second process finds either no key or the whole key.
      mkdirSync(dirname(wrappingKeyFile), { recursive: true, mode: 0o700 });
      const tmp = `${wrappingKeyFile}.${process.pid}.${randomBytes(4).toString('hex')}`;
      writeFileSync(tmp, randomBytes(32), { mode: 0o600, flag: 'wx' });
      try {
        linkSync(tmp, wrappingKeyFile);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      } finally {
        rmSync(tmp, { force: true });
      }
      chmodSync(wrappingKeyFile, 0o600);
    }
    return readFileSync(wrappingKeyFile);
  };
  return {
    protection: 'key-file',
    seal(key) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', wrappingKey(), iv);
      const data = Buffer.concat([cipher.update(key), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), data]);
    },
    unseal(sealed) {
      const raw = Buffer.from(sealed);
      const decipher = createDecipheriv('aes-256-gcm', wrappingKey(), raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
    },
  };
}

/** No protection at all: the key lies in the key file as it is. Only with acceptUnsealedKey. */
/**
 * Where a host without an OS keychain (the browser host, tests, tools) keeps the key that seals
 * database keys: this OS account's configuration folder, never a data folder
 * (`STATION_WRAPPING_KEY_FILE` chooses another file).
 */
export function userWrappingKeyFile(): string {
  return process.env.STATION_WRAPPING_KEY_FILE ?? join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'mot-cua-station', 'wrapping.key');
}

export const unprotectedKeySealer: KeySealer = {
  protection: 'none',
  seal: (key) => Buffer.from(key),
  unseal: (sealed) => Buffer.from(sealed),
};

// The same, as promises, for callers that would rather not block (the technician's tools).
export const createDatabaseKey = async (...a: Parameters<typeof createDatabaseKeySync>) => createDatabaseKeySync(...a);
export const loadDatabaseKey = async (...a: Parameters<typeof loadDatabaseKeySync>) => loadDatabaseKeySync(...a);
export const recoverDatabaseKey = async (...a: Parameters<typeof recoverDatabaseKeySync>) => recoverDatabaseKeySync(...a);
export const replaceRecoveryCode = async (...a: Parameters<typeof replaceRecoveryCodeSync>) => replaceRecoveryCodeSync(...a);

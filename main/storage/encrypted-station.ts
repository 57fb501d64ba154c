import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './database';
import { chooseDatabaseCipher, type CipherChoice, type CipherProbe } from './cipher-choice';
import { createDatabaseKeySync, keyFilePath, loadDatabaseKeySync, type DatabaseKeyOptions, type KeySealer } from './database-key';
import { encryptExistingDatabase, finishInterruptedEncryption, isClearDatabaseFile, openEncryptedDatabase, type DatabaseCipher, type EncryptionReport } from './encryption';
import { ensurePrivateFolder } from './private-files';

// The one call the station makes at start-up instead of openDatabase: the data folder made
// owner-only, the key made (first start) or unsealed, a clear database from an older version
// converted in place, an interrupted conversion finished, then the encrypted database opened
// and migrated. The cipher is chosen for this CPU only when the key is made (cipher-choice.ts)
// and recorded in the key file: a station that has a key keeps the cipher it records, whatever
// this CPU would get today (moving the data folder to a new PC changes nothing; nothing is
// re-encrypted behind anyone's back), and a clear database converted at that first start gets
// the chosen cipher.

/** The station's database file in its data folder (the same name as main/station.ts uses). */
export const STATION_DATABASE_FILE = 'station.sqlite3';

export type StationDatabaseOptions = DatabaseKeyOptions & Readonly<{
  sealer: KeySealer;
  nativeBinding?: string;
  /** How the CPU is asked when a key is made (tests give their own); the real CPU by default. */
  cipherProbe?: CipherProbe;
}>;

export type StationDatabase = Readonly<{
  db: Db;
  /** Only on the start that made the key: to print once for the technician, never stored. */
  recoveryCode: string | null;
  /** When this start converted a clear database. */
  encrypted: EncryptionReport | null;
  /** Another connection to the same database, with the same key (a worker's). */
  openConnection: () => Db;
  /** The database key itself, for what is derived from it (the audit checkpoints' seal). */
  key: Buffer;
  /** The database's cipher, as its key file records it. */
  cipher: DatabaseCipher;
  /** Only on the start that made the key without options.cipher: how the cipher was chosen (for the log). */
  cipherChoice: CipherChoice | null;
}>;

export function openStationDatabaseSync(dataDir: string, options: StationDatabaseOptions): StationDatabase {
  ensurePrivateFolder(dataDir);
  const file = join(dataDir, STATION_DATABASE_FILE);
  finishInterruptedEncryption(file);
  let key: Buffer;
  let cipher: DatabaseCipher;
  let cipherChoice: CipherChoice | null = null;
  let recoveryCode: string | null = null;
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  if (existsSync(keyFilePath(dataDir))) {
    // The recorded cipher, never options.cipher: the database is already under it.
    ({ key, cipher } = loadDatabaseKeySync(dataDir, options.sealer, options));
  } else {
    // No key yet: a first start, or a station upgraded from the clear database. An encrypted
    // database without its key file is not a first start: making a new key would hide it.
    if (existsSync(file) && statSync(file).size > 0 && !isClearDatabaseFile(file)) loadDatabaseKeySync(dataDir, options.sealer, options); // throws KEY_FILE_MISSING
    const chosen = options.cipher ?? (cipherChoice = chooseDatabaseCipher({ ...binding, ...options.cipherProbe })).cipher;
    ({ key, recoveryCode, cipher } = createDatabaseKeySync(dataDir, options.sealer, { ...options, cipher: chosen }));
  }
  const encrypted = isClearDatabaseFile(file) ? encryptExistingDatabase(file, key, { ...binding, cipher }) : null;
  const open = () => openEncryptedDatabase(file, key, { ...binding, cipher });
  return { db: open(), recoveryCode, encrypted, openConnection: open, key, cipher, cipherChoice };
}

export const openStationDatabase = async (dataDir: string, options: StationDatabaseOptions): Promise<StationDatabase> => openStationDatabaseSync(dataDir, options);

import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './database';
import { createDatabaseKeySync, keyFilePath, loadDatabaseKeySync, type DatabaseKeyOptions, type KeySealer } from './database-key';
import { encryptExistingDatabase, finishInterruptedEncryption, isClearDatabaseFile, openEncryptedDatabase, type EncryptionReport } from './encryption';
import { ensurePrivateFolder } from './private-files';

// The one call the station makes at start-up instead of openDatabase: the data folder made
// owner-only, the key made (first start) or unsealed, a clear database from an older version
// converted in place, an interrupted conversion finished, then the encrypted database opened
// and migrated.

/** The station's database file in its data folder (the same name as main/station.ts uses). */
export const STATION_DATABASE_FILE = 'station.sqlite3';

export type StationDatabaseOptions = DatabaseKeyOptions & Readonly<{
  sealer: KeySealer;
  nativeBinding?: string;
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
}>;

export function openStationDatabaseSync(dataDir: string, options: StationDatabaseOptions): StationDatabase {
  ensurePrivateFolder(dataDir);
  const file = join(dataDir, STATION_DATABASE_FILE);
  finishInterruptedEncryption(file);
  let key: Buffer;
  let cipher = options.cipher;
  let recoveryCode: string | null = null;
  if (existsSync(keyFilePath(dataDir))) {
    ({ key, cipher } = loadDatabaseKeySync(dataDir, options.sealer, options));
  } else {
    // No key yet: a first start, or a station upgraded from the clear database. An encrypted
    // database without its key file is not a first start: making a new key would hide it.
    if (existsSync(file) && statSync(file).size > 0 && !isClearDatabaseFile(file)) loadDatabaseKeySync(dataDir, options.sealer, options); // throws KEY_FILE_MISSING
    ({ key, recoveryCode } = createDatabaseKeySync(dataDir, options.sealer, options));
  }
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const encrypted = isClearDatabaseFile(file) ? encryptExistingDatabase(file, key, { ...binding, ...(cipher ? { cipher } : {}) }) : null;
  const open = () => openEncryptedDatabase(file, key, { ...binding, ...(cipher ? { cipher } : {}) });
  return { db: open(), recoveryCode, encrypted, openConnection: open, key };
}

export const openStationDatabase = async (dataDir: string, options: StationDatabaseOptions): Promise<StationDatabase> => openStationDatabaseSync(dataDir, options);

import Database from 'better-sqlite3';
import type { Db } from './db';
import { migrate } from './migrate';

export type { Db };

export type OpenOptions = Readonly<{
  /**
   * Path of a better_sqlite3.node built for the running runtime. The Electron host passes the
   * binding rebuilt for Electron's ABI, so tests (plain Node) and the app share one checkout.
   */
  nativeBinding?: string;
  /** Stop at this schema version (migration tests). */
  targetVersion?: number;
}>;

/**
 * Opens (creating if needed) the station database and brings its schema up to date.
 * WAL with synchronous=FULL: a dossier acknowledged to the officer is on disk before the
 * acknowledgement, even across a power cut; WAL keeps readers unblocked while we write.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    applyPragmas(db);
    migrate(db, options.targetVersion);
  } catch (error) {
    db.close(); // a database this station cannot use stays closed, not half-open
    throw error;
  }
  return db;
}

export function applyPragmas(db: Db): void {
  if (db.name !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Another connection (a second process in tests, a backup tool) may hold the write lock briefly.
  db.pragma('busy_timeout = 5000');
}

/** Runs fn in a BEGIN IMMEDIATE transaction: the write lock is taken up front, so two writers
 *  never both read a counter and then both try to upgrade (SQLITE_BUSY mid-transaction). */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/**
 * A connection whose commits may be lost in a power cut (but never corrupt the file): for a
 * worker recording what it can learn again, such as the portal's acknowledgements.
 */
export function relaxDurability(db: Db): void {
  db.pragma('synchronous = NORMAL');
}

/** Writes the WAL back into the database without waiting for readers (after a large batch). */
export function checkpointWal(db: Db): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}

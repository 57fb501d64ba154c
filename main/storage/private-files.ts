import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileDurably, writeFileDurablySync } from './durable-file';

// Who may read what the station keeps on disk: citizens' data, scans and signed PDFs are for the
// station's own OS account only — the data folder and every folder under it 0700, files 0600.
// On Windows chmod only toggles read-only: there the protection is the per-user ACL of the
// profile folder (%APPDATA%, Electron's userData) the data folder lives in.

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the folder (and missing parents) owner-only, and narrows an existing one to 0700. */
export function ensurePrivateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  chmodSync(folder, PRIVATE_FOLDER_MODE);
}

/** Narrows a file the station made to 0600 (nothing if it is not there). */
export function makeFilePrivate(file: string): void {
  if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE);
}

/**
 * The database file and its companions. SQLite creates -wal and -shm with the mode of the main
 * file, so a main file made 0600 before the first open keeps all three owner-only; this also
 * narrows files left wider by an older version.
 */
export function makeDatabaseFilesPrivate(databaseFile: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) makeFilePrivate(`${databaseFile}${suffix}`);
}

/**
 * writeFileDurably for a scan or a signed PDF: the folder is made 0700 first (so the temporary
 * file is unreachable by others while it exists), then the finished file is narrowed to 0600.
 */
export async function writePrivateFileDurably(file: string, data: Uint8Array): Promise<void> {
  ensurePrivateFolder(dirname(file));
  await writeFileDurably(file, data);
  chmodSync(file, PRIVATE_FILE_MODE);
}

/** The same for a small file written while the station opens (its key file). */
export function writePrivateFileDurablySync(file: string, data: Uint8Array): void {
  ensurePrivateFolder(dirname(file));
  writeFileDurablySync(file, data);
  chmodSync(file, PRIVATE_FILE_MODE);
}

import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Writes a file so that after a crash or a power cut it is either complete or absent: a temp
 * file, fsync, rename, fsync of the folder. The station writes scans and signed PDFs this way
 * before it records them in the database.
 */
export async function writeFileDurably(file: string, data: Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${randomUUID().slice(0, 8)}.tmp`;
  // Owner-only from its first byte: a scan or a signed PDF is citizens' data, and a mode set
  // after the write would leave a moment (or, after a crash, a leftover file) readable by others.
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  const folder = await open(dirname(file), 'r').catch(() => undefined); // not possible on Windows: the rename is durable enough there
  try {
    await folder?.sync();
  } catch { /* some filesystems refuse fsync on folders */ } finally {
    await folder?.close();
  }
}

/** writeFileDurably for the few small files the station writes while it opens (its key file). */
export function writeFileDurablySync(file: string, data: Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${randomUUID().slice(0, 8)}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  try {
    const folder = openSync(dirname(file), 'r');
    try { fsyncSync(folder); } finally { closeSync(folder); }
  } catch { /* not possible on Windows, refused by some filesystems: the rename is durable enough there */ }
}

/**
 * Removes what a crash can leave in a folder the station writes with writeFileDurably: temp
 * files, and PDFs no database row names. Only files older than `startedAt`: one saved since may
 * not be among `known` yet.
 */
export async function sweepOrphanFiles(folder: string, known: ReadonlySet<string>, startedAt: number): Promise<void> {
  for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await sweepOrphanFiles(path, known, startedAt);
    else if (entry.name.endsWith('.tmp') || (entry.name.endsWith('.pdf') && !known.has(path))) {
      const modified = (await stat(path).catch(() => undefined))?.mtimeMs ?? Infinity;
      if (modified < startedAt) await rm(path, { force: true });
    }
  }
}

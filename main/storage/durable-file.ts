import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes a file so that after a crash or a power cut it is either complete or absent: a temp
 * file, fsync, rename, fsync of the folder. The station writes scans and signed PDFs this way
 * before it records them in the database.
 */
export async function writeFileDurably(file: string, data: Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${randomUUID().slice(0, 8)}.tmp`;
  const handle = await open(tmp, 'w');
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

import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileDurably } from '../../main/storage/durable-file';
import { writePrivateFileDurably } from '../../main/storage/private-files';

// A scan or a signed PDF is owner-only from its first byte: the temporary file is opened 0600
// (the rename keeps that mode), so no moment exists when another account could read it.

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });
const folder = () => { const d = mkdtempSync(join(tmpdir(), 'durable-')); dirs.push(d); return d; };

describe('writeFileDurably', () => {
  it('writes the whole file owner-only, whatever the umask lets through, and leaves no temp file', async () => {
    const previous = process.umask(0o022); // the usual umask: a plain open would give 0644
    try {
      const dir = folder();
      const file = join(dir, 'ban-quet.pdf');
      await writeFileDurably(file, Buffer.from('%PDF-1.7 Nguyễn Văn An'));
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8')).toBe('%PDF-1.7 Nguyễn Văn An');
      expect(readdirSync(dir)).toEqual(['ban-quet.pdf']);
    } finally {
      process.umask(previous);
    }
  });

  it('writePrivateFileDurably makes the folders 0700 and the file 0600', async () => {
    const dir = folder();
    const file = join(dir, 'signed', '2026-11', 'giay-tiep-nhan.pdf');
    await writePrivateFileDurably(file, Buffer.from('%PDF'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'signed', '2026-11')).mode & 0o777).toBe(0o700);
  });
});

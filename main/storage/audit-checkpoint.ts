import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { AuditCheckpoint } from './audit-log';
import { SecurityError } from '../core/security-errors';

// Checkpoints of the audit chain kept outside the database. The chain alone shows an entry
// edited, inserted or deleted, but not a tail rebuilt from an edited entry with fresh hashes, nor
// the last entries cut off: the result is a consistent chain again. A checkpoint — the head
// (seq, hash) at some moment, kept where the database's writer cannot rewrite it — pins
// everything up to it: verifyAuditChain then finds the rebuilt entry or the missing tail.
//
// Policy: the station appends the head to `audit-checkpoints.jsonl` in the data folder when an
// officer logs out, when the station closes and every 100 entries; each line is sealed with an
// HMAC whose key is derived from the database key (which the OS seals), so someone who can write
// the files but does not hold the key cannot forge or move a checkpoint. Someone who holds the
// unsealed key (code running as the station's Windows user) can; that is why the head should
// also go to the portal with each sync — the one witness out of reach of the PC.

export const AUDIT_CHECKPOINT_FILE = 'audit-checkpoints.jsonl';
const CHECKPOINT_FORMAT = 'mot-cua-audit-checkpoint/1';

export type SealedCheckpoint = Readonly<{ seq: number; hash: string; at: string; mac: string }>;

/** The checkpoints' MAC key, derived from the database key: nothing more to seal or back up. */
export function checkpointKey(databaseKey: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), 'mot-cua audit checkpoint v1', 32));
}

function mac(key: Uint8Array, seq: number, hash: string, at: string): string {
  return createHmac('sha256', key).update(JSON.stringify([CHECKPOINT_FORMAT, seq, hash, at])).digest('hex');
}

export function sealCheckpoint(head: AuditCheckpoint, key: Uint8Array, at: Date): SealedCheckpoint {
  const when = at.toISOString();
  return { seq: head.seq, hash: head.hash, at: when, mac: mac(key, head.seq, head.hash, when) };
}

/**
 * Appends one sealed checkpoint line and fsyncs it (and the folder when the file is new), so a
 * checkpoint reported as kept survives a power cut. Owner-only file (0600).
 */
export function appendAuditCheckpoint(file: string, head: AuditCheckpoint, key: Uint8Array, at: Date): SealedCheckpoint {
  const sealed = sealCheckpoint(head, key, at);
  const isNew = !existsSync(file);
  const fd = openSync(file, 'a', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(sealed)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (isNew) syncFolder(dirname(file));
  return sealed;
}

function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch { /* Windows cannot open a folder; the rename-free append is durable enough there */ } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The checkpoints of the file, each checked against its seal; a line that does not verify throws
 * AUDIT_CHECKPOINT_FORGED with its line number. A missing file is no checkpoint. A last line cut
 * short by a power cut (no newline, not JSON) is ignored: it was never reported as kept.
 */
export function readAuditCheckpoints(file: string, key: Uint8Array): AuditCheckpoint[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const complete = text.split('\n').slice(0, -1); // what follows the last newline is empty or unfinished
  const forged = (line: number) => new SecurityError('AUDIT_CHECKPOINT_FORGED', { file: basename(file), line });
  return complete.map((line, i) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw forged(i + 1);
    }
    const c = parsed as Partial<SealedCheckpoint>;
    if (!Number.isSafeInteger(c.seq) || typeof c.hash !== 'string' || !/^[0-9a-f]{64}$/.test(c.hash) || typeof c.at !== 'string' || typeof c.mac !== 'string') throw forged(i + 1);
    const expected = Buffer.from(mac(key, c.seq!, c.hash, c.at), 'hex');
    const found = Buffer.from(c.mac, 'hex');
    if (found.length !== expected.length || !timingSafeEqual(found, expected)) throw forged(i + 1);
    return { seq: c.seq!, hash: c.hash };
  });
}

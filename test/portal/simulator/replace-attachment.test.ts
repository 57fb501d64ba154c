import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startTestPortal, type TestPortal } from './harness';

// Replacing an attachment (PROTOCOL.md, "Attachments": ThayThe): a rescan's upload names the
// attachment it replaces; the portal swaps them when the upload completes, in one transaction.

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const declare = (file: Uint8Array, extra: Record<string, unknown> = {}) =>
  ({ TenTep: 'tp1.pdf', KichThuoc: file.length, Sha256: sha256(file), MaThanhPhanHoSo: 'TP1', LoaiTep: 'application/pdf', ...extra });

type Listed = {
  attachments: Array<{ IdTaiLieu: string; Sha256: string; DuongDan: string }>;
  replaced: Array<{ IdTaiLieu: string; ThayBoi: string; Sha256: string }>;
  uploads: Array<{ IdTaiLen: string; ThayThe: string | null }>;
};
const listed = async (p: TestPortal, id: string) => (await p.admin('GET', `attachments/${id}`)).json as Listed;

/** Starts, sends and (unless told not to) completes an upload; answers its ids. */
async function upload(p: TestPortal, dossier: string, file: Uint8Array, extra: Record<string, unknown> = {}, complete = true) {
  const started = await p.call('POST', `/dossiers/${dossier}/attachments`, { key: true, body: declare(file, extra) });
  expect(started.status).toBe(201);
  const uploadId = started.json.IdTaiLen as string;
  if (file.length > 0) expect((await p.call('PUT', `/uploads/${uploadId}?offset=0`, { bytes: file })).status).toBe(200);
  if (!complete) return { uploadId, attachmentId: '' };
  const done = await p.call('POST', `/uploads/${uploadId}/complete`);
  expect(done.status).toBe(200);
  return { uploadId, attachmentId: done.json.IdTaiLieu as string };
}

describe('portal simulator: replacing an attachment (a rescan)', () => {
  it('keeps the old file until the new one completes, then holds only the new one; completing again changes nothing', async () => {
    const p = await startTestPortal();
    const id = (await p.create()).json.IdHoSo as string;
    const first = randomBytes(40_000);
    const old = await upload(p, id, first);
    const oldPath = (await listed(p, id)).attachments[0]!.DuongDan;

    const rescan = randomBytes(30_000);
    const next = await upload(p, id, rescan, { ThayThe: old.attachmentId }, false);
    // All bytes in, not completed: the dossier still has the old file, and only it.
    let now = await listed(p, id);
    expect(now.attachments.map((a) => a.IdTaiLieu)).toEqual([old.attachmentId]);
    expect(now.uploads).toEqual([expect.objectContaining({ IdTaiLen: next.uploadId, ThayThe: old.attachmentId })]);

    const done = await p.call('POST', `/uploads/${next.uploadId}/complete`);
    expect(done.status).toBe(200);
    now = await listed(p, id);
    expect(now.attachments).toEqual([expect.objectContaining({ IdTaiLieu: done.json.IdTaiLieu, Sha256: sha256(rescan) })]);
    expect(now.replaced).toEqual([expect.objectContaining({ IdTaiLieu: old.attachmentId, ThayBoi: done.json.IdTaiLieu, Sha256: sha256(first) })]);
    expect(existsSync(oldPath)).toBe(false); // the old bytes are gone from the portal
    expect(Buffer.compare(readFileSync(now.attachments[0]!.DuongDan), rescan)).toBe(0);

    const again = await p.call('POST', `/uploads/${next.uploadId}/complete`);
    expect(again.json).toEqual(done.json);
    expect((await listed(p, id)).attachments).toHaveLength(1);
  });

  it('swaps exactly once when the answer of complete was lost and complete is sent again', async () => {
    const p = await startTestPortal();
    const id = (await p.create()).json.IdHoSo as string;
    const old = await upload(p, id, randomBytes(5000));
    const rescan = randomBytes(6000);
    const next = await upload(p, id, rescan, { ThayThe: old.attachmentId }, false);
    await expect(p.call('POST', `/uploads/${next.uploadId}/complete`, { fault: 'drop-after-commit' })).rejects.toThrow();
    const retried = await p.call('POST', `/uploads/${next.uploadId}/complete`);
    expect(retried.status).toBe(200);
    const now = await listed(p, id);
    expect(now.attachments.map((a) => a.Sha256)).toEqual([sha256(rescan)]);
    expect(now.replaced.map((r) => r.IdTaiLieu)).toEqual([old.attachmentId]);
  });

  it('leaves the old file in place when the replacement fails its checksum', async () => {
    const p = await startTestPortal();
    const id = (await p.create()).json.IdHoSo as string;
    const first = randomBytes(5000);
    const old = await upload(p, id, first);
    const rescan = randomBytes(5000);
    const started = await p.call('POST', `/dossiers/${id}/attachments`, { key: true, body: declare(rescan, { ThayThe: old.attachmentId }) });
    const corrupted = Buffer.from(rescan);
    corrupted[10] = (corrupted[10] ?? 0) ^ 0xff;
    await p.call('PUT', `/uploads/${started.json.IdTaiLen}?offset=0`, { bytes: corrupted });
    expect((await p.call('POST', `/uploads/${started.json.IdTaiLen}/complete`)).json.error.code).toBe('CHECKSUM_MISMATCH');
    const now = await listed(p, id);
    expect(now.attachments.map((a) => a.Sha256)).toEqual([sha256(first)]);
    expect(now.replaced).toEqual([]);
  });

  it('refuses to replace an attachment it does not have, one of another dossier, or one already replaced', async () => {
    const p = await startTestPortal();
    const id = (await p.create()).json.IdHoSo as string;
    const other = (await p.create()).json.IdHoSo as string;
    const mine = await upload(p, id, randomBytes(1000));
    const theirs = await upload(p, other, randomBytes(1000));
    const file = randomBytes(2000);

    const unknown = await p.call('POST', `/dossiers/${id}/attachments`, { key: true, body: declare(file, { ThayThe: '00000000-0000-0000-0000-000000000000' }) });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toMatchObject({ code: 'ATTACHMENT_NOT_FOUND', field: 'ThayThe' });
    const foreign = await p.call('POST', `/dossiers/${id}/attachments`, { key: true, body: declare(file, { ThayThe: theirs.attachmentId }) });
    expect(foreign.status).toBe(404);
    const malformed = await p.call('POST', `/dossiers/${id}/attachments`, { key: true, body: declare(file, { ThayThe: 'not an id!' }) });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.field).toBe('ThayThe');

    // Two replacements of one file started side by side: the first to complete wins; the second is refused and changes nothing.
    const a = await upload(p, id, randomBytes(3000), { ThayThe: mine.attachmentId }, false);
    const b = await upload(p, id, randomBytes(3001), { ThayThe: mine.attachmentId }, false);
    const won = await p.call('POST', `/uploads/${a.uploadId}/complete`);
    const lost = await p.call('POST', `/uploads/${b.uploadId}/complete`);
    expect(lost.status).toBe(409);
    expect(lost.json.error).toMatchObject({ code: 'ATTACHMENT_REPLACED', field: 'ThayThe', ThayBoi: won.json.IdTaiLieu });
    expect(lost.json.error.message).toMatch(/đã được thay bằng tệp/);
    expect((await listed(p, id)).attachments.map((x) => x.IdTaiLieu)).toEqual([won.json.IdTaiLieu]);
    const late = await p.call('POST', `/dossiers/${id}/attachments`, { key: true, body: declare(file, { ThayThe: mine.attachmentId }) });
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('ATTACHMENT_REPLACED');
    // The other dossier's file was never touched.
    expect((await listed(p, other)).attachments.map((x) => x.IdTaiLieu)).toEqual([theirs.attachmentId]);
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startTestPortal, type TestPortal } from './harness';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function dossier(p: TestPortal): Promise<string> {
  return (await p.create()).json.IdHoSo;
}

function declare(file: Uint8Array, extra: Record<string, unknown> = {}) {
  return { TenTep: 'tp1.pdf', KichThuoc: file.length, Sha256: sha256(file), MaThanhPhanHoSo: 'TP1', LoaiTep: 'application/pdf', ...extra };
}

async function sendAll(p: TestPortal, upload: string, file: Uint8Array, from = 0, chunk = 262_144) {
  for (let offset = from; offset < file.length; offset += chunk) {
    const r = await p.call('PUT', `/uploads/${upload}?offset=${offset}`, { bytes: file.subarray(offset, offset + chunk) });
    expect(r.status).toBe(200);
    expect(r.json.DaNhan).toBe(Math.min(offset + chunk, file.length));
  }
}

describe('portal simulator: chunked, resumable attachments checked by SHA-256', () => {
  it('receives a file in chunks and stores it byte for byte', async () => {
    const p = await startTestPortal();
    const id = await dossier(p);
    const file = randomBytes(600_000);
    const started = await p.call('POST', `/dossiers/${id}/attachments`, { key: 'att-1', body: declare(file) });
    expect(started.status).toBe(201);
    expect(started.json).toMatchObject({ KichThuocKhoi: 262_144, DaNhan: 0, HoanTat: false });
    const upload = started.json.IdTaiLen as string;

    await sendAll(p, upload, file);
    expect((await p.call('GET', `/uploads/${upload}`)).json).toEqual({ DaNhan: 600_000, HoanTat: false });

    const done = await p.call('POST', `/uploads/${upload}/complete`);
    expect(done.status).toBe(200);
    expect(done.json).toEqual({ IdTaiLieu: expect.any(String), Sha256: sha256(file) });
    expect((await p.call('GET', `/uploads/${upload}`)).json).toEqual({ DaNhan: 600_000, HoanTat: true });

    const listed = (await p.admin('GET', `attachments/${id}`)).json;
    expect(listed.attachments).toHaveLength(1);
    expect(listed.attachments[0]).toMatchObject({ IdTaiLieu: done.json.IdTaiLieu, TenTep: 'tp1.pdf', KichThuoc: 600_000, Sha256: sha256(file), MaThanhPhanHoSo: 'TP1' });
    expect(Buffer.compare(readFileSync(listed.attachments[0].DuongDan), file)).toBe(0);

    const again = await p.call('POST', `/uploads/${upload}/complete`);
    expect(again.json).toEqual(done.json);
  });

  it('refuses bytes at another offset than DaNhan (409 OFFSET_MISMATCH with DaNhan) and resumes from there', async () => {
    const p = await startTestPortal();
    const id = await dossier(p);
    const file = randomBytes(300_000);
    const upload = (await p.call('POST', `/dossiers/${id}/attachments`, { key: true, body: declare(file) })).json.IdTaiLen;
    await p.call('PUT', `/uploads/${upload}?offset=0`, { bytes: file.subarray(0, 100_000) });
    const ahead = await p.call('PUT', `/uploads/${upload}?offset=200000`, { bytes: file.subarray(200_000) });
    expect(ahead.status).toBe(409);
    expect(ahead.json.error).toMatchObject({ code: 'OFFSET_MISMATCH', DaNhan: 100_000 });
    const early = await p.call('POST', `/uploads/${upload}/complete`);
    expect(early.status).toBe(409);
    expect(early.json.error).toMatchObject({ code: 'OFFSET_MISMATCH', DaNhan: 100_000 });
    await sendAll(p, upload, file, 100_000, 100_000);
    expect((await p.call('POST', `/uploads/${upload}/complete`)).json.Sha256).toBe(sha256(file));
  });

  it('resumes after a chunk whose answer was lost: the bytes were kept', async () => {
    const p = await startTestPortal();
    const id = await dossier(p);
    const file = randomBytes(200_000);
    const upload = (await p.call('POST', `/dossiers/${id}/attachments`, { key: true, body: declare(file) })).json.IdTaiLen;
    await expect(p.call('PUT', `/uploads/${upload}?offset=0`, { bytes: file.subarray(0, 150_000), fault: 'drop-after-commit' })).rejects.toThrow();
    const status = await p.call('GET', `/uploads/${upload}`);
    expect(status.json.DaNhan).toBe(150_000);
    const resent = await p.call('PUT', `/uploads/${upload}?offset=0`, { bytes: file.subarray(0, 150_000) });
    expect(resent.json.error).toMatchObject({ code: 'OFFSET_MISMATCH', DaNhan: 150_000 });
    await sendAll(p, upload, file, 150_000, 100_000);
    expect((await p.call('POST', `/uploads/${upload}/complete`)).status).toBe(200);
    const listed = (await p.admin('GET', `attachments/${id}`)).json.attachments;
    expect(Buffer.compare(readFileSync(listed[0].DuongDan), file)).toBe(0);
  });

  it('answers 422 CHECKSUM_MISMATCH to bytes that do not hash to Sha256, and the upload starts again from 0', async () => {
    const p = await startTestPortal();
    const id = await dossier(p);
    const file = randomBytes(50_000);
    const upload = (await p.call('POST', `/dossiers/${id}/attachments`, { key: true, body: declare(file) })).json.IdTaiLen;
    const corrupted = Buffer.from(file);
    corrupted[1234] = (corrupted[1234] ?? 0) ^ 0xff;
    await sendAll(p, upload, corrupted);
    const bad = await p.call('POST', `/uploads/${upload}/complete`);
    expect(bad.status).toBe(422);
    expect(bad.json.error.code).toBe('CHECKSUM_MISMATCH');
    expect((await p.call('GET', `/uploads/${upload}`)).json).toEqual({ DaNhan: 0, HoanTat: false });
    expect((await p.admin('GET', `attachments/${id}`)).json.attachments).toHaveLength(0);
    await sendAll(p, upload, file);
    expect((await p.call('POST', `/uploads/${upload}/complete`)).json.Sha256).toBe(sha256(file));
  });

  it('answers a repeated start with the same upload and its current DaNhan; another body with 422', async () => {
    const p = await startTestPortal();
    const id = await dossier(p);
    const file = randomBytes(10_000);
    const first = await p.call('POST', `/dossiers/${id}/attachments`, { key: 'att-1', body: declare(file) });
    await p.call('PUT', `/uploads/${first.json.IdTaiLen}?offset=0`, { bytes: file.subarray(0, 4000) });
    const again = await p.call('POST', `/dossiers/${id}/attachments`, { key: 'att-1', body: declare(file) });
    expect(again.status).toBe(201);
    expect(again.json).toEqual({ IdTaiLen: first.json.IdTaiLen, KichThuocKhoi: 262_144, DaNhan: 4000, HoanTat: false });
    const other = await p.call('POST', `/dossiers/${id}/attachments`, { key: 'att-1', body: declare(file, { TenTep: 'khac.pdf' }) });
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('IDEMPOTENCY_MISMATCH');
  });

  it('handles an empty file outside the procedure’s documents (MaThanhPhanHoSo null), completed with a {} body', async () => {
    const p = await startTestPortal();
    const id = await dossier(p);
    const empty = new Uint8Array(0);
    const upload = (await p.call('POST', `/dossiers/${id}/attachments`, { key: true, body: declare(empty, { MaThanhPhanHoSo: null }) })).json.IdTaiLen;
    const done = await p.call('POST', `/uploads/${upload}/complete`, { body: {} });
    expect(done.status).toBe(200);
    expect(done.json.Sha256).toBe(sha256(empty));
    expect((await p.admin('GET', `attachments/${id}`)).json.attachments[0]).toMatchObject({ KichThuoc: 0, MaThanhPhanHoSo: '' });
  });

  it('refuses unknown dossiers and uploads, oversize bytes, wrong types and invalid declarations', async () => {
    const p = await startTestPortal();
    const id = await dossier(p);
    const file = randomBytes(1000);
    const noDossier = await p.call('POST', '/dossiers/00000000-0000-0000-0000-000000000000/attachments', { key: true, body: declare(file) });
    expect(noDossier.status).toBe(404);
    expect(noDossier.json.error.code).toBe('DOSSIER_NOT_FOUND');
    const noUpload = await p.call('GET', '/uploads/00000000-0000-0000-0000-000000000000');
    expect(noUpload.status).toBe(404);
    expect(noUpload.json.error.code).toBe('UPLOAD_NOT_FOUND');
    const huge = await p.call('POST', `/dossiers/${id}/attachments`, { key: true, body: declare(file, { KichThuoc: 300 * 1024 * 1024 }) });
    expect(huge.status).toBe(413);
    const badHash = await p.call('POST', `/dossiers/${id}/attachments`, { key: true, body: declare(file, { Sha256: 'abc' }) });
    expect(badHash.status).toBe(400);
    expect(badHash.json.error.field).toBe('Sha256');

    const upload = (await p.call('POST', `/dossiers/${id}/attachments`, { key: true, body: declare(file) })).json.IdTaiLen;
    const tooMuch = await p.call('PUT', `/uploads/${upload}?offset=0`, { bytes: randomBytes(1001) });
    expect(tooMuch.status).toBe(413);
    const wrongType = await p.call('PUT', `/uploads/${upload}?offset=0`, { bytes: file, headers: { 'content-type': 'application/json' } });
    expect(wrongType.status).toBe(415);
    const noOffset = await p.call('PUT', `/uploads/${upload}`, { bytes: file });
    expect(noOffset.status).toBe(400);
    expect(noOffset.json.error.field).toBe('offset');
    expect((await p.call('GET', `/uploads/${upload}`)).json.DaNhan).toBe(0);
  });
});

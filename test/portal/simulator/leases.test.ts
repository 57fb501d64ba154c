import { describe, expect, it } from 'vitest';
import { AGENCY } from './fixtures';
import { startTestPortal } from './harness';

const leasePath = (agency = AGENCY) => `/agencies/${agency}/number-leases`;

describe('portal simulator: dossier-number leases', () => {
  it('hands out blocks that never overlap, whichever station asks, even all at once', async () => {
    const p = await startTestPortal();
    const replies = await Promise.all(Array.from({ length: 30 }, (_, i) =>
      p.call('POST', leasePath(), { body: { MaMayTram: String((i % 3) + 1).padStart(2, '0'), Ngay: '20261123', SoLuong: 7 + (i % 5), DaDung: [] } })));
    expect(replies.every((r) => r.status === 201)).toBe(true);
    const blocks = replies.map((r) => r.json as { IdCapSo: string; MaCoQuan: string; Ngay: string; TuSo: number; DenSo: number }).sort((a, b) => a.TuSo - b.TuSo);
    expect(blocks[0]?.TuSo).toBe(1);
    for (let i = 1; i < blocks.length; i++) expect(blocks[i]?.TuSo).toBe((blocks[i - 1]?.DenSo ?? 0) + 1);
    expect(new Set(blocks.map((b) => b.IdCapSo)).size).toBe(30);
    expect(blocks.every((b) => b.MaCoQuan === AGENCY && b.Ngay === '20261123')).toBe(true);
    const listed = (await p.admin('GET', 'leases')).json.leases;
    expect(listed).toHaveLength(30);
  });

  it('counts separately per agency and per day', async () => {
    const p = await startTestPortal();
    const a = await p.call('POST', leasePath(), { body: { MaMayTram: '01', Ngay: '20261123', SoLuong: 5, DaDung: [] } });
    const b = await p.call('POST', leasePath('000.00.07.H56'), { body: { MaMayTram: '01', Ngay: '20261123', SoLuong: 5, DaDung: [] } });
    const c = await p.call('POST', leasePath(), { body: { MaMayTram: '01', Ngay: '20261124', SoLuong: 5, DaDung: [] } });
    expect([a.json.TuSo, b.json.TuSo, c.json.TuSo]).toEqual([1, 1, 1]);
    expect(b.json.MaCoQuan).toBe('000.00.07.H56');
  });

  it('shortens the last block at 9999 and then answers 409 SEQUENCE_EXHAUSTED', async () => {
    const p = await startTestPortal();
    for (let i = 0; i < 9; i++) expect((await p.call('POST', leasePath(), { body: { MaMayTram: '01', Ngay: '20261123', SoLuong: 1000, DaDung: [] } })).status).toBe(201);
    const last = await p.call('POST', leasePath(), { body: { MaMayTram: '01', Ngay: '20261123', SoLuong: 1000, DaDung: [] } });
    expect(last.json).toMatchObject({ TuSo: 9001, DenSo: 9999 });
    const none = await p.call('POST', leasePath(), { body: { MaMayTram: '01', Ngay: '20261123', SoLuong: 1, DaDung: [] } });
    expect(none.status).toBe(409);
    expect(none.json.error.code).toBe('SEQUENCE_EXHAUSTED');
  });

  it('answers a repeated Idempotency-Key with the same block', async () => {
    const p = await startTestPortal();
    const body = { MaMayTram: '01', Ngay: '20261123', SoLuong: 20, DaDung: [] };
    const first = await p.call('POST', leasePath(), { key: 'lease-1', body });
    const again = await p.call('POST', leasePath(), { key: 'lease-1', body });
    expect(again.json).toEqual(first.json);
    const next = await p.call('POST', leasePath(), { body });
    expect(next.json.TuSo).toBe(21);
  });

  it('leases above the numbers the station says it used that day, and no later lease goes below them', async () => {
    const p = await startTestPortal();
    // Station 02 numbered 1000–1004 from its own block before it had a portal; station 01 used nothing.
    const first = await p.call('POST', leasePath(), { body: { MaMayTram: '02', Ngay: '20261123', SoLuong: 10, DaDung: [{ TuSo: 1000, DenSo: 1004 }] } });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ TuSo: 1005, DenSo: 1014 });
    const other = await p.call('POST', leasePath(), { body: { MaMayTram: '01', Ngay: '20261123', SoLuong: 5, DaDung: [] } });
    expect(other.json).toMatchObject({ TuSo: 1015, DenSo: 1019 });
    // Used numbers below what the portal already leased change nothing; the order of the ranges does not matter.
    const again = await p.call('POST', leasePath(), { body: { MaMayTram: '02', Ngay: '20261123', SoLuong: 5, DaDung: [{ TuSo: 1005, DenSo: 1009 }, { TuSo: 1000, DenSo: 1004 }] } });
    expect(again.json).toMatchObject({ TuSo: 1020, DenSo: 1024 });
    // Another day counts on its own.
    const tomorrow = await p.call('POST', leasePath(), { body: { MaMayTram: '02', Ngay: '20261124', SoLuong: 5, DaDung: [] } });
    expect(tomorrow.json).toMatchObject({ TuSo: 1, DenSo: 5 });
  });

  it('never leases over used numbers: with none left above them it answers 409 SEQUENCE_EXHAUSTED', async () => {
    const p = await startTestPortal();
    const short = await p.call('POST', leasePath(), { body: { MaMayTram: '01', Ngay: '20261123', SoLuong: 50, DaDung: [{ TuSo: 1, DenSo: 9990 }] } });
    expect(short.json).toMatchObject({ TuSo: 9991, DenSo: 9999 });
    const none = await p.call('POST', leasePath(), { body: { MaMayTram: '02', Ngay: '20261124', SoLuong: 1, DaDung: [{ TuSo: 9000, DenSo: 9999 }] } });
    expect(none.status).toBe(409);
    expect(none.json.error.code).toBe('SEQUENCE_EXHAUSTED');
    expect((await p.admin('GET', 'leases')).json.leases).toHaveLength(1);
  });

  it('needs the used numbers (DaDung, [] when none) and refuses a range that ends before it starts', async () => {
    const p = await startTestPortal();
    const missing = await p.call('POST', leasePath(), { body: { MaMayTram: '01', Ngay: '20261123', SoLuong: 5 } });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatchObject({ code: 'VALIDATION', field: 'DaDung' });
    const backwards = await p.call('POST', leasePath(), { body: { MaMayTram: '01', Ngay: '20261123', SoLuong: 5, DaDung: [{ TuSo: 1, DenSo: 3 }, { TuSo: 9, DenSo: 4 }] } });
    expect(backwards.status).toBe(400);
    expect(backwards.json.error.field).toBe('DaDung.1.DenSo');
    expect(backwards.json.error.message).toMatch(/Đến số/);
    expect((await p.admin('GET', 'leases')).json.leases).toHaveLength(0);
  });

  it('leases from its own counter only under the leaseIgnoresUsed fault (a portal that does not read DaDung)', async () => {
    const p = await startTestPortal();
    p.sim.faults.set({ leaseIgnoresUsed: true });
    const r = await p.call('POST', leasePath(), { body: { MaMayTram: '01', Ngay: '20261123', SoLuong: 5, DaDung: [{ TuSo: 1, DenSo: 3 }] } });
    expect(r.json).toMatchObject({ TuSo: 1, DenSo: 5 });
  });

  it('validates the request', async () => {
    const p = await startTestPortal();
    const amount = await p.call('POST', leasePath(), { body: { MaMayTram: '01', Ngay: '20261123', SoLuong: 0, DaDung: [] } });
    expect(amount.status).toBe(400);
    expect(amount.json.error.field).toBe('SoLuong');
    const day = await p.call('POST', leasePath(), { body: { MaMayTram: '01', Ngay: '20260230', SoLuong: 5, DaDung: [] } });
    expect(day.json.error.field).toBe('Ngay');
    const agency = await p.call('POST', leasePath('bad%20agency'), { body: { MaMayTram: '01', Ngay: '20261123', SoLuong: 5, DaDung: [] } });
    expect(agency.status).toBe(400);
  });
});

import { describe, expect, it } from 'vitest';
import { startProvider, sampleEReceipt } from './rig';

// The e-receipt provider simulator speaks PROTOCOL.md: idempotent issue and cancel, the checks a
// provider makes, and the faults the station's worker must survive.

describe('e-receipt provider simulator', () => {
  it('issues a receipt once per key, answers a repeat with the original, and refuses the key with another body', async () => {
    const p = await startProvider();
    const first = await p.request('POST', '/receipts', { key: 'k1', body: sampleEReceipt() });
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ IdBienLai: expect.any(String), MaTraCuu: expect.stringMatching(/^[A-Z2-9]{10}$/), TrangThai: 'da_phat_hanh', ThoiDiemPhatHanh: '20261123094000' });
    const again = await p.request('POST', '/receipts', { key: 'k1', body: sampleEReceipt() });
    expect(again).toEqual(first);
    const other = await p.request('POST', '/receipts', { key: 'k1', body: sampleEReceipt({ CanBoThu: 'Người khác' }) });
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('IDEMPOTENCY_MISMATCH');
    expect(p.store.receipts()).toHaveLength(1);
    expect((await p.request('GET', `/receipts/${first.json.IdBienLai}`)).json).toMatchObject({ SoBienLai: '0000001', TongTien: 6000, TrangThai: 'da_phat_hanh' });
    expect((await p.request('GET', '/receipts?MauSo=01BLP0-001&KyHieu=AA-26E&SoBienLai=0000001')).json.IdBienLai).toBe(first.json.IdBienLai);
  });

  it('refuses a number already issued under another key (two stations given the same range)', async () => {
    const p = await startProvider();
    await p.request('POST', '/receipts', { key: 'k1', body: sampleEReceipt() });
    const r = await p.request('POST', '/receipts', { key: 'k2', body: sampleEReceipt() });
    expect(r.status).toBe(409);
    expect(r.json.error.code).toBe('DUPLICATE_NUMBER');
    expect(r.json.error.message).toContain('0000001');
  });

  it.each([
    ['amounts that do not add up', { TongTien: 7000 }, 400, 'VALIDATION', /TongTien/],
    ['a six-digit number', { SoBienLai: '000001' }, 400, 'VALIDATION', /7 chữ số/],
    ['another seller\'s tax code', { DonViThu: { Ten: 'X', MaSoThue: '0100000000', MaCoQuan: 'x' } }, 403, 'SELLER_MISMATCH', /0100000000/],
  ])('refuses %s, issuing nothing, and leaves the key unused', async (_name, change, status, code, message) => {
    const p = await startProvider();
    const r = await p.request('POST', '/receipts', { key: 'k1', body: sampleEReceipt(change) });
    expect(r.status).toBe(status);
    expect(r.json.error.code).toBe(code);
    expect(r.json.error.message).toMatch(message);
    expect(p.store.receipts()).toHaveLength(0);
    expect((await p.request('POST', '/receipts', { key: 'k1', body: sampleEReceipt() })).status).toBe(201);
  });

  it('refuses a wrong key with 401 and an unregistered series with 422', async () => {
    const p = await startProvider({ series: [{ taxCode: '2300123456', formNumber: '01BLP0-001', series: 'AA-26E' }] });
    expect((await p.request('GET', '/ping', { apiKey: 'wrong' })).status).toBe(401);
    expect((await p.request('GET', '/ping')).json).toMatchObject({ ok: true, MaSoThue: '2300123456' });
    const r = await p.request('POST', '/receipts', { key: 'k1', body: sampleEReceipt({ KyHieu: 'BB-26E' }) });
    expect(r.status).toBe(422);
    expect(r.json.error.code).toBe('SERIES_NOT_REGISTERED');
  });

  it('cancels a receipt, keeping its number; a second cancellation answers the first', async () => {
    const p = await startProvider();
    const { json } = await p.request('POST', '/receipts', { key: 'k1', body: sampleEReceipt() });
    const cancel = await p.request('POST', `/receipts/${json.IdBienLai}/cancel`, { key: 'c1', body: { LyDo: 'Ghi sai số tiền' } });
    expect(cancel.json).toEqual({ IdBienLai: json.IdBienLai, TrangThai: 'da_huy', ThoiDiemHuy: '20261123094000' });
    expect((await p.request('POST', `/receipts/${json.IdBienLai}/cancel`, { key: 'c2', body: { LyDo: 'Lần nữa' } })).json).toEqual(cancel.json);
    expect(p.store.get(json.IdBienLai)).toMatchObject({ TrangThai: 'da_huy', LyDoHuy: 'Ghi sai số tiền', SoBienLai: '0000001' });
    expect((await p.request('POST', '/receipts/nope/cancel', { key: 'c3', body: { LyDo: 'x' } })).status).toBe(404);
    expect((await p.request('POST', `/receipts/${json.IdBienLai}/cancel`, { key: 'c4', body: { LyDo: ' ' } })).status).toBe(400);
  });

  it('commits and then drops the connection on drop-after-commit: the repeat under the same key gets the receipt it made', async () => {
    const p = await startProvider();
    await expect(p.request('POST', '/receipts', { key: 'k1', body: sampleEReceipt(), fault: 'drop-after-commit' })).rejects.toThrow();
    expect(p.store.receipts()).toHaveLength(1);
    const repeat = await p.request('POST', '/receipts', { key: 'k1', body: sampleEReceipt() });
    expect(repeat.status).toBe(201);
    expect(repeat.json.IdBienLai).toBe(p.store.receipts()[0]!.IdBienLai);
  });

  it('injects server errors and forced refusals without effect, and garbage after effect', async () => {
    const p = await startProvider();
    expect((await p.request('POST', '/receipts', { key: 'k1', body: sampleEReceipt(), fault: '5xx' })).status).toBe(503);
    expect(p.store.receipts()).toHaveLength(0);
    p.faults.set({ force: [{ method: 'POST', path: '/receipts', status: 429, times: 1 }] });
    expect((await p.request('POST', '/receipts', { key: 'k1', body: sampleEReceipt() })).status).toBe(429);
    expect(p.store.receipts()).toHaveLength(0);
    const garbage = await p.request('POST', '/receipts', { key: 'k1', body: sampleEReceipt(), fault: 'garbage' });
    expect(garbage.status).toBe(200);
    expect(typeof garbage.json).toBe('string');
    expect(p.store.receipts()).toHaveLength(1);
    expect((await p.request('GET', '/ping', { fault: 'nonsense' })).json.error.code).toBe('SIM_FAULT_UNKNOWN');
    expect(p.stats().routes['POST /receipts']).toEqual({ 503: 1, 429: 1, garbage: 1 });
  });
});

import { describe, expect, it } from 'vitest';
import { AGENCY } from './fixtures';
import { startTestPortal, storedDossiers } from './harness';

// The portal simulator takes a dossier's fees (DanhSachLePhi, PROTOCOL.md) with the record or a
// change, checks that they add up and stores them.

const CODE = `${AGENCY}-261123-0001`;

const paid = {
  TenPhiLePhi: 'Phí chứng thực bản sao từ bản chính', LoaiPhiLePhi: 1, MucThu: 2000, SoLuong: 3, ThanhTien: 6000,
  MienGiam: { LyDo: 'disability', TenLyDo: 'Người khuyết tật', TyLe: 50, SoTien: 3000, GhiChu: '' }, SoTienPhaiNop: 3000,
  TrangThaiThanhToan: 1, HinhThucThanhToan: 1, BienLai: { MauSo: '01BLP', KyHieu: 'AA/26P', So: '0000123', NgayThu: '20261123094000' },
};

describe('portal simulator: DanhSachLePhi', () => {
  it('stores the fees sent in a change, replacing the list it held', async () => {
    const p = await startTestPortal();
    const created = await p.create({ MaHoSo: CODE, DanhSachLePhi: [{ ...paid, TrangThaiThanhToan: 0, HinhThucThanhToan: null, BienLai: null }] });
    expect(created.status).toBe(201);
    const change = await p.call('PATCH', `/dossiers/${created.json.IdHoSo}`, { key: true, body: { DanhSachLePhi: [paid], PhienBanTruoc: 1 } });
    expect(change.status).toBe(200);
    expect(change.json.PhienBan).toBe(2);
    const [stored] = await storedDossiers(p);
    expect(stored?.DanhSachLePhi).toEqual([paid]);
  });

  it.each([
    ['a paid fee without its receipt', { BienLai: null }, 'DanhSachLePhi.0.BienLai', /Biên lai .*bắt buộc/],
    ['amounts that do not add up', { ThanhTien: 5000 }, 'DanhSachLePhi.0.ThanhTien', /Thành tiền .*Mức thu × Số lượng/],
    ['an amount due that ignores the exemption', { SoTienPhaiNop: 6000 }, 'DanhSachLePhi.0.SoTienPhaiNop', /Số tiền phải nộp/],
    ['an exemption without its reason', { MienGiam: { TyLe: 50, SoTien: 3000 } }, 'DanhSachLePhi.0.MienGiam.LyDo', /Lý do miễn, giảm/],
    ['a receipt number of six digits', { BienLai: { ...paid.BienLai, So: '000123' } }, 'DanhSachLePhi.0.BienLai.So', /7 chữ số/],
    ['"nothing to pay" with money left', { TrangThaiThanhToan: 2 }, 'DanhSachLePhi.0.TrangThaiThanhToan', /miễn/],
  ])('refuses %s with 400, naming the field in Vietnamese, and changes nothing', async (_name, change, field, message) => {
    const p = await startTestPortal();
    const created = await p.create({ MaHoSo: CODE });
    const r = await p.call('PATCH', `/dossiers/${created.json.IdHoSo}`, { key: true, body: { DanhSachLePhi: [{ ...paid, ...change }], PhienBanTruoc: 1 } });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'VALIDATION', field });
    expect(r.json.error.message).toMatch(message);
    const [stored] = await storedDossiers(p);
    expect(stored?.PhienBan).toBe(1);
    expect(stored?.DanhSachLePhi).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { AGENCY } from './fixtures';
import { startTestPortal, type TestPortal } from './harness';

// POST /dossiers/{IdHoSo}/transitions (PROTOCOL.md, "Transitions"): a station's change of status,
// idempotent, in order by version, refused with the portal's side when its record moved on.

const CODE = `${AGENCY}-261123-0001`;

const finish = (overrides: Record<string, unknown> = {}) => ({
  MaHoSo: CODE, SuKien: 'finish_at_counter', TrangThaiTruoc: 2, TrangThaiHoSo: 9, ThoiGian: '20261123094000', CanBoXuLy: 'Cán bộ tiếp nhận', LyDo: '',
  PhienBanTruoc: 1, ...overrides,
});
const giveBack = (overrides: Record<string, unknown> = {}) => ({
  MaHoSo: CODE, SuKien: 'return_result', TrangThaiTruoc: 9, TrangThaiHoSo: 10, ThoiGian: '20261123094500', CanBoXuLy: 'Cán bộ tiếp nhận',
  NguoiNhanKetQua: { LaChuHoSo: true }, HinhThucTraKetQua: 1, PhienBanTruoc: 2, ...overrides,
});

async function created(p: TestPortal): Promise<string> {
  const r = await p.create({ MaHoSo: CODE });
  expect(r.status).toBe(201);
  return r.json.IdHoSo as string;
}

const post = (p: TestPortal, id: string, body: unknown, key: string | true = true) => p.call('POST', `/dossiers/${id}/transitions`, { key, body });

describe('portal simulator: transitions', () => {
  it('applies a station\'s changes in order, each a new version, and answers a repeated key with the same result', async () => {
    const p = await startTestPortal();
    const id = await created(p);
    const first = await post(p, id, finish(), 'k-1');
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ IdHoSo: id, MaHoSo: CODE, PhienBan: 2, TrangThaiHoSo: 9 });
    expect((await post(p, id, finish(), 'k-1')).json).toEqual(first.json);
    expect((await post(p, id, giveBack(), 'k-2')).json).toMatchObject({ PhienBan: 3, TrangThaiHoSo: 10 });
    const history = (await p.admin('GET', `transitions/${id}`)).json.transitions;
    expect(history.map((t: { SuKien: string; PhienBan: number }) => [t.SuKien, t.PhienBan])).toEqual([['finish_at_counter', 2], ['return_result', 3]]);
  });

  it('refuses a change out of order (409 VERSION_CONFLICT) and a body that lacks what its event needs (400), changing nothing', async () => {
    const p = await startTestPortal();
    const id = await created(p);
    const early = await post(p, id, giveBack({ PhienBanTruoc: 2 }));
    expect([early.status, early.json.error.code, early.json.error.PhienBan]).toEqual([409, 'VERSION_CONFLICT', 1]);
    const cases: Array<[Record<string, unknown>, string]> = [
      [finish({ SuKien: 'withdraw', TrangThaiHoSo: 7, LyDo: ' ' }), 'LyDo'],
      [finish({ SuKien: 'apologise', TrangThaiHoSo: 2, LyDo: 'Chậm' }), 'NgayHenTraMoi'],
      [giveBack({ PhienBanTruoc: 1, NguoiNhanKetQua: { LaChuHoSo: false, HoTen: 'Trần Văn Hùng', SoDinhDanh: '123' } }), 'NguoiNhanKetQua.SoDinhDanh'],
      [giveBack({ PhienBanTruoc: 1, HinhThucTraKetQua: 2 }), 'SoHieuBuuGui'],
      [finish({ SuKien: 'teleport' }), 'SuKien'],
      [finish({ ThoiGian: '20261132000000' }), 'ThoiGian'],
    ];
    for (const [body, field] of cases) {
      const r = await post(p, id, body);
      expect([r.status, r.json.error.code, r.json.error.field], field).toEqual([400, 'VALIDATION', field]);
    }
    expect((await p.admin('GET', `transitions/${id}`)).json.transitions).toEqual([]);
  });

  it('takes an event that still fits the status the back office moved the dossier to, and answers the status that results', async () => {
    const p = await startTestPortal();
    const id = await created(p);
    await p.admin('POST', 'events', { IdHoSo: id, TrangThaiHoSo: 4, DonViXuLy: 'Phòng Tư pháp' });
    const sorry = await post(p, id, finish({ SuKien: 'apologise', TrangThaiTruoc: 2, TrangThaiHoSo: 2, LyDo: 'Chậm', NgayHenTraMoi: '20261207160000' }));
    expect(sorry.json).toMatchObject({ PhienBan: 2, TrangThaiHoSo: 4 });
  });

  it('refuses a change the portal\'s record has moved past with its side of the disagreement, unless an officer confirmed the station\'s', async () => {
    const p = await startTestPortal();
    const id = await created(p);
    await p.admin('POST', 'events', { IdHoSo: id, TrangThaiHoSo: 8, DonViXuLy: 'Phòng Tư pháp', CanBoXuLy: 'Lê Văn Cường', ThoiGian: '20261123100000', NoiDung: 'Có tranh chấp' });
    const refused = await post(p, id, finish());
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'STATUS_CONFLICT', TrangThaiHienTai: 8, DonViXuLy: 'Phòng Tư pháp', CanBoXuLy: 'Lê Văn Cường', ThoiGian: '20261123100000', NoiDung: 'Có tranh chấp' });
    expect(refused.json.error.message).toMatch(/trên cổng, hồ sơ đang ở trạng thái 8 \(Dừng xử lý\)/);
    const confirmed = await post(p, id, finish({ XacNhanXungDot: true }));
    expect(confirmed.json).toMatchObject({ PhienBan: 2, TrangThaiHoSo: 9 });
    const confirmOnly = await post(p, id, finish({ SuKien: 'confirm_status', TrangThaiTruoc: 8, TrangThaiHoSo: 10, PhienBanTruoc: 2 }));
    expect([confirmOnly.status, confirmOnly.json.error.field]).toEqual([400, 'XacNhanXungDot']);
    const dossier = (await p.admin('GET', 'dossiers')).json.dossiers[0];
    expect(dossier).toMatchObject({ TrangThaiHoSo: 9, TrangThaiHienTai: 9, PhienBan: 2 });
  });
});

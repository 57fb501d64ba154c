import { describe, expect, it } from 'vitest';
import { startTestPortal, storedDossiers, type TestPortal } from './harness';

// The citizen's rating of a visit, as the station sends it (PROTOCOL.md, "DanhGiaHaiLong"): kept
// in the record's list of ratings, one per visit; checked field by field; never edited.

const RATING = {
  IdLuot: '6f1c1f8e-1f59-4c8e-9d4a-2a8e7f0e5b11', GiaiDoan: 1, MucDo: 4, TenMucDo: 'Rất hài lòng', GopY: 'Cán bộ hướng dẫn tận tình',
  CanBoTiepNhan: 'Nguyễn Thị Hoa', MaCanBo: 'settings', ThoiGian: '20261123094000',
};

async function created(p: TestPortal): Promise<string> {
  const r = await p.create();
  expect(r.status).toBe(201);
  return r.json.IdHoSo as string;
}

describe('portal simulator: a rating in PATCH /dossiers/{IdHoSo}', () => {
  it('keeps the ratings of a dossier’s visits in its record, one per visit', async () => {
    const p = await startTestPortal();
    const id = await created(p);
    const first = await p.call('PATCH', `/dossiers/${id}`, { key: true, body: { PhienBanTruoc: 1, DanhGiaHaiLong: RATING } });
    expect(first).toMatchObject({ status: 200, json: { IdHoSo: id, PhienBan: 2 } });
    const returned = { ...RATING, IdLuot: '0e7a2b52-3d5c-4b1f-8f44-95f0b8a8c7d2', GiaiDoan: 2, MucDo: 2, TenMucDo: 'Bình thường', GopY: '' };
    expect((await p.call('PATCH', `/dossiers/${id}`, { key: true, body: { PhienBanTruoc: 2, DanhGiaHaiLong: returned } })).status).toBe(200);
    const [stored] = await storedDossiers(p);
    expect(stored?.DanhSachDanhGia).toEqual([RATING, returned]);
    expect(stored).not.toHaveProperty('DanhGiaHaiLong');
  });

  it('takes the same rating again without a second entry, and refuses a different rating of a rated visit', async () => {
    const p = await startTestPortal();
    const id = await created(p);
    await p.call('PATCH', `/dossiers/${id}`, { key: true, body: { PhienBanTruoc: 1, DanhGiaHaiLong: RATING } });
    expect((await p.call('PATCH', `/dossiers/${id}`, { key: true, body: { PhienBanTruoc: 2, DanhGiaHaiLong: RATING } })).status).toBe(200);
    const edited = await p.call('PATCH', `/dossiers/${id}`, { key: true, body: { PhienBanTruoc: 3, DanhGiaHaiLong: { ...RATING, MucDo: 1 } } });
    expect(edited.status).toBe(409);
    expect(edited.json.error).toMatchObject({ code: 'RATING_EXISTS', field: 'DanhGiaHaiLong' });
    expect(edited.json.error.message).toMatch(/đã được đánh giá/);
    const [stored] = await storedDossiers(p);
    expect(stored?.DanhSachDanhGia).toEqual([RATING]);
    expect(stored?.PhienBan).toBe(3);
  });

  it('refuses a rating that is not one, naming the field in Vietnamese, and changes nothing', async () => {
    const p = await startTestPortal();
    const id = await created(p);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...RATING, MucDo: 7 }, 'DanhGiaHaiLong.MucDo'],
      [{ ...RATING, GiaiDoan: 3 }, 'DanhGiaHaiLong.GiaiDoan'],
      [{ ...RATING, GopY: 'x'.repeat(501) }, 'DanhGiaHaiLong.GopY'],
      [{ ...RATING, ThoiGian: '20261323094000' }, 'DanhGiaHaiLong.ThoiGian'],
      [{ ...RATING, CanBoTiepNhan: '' }, 'DanhGiaHaiLong.CanBoTiepNhan'],
    ];
    for (const [rating, field] of cases) {
      const r = await p.call('PATCH', `/dossiers/${id}`, { key: true, body: { PhienBanTruoc: 1, DanhGiaHaiLong: rating } });
      expect(r.status, field).toBe(400);
      expect(r.json.error, field).toMatchObject({ code: 'VALIDATION', field });
      expect(r.json.error.message, field).toMatch(/Mức độ hài lòng|Giai đoạn đánh giá|Góp ý|Thời gian|Cán bộ tiếp nhận/);
    }
    const [stored] = await storedDossiers(p);
    expect(stored?.PhienBan).toBe(1);
    expect(stored).not.toHaveProperty('DanhSachDanhGia');
  });
});

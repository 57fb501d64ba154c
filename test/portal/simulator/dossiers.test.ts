import { describe, expect, it } from 'vitest';
import { AGENCY, sampleDossier } from './fixtures';
import { startTestPortal, storedDossiers } from './harness';

const CODE = `${AGENCY}-261123-0001`;

describe('portal simulator: POST /dossiers', () => {
  it('creates a dossier with its leased code and stores the record', async () => {
    const p = await startTestPortal();
    const r = await p.create({ MaHoSo: CODE }, 'key-1');
    expect(r.status).toBe(201);
    expect(r.json).toEqual({ IdHoSo: expect.any(String), MaHoSo: CODE, PhienBan: 1 });
    const [stored] = await storedDossiers(p);
    expect(stored).toMatchObject({ IdHoSo: r.json.IdHoSo, MaHoSo: CODE, MaCoQuan: AGENCY, PhienBan: 1, ChuHoSo: 'Nguyễn Thị Lan', IdempotencyKey: 'key-1' });
    expect(stored?.TaiLieuNop).toHaveLength(2);
  });

  it('answers a repeat of the same key and body with the original result, storing one dossier', async () => {
    const p = await startTestPortal();
    const first = await p.create({ MaHoSo: CODE }, 'key-1');
    // Same record with its keys in another order: the same canonical JSON.
    const reordered = Object.fromEntries(Object.entries(sampleDossier({ MaHoSo: CODE })).reverse());
    for (let i = 0; i < 3; i++) {
      const again = await p.call('POST', '/dossiers', { key: 'key-1', body: reordered });
      expect(again.status).toBe(201);
      expect(again.json).toEqual(first.json);
    }
    expect(await storedDossiers(p)).toHaveLength(1);
  });

  it('answers 422 IDEMPOTENCY_MISMATCH to the same key with another body, changing nothing', async () => {
    const p = await startTestPortal();
    await p.create({ MaHoSo: CODE }, 'key-1');
    const r = await p.create({ MaHoSo: CODE, ChuHoSo: 'Trần Văn Bình' }, 'key-1');
    expect(r.status).toBe(422);
    expect(r.json.error.code).toBe('IDEMPOTENCY_MISMATCH');
    expect(r.json.error.message).toMatch(/khóa chống trùng lặp/i);
    const stored = await storedDossiers(p);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.ChuHoSo).toBe('Nguyễn Thị Lan');
  });

  it('refuses a code another dossier of the agency holds (409 DUPLICATE_CODE); other agencies are separate', async () => {
    const p = await startTestPortal();
    expect((await p.create({ MaHoSo: CODE })).status).toBe(201);
    const dup = await p.create({ MaHoSo: CODE, ChuHoSo: 'Trần Văn Bình' });
    expect(dup.status).toBe(409);
    expect(dup.json.error).toMatchObject({ code: 'DUPLICATE_CODE', field: 'MaHoSo' });
    expect((await p.create({ MaHoSo: CODE, MaCoQuan: '000.00.07.H56' })).status).toBe(201);
    expect(await storedDossiers(p)).toHaveLength(2);
  });

  it('remembers only requests that took effect: a refused key may be sent again with a corrected body', async () => {
    const p = await startTestPortal();
    await p.create({ MaHoSo: CODE });
    expect((await p.create({ MaHoSo: CODE }, 'key-2')).status).toBe(409);
    const corrected = await p.create({ MaHoSo: `${AGENCY}-261123-0002` }, 'key-2');
    expect(corrected.status).toBe(201);
    expect(corrected.json.MaHoSo).toBe(`${AGENCY}-261123-0002`);
  });

  it('needs an Idempotency-Key, a JSON content type and a JSON body', async () => {
    const p = await startTestPortal();
    const noKey = await p.call('POST', '/dossiers', { body: sampleDossier({ MaHoSo: CODE }) });
    expect(noKey.status).toBe(400);
    expect(noKey.json.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED', field: 'Idempotency-Key' });
    const notJson = await p.call('POST', '/dossiers', { key: true, body: '{"MaHoSo": ' });
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.code).toBe('INVALID_JSON');
    const wrongType = await p.call('POST', '/dossiers', { key: true, body: JSON.stringify(sampleDossier({ MaHoSo: CODE })), headers: { 'content-type': 'text/plain' } });
    expect(wrongType.status).toBe(415);
    expect(await storedDossiers(p)).toHaveLength(0);
  });

  it.each([
    [{ MaHoSo: CODE, SoDinhDanh: '12345' }, 'SoDinhDanh', /Số định danh cá nhân \(SoDinhDanh\) phải gồm đúng 12 chữ số/],
    [{ MaHoSo: CODE, ChuHoSo: undefined }, 'ChuHoSo', /^Thiếu Chủ hồ sơ/],
    [{ MaHoSo: CODE, ChuHoSo: '   ' }, 'ChuHoSo', /không được để trống/],
    [{ MaHoSo: CODE, NgayTiepNhan: '20261131093200' }, 'NgayTiepNhan', /thời điểm có thật, dạng yyyyMMddHHmmss/],
    [{ MaHoSo: CODE, NgaySinh: '1990-05-12' }, 'NgaySinh', /dạng yyyyMMdd/],
    [{ MaHoSo: CODE, TrangThaiHoSo: 11 }, 'TrangThaiHoSo', /nhỏ hơn hoặc bằng 10/],
    [{ MaHoSo: CODE, KenhThucHien: '1' }, 'KenhThucHien', /phải là số/],
    [{ MaHoSo: CODE, Email: 'lan@' }, 'Email', /email/],
    [{ MaHoSo: CODE, TaiLieuNop: [{ MaThanhPhanHoSo: 'TP1', TenTaiLieu: 'x', SoBanChinh: -1, SoBanSao: 0, SoBanPhoto: 0 }] }, 'TaiLieuNop.0.SoBanChinh', /Số bản chính/],
    [{ MaHoSo: CODE, NgayHenTra: '20261122080000' }, 'NgayHenTra', /không được trước ngày tiếp nhận/],
    [{ MaHoSo: CODE, HinhThucNhanKetQua: 2, DiaChiNhanKetQua: '' }, 'DiaChiNhanKetQua', /bưu chính/],
    [{ MaHoSo: null, MaHoSoTam: null }, 'MaHoSo', /Mã hồ sơ \(MaHoSo\) là bắt buộc/],
    [{ MaHoSo: CODE, MaHoSoTam: 'TAM-1' }, 'MaHoSoTam', /chỉ gửi khi không có mã hồ sơ chính thức/],
    [{ MaHoSo: 'has space' }, 'MaHoSo', /khoảng trắng/],
    [{ MaHoSo: CODE, MaCoQuan: 'a/b' }, 'MaCoQuan', /Mã cơ quan/],
  ])('refuses an invalid record with 400, the field and a Vietnamese message (%#)', async (overrides, field, text) => {
    const p = await startTestPortal();
    const r = await p.create(overrides);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('VALIDATION');
    expect(r.json.error.field).toBe(field);
    expect(r.json.error.message).toMatch(text);
  });

  it('keeps fields it does not know', async () => {
    const p = await startTestPortal();
    // (DanhSachLePhi is a known field now, checked by test/portal/simulator/fees.test.ts.)
    expect((await p.create({ MaHoSo: CODE, ThongTinBoSung: [{ Ten: 'Ghi chú của tỉnh', GiaTri: 8000 }] })).status).toBe(201);
    expect((await storedDossiers(p))[0]?.ThongTinBoSung).toEqual([{ Ten: 'Ghi chú của tỉnh', GiaTri: 8000 }]);
  });
});

describe('portal simulator: final codes for provisional dossiers', () => {
  it('assigns {MaCoQuan}-{yyMMdd}-{seq:4} from the day of NgayTiepNhan, from the counter leases draw from', async () => {
    const p = await startTestPortal();
    const lease = await p.call('POST', `/agencies/${AGENCY}/number-leases`, { body: { MaMayTram: '01', Ngay: '20261123', SoLuong: 50, DaDung: [] } });
    expect(lease.json).toMatchObject({ TuSo: 1, DenSo: 50 });

    const provisional = await p.create({ MaHoSoTam: 'TAM-01-0001' });
    expect(provisional.status).toBe(201);
    expect(provisional.json.MaHoSo).toBe(`${AGENCY}-261123-0051`);

    const next = await p.call('POST', `/agencies/${AGENCY}/number-leases`, { body: { MaMayTram: '02', Ngay: '20261123', SoLuong: 10, DaDung: [] } });
    expect(next.json).toMatchObject({ TuSo: 52, DenSo: 61 });

    const otherDay = await p.create({ MaHoSoTam: 'TAM-01-0002', NgayTiepNhan: '20261124080000', NgayHenTra: '20261125080000' });
    expect(otherDay.json.MaHoSo).toBe(`${AGENCY}-261124-0001`);

    const stored = (await storedDossiers(p)).find((d) => d.IdHoSo === provisional.json.IdHoSo);
    expect(stored).toMatchObject({ MaHoSo: `${AGENCY}-261123-0051`, MaHoSoTam: 'TAM-01-0001' });
  });

  it('skips a number a dossier already holds under a code sent without a lease', async () => {
    const p = await startTestPortal();
    expect((await p.create({ MaHoSo: `${AGENCY}-261123-0001` })).status).toBe(201);
    const r = await p.create({ MaHoSoTam: 'TAM-09-0001' });
    expect(r.json.MaHoSo).toBe(`${AGENCY}-261123-0002`);
  });

  it('refuses a provisional code the agency already received (409 DUPLICATE_CODE on MaHoSoTam)', async () => {
    const p = await startTestPortal();
    expect((await p.create({ MaHoSoTam: 'TAM-01-0001' })).status).toBe(201);
    const dup = await p.create({ MaHoSoTam: 'TAM-01-0001' });
    expect(dup.status).toBe(409);
    expect(dup.json.error).toMatchObject({ code: 'DUPLICATE_CODE', field: 'MaHoSoTam' });
  });
});

describe('portal simulator: PATCH /dossiers/{IdHoSo}', () => {
  async function withDossier() {
    const p = await startTestPortal();
    const created = await p.create({ MaHoSo: CODE });
    return { p, id: created.json.IdHoSo as string };
  }

  it('applies a change based on the current version and answers the next version', async () => {
    const { p, id } = await withDossier();
    const r = await p.call('PATCH', `/dossiers/${id}`, { key: 'patch-1', body: { TrangThaiHoSo: 10, GhiChu: 'Đã trả kết quả', PhienBanTruoc: 1 } });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ IdHoSo: id, MaHoSo: CODE, PhienBan: 2 });
    expect((await storedDossiers(p))[0]).toMatchObject({ PhienBan: 2, TrangThaiHoSo: 10, GhiChu: 'Đã trả kết quả', ChuHoSo: 'Nguyễn Thị Lan' });
  });

  it('follows the idempotency rules: a repeat answers the original, another body 422', async () => {
    const { p, id } = await withDossier();
    const body = { TrangThaiHoSo: 10, PhienBanTruoc: 1 };
    const first = await p.call('PATCH', `/dossiers/${id}`, { key: 'patch-1', body });
    const again = await p.call('PATCH', `/dossiers/${id}`, { key: 'patch-1', body });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect((await storedDossiers(p))[0]?.PhienBan).toBe(2);
    const other = await p.call('PATCH', `/dossiers/${id}`, { key: 'patch-1', body: { TrangThaiHoSo: 9, PhienBanTruoc: 1 } });
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('IDEMPOTENCY_MISMATCH');
  });

  it('refuses a change based on an older version (409 VERSION_CONFLICT, with the current version)', async () => {
    const { p, id } = await withDossier();
    await p.call('PATCH', `/dossiers/${id}`, { key: true, body: { GhiChu: 'a', PhienBanTruoc: 1 } });
    const stale = await p.call('PATCH', `/dossiers/${id}`, { key: true, body: { GhiChu: 'b', PhienBanTruoc: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({ code: 'VERSION_CONFLICT', PhienBan: 2 });
    expect((await storedDossiers(p))[0]?.GhiChu).toBe('a');
  });

  it('answers 404 for an unknown dossier and 400 for codes or invalid values', async () => {
    const { p, id } = await withDossier();
    const unknown = await p.call('PATCH', '/dossiers/00000000-0000-0000-0000-000000000000', { key: true, body: { GhiChu: 'x', PhienBanTruoc: 1 } });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('DOSSIER_NOT_FOUND');
    const code = await p.call('PATCH', `/dossiers/${id}`, { key: true, body: { MaHoSo: `${AGENCY}-261123-0999`, PhienBanTruoc: 1 } });
    expect(code.status).toBe(400);
    expect(code.json.error.field).toBe('MaHoSo');
    const sameCode = await p.call('PATCH', `/dossiers/${id}`, { key: true, body: { MaHoSo: CODE, GhiChu: 'ok', PhienBanTruoc: 1 } });
    expect(sameCode.status).toBe(200);
    const invalid = await p.call('PATCH', `/dossiers/${id}`, { key: true, body: { TrangThaiHoSo: 0, PhienBanTruoc: 2 } });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.field).toBe('TrangThaiHoSo');
    const noVersion = await p.call('PATCH', `/dossiers/${id}`, { key: true, body: { GhiChu: 'x' } });
    expect(noVersion.json.error.field).toBe('PhienBanTruoc');
  });
});

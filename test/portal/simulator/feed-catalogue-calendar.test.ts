import { describe, expect, it } from 'vitest';
import { AGENCY } from './fixtures';
import { startTestPortal } from './harness';

describe('portal simulator: progress feed', () => {
  it('lists back-office events oldest first, in pages, with an increasing cursor', async () => {
    const p = await startTestPortal();
    expect((await p.call('GET', '/feed')).json).toEqual({ events: [], next: '0' });
    const a = (await p.create({ MaHoSo: `${AGENCY}-261123-0001` })).json;
    const b = (await p.create({ MaHoSo: `${AGENCY}-261123-0002` })).json;
    await p.admin('POST', 'events', { IdHoSo: a.IdHoSo, TrangThaiHoSo: 4, DonViXuLy: 'Phòng Tư pháp', CanBoXuLy: 'Lê Văn Cường', NoiDung: 'Đang thẩm định' });
    p.clock.advance(60_000);
    await p.admin('POST', 'events', { events: [
      { MaHoSo: `${AGENCY}-261123-0002`, TrangThaiHoSo: 4 },
      { IdHoSo: a.IdHoSo, TrangThaiHoSo: 9, NoiDung: 'Đã có kết quả', ThoiGian: '20261123150000' },
    ] });

    const page1 = (await p.call('GET', '/feed?after=0&limit=2')).json;
    expect(page1.events).toHaveLength(2);
    expect(page1.events[0]).toEqual({
      Cursor: expect.any(String), IdHoSo: a.IdHoSo, MaHoSo: `${AGENCY}-261123-0001`, TrangThaiHoSo: 4,
      DonViXuLy: 'Phòng Tư pháp', CanBoXuLy: 'Lê Văn Cường', ThoiGian: '20261123093200', NoiDung: 'Đang thẩm định',
    });
    expect(page1.events[1]).toMatchObject({ IdHoSo: b.IdHoSo, TrangThaiHoSo: 4, ThoiGian: '20261123093300' });
    expect(page1.next).toBe(page1.events[1].Cursor);
    expect(Number(page1.events[1].Cursor)).toBeGreaterThan(Number(page1.events[0].Cursor));

    const page2 = (await p.call('GET', `/feed?after=${page1.next}&limit=2`)).json;
    expect(page2.events.map((e: { TrangThaiHoSo: number }) => e.TrangThaiHoSo)).toEqual([9]);
    expect(page2.events[0].ThoiGian).toBe('20261123150000');
    const page3 = (await p.call('GET', `/feed?after=${page2.next}`)).json;
    expect(page3).toEqual({ events: [], next: page2.next });

    expect((await p.admin('GET', 'dossiers')).json.dossiers[0].TrangThaiXuLy).toBe(9);
  });

  it('shows a client bound to an agency only that agency’s dossiers', async () => {
    const p = await startTestPortal({ clients: [{ id: 'h57-station', secret: 'x', agency: '000.00.06.H57' }] });
    const ours = (await p.create({ MaHoSo: 'A-1', MaCoQuan: '000.00.06.H57' })).json;
    const theirs = (await p.create({ MaHoSo: 'A-1' })).json;
    await p.admin('POST', 'events', { events: [{ IdHoSo: theirs.IdHoSo, TrangThaiHoSo: 4 }, { IdHoSo: ours.IdHoSo, TrangThaiHoSo: 4 }] });
    expect((await p.call('GET', '/feed')).json.events).toHaveLength(2);
    await p.login('h57-station', 'x');
    const events = (await p.call('GET', '/feed')).json.events;
    expect(events.map((e: { IdHoSo: string }) => e.IdHoSo)).toEqual([ours.IdHoSo]);
  });

  it('refuses a bad cursor or limit, and events for unknown dossiers', async () => {
    const p = await startTestPortal();
    expect((await p.call('GET', '/feed?after=abc')).json.error.field).toBe('after');
    expect((await p.call('GET', '/feed?limit=0')).json.error.field).toBe('limit');
    expect((await p.admin('POST', 'events', { IdHoSo: 'nope', TrangThaiHoSo: 4 })).status).toBe(404);
  });
});

describe('portal simulator: catalogue', () => {
  it('serves the procedures in the protocol shape, and 304 to If-None-Match of the current version', async () => {
    const p = await startTestPortal();
    const r = await p.call('GET', '/catalogue');
    expect(r.status).toBe(200);
    const birth = r.json.procedures.find((x: { MaTTHC: string }) => x.MaTTHC === '1.001193');
    expect(birth).toMatchObject({
      TenTTHC: 'Thủ tục đăng ký khai sinh', TenLinhVuc: 'Hộ tịch', CapThucHien: 'xa',
      ThoiHanGiaiQuyet: { DonVi: 'trong_ngay', GioChot: '15:00' }, SoBoHoSo: 1,
    });
    expect(birth.ThanhPhanHoSo[0]).toEqual({ Ma: 'TP1', Ten: expect.any(String), SoBanChinh: 1, SoBanSao: 0, SoBanPhoto: 0, BatBuoc: true });
    expect(birth.PhiLePhi[0]).toMatchObject({ TenPhi: expect.any(String), SoTien: 0 });

    const version = r.json.version as string;
    expect(r.headers.get('etag')).toBe(`"${version}"`);
    expect((await p.call('GET', '/catalogue', { headers: { 'if-none-match': version } })).status).toBe(304);
    expect((await p.call('GET', '/catalogue', { headers: { 'if-none-match': `W/"${version}"` } })).status).toBe(304);
    expect((await p.call('GET', '/catalogue', { headers: { 'if-none-match': 'older' } })).status).toBe(200);
  });

  it('serves a catalogue replaced through /__sim/catalogue under its new version', async () => {
    const p = await startTestPortal();
    const old = (await p.call('GET', '/catalogue')).json.version;
    const procedure = {
      MaTTHC: '2.000001', TenTTHC: 'Thủ tục thử', TenLinhVuc: 'Chứng thực', CapThucHien: 'xa',
      ThoiHanGiaiQuyet: { DonVi: 'ngay', GiaTri: 3 }, SoBoHoSo: 1, PhiLePhi: [],
      ThanhPhanHoSo: [{ Ma: 'TP1', Ten: 'Đơn', SoBanChinh: 1, SoBanSao: 0, SoBanPhoto: 0, BatBuoc: true }],
    };
    const set = await p.admin('POST', 'catalogue', { version: '2026.2', procedures: [procedure] });
    expect(set.json).toEqual({ version: '2026.2' });
    const r = await p.call('GET', '/catalogue', { headers: { 'if-none-match': old } });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ version: '2026.2', procedures: [procedure] });
    const invalid = await p.admin('POST', 'catalogue', { procedures: [{ ...procedure, CapThucHien: 'huyen' }] });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.field).toBe('procedures.0.CapThucHien');
  });
});

describe('portal simulator: calendar', () => {
  it('serves a year’s holidays and compensatory days', async () => {
    const p = await startTestPortal();
    const r = await p.call('GET', '/calendar?year=2027');
    expect(r.status).toBe(200);
    expect(r.json.year).toBe(2027);
    expect(r.json.days).toContainEqual({ Ngay: '20270101', Loai: 'nghi_le', Ten: 'Tết Dương lịch' });
    expect(r.json.days).toContainEqual({ Ngay: '20270902', Loai: 'nghi_le', Ten: 'Quốc khánh' });
    // 1/1/2028 is a Saturday: nghỉ bù on Monday 3/1.
    expect((await p.call('GET', '/calendar?year=2028')).json.days).toContainEqual({ Ngay: '20280103', Loai: 'nghi_bu', Ten: 'Nghỉ bù Tết Dương lịch' });
    expect((await p.call('GET', '/calendar?year=2027', { headers: { 'if-none-match': r.json.version } })).status).toBe(304);
  });

  it('serves a calendar set through /__sim/calendar, and refuses days of another year', async () => {
    const p = await startTestPortal();
    const days = [{ Ngay: '20270102', Loai: 'lam_bu', Ten: 'Làm bù' }, { Ngay: '20270101', Loai: 'nghi_le', Ten: 'Tết Dương lịch' }];
    const set = await p.admin('POST', 'calendar', { year: 2027, days });
    expect(set.status).toBe(200);
    const r = (await p.call('GET', '/calendar?year=2027')).json;
    expect(r).toEqual({ year: 2027, version: set.json.version, days: [days[1], days[0]] });
    const wrongYear = await p.admin('POST', 'calendar', { year: 2027, days: [{ Ngay: '20280101', Loai: 'nghi_le', Ten: 'x' }] });
    expect(wrongYear.json.error.field).toBe('days.0.Ngay');
    expect((await p.call('GET', '/calendar')).json.error.field).toBe('year');
  });
});

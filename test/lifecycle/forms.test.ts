import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { applyFeedEvents } from '../../main/storage/progress-store';
import { openTestStation, VIETNAMESE_TEXT, type TestStation } from '../helpers/station';
import { idNumberFor } from '../helpers/people';
import { pdfReader } from '../forms/pdf-text';
import { FIVE_DAYS, lifecycleRows, ok, receive } from './rig';

// The forms of a dossier's life as the officer prints them through the contract, read back as a
// person reads them (pdftotext): Mẫu 02 during processing, Mẫu 04, Mẫu 05 from the counter and
// the feed with on time per step, the handover note, Mẫu 06 for a range of days as PDF and XLSX;
// every print recorded.

type Form = { id: number; kind: string; number: string | null; prints: Array<{ officerName: string; printer: string | null }> };
type Transition = { forms: Form[] };

async function pdfText(station: TestStation, formId: number): Promise<{ text: string; pages: number; size: string }> {
  const pdf = await ok<{ base64: string; fileName: string }>(station, 'lifecycle.formPdf', { formId });
  expect(pdf.fileName).toMatch(/^[A-Za-z0-9._-]+\.pdf$/);
  const reader = pdfReader('lifecycle-form-');
  try {
    const file = reader.save(Buffer.from(pdf.base64, 'base64'), 'form');
    const info = reader.info(file);
    return { text: reader.flat(file), pages: Number(info.Pages), size: info['Page size'] ?? '' };
  } finally {
    reader.dispose();
  }
}

/** Back-office progress as the portal's feed brings it (the sync worker's store call). */
function feed(station: TestStation, code: string, events: Array<{ status: number; unit: string; officer: string; at: string; note?: string }>) {
  station.db.prepare("UPDATE dossiers SET portal_id = 'portal-' || id WHERE code = ? AND portal_id IS NULL").run(code);
  const { portal_id: portalId } = station.db.prepare('SELECT portal_id FROM dossiers WHERE code = ?').get(code) as { portal_id: string };
  let seq = (station.db.prepare('SELECT count(*) AS n FROM dossier_progress').get() as { n: number }).n;
  for (const e of events) {
    const c = String(++seq);
    applyFeedEvents(station.db, [{ cursor: c, portalId, status: e.status, unit: e.unit, officer: e.officer, at: e.at, note: e.note ?? '' }], c, station.clock.now().getTime());
  }
}

describe('the forms of a dossier\'s life', () => {
  it('Mẫu 05 follows the dossier from the counter through the back office, each hand-off with its time and whether it was on time', async () => {
    const station = openTestStation();
    const d = await receive(station, FIVE_DAYS, { fullName: 'Nguyễn Thị Thủy Tiên' });
    const passed = await ok<Transition>(station, 'dossier.transition', { code: d.code, event: 'start_processing', toUnit: 'Công chức Tư pháp - Hộ tịch' });
    expect((await pdfText(station, passed.forms[0]!.id)).text).toContain('1. Giao: Bộ phận Một cửa 2. Nhận: Công chức Tư pháp - Hộ tịch');
    station.clock.setLocal('2026-12-01T10:00');
    feed(station, d.code, [
      { status: 4, unit: 'Công chức Tư pháp - Hộ tịch', officer: 'Hoàng Thị Mai', at: '20261123140000', note: 'Đã nhận hồ sơ' },
      { status: 4, unit: 'Phó Chủ tịch UBND xã', officer: 'Lê Minh Khôi', at: '20261127100000', note: 'Trình ký' },
      { status: 9, unit: 'Phó Chủ tịch UBND xã', officer: 'Lê Minh Khôi', at: '20261201090000', note: 'Đã ký kết quả' },
    ]);
    const control = await ok<Form>(station, 'lifecycle.issueForm', { code: d.code, form: 'processing_control' });
    const { text, size } = await pdfText(station, control.id);
    expect(size).toMatch(/595\.\d+ x 841\.\d+/); // A4 portrait
    expect(text).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain('Mẫu số 05 – Thông tư 01/2018/TT-VPCP');
    for (const t of ['09 giờ 32 phút, ngày 23/11/2026', '10 giờ 00 phút, ngày 27/11/2026', '09 giờ 00 phút, ngày 01/12/2026']) expect(text).toContain(t);
    for (const person of ['Hoàng Thị Mai', 'Lê Minh Khôi']) expect(text).toContain(person);
    // Passed on the day received (on time); signed on Fri 27/11, a working day before the 30/11 date (early);
    // the result back on Tue 01/12, after it (late). The column's heading names the three once ("Trước hạn/ đúng hạn/ quá hạn").
    const count = (label: string) => text.split(label).length - 1;
    expect([count('Đúng hạn'), count('Trước hạn') - 1, count('Quá hạn')]).toEqual([1, 1, 1]);
    const { data } = station.db.prepare('SELECT data FROM issued_forms WHERE id = ?').get(control.id) as { data: string };
    const handoffs = (JSON.parse(data) as { data: { handoffs: Array<{ fromUnit: string; toUnit: string; at: string; dueAt: string }> } }).data.handoffs;
    expect(handoffs.map((h) => [h.fromUnit, h.toUnit, h.at, h.dueAt])).toEqual([
      ['Bộ phận Một cửa', 'Công chức Tư pháp - Hộ tịch', '2026-11-23T09:32', '2026-11-23T17:00'],
      ['Công chức Tư pháp - Hộ tịch', 'Phó Chủ tịch UBND xã', '2026-11-27T10:00', '2026-11-30T09:00'],
      ['Phó Chủ tịch UBND xã', 'Bộ phận Một cửa', '2026-12-01T09:00', '2026-11-30T09:00'],
    ]);
  });

  it('Mẫu 02 during processing, Mẫu 04 and the handover note carry the dossier\'s data in composed Vietnamese, and every print is recorded', async () => {
    const station = openTestStation();
    await ok(station, 'lifecycle.configure', { signer: { role: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', name: 'Lê Minh Khôi' }, contactPhone: '0222 3812 345' });
    const d = await receive(station, FIVE_DAYS, { fullName: 'Nguyễn Thị Thủy Tiên'.normalize('NFD') });
    const asked = await ok<Transition>(station, 'dossier.transition', { code: d.code, event: 'request_supplement', items: ['Giấy chứng sinh (bản chính)'.normalize('NFD')], reason: 'Thiếu giấy chứng sinh' });
    const m02 = await pdfText(station, asked.forms[0]!.id);
    expect(m02.text).toContain('Nguyễn Thị Thủy Tiên'.normalize('NFC'));
    expect(m02.text).toContain('1. Giấy chứng sinh (bản chính)');
    expect(m02.text).toContain(`Mã hồ sơ: ${d.code}`);
    expect(m02.text).toContain('0222 3812 345');

    station.clock.setLocal('2026-11-24T08:00');
    await ok(station, 'dossier.transition', { code: d.code, event: 'complete_supplement', papers: [{ name: 'Giấy chứng sinh', originals: 1 }] });
    station.clock.setLocal('2026-11-27T10:00');
    const sorry = await ok<Transition>(station, 'dossier.transition', { code: d.code, event: 'apologise', reason: 'Cần xác minh với cơ sở y tế nơi sinh', newAppointmentAt: '2026-12-07T16:00' });
    const m04 = await pdfText(station, sorry.forms[0]!.id);
    expect(m04.text).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(m04.text).toContain('Cần xác minh với cơ sở y tế nơi sinh');
    expect(m04.text).toContain('16 giờ 00 phút, ngày 07/12/2026');
    expect(m04.text).toContain('Lê Minh Khôi');

    await ok(station, 'dossier.transition', { code: d.code, event: 'start_processing' });
    await ok(station, 'dossier.transition', { code: d.code, event: 'finish' });
    const handed = await ok<Transition>(station, 'dossier.transition', {
      code: d.code, event: 'return_result', receiver: { kind: 'authorised', fullName: 'Trần Văn Hùng', idNumber: idNumberFor('1985-02-11') }, delivery: { method: 'counter' },
      results: [{ name: 'Giấy khai sinh (bản chính)', copies: 1 }, { name: 'Trích lục khai sinh (bản sao)', copies: 2 }],
    });
    const note = await pdfText(station, handed.forms[0]!.id);
    expect(note.size).toMatch(/419\.\d+ x 595\.\d+/); // A5
    expect(note.text).toContain('PHIẾU GIAO NHẬN KẾT QUẢ GIẢI QUYẾT HỒ SƠ');
    expect(note.text).toContain('Trần Văn Hùng');
    expect(note.text).toContain('Trích lục khai sinh (bản sao)');

    // Each PDF made counts as a print, with who made it.
    const timeline = await ok<{ forms: Form[] }>(station, 'dossier.timeline', { code: d.code });
    expect(timeline.forms.map((f) => [f.kind, f.prints.length])).toEqual([
      ['supplement_request', 1], ['receipt_slip', 0], ['apology', 1], ['processing_control', 0], ['result_handover', 1],
    ]);
    expect(timeline.forms[0]!.prints[0]).toEqual(expect.objectContaining({ officerName: 'Cán bộ tiếp nhận', printer: null }));
  });
});

describe('the log book (Mẫu 06)', () => {
  async function week(station: TestStation) {
    const codes: string[] = [];
    for (const [day, names] of [['2026-11-23', ['Nguyễn Văn An', 'Trần Thị Bình']], ['2026-11-24', ['Lê Văn Cường']], ['2026-11-26', ['Phạm Thị Dung']]] as const) {
      for (const [i, name] of names.entries()) {
        station.clock.setLocal(`${day}T${String(8 + i).padStart(2, '0')}:15`);
        codes.push((await receive(station, FIVE_DAYS, { fullName: name })).code);
      }
    }
    station.clock.setLocal('2026-11-27T09:00');
    await ok(station, 'dossier.transition', { code: codes[0]!, event: 'withdraw', reason: 'Công dân rút hồ sơ' });
    await ok(station, 'dossier.transition', { code: codes[1]!, event: 'start_processing' });
    await ok(station, 'dossier.transition', { code: codes[1]!, event: 'finish' });
    await ok(station, 'dossier.transition', { code: codes[1]!, event: 'return_result', receiver: { kind: 'owner' }, delivery: { method: 'post', trackingNumber: 'EE123456785VN' } });
    return codes;
  }

  it('prints a range of days, A4 landscape, with the results and who took them, and exports the same lines to XLSX', async () => {
    const station = openTestStation();
    const codes = await week(station);
    const pdf = await ok<{ base64: string; lines: number; fileName: string }>(station, 'logbook.pdf', { from: '2026-11-23', to: '2026-11-24' });
    expect(pdf.lines).toBe(3);
    const reader = pdfReader('logbook-');
    try {
      const file = reader.save(Buffer.from(pdf.base64, 'base64'), 'so');
      expect(reader.info(file)['Page size']).toMatch(/841\.\d+ x 595\.\d+/);
      const text = reader.flat(file);
      expect(text).toContain('SỔ THEO DÕI HỒ SƠ');
      for (const code of codes.slice(0, 3)) expect(text).toContain(code);
      expect(text).not.toContain(codes[3]!);
      expect(text).toContain('Rút hồ sơ');
      expect(text).toContain('Bưu chính EE123456785VN');
    } finally {
      reader.dispose();
    }
    const xlsx = await ok<{ base64: string; lines: number }>(station, 'logbook.xlsx', { from: '2026-11-23', to: '2026-11-26' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    for (const code of codes) expect(cells).toContain(code);
    expect(xlsx.lines).toBe(4);
    // Recorded as printed, by the officer.
    expect(station.db.prepare("SELECT count(*) AS n FROM issued_forms WHERE kind = 'log_book'").get()).toEqual({ n: 2 });
  });

  it('refuses an empty or reversed period with a message next to the field, and records nothing', async () => {
    const station = openTestStation();
    await week(station);
    const before = lifecycleRows(station);
    const reversed = await station.refused('logbook.pdf', { from: '2026-11-26', to: '2026-11-23' });
    expect(reversed).toMatchObject({ code: 'LIFECYCLE_PERIOD_REVERSED', field: 'to' });
    expect(reversed.message).toBe('Ngày bắt đầu (26/11/2026) sau ngày kết thúc (23/11/2026); chưa có gì được xuất. Hãy đổi lại hai ngày.');
    const empty = await station.refused('logbook.xlsx', { from: '2026-11-28', to: '2026-11-29' });
    expect(empty).toMatchObject({ code: 'LIFECYCLE_PERIOD_EMPTY', field: 'from' });
    expect(empty.message).toMatch(VIETNAMESE_TEXT);
    expect(lifecycleRows(station)).toEqual(before);
  });
});

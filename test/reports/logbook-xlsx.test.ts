import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { excelDate, renderLogBookXlsx } from '../../main/reports/logbook-xlsx';
import { formatReportRefusal } from '../../main/reports/report-period';
import { logBookEntries, sampleLogBook } from '../forms/lifecycle-fixtures';

async function open(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  return ws;
}

describe('the log book as XLSX', () => {
  it('has the agency heading, the grouped header frozen and repeated when printed, one row per dossier', async () => {
    const entries = logBookEntries(25);
    const r = await renderLogBookXlsx(sampleLogBook(entries, { agency: { ...sampleLogBook().agency, name: 'UBND xã Tiên Du'.normalize('NFD') } }));
    if (!r.ok) throw new Error(r.code);
    const ws = await open(r.value);
    expect(ws.name).toBe('Sổ theo dõi hồ sơ');
    expect(ws.getCell('A1').value).toBe('UBND TỈNH BẮC NINH');
    expect(ws.getCell('A2').value).toBe('UBND XÃ TIÊN DU');
    expect(ws.getCell('A3').value).toBe('BỘ PHẬN MỘT CỬA');
    expect(ws.getCell('G1').value).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(ws.getCell('G2').value).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(ws.getCell('A4').value).toBe('SỔ THEO DÕI HỒ SƠ');
    expect(ws.getCell('A5').value).toBe('Quyển số: 11/2026 – Từ ngày 01/11/2026 đến ngày 30/11/2026');
    // Header: merged cells and the times grouped over four columns.
    expect(ws.getCell('A7').value).toBe('TT');
    expect(ws.getCell('A8').isMerged).toBe(true);
    expect(ws.getCell('G7').value).toBe('Thời gian (giờ, ngày tháng năm)');
    expect(ws.getCell('J7').isMerged).toBe(true);
    expect(['G8', 'H8', 'I8', 'J8'].map((a) => ws.getCell(a).value)).toEqual(['Nhận hồ sơ', 'Hẹn trả kết quả', 'Có kết quả', 'Trả kết quả']);
    expect(ws.getCell('L9').value).toBe('(12)');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 9 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '7:9' });
    expect(ws.getColumn(3).width).toBeGreaterThan(30);
    // Every dossier, in order, with its values.
    expect(ws.rowCount).toBe(9 + entries.length);
    const e = entries[1]!;
    const row = ws.getRow(11);
    expect(row.getCell(1).value).toBe(2);
    expect(row.getCell(2).value).toBe(e.dossierCode);
    expect(row.getCell(3).value).toBe(e.procedureName);
    expect(row.getCell(4).value).toBe(e.ownerName);
    expect(row.getCell(5).value).toBe(e.address);
    expect(row.getCell(6).value).toBe(e.phone);
    expect(row.getCell(11).value).toBe('Chủ hồ sơ');
    expect(row.getCell(2).border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' } });
    expect(row.getCell(3).alignment).toMatchObject({ wrapText: true });
  });

  it('writes times as real Excel dates of the Vietnam wall clock, shown dd/mm/yyyy', async () => {
    const entries = logBookEntries(3);
    const r = await renderLogBookXlsx(sampleLogBook(entries));
    if (!r.ok) throw new Error(r.code);
    const ws = await open(r.value);
    const e = entries[1]!; // received 2026-11-03T08:07, due 2026-11-08T16:00
    const received = ws.getCell('G11');
    expect(received.value).toBeInstanceOf(Date);
    const d = received.value as Date;
    expect([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()]).toEqual([2026, 11, 3, 8, 7]);
    expect(received.numFmt).toBe('hh:mm dd/mm/yyyy');
    expect((ws.getCell('H11').value as Date).toISOString()).toBe(excelDate(e.appointmentAt).toISOString());
    // A dossier not finished has empty result cells.
    expect(ws.getCell('I10').value).toBeNull();
    // The Excel serial number: 03/11/2026 08:07 is day 46329 + 8:07.
    expect(excelDate('2026-11-03T08:07').getTime() / 86_400_000 + 25569).toBeCloseTo(46329 + (8 * 60 + 7) / 1440, 6);
  });

  it('refuses an empty period, a reversed one and a line outside the period, writing nothing', async () => {
    const empty = await renderLogBookXlsx(sampleLogBook([]));
    expect(empty).toEqual({ ok: false, code: 'PERIOD_EMPTY', params: { period: 'Từ ngày 01/11/2026 đến ngày 30/11/2026' } });
    if (!empty.ok) expect(formatReportRefusal(empty, 'vi')).toBe('Không có hồ sơ nào trong kỳ Từ ngày 01/11/2026 đến ngày 30/11/2026; chưa có gì được xuất. Hãy chọn kỳ khác hoặc kiểm tra sổ theo dõi hồ sơ.');
    expect(await renderLogBookXlsx(sampleLogBook(logBookEntries(2), { period: { from: '2026-11-30', to: '2026-11-01' } }))).toMatchObject({ ok: false, code: 'PERIOD_REVERSED' });
    expect(await renderLogBookXlsx(sampleLogBook(logBookEntries(2), { period: { from: '2026-11-05', to: '2026-11-30' } }))).toMatchObject({
      ok: false,
      code: 'ENTRY_OUTSIDE_PERIOD',
      params: { code: '000.00.06.H56-261102-0001' },
    });
    const [e] = logBookEntries(1);
    expect(await renderLogBookXlsx(sampleLogBook([{ ...e!, appointmentAt: '2026-11-31T16:00' }]))).toEqual({ ok: false, code: 'ENTRY_INVALID', params: { line: 1, field: 'appointmentAt' } });
  });
});

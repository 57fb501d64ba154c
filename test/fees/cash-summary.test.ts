import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { CashSummaryWire } from '../../main/contract/fees-schemas';
import { pdfReader } from '../forms/pdf-text';
import { openTestStation, type TestStation } from '../helpers/station';
import { BINH, COPY_FEE, feesClient, LEADER, SIGNATURE_CERTIFICATION, SIGNATURE_FEE, THU } from './helpers';

// The day's cash summary per officer and per fee: on screen, as a PDF signed at the hand-over,
// as a workbook read back with exceljs.

const reader = pdfReader('fees-summary-');
afterAll(() => reader.dispose());

/** Monday's takings: Thu 6.000 đ cash (and a 2.000 đ receipt voided), Bình 10.000 đ by transfer and 2.000 đ by QR; one receipt on Tuesday. */
async function aDayOfTakings(station: TestStation) {
  const f = feesClient(station);
  await f.assign();
  await f.payNow(await f.dossier(), [{ feeName: COPY_FEE, quantity: 3 }], { amountVnd: 6000 }, THU);
  const voided = await f.payNow(await f.dossier(), [{ feeName: COPY_FEE }], { amountVnd: 2000 }, THU);
  await f.payNow(await f.dossier(SIGNATURE_CERTIFICATION), [{ feeName: SIGNATURE_FEE }], { amountVnd: 10_000, method: 'transfer', transferRef: 'FT001' }, BINH);
  await f.payNow(await f.dossier(), [{ feeName: COPY_FEE }], { amountVnd: 2000, method: 'qr' }, BINH);
  station.clock.setLocal('2026-11-23T16:40');
  await f.call('receipts.void', { id: voided.receipt!.id, reason: 'Người nộp đổi ý, hoàn tiền' }, THU);
  station.clock.setLocal('2026-11-24T08:05');
  await f.payNow(await f.dossier(), [{ feeName: COPY_FEE, quantity: 10 }], { amountVnd: 20_000 }, THU);
  station.clock.setLocal('2026-11-24T08:10');
  return f;
}

describe("the day's cash summary", () => {
  it('adds the day up per officer and method and per fee, leaving voided receipts and other days out', async () => {
    const station = openTestStation();
    const f = await aDayOfTakings(station);
    const s = await f.call<CashSummaryWire>('fees.cashSummary', { date: '2026-11-23' }, LEADER);
    expect(s.officers).toEqual([
      { officerId: BINH.id, officerName: BINH.name, receipts: 2, cashVnd: 0, transferVnd: 10_000, qrVnd: 2000, totalVnd: 12_000 },
      { officerId: THU.id, officerName: THU.name, receipts: 1, cashVnd: 6000, transferVnd: 0, qrVnd: 0, totalVnd: 6000 },
    ]);
    expect(s.fees).toEqual([
      { feeName: SIGNATURE_FEE, quantity: 1, receipts: 1, amountVnd: 10_000 },
      { feeName: COPY_FEE, quantity: 4, receipts: 2, amountVnd: 8000 },
    ]);
    expect(s.voided).toEqual([{ id: 2, series: 'AA/26P', numberText: '0000002', amountVnd: 2000, officerName: THU.name, reason: 'Người nộp đổi ý, hoàn tiền', voidedAt: '2026-11-23T16:40' }]);
    expect(s.totals).toEqual({ receipts: 3, cashVnd: 6000, transferVnd: 10_000, qrVnd: 2000, totalVnd: 18_000, voided: 1 });
    // Today (the station's clock) by default.
    expect((await f.call<CashSummaryWire>('fees.cashSummary', {})).totals).toMatchObject({ receipts: 1, totalVnd: 20_000 });
    expect((await f.call<CashSummaryWire>('fees.cashSummary', { date: '2026-11-22' })).totals).toMatchObject({ receipts: 0, totalVnd: 0 });
  });

  it('prints the summary with the agency header, both tables, the total in words, the voided receipts and the signatures', async () => {
    const station = openTestStation();
    const f = await aDayOfTakings(station);
    const { fileName, base64 } = await f.call<{ fileName: string; base64: string }>('fees.cashSummaryPdf', { date: '2026-11-23' }, LEADER);
    expect(fileName).toBe('bang-ke-thu-phi-2026-11-23.pdf');
    const file = reader.save(Buffer.from(base64, 'base64'), 'summary');
    expect(reader.info(file)).toMatchObject({ Pages: '1', Title: 'Bảng kê thu phí, lệ phí ngày 23/11/2026' });
    const text = reader.flat(file);
    for (const expected of [
      'UBND XÃ TIÊN DU', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Tiên Du, ngày 24 tháng 11 năm 2026', 'BẢNG KÊ THU PHÍ, LỆ PHÍ TRONG NGÀY', 'Ngày 23/11/2026',
      'Tổng số tiền bằng chữ: Mười tám nghìn đồng.', 'Trong đó tiền mặt phải nộp quỹ: 6.000 đ (sáu nghìn đồng).',
      '3. Biên lai đã hủy (1)', 'Người nộp đổi ý, hoàn tiền (Trần Thị Thu)', 'NGƯỜI LẬP BẢNG KÊ', 'THỦ QUỸ', 'KẾ TOÁN', 'Nguyễn Lãnh Đạo',
    ]) expect(text).toContain(expected);
    const layout = reader.layout(file);
    // pdftotext may drop the narrow space of "0 đ" in a right-aligned cell.
    expect(layout).toMatch(/1\s+Lê Văn Bình\s+2\s+0 ?đ\s+10\.000 đ\s+2\.000 đ\s+12\.000 đ/);
    expect(layout).toMatch(/2\s+Trần Thị Thu\s+1\s+6\.000 đ\s+0 ?đ\s+0 ?đ\s+6\.000 đ/);
    expect(layout).toMatch(/Tổng cộng\s+3\s+6\.000 đ\s+10\.000 đ\s+2\.000 đ\s+18\.000 đ/);
    expect(layout).toMatch(/Phí chứng thực chữ ký\s+1\s+1\s+10\.000 đ/);
    expect(layout).toMatch(/AA\/26P – 0000002\s+2\.000 đ/);
  });

  it('exports the same figures to a workbook the accountant can add up (numbers, not text)', async () => {
    const station = openTestStation();
    const f = await aDayOfTakings(station);
    const { fileName, base64 } = await f.call<{ fileName: string; base64: string }>('fees.cashSummaryXlsx', { date: '2026-11-23' }, LEADER);
    expect(fileName).toBe('bang-ke-thu-phi-2026-11-23.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Theo cán bộ', 'Theo khoản thu', 'Biên lai']);

    const values = (sheet: string) => {
      const rows: unknown[][] = [];
      wb.getWorksheet(sheet)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };
    const officers = values('Theo cán bộ');
    expect(officers[0]).toEqual(['UBND XÃ TIÊN DU']);
    expect(officers[2]).toEqual(['Ngày 23/11/2026']);
    expect(officers[3]).toEqual(['STT', 'Cán bộ thu', 'Mã cán bộ', 'Số biên lai', 'Tiền mặt', 'Chuyển khoản', 'QR', 'Cộng']);
    expect(officers.slice(4)).toEqual([
      [1, BINH.name, BINH.id, 2, 0, 10_000, 2000, 12_000],
      [2, THU.name, THU.id, 1, 6000, 0, 0, 6000],
      ['', 'Tổng cộng', '', 3, 6000, 10_000, 2000, 18_000],
    ]);
    expect(wb.getWorksheet('Theo cán bộ')!.getColumn(8).numFmt).toBe('#,##0 "đ"');
    expect(values('Theo khoản thu').slice(4)).toEqual([[1, SIGNATURE_FEE, 1, 1, 10_000], [2, COPY_FEE, 4, 2, 8000], ['', 'Tổng cộng', '', '', 18_000]]);
    const receipts = values('Biên lai').slice(4);
    expect(receipts.map((r) => [r[2], r[7], r[9], r[10] ?? ''])).toEqual([
      ['0000001', 6000, 'Hợp lệ', ''],
      ['0000002', 2000, 'Đã hủy', 'Người nộp đổi ý, hoàn tiền'],
      ['0000003', 10_000, 'Hợp lệ', ''],
      ['0000004', 2000, 'Hợp lệ', ''],
    ]);
    expect(receipts[2]).toContain('Chuyển khoản');
  });
});

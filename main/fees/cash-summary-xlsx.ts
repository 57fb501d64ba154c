import ExcelJS from 'exceljs';
import type { CashSummaryWire, ReceiptSummaryWire } from '../contract/fees-schemas';
import { paymentMethodNames } from '../core/fees';
import { formatDate, formatDateTime } from '../core/format';

// The day's cash summary as a workbook for the accountant (exceljs): a sheet per officer and
// method, a sheet per fee, every receipt of the day (voided ones marked, with their reason).
// Amounts are numbers with the Vietnamese thousands format, so the sheet adds them up itself.

const MONEY = '#,##0 "đ"';

export type CashSummaryWorkbookData = Readonly<{ agencyName: string; summary: CashSummaryWire; receipts: readonly ReceiptSummaryWire[]; voidReasons: ReadonlyMap<number, string> }>;

function titled(ws: ExcelJS.Worksheet, title: string, agencyName: string, date: string, columns: ReadonlyArray<readonly [string, number]>): void {
  ws.addRow([agencyName.normalize('NFC')]).font = { bold: true };
  ws.addRow([title]).font = { bold: true, size: 13 };
  ws.addRow([`Ngày ${formatDate(date)}`]).font = { italic: true };
  ws.addRow([]);
  const header = ws.addRow(columns.map(([name]) => name));
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    c.border = { bottom: { style: 'thin' } };
  });
  columns.forEach(([, width], i) => { ws.getColumn(i + 1).width = width; });
  ws.views = [{ state: 'frozen', ySplit: 5 }];
}

export async function cashSummaryWorkbook(d: CashSummaryWorkbookData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Trạm tiếp nhận một cửa';
  const s = d.summary;

  const byOfficer = wb.addWorksheet('Theo cán bộ');
  titled(byOfficer, 'BẢNG KÊ THU PHÍ, LỆ PHÍ THEO CÁN BỘ THU', d.agencyName, s.date, [
    ['STT', 6], ['Cán bộ thu', 28], ['Mã cán bộ', 14], ['Số biên lai', 12], ['Tiền mặt', 16], ['Chuyển khoản', 16], ['QR', 16], ['Cộng', 16],
  ]);
  s.officers.forEach((o, i) => byOfficer.addRow([i + 1, o.officerName.normalize('NFC'), o.officerId, o.receipts, o.cashVnd, o.transferVnd, o.qrVnd, o.totalVnd]));
  const total = byOfficer.addRow(['', 'Tổng cộng', '', s.totals.receipts, s.totals.cashVnd, s.totals.transferVnd, s.totals.qrVnd, s.totals.totalVnd]);
  total.font = { bold: true };
  for (const col of [5, 6, 7, 8]) byOfficer.getColumn(col).numFmt = MONEY;

  const byFee = wb.addWorksheet('Theo khoản thu');
  titled(byFee, 'BẢNG KÊ THU PHÍ, LỆ PHÍ THEO KHOẢN THU', d.agencyName, s.date, [['STT', 6], ['Tên loại phí, lệ phí', 48], ['Số lượng', 10], ['Số biên lai', 12], ['Số tiền', 16]]);
  s.fees.forEach((f, i) => byFee.addRow([i + 1, f.feeName.normalize('NFC'), f.quantity, f.receipts, f.amountVnd]));
  byFee.addRow(['', 'Tổng cộng', '', '', s.totals.totalVnd]).font = { bold: true };
  byFee.getColumn(5).numFmt = MONEY;

  const list = wb.addWorksheet('Biên lai');
  titled(list, 'DANH SÁCH BIÊN LAI TRONG NGÀY', d.agencyName, s.date, [
    ['Mẫu số', 10], ['Ký hiệu', 10], ['Số', 10], ['Thời gian', 17], ['Mã hồ sơ', 28], ['Người nộp', 26], ['Hình thức', 14], ['Số tiền', 14], ['Cán bộ thu', 22], ['Trạng thái', 12], ['Lý do hủy', 30],
  ]);
  for (const r of [...d.receipts].sort((a, b) => a.id - b.id)) {
    list.addRow([
      r.formNumber, r.series, r.numberText, formatDateTime(r.issuedAt), r.dossierCode, r.payerName.normalize('NFC'), paymentMethodNames[r.method].vi, r.amountVnd,
      r.officerName.normalize('NFC'), r.voided ? 'Đã hủy' : 'Hợp lệ', (d.voidReasons.get(r.id) ?? '').normalize('NFC'),
    ]);
  }
  list.getColumn(8).numFmt = MONEY;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// The log book (Mẫu 06 columns, main/forms/log-book.ts) for a range of days as an Excel
// workbook, for the leader who filters and sums it, and for the archive.
//
// Decisions:
// - Times are real Excel dates (serial numbers shown "hh:mm dd/mm/yyyy"), not text: the book is
//   opened to sort by appointment, filter one day or count late returns, which text defeats.
//   The serial is Vietnam wall-clock time (what the counter saw), never shifted by the PC's zone:
//   exceljs writes a Date by its UTC value, so each time goes in as Date.UTC of the wall clock.
// - The heading repeats the agency block and the national motto as on paper; the table header
//   (two rows and the column numbers) is frozen on screen and repeated on every printed page;
//   A4 landscape, one page wide.
// - The signature column stays empty for the pen when printed; who took the result, if known,
//   goes in it, and the line's note has a column of its own (in the PDF it shares the cell).

import ExcelJS from 'exceljs';
import { isValidLocalDateTime, parseLocalDateTime, parseLocalDate } from '../core/time';
import type { LocalDateTime } from '../core/model';
import type { LogBookData, LogBookEntry } from '../forms/log-book';
import { DEFAULT_FORM_SET, formTemplate } from '../forms/form-sets';
import { NATIONAL_MOTTO, NATIONAL_NAME } from '../forms/form-layout';
import { refuse, resolvePeriod, type ReportResult } from './report-period';

export type LogBookXlsxData = LogBookData;

/** Excel handles a million rows; a year of a provincial centre is well under this. */
export const MAX_XLSX_LINES = 200_000;

const COLUMNS: ReadonlyArray<Readonly<{ header: string; width: number }>> = [
  { header: 'TT', width: 6 },
  { header: 'Mã hồ sơ', width: 27 },
  { header: 'Nội dung yêu cầu giải quyết', width: 36 },
  { header: 'Chủ hồ sơ', width: 22 },
  { header: 'Địa chỉ', width: 34 },
  { header: 'Số điện thoại', width: 13 },
  { header: 'Nhận hồ sơ', width: 16 },
  { header: 'Hẹn trả kết quả', width: 16 },
  { header: 'Có kết quả', width: 16 },
  { header: 'Trả kết quả', width: 16 },
  { header: 'Người nhận kết quả ký, ghi rõ họ tên', width: 22 },
  { header: 'Ghi chú', width: 24 },
];
const TIME_COLUMNS = [7, 8, 9, 10];
const HEADER_TOP = 7;
const FIRST_DATA_ROW = HEADER_TOP + 3;
const DATE_FORMAT = 'hh:mm dd/mm/yyyy';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

const nfc = (s: string): string => s.normalize('NFC');

/** The wall-clock time as the Date exceljs turns into that serial number. */
export function excelDate(t: LocalDateTime): Date {
  const { date, minuteOfDay } = parseLocalDateTime(t);
  const { year, month, day } = parseLocalDate(date);
  return new Date(Date.UTC(year, month - 1, day, Math.floor(minuteOfDay / 60), minuteOfDay % 60));
}

function checkEntries(data: LogBookXlsxData, start: string, endExclusive: string, label: string): ReportResult<readonly LogBookEntry[]> {
  const entries = data.entries;
  if (!Array.isArray(entries) || entries.length === 0) return refuse('PERIOD_EMPTY', { period: label });
  if (entries.length > MAX_XLSX_LINES) return refuse('TOO_MANY_LINES', { period: label, count: entries.length, max: MAX_XLSX_LINES });
  for (const [i, e] of entries.entries()) {
    const line = typeof e?.line === 'number' ? e.line : i + 1;
    for (const field of ['dossierCode', 'ownerName'] as const) {
      if (typeof e?.[field] !== 'string' || e[field].trim() === '') return refuse('ENTRY_INVALID', { line, field });
    }
    for (const field of ['receivedAt', 'appointmentAt'] as const) {
      if (!isValidLocalDateTime(e[field])) return refuse('ENTRY_INVALID', { line, field });
    }
    for (const field of ['resultAt', 'returnedAt'] as const) {
      if (e[field] !== undefined && !isValidLocalDateTime(e[field])) return refuse('ENTRY_INVALID', { line, field });
    }
    if (e.receivedAt < start || e.receivedAt >= endExclusive) {
      return refuse('ENTRY_OUTSIDE_PERIOD', { code: e.dossierCode, receivedAt: e.receivedAt.replace('T', ' '), period: label });
    }
  }
  return { ok: true, value: entries };
}

/** The log book as an exceljs workbook, or a typed refusal (period invalid, reversed or empty, a bad line). */
export function buildLogBookWorkbook(data: LogBookXlsxData): ReportResult<ExcelJS.Workbook> {
  const resolved = resolvePeriod({ kind: 'range', from: data.period?.from, to: data.period?.to });
  if (!resolved.ok) return resolved;
  const period = resolved.value;
  const checked = checkEntries(data, period.start, period.endExclusive, period.label);
  if (!checked.ok) return checked;

  const title = formTemplate(data.formSet ?? DEFAULT_FORM_SET, 'log_book')?.title ?? 'SỔ THEO DÕI HỒ SƠ';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Trạm tiếp nhận một cửa';
  wb.title = nfc(`${title} – ${period.label}`);
  wb.subject = nfc(period.label);
  const ws = wb.addWorksheet('Sổ theo dõi hồ sơ', {
    views: [{ state: 'frozen', xSplit: 2, ySplit: FIRST_DATA_ROW - 1 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.25, footer: 0.25 },
      horizontalCentered: true,
    },
    headerFooter: { oddFooter: nfc(`&C${title} – ${period.label} – Trang &P/&N`) },
  });
  ws.pageSetup.printTitlesRow = `${HEADER_TOP}:${HEADER_TOP + 2}`;
  COLUMNS.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  const last = COLUMNS.length;
  const colLetter = (n: number): string => ws.getColumn(n).letter;

  // Heading: the agency block on the left, the national motto on the right, the title and period.
  const a = data.agency;
  const put = (row: number, from: number, to: number, text: string, font: Partial<ExcelJS.Font>): void => {
    ws.mergeCells(row, from, row, to);
    const cell = ws.getCell(row, from);
    cell.value = nfc(text);
    cell.font = { name: 'Times New Roman', size: 12, ...font };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  put(1, 1, 4, a.parentName.toLocaleUpperCase('vi'), {});
  put(2, 1, 4, a.name.toLocaleUpperCase('vi'), { bold: true });
  if (a.unitName !== undefined && a.unitName.trim() !== '') put(3, 1, 4, a.unitName.toLocaleUpperCase('vi'), { bold: true });
  put(1, 7, last, NATIONAL_NAME, { bold: true });
  put(2, 7, last, NATIONAL_MOTTO, { bold: true, underline: true });
  put(4, 1, last, title, { bold: true, size: 15 });
  put(5, 1, last, [data.volume ? `Quyển số: ${data.volume}` : undefined, period.label].filter((x) => x !== undefined).join(' – '), { italic: true });
  if (data.demo === true) put(6, 1, last, 'DỮ LIỆU MẪU – DEMO', { color: { argb: 'FF8A8A8A' }, size: 9 });

  // Header: two rows with the times grouped, then the column numbers.
  const headerCell = (row: number, col: number, text: string): void => {
    const cell = ws.getCell(row, col);
    cell.value = nfc(text);
    cell.font = { name: 'Times New Roman', size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  COLUMNS.forEach((c, i) => {
    const col = i + 1;
    if (TIME_COLUMNS.includes(col)) {
      headerCell(HEADER_TOP + 1, col, c.header);
    } else {
      ws.mergeCells(HEADER_TOP, col, HEADER_TOP + 1, col);
      headerCell(HEADER_TOP, col, c.header);
    }
  });
  ws.mergeCells(HEADER_TOP, TIME_COLUMNS[0] as number, HEADER_TOP, TIME_COLUMNS[TIME_COLUMNS.length - 1] as number);
  headerCell(HEADER_TOP, TIME_COLUMNS[0] as number, 'Thời gian (giờ, ngày tháng năm)');
  for (let col = 1; col <= last; col++) {
    const cell = ws.getCell(HEADER_TOP + 2, col);
    cell.value = `(${col})`;
    cell.font = { name: 'Times New Roman', size: 10, italic: true };
    cell.alignment = { horizontal: 'center' };
    for (let r = HEADER_TOP; r <= HEADER_TOP + 2; r++) ws.getCell(r, col).border = THIN;
  }
  ws.getRow(HEADER_TOP).height = 22;
  ws.getRow(HEADER_TOP + 1).height = 32;

  // One row per dossier.
  for (const e of checked.value) {
    const row = ws.addRow([
      e.line,
      nfc(e.dossierCode),
      nfc(e.procedureName),
      nfc(e.ownerName),
      nfc(e.address),
      nfc(e.phone),
      excelDate(e.receivedAt),
      excelDate(e.appointmentAt),
      e.resultAt !== undefined ? excelDate(e.resultAt) : null,
      e.returnedAt !== undefined ? excelDate(e.returnedAt) : null,
      e.receiverName !== undefined ? nfc(e.receiverName) : null,
      e.note !== undefined ? nfc(e.note) : null,
    ]);
    row.font = { name: 'Times New Roman', size: 11 };
    row.alignment = { vertical: 'top', wrapText: true };
    for (let col = 1; col <= last; col++) row.getCell(col).border = THIN;
    for (const col of TIME_COLUMNS) {
      const cell = row.getCell(col);
      cell.numFmt = DATE_FORMAT;
      cell.alignment = { vertical: 'top', horizontal: 'center' };
    }
    row.getCell(1).alignment = { vertical: 'top', horizontal: 'center' };
    // Phone numbers are text: a leading 0 must survive.
    row.getCell(6).numFmt = '@';
  }
  ws.autoFilter = `A${HEADER_TOP + 2}:${colLetter(last)}${HEADER_TOP + 2 + checked.value.length}`;
  return { ok: true, value: wb };
}

/** The log book as .xlsx bytes, or a typed refusal; nothing is written anywhere. */
export async function renderLogBookXlsx(data: LogBookXlsxData): Promise<ReportResult<Buffer>> {
  const wb = buildLogBookWorkbook(data);
  if (!wb.ok) return wb;
  const bytes = await wb.value.xlsx.writeBuffer();
  return { ok: true, value: Buffer.from(bytes) };
}

// The periodic report of results of handling administrative procedures (docs/domain.md,
// "Beyond intake"): per field (lĩnh vực), the dossiers to handle in the period — carried over
// from before it, new online, at the counter, by post — and what became of them: handled early,
// on time or late, still in progress within time or overdue at the end of the period, and
// withdrawn or stopped. Output as XLSX (exceljs) and PDF (pdfmake, A4 landscape).
//
// `aggregateResults` turns per-dossier facts into those counts. It is the reference the store's
// SQL aggregates are tested against (a full recount over the same dossiers must give the same
// rows), and it is fast enough to be the aggregation itself: a million facts in well under a
// second.
//
// Rules, decided here:
// - A dossier counts once received (it has receivedAt): registrations never received (1),
//   refusals (3) and supplements asked before reception are not dossiers to handle.
// - Handled means the result was ready: finishedAt (status 9), or returnedAt when the finishing
//   time is unknown; early / on time / late against the appointment (calendar/lateness.ts).
// - Withdrawn (7) and stopped (8) dossiers leave the count at closedAt, in a column of their
//   own, so that every row adds up: received = handled + in progress + withdrawn or stopped.
// - In progress at the end of the period (or at `asOf`, for a period not over yet): overdue
//   when its appointment is before that moment.

import ExcelJS from 'exceljs';
import type { Content, TableCell } from 'pdfmake/interfaces';
import { timeliness } from '../core/calendar/lateness';
import type { DossierStatus } from '../core/lifecycle';
import type { LocalDateTime } from '../core/model';
import { isValidLocalDateTime } from '../core/time';
import {
  agencyAuthor,
  agencyHeader,
  demoMark,
  formatPlaceAndDate,
  formatTimeAndDate,
  gridLayout,
  NATIONAL_MOTTO,
  NATIONAL_NAME,
  SIGN_AND_NAME,
  SIGN_NAME_AND_SEAL,
  signatureRow,
  type FormAgency,
  type LetterSigner,
} from '../forms/form-layout';
import { renderPdf, type TDocumentDefinitions } from '../forms/pdf';
import { periodWithDays, refuse, resolvePeriod, type ReportPeriod, type ReportResult, type ResolvedPeriod } from './report-period';

/** KenhThucHien: 1 at the counter, 2 online, 3 by public postal service. */
export type SubmissionChannel = 1 | 2 | 3;

/** What the report needs to know of one dossier. */
export type DossierFact = Readonly<{
  field: string;
  channel: SubmissionChannel;
  /** The current status (used to tell a withdrawal or stop from a result, and to check the times). */
  status: DossierStatus;
  receivedAt?: LocalDateTime;
  appointmentAt?: LocalDateTime;
  finishedAt?: LocalDateTime;
  returnedAt?: LocalDateTime;
  /** When it was withdrawn (7) or stopped (8). */
  closedAt?: LocalDateTime;
}>;

export type FieldCounts = Readonly<{
  field: string;
  carriedOver: number;
  newOnline: number;
  newCounter: number;
  newPost: number;
  early: number;
  onTime: number;
  late: number;
  inProgressWithinTime: number;
  inProgressOverdue: number;
  withdrawnOrStopped: number;
}>;

type MutableCounts = { -readonly [K in keyof FieldCounts]: FieldCounts[K] };

const COUNT_KEYS = [
  'carriedOver',
  'newOnline',
  'newCounter',
  'newPost',
  'early',
  'onTime',
  'late',
  'inProgressWithinTime',
  'inProgressOverdue',
  'withdrawnOrStopped',
] as const satisfies ReadonlyArray<keyof FieldCounts>;

export const receivedTotal = (c: FieldCounts): number => c.carriedOver + c.newOnline + c.newCounter + c.newPost;
export const handledTotal = (c: FieldCounts): number => c.early + c.onTime + c.late;
export const inProgressTotal = (c: FieldCounts): number => c.inProgressWithinTime + c.inProgressOverdue;

const emptyCounts = (field: string): MutableCounts => ({
  field,
  carriedOver: 0,
  newOnline: 0,
  newCounter: 0,
  newPost: 0,
  early: 0,
  onTime: 0,
  late: 0,
  inProgressWithinTime: 0,
  inProgressOverdue: 0,
  withdrawnOrStopped: 0,
});

/** The "Tổng cộng" row. */
export function totalCounts(rows: readonly FieldCounts[], field = 'Tổng cộng'): FieldCounts {
  const t = emptyCounts(field);
  for (const r of rows) for (const k of COUNT_KEYS) t[k] += r[k];
  return t;
}

const collator = new Intl.Collator('vi');

// A cheap shape check (length and separators): a full calendar check of four times per fact
// would double the cost of a million facts, and the store writes these columns itself.
const looksLikeTime = (t: unknown): t is string => typeof t === 'string' && t.length === 16 && t.charCodeAt(10) === 84 /* T */ && t.charCodeAt(13) === 58; /* : */

/**
 * Counts per field for a period from per-dossier facts, fields in Vietnamese alphabetical order.
 * `asOf` (default: the end of the period) is the moment "in progress" is judged at, for a period
 * not over yet. A fact that cannot be counted is a FACT_INVALID refusal naming it.
 */
export function aggregateResults(
  facts: Iterable<DossierFact>,
  period: ReportPeriod,
  options: Readonly<{ asOf?: LocalDateTime }> = {},
): ReportResult<readonly FieldCounts[]> {
  const resolved = resolvePeriod(period);
  if (!resolved.ok) return resolved;
  const { start, endExclusive } = resolved.value;
  if (options.asOf !== undefined && !isValidLocalDateTime(options.asOf)) return refuse('PERIOD_INVALID', { detail: `thời điểm ${String(options.asOf)}` });
  const end = options.asOf !== undefined && options.asOf < endExclusive ? options.asOf : endExclusive;
  const byField = new Map<string, MutableCounts>();
  let index = 0;
  for (const f of facts) {
    index++;
    const received = f.receivedAt;
    if (received === undefined) continue; // never received: not a dossier to handle
    if (!looksLikeTime(received)) return refuse('FACT_INVALID', { index, detail: 'thời gian tiếp nhận' });
    if (received >= end) continue;
    const s = f.status;
    const handledAt = f.finishedAt ?? f.returnedAt;
    let endedAt: string | undefined;
    let closed = false;
    if (handledAt !== undefined) {
      if (!looksLikeTime(handledAt)) return refuse('FACT_INVALID', { index, detail: 'thời gian có kết quả' });
      endedAt = handledAt;
    } else if (s === 7 || s === 8) {
      if (!looksLikeTime(f.closedAt)) return refuse('FACT_INVALID', { index, detail: 'thời gian rút hoặc dừng hồ sơ' });
      endedAt = f.closedAt;
      closed = true;
    } else if (s === 9 || s === 10) {
      return refuse('FACT_INVALID', { index, detail: 'hồ sơ đã có kết quả nhưng thiếu thời gian có kết quả' });
    }
    if (endedAt !== undefined && endedAt < start) continue; // finished before the period
    const appointment = f.appointmentAt;
    if (!looksLikeTime(appointment)) return refuse('FACT_INVALID', { index, detail: 'ngày hẹn trả kết quả' });
    if (typeof f.field !== 'string' || f.field.trim() === '') return refuse('FACT_INVALID', { index, detail: 'lĩnh vực' });
    let c = byField.get(f.field);
    if (c === undefined) {
      c = emptyCounts(f.field);
      byField.set(f.field, c);
    }
    if (received < start) c.carriedOver++;
    else if (f.channel === 2) c.newOnline++;
    else if (f.channel === 1) c.newCounter++;
    else if (f.channel === 3) c.newPost++;
    else return refuse('FACT_INVALID', { index, detail: `kênh thực hiện ${String(f.channel)}` });
    if (endedAt !== undefined && endedAt < end) {
      if (closed) c.withdrawnOrStopped++;
      else {
        const t = timeliness(appointment, endedAt);
        if (t === 'early') c.early++;
        else if (t === 'on_time') c.onTime++;
        else c.late++;
      }
    } else if (appointment < end) c.inProgressOverdue++;
    else c.inProgressWithinTime++;
  }
  const rows = [...byField.values()].sort((a, b) => collator.compare(a.field, b.field));
  return { ok: true, value: rows };
}

// ---------------------------------------------------------------------------------------------
// The report

export type ResultsReportData = Readonly<{
  agency: FormAgency;
  period: ReportPeriod;
  rows: readonly FieldCounts[];
  /** When the figures were taken (the date line, and "số liệu tính đến" before the period ends). */
  preparedAt: LocalDateTime;
  number?: string;
  /** The officer who prepared it (NGƯỜI LẬP BIỂU). */
  preparedBy?: string;
  /** The head who signs it. */
  signer?: LetterSigner;
  demo?: boolean;
}>;

type CheckedReport = Readonly<{ period: ResolvedPeriod; rows: readonly FieldCounts[]; total: FieldCounts }>;

/** The checks both outputs make: the period, every count a whole number ≥ 0, every row adding up, something to report. */
export function checkResultsReport(data: ResultsReportData): ReportResult<CheckedReport> {
  const resolved = resolvePeriod(data.period);
  if (!resolved.ok) return resolved;
  if (!isValidLocalDateTime(data.preparedAt)) return refuse('PERIOD_INVALID', { detail: `thời điểm lập báo cáo ${String(data.preparedAt)}` });
  const rows = Array.isArray(data.rows) ? data.rows : [];
  for (const r of rows) {
    const field = typeof r?.field === 'string' ? r.field : '?';
    if (field.trim() === '' || field === '?') return refuse('COUNTS_INVALID', { field, detail: 'thiếu tên lĩnh vực' });
    for (const k of COUNT_KEYS) {
      const v = r[k];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return refuse('COUNTS_INVALID', { field, detail: `${k} = ${String(v)}` });
    }
    const received = receivedTotal(r);
    const accounted = handledTotal(r) + inProgressTotal(r) + r.withdrawnOrStopped;
    if (received !== accounted) return refuse('COUNTS_INCONSISTENT', { field, received, accounted });
  }
  const total = totalCounts(rows);
  if (receivedTotal(total) === 0) return refuse('PERIOD_EMPTY', { period: resolved.value.label });
  return { ok: true, value: { period: resolved.value, rows, total } };
}

const TITLE = 'BÁO CÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH';

function periodLines(c: CheckedReport, preparedAt: LocalDateTime): string[] {
  const lines = [`Kỳ báo cáo: ${periodWithDays(c.period)}`];
  if (preparedAt < c.period.endExclusive) lines.push(`Số liệu tính đến ${formatTimeAndDate(preparedAt)}`);
  return lines;
}

/** "95,2%"; "–" when nothing was handled. */
export function onTimeRate(c: FieldCounts): string {
  const handled = handledTotal(c);
  if (handled === 0) return '–';
  return `${(Math.round(((c.early + c.onTime) * 1000) / handled) / 10).toFixed(1).replace('.', ',')}%`;
}

// The 16 columns: STT, field, received (total, carried over, online, counter, post), handled
// (total, early, on time, late), in progress (total, within time, overdue), withdrawn or
// stopped, share handled early or on time.
const values = (c: FieldCounts): number[] => [
  receivedTotal(c),
  c.carriedOver,
  c.newOnline,
  c.newCounter,
  c.newPost,
  handledTotal(c),
  c.early,
  c.onTime,
  c.late,
  inProgressTotal(c),
  c.inProgressWithinTime,
  c.inProgressOverdue,
  c.withdrawnOrStopped,
];

type HeaderSpec = Readonly<{ text: string; row: number; col: number; rowSpan?: number; colSpan?: number }>;

/** The header cells, rows 0–2 and columns 0–15, with their spans (shared by the XLSX and the PDF). */
const HEADER: readonly HeaderSpec[] = [
  { text: 'STT', row: 0, col: 0, rowSpan: 3 },
  { text: 'Lĩnh vực giải quyết', row: 0, col: 1, rowSpan: 3 },
  { text: 'Số hồ sơ nhận giải quyết', row: 0, col: 2, colSpan: 5 },
  { text: 'Số hồ sơ đã giải quyết', row: 0, col: 7, colSpan: 4 },
  { text: 'Số hồ sơ đang giải quyết', row: 0, col: 11, colSpan: 3 },
  { text: 'Số hồ sơ rút, dừng giải quyết', row: 0, col: 14, rowSpan: 3 },
  { text: 'Tỷ lệ giải quyết trước hạn, đúng hạn', row: 0, col: 15, rowSpan: 3 },
  { text: 'Tổng số', row: 1, col: 2, rowSpan: 2 },
  { text: 'Kỳ trước chuyển qua', row: 1, col: 3, rowSpan: 2 },
  { text: 'Mới tiếp nhận', row: 1, col: 4, colSpan: 3 },
  { text: 'Tổng số', row: 1, col: 7, rowSpan: 2 },
  { text: 'Trước hạn', row: 1, col: 8, rowSpan: 2 },
  { text: 'Đúng hạn', row: 1, col: 9, rowSpan: 2 },
  { text: 'Quá hạn', row: 1, col: 10, rowSpan: 2 },
  { text: 'Tổng số', row: 1, col: 11, rowSpan: 2 },
  { text: 'Trong hạn', row: 1, col: 12, rowSpan: 2 },
  { text: 'Quá hạn', row: 1, col: 13, rowSpan: 2 },
  { text: 'Trực tuyến', row: 2, col: 4 },
  { text: 'Trực tiếp', row: 2, col: 5 },
  { text: 'Bưu chính công ích', row: 2, col: 6 },
];
const COLS = 16;

const nfc = (s: string): string => s.normalize('NFC');

/** The report as an exceljs workbook, with live formulas for the totals and the rate. */
export function buildResultsWorkbook(data: ResultsReportData): ReportResult<ExcelJS.Workbook> {
  const checked = checkResultsReport(data);
  if (!checked.ok) return checked;
  const c = checked.value;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Trạm tiếp nhận một cửa';
  wb.title = nfc(`${TITLE} – ${c.period.label}`);
  const ws = wb.addWorksheet('Báo cáo kết quả', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.25, footer: 0.25 },
      horizontalCentered: true,
    },
  });
  const widths = [6, 34, 10, 10, 10, 10, 11, 10, 10, 10, 10, 10, 10, 10, 11, 12];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const font = { name: 'Times New Roman', size: 12 };
  const put = (row: number, from: number, to: number, text: string, extra: Partial<ExcelJS.Font> = {}): void => {
    ws.mergeCells(row, from, row, to);
    const cell = ws.getCell(row, from);
    cell.value = nfc(text);
    cell.font = { ...font, ...extra };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  const a = data.agency;
  put(1, 1, 4, a.parentName.toLocaleUpperCase('vi'));
  put(2, 1, 4, a.name.toLocaleUpperCase('vi'), { bold: true });
  if (data.number) put(3, 1, 4, `Số: ${data.number}`);
  put(1, 8, COLS, NATIONAL_NAME, { bold: true });
  put(2, 8, COLS, NATIONAL_MOTTO, { bold: true, underline: true });
  put(3, 8, COLS, formatPlaceAndDate(a.placeName, data.preparedAt), { italic: true });
  put(4, 1, COLS, TITLE, { bold: true, size: 14 });
  const lines = periodLines(c, data.preparedAt);
  lines.forEach((l, i) => put(5 + i, 1, COLS, l, { italic: true }));
  if (data.demo === true) put(5 + lines.length, 1, COLS, 'DỮ LIỆU MẪU – DEMO', { color: { argb: 'FF8A8A8A' }, size: 9 });

  const top = 8;
  const thin: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
  for (const h of HEADER) {
    const r = top + h.row;
    const col = h.col + 1;
    if ((h.rowSpan ?? 1) > 1 || (h.colSpan ?? 1) > 1) ws.mergeCells(r, col, r + (h.rowSpan ?? 1) - 1, col + (h.colSpan ?? 1) - 1);
    const cell = ws.getCell(r, col);
    cell.value = nfc(h.text);
    cell.font = { ...font, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  for (let col = 1; col <= COLS; col++) {
    const cell = ws.getCell(top + 3, col);
    cell.value = `(${col})`;
    cell.font = { ...font, size: 10, italic: true };
    cell.alignment = { horizontal: 'center' };
    for (let r = top; r <= top + 3; r++) ws.getCell(r, col).border = thin;
  }
  ws.getRow(top + 1).height = 30;
  ws.getRow(top + 2).height = 30;
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: top + 3 }];
  ws.pageSetup.printTitlesRow = `${top}:${top + 3}`;

  const first = top + 4;
  const L = (col: number): string => ws.getColumn(col).letter;
  const writeRow = (r: number, label: string | number, name: string, counts: FieldCounts, sums: boolean): void => {
    const row = ws.getRow(r);
    row.getCell(1).value = label;
    row.getCell(2).value = nfc(name);
    const v = values(counts);
    // Columns 3–15: the numbers; the three "Tổng số" columns and the totals row are formulas.
    v.forEach((n, i) => {
      const col = i + 3;
      const cell = row.getCell(col);
      if (sums) cell.value = { formula: `SUM(${L(col)}${first}:${L(col)}${r - 1})`, result: n };
      else if (col === 3) cell.value = { formula: `SUM(D${r}:G${r})`, result: n };
      else if (col === 8) cell.value = { formula: `SUM(I${r}:K${r})`, result: n };
      else if (col === 12) cell.value = { formula: `SUM(M${r}:N${r})`, result: n };
      else cell.value = n;
      cell.numFmt = '#,##0';
    });
    const handled = handledTotal(counts);
    const rate = row.getCell(16);
    rate.value = { formula: `IF(H${r}=0,"",(I${r}+J${r})/H${r})`, result: handled === 0 ? '' : (counts.early + counts.onTime) / handled };
    rate.numFmt = '0.0%';
    row.font = { ...font, size: 11, bold: sums };
    for (let col = 1; col <= COLS; col++) {
      const cell = row.getCell(col);
      cell.border = thin;
      cell.alignment = { vertical: 'middle', horizontal: col === 2 ? 'left' : 'center', wrapText: col === 2 };
    }
  };
  c.rows.forEach((r, i) => writeRow(first + i, i + 1, r.field, r, false));
  writeRow(first + c.rows.length, '', 'Tổng cộng', c.total, true);

  const signAt = first + c.rows.length + 2;
  const sign = (col: number, to: number, role: string, hint: string, name: string | undefined): void => {
    put(signAt, col, to, role, { bold: true });
    put(signAt + 1, col, to, hint, { italic: true, size: 10 });
    if (name) put(signAt + 5, col, to, name, { bold: true });
  };
  sign(1, 6, 'NGƯỜI LẬP BIỂU', SIGN_AND_NAME, data.preparedBy);
  sign(10, COLS, data.signer?.role ?? 'THỦ TRƯỞNG CƠ QUAN', SIGN_NAME_AND_SEAL, data.signer?.name);
  return { ok: true, value: wb };
}

/** The report as .xlsx bytes, or a typed refusal. */
export async function renderResultsXlsx(data: ResultsReportData): Promise<ReportResult<Buffer>> {
  const wb = buildResultsWorkbook(data);
  if (!wb.ok) return wb;
  return { ok: true, value: Buffer.from(await wb.value.xlsx.writeBuffer()) };
}

const vnCount = (n: number): string => n.toLocaleString('vi-VN');

/** The report as a pdfmake document definition (A4 landscape), or a typed refusal. */
export function buildResultsReportPdf(data: ResultsReportData): ReportResult<TDocumentDefinitions> {
  const checked = checkResultsReport(data);
  if (!checked.ok) return checked;
  const c = checked.value;
  const small = 8.2;
  const content: Content[] = [];
  if (data.demo === true) content.push(demoMark({ small: 9 }));
  content.push(
    agencyHeader({
      agency: { parentName: data.agency.parentName, name: data.agency.name },
      ...(data.number !== undefined ? { number: data.number } : {}),
      placeAndDate: formatPlaceAndDate(data.agency.placeName, data.preparedAt),
      fontSize: 10,
      leftWidth: 260,
      columnGap: 120,
    }),
  );
  content.push({ text: TITLE, bold: true, fontSize: 13.5, alignment: 'center', margin: [0, 12, 0, 0] });
  for (const l of periodLines(c, data.preparedAt)) content.push({ text: l, italics: true, alignment: 'center', margin: [0, 2, 0, 0] });

  const grid: TableCell[][] = Array.from({ length: 3 }, () => Array.from({ length: COLS }, () => ({}) as TableCell));
  for (const h of HEADER) {
    (grid[h.row] as TableCell[])[h.col] = {
      text: h.text,
      bold: true,
      alignment: 'center',
      // Top-aligned: pdfmake misplaces vertically centred text in cells spanning rows.
      ...(h.rowSpan ? { rowSpan: h.rowSpan } : {}),
      ...(h.colSpan ? { colSpan: h.colSpan } : {}),
    } as TableCell;
  }
  const numbers: TableCell[] = Array.from({ length: COLS }, (_, i) => ({ text: `(${i + 1})`, italics: true, alignment: 'center' }));
  const line = (label: string, name: string, counts: FieldCounts, bold: boolean): TableCell[] => [
    { text: label, alignment: 'center', bold },
    { text: name, bold },
    ...values(counts).map((n): TableCell => ({ text: vnCount(n), alignment: 'center', bold })),
    { text: onTimeRate(counts), alignment: 'center', bold },
  ];
  const body: TableCell[][] = [...grid, numbers, ...c.rows.map((r, i) => line(String(i + 1), r.field, r, false)), line('', 'Tổng cộng', c.total, true)];
  content.push({
    // pdfmake does not grow rows for the text of cells spanning them: the three header rows get
    // heights that hold the longest spanned headings ("Tỷ lệ giải quyết trước hạn, đúng hạn").
    table: {
      headerRows: 4,
      dontBreakRows: true,
      widths: [20, '*', 38, 40, 38, 38, 40, 38, 38, 38, 38, 38, 38, 38, 42, 48],
      heights: (row: number) => (row === 0 ? 16 : row === 1 ? 22 : row === 2 ? 30 : 'auto'),
      body,
    },
    layout: gridLayout(2, 2),
    fontSize: small,
    margin: [0, 10, 0, 0],
  });
  content.push(
    signatureRow(
      [
        { role: 'NGƯỜI LẬP BIỂU', ...(data.preparedBy !== undefined ? { name: data.preparedBy } : {}) },
        { role: data.signer?.role ?? 'THỦ TRƯỞNG CƠ QUAN', hint: SIGN_NAME_AND_SEAL, ...(data.signer !== undefined ? { name: data.signer.name } : {}) },
      ],
      { small: 9, space: 50, margin: [0, 14, 0, 0] },
    ),
  );
  return {
    ok: true,
    value: {
      pageSize: 'A4',
      pageOrientation: 'landscape',
      pageMargins: [36, 34, 36, 34],
      info: {
        title: `Báo cáo kết quả giải quyết thủ tục hành chính – ${c.period.label}`,
        author: agencyAuthor(data.agency),
        subject: periodWithDays(c.period),
        creator: 'Trạm tiếp nhận một cửa',
        producer: 'Trạm tiếp nhận một cửa (pdfmake)',
      },
      language: 'vi-VN',
      defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.1 },
      footer: (page: number, pages: number) => ({ text: `Trang ${page}/${pages}`, fontSize: 7, alignment: 'center', margin: [0, 12, 0, 0] }),
      content,
    },
  };
}

/** The report as PDF bytes, or a typed refusal. */
export async function renderResultsReportPdf(data: ResultsReportData): Promise<ReportResult<Buffer>> {
  const doc = buildResultsReportPdf(data);
  if (!doc.ok) return doc;
  return { ok: true, value: await renderPdf(doc.value) };
}

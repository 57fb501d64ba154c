// Mẫu 06 — "Sổ theo dõi hồ sơ" (Circular 01/2018/TT-VPCP; Mẫu 07 in the 2025 set): the
// counter's log book for a period, one line per dossier, on A4 landscape. The table runs over
// as many pages as it needs; its header rows (headings, the times grouped, column numbers) are
// repeated on every page, a line never splits across pages, every page after the first names
// the book and the period above the table, and every page is numbered below it.
//
// Columns (docs/domain.md, "The printed forms"): TT, code, content (the procedure), owner,
// address, phone, the times (received, appointment, result ready, returned) and the signature
// of whoever took the result, with the line's note under it.
//
// A month of a provincial centre is thousands of lines, so the book is drawn by
// paged-table.ts (straight on pdfkit, about three times faster than a pdfmake table):
// `buildLogBook` gives that table's plain description, `renderLogBook` the PDF.

import type { LocalDate, LocalDateTime } from '../core/model';
import { FormChecks } from './form-errors';
import { agencyAuthor, checkAgency, formatDate, MOTTO_EM_WIDTH, NATIONAL_MOTTO, NATIONAL_NAME, two, dateTimeParts, templateIn, type FormAgency } from './form-layout';
import { formNumberLine, type FormSetId } from './form-sets';
import { renderPagedTable, type HeaderCell, type HeadingLine, type PagedCell, type PagedTableSpec } from './paged-table';

export type LogBookEntry = Readonly<{
  /** Số thứ tự in the book (the slip's "Số thứ tự"). */
  line: number;
  dossierCode: string;
  /** Nội dung: the procedure asked for. */
  procedureName: string;
  ownerName: string;
  address: string;
  phone: string;
  receivedAt: LocalDateTime;
  appointmentAt: LocalDateTime;
  /** The result was ready (finished, status 9). */
  resultAt?: LocalDateTime;
  /** Handed back (status 10). */
  returnedAt?: LocalDateTime;
  /** Who took the result, printed in the signature column. */
  receiverName?: string;
  /** A short note under it ("Rút hồ sơ", "Bưu chính EE123456785VN"…). */
  note?: string;
}>;

export type LogBookData = Readonly<{
  formSet?: FormSetId;
  agency: FormAgency;
  /** "Quyển số". */
  volume?: string;
  period: Readonly<{ from: LocalDate; to: LocalDate }>;
  entries: readonly LogBookEntry[];
  demo?: boolean;
}>;

const FORM_NAME = 'Sổ theo dõi hồ sơ';
/** A month of a busy provincial centre is a few thousand lines; beyond this, choose a shorter period. */
export const MAX_LOG_BOOK_LINES = 20_000;

const MARGINS = [28, 40, 28, 34] as const;
const FONT = 6.8;

function check(data: LogBookData): ReturnType<typeof templateIn> {
  const c = new FormChecks(FORM_NAME);
  checkAgency(c, data.agency);
  const from = c.date('period.from', 'Từ ngày', data.period?.from);
  const to = c.date('period.to', 'Đến ngày', data.period?.to);
  if (from && to) c.order('period.to', 'Đến ngày', data.period.to, data.period.from, 'từ ngày');
  if (c.list('entries', 'Hồ sơ', data.entries)) {
    if (data.entries.length > MAX_LOG_BOOK_LINES) {
      c.add({ code: 'TOO_MANY_ROWS', field: 'entries', params: { count: data.entries.length, max: MAX_LOG_BOOK_LINES } });
    } else {
      // One issue per field kind is enough to tell the officer what is wrong; stop at a few.
      for (let i = 0; i < data.entries.length && c.issues.length < 10; i++) {
        const e = data.entries[i] as LogBookEntry;
        c.count(`entries.${i}.line`, `Số thứ tự (dòng ${i + 1})`, e.line);
        c.text(`entries.${i}.dossierCode`, `Mã hồ sơ (dòng ${i + 1})`, e.dossierCode);
        c.text(`entries.${i}.ownerName`, `Tên cá nhân, tổ chức (dòng ${i + 1})`, e.ownerName);
        c.dateTime(`entries.${i}.receivedAt`, `Ngày nhận hồ sơ (dòng ${i + 1})`, e.receivedAt);
        c.dateTime(`entries.${i}.appointmentAt`, `Ngày hẹn trả (dòng ${i + 1})`, e.appointmentAt);
        c.dateTime(`entries.${i}.resultAt`, `Ngày có kết quả (dòng ${i + 1})`, e.resultAt, true);
        c.dateTime(`entries.${i}.returnedAt`, `Ngày trả kết quả (dòng ${i + 1})`, e.returnedAt, true);
      }
    }
  }
  const t = templateIn(c, data.formSet, 'log_book', FORM_NAME);
  c.done();
  return t;
}

/** "09:32" over "02/11/2026". */
function when(t: LocalDateTime | undefined): PagedCell {
  if (t === undefined) return '';
  const p = dateTimeParts(t);
  return { text: `${two(p.hour)}:${two(p.minute)}\n${two(p.day)}/${two(p.month)}/${p.year}`, align: 'center' };
}

function headerRows(): Array<Array<HeaderCell | null>> {
  const span = (text: string): HeaderCell => ({ text, rowSpan: 2 });
  return [
    [span('TT'), span('Mã hồ sơ'), span('Nội dung yêu cầu giải quyết'), span('Chủ hồ sơ'), span('Địa chỉ'), span('Số điện thoại'), { text: 'Thời gian (giờ, ngày tháng năm)', colSpan: 4 }, null, null, null, span('Người nhận kết quả ký, ghi rõ họ tên')],
    [null, null, null, null, null, null, { text: 'Nhận hồ sơ' }, { text: 'Hẹn trả kết quả' }, { text: 'Có kết quả' }, { text: 'Trả kết quả' }, null],
    Array.from({ length: 11 }, (_, i) => ({ text: `(${i + 1})`, bold: false, italics: true })),
  ];
}

function row(e: LogBookEntry): PagedCell[] {
  const signed = [e.receiverName, e.note].filter((x): x is string => x !== undefined && x.trim() !== '').join('\n');
  return [
    { text: String(e.line), align: 'center' },
    e.dossierCode,
    e.procedureName,
    e.ownerName,
    e.address,
    e.phone,
    when(e.receivedAt),
    when(e.appointmentAt),
    when(e.resultAt),
    when(e.returnedAt),
    signed,
  ];
}

/**
 * The log book as a plain table description (pure; render it with renderPagedTable, or call
 * renderLogBook). Throws FormDataError on bad data, an empty period, or too many lines.
 */
export function buildLogBook(data: LogBookData): PagedTableSpec {
  const { set, template } = check(data);
  const period = `Từ ngày ${formatDate(data.period.from)} đến ngày ${formatDate(data.period.to)}`;
  const volume = data.volume !== undefined && data.volume.trim() !== '' ? `Quyển số: ${data.volume}` : undefined;
  const a = data.agency;
  const size = 9.5;
  const left: HeadingLine[] = [{ text: a.parentName.toLocaleUpperCase('vi'), size }, { text: a.name.toLocaleUpperCase('vi'), size, bold: true }];
  if (a.unitName !== undefined && a.unitName.trim() !== '') left.push({ text: a.unitName.toLocaleUpperCase('vi'), size, bold: true });
  (left[left.length - 1] as { ruleAfter?: number }).ruleAfter = 70;
  const right: HeadingLine[] = [
    { text: NATIONAL_NAME, size, bold: true },
    { text: NATIONAL_MOTTO, size: size + 0.5, bold: true, ruleAfter: MOTTO_EM_WIDTH * (size + 0.5) },
  ];
  const heading: PagedTableSpec['heading'] = [
    ...(data.demo === true ? [{ kind: 'line' as const, align: 'right' as const, line: { text: 'DỮ LIỆU MẪU – DEMO', size: 7 } }] : []),
    { kind: 'columns', gap: 40, columns: [{ width: 250, lines: left }, { width: '*', lines: right }] },
    { kind: 'line', align: 'center', line: { text: template.title, size: 14, bold: true, gapBefore: 6 } },
    { kind: 'line', align: 'center', line: { text: [volume, period].filter((x) => x !== undefined).join(' – '), size: 9.5, italics: true, gapBefore: 1 } },
  ];
  return {
    orientation: 'landscape',
    margins: MARGINS,
    fontSize: FONT,
    lineHeight: 1.0,
    padding: [2.2, 1.6],
    info: { title: `${FORM_NAME} – ${period}`, author: agencyAuthor(a), subject: period },
    heading,
    runningHeader: {
      ...(formNumberLine(set, template) !== undefined ? { first: formNumberLine(set, template) } : {}),
      others: [template.title, volume, period].filter((x) => x !== undefined).join(' – '),
    },
    columns: [{ width: 22 }, { width: 96 }, { width: '*' }, { width: 78 }, { width: 112 }, { width: 50 }, { width: 44 }, { width: 44 }, { width: 44 }, { width: 44 }, { width: 70 }],
    headerRows: headerRows(),
    rows: data.entries.map(row),
  };
}

/** Mẫu 06 as PDF bytes. */
export async function renderLogBook(data: LogBookData): Promise<Buffer> {
  return renderPagedTable(buildLogBook(data));
}

// What every one-stop form shares (Circular 01/2018/TT-VPCP and 03/2025/TT-VPCP, laid out the
// way Decree 30/2020/NĐ-CP sets out administrative documents): the agency block on the left
// (parent body, agency, unit, number) and the national motto on the right ("CỘNG HÒA XÃ HỘI
// CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc", a rule under it, the place and date line),
// the title, body lines, signature blocks, "Nơi nhận", and the small "Mẫu số …" line of the set.
//
// Everything here builds pdfmake content (pure data); renderPdf (pdf.ts) normalises every
// string to NFC when the document is rendered.

import type { Column, Content, ContentCanvas, TableLayout } from 'pdfmake/interfaces';
import type { LocalDate, LocalDateTime } from '../core/model';
import { parseLocalDate, parseLocalDateTime } from '../core/time';
import type { FormChecks } from './form-errors';
import { FORM_SETS, formNumberLine, formTemplate, isFormSetId, DEFAULT_FORM_SET, type FormKind, type FormSetId, type FormTemplate } from './form-sets';
import type { TDocumentDefinitions } from './pdf';

// ---------------------------------------------------------------------------------------------
// Dates and wording

export type DateTimeParts = Readonly<{ year: number; month: number; day: number; hour: number; minute: number }>;

/** The parts of a LocalDateTime, checked by the core's parser (impossible dates throw RangeError). */
export function dateTimeParts(value: string): DateTimeParts {
  const { date, minuteOfDay } = parseLocalDateTime(value);
  const { year, month, day } = parseLocalDate(date);
  return { year, month, day, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 };
}

export const two = (n: number): string => String(n).padStart(2, '0');

// How every form writes dates and times: the station's one formatting module.
import { formatPlaceAndDate } from '../core/format';
export { formatDate, formatLongDate, formatPlaceAndDate, formatTimeAndDate, formatDateTime as formatShortDateTime } from '../core/format';

// ---------------------------------------------------------------------------------------------
// Building blocks

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';
/** Width of "Độc lập - Tự do - Hạnh phúc" in Roboto Medium, per point of font size (the rule under it matches it). */
export const MOTTO_EM_WIDTH = 12.38;

/** The issuing body as the header prints it. */
export type FormAgency = Readonly<{
  /** Upper line, e.g. "UBND tỉnh Bắc Ninh" (the governing body). */
  parentName: string;
  /** e.g. "UBND xã Tiên Du". */
  name: string;
  /** e.g. "Bộ phận Một cửa"; absent on letters the agency itself signs. */
  unitName?: string;
  /** Place name of the date line, "Tiên Du, ngày …". */
  placeName: string;
}>;

/**
 * Text runs that wrap: pdfmake only breaks at spaces and punctuation, so a long token without
 * any (an e-mail address, a code) is allowed to break anywhere instead of running off the page.
 */
export function wrapping(text: string, style: Record<string, unknown> = {}): Content[] {
  return text.split(/(\s+)/).filter((s) => s !== '').map((part) =>
    part.length > 24 && !/\s/.test(part) ? { text: part, ...style, wordBreak: 'break-all' } : { text: part, ...style },
  ) as Content[];
}

/** A horizontal rule of `length` pt (centred by its parent's alignment). */
export const rule = (length: number, margin: [number, number, number, number]): ContentCanvas => ({
  canvas: [{ type: 'line', x1: 0, y1: 0, x2: length, y2: 0, lineWidth: 0.7 }],
  margin,
});

export type HeaderOptions = Readonly<{
  agency: Pick<FormAgency, 'parentName' | 'name' | 'unitName'>;
  /** Printed after "Số: " under the agency block; absent for forms without a number. */
  number?: string;
  /** The italic line under the motto ("Tiên Du, ngày …"). */
  placeAndDate?: string;
  fontSize: number;
  /** Width of the agency block (pt). */
  leftWidth: number;
  columnGap?: number;
}>;

/** The two-column header: agency block and number on the left, the national motto on the right. */
export function agencyHeader(o: HeaderOptions): Content {
  const a = o.agency;
  const mottoSize = o.fontSize + 0.5;
  const left: Content[] = [
    { text: wrapping(a.parentName.toLocaleUpperCase('vi')) },
    { text: wrapping(a.name.toLocaleUpperCase('vi')), bold: true },
  ];
  if (a.unitName !== undefined && a.unitName.trim() !== '') left.push({ text: wrapping(a.unitName.toLocaleUpperCase('vi')), bold: true });
  left.push(rule(Math.min(70, o.leftWidth / 3), [0, 2, 0, 3]));
  if (o.number !== undefined) left.push({ text: ['Số: ', ...wrapping(o.number)] });
  const right: Content[] = [
    { text: NATIONAL_NAME, bold: true },
    { text: NATIONAL_MOTTO, bold: true, fontSize: mottoSize },
    rule(MOTTO_EM_WIDTH * mottoSize, [0, 1, 0, 6]),
  ];
  if (o.placeAndDate !== undefined) right.push({ text: o.placeAndDate, italics: true });
  return {
    columns: [
      { width: o.leftWidth, alignment: 'center', fontSize: o.fontSize, stack: left },
      { width: '*', alignment: 'center', fontSize: o.fontSize, stack: right },
    ],
    columnGap: o.columnGap ?? 6,
  };
}

export type SignatureBlock = Readonly<{
  /** "NGƯỜI TIẾP NHẬN HỒ SƠ"; lines separated by "\n" ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"). */
  role: string;
  /** "(Ký và ghi rõ họ tên)" unless given. */
  hint?: string;
  /** The signer's name under the space for the signature; blank to be written by hand. */
  name?: string;
}>;

export const SIGN_AND_NAME = '(Ký và ghi rõ họ tên)';
export const SIGN_NAME_AND_SEAL = '(Ký, ghi rõ họ tên và đóng dấu)';

export type SignatureOptions = Readonly<{
  small: number;
  /** Space left for the signature (pt). */
  space: number;
  margin: [number, number, number, number];
  columnGap?: number;
}>;

/** Signature blocks side by side; `null` leaves a column empty (a single signer on the right). */
export function signatureRow(blocks: ReadonlyArray<SignatureBlock | null>, o: SignatureOptions): Content {
  const column = (b: SignatureBlock | null): Column =>
    b === null
      ? { width: '*', text: '' }
      : {
          width: '*',
          alignment: 'center',
          stack: [
            { text: b.role, bold: true },
            { text: b.hint ?? SIGN_AND_NAME, italics: true, fontSize: o.small },
            { text: wrapping(b.name ?? ' '), bold: true, margin: [0, o.space, 0, 0] },
          ],
        };
  return { columns: blocks.map(column), columnGap: o.columnGap ?? 12, margin: o.margin, unbreakable: true };
}

/** "Nơi nhận:" and its lines, the small block left of a letter's signature. */
export function recipientsBlock(recipients: readonly string[], fontSize: number): Content {
  return {
    stack: [
      { text: 'Nơi nhận:', bold: true, italics: true, fontSize: fontSize + 0.5 },
      ...recipients.map((r) => ({ text: `- ${r}`, fontSize })),
    ],
  };
}

/** Thin black grid for tables. */
export function gridLayout(padH: number, padV: number): TableLayout {
  return {
    hLineWidth: () => 0.5,
    vLineWidth: () => 0.5,
    hLineColor: () => '#333333',
    vLineColor: () => '#333333',
    paddingLeft: () => padH,
    paddingRight: () => padH,
    paddingTop: () => padV,
    paddingBottom: () => padV,
  };
}

// ---------------------------------------------------------------------------------------------
// Page profiles of the letters and slips (Mẫu 02, 03, 04, the stop notice, the handover note)

export type PaperSize = 'A4' | 'A5';

export type FormProfile = Readonly<{
  pageSize: PaperSize;
  /** left, top, right, bottom (pt) */
  margins: [number, number, number, number];
  /** Width between the margins (pt). */
  width: number;
  font: number;
  small: number;
  header: number;
  title: number;
  lineHeight: number;
  /** Space above each body line (pt). */
  gap: number;
  leftHeaderWidth: number;
  signatureSpace: number;
  titleGap: number;
  cellPadding: [number, number];
}>;

// A4 margins as Decree 30/2020 sets them for administrative documents (left 30 mm, right 15,
// top and bottom 20); A5 the same proportions, for the counter's small printer.
export const FORM_PROFILES: Readonly<Record<PaperSize, FormProfile>> = {
  A4: {
    pageSize: 'A4',
    margins: [85, 50, 45, 50],
    width: 595.28 - 85 - 45,
    font: 12,
    small: 10.5,
    header: 11,
    title: 14,
    lineHeight: 1.25,
    gap: 5,
    leftHeaderWidth: 200,
    signatureSpace: 62,
    titleGap: 18,
    cellPadding: [4, 2.5],
  },
  A5: {
    pageSize: 'A5',
    margins: [48, 30, 30, 30],
    width: 419.53 - 48 - 30,
    font: 9.5,
    small: 8.3,
    header: 8.4,
    title: 11,
    lineHeight: 1.15,
    gap: 3,
    leftHeaderWidth: 145,
    signatureSpace: 44,
    titleGap: 11,
    cellPadding: [2.5, 1.5],
  },
};

/** A body line with the profile's spacing. */
// Left-aligned, not justified: pdfmake justifies by spreading the gaps between its text runs,
// and it also splits runs after "/" and "-", so "61/2018/NĐ-CP" would print as "61/2018/ NĐ- CP".
export const bodyLine = (p: FormProfile, runs: Content[], extra: Record<string, unknown> = {}): Content =>
  ({ text: gluePunctuation(runs), margin: [0, p.gap, 0, 0], ...extra }) as Content;

/**
 * Moves the punctuation that starts a run onto the end of the run before it: pdfmake may break a
 * line between two runs, and a line must not start with the comma after a name printed in bold.
 */
export function gluePunctuation(runs: Content[]): Content[] {
  const out: Content[] = [];
  for (const run of runs) {
    const prev = out[out.length - 1] as { text?: unknown } | undefined;
    const r = run as { text?: unknown };
    const m = typeof r.text === 'string' ? /^[,.;:!?)]+/.exec(r.text) : null;
    if (m && prev && typeof prev.text === 'string') {
      out[out.length - 1] = { ...(prev as object), text: prev.text + m[0] } as Content;
      const rest = (r.text as string).slice(m[0].length);
      if (rest !== '') out.push({ ...(r as object), text: rest } as Content);
      continue;
    }
    out.push(run);
  }
  return out;
}

/** The signer of a letter the agency itself issues (Mẫu 04, the stop notice). */
export type LetterSigner = Readonly<{
  /** "CHỦ TỊCH", or "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" when a deputy signs. */
  role: string;
  name: string;
}>;

/** "Kính gửi: Ông/Bà …" centred, with the address line under it. */
export function addressee(p: FormProfile, fullName: string, detail?: string): Content[] {
  const out: Content[] = [{ text: [{ text: 'Kính gửi: ' }, { text: `Ông/Bà ${fullName}`, bold: true }], alignment: 'center', margin: [0, p.gap + 6, 0, 0] }];
  if (detail !== undefined && detail.trim() !== '') out.push({ text: `(${detail})`, alignment: 'center', fontSize: p.small, margin: [0, 1, 0, 0] });
  return out;
}

/** "Nơi nhận" on the left and the signer (with the seal) on the right. */
export function letterClose(p: FormProfile, signer: LetterSigner, recipients: readonly string[]): Content {
  return {
    columns: [
      { width: '*', stack: [recipientsBlock(recipients, p.small - 0.5)], margin: [0, 2, 0, 0] },
      {
        width: '*',
        alignment: 'center',
        stack: [
          { text: signer.role, bold: true },
          { text: SIGN_NAME_AND_SEAL, italics: true, fontSize: p.small },
          { text: wrapping(signer.name), bold: true, margin: [0, p.signatureSpace, 0, 0] },
        ],
      },
    ],
    columnGap: 12,
    margin: [0, p.gap + 10, 0, 0],
    unbreakable: true,
  };
}

/** The title in capitals, centred, with the set's title text. */
export function formTitle(p: FormProfile, title: string, subtitle?: string): Content[] {
  const out: Content[] = [{ text: title, bold: true, fontSize: p.title, alignment: 'center', margin: [0, p.titleGap, 0, 0] }];
  if (subtitle !== undefined) out.push({ text: subtitle, bold: true, fontSize: p.font, alignment: 'center', margin: [0, 2, 0, 0] });
  return out;
}

/** "DỮ LIỆU MẪU – DEMO", printed while the agency profile is still the seeded demo. */
export function demoMark(p: Pick<FormProfile, 'small'>): Content {
  return { text: 'DỮ LIỆU MẪU – DEMO', color: '#8a8a8a', fontSize: p.small - 1, alignment: 'right', margin: [0, -10, 0, 2] };
}

export type FormDocumentOptions = Readonly<{
  profile: Pick<FormProfile, 'pageSize' | 'margins' | 'font' | 'lineHeight'>;
  orientation?: 'portrait' | 'landscape';
  formSet: FormSetId;
  template: FormTemplate;
  /** PDF metadata. */
  title: string;
  author: string;
  subject?: string;
  content: Content[];
}>;

/** The document around a form's content: page, fonts, metadata and the "Mẫu số …" line on page 1. */
export function formDocument(o: FormDocumentOptions): TDocumentDefinitions {
  const numberLine = formNumberLine(o.formSet, o.template);
  const [left, top, right] = o.profile.margins;
  const size = o.profile.pageSize === 'A4' ? 7.5 : 6.5;
  return {
    pageSize: o.profile.pageSize,
    pageOrientation: o.orientation ?? 'portrait',
    pageMargins: o.profile.margins,
    info: {
      title: o.title,
      author: o.author,
      ...(o.subject !== undefined ? { subject: o.subject } : {}),
      creator: 'Trạm tiếp nhận một cửa',
      producer: 'Trạm tiếp nhận một cửa (pdfmake)',
    },
    language: 'vi-VN',
    defaultStyle: { font: 'Roboto', fontSize: o.profile.font, lineHeight: o.profile.lineHeight },
    ...(numberLine === undefined
      ? {}
      : {
          header: (page: number) =>
            page === 1 ? { text: numberLine, italics: true, fontSize: size, color: '#555555', alignment: 'right', margin: [left, Math.max(8, top / 2 - size), right, 0] } : null,
        }),
    content: o.content,
  };
}

export type OpeningOptions = Readonly<{
  profile: FormProfile;
  agency: FormAgency;
  number?: string;
  /** The date of the "…, ngày … tháng … năm …" line. */
  dated: LocalDate | LocalDateTime;
  title: string;
  subtitle?: string;
  demo?: boolean;
}>;

/** The top of a form: the demo mark, the header with number and date line, the title. */
export function formOpening(o: OpeningOptions): Content[] {
  const p = o.profile;
  const out: Content[] = [];
  if (o.demo === true) out.push(demoMark(p));
  out.push(
    agencyHeader({
      agency: o.agency,
      ...(o.number !== undefined ? { number: o.number } : {}),
      placeAndDate: formatPlaceAndDate(o.agency.placeName, o.dated),
      fontSize: p.header,
      leftWidth: p.leftHeaderWidth,
    }),
  );
  out.push(...formTitle(p, o.title, o.subtitle));
  return out;
}

/** "UBND xã Tiên Du – Bộ phận Một cửa" for PDF metadata. */
export function agencyAuthor(agency: Pick<FormAgency, 'name' | 'unitName'>): string {
  return [agency.unitName, agency.name].filter((s): s is string => s !== undefined && s.trim() !== '').join(' – ');
}

/** "Bộ phận Một cửa UBND xã Tiên Du", the agency as a sentence names it. */
export function agencyInSentence(agency: Pick<FormAgency, 'name' | 'unitName'>): string {
  return `${agency.unitName ?? ''} ${agency.name}`.replace(/\s+/g, ' ').trim();
}

/** The checks every form makes of its agency block. */
export function checkAgency(checks: FormChecks, agency: unknown): void {
  const a = (typeof agency === 'object' && agency !== null ? agency : {}) as Record<string, unknown>;
  checks.text('agency.parentName', 'Cơ quan chủ quản', a.parentName);
  checks.text('agency.name', 'Tên cơ quan', a.name);
  checks.text('agency.placeName', 'Địa danh', a.placeName);
}

/**
 * The form's template in the agency's set, or a FORM_NOT_IN_SET issue (the stop notice has no
 * form in the 2018 set). An unknown set is reported too, never silently replaced.
 */
export function templateIn(checks: FormChecks, set: FormSetId | undefined, kind: FormKind, formName: string): Readonly<{ set: FormSetId; template: FormTemplate }> {
  const id = set ?? DEFAULT_FORM_SET;
  const fallback: FormTemplate = { kind, title: formName.toLocaleUpperCase('vi') };
  if (!isFormSetId(id)) {
    checks.add({ code: 'FORM_NOT_IN_SET', field: 'formSet', params: { set: String(id) } });
    return { set: DEFAULT_FORM_SET, template: fallback };
  }
  const template = formTemplate(id, kind);
  if (template === undefined) {
    checks.add({ code: 'FORM_NOT_IN_SET', field: 'formSet', params: { set: `Thông tư ${FORM_SETS[id].circularShort}` } });
    return { set: id, template: fallback };
  }
  return { set: id, template };
}

/** "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" → "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ" (PDF titles, messages). */
export function sentenceCase(title: string): string {
  const lower = title.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

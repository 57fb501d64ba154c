// Mẫu 05 — "Phiếu kiểm soát quá trình giải quyết hồ sơ" (Circular 01/2018/TT-VPCP; Mẫu 06 in
// the 2025 set). It travels with the paper dossier from the counter to the units that process
// it: each hand-off is a row (who gives, who receives, when, both signatures) with the result
// of the step — early, on time or late against the time the giving unit had. Rows not yet
// known are printed blank, to be filled in by hand as the dossier moves. A4 portrait.

import type { Content, TableCell } from 'pdfmake/interfaces';
import { timeliness, type Timeliness } from '../core/calendar/lateness';
import type { LocalDateTime } from '../core/model';
import { FormChecks } from './form-errors';
import {
  agencyAuthor,
  agencyHeader,
  bodyLine,
  checkAgency,
  demoMark,
  FORM_PROFILES,
  formatTimeAndDate,
  formDocument,
  formTitle,
  gridLayout,
  templateIn,
  wrapping,
  type FormAgency,
} from './form-layout';
import type { FormSetId } from './form-sets';
import { renderPdf, type TDocumentDefinitions } from './pdf';

export type Handoff = Readonly<{
  fromUnit: string;
  toUnit: string;
  /** When the dossier changed hands; absent: a row to fill in by hand. */
  at?: LocalDateTime;
  fromPerson?: string;
  toPerson?: string;
  /** When the giving unit's step was due: the result compares `at` with it. */
  dueAt?: LocalDateTime;
  /** Given when known otherwise (a unit's own report); else computed from `at` and `dueAt`. */
  outcome?: Timeliness;
  note?: string;
}>;

export type ProcessingControlData = Readonly<{
  formSet?: FormSetId;
  agency: FormAgency;
  dossierCode: string;
  applicantName: string;
  request: string;
  receivedAt: LocalDateTime;
  appointmentAt: LocalDateTime;
  /** Cơ quan (bộ phận) giải quyết hồ sơ. */
  leadUnit: string;
  /** Cơ quan phối hợp giải quyết hồ sơ. */
  coordinatingUnits?: readonly string[];
  handoffs: readonly Handoff[];
  /** Blank rows after the known hand-offs (default 2, which keeps two hand-offs on one page). */
  blankRows?: number;
  demo?: boolean;
}>;

const FORM_NAME = 'Phiếu kiểm soát quá trình giải quyết hồ sơ';

export const TIMELINESS_LABELS: Readonly<Record<Timeliness, string>> = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' };

/** The result printed for a hand-off: given, or computed from its time and due time; undefined when unknown. */
export function handoffOutcome(h: Handoff): Timeliness | undefined {
  if (h.outcome !== undefined) return h.outcome;
  if (h.at !== undefined && h.dueAt !== undefined) return timeliness(h.dueAt, h.at);
  return undefined;
}

function check(data: ProcessingControlData): ReturnType<typeof templateIn> {
  const c = new FormChecks(FORM_NAME);
  checkAgency(c, data.agency);
  c.text('dossierCode', 'Mã hồ sơ', data.dossierCode);
  c.text('applicantName', 'Họ tên người nộp hồ sơ', data.applicantName);
  c.text('request', 'Nội dung yêu cầu giải quyết', data.request);
  const received = c.dateTime('receivedAt', 'Thời gian nhận hồ sơ', data.receivedAt);
  const due = c.dateTime('appointmentAt', 'Thời gian hẹn trả kết quả', data.appointmentAt);
  if (received && due) c.order('appointmentAt', 'Thời gian hẹn trả kết quả', data.appointmentAt, data.receivedAt, 'thời gian nhận hồ sơ');
  c.text('leadUnit', 'Cơ quan giải quyết hồ sơ', data.leadUnit);
  if (!Array.isArray(data.handoffs)) c.add({ code: 'LIST_EMPTY', field: 'handoffs', params: { label: 'Giao, nhận hồ sơ' } });
  else {
    data.handoffs.forEach((h, i) => {
      c.text(`handoffs.${i}.fromUnit`, `Bên giao (dòng ${i + 1})`, h?.fromUnit);
      c.text(`handoffs.${i}.toUnit`, `Bên nhận (dòng ${i + 1})`, h?.toUnit);
      c.dateTime(`handoffs.${i}.at`, `Thời gian giao, nhận (dòng ${i + 1})`, h?.at, true);
      c.dateTime(`handoffs.${i}.dueAt`, `Hạn của bên giao (dòng ${i + 1})`, h?.dueAt, true);
    });
  }
  if (data.blankRows !== undefined) c.count('blankRows', 'Số dòng để trống', data.blankRows);
  const t = templateIn(c, data.formSet, 'processing_control', FORM_NAME);
  c.done();
  return t;
}

const DOTS_TIME = '…… giờ …… phút, ngày …… /…… /………';

/** Mẫu 05 as a pdfmake document definition. Throws FormDataError on bad data. */
export function buildProcessingControl(data: ProcessingControlData): TDocumentDefinitions {
  const { set, template } = check(data);
  const p = FORM_PROFILES.A4;
  const content: Content[] = [];
  if (data.demo === true) content.push(demoMark(p));
  content.push(agencyHeader({ agency: data.agency, fontSize: p.header, leftWidth: p.leftHeaderWidth }));
  content.push(...formTitle(p, template.title));
  content.push({ text: [{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, bold: true }], alignment: 'center', margin: [0, 4, 0, 0] });
  content.push({ text: '', margin: [0, p.gap, 0, 0] });
  content.push(bodyLine(p, [{ text: 'Kèm theo hồ sơ của: ' }, { text: data.applicantName, bold: true }]));
  content.push(bodyLine(p, [{ text: 'Nội dung yêu cầu giải quyết: ' }, ...wrapping(data.request)]));
  content.push(bodyLine(p, [{ text: `Thời gian nhận hồ sơ: ${formatTimeAndDate(data.receivedAt)}` }]));
  content.push(bodyLine(p, [{ text: 'Thời gian hẹn trả kết quả: ' }, { text: formatTimeAndDate(data.appointmentAt), bold: true }]));
  content.push(bodyLine(p, [{ text: 'Cơ quan (bộ phận) giải quyết hồ sơ: ' }, ...wrapping(data.leadUnit)]));
  const coordinating = (data.coordinatingUnits ?? []).filter((u) => u.trim() !== '');
  content.push(bodyLine(p, [{ text: 'Cơ quan phối hợp giải quyết hồ sơ: ' }, ...wrapping(coordinating.length > 0 ? coordinating.join('; ') : 'không')]));

  const small = p.small - 0.5;
  const head = (text: string): TableCell => ({ text, bold: true, alignment: 'center', verticalAlignment: 'middle', fontSize: small });
  const signatures = (giver?: string, taker?: string): Content => ({
    columns: [
      { width: '*', alignment: 'center', stack: [{ text: 'Người giao', italics: true }, { text: giver ?? ' ', bold: true, margin: [0, 26, 0, 0] }] },
      { width: '*', alignment: 'center', stack: [{ text: 'Người nhận', italics: true }, { text: taker ?? ' ', bold: true, margin: [0, 26, 0, 0] }] },
    ],
    columnGap: 4,
    margin: [0, 3, 0, 0],
  });
  const body: TableCell[][] = [
    [head('TÊN CƠ QUAN'), head('THỜI GIAN GIAO, NHẬN HỒ SƠ'), head('KẾT QUẢ GIẢI QUYẾT HỒ SƠ\n(Trước hạn/ đúng hạn/ quá hạn)'), head('GHI CHÚ')],
  ];
  for (const h of data.handoffs) {
    const outcome = handoffOutcome(h);
    body.push([
      { stack: [{ text: ['1. Giao: ', ...wrapping(h.fromUnit)] }, { text: ['2. Nhận: ', ...wrapping(h.toUnit)], margin: [0, 3, 0, 0] }] },
      { stack: [{ text: h.at !== undefined ? formatTimeAndDate(h.at) : DOTS_TIME, alignment: 'center' }, signatures(h.fromPerson, h.toPerson)] },
      { text: outcome !== undefined ? TIMELINESS_LABELS[outcome] : '', alignment: 'center', verticalAlignment: 'middle', bold: outcome === 'late' },
      { text: h.note !== undefined ? wrapping(h.note) : '' },
    ]);
  }
  const blanks = data.blankRows ?? 2;
  for (let i = 0; i < blanks; i++) {
    body.push([
      { stack: [{ text: '1. Giao: ……………………' }, { text: '2. Nhận: ……………………', margin: [0, 3, 0, 0] }] },
      { stack: [{ text: DOTS_TIME, alignment: 'center' }, signatures()] },
      { text: '' },
      { text: '' },
    ]);
  }
  content.push({
    table: { headerRows: 1, dontBreakRows: true, widths: [130, '*', 82, 60], body },
    layout: gridLayout(p.cellPadding[0], p.cellPadding[1] + 1),
    fontSize: small,
    lineHeight: 1.1,
    margin: [0, p.gap + 6, 0, 0],
  });
  return formDocument({
    profile: p,
    formSet: set,
    template,
    title: `${FORM_NAME} – ${data.dossierCode}`,
    author: agencyAuthor(data.agency),
    subject: data.request,
    content,
  });
}

/** Mẫu 05 as PDF bytes. */
export async function renderProcessingControl(data: ProcessingControlData): Promise<Buffer> {
  return renderPdf(buildProcessingControl(data));
}

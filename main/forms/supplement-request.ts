// Mẫu 02 — "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ" (Circular 01/2018/TT-VPCP; 02 in the 2025
// set too). Given at the counter when the papers are incomplete (the dossier is not received),
// or when the back office asks for more (status 5): what to complete, why, whom to ask.
// A4 by default; A5 fits a short list.

import type { Content } from 'pdfmake/interfaces';
import type { LocalDate, LocalDateTime } from '../core/model';
import { FormChecks } from './form-errors';
import {
  agencyAuthor,
  bodyLine,
  checkAgency,
  FORM_PROFILES,
  formatDate,
  formDocument,
  formOpening,
  signatureRow,
  templateIn,
  wrapping,
  type FormAgency,
  type PaperSize,
} from './form-layout';
import type { FormSetId } from './form-sets';
import { renderPdf, type TDocumentDefinitions } from './pdf';

export type SupplementRequestData = Readonly<{
  formSet?: FormSetId;
  paper?: PaperSize;
  agency: FormAgency;
  /** Printed after "Số:". */
  number: string;
  issuedAt: LocalDateTime;
  /** Absent when the dossier was not received (papers incomplete at the counter). */
  dossierCode?: string;
  applicant: Readonly<{ fullName: string; address: string; phone?: string; email?: string }>;
  /** Nội dung yêu cầu giải quyết: the procedure asked for. */
  request: string;
  procedureCode?: string;
  /** What to complete, one line each. */
  items: readonly string[];
  reason: string;
  /** Whom to ask while completing the dossier. */
  contact: Readonly<{ name: string; phone: string }>;
  /** The officer who explains what is missing (NGƯỜI HƯỚNG DẪN). */
  officerName: string;
  /** When the procedure sets a limit for completing the dossier. */
  completeBy?: LocalDate;
  demo?: boolean;
}>;

const FORM_NAME = 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ';

function check(data: SupplementRequestData): ReturnType<typeof templateIn> {
  const c = new FormChecks(FORM_NAME);
  checkAgency(c, data.agency);
  c.text('number', 'Số phiếu', data.number);
  c.dateTime('issuedAt', 'Ngày lập phiếu', data.issuedAt);
  c.text('applicant.fullName', 'Họ tên người nộp hồ sơ', data.applicant?.fullName);
  c.text('applicant.address', 'Địa chỉ', data.applicant?.address);
  c.text('request', 'Nội dung yêu cầu giải quyết', data.request);
  if (c.list('items', 'Nội dung cần bổ sung', data.items)) {
    data.items.forEach((item, i) => c.text(`items.${i}`, `Nội dung cần bổ sung ${i + 1}`, item));
  }
  c.text('reason', 'Lý do', data.reason);
  c.text('contact.name', 'Người liên hệ', data.contact?.name);
  c.text('contact.phone', 'Số điện thoại liên hệ', data.contact?.phone);
  c.text('officerName', 'Người hướng dẫn', data.officerName);
  if (data.completeBy !== undefined) c.date('completeBy', 'Thời hạn bổ sung', data.completeBy);
  const t = templateIn(c, data.formSet, 'supplement_request', FORM_NAME);
  c.done();
  return t;
}

/** Mẫu 02 as a pdfmake document definition. Throws FormDataError (every problem at once) on bad data. */
export function buildSupplementRequest(data: SupplementRequestData): TDocumentDefinitions {
  const { set, template } = check(data);
  const p = FORM_PROFILES[data.paper ?? 'A4'];
  const a = data.applicant;
  const content: Content[] = formOpening({ profile: p, agency: data.agency, number: data.number, dated: data.issuedAt, title: template.title, demo: data.demo === true });
  content.push({ text: '', margin: [0, p.gap, 0, 0] });
  content.push(bodyLine(p, [{ text: 'Hồ sơ của: ' }, { text: a.fullName, bold: true }]));
  if (data.dossierCode !== undefined && data.dossierCode.trim() !== '') {
    content.push(bodyLine(p, [{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, bold: true }]));
  }
  content.push(
    bodyLine(p, [
      { text: 'Nội dung yêu cầu giải quyết: ' },
      ...wrapping(data.request),
      ...(data.procedureCode ? [{ text: ` (mã TTHC ${data.procedureCode})`, fontSize: p.small }] : []),
    ]),
  );
  content.push(bodyLine(p, [{ text: 'Địa chỉ: ' }, ...wrapping(a.address)]));
  const contact: Content[] = [{ text: 'Số điện thoại: ' }, { text: a.phone ?? '' }];
  if (a.email) contact.push({ text: '        Email: ' }, ...wrapping(a.email));
  content.push(bodyLine(p, contact));
  content.push(bodyLine(p, [{ text: 'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:', bold: true }], { margin: [0, p.gap + 3, 0, 0] }));
  data.items.forEach((item, i) => {
    content.push(bodyLine(p, [{ text: `${i + 1}. ` }, ...wrapping(item)], { margin: [14, p.gap, 0, 0] }));
  });
  content.push(bodyLine(p, [{ text: 'Lý do: ', bold: true }, ...wrapping(data.reason)], { margin: [0, p.gap + 3, 0, 0] }));
  if (data.completeBy !== undefined) {
    content.push(bodyLine(p, [{ text: 'Thời hạn bổ sung, hoàn thiện hồ sơ: trước ngày ' }, { text: formatDate(data.completeBy), bold: true }, { text: '.' }]));
  }
  content.push(
    bodyLine(p, [
      { text: 'Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên hệ với ' },
      { text: data.contact.name, bold: true },
      { text: ', số điện thoại ' },
      { text: data.contact.phone, bold: true },
      { text: ' để được hướng dẫn./.' },
    ]),
  );
  content.push(signatureRow([null, { role: 'NGƯỜI HƯỚNG DẪN', name: data.officerName }], { small: p.small, space: p.signatureSpace, margin: [0, p.gap + 10, 0, 0] }));
  return formDocument({
    profile: p,
    formSet: set,
    template,
    title: `${FORM_NAME}${data.dossierCode ? ` – ${data.dossierCode}` : ''}`,
    author: agencyAuthor(data.agency),
    subject: data.request,
    content,
  });
}

/** Mẫu 02 as PDF bytes. */
export async function renderSupplementRequest(data: SupplementRequestData): Promise<Buffer> {
  return renderPdf(buildSupplementRequest(data));
}

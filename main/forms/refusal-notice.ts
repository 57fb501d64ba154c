// Mẫu 03 — "Phiếu từ chối tiếp nhận giải quyết hồ sơ" (Circular 01/2018/TT-VPCP; 03 in the 2025
// set). A request that cannot be accepted (status 3): the specific reason and the rule it rests
// on, signed by the citizen who handed it in and the receiving officer. A4 or A5.

import type { Content } from 'pdfmake/interfaces';
import type { LocalDateTime } from '../core/model';
import { FormChecks } from './form-errors';
import {
  agencyAuthor,
  agencyInSentence,
  bodyLine,
  checkAgency,
  FORM_PROFILES,
  formDocument,
  formOpening,
  signatureRow,
  templateIn,
  wrapping,
  type FormAgency,
  type PaperSize,
} from './form-layout';
import { FORM_SETS, type FormSetId } from './form-sets';
import { renderPdf, type TDocumentDefinitions } from './pdf';

export type RefusalNoticeData = Readonly<{
  formSet?: FormSetId;
  paper?: PaperSize;
  agency: FormAgency;
  number: string;
  issuedAt: LocalDateTime;
  /** An online registration refused has a code; a request refused at the counter may not. */
  dossierCode?: string;
  applicant: Readonly<{ fullName: string; address: string; phone?: string; email?: string }>;
  request: string;
  procedureCode?: string;
  /** The specific legal text the refusal rests on ("khoản 1 Điều 16 Luật Hộ tịch 2014"), besides the decree. */
  legalBasis?: string;
  /** The specific reason, as the citizen must read it. */
  reason: string;
  officerName: string;
  /** Who signs as the person handing the dossier in (the owner unless someone came for them). */
  submitterName?: string;
  demo?: boolean;
}>;

const FORM_NAME = 'Phiếu từ chối tiếp nhận giải quyết hồ sơ';

function check(data: RefusalNoticeData): ReturnType<typeof templateIn> {
  const c = new FormChecks(FORM_NAME);
  checkAgency(c, data.agency);
  c.text('number', 'Số phiếu', data.number);
  c.dateTime('issuedAt', 'Ngày lập phiếu', data.issuedAt);
  c.text('applicant.fullName', 'Họ tên người nộp hồ sơ', data.applicant?.fullName);
  c.text('applicant.address', 'Địa chỉ', data.applicant?.address);
  c.text('request', 'Nội dung yêu cầu giải quyết', data.request);
  c.text('reason', 'Lý do từ chối', data.reason);
  c.text('officerName', 'Người tiếp nhận hồ sơ', data.officerName);
  const t = templateIn(c, data.formSet, 'refusal', FORM_NAME);
  c.done();
  return t;
}

/** Mẫu 03 as a pdfmake document definition. Throws FormDataError on bad data. */
export function buildRefusalNotice(data: RefusalNoticeData): TDocumentDefinitions {
  const { set, template } = check(data);
  const p = FORM_PROFILES[data.paper ?? 'A4'];
  const a = data.applicant;
  const unit = agencyInSentence(data.agency);
  const content: Content[] = formOpening({ profile: p, agency: data.agency, number: data.number, dated: data.issuedAt, title: template.title, demo: data.demo === true });
  content.push({ text: '', margin: [0, p.gap, 0, 0] });
  content.push(bodyLine(p, [...wrapping(unit), { text: ' tiếp nhận hồ sơ của: Ông/Bà ' }, { text: a.fullName, bold: true }]));
  if (data.dossierCode !== undefined && data.dossierCode.trim() !== '') {
    content.push(bodyLine(p, [{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, bold: true }]));
  }
  content.push(bodyLine(p, [{ text: 'Địa chỉ: ' }, ...wrapping(a.address)]));
  const contact: Content[] = [{ text: 'Số điện thoại: ' }, { text: a.phone ?? '' }];
  if (a.email) contact.push({ text: '        Email: ' }, ...wrapping(a.email));
  content.push(bodyLine(p, contact));
  content.push(
    bodyLine(p, [
      { text: 'Nội dung yêu cầu giải quyết: ' },
      ...wrapping(data.request),
      ...(data.procedureCode ? [{ text: ` (mã TTHC ${data.procedureCode})`, fontSize: p.small }] : []),
    ]),
  );
  const basis = data.legalBasis !== undefined && data.legalBasis.trim() !== '' ? ` và ${data.legalBasis.trim()}` : '';
  content.push(
    bodyLine(
      p,
      [
        { text: `Căn cứ quy định tại ${FORM_SETS[set].decree}${basis}, ` },
        ...wrapping(unit),
        { text: ' thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:' },
      ],
      { margin: [0, p.gap + 3, 0, 0] },
    ),
  );
  content.push(bodyLine(p, wrapping(data.reason, { bold: true }), { margin: [14, p.gap, 0, 0] }));
  content.push(bodyLine(p, [{ text: 'Xin thông báo cho Ông/Bà được biết và thực hiện./.' }], { margin: [0, p.gap + 3, 0, 0] }));
  content.push(
    signatureRow(
      [
        { role: 'NGƯỜI NỘP HỒ SƠ', name: data.submitterName ?? a.fullName },
        { role: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: data.officerName },
      ],
      { small: p.small, space: p.signatureSpace, margin: [0, p.gap + 10, 0, 0] },
    ),
  );
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

/** Mẫu 03 as PDF bytes. */
export async function renderRefusalNotice(data: RefusalNoticeData): Promise<Buffer> {
  return renderPdf(buildRefusalNotice(data));
}

// "Thông báo dừng giải quyết hồ sơ" (Mẫu 05 of Circular 03/2025/TT-VPCP): the agency tells the
// citizen it has stopped processing the dossier (status 8), on which rule and why. The 2018 set
// has no such form: building it under that set is a FormDataError (FORM_NOT_IN_SET), so the
// integrator checks `formTemplate(set, 'stop_notice')` before offering it.

import type { Content } from 'pdfmake/interfaces';
import type { LocalDateTime } from '../core/model';
import { FormChecks } from './form-errors';
import {
  addressee,
  agencyAuthor,
  bodyLine,
  checkAgency,
  FORM_PROFILES,
  formatDate,
  formDocument,
  formOpening,
  letterClose,
  sentenceCase,
  templateIn,
  wrapping,
  type FormAgency,
  type LetterSigner,
  type PaperSize,
} from './form-layout';
import { FORM_SETS, type FormSetId } from './form-sets';
import { renderPdf, type TDocumentDefinitions } from './pdf';

export type StopNoticeData = Readonly<{
  formSet: FormSetId;
  paper?: PaperSize;
  agency: FormAgency;
  number: string;
  issuedAt: LocalDateTime;
  recipient: Readonly<{ fullName: string; address?: string; phone?: string }>;
  dossierCode: string;
  request: string;
  receivedAt: LocalDateTime;
  /** The rule the stop rests on, besides the decree ("khoản 2 Điều 25 Nghị định …"). */
  legalBasis?: string;
  reason: string;
  /** Whom the citizen asks about it. */
  contact?: Readonly<{ name: string; phone: string }>;
  signer: LetterSigner;
  recipients?: readonly string[];
  demo?: boolean;
}>;

const FORM_NAME = 'Thông báo dừng giải quyết hồ sơ';

function check(data: StopNoticeData): ReturnType<typeof templateIn> {
  const c = new FormChecks(FORM_NAME);
  checkAgency(c, data.agency);
  c.text('number', 'Số văn bản', data.number);
  const issued = c.dateTime('issuedAt', 'Ngày thông báo', data.issuedAt);
  c.text('recipient.fullName', 'Họ tên người nhận', data.recipient?.fullName);
  c.text('dossierCode', 'Mã hồ sơ', data.dossierCode);
  c.text('request', 'Nội dung yêu cầu giải quyết', data.request);
  const received = c.dateTime('receivedAt', 'Thời gian nhận hồ sơ', data.receivedAt);
  if (issued && received) c.order('issuedAt', 'Ngày thông báo', data.issuedAt, data.receivedAt, 'thời gian nhận hồ sơ');
  c.text('reason', 'Lý do dừng giải quyết', data.reason);
  if (data.contact !== undefined) {
    c.text('contact.name', 'Người liên hệ', data.contact.name);
    c.text('contact.phone', 'Số điện thoại liên hệ', data.contact.phone);
  }
  c.text('signer.role', 'Chức vụ người ký', data.signer?.role);
  c.text('signer.name', 'Họ tên người ký', data.signer?.name);
  const t = templateIn(c, data.formSet, 'stop_notice', FORM_NAME);
  c.done();
  return t;
}

/** The stop notice as a pdfmake document definition. Throws FormDataError on bad data or a set without it. */
export function buildStopNotice(data: StopNoticeData): TDocumentDefinitions {
  const { set, template } = check(data);
  const p = FORM_PROFILES[data.paper ?? 'A4'];
  const r = data.recipient;
  const agency = data.agency.name;
  const detail = [r.address ? `Địa chỉ: ${r.address}` : '', r.phone ? `Số điện thoại: ${r.phone}` : ''].filter((x) => x !== '').join('; ');
  const content: Content[] = formOpening({ profile: p, agency: data.agency, number: data.number, dated: data.issuedAt, title: template.title, demo: data.demo === true });
  content.push(...addressee(p, r.fullName, detail));
  content.push(
    bodyLine(
      p,
      [
        { text: `Ngày ${formatDate(data.receivedAt)}, ` },
        ...wrapping(agency),
        { text: ' tiếp nhận hồ sơ đề nghị ' },
        ...wrapping(data.request, { bold: true }),
        { text: ' của ông/bà. Mã hồ sơ: ' },
        { text: data.dossierCode, bold: true },
        { text: '.' },
      ],
      { margin: [0, p.gap + 8, 0, 0] },
    ),
  );
  const basis = data.legalBasis !== undefined && data.legalBasis.trim() !== '' ? ` và ${data.legalBasis.trim()}` : '';
  content.push(
    bodyLine(p, [
      { text: `Căn cứ ${FORM_SETS[set].decree}${basis}, ` },
      ...wrapping(agency),
      { text: ' thông báo dừng giải quyết hồ sơ nêu trên.' },
    ]),
  );
  content.push(bodyLine(p, [{ text: 'Lý do: ', bold: true }, ...wrapping(data.reason)]));
  if (data.contact !== undefined) {
    content.push(
      bodyLine(p, [
        { text: 'Nếu có vướng mắc, ông/bà liên hệ với ' },
        { text: data.contact.name, bold: true },
        { text: ', số điện thoại ' },
        { text: data.contact.phone, bold: true },
        { text: ' để được hướng dẫn.' },
      ]),
    );
  }
  content.push(bodyLine(p, [{ text: `${agency} thông báo để ông/bà được biết./.` }]));
  content.push(letterClose(p, data.signer, data.recipients ?? ['Như trên;', `${data.agency.unitName ?? 'Bộ phận Một cửa'};`, 'Lưu: VT.']));
  return formDocument({
    profile: p,
    formSet: set,
    template,
    title: `${sentenceCase(template.title)} – ${data.dossierCode}`,
    author: agencyAuthor(data.agency),
    subject: data.request,
    content,
  });
}

/** The stop notice as PDF bytes. */
export async function renderStopNotice(data: StopNoticeData): Promise<Buffer> {
  return renderPdf(buildStopNotice(data));
}

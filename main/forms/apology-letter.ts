// Mẫu 04 — "Phiếu xin lỗi và hẹn lại ngày trả kết quả" (Circular 01/2018/TT-VPCP), in the 2025
// set "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết": a late result, the reason, the
// apology and the new date. Issued by the agency handling the dossier, signed by its head (or a
// deputy) with the seal. The lifecycle (core/lifecycle.ts, "apologise") decides whether it may
// be issued; this only lays it out. A4 by default, A5 fits.

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
  formatTimeAndDate,
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
import type { FormSetId } from './form-sets';
import { renderPdf, type TDocumentDefinitions } from './pdf';

export type ApologyLetterData = Readonly<{
  formSet?: FormSetId;
  paper?: PaperSize;
  /** The agency handling the dossier (usually without a unit line). */
  agency: FormAgency;
  number: string;
  issuedAt: LocalDateTime;
  recipient: Readonly<{ fullName: string; address?: string; phone?: string }>;
  dossierCode: string;
  request: string;
  receivedAt: LocalDateTime;
  /** The appointment on the slip. */
  appointmentAt: LocalDateTime;
  reason: string;
  newAppointmentAt: LocalDateTime;
  signer: LetterSigner;
  /** "Nơi nhận"; default "Như trên", "Bộ phận Một cửa", "Lưu: VT". */
  recipients?: readonly string[];
  demo?: boolean;
}>;

const FORM_NAME = 'Phiếu xin lỗi và hẹn lại ngày trả kết quả';

function check(data: ApologyLetterData): ReturnType<typeof templateIn> {
  const c = new FormChecks(FORM_NAME);
  checkAgency(c, data.agency);
  c.text('number', 'Số văn bản', data.number);
  const issued = c.dateTime('issuedAt', 'Ngày lập phiếu', data.issuedAt);
  c.text('recipient.fullName', 'Họ tên người nhận', data.recipient?.fullName);
  c.text('dossierCode', 'Mã hồ sơ', data.dossierCode);
  c.text('request', 'Nội dung yêu cầu giải quyết', data.request);
  const received = c.dateTime('receivedAt', 'Thời gian nhận hồ sơ', data.receivedAt);
  const old = c.dateTime('appointmentAt', 'Thời gian hẹn trả kết quả', data.appointmentAt);
  const renewed = c.dateTime('newAppointmentAt', 'Ngày hẹn trả kết quả mới', data.newAppointmentAt);
  if (received && old) c.order('appointmentAt', 'Thời gian hẹn trả kết quả', data.appointmentAt, data.receivedAt, 'thời gian nhận hồ sơ');
  if (old && renewed && data.newAppointmentAt <= data.appointmentAt) {
    c.add({ code: 'DATE_ORDER', field: 'newAppointmentAt', params: { label: 'Ngày hẹn trả kết quả mới', after: 'ngày hẹn cũ' } });
  }
  if (issued && renewed) c.order('newAppointmentAt', 'Ngày hẹn trả kết quả mới', data.newAppointmentAt, data.issuedAt, 'ngày lập phiếu');
  c.text('reason', 'Lý do chậm trả kết quả', data.reason);
  c.text('signer.role', 'Chức vụ người ký', data.signer?.role);
  c.text('signer.name', 'Họ tên người ký', data.signer?.name);
  const t = templateIn(c, data.formSet, 'apology', FORM_NAME);
  c.done();
  return t;
}

/** Mẫu 04 as a pdfmake document definition. Throws FormDataError on bad data. */
export function buildApologyLetter(data: ApologyLetterData): TDocumentDefinitions {
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
        { text: ' tiếp nhận giải quyết hồ sơ đề nghị ' },
        ...wrapping(data.request, { bold: true }),
        { text: ` của ông/bà. Mã hồ sơ: ` },
        { text: data.dossierCode, bold: true },
        { text: '.' },
      ],
      { margin: [0, p.gap + 8, 0, 0] },
    ),
  );
  content.push(bodyLine(p, [{ text: 'Thời gian hẹn trả kết quả giải quyết hồ sơ: ' }, { text: formatTimeAndDate(data.appointmentAt) }, { text: '.' }]));
  content.push(
    bodyLine(p, [
      { text: 'Tuy nhiên đến nay, ' },
      ...wrapping(agency),
      { text: ' chưa trả kết quả giải quyết hồ sơ của ông/bà đúng hẹn ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.' },
    ]),
  );
  content.push(bodyLine(p, [{ text: 'Lý do: ', bold: true }, ...wrapping(data.reason)]));
  const newDate = { text: formatTimeAndDate(data.newAppointmentAt), bold: true };
  if (set === 'tt03-2025') {
    content.push(
      bodyLine(p, [
        { text: 'Sự chậm trễ này đã gây phiền hà cho ông/bà. ' },
        ...wrapping(agency),
        { text: ' xin lỗi ông/bà và đề nghị ông/bà đồng ý gia hạn thời gian giải quyết hồ sơ đến ' },
        newDate,
        { text: '.' },
      ]),
    );
  } else {
    content.push(
      bodyLine(p, [
        { text: 'Sự chậm trễ này đã gây phiền hà cho ông/bà. ' },
        ...wrapping(agency),
        { text: ' xin lỗi ông/bà và sẽ trả kết quả giải quyết hồ sơ cho ông/bà vào ' },
        newDate,
        { text: '.' },
      ]),
    );
  }
  content.push(bodyLine(p, [{ text: 'Xin trân trọng cảm ơn sự hợp tác của ông/bà./.' }]));
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

/** Mẫu 04 as PDF bytes. */
export async function renderApologyLetter(data: ApologyLetterData): Promise<Buffer> {
  return renderPdf(buildApologyLetter(data));
}

// "Phiếu giao nhận kết quả giải quyết hồ sơ": the note signed when the result is handed back
// (status 10, docs/domain.md "Beyond intake"): which result papers, to whom (the owner, or an
// authorised person with their identity number), at the counter or to the public postal
// service (with the item's tracking number), when and by which officer. Neither form set
// numbers it; its wording follows the one-stop forms. A5 by default: it is a counter slip.

import type { Content, TableCell } from 'pdfmake/interfaces';
import type { LocalDateTime } from '../core/model';
import { FormChecks } from './form-errors';
import {
  agencyAuthor,
  agencyInSentence,
  bodyLine,
  checkAgency,
  FORM_PROFILES,
  formatTimeAndDate,
  formDocument,
  formOpening,
  gridLayout,
  signatureRow,
  templateIn,
  wrapping,
  type FormAgency,
  type PaperSize,
} from './form-layout';
import type { FormSetId } from './form-sets';
import { renderPdf, type TDocumentDefinitions } from './pdf';

export type HandoverReceiver =
  | Readonly<{ kind: 'owner' }>
  | Readonly<{ kind: 'authorised'; fullName: string; idNumber: string; /** "Giấy ủy quyền số 12/UQ ngày 20/11/2026" */ authorisation?: string }>;

export type HandoverDelivery =
  | Readonly<{ method: 'counter'; /** Where it was handed over, e.g. "Quầy số 2 – Bộ phận Một cửa UBND xã Tiên Du". */ place: string }>
  | Readonly<{ method: 'post'; trackingNumber: string; postalService?: string; address: string; /** The postal employee who took it. */ courierName?: string }>;

export type ResultHandoverData = Readonly<{
  formSet?: FormSetId;
  paper?: PaperSize;
  agency: FormAgency;
  number?: string;
  dossierCode: string;
  request: string;
  owner: Readonly<{ fullName: string; idNumber?: string; address?: string; phone?: string }>;
  receivedAt?: LocalDateTime;
  appointmentAt?: LocalDateTime;
  returnedAt: LocalDateTime;
  receiver: HandoverReceiver;
  delivery: HandoverDelivery;
  /** The result papers handed over. */
  results: ReadonlyArray<Readonly<{ name: string; copies: number }>>;
  officerName: string;
  notes?: string;
  demo?: boolean;
}>;

const FORM_NAME = 'Phiếu giao nhận kết quả giải quyết hồ sơ';

function check(data: ResultHandoverData): ReturnType<typeof templateIn> {
  const c = new FormChecks(FORM_NAME);
  checkAgency(c, data.agency);
  c.text('dossierCode', 'Mã hồ sơ', data.dossierCode);
  c.text('request', 'Nội dung yêu cầu giải quyết', data.request);
  c.text('owner.fullName', 'Họ tên chủ hồ sơ', data.owner?.fullName);
  const received = data.receivedAt !== undefined && c.dateTime('receivedAt', 'Thời gian nhận hồ sơ', data.receivedAt);
  if (data.appointmentAt !== undefined) c.dateTime('appointmentAt', 'Thời gian hẹn trả kết quả', data.appointmentAt);
  const returned = c.dateTime('returnedAt', 'Thời gian trả kết quả', data.returnedAt);
  if (returned && received) c.order('returnedAt', 'Thời gian trả kết quả', data.returnedAt, data.receivedAt as string, 'thời gian nhận hồ sơ');
  const receiver = data.receiver;
  if (receiver?.kind === 'authorised') {
    c.text('receiver.fullName', 'Họ tên người được ủy quyền', receiver.fullName);
    c.text('receiver.idNumber', 'Số định danh cá nhân của người được ủy quyền', receiver.idNumber);
  } else if (receiver?.kind !== 'owner') {
    c.add({ code: 'REQUIRED', field: 'receiver', params: { label: 'Người nhận kết quả' } });
  }
  const delivery = data.delivery;
  if (delivery?.method === 'post') {
    c.text('delivery.trackingNumber', 'Số hiệu bưu gửi', delivery.trackingNumber);
    c.text('delivery.address', 'Địa chỉ nhận kết quả', delivery.address);
  } else if (delivery?.method === 'counter') {
    c.text('delivery.place', 'Nơi trả kết quả', delivery.place);
  } else {
    c.add({ code: 'REQUIRED', field: 'delivery', params: { label: 'Hình thức trả kết quả' } });
  }
  if (c.list('results', 'Kết quả giải quyết', data.results)) {
    data.results.forEach((r, i) => {
      c.text(`results.${i}.name`, `Tên giấy tờ kết quả ${i + 1}`, r?.name);
      c.count(`results.${i}.copies`, `Số lượng giấy tờ kết quả ${i + 1}`, r?.copies);
    });
  }
  c.text('officerName', 'Người trả kết quả', data.officerName);
  const t = templateIn(c, data.formSet, 'result_handover', FORM_NAME);
  c.done();
  return t;
}

/** The handover note as a pdfmake document definition. Throws FormDataError on bad data. */
export function buildResultHandover(data: ResultHandoverData): TDocumentDefinitions {
  const { set, template } = check(data);
  const p = FORM_PROFILES[data.paper ?? 'A5'];
  const o = data.owner;
  const d = data.delivery;
  const content: Content[] = formOpening({
    profile: p,
    agency: data.agency,
    ...(data.number !== undefined ? { number: data.number } : {}),
    dated: data.returnedAt,
    title: template.title,
    demo: data.demo === true,
  });
  content.push({ text: [{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, bold: true }], alignment: 'center', margin: [0, 3, 0, 0] });
  const where = d.method === 'counter' ? d.place : agencyInSentence(data.agency);
  content.push(
    bodyLine(
      p,
      [{ text: `Hôm nay, vào lúc ${formatTimeAndDate(data.returnedAt)}, tại ` }, ...wrapping(where), { text: ', kết quả giải quyết hồ sơ được giao như sau:' }],
      { margin: [0, p.gap + 4, 0, 0] },
    ),
  );
  content.push(bodyLine(p, [{ text: 'Nội dung yêu cầu giải quyết: ' }, ...wrapping(data.request, { bold: true })]));
  const ownerRuns: Content[] = [{ text: 'Chủ hồ sơ: Ông/Bà ' }, { text: o.fullName, bold: true }];
  if (o.idNumber) ownerRuns.push({ text: `; số định danh cá nhân: ${o.idNumber}` });
  content.push(bodyLine(p, ownerRuns));
  if (o.address) content.push(bodyLine(p, [{ text: 'Địa chỉ: ' }, ...wrapping(o.address)]));
  if (data.receivedAt !== undefined) content.push(bodyLine(p, [{ text: `Thời gian nhận hồ sơ: ${formatTimeAndDate(data.receivedAt)}` }]));
  if (data.appointmentAt !== undefined) content.push(bodyLine(p, [{ text: `Thời gian hẹn trả kết quả: ${formatTimeAndDate(data.appointmentAt)}` }]));

  const r = data.receiver;
  content.push(
    bodyLine(
      p,
      r.kind === 'owner'
        ? [{ text: 'Người nhận kết quả: Ông/Bà ' }, { text: o.fullName, bold: true }, { text: ' (chủ hồ sơ)' }]
        : [
            { text: 'Người nhận kết quả: Ông/Bà ' },
            { text: r.fullName, bold: true },
            { text: `, số định danh cá nhân: ${r.idNumber}, người được ủy quyền của chủ hồ sơ` },
            ...(r.authorisation ? [{ text: ' (' }, ...wrapping(r.authorisation), { text: ')' }] : []),
          ],
    ),
  );
  if (d.method === 'post') {
    content.push(
      bodyLine(p, [
        { text: 'Hình thức trả kết quả: qua dịch vụ bưu chính công ích' },
        ...(d.postalService ? [{ text: ` (${d.postalService})` }] : []),
        { text: '; số hiệu bưu gửi: ' },
        { text: d.trackingNumber, bold: true },
      ]),
    );
    content.push(bodyLine(p, [{ text: 'Địa chỉ nhận kết quả: ' }, ...wrapping(d.address)]));
  } else {
    content.push(bodyLine(p, [{ text: 'Hình thức trả kết quả: trực tiếp tại Bộ phận Một cửa' }]));
  }

  content.push(bodyLine(p, [{ text: 'Kết quả giải quyết hồ sơ gồm:', bold: true }], { margin: [0, p.gap + 2, 0, 0] }));
  const head = (text: string): TableCell => ({ text, bold: true, alignment: 'center' });
  const body: TableCell[][] = [[head('STT'), head('Tên giấy tờ kết quả'), head('Số lượng (bản)')]];
  data.results.forEach((x, i) => body.push([{ text: String(i + 1), alignment: 'center' }, { text: wrapping(x.name) }, { text: String(x.copies), alignment: 'center' }]));
  content.push({
    table: { headerRows: 1, dontBreakRows: true, widths: [p.pageSize === 'A4' ? 30 : 22, '*', p.pageSize === 'A4' ? 70 : 52], body },
    layout: gridLayout(p.cellPadding[0], p.cellPadding[1]),
    fontSize: p.small,
    margin: [0, p.gap, 0, 0],
  });
  if (data.notes !== undefined && data.notes.trim() !== '') {
    content.push(bodyLine(p, [{ text: 'Ghi chú: ', italics: true }, ...wrapping(data.notes)]));
  }
  const left =
    d.method === 'post'
      ? { role: 'NHÂN VIÊN BƯU CHÍNH', ...(d.courierName ? { name: d.courierName } : {}) }
      : { role: 'NGƯỜI NHẬN KẾT QUẢ', name: r.kind === 'owner' ? o.fullName : r.fullName };
  content.push(signatureRow([left, { role: 'NGƯỜI TRẢ KẾT QUẢ', name: data.officerName }], { small: p.small, space: p.signatureSpace, margin: [0, p.gap + 8, 0, 0] }));
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

/** The handover note as PDF bytes. */
export async function renderResultHandover(data: ResultHandoverData): Promise<Buffer> {
  return renderPdf(buildResultHandover(data));
}

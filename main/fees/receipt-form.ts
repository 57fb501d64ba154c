// The printed receipt for fees and charges ("Biên lai thu phí, lệ phí"): the collecting agency
// and its tax code, the form number, series and seven-digit number, the copy ("Liên 1: Lưu",
// "Liên 2: Giao cho người nộp tiền", as the agency prints them, one page each), the payer, the
// fees with quantities and exemptions, the amount in figures and in words, the payment method,
// the date, the payer's and the collecting officer's signatures. A voided receipt prints as such
// ("ĐÃ HỦY" across the page, with the reason); an e-receipt as its representation, with its
// lookup code. Built from the shared form layout; every string NFC when rendered (pdf.ts).

import type { Content, TableCell } from 'pdfmake/interfaces';
import { formatReceiptNumber, paymentMethodNames, type PaymentMethod } from '../core/fees';
import { formatDateTime, formatMoney } from '../core/format';
import type { LocalDateTime } from '../core/model';
import {
  agencyAuthor, demoMark, FORM_PROFILES, formatPlaceAndDate, gridLayout, rule, signatureRow, wrapping,
  type FormAgency, type PaperSize,
} from '../forms/form-layout';
import { renderPdf, type TDocumentDefinitions } from '../forms/pdf';
import type { ReceiptItem } from './fees-store';

/** A table cell whose long tokens (codes, e-mail addresses) may break anywhere. */
const cell = (text: string): Content & TableCell => ({ text: wrapping(text) });

export const RECEIPT_TITLE = 'BIÊN LAI THU PHÍ, LỆ PHÍ';

export type ReceiptFormData = Readonly<{
  agency: FormAgency;
  /** Mã số thuế of the collecting agency; blank prints a line to fill in by hand. */
  taxCode: string;
  formNumber: string;
  series: string;
  number: number;
  kind: 'paper' | 'electronic';
  /** Labels of the copies, one page each; an e-receipt prints once whatever they say. */
  copies: readonly string[];
  paper: PaperSize;
  payerName: string;
  payerAddress: string;
  dossierCode: string;
  procedureName: string;
  items: readonly ReceiptItem[];
  amountVnd: number;
  amountInWords: string;
  method: PaymentMethod;
  transferRef: string;
  issuedAt: LocalDateTime;
  officerName: string;
  void: Readonly<{ at: LocalDateTime; reason: string; officerName: string }> | null;
  /** An e-receipt: its lookup code once the provider issued it (null while it waits). */
  lookupCode: string | null;
  demo: boolean;
}>;

export function receiptFileName(series: string, number: number): string {
  return `bien-lai-${series.replace(/[^A-Za-z0-9]+/g, '-')}-${formatReceiptNumber(number)}.pdf`;
}

function copyPage(d: ReceiptFormData, copyLabel: string | null, first: boolean): Content[] {
  const p = FORM_PROFILES[d.paper];
  const out: Content[] = [];
  const page = (c: Content) => out.push(c);
  if (d.demo) page(demoMark(p));
  const left: Content[] = [
    { text: wrapping(d.agency.parentName.toLocaleUpperCase('vi')) },
    { text: wrapping(d.agency.name.toLocaleUpperCase('vi')), bold: true },
    rule(Math.min(70, p.leftHeaderWidth / 3), [0, 2, 0, 3]),
    { text: ['Mã số thuế: ', d.taxCode === '' ? '……………………' : { text: d.taxCode, bold: true }] },
  ];
  const right: Content[] = [
    { text: ['Mẫu số: ', { text: d.formNumber, bold: true }] },
    { text: ['Ký hiệu: ', { text: d.series, bold: true }] },
    { text: ['Số: ', { text: formatReceiptNumber(d.number), bold: true, color: '#b00020', fontSize: p.header + 2 }] },
  ];
  page({
    columns: [
      { width: p.leftHeaderWidth + 20, alignment: 'center', fontSize: p.header, stack: left },
      { width: '*', alignment: 'right', fontSize: p.header, stack: right },
    ],
    columnGap: 6,
  });
  page({ text: RECEIPT_TITLE, bold: true, fontSize: p.title, alignment: 'center', margin: [0, p.titleGap, 0, 0] });
  if (d.kind === 'electronic') page({ text: '(Bản thể hiện của biên lai điện tử)', italics: true, alignment: 'center', margin: [0, 2, 0, 0] });
  else if (copyLabel !== null) page({ text: copyLabel, italics: true, alignment: 'center', margin: [0, 2, 0, 0] });

  const line = (label: string, value: string, bold = false): Content =>
    ({ text: [{ text: `${label}: ` }, ...wrapping(value, bold ? { bold: true } : {})], margin: [0, p.gap, 0, 0] });
  page({ ...(line('Tên người nộp tiền', d.payerName, true) as object), margin: [0, p.gap + 6, 0, 0] } as Content);
  page(line('Địa chỉ', d.payerAddress || '……………………………………………'));
  page(line('Mã hồ sơ', d.dossierCode));
  page(line('Nội dung thu', `Phí, lệ phí giải quyết thủ tục: ${d.procedureName}`));

  const money = (n: number): TableCell => ({ text: formatMoney(n), alignment: 'right' });
  const head = (t: string): TableCell => ({ text: t, bold: true, alignment: 'center' });
  const body: TableCell[][] = [
    [head('STT'), head('Tên loại phí, lệ phí'), head('Số lượng'), head('Mức thu'), head('Miễn, giảm'), head('Thành tiền')],
    ...d.items.map((it, i): TableCell[] => [
      { text: String(i + 1), alignment: 'center' },
      it.exemption === '' ? cell(it.feeName) : { stack: [cell(it.feeName), { text: wrapping(`Miễn, giảm: ${it.exemption}`), italics: true, fontSize: p.small - 1 }] },
      { text: String(it.quantity), alignment: 'center' },
      money(it.unitAmountVnd), money(it.exemptVnd), money(it.amountVnd),
    ]),
    [{ text: 'Tổng cộng', bold: true, colSpan: 5, alignment: 'right' }, {}, {}, {}, {}, { text: formatMoney(d.amountVnd), bold: true, alignment: 'right' }],
  ];
  page({
    table: { headerRows: 1, widths: [18, '*', 36, 52, 52, 58], body },
    layout: gridLayout(p.cellPadding[0], p.cellPadding[1]),
    fontSize: p.small,
    margin: [0, p.gap + 4, 0, 0],
  });
  page({ text: [{ text: 'Số tiền bằng chữ: ' }, { text: `${d.amountInWords}.`, bold: true, italics: true }], margin: [0, p.gap + 2, 0, 0] });
  const method = paymentMethodNames[d.method].vi;
  page(line('Hình thức thanh toán', d.transferRef ? `${method} (mã giao dịch ${d.transferRef})` : method));
  if (d.kind === 'electronic') {
    page(line('Mã tra cứu biên lai điện tử', d.lookupCode ?? 'đang chờ nhà cung cấp phát hành', d.lookupCode !== null));
  }
  if (d.void) {
    page({
      text: [{ text: 'BIÊN LAI ĐÃ HỦY ', bold: true, color: '#b00020' }, { text: `lúc ${formatDateTime(d.void.at)}, cán bộ ${d.void.officerName}. Lý do: ` }, ...wrapping(d.void.reason, { italics: true })],
      margin: [0, p.gap + 2, 0, 0],
    });
  }
  page({ text: formatPlaceAndDate(d.agency.placeName, d.issuedAt), italics: true, alignment: 'right', margin: [0, p.gap + 6, 0, 0] });
  page(signatureRow([{ role: 'NGƯỜI NỘP TIỀN' }, { role: 'NGƯỜI THU TIỀN', name: d.officerName }], { small: p.small, space: p.signatureSpace * 0.8, margin: [0, p.gap, 0, 0] }));
  // Each copy on a page of its own: the break goes on the copy's first element (the demo mark, when there is one).
  return first ? out : [{ stack: out, pageBreak: 'before' }];
}

/** The receipt as a pdfmake document: one page per copy (an e-receipt: one page). */
export function buildReceipt(d: ReceiptFormData): TDocumentDefinitions {
  const p = FORM_PROFILES[d.paper];
  const labels = d.kind === 'electronic' ? [null] : d.copies.map((c, i) => `Liên ${i + 1}: ${c}`);
  const title = `Biên lai ${d.formNumber} ${d.series} số ${formatReceiptNumber(d.number)}`;
  return {
    pageSize: p.pageSize,
    pageMargins: p.margins,
    info: { title, author: agencyAuthor(d.agency), subject: d.dossierCode, creator: 'Trạm tiếp nhận một cửa', producer: 'Trạm tiếp nhận một cửa (pdfmake)' },
    language: 'vi-VN',
    defaultStyle: { font: 'Roboto', fontSize: p.font, lineHeight: p.lineHeight },
    ...(d.void ? { watermark: { text: 'ĐÃ HỦY', color: '#b00020', opacity: 0.18, bold: true } } : {}),
    content: labels.flatMap((label, i) => copyPage(d, label, i === 0)),
  };
}

export function renderReceipt(d: ReceiptFormData): Promise<Buffer> {
  return renderPdf(buildReceipt(d));
}

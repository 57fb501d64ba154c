// The day's cash summary on paper ("Bảng kê thu phí, lệ phí trong ngày"), signed when the cash is
// handed over: per officer and payment method, per fee, the voided receipts with their reasons.
// Built from the shared form layout (agency header, national motto, tables, signatures).

import type { Content, TableCell } from 'pdfmake/interfaces';
import type { CashSummaryWire } from '../contract/fees-schemas';
import { formatDate, formatDateTime, formatMoney } from '../core/format';
import type { LocalDateTime } from '../core/model';
import { vndInWords } from '../core/vnd-words';
import { agencyAuthor, agencyHeader, bodyLine, demoMark, formatPlaceAndDate, FORM_PROFILES, formTitle, gridLayout, signatureRow, wrapping, type FormAgency } from '../forms/form-layout';
import { renderPdf, type TDocumentDefinitions } from '../forms/pdf';

/** A table cell whose long tokens (codes, e-mail addresses) may break anywhere. */
const cell = (text: string): Content & TableCell => ({ text: wrapping(text) });

export const CASH_SUMMARY_TITLE = 'BẢNG KÊ THU PHÍ, LỆ PHÍ TRONG NGÀY';

export type CashSummaryFormData = Readonly<{
  agency: FormAgency;
  summary: CashSummaryWire;
  /** When it was printed, and by whom (the officer who signs it). */
  printedAt: LocalDateTime;
  preparedBy: string;
  demo: boolean;
}>;

export function buildCashSummary(d: CashSummaryFormData): TDocumentDefinitions {
  const p = FORM_PROFILES.A4;
  const s = d.summary;
  const head = (t: string): TableCell => ({ text: t, bold: true, alignment: 'center' });
  const money = (n: number, bold = false): TableCell => ({ text: formatMoney(n), alignment: 'right', bold });
  const count = (n: number, bold = false): TableCell => ({ text: String(n), alignment: 'center', bold });
  const table = (widths: Array<number | string>, body: TableCell[][]): Content => ({
    table: { headerRows: 1, widths, body, dontBreakRows: true },
    layout: gridLayout(p.cellPadding[0], p.cellPadding[1]),
    fontSize: p.small,
    margin: [0, p.gap, 0, 0],
  });
  const section = (t: string): Content => ({ text: t, bold: true, margin: [0, p.gap + 8, 0, 0] });

  const content: Content[] = [];
  if (d.demo) content.push(demoMark(p));
  content.push(agencyHeader({ agency: d.agency, placeAndDate: formatPlaceAndDate(d.agency.placeName, d.printedAt), fontSize: p.header, leftWidth: p.leftHeaderWidth }));
  content.push(...formTitle(p, CASH_SUMMARY_TITLE, `Ngày ${formatDate(s.date)}`));

  content.push(section('1. Theo cán bộ thu và hình thức thanh toán'));
  content.push(table([26, '*', 44, 62, 62, 56, 68], [
    [head('STT'), head('Cán bộ thu'), head('Số biên lai'), head('Tiền mặt'), head('Chuyển khoản'), head('QR'), head('Cộng')],
    ...s.officers.map((o, i): TableCell[] => [count(i + 1), cell(o.officerName), count(o.receipts), money(o.cashVnd), money(o.transferVnd), money(o.qrVnd), money(o.totalVnd)]),
    [{ text: 'Tổng cộng', bold: true, colSpan: 2, alignment: 'right' }, {}, count(s.totals.receipts, true), money(s.totals.cashVnd, true), money(s.totals.transferVnd, true), money(s.totals.qrVnd, true), money(s.totals.totalVnd, true)],
  ]));
  content.push(bodyLine(p, [{ text: 'Tổng số tiền bằng chữ: ' }, { text: `${vndInWords(s.totals.totalVnd)}.`, italics: true, bold: true }]));
  content.push(bodyLine(p, [{ text: 'Trong đó tiền mặt phải nộp quỹ: ' }, { text: `${formatMoney(s.totals.cashVnd)} (${vndInWords(s.totals.cashVnd).toLocaleLowerCase('vi')}).`, bold: true }]));

  content.push(section('2. Theo khoản thu'));
  content.push(table([26, '*', 50, 50, 72], [
    [head('STT'), head('Tên loại phí, lệ phí'), head('Số lượng'), head('Số biên lai'), head('Số tiền')],
    ...s.fees.map((f, i): TableCell[] => [count(i + 1), cell(f.feeName), count(f.quantity), count(f.receipts), money(f.amountVnd)]),
    [{ text: 'Tổng cộng', bold: true, colSpan: 4, alignment: 'right' }, {}, {}, {}, money(s.totals.totalVnd, true)],
  ]));

  content.push(section(`3. Biên lai đã hủy (${s.voided.length})`));
  if (s.voided.length === 0) content.push(bodyLine(p, [{ text: 'Không có biên lai nào bị hủy.', italics: true }]));
  else {
    content.push(table([26, 96, 58, '*', 74], [
      [head('STT'), head('Ký hiệu – Số'), head('Số tiền'), head('Lý do hủy'), head('Hủy lúc')],
      ...s.voided.map((v, i): TableCell[] => [count(i + 1), cell(`${v.series} – ${v.numberText}`), money(v.amountVnd), cell(`${v.reason} (${v.officerName})`), { text: formatDateTime(v.voidedAt), alignment: 'center' }]),
    ]));
  }
  content.push(signatureRow([{ role: 'NGƯỜI LẬP BẢNG KÊ', name: d.preparedBy }, { role: 'THỦ QUỸ' }, { role: 'KẾ TOÁN' }], { small: p.small, space: p.signatureSpace, margin: [0, p.gap + 14, 0, 0] }));

  return {
    pageSize: p.pageSize,
    pageMargins: p.margins,
    info: { title: `Bảng kê thu phí, lệ phí ngày ${formatDate(s.date)}`, author: agencyAuthor(d.agency), creator: 'Trạm tiếp nhận một cửa', producer: 'Trạm tiếp nhận một cửa (pdfmake)' },
    language: 'vi-VN',
    defaultStyle: { font: 'Roboto', fontSize: p.font, lineHeight: p.lineHeight },
    footer: (page: number, pages: number) => ({ text: `Trang ${page}/${pages}`, alignment: 'center', fontSize: 8, color: '#555555' }),
    content,
  };
}

export function renderCashSummary(d: CashSummaryFormData): Promise<Buffer> {
  return renderPdf(buildCashSummary(d));
}

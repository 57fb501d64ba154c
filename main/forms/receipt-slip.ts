// Mẫu 01 — "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" (Circular 01/2018/TT-VPCP; docs/domain.md, "The printed forms").
//
// `buildReceiptSlip` lays the data out as a pdfmake document definition (pure, testable);
// `renderReceiptSlip` renders it to PDF bytes. A4 or A5; with 2 copies the same slip is
// printed twice, each copy on its own page and marked "Liên 1: Bản giao công dân" /
// "Liên 2: Bản lưu hồ sơ".

import { formatProcessingTime } from '../core/format';
import { code128Bars, encodeCode128 } from './code128';
import { agencyHeader, dateTimeParts, formatPlaceAndDate, formatTimeAndDate, signatureRow, two, wrapping } from './form-layout';
import { DEFAULT_FORM_SET, formTemplate } from './form-sets';
import { renderPdf, type TDocumentDefinitions } from './pdf';
import type { ReceiptSlipData, SlipLayout } from './receipt-slip-data';
import type { CanvasElement, Content, ContentCanvas, TableCell } from 'pdfmake/interfaces';

export type { ReceiptSlipData, SlipLayout } from './receipt-slip-data';
// The date wording moved to form-layout.ts (shared by every form); re-exported for existing callers.
export { dateTimeParts, formatPlaceAndDate, formatTimeAndDate } from './form-layout';

// ---------------------------------------------------------------------------------------------
// Dates and wording

export { formatProcessingTime };

// ---------------------------------------------------------------------------------------------
// Paper profiles

type Profile = Readonly<{
  pageSize: 'A4' | 'A5';
  /** left, top, right, bottom (pt) */
  margins: [number, number, number, number];
  width: number;
  font: number;
  small: number;
  header: number;
  title: number;
  lineHeight: number;
  /** space above each body line (pt) */
  gap: number;
  leftHeaderWidth: number;
  /** pdfmake draws QR modules in whole points: this is the module size aimed at. */
  qrModule: number;
  /** Preferred module width of the barcode: multiples of 0.24 pt fall on whole printer dots at 300 and 600 dpi. */
  barModule: number;
  barHeight: number;
  tableWidths: [number, '*', number, number, number];
  /** horizontal, vertical padding of table cells (pt) */
  cellPadding: [number, number];
  signatureSpace: number;
  /** space between the header and the title (pt) */
  titleGap: number;
}>;

const PROFILES: Readonly<Record<'A4' | 'A5', Profile>> = {
  A4: {
    pageSize: 'A4',
    margins: [57, 40, 43, 36],
    width: 595.28 - 57 - 43,
    font: 11,
    small: 9.5,
    header: 10.5,
    title: 14.5,
    lineHeight: 1.15,
    gap: 3.5,
    leftHeaderWidth: 205,
    qrModule: 2,
    barModule: 0.96,
    barHeight: 32,
    tableWidths: [26, '*', 50, 64, 54],
    cellPadding: [3.5, 2],
    signatureSpace: 60,
    titleGap: 14,
  },
  A5: {
    pageSize: 'A5',
    margins: [34, 26, 28, 22],
    width: 419.53 - 34 - 28,
    font: 9,
    small: 8,
    header: 8.3,
    title: 10.5,
    lineHeight: 1.06,
    gap: 1.6,
    leftHeaderWidth: 150,
    qrModule: 2,
    barModule: 0.72,
    barHeight: 22,
    tableWidths: [19, '*', 36, 46, 40],
    cellPadding: [2, 1],
    signatureSpace: 44,
    titleGap: 9,
  },
};

/**
 * A tighter version of a profile, for a slip that would otherwise run onto a second page
 * (a long list of documents, notes, a submitter…): smaller type and spacing, shorter bars and
 * signature space (never below what a signature needs).
 */
function compacted(p: Profile, level: number): Profile {
  if (level <= 0) return p;
  const f = p.pageSize === 'A4' ? 0.6 : 0.4;
  return {
    ...p,
    font: p.font - f * level,
    small: p.small - f * level,
    header: p.header - (f / 2) * level,
    title: p.title - f * level,
    lineHeight: Math.max(1, p.lineHeight - 0.04 * level),
    gap: p.gap * Math.max(0.2, 1 - 0.35 * level),
    barHeight: p.barHeight - 3 * level,
    cellPadding: [p.cellPadding[0], Math.max(0.5, p.cellPadding[1] - 0.5 * level)],
    signatureSpace: Math.max(28, p.signatureSpace - 8 * level),
    titleGap: Math.max(4, p.titleGap - 3 * level),
  };
}

/** How many times the layout may be tightened before accepting a slip longer than a page. */
const MAX_COMPACTION = 3;

// ---------------------------------------------------------------------------------------------
// Building blocks

/**
 * Byte capacity of QR versions 1–40 at error-correction level M (ISO/IEC 18004 table 7), to
 * estimate how many modules pdfmake's QR will have and so choose `fit` for whole-point modules.
 */
const QR_BYTES_M = [
  14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666, 711, 779, 857, 911,
  997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
];

function qrModulesFor(text: string): number {
  const bytes = Buffer.byteLength(text, 'utf8');
  const version = QR_BYTES_M.findIndex((cap) => bytes <= cap) + 1 || 40;
  return 17 + 4 * version;
}

/** The dossier code as Code 128 bars (vector rectangles), with the quiet zones. */
export function barcodeCanvas(code: string, maxWidth: number, preferredModule: number, height: number): ContentCanvas {
  const encoding = encodeCode128(code);
  const quiet = 10;
  const total = encoding.modules + 2 * quiet;
  let module = preferredModule;
  if (total * module > maxWidth) {
    // Step down in printer dots (0.24 pt) while that keeps the bars at least 2 dots at 600 dpi;
    // a very long code is then squeezed to fit (a scanner may struggle, the text is printed too).
    module = Math.floor(maxWidth / total / 0.24) * 0.24;
    if (module < 0.48) module = maxWidth / total;
  }
  const canvas: CanvasElement[] = code128Bars(encoding).map((bar) => ({
    type: 'rect',
    x: (quiet + bar.start) * module,
    y: 0,
    w: bar.width * module,
    h: height,
    color: '#000000',
  }));
  // A blank line at the far edge makes the canvas as wide as the symbol with both quiet zones.
  canvas.push({ type: 'line', x1: total * module, y1: 0, x2: total * module, y2: 0, lineWidth: 0, lineColor: '#ffffff' });
  return { canvas };
}

const line = (p: Profile, runs: Content[], extra: Record<string, unknown> = {}): Content =>
  ({ text: runs, margin: [0, p.gap, 0, 0], ...extra }) as Content;

function header(data: ReceiptSlipData, p: Profile): Content {
  return agencyHeader({
    agency: data.agency,
    number: data.slipNumber,
    placeAndDate: formatPlaceAndDate(data.agency.placeName, data.receivedAt),
    fontSize: p.header,
    leftWidth: p.leftHeaderWidth,
  });
}

function codeBlock(data: ReceiptSlipData, p: Profile): Content {
  const qrModules = qrModulesFor(data.lookupUrl);
  const qrSize = qrModules * p.qrModule;
  const gap = 10;
  const codeColumnWidth = p.width - qrSize - gap;
  const stack: Content[] = [
    {
      text: [{ text: 'Mã hồ sơ: ' }, { text: data.dossierCode, bold: true }],
      fontSize: p.font + 1.5,
    },
    { ...barcodeCanvas(data.dossierCode, codeColumnWidth, p.barModule, p.barHeight), margin: [0, 4, 0, 0] },
  ];
  if (data.provisionalCode) {
    stack.push({
      text: 'Mã hồ sơ tạm (sẽ được cấp mã chính thức khi đồng bộ)',
      bold: true,
      italics: true,
      fontSize: p.font,
      margin: [0, 3, 0, 0],
    });
  }
  return {
    columns: [
      { width: '*', alignment: 'center', stack },
      {
        width: qrSize,
        alignment: 'center',
        stack: [
          // pdfmake draws QR modules in whole points: fit = modules × module size (+ slack).
          { qr: data.lookupUrl, fit: qrSize + 0.5, eccLevel: 'M' },
          { text: 'Quét để tra cứu', fontSize: p.small - 0.5, margin: [0, 1, 0, 0] },
        ],
      },
    ],
    columnGap: gap,
    margin: [0, 6, 0, 2],
  };
}

const count = (n: number): string => String(n);

function documentsTable(data: ReceiptSlipData, p: Profile): Content {
  const head = (text: string): TableCell => ({ text, bold: true, alignment: 'center', verticalAlignment: 'middle' });
  const body: TableCell[][] = [
    [head('STT'), head('Tên giấy tờ'), head('Bản\nchính'), head('Bản sao\nchứng thực'), head('Bản sao/\nPhoto')],
  ];
  const number = (text: string): TableCell => ({ text, alignment: 'center', verticalAlignment: 'middle' });
  data.documents.forEach((d, i) => {
    body.push([
      number(String(i + 1)),
      { text: wrapping(d.name) },
      number(count(d.originals)),
      number(count(d.certifiedCopies)),
      number(count(d.copies)),
    ]);
  });
  if (data.documents.length === 0) {
    body.push([{ text: '(Không có giấy tờ)', colSpan: 5, alignment: 'center', italics: true }, {}, {}, {}, {}]);
  }
  const thin = (): number => 0.5;
  const grey = (): string => '#333333';
  const pad = (): number => p.cellPadding[0];
  const vpad = (): number => p.cellPadding[1];
  return {
    table: { headerRows: 1, dontBreakRows: true, widths: p.tableWidths, body },
    layout: {
      hLineWidth: thin,
      vLineWidth: thin,
      hLineColor: grey,
      vLineColor: grey,
      paddingLeft: pad,
      paddingRight: pad,
      paddingTop: vpad,
      paddingBottom: vpad,
    },
    fontSize: p.small,
    lineHeight: 1,
    margin: [0, p.gap + 1, 0, 1],
  };
}

function signatures(data: ReceiptSlipData, p: Profile): Content {
  return signatureRow(
    [
      { role: 'NGƯỜI NỘP HỒ SƠ', name: data.submitter?.fullName ?? data.owner.fullName },
      { role: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: data.officerName },
    ],
    { small: p.small, space: p.signatureSpace, margin: [0, p.gap + 6, 0, 0] },
  );
}

function slip(data: ReceiptSlipData, p: Profile, copyLabel: string | undefined): Content[] {
  const o = data.owner;
  const content: Content[] = [];
  if (data.demo) {
    content.push({ text: 'DỮ LIỆU MẪU – DEMO', color: '#8a8a8a', fontSize: p.small - 1, alignment: 'right', margin: [0, -10, 0, 2] });
  }
  content.push(header(data, p));
  content.push({ text: SLIP_TITLE, bold: true, fontSize: p.title, alignment: 'center', margin: [0, p.titleGap, 0, 0] });
  if (copyLabel) {
    content.push({ text: `(${copyLabel})`, italics: true, fontSize: p.small, alignment: 'center', margin: [0, 1, 0, 0] });
  }
  content.push(codeBlock(data, p));

  const unit = `${data.agency.unitName} ${data.agency.name}`.replace(/\s+/g, ' ').trim();
  content.push(line(p, [...wrapping(unit), { text: ' tiếp nhận hồ sơ của: Ông/Bà ' }, { text: o.fullName, bold: true }]));
  content.push(line(p, [{ text: 'Số định danh cá nhân / CCCD: ' }, { text: o.idNumber }]));
  content.push(line(p, [{ text: 'Địa chỉ: ' }, ...wrapping(o.address)]));
  const contact: Content[] = [{ text: 'Số điện thoại: ' }, { text: o.phone }];
  if (o.email) contact.push({ text: '        Email: ' }, ...wrapping(o.email));
  content.push(line(p, contact));
  if (data.submitter) {
    const s = data.submitter;
    const runs: Content[] = [{ text: 'Người nộp thay: Ông/Bà ' }, { text: s.fullName, bold: true }];
    if (s.idNumber) runs.push({ text: `; CCCD: ${s.idNumber}` });
    if (s.phone) runs.push({ text: `; Số điện thoại: ${s.phone}` });
    content.push(line(p, runs));
  }
  content.push(
    line(p, [
      { text: 'Nội dung yêu cầu giải quyết: ' },
      ...wrapping(data.procedure.name, { bold: true }),
      ...(data.procedure.code ? [{ text: ` (mã TTHC ${data.procedure.code})`, fontSize: p.small }] : []),
    ]),
  );
  content.push(line(p, [{ text: '1. Thành phần hồ sơ nộp gồm:' }]));
  content.push(documentsTable(data, p));
  content.push(line(p, [{ text: '2. Số lượng hồ sơ: ' }, { text: `${two(data.sets)} (bộ)` }]));
  content.push(line(p, [{ text: '3. Thời gian giải quyết hồ sơ theo quy định là: ' }, { text: formatProcessingTime(data.procedure.processingTime) }]));
  content.push(line(p, [{ text: '4. Thời gian nhận hồ sơ: ' }, { text: formatTimeAndDate(data.receivedAt) }]));
  content.push(line(p, [{ text: '5. Thời gian trả kết quả giải quyết hồ sơ: ' }, { text: formatTimeAndDate(data.appointmentAt), bold: true }]));
  const delivery = data.resultDelivery;
  content.push(
    line(
      p,
      delivery.method === 'post'
        ? [{ text: '6. Đăng ký nhận kết quả qua dịch vụ bưu chính công ích: ' }, ...wrapping(delivery.address)]
        : [{ text: '6. Đăng ký nhận kết quả tại: ' }, ...wrapping(data.resultCounter)],
    ),
  );
  if (data.notes && data.notes.trim() !== '') {
    content.push(line(p, [{ text: 'Ghi chú: ', italics: true }, ...wrapping(data.notes)]));
  }
  content.push(
    line(p, [{ text: `Vào Sổ theo dõi hồ sơ, Quyển số: ${data.logBook.volume}, Số thứ tự: ${data.logBook.line}` }], {
      italics: true,
      margin: [0, p.gap + 2, 0, 0],
    }),
  );
  content.push(signatures(data, p));
  return content;
}

/** Mẫu 01 has the same title in both form sets. */
const SLIP_TITLE = formTemplate(DEFAULT_FORM_SET, 'receipt_slip')?.title ?? 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ';

const COPY_LABELS = ['Liên 1: Bản giao công dân', 'Liên 2: Bản lưu hồ sơ'] as const;

function buildDocument(data: ReceiptSlipData, layout: SlipLayout, level: number): TDocumentDefinitions {
  const p = compacted(PROFILES[layout.paper], level);
  // Fail early on bad dates rather than half-way through layout.
  dateTimeParts(data.receivedAt);
  dateTimeParts(data.appointmentAt);
  const copies = layout.copies === 2 ? 2 : 1;
  const content: Content[] = [];
  for (let i = 0; i < copies; i++) {
    content.push({
      stack: slip(data, p, copies === 2 ? COPY_LABELS[i] : undefined),
      ...(i > 0 ? { pageBreak: 'before' as const } : {}),
    });
  }
  return {
    pageSize: p.pageSize,
    pageOrientation: 'portrait',
    pageMargins: p.margins,
    info: {
      title: `Giấy tiếp nhận hồ sơ và hẹn trả kết quả – ${data.dossierCode}`,
      author: `${data.agency.unitName} – ${data.agency.name}`,
      subject: data.procedure.name,
      creator: 'Trạm tiếp nhận một cửa',
      producer: 'Trạm tiếp nhận một cửa (pdfmake)',
    },
    language: 'vi-VN',
    defaultStyle: { font: 'Roboto', fontSize: p.font, lineHeight: p.lineHeight },
    content,
  };
}

/** The slip as a pdfmake document definition at the normal size (strings are NFC-normalised when rendered). */
export function buildReceiptSlip(data: ReceiptSlipData, layout: SlipLayout): TDocumentDefinitions {
  return buildDocument(data, layout, 0);
}

/**
 * Renders Mẫu 01 to PDF bytes, one page per copy on A4 or A5. A slip that does not fit its page
 * (a long list of documents) is laid out again a little tighter, up to a few times; past that it
 * runs onto a further page rather than shrink to illegibility.
 */
export async function renderReceiptSlip(data: ReceiptSlipData, layout: SlipLayout): Promise<Buffer> {
  const copies = layout.copies === 2 ? 2 : 1;
  for (let level = 0; ; level++) {
    const doc = buildDocument(data, layout, level);
    let pages = 0;
    // pdfmake calls the footer once per page with the page count: a cheap way to learn it.
    doc.footer = (_current: number, pageCount: number) => {
      pages = pageCount;
      return null;
    };
    const pdf = await renderPdf(doc);
    if (pages <= copies || level >= MAX_COMPACTION) return pdf;
  }
}

import type { LocalDateTime } from '../core/model';
import { isValidLocalDateTime, localDateOf, timeOfDayOf } from '../core/time';
import { formatDate } from '../core/format';
import { align, concatBytes, cut, feedDots, initialize, qrCode, rasterImage, type MonoBitmap } from '../../hardware/printers/escpos/commands';
import { PAPER_DOTS, rasterText, ruleRows, type PaperWidth, type TextStyle } from '../../hardware/printers/escpos/raster-text';

// The queue ticket (phiếu số thứ tự) a citizen takes on arriving at the one-stop desk, printed
// on the counter's thermal ESC/POS printer: who serves (the agency and its unit), for what (the
// service group), the number large enough to read across the room, when it was taken, how many
// people wait before, and a QR code to follow the queue on a phone. All text goes as raster
// images (printer code pages render Vietnamese badly); the QR code is drawn by the printer.

export type QueueTicket = Readonly<{
  agency: Readonly<{
    /** "UBND XÃ TIÊN DU", "Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh". */
    name: string;
    /** "Bộ phận Một cửa". */
    unitName: string;
  }>;
  /** The service group the number belongs to: "Hộ tịch", "Đất đai", … */
  serviceGroup: string;
  /** As called out: "A015". */
  number: string;
  /** When the ticket was taken (Vietnam time). */
  issuedAt: LocalDateTime;
  /** People waiting before this ticket in its group when it was taken. */
  waitingBefore: number;
  /** Address of the page that shows the queue's progress (encoded in the QR code). */
  followUrl: string;
  /** The closing line; default "Vui lòng chờ đến lượt…". */
  note?: string;
}>;

export type QueueTicketOptions = Readonly<{ paper: PaperWidth }>;

export type QueueTicketField = 'agency.name' | 'agency.unitName' | 'serviceGroup' | 'number' | 'issuedAt' | 'waitingBefore' | 'followUrl' | 'paper';

const FIELD_LABELS: Readonly<Record<QueueTicketField, { vi: string; en: string }>> = {
  'agency.name': { vi: 'tên cơ quan', en: 'the agency name' },
  'agency.unitName': { vi: 'tên bộ phận', en: 'the unit name' },
  serviceGroup: { vi: 'nhóm dịch vụ', en: 'the service group' },
  number: { vi: 'số thứ tự', en: 'the ticket number' },
  issuedAt: { vi: 'thời điểm lấy số', en: 'the time the ticket was taken' },
  waitingBefore: { vi: 'số người chờ trước', en: 'the number of people waiting before' },
  followUrl: { vi: 'địa chỉ theo dõi lượt (mã QR)', en: 'the queue-following address (QR code)' },
  paper: { vi: 'khổ giấy (58 hoặc 80 mm)', en: 'the paper width (58 or 80 mm)' },
};

/** Bad ticket data: which field, and a message in Vietnamese and English. Nothing was printed. */
export class QueueTicketError extends Error {
  readonly vi: string;
  constructor(readonly field: QueueTicketField) {
    const label = FIELD_LABELS[field];
    super(`The queue ticket cannot be printed: ${label.en} is missing or invalid. Check the queue settings and take the number again.`);
    this.vi = `Không in được phiếu số thứ tự: ${label.vi} bị thiếu hoặc không hợp lệ. Kiểm tra cài đặt hàng đợi rồi lấy số lại.`;
    this.name = 'QueueTicketError';
  }
}

const DEFAULT_NOTE = 'Vui lòng chờ đến lượt và theo dõi số được gọi trên màn hình. Xin cảm ơn!';

function check(ticket: QueueTicket, options: QueueTicketOptions): void {
  const blank = (s: unknown) => typeof s !== 'string' || s.normalize('NFC').trim() === '';
  if (options.paper !== 58 && options.paper !== 80) throw new QueueTicketError('paper');
  if (blank(ticket.agency?.name)) throw new QueueTicketError('agency.name');
  if (blank(ticket.agency?.unitName)) throw new QueueTicketError('agency.unitName');
  if (blank(ticket.serviceGroup)) throw new QueueTicketError('serviceGroup');
  // A number is called out loud and shown on the screen: short, letters and digits.
  if (typeof ticket.number !== 'string' || !/^[\p{L}\d-]{1,8}$/u.test(ticket.number.normalize('NFC').trim())) throw new QueueTicketError('number');
  if (!isValidLocalDateTime(ticket.issuedAt)) throw new QueueTicketError('issuedAt');
  if (!Number.isInteger(ticket.waitingBefore) || ticket.waitingBefore < 0) throw new QueueTicketError('waitingBefore');
  if (blank(ticket.followUrl) || !/^https?:\/\/\S+$/i.test(ticket.followUrl.trim())) throw new QueueTicketError('followUrl');
}

function waitingLine(waitingBefore: number): string {
  return waitingBefore === 0 ? 'Không có ai chờ trước bạn' : `Có ${waitingBefore} người đang chờ trước bạn`;
}

/**
 * The ticket as ESC/POS bytes for a 58 or 80 mm printer: init, the text as raster, the QR code,
 * feed and cut. Throws QueueTicketError on bad data (before anything is rendered).
 */
export async function renderQueueTicket(ticket: QueueTicket, options: QueueTicketOptions): Promise<Uint8Array> {
  check(ticket, options);
  const width = PAPER_DOTS[options.paper];
  const wide = options.paper === 80;
  const text = (s: string, style: TextStyle): Promise<MonoBitmap> => rasterText(s, width, { align: 'center', ...style });
  const issued = `Ngày ${formatDate(localDateOf(ticket.issuedAt))} lúc ${timeOfDayOf(ticket.issuedAt)}`;

  const [agency, unit, caption, group, number, when, waiting, scan, note] = await Promise.all([
    text(ticket.agency.name.normalize('NFC').toLocaleUpperCase('vi'), { bold: true }),
    text(ticket.agency.unitName, {}),
    text('PHIẾU SỐ THỨ TỰ', { size: 'small' }),
    text(ticket.serviceGroup, { size: 'large', bold: true }),
    text(ticket.number.normalize('NFC').trim().toLocaleUpperCase('vi'), { size: 'huge', bold: true }),
    text(issued, {}),
    text(waitingLine(ticket.waitingBefore), { bold: true }),
    text('Quét mã để theo dõi lượt của bạn', { size: 'small' }),
    text(ticket.note ?? DEFAULT_NOTE, { size: 'small' }),
  ]);

  // Gaps go as paper feeds (ESC J), not as blank raster rows: fewer bytes down a 9600-baud line.
  const part = (...items: ReadonlyArray<MonoBitmap | number>): Uint8Array[] =>
    items.map((item) => (typeof item === 'number' ? feedDots(item) : rasterImage(item)));
  return concatBytes([
    initialize(),
    align('center'),
    ...part(agency, 4, unit, 14, ruleRows(width, 2, 0.6), 16, caption, 8, group, 6, number, 10, when, 8, waiting, 16),
    qrCode(ticket.followUrl.trim(), { moduleSize: wide ? 6 : 5, errorCorrection: 'M' }),
    ...part(6, scan, 14, ruleRows(width, 2, 0.6), 12, note),
    feedDots(40),
    cut({ partial: true, feedDots: 80 }),
  ]);
}

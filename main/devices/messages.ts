import { fillTemplate, registerErrors, type Catalogue, type ErrorParams, type Language } from '../core/errors';

// The identity-card reader: what the officer reads when a scan cannot fill the form, and what the
// technician reads about the reader's port. Every scan that fails says that nothing was filled
// in: the form never takes half a card.

export const devicesErrors = {
  // ── what was read is not a card the form can take ──
  IDENTITY_QR_EMPTY: {
    vi: 'Đầu đọc gửi một dòng trống. Chưa điền gì vào biểu mẫu; quét lại mã QR trên thẻ căn cước.',
    en: 'The reader sent an empty line. Nothing was filled in; scan the QR code on the identity card again.',
  },
  IDENTITY_QR_NOT_CARD: {
    vi: 'Mã vừa quét không phải mã QR của thẻ căn cước (có thể là mã thanh toán, thẻ BHYT, đường dẫn web hoặc mã hàng hoá). Chưa điền gì; quét mã QR trên thẻ CCCD (thẻ Căn cước mới: ở mặt sau).',
    en: 'The code scanned is not an identity card QR (a payment code, a health-insurance card, a web address or a product code). Nothing was filled in; scan the QR code on the identity card (on the back of the new card).',
  },
  IDENTITY_QR_TRUNCATED: {
    vi: 'Mã QR đọc được bị thiếu (đầu đọc gửi chưa hết). Chưa điền gì vào biểu mẫu; giữ thẻ yên, phẳng trước đầu đọc rồi quét lại.',
    en: 'The QR code was read only in part (the reader sent it incomplete). Nothing was filled in; hold the card still and flat before the reader and scan again.',
  },
  IDENTITY_QR_NUMBER_INVALID: {
    vi: 'Số định danh trong mã QR không hợp lệ (mã tỉnh không có thật). Chưa điền gì; đối chiếu thẻ gốc và nhập tay.',
    en: 'The identity number in the QR code is not valid (no such province code). Nothing was filled in; check the card and type it in.',
  },
  IDENTITY_QR_BIRTH_DATE_INVALID: {
    vi: 'Ngày sinh trong mã QR không phải ngày có thật hoặc sau hôm nay. Chưa điền gì; đối chiếu thẻ gốc và nhập tay.',
    en: 'The date of birth in the QR code is not a real date, or is after today. Nothing was filled in; check the card and type it in.',
  },
  IDENTITY_QR_NUMBER_MISMATCH: {
    vi: 'Số định danh trong mã QR không khớp với ngày sinh hoặc giới tính trong cùng mã (đọc sai hoặc thẻ không hợp lệ). Chưa điền gì; đối chiếu thẻ gốc và nhập tay.',
    en: 'The identity number in the QR code does not agree with the date of birth or gender in the same code (a misread, or an invalid card). Nothing was filled in; check the card and type it in.',
  },
  IDENTITY_QR_NAME_INVALID: {
    vi: 'Không đọc được họ tên trong mã QR. Chưa điền gì; quét lại hoặc nhập tay.',
    en: 'The name in the QR code cannot be read. Nothing was filled in; scan again or type it in.',
  },
  READER_GARBAGE: {
    vi: 'Đầu đọc CCCD gửi dữ liệu không đọc được ({bytes} byte; thường do sai tốc độ baud hoặc nhiễu). Chưa điền gì; quét lại. Nếu lặp lại, báo cán bộ CNTT kiểm tra tốc độ baud ở Cài đặt > Đầu đọc CCCD.',
    en: 'The identity-card reader sent unreadable data ({bytes} bytes; usually a wrong baud rate or noise). Nothing was filled in; scan again. If it repeats, ask the technician to check the baud rate under Settings > Identity-card reader.',
  },

  // ── the reader's port ──
  READER_PATH_REQUIRED: {
    vi: 'Chưa chọn cổng của đầu đọc CCCD. Bấm "Tìm cổng", chọn cổng của đầu đọc rồi lưu.',
    en: 'No port chosen for the identity-card reader. Press "Find ports", choose the reader\'s port and save.',
  },
  READER_PORT_NOT_FOUND: {
    vi: 'Không thấy cổng {path}. Kiểm tra đầu đọc CCCD đã cắm vào máy, rồi bấm "Tìm cổng" và chọn lại.',
    en: 'Port {path} is not there. Check the identity-card reader is plugged in, then find the ports again and choose it.',
  },
  READER_PORT_BUSY: {
    vi: 'Cổng {path} đang được chương trình khác dùng (ví dụ phần mềm của hãng đầu đọc). Đóng chương trình đó rồi thử lại.',
    en: 'Port {path} is held by another program (the reader maker\'s software, for example). Close it and try again.',
  },
  READER_PORT_ACCESS_DENIED: {
    vi: 'Máy tính không cho phép trạm mở cổng {path}. Báo cán bộ CNTT cấp quyền (Linux: thêm người dùng vào nhóm dialout).',
    en: 'This PC does not let the station open port {path}. Ask the technician for access (Linux: add the user to the dialout group).',
  },
  READER_PORT_FAILED: {
    vi: 'Không mở được cổng {path} ({detail}). Kiểm tra tốc độ baud và cáp của đầu đọc, rồi thử lại.',
    en: 'Port {path} cannot be opened ({detail}). Check the reader\'s baud rate and cable, then try again.',
  },
  READER_NOT_SERIAL: {
    vi: 'Đầu đọc CCCD đang đặt là {mode}: không có cổng nối tiếp để đọc thử. Chọn "Đầu đọc cổng nối tiếp" và cổng của nó, hoặc nhập cổng cần thử.',
    en: 'The identity-card reader is set to {mode}: there is no serial port to test. Choose "serial reader" and its port, or give the port to try.',
  },
} as const satisfies Catalogue;
registerErrors(devicesErrors);

declare module '../core/errors' {
  interface ErrorCatalogues {
    devices: typeof devicesErrors;
  }
}

/** Texts that are not errors: a card read, notes on what was left out, the reader's state. */
export const devicesText = {
  CARD_READ: { vi: 'Đã đọc thẻ của {name} ({number}).', en: 'Card of {name} ({number}) read.' },
  NOTE_ISSUE_DATE_INVALID: { vi: 'Ngày cấp trong mã QR không đọc được nên được bỏ qua.', en: 'The issue date in the QR code is unreadable and was left out.' },
  NOTE_ISSUE_DATE_IMPLAUSIBLE: {
    vi: 'Ngày cấp trong mã QR ({value}) trước ngày sinh hoặc sau hôm nay nên được bỏ qua.',
    en: 'The issue date in the QR code ({value}) is before the birth date or after today and was left out.',
  },
  NOTE_ADDRESS_MISSING: { vi: 'Mã QR không có địa chỉ: nhập địa chỉ bằng tay.', en: 'The QR code carries no address: type it in.' },
  NOTE_SECOND_NUMBER: {
    vi: 'Mã QR có thêm số {value} (số CCCD cũ đã huỷ?): không dùng, chỉ lấy số định danh đầu tiên.',
    en: 'The QR code carries another number {value} (a cancelled old card?): not used; the first identity number is taken.',
  },
  NOTE_EXTRA_FIELDS: { vi: 'Mã QR có thêm {value} mục trạm không dùng (bỏ qua).', en: 'The QR code has {value} more fields the station does not use (ignored).' },
  READER_LISTENING: { vi: 'Đang nghe đầu đọc CCCD ở cổng {path}.', en: 'Listening to the identity-card reader on {path}.' },
  READER_WAITING: {
    vi: 'Mất kết nối với đầu đọc CCCD ở cổng {path}. Cắm lại cáp: trạm tự kết nối lại khi thấy cổng.',
    en: 'The identity-card reader on {path} is disconnected. Plug it back in: the station reconnects when the port is back.',
  },
  READER_OFF: { vi: 'Chưa dùng đầu đọc CCCD.', en: 'No identity-card reader in use.' },
  READER_KEYBOARD: {
    vi: 'Đầu đọc kiểu bàn phím: quét thẻ khi đang ở biểu mẫu tiếp nhận.',
    en: 'Keyboard-wedge reader: scan the card while the intake form is open.',
  },
  TEST_SILENT: {
    vi: 'Không nhận được mã nào từ cổng {path} trong {seconds} giây. Quét mã QR trên thẻ trong lúc chờ; nếu đầu đọc kêu mà trạm không nhận, kiểm tra cổng và tốc độ baud.',
    en: 'Nothing came from {path} within {seconds} seconds. Scan a card while waiting; if the reader beeps and nothing arrives, check the port and the baud rate.',
  },
  MODE_NONE: { vi: '"không dùng"', en: '"none"' },
  MODE_KEYBOARD: { vi: '"kiểu bàn phím"', en: '"keyboard wedge"' },
} as const satisfies Catalogue;

export type DevicesTextKey = keyof typeof devicesText;

export function devicesMessage(key: DevicesTextKey, params: ErrorParams, lang: Language): string {
  return fillTemplate(devicesText[key][lang], params);
}

// Typed errors: a code plus parameters, turned into a Vietnamese (or English) message at the edge.
// Every error a person can see is one of these; a bare Error reaching a host is a bug.

export const errorMessages = {
  VALIDATION: { vi: 'Dữ liệu không hợp lệ: {detail}', en: 'Invalid data: {detail}' },
  REQUIRED: { vi: 'Vui lòng nhập {label}.', en: 'Please enter {label}.' },
  TOO_LONG: { vi: '{label} quá dài (tối đa {max} ký tự).', en: '{label} is too long (at most {max} characters).' },
  ID_NUMBER_FORMAT: {
    vi: 'Số định danh cá nhân phải gồm đúng 12 chữ số.',
    en: 'The personal identity number must be exactly 12 digits.',
  },
  ID_NUMBER_PROVINCE: {
    vi: 'Mã tỉnh "{province}" ở 3 số đầu của số định danh không có trong danh mục.',
    en: 'Province code "{province}" in the first 3 digits is not in the official list.',
  },
  ID_NUMBER_CENTURY: {
    vi: 'Số thứ 4 của số định danh ({digit}) không khớp với năm sinh {year}.',
    en: 'Digit 4 of the identity number ({digit}) does not match the birth year {year}.',
  },
  ID_NUMBER_YEAR: {
    vi: 'Số thứ 5–6 của số định danh ({digits}) phải là 2 số cuối của năm sinh {year}.',
    en: 'Digits 5–6 of the identity number ({digits}) must be the last two digits of the birth year {year}.',
  },
  BIRTH_DATE_INVALID: { vi: 'Ngày sinh không hợp lệ.', en: 'The date of birth is not a valid date.' },
  BIRTH_DATE_FUTURE: { vi: 'Ngày sinh không được ở tương lai.', en: 'The date of birth cannot be in the future.' },
  PHONE_FORMAT: {
    vi: 'Số điện thoại không đúng định dạng Việt Nam (ví dụ 0912345678 hoặc 02223812345).',
    en: 'Not a Vietnamese phone number (e.g. 0912345678 or 02223812345).',
  },
  EMAIL_FORMAT: { vi: 'Địa chỉ email không hợp lệ.', en: 'The email address is not valid.' },
  PROCEDURE_UNKNOWN: {
    vi: 'Không tìm thấy thủ tục mã "{code}" trong danh mục.',
    en: 'Procedure "{code}" is not in the catalogue.',
  },
  DOCUMENT_UNKNOWN: {
    vi: 'Giấy tờ "{document}" không thuộc thủ tục này.',
    en: 'Document "{document}" does not belong to this procedure.',
  },
  DOCUMENTS_MISSING: {
    vi: 'Chưa nhận đủ giấy tờ bắt buộc: {documents}.',
    en: 'Required documents not received: {documents}.',
  },
  POSTAL_ADDRESS_REQUIRED: {
    vi: 'Nhận kết quả qua bưu chính thì phải có địa chỉ nhận.',
    en: 'A postal address is required for delivery by post.',
  },
  DATE_INVALID: { vi: 'Ngày "{value}" không hợp lệ.', en: '"{value}" is not a valid date.' },
  DOSSIER_NOT_FOUND: { vi: 'Không tìm thấy hồ sơ "{code}".', en: 'Dossier "{code}" not found.' },
  CODE_FORMAT_INVALID: {
    vi: 'Mẫu mã hồ sơ "{format}" không hợp lệ: cần có {seq} (số thứ tự) và chỉ dùng các trường đã biết.',
    en: 'Dossier code format "{format}" is invalid: it needs {seq} and only known fields.',
  },
  CODE_FORMAT_STATION: {
    vi: 'Máy trạm số {station} cần mẫu mã hồ sơ có trường {token} (ví dụ {example}) để không trùng số với máy khác.',
    en: 'Station {station} needs a code format containing {token} (e.g. {example}) so that its numbers never collide with other stations.',
  },
  WORKING_HOURS_INVALID: {
    vi: 'Giờ làm việc không hợp lệ: mỗi buổi phải kết thúc sau khi bắt đầu và các buổi theo thứ tự, không chồng nhau (ví dụ 07:00-11:30, 13:30-17:00).',
    en: 'Invalid working hours: each period must end after it starts, in order, without overlap (e.g. 07:00-11:30, 13:30-17:00).',
  },
  CODE_SEQUENCE_EXHAUSTED: {
    vi: 'Đã hết số thứ tự hồ sơ trong ngày ({max}). Liên hệ cán bộ CNTT để đổi mẫu mã hồ sơ.',
    en: 'Dossier numbers for today are exhausted ({max}). Ask the technician to change the code format.',
  },
  CHANNEL_UNKNOWN: { vi: 'Yêu cầu không được hỗ trợ: "{channel}".', en: 'Unsupported request: "{channel}".' },
  UNAUTHORIZED: { vi: 'Phiên làm việc không hợp lệ. Hãy mở lại trạm.', en: 'Invalid session. Reopen the station.' },
  PRINT_FAILED: { vi: 'Không in được: {reason}', en: 'Printing failed: {reason}' },
  // Signing with the officer's USB token (main/signing).
  SIGNING_DISABLED: {
    vi: 'Cơ quan chưa bật ký số giấy tiếp nhận (Chữ ký số > Cài đặt). Giấy tiếp nhận vẫn in được bình thường.',
    en: 'Signing slips is not enabled for this agency (Digital signature > Settings). Unsigned slips still print.',
  },
  TOKEN_NOT_FOUND: {
    vi: 'Không thấy token ký số "{token}". Hãy cắm token vào máy, chờ vài giây rồi thử lại.',
    en: 'Signing token "{token}" not found. Plug it in, wait a few seconds and try again.',
  },
  TOKEN_REMOVED: {
    vi: 'Token ký số đã bị rút ra hoặc mất kết nối trong lúc ký: chưa ký được và chưa có tệp nào được ghi. Cắm lại token rồi ký lại.',
    en: 'The signing token was removed or disconnected while signing: nothing was signed or written. Plug it back in and sign again.',
  },
  TOKEN_BUSY: { vi: 'Token đang thực hiện một lệnh ký khác. Chờ giây lát rồi thử lại.', en: 'The token is busy with another signature. Wait a moment and try again.' },
  TOKEN_FAILED: {
    vi: 'Token ký số không phản hồi đúng ({detail}). Rút token ra, cắm lại rồi thử lại; nếu vẫn lỗi, báo cán bộ CNTT.',
    en: 'The signing token did not answer properly ({detail}). Unplug it, plug it back in and retry; if it persists, call the technician.',
  },
  PIN_INCORRECT: { vi: 'Mã PIN không đúng. Hãy nhập lại cẩn thận.', en: 'Wrong PIN. Type it again carefully.' },
  PIN_INCORRECT_FINAL_TRY: {
    vi: 'Mã PIN không đúng. Chỉ còn 1 lần thử: nếu nhập sai lần nữa token sẽ bị khóa.',
    en: 'Wrong PIN. One try left: another wrong PIN locks the token.',
  },
  PIN_LOCKED: {
    vi: 'Token đã bị khóa do nhập sai mã PIN quá số lần cho phép. Liên hệ nhà cung cấp chứng thư số ({issuer}) để mở khóa.',
    en: 'The token is locked after too many wrong PINs. Ask the certificate provider ({issuer}) to unlock it.',
  },
  PIN_LENGTH: { vi: 'Mã PIN của token này phải có từ {min} đến {max} ký tự.', en: "This token's PIN has {min} to {max} characters." },
  PIN_FINAL_TRY_UNCONFIRMED: {
    vi: 'Token chỉ còn 1 lần nhập mã PIN: hãy xác nhận trước khi thử (sai lần nữa token sẽ bị khóa).',
    en: 'The token has one PIN try left: confirm before trying (another wrong PIN locks it).',
  },
  CERTIFICATE_NOT_FOUND: {
    vi: 'Không tìm thấy chứng thư số đã chọn trên token. Hãy chọn lại chứng thư.',
    en: 'The chosen certificate is not on the token. Choose the certificate again.',
  },
  CERTIFICATE_EXPIRED: {
    vi: 'Chứng thư số của {name} đã hết hạn ngày {date}: không thể ký. Liên hệ {issuer} để gia hạn.',
    en: "{name}'s certificate expired on {date}: it cannot sign. Ask {issuer} to renew it.",
  },
  CERTIFICATE_NOT_YET_VALID: {
    vi: 'Chứng thư số của {name} chỉ có hiệu lực từ ngày {date}: chưa thể ký. Kiểm tra đồng hồ của máy.',
    en: "{name}'s certificate is valid only from {date}: it cannot sign yet. Check the PC's clock.",
  },
  CERTIFICATE_NO_SIGNING_USAGE: {
    vi: 'Chứng thư số của {name} không được cấp cho mục đích ký số (chỉ dùng để mã hóa/xác thực): không thể ký.',
    en: "{name}'s certificate is not issued for signing (encryption/authentication only): it cannot sign.",
  },
  SIGNING_KEY_NOT_FOUND: {
    vi: 'Token không có khóa bí mật đi kèm chứng thư số này: không thể ký. Báo cán bộ CNTT.',
    en: 'The token has no private key for this certificate: it cannot sign. Call the technician.',
  },
  SIGNING_MECHANISM_UNSUPPORTED: {
    vi: 'Token không hỗ trợ thuật toán ký cần thiết (RSA hoặc ECDSA với SHA-256): {detail}.',
    en: 'The token does not support the signing algorithm needed (RSA or ECDSA with SHA-256): {detail}.',
  },
  SIGNED_FILE_NOT_FOUND: { vi: 'Không tìm thấy tệp đã ký số {id}.', en: 'Signed file {id} not found.' },
  PDF_UNREADABLE: { vi: 'Không đọc được tệp PDF: {detail}.', en: 'The PDF cannot be read: {detail}.' },
  TRUSTED_ROOT_INVALID: {
    vi: 'Không đọc được chứng thư gốc (cần dạng PEM "-----BEGIN CERTIFICATE-----").',
    en: 'The root certificate cannot be read (PEM "-----BEGIN CERTIFICATE-----" expected).',
  },
  // Signing the scanned documents of a dossier (main/signing, signing.signScan).
  SCAN_SIGN_NOT_SCANNED: {
    vi: 'Giấy tờ "{document}" chưa được quét nên chưa có gì để ký. Bấm "Quét" ở giấy tờ này trước.',
    en: 'Document "{document}" has not been scanned, so there is nothing to sign. Scan it first.',
  },
  SCAN_SIGN_FILE_CHANGED: {
    vi: 'Không ký: tệp PDF đã lưu của giấy tờ "{document}" bị thiếu hoặc đã bị thay đổi sau khi quét (mã SHA-256 không khớp). Quét lại giấy tờ này rồi ký.',
    en: 'Not signed: the stored PDF of document "{document}" is missing or was altered after scanning (SHA-256 mismatch). Scan it again, then sign.',
  },
  SCAN_SIGN_SUPERSEDED: {
    vi: 'Bản quét của giấy tờ "{document}" vừa được thay bằng bản khác trong lúc ký: chưa có gì được lưu. Hãy ký lại bản quét mới.',
    en: 'The scan of document "{document}" was replaced while signing: nothing was saved. Sign the new scan again.',
  },
  // Scanning paper documents (hardware/scanners, main/scanning).
  SCANNER_NOT_CHOSEN: {
    vi: 'Chưa chọn máy quét. Vào Cài đặt > Máy quét, bấm "Tìm máy quét" rồi chọn máy mặc định.',
    en: 'No scanner chosen. Open Settings > Scanners, search for scanners and choose the default one.',
  },
  SCANNER_NOT_FOUND: {
    vi: 'Không tìm thấy máy quét "{device}". Kiểm tra máy quét đã bật và đã cắm cáp (hoặc cùng mạng với máy tính), rồi bấm "Tìm máy quét".',
    en: 'Scanner "{device}" not found. Check it is on and connected (or on the same network), then search for scanners again.',
  },
  SCANNER_NO_BACKEND: {
    vi: 'Máy tính này chưa có phần mềm điều khiển máy quét ({detail}). Báo cán bộ CNTT cài đặt (Linux: gói sane-utils; Windows: trình điều khiển WIA của hãng).',
    en: 'This PC has no scanner software ({detail}). Ask the technician to install it (Linux: sane-utils; Windows: the maker\'s WIA driver).',
  },
  SCANNER_BUSY: {
    vi: 'Máy quét đang bận (đang quét việc khác hoặc đang khởi động). Chờ một lát rồi bấm "Quét" lại.',
    en: 'The scanner is busy (another job or warming up). Wait a moment and scan again.',
  },
  SCANNER_JAMMED: {
    vi: 'Kẹt giấy trong máy quét. Mở nắp khay nạp, gỡ tờ bị kẹt, đặt lại các tờ chưa quét rồi bấm "Quét"; {pages} trang đã quét vẫn được giữ.',
    en: 'Paper jam. Open the feeder, remove the jammed sheet, reload the sheets not yet scanned and scan again; the {pages} pages scanned are kept.',
  },
  SCANNER_FEEDER_EMPTY: {
    vi: 'Khay nạp giấy đang trống. Đặt giấy vào khay nạp (hoặc chọn quét trên mặt kính) rồi bấm "Quét".',
    en: 'The document feeder is empty. Load the paper (or choose the flatbed) and scan again.',
  },
  SCANNER_COVER_OPEN: {
    vi: 'Nắp máy quét đang mở. Đóng nắp rồi bấm "Quét"; {pages} trang đã quét vẫn được giữ.',
    en: 'The scanner cover is open. Close it and scan again; the {pages} pages scanned are kept.',
  },
  SCANNER_GONE: {
    vi: 'Mất kết nối với máy quét giữa chừng; {pages} trang đã quét vẫn được giữ. Kiểm tra điện, cáp hoặc mạng của máy quét rồi bấm "Quét" để quét tiếp các tờ còn lại.',
    en: 'The scanner disconnected mid-job; the {pages} pages scanned are kept. Check its power, cable or network and scan the remaining sheets.',
  },
  SCANNER_FAILED: {
    vi: 'Máy quét báo lỗi ({detail}); {pages} trang đã quét vẫn được giữ. Tắt rồi bật lại máy quét và quét lại; nếu vẫn lỗi, báo cán bộ CNTT.',
    en: 'The scanner reported an error ({detail}); the {pages} pages scanned are kept. Turn it off and on and scan again; if it persists, call the technician.',
  },
  SCANNER_ACCESS_DENIED: {
    vi: 'Máy tính không được phép dùng máy quét "{device}". Báo cán bộ CNTT cấp quyền (Linux: nhóm scanner).',
    en: 'This PC may not use scanner "{device}". Ask the technician for access (Linux: the scanner group).',
  },
  SCANNER_TIMEOUT: {
    vi: 'Máy quét không phản hồi ({detail}). Kiểm tra máy quét rồi thử lại; {pages} trang đã quét vẫn được giữ.',
    en: 'The scanner does not answer ({detail}). Check it and try again; the {pages} pages scanned are kept.',
  },
  SCANNER_SETTING_UNSUPPORTED: {
    vi: 'Máy quét không hỗ trợ cài đặt này ({detail}). Chọn nguồn giấy, chế độ màu hoặc độ phân giải khác.',
    en: 'The scanner does not support this setting ({detail}). Choose another source, colour mode or resolution.',
  },
  SCANNER_CAPABILITIES_INVALID: {
    vi: 'Máy quét "{device}" báo thông số không dùng được ({detail}). Báo cán bộ CNTT kiểm tra hoặc cập nhật phần mềm của máy quét.',
    en: 'Scanner "{device}" reports unusable capabilities ({detail}). Ask the technician to check or update its firmware or driver.',
  },
  SCAN_BAD_IMAGE: {
    vi: 'Trang {page} nhận từ máy quét bị hỏng ({detail}) nên không được giữ. Quét lại tờ đó.',
    en: 'Page {page} from the scanner is damaged ({detail}) and was not kept. Scan that sheet again.',
  },
  SCAN_PDF_NOT_IMAGE: {
    vi: 'Máy quét gửi về tệp PDF thay vì ảnh nên trạm không ghép được trang. Báo cán bộ CNTT đặt máy quét gửi ảnh JPEG.',
    en: 'The scanner sent a PDF instead of images, so the pages cannot be assembled. Ask the technician to set it to send JPEG images.',
  },
  SCAN_CANCELLED: { vi: 'Đã dừng quét; {pages} trang đã quét vẫn được giữ.', en: 'Scanning stopped; the {pages} pages scanned are kept.' },
  SCAN_SESSION_NOT_FOUND: {
    vi: 'Phiên quét này đã đóng. Bấm "Quét" ở giấy tờ cần quét để mở lại.',
    en: 'This scanning session is closed. Press Scan on the document again.',
  },
  SCAN_PAGE_NOT_FOUND: { vi: 'Không còn trang này trong phiên quét.', en: 'This page is no longer in the scanning session.' },
  SCAN_NO_PAGES: { vi: 'Chưa có trang nào để lưu. Bấm "Quét" để quét giấy tờ.', en: 'No page to save yet. Press Scan first.' },
  SCAN_TOO_MANY_PAGES: {
    vi: 'Một giấy tờ có tối đa {max} trang. Lưu phần đã quét rồi quét tiếp vào giấy tờ khác.',
    en: 'A document holds at most {max} pages. Save what is scanned and continue in another document.',
  },
  SCAN_JOB_RUNNING: {
    vi: 'Máy quét đang quét. Chờ quét xong hoặc bấm "Dừng" trước khi làm việc khác với máy quét.',
    en: 'The scanner is scanning. Wait for it to finish or press Stop first.',
  },
  SCAN_DOCUMENT_UNKNOWN: {
    vi: 'Giấy tờ "{document}" không có trong hồ sơ {code}.',
    en: 'Document "{document}" is not part of dossier {code}.',
  },
  SCAN_STORE_FAILED: {
    vi: 'Không ghi được tệp PDF vào thư mục dữ liệu ({detail}); chưa có gì được lưu và các trang đã quét vẫn được giữ. Kiểm tra ổ đĩa còn chỗ trống rồi lưu lại.',
    en: 'The PDF could not be written to the data folder ({detail}); nothing was saved and the scanned pages are kept. Check the disk has free space and save again.',
  },
  SCAN_FILE_DAMAGED: {
    vi: 'Tệp PDF đã lưu của giấy tờ "{document}" bị thiếu hoặc đã bị thay đổi (mã SHA-256 không khớp). Quét lại giấy tờ này.',
    en: 'The stored PDF of document "{document}" is missing or was altered (SHA-256 mismatch). Scan this document again.',
  },
  INTERNAL: {
    vi: 'Đã xảy ra lỗi không mong muốn. Dữ liệu đã nhập vẫn được giữ; hãy thử lại hoặc báo cán bộ CNTT.',
    en: 'An unexpected error occurred. Your input is kept; try again or call the technician.',
  },
} as const satisfies Record<string, { vi: string; en: string }>;

export type ErrorCode = keyof typeof errorMessages;
export type Language = 'vi' | 'en';
export type ErrorParams = Readonly<Record<string, string | number>>;

export class StationError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    /** The form field the error belongs to (dotted path, e.g. "owner.idNumber"). */
    readonly field?: string,
  ) {
    super(formatError(code, params, 'en'));
    this.name = 'StationError';
  }
}

export function formatError(code: ErrorCode, params: ErrorParams, lang: Language): string {
  const text = errorMessages[code][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
  return text.charAt(0).toUpperCase() + text.slice(1); // a message may start with a field label
}

/** The wire shape of an error, identical on IPC and HTTP. */
export type ErrorPayload = Readonly<{
  code: ErrorCode;
  message: string;
  field?: string;
  params: ErrorParams;
  /** Several field errors at once (a whole form validated). */
  issues?: ReadonlyArray<Readonly<{ code: ErrorCode; message: string; field?: string }>>;
}>;

export function missingCaseError(x: never): Error {
  return new Error(`Unhandled case: ${String(x)}`);
}

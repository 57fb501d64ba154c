import { registerErrors, type Catalogue, type MessageText } from '../core/errors';
import type { ModuleStatus } from '../../hardware/tokens/token';

// Signing with the officer's USB token: tokens, PINs, certificates, signed files.

export const signingErrors = {
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
  PIN_THROTTLED: {
    vi: 'Đã nhập sai mã PIN {failures} lần liên tiếp. Để token không bị khóa, trạm tạm dừng nhận mã PIN: thử lại sau {retryAfterSeconds} giây.',
    en: 'Wrong PIN {failures} times in a row. So that the token does not lock itself, the station pauses PIN entry: try again in {retryAfterSeconds} seconds.',
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
  MODULE_PATH_NOT_ABSOLUTE: {
    vi: 'Đường dẫn thư viện token "{path}" chưa đầy đủ: cần đường dẫn tuyệt đối tới tệp .dll/.so (ví dụ C:\\Program Files\\...\\x.dll hoặc /usr/lib/...so). Chưa có gì thay đổi.',
    en: 'Token library path "{path}" is not complete: give the absolute path of the .dll/.so file. Nothing was changed.',
  },
  MODULE_PATH_ABSENT: {
    vi: 'Không có tệp thư viện token "{path}" trên máy này. Cài phần mềm token của nhà cung cấp rồi thêm lại. Chưa có gì thay đổi.',
    en: 'Token library "{path}" is not on this PC. Install the vendor\'s token software and add it again. Nothing was changed.',
  },
  MODULE_PATH_NOT_FILE: {
    vi: '"{path}" không phải một tệp thư viện (có thể là thư mục). Chọn đúng tệp .dll/.so. Chưa có gì thay đổi.',
    en: '"{path}" is not a library file (perhaps a folder). Choose the .dll/.so file itself. Nothing was changed.',
  },
  MODULE_PATH_WRITABLE: {
    vi: 'Không dùng thư viện token "{path}": mọi tài khoản trên máy đều sửa được tệp này, nên không an toàn để mã PIN đi qua. Cài lại phần mềm token hoặc bỏ quyền ghi chung (chmod o-w). Chưa có gì thay đổi.',
    en: 'Token library "{path}" is refused: every account on this PC can modify it, so the PIN must not pass through it. Reinstall the token software or remove the shared write permission (chmod o-w). Nothing was changed.',
  },
  MODULE_FOLDER_WRITABLE: {
    vi: 'Không dùng thư viện token "{path}": mọi tài khoản trên máy đều ghi được vào thư mục {folder}, nên có thể thay tệp này. Đặt thư viện ở thư mục của phần mềm token. Chưa có gì thay đổi.',
    en: 'Token library "{path}" is refused: every account on this PC can write to its folder {folder}, so the file could be swapped. Keep the library in the token software\'s folder. Nothing was changed.',
  },
  MODULE_PATH_WRONG_ARCHITECTURE: {
    vi: 'Thư viện token "{path}" dành cho kiến trúc {built}, còn trạm chạy {arch}: cần bản {arch} của nhà cung cấp. Chưa có gì thay đổi.',
    en: 'Token library "{path}" is built for {built} and the station runs {arch}: the vendor\'s {arch} version is needed. Nothing was changed.',
  },
  MODULE_PROBE_CRASHED: {
    vi: 'Thư viện token "{path}" làm sập tiến trình thử nạp ({detail}): trạm không dùng thư viện này. Báo nhà cung cấp token. Chưa có gì thay đổi.',
    en: 'Token library "{path}" crashed the trial process ({detail}): the station will not use it. Tell the token vendor. Nothing was changed.',
  },
  MODULE_PROBE_FAILED: {
    vi: 'Không nạp thử được thư viện token "{path}" ({detail}): có thể không phải thư viện PKCS#11 hoặc thiếu phần mềm đi kèm. Chưa có gì thay đổi.',
    en: 'Token library "{path}" could not be loaded on trial ({detail}): perhaps not a PKCS#11 library, or its companion software is missing. Nothing was changed.',
  },
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
} as const satisfies Catalogue;
registerErrors(signingErrors);

declare module '../core/errors' {
  interface ErrorCatalogues {
    signing: typeof signingErrors;
  }
}

/** Why a PKCS#11 library did not load, as the technician reads it. */
export const moduleFailures: Readonly<Record<NonNullable<ModuleStatus['failure']>, MessageText>> = {
  absent: { vi: 'Chưa cài trên máy này (không có tệp).', en: 'Not installed on this PC (no file).' },
  wrong_architecture: {
    vi: 'Tệp dành cho kiến trúc khác (thường là bản 32-bit): cần bản 64-bit của nhà cung cấp.',
    en: 'Built for another architecture (usually 32-bit): the 64-bit version is needed.',
  },
  not_pkcs11: { vi: 'Tệp không phải thư viện PKCS#11.', en: 'Not a PKCS#11 library.' },
  load_failed: { vi: 'Hệ điều hành không nạp được tệp (thiếu thư viện đi kèm hoặc tệp hỏng).', en: 'The system could not load it (missing dependency or damaged file).' },
  init_failed: { vi: 'Thư viện không khởi động được: kiểm tra phần mềm token của nhà cung cấp.', en: "The library failed to initialise: check the vendor's token software." },
  duplicate: { vi: 'Trùng tệp với một mô-đun khác trong danh sách (chỉ nạp một lần).', en: 'Same file as another module in the list (loaded once).' },
};

/** Text written into signatures (the reason a PDF viewer shows), and the status page's words. */
export const signingText = {
  USB_NOT_WATCHED: {
    vi: 'Máy này không báo khi cắm hoặc rút thiết bị USB, nên trạm tự tìm lại token vài giây một lần: cắm token rồi chờ vài giây là thấy. Không cần làm gì thêm.',
    en: 'This PC does not report USB plug-in events, so the station looks for tokens again every few seconds: plug the token in and wait a moment. Nothing else to do.',
  },
  SLIP_REASON: { vi: 'Ký giấy tiếp nhận hồ sơ {code}', en: 'Signing the receipt of dossier {code}' },
  SCAN_REASON: { vi: 'Ký bản quét "{document}" của hồ sơ {code}', en: 'Signing the scan of "{document}" of dossier {code}' },
} as const satisfies Catalogue;

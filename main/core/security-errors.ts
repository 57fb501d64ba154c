// Typed errors of the security building blocks (text safety, officers' passwords, the audit
// chain, the encrypted database). Same shape as StationError in ./errors: a code, parameters and
// the field; each message says what happened and what to do, in Vietnamese and in English.
// Registered with the station's other catalogues (main/messages.ts).

import { formatError, registerErrors, StationError } from './errors';

export const securityErrorMessages = {
  // Text that people type (text-safety.ts).
  TEXT_NUL: {
    vi: 'Nội dung có ký tự rỗng (NUL) ở ký tự thứ {position}: máy in và các hệ thống khác sẽ cắt chữ tại đó. Hãy xóa ô này và gõ lại, không dán từ nơi khác.',
    en: 'The text holds a NUL character at position {position}: printers and other systems would cut it there. Clear the field and type it again rather than pasting.',
  },
  TEXT_BIDI_CONTROL: {
    vi: 'Nội dung có ký tự ẩn đảo chiều chữ ({codePoint}, ký tự thứ {position}): chữ hiển thị khác với nội dung thật. Hãy xóa ô này và gõ lại, không dán từ nơi khác.',
    en: 'The text holds a hidden direction control ({codePoint}, position {position}): what is shown differs from what is stored. Clear the field and type it again rather than pasting.',
  },
  TEXT_CONTROL_CHARACTER: {
    vi: 'Nội dung có ký tự điều khiển không in được ({codePoint}, ký tự thứ {position}). Hãy xóa ô này và gõ lại, không dán từ nơi khác.',
    en: 'The text holds a non-printing control character ({codePoint}, position {position}). Clear the field and type it again rather than pasting.',
  },
  TEXT_LINE_BREAK: {
    vi: 'Ô này chỉ nhận một dòng, nhưng nội dung có ký tự xuống dòng ({codePoint}, ký tự thứ {position}). Hãy gõ trên một dòng.',
    en: 'This field takes one line, but the text holds a line break ({codePoint}, position {position}). Type it on one line.',
  },
  TEXT_INVALID_CHARACTER: {
    vi: 'Nội dung có ký tự không hợp lệ hoặc không in được ({codePoint}, ký tự thứ {position}), thường do chép từ phần mềm khác. Hãy xóa ô này và gõ lại bằng bàn phím.',
    en: 'The text holds an invalid or unprintable character ({codePoint}, position {position}), usually from copying out of another program. Clear the field and type it again.',
  },
  TEXT_TOO_MANY_MARKS: {
    vi: 'Nội dung có quá nhiều dấu chồng lên một chữ (ký tự thứ {position}). Hãy xóa ô này và gõ lại bằng bộ gõ tiếng Việt.',
    en: 'Too many accents are stacked on one letter (position {position}). Clear the field and type it again with a Vietnamese keyboard.',
  },
  URL_TEMPLATE_SCHEME: {
    vi: 'Địa chỉ tra cứu phải bắt đầu bằng https:// (hoặc http://); không dùng javascript:, data:, file: hay loại địa chỉ khác. Ví dụ https://dichvucong.gov.vn/tra-cuu?ma={code}.',
    en: 'The lookup address must start with https:// (or http://); javascript:, data:, file: and other kinds are refused. E.g. https://dichvucong.gov.vn/tra-cuu?ma={code}.',
  },
  URL_TEMPLATE_PLACEHOLDER: {
    vi: 'Địa chỉ tra cứu phải có chỗ {code} (mã hồ sơ) ở phần đường dẫn hoặc tham số, sau tên máy chủ. Ví dụ https://dichvucong.gov.vn/tra-cuu?ma={code}.',
    en: 'The lookup address must hold {code} (the dossier code) in its path or query, after the host name. E.g. https://dichvucong.gov.vn/tra-cuu?ma={code}.',
  },
  URL_TEMPLATE_MALFORMED: {
    vi: 'Địa chỉ tra cứu không hợp lệ: không được có khoảng trắng, ký tự ẩn, tên đăng nhập hay mật khẩu, và phải có tên máy chủ. Hãy nhập lại theo mẫu https://dichvucong.gov.vn/tra-cuu?ma={code}.',
    en: 'The lookup address is not valid: no spaces, hidden characters, user name or password, and a host name is needed. Type it again like https://dichvucong.gov.vn/tra-cuu?ma={code}.',
  },
  PORTAL_URL_HTTPS_REQUIRED: {
    vi: 'Địa chỉ cổng dịch vụ công phải dùng https:// để mật khẩu và dữ liệu công dân được mã hóa trên đường truyền (chỉ máy thử nghiệm 127.0.0.1 hoặc localhost được dùng http://).',
    en: "The portal address must use https:// so that credentials and citizens' data are encrypted in transit (only a test server on 127.0.0.1 or localhost may use http://).",
  },
  PORTAL_URL_MALFORMED: {
    vi: 'Địa chỉ cổng dịch vụ công không hợp lệ (cần dạng https://ten-may-chu/duong-dan, không có khoảng trắng, tên đăng nhập hay mật khẩu trong địa chỉ). Hãy nhập địa chỉ do tỉnh cung cấp.',
    en: 'The portal address is not valid (https://host/path expected, with no spaces, user name or password in it). Enter the address the province gave.',
  },
  DEVICE_ID_UNSAFE: {
    vi: 'Mã thiết bị nhận được không hợp lệ (rỗng, quá dài hoặc có ký tự điều khiển). Bấm "Tìm máy quét" để chọn lại thiết bị.',
    en: 'The device id received is not valid (empty, too long or holding control characters). Search for devices again and choose it.',
  },
  // Officers' passwords (officers/password.ts).
  PASSWORD_TOO_SHORT: { vi: 'Mật khẩu phải có ít nhất {min} ký tự.', en: 'The password needs at least {min} characters.' },
  PASSWORD_TOO_LONG: { vi: 'Mật khẩu dài tối đa {max} ký tự.', en: 'The password has at most {max} characters.' },
  PASSWORD_ALL_DIGITS: {
    vi: 'Mật khẩu không được chỉ gồm chữ số (dễ đoán như ngày sinh, số điện thoại). Hãy thêm chữ cái.',
    en: 'The password cannot be digits only (as guessable as a birth date or a phone number). Add letters.',
  },
  PASSWORD_ONE_CHARACTER: { vi: 'Mật khẩu không được là một ký tự lặp lại.', en: 'The password cannot be one character repeated.' },
  PASSWORD_CONTAINS_USERNAME: {
    vi: 'Mật khẩu không được chứa tên đăng nhập hoặc tên của cán bộ. Hãy chọn mật khẩu khác.',
    en: "The password cannot contain the user name or the officer's name. Choose another one.",
  },
  PASSWORD_TOO_COMMON: {
    vi: 'Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.',
    en: 'This password is too common and easily guessed. Choose another one.',
  },
  PASSWORD_HASH_INVALID: {
    vi: 'Dữ liệu mật khẩu đã lưu của cán bộ bị hỏng nên không kiểm tra được. Báo cán bộ CNTT đặt lại mật khẩu.',
    en: "The officer's stored password data is damaged and cannot be checked. Ask the technician to reset the password.",
  },
  LOGIN_THROTTLED: {
    vi: 'Đã nhập sai {failures} lần liên tiếp. Chờ {seconds} giây rồi thử lại.',
    en: '{failures} wrong attempts in a row. Wait {seconds} seconds and try again.',
  },
  // The audit chain (storage/audit-log.ts, audit-checkpoint.ts).
  AUDIT_OUTSIDE_TRANSACTION: {
    vi: 'Nhật ký thao tác chỉ được ghi cùng giao dịch với thay đổi mà nó ghi lại. Báo cán bộ CNTT (lỗi chương trình).',
    en: 'An audit entry must be written in the same transaction as the change it records. Call the technician (program error).',
  },
  AUDIT_ENTRY_INVALID: {
    vi: 'Mục nhật ký thao tác không hợp lệ ({detail}); chưa có gì được ghi. Báo cán bộ CNTT (lỗi chương trình).',
    en: 'The audit entry is not valid ({detail}); nothing was written. Call the technician (program error).',
  },
  AUDIT_CHECKPOINT_FORGED: {
    vi: 'Tệp mốc kiểm tra nhật ký "{file}" đã bị sửa (dòng {line} sai chữ ký). Không tin được dữ liệu này: báo lãnh đạo và cán bộ CNTT.',
    en: 'The audit checkpoint file "{file}" was altered (line {line} has a wrong seal). Do not trust this data: tell the leader and the technician.',
  },
  // The database encrypted at rest (storage/encryption.ts, database-key.ts).
  DATABASE_KEY_INVALID: {
    vi: 'Khóa mã hóa cơ sở dữ liệu không đúng độ dài (cần 32 byte). Báo cán bộ CNTT (lỗi chương trình).',
    en: 'The database key has the wrong length (32 bytes needed). Call the technician (program error).',
  },
  DATABASE_KEY_WRONG: {
    vi: 'Khóa mã hóa không mở được cơ sở dữ liệu "{file}" (khóa sai hoặc tệp không phải của trạm này). Tệp không bị thay đổi. Báo cán bộ CNTT dùng mã khôi phục.',
    en: 'The key does not open the database "{file}" (wrong key, or a file from another station). The file was not changed. Ask the technician to use the recovery code.',
  },
  DATABASE_NOT_ENCRYPTED: {
    vi: 'Cơ sở dữ liệu "{file}" chưa được mã hóa. Trạm cần mã hóa nó trước khi dùng (chuyển đổi một lần, giữ nguyên dữ liệu).',
    en: 'The database "{file}" is not encrypted yet. The station must encrypt it before use (a one-time conversion that keeps every row).',
  },
  DATABASE_BUSY_DURING_ENCRYPTION: {
    vi: 'Cơ sở dữ liệu "{file}" có dữ liệu mới được ghi trong lúc mã hóa nên chưa chuyển đổi; dữ liệu cũ vẫn nguyên vẹn. Đóng mọi cửa sổ trạm rồi mở lại.',
    en: 'The database "{file}" was written to while being encrypted, so it was not converted; the data is intact. Close every station window and open it again.',
  },
  DATABASE_ENCRYPTION_CHECK_FAILED: {
    vi: 'Bản mã hóa của cơ sở dữ liệu không khớp với bản gốc ({detail}) nên chưa được dùng; dữ liệu gốc vẫn nguyên vẹn. Báo cán bộ CNTT.',
    en: 'The encrypted copy of the database does not match the original ({detail}) and was not used; the original is intact. Call the technician.',
  },
  DATABASE_DAMAGED: {
    vi: 'Cơ sở dữ liệu "{file}" bị hỏng ({detail}) nên chưa mã hóa. Báo cán bộ CNTT khôi phục từ bản sao lưu.',
    en: 'The database "{file}" is damaged ({detail}) and was not encrypted. Ask the technician to restore a backup.',
  },
  KEY_FILE_MISSING: {
    vi: 'Không thấy tệp khóa "{file}" của cơ sở dữ liệu đã mã hóa. Báo cán bộ CNTT chép lại tệp khóa hoặc dùng mã khôi phục.',
    en: 'The key file "{file}" of the encrypted database is missing. Ask the technician to copy it back or use the recovery code.',
  },
  KEY_FILE_EXISTS: {
    vi: 'Đã có tệp khóa "{file}": không tạo khóa mới đè lên (sẽ mất dữ liệu).',
    en: 'The key file "{file}" already exists: a new key would make the data unreadable, so none was made.',
  },
  KEY_FILE_DAMAGED: {
    vi: 'Tệp khóa "{file}" bị hỏng ({detail}). Báo cán bộ CNTT chép lại tệp khóa từ bản sao lưu hoặc dùng mã khôi phục.',
    en: 'The key file "{file}" is damaged ({detail}). Ask the technician to restore it from a backup or use the recovery code.',
  },
  KEY_UNSEAL_FAILED: {
    vi: 'Hệ điều hành không mở được khóa của cơ sở dữ liệu (máy khác hoặc tài khoản Windows khác?). Báo cán bộ CNTT nhập mã khôi phục.',
    en: "The operating system cannot unseal the database key (another PC or another Windows account?). Ask the technician to enter the recovery code.",
  },
  KEY_UNSEALED_REFUSED: {
    vi: 'Máy này không có kho khóa của hệ điều hành nên khóa cơ sở dữ liệu sẽ nằm trên đĩa không được bảo vệ. Trạm không chạy như vậy trừ khi cán bộ CNTT chấp nhận rõ ràng.',
    en: "This PC has no OS keychain, so the database key would lie unprotected on disk. The station refuses to run so unless the technician explicitly accepts it.",
  },
  RECOVERY_CODE_FORMAT: {
    vi: 'Mã khôi phục gồm 25 ký tự (5 nhóm 5 ký tự chữ và số, ví dụ 7KQ2M-…); mã vừa nhập có {length} ký tự dùng được. Kiểm tra lại với tờ mã khôi phục.',
    en: 'A recovery code has 25 characters (5 groups of 5 letters and digits, e.g. 7KQ2M-…); the code typed has {length} usable characters. Check it against the recovery sheet.',
  },
  RECOVERY_CODE_TYPO: {
    vi: 'Mã khôi phục có ký tự gõ nhầm (ký tự kiểm tra cuối không khớp). Kiểm tra lại từng ký tự với tờ mã khôi phục.',
    en: 'The recovery code has a typo (its last, check character does not match). Check each character against the recovery sheet.',
  },
  RECOVERY_CODE_WRONG: {
    vi: 'Mã khôi phục không đúng với cơ sở dữ liệu này. Kiểm tra đúng tờ mã khôi phục của trạm này.',
    en: "The recovery code does not match this database. Check it is this station's recovery sheet.",
  },
} as const satisfies Record<string, { vi: string; en: string }>;

export type SecurityErrorCode = keyof typeof securityErrorMessages;
export type SecurityLanguage = 'vi' | 'en';
export type SecurityErrorParams = Readonly<Record<string, string | number>>;

registerErrors(securityErrorMessages);

declare module './errors' {
  interface ErrorCatalogues {
    security: typeof securityErrorMessages;
  }
}

/** A StationError of the security catalogue; the dispatcher answers it like any other. */
export class SecurityError extends StationError {
  declare readonly code: SecurityErrorCode;
  constructor(code: SecurityErrorCode, params: SecurityErrorParams = {}, field?: string) {
    super(code, params, field);
    this.name = 'SecurityError';
  }

  text(lang: SecurityLanguage): string {
    return formatError(this.code, this.params, lang);
  }
}

/** Fills {placeholders}; a placeholder without a parameter (the literal "{code}") stays as is. */
export function formatSecurityError(code: SecurityErrorCode, params: SecurityErrorParams, lang: SecurityLanguage): string {
  return formatError(code, params, lang);
}

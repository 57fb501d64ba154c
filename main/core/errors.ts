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

// The core's messages: the checks of people's data and of intake forms, and the errors every
// channel can answer. Features keep theirs in main/<feature>/messages.ts.

export type Language = 'vi' | 'en';
export type MessageText = Readonly<{ vi: string; en: string }>;
export type Catalogue = Readonly<Record<string, MessageText>>;

export const coreErrors = {
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
  CHANNEL_UNKNOWN: { vi: 'Yêu cầu không được hỗ trợ: "{channel}".', en: 'Unsupported request: "{channel}".' },
  UNAUTHORIZED: { vi: 'Phiên làm việc không hợp lệ. Hãy mở lại trạm.', en: 'Invalid session. Reopen the station.' },
  LOGIN_REQUIRED: {
    vi: 'Cần đăng nhập trước khi làm việc này. Hãy đăng nhập bằng tài khoản cán bộ của mình.',
    en: 'Log in first: use your own officer account.',
  },
  SESSION_LOCKED: {
    vi: 'Trạm đã khóa vì để lâu không dùng. {name} nhập mật khẩu để mở lại; hồ sơ đang nhập vẫn được giữ.',
    en: 'The station locked after a while unused. {name}, type your password to open it again; the form being typed is kept.',
  },
  ROLE_FORBIDDEN: {
    vi: 'Tài khoản của {name} không có quyền làm việc này. Nhờ cán bộ có quyền (CNTT hoặc lãnh đạo) thực hiện, hoặc đề nghị CNTT cấp quyền.',
    en: "{name}'s account may not do this. Ask an officer who may (technician or leader), or ask the technician for the role.",
  },
  INTERNAL: {
    vi: 'Đã xảy ra lỗi không mong muốn. Dữ liệu đã nhập vẫn được giữ; hãy thử lại hoặc báo cán bộ CNTT.',
    en: 'An unexpected error occurred. Your input is kept; try again or call the technician.',
  },
} as const satisfies Catalogue;

/** How a form field is named in messages ("Vui lòng nhập họ và tên chủ hồ sơ."). */
export const coreLabels = {
  collectorTaxCode: { vi: 'mã số thuế đơn vị thu', en: "the collector's tax code" },
  'owner.fullName': { vi: 'họ và tên chủ hồ sơ', en: "the owner's full name" },
  'owner.idNumber': { vi: 'số định danh cá nhân', en: 'the identity number' },
  'owner.birthDate': { vi: 'ngày sinh', en: 'the date of birth' },
  'owner.phone': { vi: 'số điện thoại', en: 'the phone number' },
  'owner.email': { vi: 'email', en: 'the email' },
  'owner.address': { vi: 'địa chỉ', en: 'the address' },
  'submitter.fullName': { vi: 'họ và tên người nộp', en: "the submitter's full name" },
  'submitter.idNumber': { vi: 'số giấy tờ người nộp', en: "the submitter's identity number" },
  'submitter.phone': { vi: 'số điện thoại người nộp', en: "the submitter's phone" },
  'resultDelivery.address': { vi: 'địa chỉ nhận kết quả', en: 'the delivery address' },
  procedureCode: { vi: 'thủ tục', en: 'the procedure' },
  notes: { vi: 'ghi chú', en: 'the notes' },
  name: { vi: 'tên', en: 'the name' },
  sets: { vi: 'số bộ hồ sơ', en: 'the number of sets' },
  documents: { vi: 'thành phần hồ sơ', en: 'the documents' },
  owner: { vi: 'chủ hồ sơ', en: 'the owner' },
  intakeKey: { vi: 'mã phiên nhập', en: 'the intake key' },
  receivedAt: { vi: 'thời điểm tiếp nhận', en: 'the reception time' },
  date: { vi: 'ngày', en: 'the date' },
  query: { vi: 'nội dung tìm', en: 'the search text' },
  'station.codeFormat': { vi: 'mẫu mã hồ sơ', en: 'the code format' },
  'station.workingHours': { vi: 'giờ làm việc', en: 'the working hours' },
  'station.officerName': { vi: 'tên cán bộ tiếp nhận', en: "the officer's name" },
} as const satisfies Catalogue;

/** The national dossier statuses (TrangThaiHoSo), as a person reads them. */
export const statusNames = {
  1: { vi: 'Mới đăng ký', en: 'Registered' },
  2: { vi: 'Được tiếp nhận', en: 'Received' },
  3: { vi: 'Không được tiếp nhận', en: 'Refused' },
  4: { vi: 'Đang xử lý', en: 'Being processed' },
  5: { vi: 'Yêu cầu bổ sung', en: 'Supplement requested' },
  6: { vi: 'Yêu cầu nghĩa vụ tài chính', en: 'Payment requested' },
  7: { vi: 'Công dân rút hồ sơ', en: 'Withdrawn' },
  8: { vi: 'Dừng xử lý', en: 'Stopped' },
  9: { vi: 'Đã xử lý xong', en: 'Processed' },
  10: { vi: 'Đã trả kết quả', en: 'Result returned' },
} as const satisfies Readonly<Record<number, { vi: string; en: string }>>;

// A refusal of the simulated portal: the HTTP status and the body PROTOCOL.md specifies,
// `{ error: { code, message (Vietnamese), field?, …extra } }`. Thrown inside a transaction it
// also rolls the transaction back, so a refused request leaves nothing behind.

export type ErrorBody = Readonly<{ error: Readonly<{ code: string; message: string; field?: string } & Record<string, unknown>> }>;

export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Readonly<{ field?: string | undefined } & Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'SimError';
  }

  body(): ErrorBody {
    const extra = Object.fromEntries(Object.entries(this.extra).filter(([, v]) => v !== undefined));
    return { error: { code: this.code, message: this.message, ...extra } };
  }
}

export const MESSAGES = {
  TOKEN_INVALID: 'Thiếu hoặc sai mã truy cập (access token). Hãy đăng nhập lại.',
  TOKEN_EXPIRED: 'Mã truy cập đã hết hạn. Hãy đăng nhập lại.',
  INVALID_CLIENT: 'Sai mã ứng dụng hoặc mật khẩu ứng dụng (client_id / client_secret).',
  SERVICE_UNAVAILABLE: 'Cổng dịch vụ công tạm thời không phục vụ được. Hãy thử lại sau.',
  INTERNAL: 'Cổng dịch vụ công gặp lỗi nội bộ. Hãy thử lại sau.',
  NOT_FOUND: 'Không có chức năng này trên cổng dịch vụ công.',
  METHOD_NOT_ALLOWED: 'Phương thức không được hỗ trợ cho địa chỉ này.',
  INVALID_JSON: 'Nội dung yêu cầu không phải JSON hợp lệ.',
  BODY_REQUIRED: 'Thiếu nội dung yêu cầu.',
  PAYLOAD_TOO_LARGE: 'Yêu cầu quá lớn.',
  UNSUPPORTED_MEDIA_TYPE: 'Kiểu nội dung (Content-Type) không được hỗ trợ: cần {type}.',
  IDEMPOTENCY_KEY_REQUIRED: 'Thiếu khóa chống trùng lặp (tiêu đề Idempotency-Key).',
  IDEMPOTENCY_MISMATCH: 'Khóa chống trùng lặp này đã được dùng cho một yêu cầu có nội dung khác.',
  DUPLICATE_CODE: 'Mã hồ sơ "{code}" đã được dùng cho một hồ sơ khác của cơ quan {agency}.',
  DOSSIER_NOT_FOUND: 'Không tìm thấy hồ sơ "{id}" trên cổng dịch vụ công.',
  VERSION_CONFLICT: 'Hồ sơ đã được thay đổi (phiên bản hiện tại {current}, yêu cầu dựa trên phiên bản {given}).',
  IMMUTABLE_FIELD: 'không được thay đổi sau khi hồ sơ đã được tạo.',
  SEQUENCE_EXHAUSTED: 'Đã hết số thứ tự hồ sơ của cơ quan {agency} trong ngày {day}.',
  UPLOAD_NOT_FOUND: 'Không tìm thấy lượt tải tệp "{id}".',
  OFFSET_MISMATCH: 'Vị trí gửi tiếp ({offset}) không khớp với số byte đã nhận ({received}).',
  FILE_TOO_LARGE: 'Tệp vượt quá kích thước cho phép ({max} byte).',
  UPLOAD_TOO_LARGE: 'Dữ liệu gửi vượt quá kích thước đã khai báo của tệp ({size} byte).',
  INCOMPLETE_UPLOAD: 'Chưa nhận đủ dữ liệu của tệp (đã nhận {received}/{size} byte).',
  ATTACHMENT_NOT_FOUND: 'Hồ sơ không có tệp đính kèm "{id}" để thay thế.',
  ATTACHMENT_REPLACED: 'Tệp đính kèm "{id}" đã được thay bằng tệp "{by}"; hãy thay tệp hiện hành của hồ sơ.',
  CHECKSUM_MISMATCH: 'Mã băm SHA-256 của tệp nhận được không khớp với mã đã khai báo. Hãy gửi lại tệp từ đầu.',
  FORCED: 'Lỗi giả lập ({status}).',
  RATING_EXISTS: 'Lượt "{visit}" của hồ sơ đã được đánh giá với nội dung khác; mỗi lượt chỉ có một đánh giá và không sửa được.',
  STATUS_CONFLICT: 'Không ghi nhận được "{event}": trên cổng, hồ sơ đang ở trạng thái {current} ({currentName}), không còn ở trạng thái {given} như trạm đã thấy.',
  CONFIRM_REQUIRES_OVERRIDE: 'SuKien "confirm_status" chỉ được gửi cùng XacNhanXungDot: true (cán bộ đã xác nhận trạng thái của trạm).',
} as const;

export function message(key: keyof typeof MESSAGES, params: Readonly<Record<string, string | number>> = {}): string {
  return MESSAGES[key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

import { registerErrors, type Catalogue, type MessageText } from '../core/errors';
import type { LifecycleRefusalCode } from '../core/lifecycle';
import { LIFECYCLE_REFUSAL_MESSAGES } from '../core/lifecycle-messages';

// The lifecycle feature's messages. The core's refusals of a transition (core/lifecycle-messages.ts)
// are registered under LIFECYCLE_<code> with the core's own wording; their parameters arrive
// already written out in each language ({status_vi}, {status_en}: "Đang xử lý" / "Being
// processed"), because a status, an event or a time is written differently in each.

export type LifecycleRefusalError = `LIFECYCLE_${LifecycleRefusalCode}`;

const perLanguage = (text: string, lang: 'vi' | 'en') => text.replace(/\{(\w+)\}/g, `{$1_${lang}}`);

export const lifecycleRefusalErrors = Object.fromEntries(
  Object.entries(LIFECYCLE_REFUSAL_MESSAGES).map(([code, t]) => [`LIFECYCLE_${code}`, { vi: perLanguage(t.vi, 'vi'), en: perLanguage(t.en, 'en') }]),
) as Readonly<Record<LifecycleRefusalError, MessageText>>;

export const lifecycleOwnErrors = {
  LIFECYCLE_OFFICER_MISSING: {
    vi: 'Chưa xác định được cán bộ thực hiện nên chưa ghi nhận gì. Hãy đăng nhập lại rồi thử lại.',
    en: 'The officer making the change is not known, so nothing was recorded. Log in again and retry.',
  },
  LIFECYCLE_CONFLICT_OPEN: {
    vi: 'Hồ sơ {code} đang có khác biệt với cổng dịch vụ công (trạm: {station}; cổng: {portal}); chưa có gì thay đổi. Hãy xử lý khác biệt ở trang hồ sơ trước.',
    en: 'Dossier {code} disagrees with the portal (station: {station}; portal: {portal}); nothing changed. Decide the disagreement on the dossier page first.',
  },
  LIFECYCLE_FORM_NOT_FOUND: {
    vi: 'Không tìm thấy phiếu số {id}; hãy mở lại hồ sơ.',
    en: 'Form {id} was not found; open the dossier again.',
  },
  LIFECYCLE_FORM_INCOMPLETE: { vi: '{detail_vi}', en: '{detail_en}' },
  LIFECYCLE_FORM_NOT_IN_SET: {
    vi: 'Bộ biểu mẫu đang dùng ({set}) không có {form}; chưa có gì thay đổi. Cán bộ CNTT chọn bộ biểu mẫu theo Thông tư 03/2025/TT-VPCP trong Cài đặt nếu cơ quan áp dụng mẫu này.',
    en: 'The form set in use ({set}) has no {form}; nothing changed. The technician chooses the Circular 03/2025/TT-VPCP forms in Settings if the agency uses it.',
  },
  LIFECYCLE_SIGNER_REQUIRED: {
    vi: 'Vui lòng nhập họ tên người ký văn bản (thủ trưởng hoặc cấp phó); cán bộ CNTT có thể đặt sẵn người ký trong Cài đặt. Chưa có gì thay đổi.',
    en: 'Please enter the name of the person signing the letter (the head or a deputy); the technician may set it in Settings. Nothing changed.',
  },
  LIFECYCLE_CONTACT_PHONE_REQUIRED: {
    vi: 'Chưa có số điện thoại liên hệ để in trên phiếu yêu cầu bổ sung; cán bộ CNTT nhập trong Cài đặt. Chưa có gì thay đổi.',
    en: 'No contact phone to print on the supplement request; the technician enters it in Settings. Nothing changed.',
  },
  LIFECYCLE_APPLICANT_REQUIRED: {
    vi: 'Vui lòng nhập họ tên người nộp hồ sơ: phiếu được lập cho người đó và hồ sơ được tìm lại theo tên hoặc số định danh khi công dân quay lại.',
    en: "Please enter the applicant's name: the form is made out to them and the intake is found again by name or identity number when they come back.",
  },
  LIFECYCLE_APPLICANT_ID_INVALID: {
    vi: 'Số định danh cá nhân "{idNumber}" không hợp lệ (cần đúng 12 chữ số với mã tỉnh đúng); sửa lại hoặc để trống. Chưa có gì thay đổi.',
    en: 'Identity number "{idNumber}" is not valid (12 digits with a real province code); correct it or leave it empty. Nothing changed.',
  },
  LIFECYCLE_REQUEST_NOT_FOUND: {
    vi: 'Không tìm thấy hồ sơ chờ bổ sung số {id}; hãy tìm lại theo tên hoặc số định danh.',
    en: 'Incomplete intake {id} was not found; search again by name or identity number.',
  },
  LIFECYCLE_CONFLICT_NOT_FOUND: {
    vi: 'Không tìm thấy khác biệt số {id} với cổng dịch vụ công; hãy mở lại danh sách.',
    en: 'Disagreement {id} with the portal was not found; open the list again.',
  },
  LIFECYCLE_CONFLICT_ALREADY_RESOLVED: {
    vi: 'Khác biệt này đã được xử lý ({resolution}); không cần làm gì thêm.',
    en: 'This disagreement was already decided ({resolution}); nothing more to do.',
  },
  LIFECYCLE_PERIOD_REVERSED: {
    vi: 'Ngày bắt đầu ({from}) sau ngày kết thúc ({to}); chưa có gì được xuất. Hãy đổi lại hai ngày.',
    en: 'The start date ({from}) is after the end date ({to}); nothing was exported. Swap the two dates.',
  },
  LIFECYCLE_PERIOD_EMPTY: {
    vi: 'Không có hồ sơ nào trong kỳ {period}; chưa có gì được xuất. Hãy chọn kỳ khác.',
    en: 'There is no dossier in {period}; nothing was exported. Choose another period.',
  },
  LIFECYCLE_PERIOD_TOO_LONG: {
    vi: 'Kỳ {period} có {count} hồ sơ, quá nhiều cho một lần in (tối đa {max}); hãy chọn khoảng thời gian ngắn hơn.',
    en: '{period} has {count} dossiers, too many for one printout (at most {max}); choose a shorter period.',
  },
  LIFECYCLE_REPORT_REFUSED: { vi: '{detail_vi}', en: '{detail_en}' },
} as const satisfies Catalogue;

export const lifecycleErrors = { ...lifecycleRefusalErrors, ...lifecycleOwnErrors };
registerErrors(lifecycleErrors);

declare module '../core/errors' {
  interface ErrorCatalogues {
    lifecycleRefusals: typeof lifecycleRefusalErrors;
    lifecycle: typeof lifecycleOwnErrors;
  }
}

// Words that are not errors: the timeline's sentences, conflict explanations.

export const TIMELINE_WORDS = {
  counterRequestSupplement: 'Yêu cầu bổ sung, hoàn thiện hồ sơ trước khi tiếp nhận (Mẫu 02)',
  counterRequestRefusal: 'Từ chối tiếp nhận hồ sơ (Mẫu 03)',
  reception: 'Tiếp nhận hồ sơ, hẹn trả kết quả lúc {appointment}',
  progress: 'Cập nhật từ {unit}',
  stale: 'Cổng dịch vụ công báo lại trạng thái "{status}" (đã qua); không thay đổi hồ sơ',
  conflict: 'Khác biệt với cổng dịch vụ công: cổng báo "{portal}", trạm đang ghi "{station}"',
  acceptPortal: 'Cán bộ chấp nhận trạng thái của cổng dịch vụ công: "{status}"',
  keepStation: 'Cán bộ xác nhận trạng thái của trạm "{status}" với cổng dịch vụ công',
} as const;

export const CONFLICT_EXPLANATIONS = {
  feed: 'Cổng dịch vụ công báo hồ sơ {code} chuyển sang "{portal}" ({portalBy}), nhưng trên trạm hồ sơ đang ở "{station}" và không thể chuyển như vậy. Trạm giữ nguyên hồ sơ. Hãy liên hệ {portalBy} để thống nhất, rồi chọn: giữ trạng thái của trạm (trạm gửi xác nhận lên cổng) hoặc chấp nhận trạng thái của cổng.',
  send: 'Trạm đã ghi nhận "{station}" cho hồ sơ {code}, nhưng cổng dịch vụ công không nhận vì trên cổng hồ sơ đã ở "{portal}" ({portalBy}). Thay đổi của trạm đang được giữ lại, chưa gửi. Hãy liên hệ {portalBy} để thống nhất, rồi chọn: giữ trạng thái của trạm (gửi lại kèm xác nhận của cán bộ) hoặc chấp nhận trạng thái của cổng (bỏ thay đổi của trạm).',
} as const;

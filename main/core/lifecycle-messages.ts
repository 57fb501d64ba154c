// The words for the lifecycle's refusals and warnings (lifecycle.ts), in Vietnamese and English:
// what happened and what to do. Parameters that are times are printed as people write them
// ("09:00 ngày 24/11/2026"), statuses by their national name, events and causes in words.

import {
  DOSSIER_STATUSES,
  isDossierStatus,
  rulesFor,
  type LifecycleEvent,
  type LifecycleRefusalCode,
  type LifecycleWarningCode,
  type Params,
  type TransitionCause,
} from './lifecycle';
import { formatDate } from './format';
import { isValidLocalDateTime } from './time';

type Lang = 'vi' | 'en';
type Text = Readonly<{ vi: string; en: string }>;

export const EVENT_LABELS: Readonly<Record<LifecycleEvent, Text>> = {
  register_online: { vi: 'ghi nhận hồ sơ đăng ký trực tuyến', en: 'record an online registration' },
  receive: { vi: 'tiếp nhận hồ sơ', en: 'receive the dossier' },
  refuse: { vi: 'từ chối tiếp nhận hồ sơ', en: 'refuse the dossier' },
  request_supplement: { vi: 'yêu cầu bổ sung, hoàn thiện hồ sơ', en: 'ask for a supplement' },
  complete_supplement: { vi: 'nhận giấy tờ bổ sung', en: 'receive the supplement' },
  start_processing: { vi: 'chuyển hồ sơ xử lý', en: 'pass the dossier on for processing' },
  request_financial_obligation: { vi: 'yêu cầu thực hiện nghĩa vụ tài chính', en: 'ask for the financial obligation' },
  meet_financial_obligation: { vi: 'ghi nhận đã thực hiện nghĩa vụ tài chính', en: 'record the financial obligation met' },
  withdraw: { vi: 'rút hồ sơ theo yêu cầu của công dân', en: "withdraw the dossier at the citizen's request" },
  stop_processing: { vi: 'dừng xử lý hồ sơ', en: 'stop processing the dossier' },
  finish: { vi: 'ghi nhận đã xử lý xong', en: 'record the dossier as processed' },
  finish_at_counter: { vi: 'giải quyết ngay tại quầy', en: 'handle it at the counter' },
  return_result: { vi: 'trả kết quả', en: 'return the result' },
  apologise: { vi: 'lập phiếu xin lỗi và hẹn lại ngày trả kết quả', en: 'issue an apology with a new date' },
};

export const CAUSE_LABELS: Readonly<Record<TransitionCause, Text>> = {
  counter: { vi: 'tại quầy', en: 'at the counter' },
  feed: { vi: 'từ cổng dịch vụ công (bộ phận xử lý)', en: 'from the portal (the back office)' },
};

export const LIFECYCLE_REFUSAL_MESSAGES: Readonly<Record<LifecycleRefusalCode, Text>> = {
  REQUEST_INVALID: {
    vi: 'Yêu cầu thay đổi trạng thái hồ sơ không đúng dạng; chưa có gì thay đổi. Hãy mở lại hồ sơ rồi thử lại.',
    en: 'The status change request is malformed; nothing changed. Open the dossier again and retry.',
  },
  EVENT_UNKNOWN: {
    vi: 'Thao tác "{event}" không có trong quy trình giải quyết hồ sơ; chưa có gì thay đổi. Báo cán bộ CNTT.',
    en: 'Action "{event}" is not part of the dossier workflow; nothing changed. Call the technician.',
  },
  CAUSE_UNKNOWN: {
    vi: 'Nguồn thay đổi "{cause}" không hợp lệ (chỉ tại quầy hoặc từ cổng dịch vụ công); chưa có gì thay đổi. Báo cán bộ CNTT.',
    en: 'Change source "{cause}" is invalid (the counter or the portal only); nothing changed. Call the technician.',
  },
  STATUS_UNKNOWN: {
    vi: 'Hồ sơ có trạng thái "{status}" không thuộc danh mục trạng thái 1–10; chưa có gì thay đổi. Báo cán bộ CNTT kiểm tra dữ liệu.',
    en: 'The dossier has status "{status}", which is not one of the statuses 1–10; nothing changed. Ask the technician to check the data.',
  },
  TIME_INVALID: {
    vi: 'Thời điểm "{value}" không hợp lệ; chưa có gì thay đổi. Kiểm tra ngày giờ của máy rồi thử lại.',
    en: 'Time "{value}" is not valid; nothing changed. Check the PC\'s date and time and retry.',
  },
  TIME_BEFORE_LAST_CHANGE: {
    vi: 'Thời điểm {at} sớm hơn lần thay đổi gần nhất của hồ sơ ({last}); chưa có gì thay đổi. Kiểm tra ngày giờ của máy rồi thử lại.',
    en: "{at} is earlier than the dossier's last change ({last}); nothing changed. Check the PC's date and time and retry.",
  },
  STATUS_FINAL: {
    vi: 'Hồ sơ đã ở trạng thái "{status}" nên không thể {event} nữa; chưa có gì thay đổi.',
    en: 'The dossier is already "{status}", so you cannot {event} any more; nothing changed.',
  },
  TRANSITION_NOT_ALLOWED: {
    vi: 'Không thể {event} khi hồ sơ đang ở trạng thái "{status}"; chưa có gì thay đổi.',
    en: 'You cannot {event} while the dossier is "{status}"; nothing changed.',
  },
  CAUSE_NOT_ALLOWED: {
    vi: 'Không thể {event} {cause}: việc này chỉ được ghi nhận {allowed}. Chưa có gì thay đổi.',
    en: 'You cannot {event} {cause}: it is recorded only {allowed}. Nothing changed.',
  },
  NOT_COUNTER_PROCESSED: {
    vi: 'Thủ tục này không được giải quyết ngay tại quầy; hãy chuyển hồ sơ cho bộ phận chuyên môn xử lý.',
    en: 'This procedure is not handled at the counter; pass the dossier on to the processing unit.',
  },
  REASON_REQUIRED: {
    vi: 'Vui lòng nhập lý do để {event}: lý do được ghi vào hồ sơ và in trên phiếu giao công dân.',
    en: 'Please enter the reason to {event}: it is recorded and printed on the form given to the citizen.',
  },
  REASON_TOO_LONG: {
    vi: 'Nội dung quá dài (tối đa {max} ký tự); hãy viết ngắn gọn hơn.',
    en: 'The text is too long (at most {max} characters); make it shorter.',
  },
  SUPPLEMENT_ITEMS_REQUIRED: {
    vi: 'Vui lòng ghi ít nhất một giấy tờ hoặc nội dung công dân cần bổ sung, hoàn thiện.',
    en: 'Please list at least one paper or item the citizen must complete.',
  },
  SUPPLEMENT_STATE_MISSING: {
    vi: 'Không tìm thấy thời điểm yêu cầu bổ sung của hồ sơ nên chưa tính lại được ngày hẹn; chưa có gì thay đổi. Báo cán bộ CNTT kiểm tra dữ liệu.',
    en: 'The time the supplement was asked for is missing, so the appointment cannot be recomputed; nothing changed. Ask the technician to check the data.',
  },
  NEW_APPOINTMENT_REQUIRED: {
    vi: 'Vui lòng chọn ngày hẹn trả kết quả mới.',
    en: 'Please choose the new date for the result.',
  },
  NEW_APPOINTMENT_INVALID: {
    vi: 'Ngày hẹn mới "{value}" không hợp lệ; hãy chọn lại.',
    en: 'The new date "{value}" is not valid; choose it again.',
  },
  NEW_APPOINTMENT_NOT_LATER: {
    vi: 'Ngày hẹn mới ({newAt}) phải muộn hơn ngày hẹn hiện tại ({current}); hãy chọn ngày muộn hơn.',
    en: 'The new date ({newAt}) must be later than the current appointment ({current}); choose a later date.',
  },
  NEW_APPOINTMENT_IN_PAST: {
    vi: 'Ngày hẹn mới ({newAt}) không sau thời điểm lập phiếu ({at}); hãy chọn một ngày sắp tới.',
    en: 'The new date ({newAt}) is not after the time of the apology ({at}); choose a date to come.',
  },
  APPOINTMENT_MISSING: {
    vi: 'Hồ sơ chưa có ngày hẹn trả kết quả nên chưa lập được phiếu xin lỗi, hẹn lại; hãy kiểm tra lại hồ sơ.',
    en: 'The dossier has no appointment, so no apology with a new date can be issued; check the dossier.',
  },
  APPOINTMENT_CONTEXT_REQUIRED: {
    vi: 'Chưa tính được ngày hẹn trả kết quả (thiếu lịch làm việc hoặc thời hạn giải quyết của thủ tục); chưa có gì thay đổi. Báo cán bộ CNTT.',
    en: 'The appointment cannot be computed (the working calendar or the processing time is missing); nothing changed. Call the technician.',
  },
  APPOINTMENT_FAILED: {
    vi: 'Không tính được ngày hẹn trả kết quả ({detail}); chưa có gì thay đổi. Kiểm tra thời hạn giải quyết của thủ tục và lịch làm việc.',
    en: 'The appointment cannot be computed ({detail}); nothing changed. Check the processing time and the working calendar.',
  },
  HANDOVER_REQUIRED: {
    vi: 'Vui lòng ghi người nhận kết quả (chủ hồ sơ hoặc người được ủy quyền) và hình thức trả (tại quầy hoặc qua bưu chính).',
    en: 'Please record who takes the result (the owner or an authorised person) and how (at the counter or by post).',
  },
  RECEIVER_NAME_REQUIRED: {
    vi: 'Vui lòng nhập họ tên người được ủy quyền nhận kết quả.',
    en: 'Please enter the name of the authorised person taking the result.',
  },
  RECEIVER_ID_REQUIRED: {
    vi: 'Vui lòng nhập số định danh cá nhân (12 chữ số trên thẻ căn cước) của người được ủy quyền nhận kết quả.',
    en: 'Please enter the identity number (the 12 digits on the identity card) of the authorised person taking the result.',
  },
  RECEIVER_ID_INVALID: {
    vi: 'Số định danh cá nhân của người được ủy quyền ({idNumber}) không hợp lệ: cần đúng 12 chữ số với mã tỉnh đúng. Hãy nhập lại theo thẻ căn cước.',
    en: "The authorised person's identity number ({idNumber}) is not valid: 12 digits with a real province code. Type it again from the card.",
  },
  TRACKING_NUMBER_REQUIRED: {
    vi: 'Vui lòng nhập số hiệu bưu gửi khi trả kết quả qua dịch vụ bưu chính công ích.',
    en: 'Please enter the postal tracking number when the result goes by public postal service.',
  },
  TRACKING_NUMBER_INVALID: {
    vi: 'Số hiệu bưu gửi "{value}" không đúng dạng (6–40 chữ cái, chữ số hoặc gạch nối, ví dụ EE123456785VN); hãy nhập lại.',
    en: 'Tracking number "{value}" is not valid (6–40 letters, digits or dashes, e.g. EE123456785VN); type it again.',
  },
  OFFICER_REQUIRED: {
    vi: 'Chưa có tên cán bộ trả kết quả; hãy đăng nhập hoặc nhập tên cán bộ.',
    en: 'The name of the officer returning the result is missing; log in or enter it.',
  },
};

export const LIFECYCLE_WARNING_MESSAGES: Readonly<Record<LifecycleWarningCode, Text>> = {
  APOLOGY_AFTER_APPOINTMENT: {
    vi: 'Ngày hẹn {appointmentAt} đã qua: phiếu xin lỗi lẽ ra phải gửi trước ngày hẹn. Phiếu vẫn được lập và hồ sơ vẫn tính là trễ hẹn.',
    en: 'The appointment {appointmentAt} has passed: the apology should have gone out before it. It is issued anyway, and the dossier still counts as late.',
  },
  OUT_OF_ORDER: {
    vi: 'Cổng dịch vụ công báo một thay đổi lúc {at}, sớm hơn lần thay đổi gần nhất ({last}); đã ghi nhận theo thứ tự nhận được.',
    en: 'The portal reported a change at {at}, earlier than the last change ({last}); it is recorded in the order received.',
  },
  NEW_APPOINTMENT_NOT_WORKING_DAY: {
    vi: 'Ngày hẹn mới {newAt} không phải ngày làm việc; nên chọn một ngày làm việc.',
    en: 'The new date {newAt} is not a working day; prefer a working day.',
  },
  SUPPLEMENT_ALREADY_LATE: {
    vi: 'Yêu cầu bổ sung đưa ra sau ngày hẹn {appointmentAt}: ngày hẹn không đổi và hồ sơ vẫn trễ hẹn. Hãy lập phiếu xin lỗi và hẹn lại ngày trả kết quả.',
    en: 'The supplement was asked after the appointment {appointmentAt}: the appointment stays and the dossier is still late. Issue an apology with a new date.',
  },
};

/** "09:00 ngày 24/11/2026" / "09:00 on 24/11/2026". */
function formatTime(value: string, lang: Lang): string {
  return `${value.slice(11, 16)} ${lang === 'vi' ? 'ngày' : 'on'} ${formatDate(value.slice(0, 10))}`;
}

function param(key: string, value: string | number, lang: Lang): string {
  if (key === 'status') {
    if (value === 0) return lang === 'vi' ? 'chưa ghi nhận' : 'not recorded';
    if (isDossierStatus(value)) return DOSSIER_STATUSES[value][lang];
  }
  if (key === 'event' && typeof value === 'string' && value in EVENT_LABELS) return EVENT_LABELS[value as LifecycleEvent][lang];
  if (key === 'cause' && (value === 'counter' || value === 'feed')) return CAUSE_LABELS[value][lang];
  if (typeof value === 'string' && isValidLocalDateTime(value)) return formatTime(value, lang);
  return String(value);
}

function fill(template: string, params: Params, lang: Lang): string {
  const text = template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    return value === undefined ? whole : param(key, value, lang);
  });
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The words of a refusal from checkTransition. */
export function formatLifecycleRefusal(r: Readonly<{ code: LifecycleRefusalCode; params: Params }>, lang: Lang): string {
  let params = r.params;
  if (r.code === 'CAUSE_NOT_ALLOWED' && typeof params.event === 'string' && params.event in EVENT_LABELS) {
    const causes = new Set(rulesFor(params.event as LifecycleEvent).flatMap((x) => x.causes));
    const allowed = [...causes].map((c) => CAUSE_LABELS[c][lang]).join(lang === 'vi' ? ' hoặc ' : ' or ');
    params = { ...params, allowed };
  }
  return fill(LIFECYCLE_REFUSAL_MESSAGES[r.code][lang], params, lang);
}

/** The words of a warning of an allowed transition. */
export function formatLifecycleWarning(w: Readonly<{ code: LifecycleWarningCode; params: Params }>, lang: Lang): string {
  return fill(LIFECYCLE_WARNING_MESSAGES[w.code][lang], w.params, lang);
}

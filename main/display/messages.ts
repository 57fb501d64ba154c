import { fillTemplate, registerErrors, type Catalogue, type ErrorParams, type Language } from '../core/errors';

// The screen facing the citizen: what it says to the citizen (addressed as "Ông/Bà", as the
// counter speaks), and the refusals around a rating. A rating is the citizen's own: given once
// per visit, on the display, and never changed by an officer.

export const displayErrors = {
  RATING_VISIT_UNKNOWN: {
    vi: 'Không tìm thấy lượt đánh giá này. Nếu Ông/Bà muốn đánh giá, đề nghị cán bộ mở lại phần đánh giá.',
    en: 'This rating request was not found. If you wish to rate, ask the officer to open the rating again.',
  },
  RATING_ALREADY_GIVEN: {
    vi: 'Lượt {moment} của hồ sơ {code} đã được đánh giá. Mỗi lượt chỉ đánh giá một lần và không ai sửa được đánh giá đã gửi.',
    en: 'The {moment} of dossier {code} has already been rated. Each visit is rated once, and a rating given cannot be changed by anyone.',
  },
  RATING_VISIT_CLOSED: {
    vi: 'Phần đánh giá này đã đóng (cán bộ đã chuyển sang việc khác hoặc đã hết thời gian chờ). Nếu Ông/Bà muốn đánh giá, đề nghị cán bộ mở lại.',
    en: 'This rating is closed (the officer moved on, or the time ran out). If you wish to rate, ask the officer to open it again.',
  },
  RATING_DISPLAY_ONLY: {
    vi: 'Chỉ công dân đánh giá, trên màn hình hướng về công dân; cán bộ không nhập hay sửa đánh giá. Bấm "Mời đánh giá" để mời công dân đánh giá.',
    en: 'Only the citizen rates, on the screen facing them; officers neither enter nor change ratings. Press "Ask for a rating" to invite the citizen.',
  },
  DISPLAY_OFFICER_REQUIRED: {
    vi: 'Không rõ cán bộ nào mời đánh giá. Đăng nhập lại rồi bấm "Mời đánh giá".',
    en: 'It is not known which officer asks for the rating. Log in again and ask again.',
  },
} as const satisfies Catalogue;
registerErrors(displayErrors);

declare module '../core/errors' {
  interface ErrorCatalogues {
    display: typeof displayErrors;
  }
}

export const displayText = {
  WELCOME: {
    vi: 'Kính chào Ông/Bà! Thông tin cán bộ nhập cho hồ sơ của Ông/Bà sẽ hiện ở đây để Ông/Bà kiểm tra.',
    en: 'Welcome! The details the officer enters for your dossier appear here for you to check.',
  },
  DETAILS_TITLE: {
    vi: 'Thông tin hồ sơ của Ông/Bà: đề nghị kiểm tra và báo ngay cho cán bộ nếu có sai sót.',
    en: 'Your dossier details: please check them and tell the officer at once if anything is wrong.',
  },
  QUESTION_INTAKE: {
    vi: 'Ông/Bà có hài lòng với việc tiếp nhận hồ sơ hôm nay không?',
    en: 'Are you satisfied with how your dossier was received today?',
  },
  QUESTION_RETURN: {
    vi: 'Ông/Bà có hài lòng với việc trả kết quả hôm nay không?',
    en: 'Are you satisfied with how your result was handed over today?',
  },
  SCORE_4: { vi: 'Rất hài lòng', en: 'Very satisfied' },
  SCORE_3: { vi: 'Hài lòng', en: 'Satisfied' },
  SCORE_2: { vi: 'Bình thường', en: 'Acceptable' },
  SCORE_1: { vi: 'Không hài lòng', en: 'Dissatisfied' },
  COMMENT_PROMPT: { vi: 'Góp ý thêm (không bắt buộc)', en: 'Any comment (optional)' },
  THANKS: {
    vi: 'Cảm ơn Ông/Bà đã đánh giá! Ý kiến của Ông/Bà giúp chúng tôi phục vụ tốt hơn.',
    en: 'Thank you for your rating! It helps us serve you better.',
  },
  SAVED: { vi: 'Đã ghi nhận đánh giá "{label}". Cảm ơn Ông/Bà!', en: 'Your rating "{label}" is recorded. Thank you!' },
  MOMENT_INTAKE: { vi: 'tiếp nhận', en: 'intake' },
  MOMENT_RETURN: { vi: 'trả kết quả', en: 'return of the result' },
} as const satisfies Catalogue;

export function displayMessage(key: keyof typeof displayText, params: ErrorParams, lang: Language): string {
  return fillTemplate(displayText[key][lang], params);
}

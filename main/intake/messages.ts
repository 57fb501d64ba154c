import { registerErrors, type Catalogue } from '../core/errors';

// The intake feature's messages: receiving a dossier, its code, printing its slip.

export const intakeErrors = {
  CODE_SEQUENCE_EXHAUSTED: {
    vi: 'Đã hết số thứ tự hồ sơ trong ngày ({max}). Liên hệ cán bộ CNTT để đổi mẫu mã hồ sơ.',
    en: 'Dossier numbers for today are exhausted ({max}). Ask the technician to change the code format.',
  },
  INTAKE_KEY_CONFLICT: {
    vi: 'Biểu mẫu này đã được tiếp nhận thành hồ sơ {code} với nội dung khác: chưa lưu gì thêm. So sánh hai bản rồi chọn giữ bản đã lưu hoặc lưu thành hồ sơ mới.',
    en: 'This form was already received as dossier {code} with different content: nothing more was saved. Compare the two versions, then keep the saved one or save as a new dossier.',
  },
  PRINT_FAILED: { vi: 'Không in được: {reason}', en: 'Printing failed: {reason}' },
} as const satisfies Catalogue;
registerErrors(intakeErrors);

declare module '../core/errors' {
  interface ErrorCatalogues {
    intake: typeof intakeErrors;
  }
}

// The template sets of the one-stop forms: their numbers and titles, by regulation.
//
// - Circular 01/2018/TT-VPCP (guiding Decree 61/2018/NĐ-CP): Mẫu 01 receipt and appointment
//   slip, 02 supplement request, 03 refusal, 04 apology with a new date, 05 processing control
//   sheet, 06 log book.
// - Circular 03/2025/TT-VPCP (guiding Decree 118/2025/NĐ-CP), Annex I: the same forms
//   renumbered, the apology becoming a letter that also asks for more time, and a new notice
//   that processing has stopped (Mẫu 05), so the control sheet is 06 and the log book 07.
//
// An agency switches sets in its settings; each form takes its number and title from here.
// The result handover note has no number in either set: agencies use their own.

import type { LifecycleForm } from '../core/lifecycle';

export type FormKind = LifecycleForm | 'log_book';

export type FormSetId = 'tt01-2018' | 'tt03-2025';

export type FormTemplate = Readonly<{
  kind: FormKind;
  /** "02"; absent for a form the regulation does not number. */
  number?: string;
  /** The title printed on the form, in capitals. */
  title: string;
}>;

export type FormSet = Readonly<{
  id: FormSetId;
  /** "Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ" */
  circular: string;
  /** The short reference "01/2018/TT-VPCP". */
  circularShort: string;
  /** The decree the circular guides, cited on refusals and notices. */
  decree: string;
  forms: Readonly<Partial<Record<FormKind, FormTemplate>>>;
}>;

const HANDOVER: FormTemplate = { kind: 'result_handover', title: 'PHIẾU GIAO NHẬN KẾT QUẢ GIẢI QUYẾT HỒ SƠ' };

export const FORM_SETS: Readonly<Record<FormSetId, FormSet>> = {
  'tt01-2018': {
    id: 'tt01-2018',
    circular: 'Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ',
    circularShort: '01/2018/TT-VPCP',
    decree: 'Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ',
    forms: {
      receipt_slip: { kind: 'receipt_slip', number: '01', title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' },
      supplement_request: { kind: 'supplement_request', number: '02', title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ' },
      refusal: { kind: 'refusal', number: '03', title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ' },
      apology: { kind: 'apology', number: '04', title: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ' },
      processing_control: { kind: 'processing_control', number: '05', title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ' },
      log_book: { kind: 'log_book', number: '06', title: 'SỔ THEO DÕI HỒ SƠ' },
      result_handover: HANDOVER,
    },
  },
  'tt03-2025': {
    id: 'tt03-2025',
    circular: 'Thông tư số 03/2025/TT-VPCP ngày 15/9/2025 của Văn phòng Chính phủ',
    circularShort: '03/2025/TT-VPCP',
    decree: 'Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ',
    forms: {
      receipt_slip: { kind: 'receipt_slip', number: '01', title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' },
      supplement_request: { kind: 'supplement_request', number: '02', title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ' },
      refusal: { kind: 'refusal', number: '03', title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ' },
      apology: { kind: 'apology', number: '04', title: 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT' },
      stop_notice: { kind: 'stop_notice', number: '05', title: 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ' },
      processing_control: { kind: 'processing_control', number: '06', title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ' },
      log_book: { kind: 'log_book', number: '07', title: 'SỔ THEO DÕI HỒ SƠ' },
      result_handover: HANDOVER,
    },
  },
};

export const FORM_SET_IDS: readonly FormSetId[] = Object.freeze(Object.keys(FORM_SETS) as FormSetId[]);

/** The set agencies start with; the 2025 set once the technician switches. */
export const DEFAULT_FORM_SET: FormSetId = 'tt01-2018';

export function isFormSetId(x: unknown): x is FormSetId {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(FORM_SETS, x);
}

/** The template of a form in a set; undefined when the set has no such form (the stop notice before 2025). */
export function formTemplate(set: FormSetId, kind: FormKind): FormTemplate | undefined {
  return FORM_SETS[set]?.forms[kind];
}

/** "Mẫu số 02 – Thông tư 01/2018/TT-VPCP", the small line at the top of a numbered form. */
export function formNumberLine(set: FormSetId, template: FormTemplate): string | undefined {
  if (template.number === undefined) return undefined;
  return `Mẫu số ${template.number} – Thông tư ${FORM_SETS[set].circularShort}`;
}

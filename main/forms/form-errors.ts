// Typed failures of the printed forms: data a form cannot be laid out from (a missing name, an
// impossible date, a form the agency's set does not have). `buildX` throws FormDataError before
// any layout, listing every problem with its field, so nothing half-made is ever printed; the
// host turns it into the officer's words with `formatFormIssue`.

import { isValidLocalDate, isValidLocalDateTime } from '../core/time';

export type FormIssueCode = 'REQUIRED' | 'DATE_INVALID' | 'DATE_ORDER' | 'NUMBER_INVALID' | 'LIST_EMPTY' | 'FORM_NOT_IN_SET' | 'TOO_MANY_ROWS';

export type FormIssue = Readonly<{
  code: FormIssueCode;
  /** Dotted path of the field in the form's data, e.g. "applicant.fullName". */
  field: string;
  params?: Readonly<Record<string, string | number>>;
}>;

const MESSAGES: Readonly<Record<FormIssueCode, Readonly<{ vi: string; en: string }>>> = {
  REQUIRED: { vi: 'Thiếu "{label}" nên chưa in được {form}. Hãy nhập rồi in lại.', en: '"{label}" is missing, so {form} cannot be printed. Enter it and print again.' },
  DATE_INVALID: { vi: '"{label}" ({value}) không phải ngày giờ hợp lệ nên chưa in được {form}.', en: '"{label}" ({value}) is not a valid date and time, so {form} cannot be printed.' },
  DATE_ORDER: { vi: '"{label}" phải sau {after} nên chưa in được {form}. Kiểm tra lại ngày giờ.', en: '"{label}" must come after {after}, so {form} cannot be printed. Check the dates.' },
  NUMBER_INVALID: { vi: '"{label}" phải là số nguyên không âm nên chưa in được {form}.', en: '"{label}" must be a whole number ≥ 0, so {form} cannot be printed.' },
  LIST_EMPTY: { vi: '{form} cần ít nhất một dòng "{label}". Hãy nhập rồi in lại.', en: '{form} needs at least one "{label}" line. Enter it and print again.' },
  FORM_NOT_IN_SET: {
    vi: 'Bộ biểu mẫu theo {set} không có {form}. Cán bộ CNTT chọn bộ biểu mẫu theo Thông tư 03/2025/TT-VPCP trong Cài đặt nếu cơ quan áp dụng mẫu này.',
    en: 'The forms of {set} have no {form}. The technician chooses the Circular 03/2025/TT-VPCP forms in Settings if the agency uses it.',
  },
  TOO_MANY_ROWS: { vi: '{form} có quá nhiều dòng ({count}, tối đa {max}). Hãy chia khoảng thời gian nhỏ hơn.', en: '{form} has too many lines ({count}, at most {max}). Choose a shorter period.' },
};

export class FormDataError extends Error {
  constructor(
    /** The form's title, as people know it ("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"). */
    readonly form: string,
    readonly issues: readonly FormIssue[],
  ) {
    super(issues.map((i) => formatFormIssue(form, i, 'en')).join(' '));
    this.name = 'FormDataError';
  }
}

export function formatFormIssue(form: string, issue: FormIssue, lang: 'vi' | 'en'): string {
  const params: Record<string, string | number> = { form, label: issue.field, ...issue.params };
  const text = MESSAGES[issue.code][lang].replace(/\{(\w+)\}/g, (whole, k: string) => String(params[k] ?? whole));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Collects the issues of one form's data; `done` throws them all at once. */
export class FormChecks {
  readonly issues: FormIssue[] = [];

  constructor(private readonly form: string) {}

  /** A text that must be there (not only spaces). */
  text(field: string, label: string, value: unknown): void {
    if (typeof value !== 'string' || value.trim() === '') this.issues.push({ code: 'REQUIRED', field, params: { label } });
  }

  /** A "YYYY-MM-DDTHH:mm" that must be a real moment; `optional` lets undefined through. */
  dateTime(field: string, label: string, value: unknown, optional = false): boolean {
    if (optional && value === undefined) return true;
    if (!isLocalDateTime(value)) {
      this.issues.push({ code: 'DATE_INVALID', field, params: { label, value: String(value) } });
      return false;
    }
    return true;
  }

  /** A "YYYY-MM-DD" that must be a real date. */
  date(field: string, label: string, value: unknown): boolean {
    if (!isLocalDate(value)) {
      this.issues.push({ code: 'DATE_INVALID', field, params: { label, value: String(value) } });
      return false;
    }
    return true;
  }

  /** `later` must not come before `earlier` (both already checked). */
  order(field: string, label: string, later: string, earlier: string, afterLabel: string): void {
    if (later < earlier) this.issues.push({ code: 'DATE_ORDER', field, params: { label, after: afterLabel } });
  }

  count(field: string, label: string, value: unknown): void {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) this.issues.push({ code: 'NUMBER_INVALID', field, params: { label } });
  }

  list(field: string, label: string, value: unknown): boolean {
    if (!Array.isArray(value) || value.length === 0) {
      this.issues.push({ code: 'LIST_EMPTY', field, params: { label } });
      return false;
    }
    return true;
  }

  add(issue: FormIssue): void {
    this.issues.push(issue);
  }

  /** Throws FormDataError when any check failed. */
  done(): void {
    if (this.issues.length > 0) throw new FormDataError(this.form, this.issues);
  }
}

function isLocalDateTime(v: unknown): v is string {
  return typeof v === 'string' && isValidLocalDateTime(v);
}

function isLocalDate(v: unknown): v is string {
  return typeof v === 'string' && isValidLocalDate(v);
}

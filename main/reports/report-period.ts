// The period a report covers: a month, a quarter, a year or any range of days, and the typed
// refusals of the reports (a reversed or empty period, counts that do not add up…) with their
// words in Vietnamese and English. Periods are inclusive days in Vietnam time; as times they are
// the half-open range [from 00:00, the day after `to` 00:00), which LocalDateTime strings
// compare correctly against.

import type { LocalDate, LocalDateTime } from '../core/model';
import { addDays, daysInMonth, formatLocalDate, isValidLocalDate } from '../core/time';
import { formatDate } from '../forms/form-layout';

export type ReportPeriod =
  | Readonly<{ kind: 'month'; year: number; month: number }>
  | Readonly<{ kind: 'quarter'; year: number; quarter: number }>
  | Readonly<{ kind: 'year'; year: number }>
  | Readonly<{ kind: 'range'; from: LocalDate; to: LocalDate }>;

export type ResolvedPeriod = Readonly<{
  /** First and last day, inclusive. */
  from: LocalDate;
  to: LocalDate;
  /** The same as times: start ≤ t < endExclusive. */
  start: LocalDateTime;
  endExclusive: LocalDateTime;
  /** "Tháng 11 năm 2026", "Quý IV năm 2026", "Năm 2026", "Từ ngày 01/11/2026 đến ngày 15/11/2026". */
  label: string;
}>;

export type ReportRefusalCode =
  | 'PERIOD_INVALID'
  | 'PERIOD_REVERSED'
  | 'PERIOD_EMPTY'
  | 'ENTRY_INVALID'
  | 'ENTRY_OUTSIDE_PERIOD'
  | 'FACT_INVALID'
  | 'COUNTS_INVALID'
  | 'COUNTS_INCONSISTENT'
  | 'TOO_MANY_LINES';

export type ReportRefusal = Readonly<{ ok: false; code: ReportRefusalCode; params: Readonly<Record<string, string | number>> }>;
export type ReportResult<T> = Readonly<{ ok: true; value: T }> | ReportRefusal;

export const refuse = (code: ReportRefusalCode, params: Readonly<Record<string, string | number>> = {}): ReportRefusal => ({ ok: false, code, params });

const MESSAGES: Readonly<Record<ReportRefusalCode, Readonly<{ vi: string; en: string }>>> = {
  PERIOD_INVALID: {
    vi: 'Kỳ báo cáo không hợp lệ ({detail}); chưa có gì được xuất. Hãy chọn lại tháng, quý, năm hoặc khoảng ngày.',
    en: 'The report period is not valid ({detail}); nothing was exported. Choose the month, quarter, year or dates again.',
  },
  PERIOD_REVERSED: {
    vi: 'Ngày bắt đầu ({from}) sau ngày kết thúc ({to}); chưa có gì được xuất. Hãy đổi lại hai ngày.',
    en: 'The start date ({from}) is after the end date ({to}); nothing was exported. Swap the two dates.',
  },
  PERIOD_EMPTY: {
    vi: 'Không có hồ sơ nào trong kỳ {period}; chưa có gì được xuất. Hãy chọn kỳ khác hoặc kiểm tra sổ theo dõi hồ sơ.',
    en: 'There is no dossier in {period}; nothing was exported. Choose another period or check the log book.',
  },
  ENTRY_INVALID: {
    vi: 'Dòng {line} của sổ theo dõi thiếu hoặc sai "{field}"; chưa có gì được xuất. Báo cán bộ CNTT kiểm tra dữ liệu.',
    en: 'Line {line} of the log book has a missing or wrong "{field}"; nothing was exported. Ask the technician to check the data.',
  },
  ENTRY_OUTSIDE_PERIOD: {
    vi: 'Hồ sơ {code} nhận ngày {receivedAt}, ngoài kỳ {period}; chưa có gì được xuất. Báo cán bộ CNTT kiểm tra dữ liệu.',
    en: 'Dossier {code} was received on {receivedAt}, outside {period}; nothing was exported. Ask the technician to check the data.',
  },
  FACT_INVALID: {
    vi: 'Dữ liệu hồ sơ thứ {index} không dùng được để thống kê ({detail}); chưa có gì được tính. Báo cán bộ CNTT kiểm tra dữ liệu.',
    en: 'Dossier record {index} cannot be counted ({detail}); nothing was counted. Ask the technician to check the data.',
  },
  COUNTS_INVALID: {
    vi: 'Số liệu lĩnh vực "{field}" không hợp lệ ({detail}); chưa có gì được xuất. Báo cán bộ CNTT kiểm tra dữ liệu.',
    en: 'The figures of field "{field}" are not valid ({detail}); nothing was exported. Ask the technician to check the data.',
  },
  COUNTS_INCONSISTENT: {
    vi: 'Số liệu lĩnh vực "{field}" không khớp: nhận giải quyết {received} nhưng đã giải quyết, đang giải quyết, rút và dừng cộng lại là {accounted}; chưa có gì được xuất. Báo cán bộ CNTT kiểm tra dữ liệu.',
    en: 'The figures of field "{field}" do not add up: {received} to handle but {accounted} handled, in progress, withdrawn or stopped; nothing was exported. Ask the technician to check the data.',
  },
  TOO_MANY_LINES: {
    vi: 'Kỳ {period} có {count} hồ sơ, quá nhiều cho một tệp (tối đa {max}); hãy chọn khoảng thời gian ngắn hơn.',
    en: '{period} has {count} dossiers, too many for one file (at most {max}); choose a shorter period.',
  },
};

export function formatReportRefusal(r: Pick<ReportRefusal, 'code' | 'params'>, lang: 'vi' | 'en'): string {
  const text = MESSAGES[r.code][lang].replace(/\{(\w+)\}/g, (whole, k: string) => String(r.params[k] ?? whole));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

function validYear(y: unknown): y is number {
  return typeof y === 'number' && Number.isInteger(y) && y >= 1900 && y <= 9998;
}

/** The days of a period, or PERIOD_INVALID / PERIOD_REVERSED. */
export function resolvePeriod(period: ReportPeriod): ReportResult<ResolvedPeriod> {
  if (typeof period !== 'object' || period === null) return refuse('PERIOD_INVALID', { detail: 'không có kỳ báo cáo' });
  let from: LocalDate;
  let to: LocalDate;
  let label: string;
  switch (period.kind) {
    case 'month': {
      const { year, month } = period;
      if (!validYear(year) || !Number.isInteger(month) || month < 1 || month > 12) {
        return refuse('PERIOD_INVALID', { detail: `tháng ${String(month)} năm ${String(year)}` });
      }
      from = formatLocalDate(year, month, 1);
      to = formatLocalDate(year, month, daysInMonth(year, month));
      label = `Tháng ${month} năm ${year}`;
      break;
    }
    case 'quarter': {
      const { year, quarter } = period;
      if (!validYear(year) || !Number.isInteger(quarter) || quarter < 1 || quarter > 4) {
        return refuse('PERIOD_INVALID', { detail: `quý ${String(quarter)} năm ${String(year)}` });
      }
      const first = (quarter - 1) * 3 + 1;
      from = formatLocalDate(year, first, 1);
      to = formatLocalDate(year, first + 2, daysInMonth(year, first + 2));
      label = `Quý ${ROMAN[quarter - 1] as string} năm ${year}`;
      break;
    }
    case 'year': {
      if (!validYear(period.year)) return refuse('PERIOD_INVALID', { detail: `năm ${String(period.year)}` });
      from = formatLocalDate(period.year, 1, 1);
      to = formatLocalDate(period.year, 12, 31);
      label = `Năm ${period.year}`;
      break;
    }
    case 'range': {
      if (!isValidLocalDate(period.from) || !isValidLocalDate(period.to)) {
        return refuse('PERIOD_INVALID', { detail: `${String(period.from)} – ${String(period.to)}` });
      }
      if (period.from > period.to) {
        return refuse('PERIOD_REVERSED', { from: formatDate(period.from), to: formatDate(period.to) });
      }
      from = period.from;
      to = period.to;
      label = `Từ ngày ${formatDate(from)} đến ngày ${formatDate(to)}`;
      break;
    }
    default: {
      const unknown: never = period;
      return refuse('PERIOD_INVALID', { detail: `loại kỳ ${JSON.stringify((unknown as { kind?: unknown }).kind)}` });
    }
  }
  return { ok: true, value: { from, to, start: `${from}T00:00`, endExclusive: `${addDays(to, 1)}T00:00`, label } };
}

/** "Tháng 11 năm 2026 (từ ngày 01/11/2026 đến ngày 30/11/2026)"; a range is already spelt out. */
export function periodWithDays(p: ResolvedPeriod): string {
  return p.label.startsWith('Từ ngày') ? p.label : `${p.label} (từ ngày ${formatDate(p.from)} đến ngày ${formatDate(p.to)})`;
}

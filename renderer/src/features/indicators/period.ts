import type { INDICATOR_MEASURES } from '../../../../main/contract/lifecycle-channels';
import { addDays, daysInMonth, formatLocalDate, parseLocalDate } from '../../../../main/core/time';

// The periods a leader looks at, from the station's today (never the PC's clock: the station
// answers `now` in Vietnam time).

export const PERIOD_CHOICES = ['this_month', 'last_month', 'this_quarter', 'this_year', 'custom'] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];
export type Period = Readonly<{ from: string; to: string }>;

/** The days of a named period around `today` (yyyy-mm-dd); `custom` keeps what was typed. */
export function periodOf(choice: PeriodChoice, today: string, custom: Period): Period {
  const { year, month } = parseLocalDate(today);
  switch (choice) {
    case 'this_month':
      return { from: formatLocalDate(year, month, 1), to: formatLocalDate(year, month, daysInMonth(year, month)) };
    case 'last_month': {
      const first = addDays(formatLocalDate(year, month, 1), -1);
      const p = parseLocalDate(first);
      return { from: formatLocalDate(p.year, p.month, 1), to: first };
    }
    case 'this_quarter': {
      const start = Math.floor((month - 1) / 3) * 3 + 1;
      return { from: formatLocalDate(year, start, 1), to: formatLocalDate(year, start + 2, daysInMonth(year, start + 2)) };
    }
    case 'this_year':
      return { from: formatLocalDate(year, 1, 1), to: formatLocalDate(year, 12, 31) };
    case 'custom':
      return custom;
    default: {
      const unknown: never = choice;
      throw new Error(`Unknown period ${String(unknown)}`);
    }
  }
}

/** "1,5" style shares for Vietnamese readers: 0.8333 → "83,3 %". */
export function percent(share: number | null, lang: 'vi' | 'en' = 'vi'): string {
  if (share === null) return '—';
  const text = (Math.round(share * 1000) / 10).toFixed(1).replace(/\.0$/, '');
  return `${lang === 'vi' ? text.replace('.', ',') : text} %`;
}

/** Round numbers for a chart's axis: 0, step, 2·step… up to at least `max`. */
export function axisTicks(max: number, wanted = 5): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / wanted;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += Math.max(1, step)) ticks.push(v);
  return ticks;
}

/** What a number of the dashboard counts (each one opens its dossiers), and how it is broken down. */
export type Measure = (typeof INDICATOR_MEASURES)[number];
export type GroupKey = 'procedureCode' | 'field' | 'officer';

// Default public holidays of a solar year (Labour Code 2019, art. 112) and the compensatory days
// that follow holidays falling on a weekend (art. 111(3)).
//
// These are defaults only. Each year the government fixes the exact Tết days, the day next to
// 2/9 and any swapped days by decision, and new holidays can be added by law: the station keeps
// the calendar as a table the technician or the portal edits, seeded from these defaults.
// The current law is applied to every year asked for (the 2/9 adjacent day exists only since
// 2021).

import { dayNumberToLocalDate, dayOfWeekOfDayNumber, formatLocalDate, localDateToDayNumber } from '../time';
import { lunarToSolar } from './lunar';
import type { CalendarDay } from './types';

export const HOLIDAY_NAMES = {
  newYear: 'Tết Dương lịch',
  tet: 'Tết Nguyên Đán',
  hungKings: 'Giỗ Tổ Hùng Vương',
  victoryDay: 'Ngày Chiến thắng',
  labourDay: 'Ngày Quốc tế Lao động',
  nationalDay: 'Quốc khánh',
  nationalDayAdjacent: 'Quốc khánh (ngày liền kề)',
} as const;

export const COMPENSATORY_PREFIX = 'Nghỉ bù ';

/**
 * Default day added next to Quốc khánh 2/9, by the weekday of 2/9 (0 = Sunday). Rule: take the
 * adjacent weekday that joins the two days to a weekend, so the extra day is neither lost to a
 * weekend nor turned into a lone day off. It matches the decisions of 2021–2025:
 * - Sun 2/9 → Mon 3/9 (2/9 itself then gives a compensatory Tue 4/9): Sat–Tue off;
 * - Mon → Tue 3/9 (2024): Sat–Tue;          - Tue → Mon 1/9 (2025): Sat–Tue;
 * - Thu → Fri 3/9 (2021): Thu–Sun;          - Fri → Thu 1/9 (2022): Thu–Sun;
 * - Sat → Fri 1/9 (2023), plus compensatory Mon 4/9: Fri–Mon;
 * - Wed: no choice reaches a weekend; take the eve, Tue 1/9. (For Fri and Sat 2/9 the day after
 *   would give as long a break through compensatory days; the government took the eve both
 *   times, 2022 and 2023, so ties go to the eve.)
 */
const NATIONAL_DAY_ADJACENT_OFFSET: readonly number[] = [+1, +1, -1, -1, +1, -1, -1];

function isWeekendDayNumber(dayNumber: number): boolean {
  const dow = dayOfWeekOfDayNumber(dayNumber);
  return dow === 0 || dow === 6;
}

/** The statutory holidays of solar year `year`, without compensatory days, sorted by date. */
export function defaultHolidays(year: number): CalendarDay[] {
  if (!Number.isInteger(year)) throw new RangeError(`Invalid year ${year}: expected an integer.`);
  const days: CalendarDay[] = [{ date: formatLocalDate(year, 1, 1), kind: 'holiday', name: HOLIDAY_NAMES.newYear }];

  // Tết: the last day of the old lunar year and days 1–4 of month 1 (five days).
  const tet = localDateToDayNumber(lunarToSolar(1, 1, year));
  for (let offset = -1; offset <= 3; offset++) {
    days.push({ date: dayNumberToLocalDate(tet + offset), kind: 'holiday', name: HOLIDAY_NAMES.tet });
  }

  days.push({ date: lunarToSolar(10, 3, year), kind: 'holiday', name: HOLIDAY_NAMES.hungKings });
  days.push({ date: formatLocalDate(year, 4, 30), kind: 'holiday', name: HOLIDAY_NAMES.victoryDay });
  days.push({ date: formatLocalDate(year, 5, 1), kind: 'holiday', name: HOLIDAY_NAMES.labourDay });

  const nationalDay = localDateToDayNumber(formatLocalDate(year, 9, 2));
  const adjacent = nationalDay + (NATIONAL_DAY_ADJACENT_OFFSET[dayOfWeekOfDayNumber(nationalDay)] ?? 1);
  days.push({ date: dayNumberToLocalDate(nationalDay), kind: 'holiday', name: HOLIDAY_NAMES.nationalDay });
  days.push({ date: dayNumberToLocalDate(adjacent), kind: 'holiday', name: HOLIDAY_NAMES.nationalDayAdjacent });

  return sortByDate(days);
}

/**
 * Adds a compensatory day (nghỉ bù) for every holiday on a Saturday or Sunday: the next day that
 * is neither a weekend day, a holiday nor an already given day off. Holidays are handled in date
 * order, so two weekend holidays (Tết over a weekend) give two consecutive compensatory days.
 * Entries of other kinds are kept as they are. Returns a new list sorted by date.
 */
export function withCompensatoryDays(days: readonly CalendarDay[]): CalendarDay[] {
  const taken = new Set<number>();
  for (const d of days) taken.add(localDateToDayNumber(d.date));
  const result: CalendarDay[] = [...days];
  const holidays = sortByDate(days.filter((d) => d.kind === 'holiday'));
  for (const h of holidays) {
    const dayNumber = localDateToDayNumber(h.date);
    if (!isWeekendDayNumber(dayNumber)) continue;
    let candidate = dayNumber + 1;
    while (isWeekendDayNumber(candidate) || taken.has(candidate)) candidate++;
    taken.add(candidate);
    result.push({ date: dayNumberToLocalDate(candidate), kind: 'compensatory', name: COMPENSATORY_PREFIX + h.name });
  }
  return sortByDate(result);
}

/** The default calendar table of solar year `year`: statutory holidays and compensatory days. */
export function defaultCalendarDays(year: number): CalendarDay[] {
  return withCompensatoryDays(defaultHolidays(year));
}

function sortByDate(days: CalendarDay[]): CalendarDay[] {
  // LocalDate strings sort chronologically; the sort is stable for equal dates.
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

// Vietnam wall-clock time. Vietnam keeps UTC+7 all year (no DST), so conversions use a fixed
// offset and pure integer arithmetic: nothing here reads the machine's time zone, and nothing
// builds a Date except the two functions that convert to and from one.
//
// Representations:
// - LocalDate "YYYY-MM-DD" and LocalDateTime "YYYY-MM-DDTHH:mm" (see model.ts). Both compare
//   correctly as strings (`a < b`), because every field is zero-padded and fixed-width.
// - Day number: whole days since 1970-01-01 (that day is 0). Cheap to step and to key maps on.
// - Minute of day: 0..1439.

import type { LocalDate, LocalDateTime } from './model';

export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;
export const MINUTES_PER_DAY = 24 * 60;

/** 0 = Sunday … 6 = Saturday, as `Date.prototype.getDay`. */
export type DayOfWeek = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export type DateParts = Readonly<{ year: number; month: number; day: number }>;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;
const MS_PER_MINUTE = 60_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function validParts(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** True for a real calendar date written "YYYY-MM-DD" (rejects 2023-02-30, 2023-2-1, …). */
export function isValidLocalDate(s: unknown): s is LocalDate {
  if (typeof s !== 'string') return false;
  const m = DATE_RE.exec(s);
  return m !== null && validParts(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** True for "HH:mm" with 00:00 ≤ time ≤ 23:59. */
export function isValidTimeOfDay(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = TIME_RE.exec(s);
  return m !== null && Number(m[1]) <= 23 && Number(m[2]) <= 59;
}

/** True for a real date and time written "YYYY-MM-DDTHH:mm". */
export function isValidLocalDateTime(s: unknown): s is LocalDateTime {
  if (typeof s !== 'string') return false;
  const m = DATE_TIME_RE.exec(s);
  return (
    m !== null &&
    validParts(Number(m[1]), Number(m[2]), Number(m[3])) &&
    Number(m[4]) <= 23 &&
    Number(m[5]) <= 59
  );
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}

/** Splits a LocalDate into numbers; throws RangeError on an invalid date. */
export function parseLocalDate(s: LocalDate): DateParts {
  const m = typeof s === 'string' ? DATE_RE.exec(s) : null;
  const parts = m && { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (!parts || !validParts(parts.year, parts.month, parts.day)) {
    throw new RangeError(`Invalid date ${JSON.stringify(s)}: expected a real date "YYYY-MM-DD".`);
  }
  return parts;
}

/** Builds a LocalDate; throws RangeError if the parts are not a real date. */
export function formatLocalDate(year: number, month: number, day: number): LocalDate {
  if (!validParts(year, month, day)) {
    throw new RangeError(`Invalid date parts ${year}-${month}-${day}.`);
  }
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

/** "HH:mm" → minutes since midnight; throws RangeError otherwise. */
export function parseTimeOfDay(s: string): number {
  if (!isValidTimeOfDay(s)) {
    throw new RangeError(`Invalid time of day ${JSON.stringify(s)}: expected "HH:mm" (00:00–23:59).`);
  }
  return Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
}

/** Minutes since midnight → "HH:mm". Accepts 0..1439. */
export function formatTimeOfDay(minuteOfDay: number): string {
  if (!Number.isInteger(minuteOfDay) || minuteOfDay < 0 || minuteOfDay >= MINUTES_PER_DAY) {
    throw new RangeError(`Invalid minute of day ${minuteOfDay}: expected an integer 0–1439.`);
  }
  return `${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}`;
}

// Day numbers: proleptic Gregorian, after Howard Hinnant's days_from_civil / civil_from_days.

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(dayNumber: number): DateParts {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days since 1970-01-01 (negative before). Throws RangeError on an invalid date. */
export function localDateToDayNumber(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  return daysFromCivil(year, month, day);
}

/** Inverse of localDateToDayNumber. */
export function dayNumberToLocalDate(dayNumber: number): LocalDate {
  if (!Number.isInteger(dayNumber)) throw new RangeError(`Invalid day number ${dayNumber}.`);
  const { year, month, day } = civilFromDays(dayNumber);
  return formatLocalDate(year, month, day);
}

/** Day of week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeekOfDayNumber(dayNumber: number): DayOfWeek {
  return ((((dayNumber + 4) % 7) + 7) % 7) as DayOfWeek;
}

/** Day of week of a LocalDate: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): DayOfWeek {
  return dayOfWeekOfDayNumber(localDateToDayNumber(date));
}

export function addDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`Invalid number of days ${days}: expected an integer.`);
  return dayNumberToLocalDate(localDateToDayNumber(date) + days);
}

/** Splits a LocalDateTime into its date and its minute of day; throws RangeError if invalid. */
export function parseLocalDateTime(s: LocalDateTime): Readonly<{ date: LocalDate; minuteOfDay: number }> {
  if (!isValidLocalDateTime(s)) {
    throw new RangeError(`Invalid date-time ${JSON.stringify(s)}: expected a real "YYYY-MM-DDTHH:mm".`);
  }
  return { date: s.slice(0, 10), minuteOfDay: Number(s.slice(11, 13)) * 60 + Number(s.slice(14, 16)) };
}

/** Joins a date and a time ("HH:mm" or a minute of day) into a LocalDateTime. */
export function joinLocalDateTime(date: LocalDate, time: string | number): LocalDateTime {
  parseLocalDate(date);
  const hhmm = typeof time === 'number' ? formatTimeOfDay(time) : formatTimeOfDay(parseTimeOfDay(time));
  return `${date}T${hhmm}`;
}

/** The date part of a LocalDateTime. */
export function localDateOf(s: LocalDateTime): LocalDate {
  return parseLocalDateTime(s).date;
}

/** The "HH:mm" part of a LocalDateTime. */
export function timeOfDayOf(s: LocalDateTime): string {
  return formatTimeOfDay(parseLocalDateTime(s).minuteOfDay);
}

/** Builds a LocalDateTime from a day number and a minute of day (no validation; internal speed path). */
export function formatDayNumberMinute(dayNumber: number, minuteOfDay: number): LocalDateTime {
  const { year, month, day } = civilFromDays(dayNumber);
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}T${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}`;
}

/**
 * The Vietnam wall-clock minute containing the instant `d`. Seconds are dropped (09:32:59 →
 * 09:32), as a receipt shows hours and minutes.
 */
export function toVietnamLocal(d: Date): LocalDateTime {
  const ms = d instanceof Date ? d.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError('Invalid Date: cannot convert it to Vietnam time.');
  const totalMinutes = Math.floor(ms / MS_PER_MINUTE) + VIETNAM_UTC_OFFSET_MINUTES;
  const dayNumber = Math.floor(totalMinutes / MINUTES_PER_DAY);
  const result = formatDayNumberMinute(dayNumber, totalMinutes - dayNumber * MINUTES_PER_DAY);
  if (!isValidLocalDateTime(result)) throw new RangeError(`Date ${d.toISOString()} is outside years 0001–9999.`);
  return result;
}

/** The instant at which Vietnam's wall clock shows `s` (seconds = 0). */
export function fromVietnamLocal(s: LocalDateTime): Date {
  const { date, minuteOfDay } = parseLocalDateTime(s);
  const minutes = localDateToDayNumber(date) * MINUTES_PER_DAY + minuteOfDay - VIETNAM_UTC_OFFSET_MINUTES;
  return new Date(minutes * MS_PER_MINUTE);
}

/** The day it is in Vietnam at the instant `d` (never the UTC date, which is yesterday before 07:00). */
export function vietnamToday(d: Date): LocalDate {
  return toVietnamLocal(d).slice(0, 10);
}

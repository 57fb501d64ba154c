// Vietnamese lunisolar calendar (âm lịch).
//
// The rules Vietnamese calendars follow:
// - a month starts on the local day (UTC+7) that contains the astronomical new moon;
// - month 11 is the month containing the winter solstice (sun longitude 270°);
// - a year between two month-11s that holds 13 months gets a leap month: the first month, after
//   month 11, during which the sun enters no new 30° sector (no "major solar term");
//   it takes the number of the month before it.
// Using UTC+7 rather than China's UTC+8 is why Tết sometimes differs from Chinese New Year
// (e.g. 1985, 2007, 2030).
//
// Astronomy: new moons by the truncated series of J. Meeus, "Astronomical Algorithms" (ch. 49 in
// the 2nd edition, the lunation-based form), sun's apparent longitude by the low-precision
// formula of ch. 25. The error is a few minutes, well within a day outside rare edge cases; the
// supported range is 1800–2199.
//
// Internally days are Julian Day Numbers (integer JDN, the day of noon), derived from time.ts
// day numbers so nothing depends on Date or the machine's time zone.

import type { LocalDate } from '../model';
import { dayNumberToLocalDate, localDateToDayNumber, parseLocalDate } from '../time';

export type LunarDate = Readonly<{
  day: number;
  month: number;
  /** The lunar year, named by the solar year in which its month 1 starts. */
  year: number;
  /** true in a leap month (tháng nhuận), which repeats the number of the month before it. */
  leap: boolean;
}>;

export const VIETNAM_TIME_ZONE_HOURS = 7;
export const LUNAR_MIN_YEAR = 1800;
export const LUNAR_MAX_YEAR = 2199;

const JDN_OF_DAY_NUMBER_0 = 2440588; // JDN of 1970-01-01
const SYNODIC_MONTH = 29.530588853;
/** Julian date of the new moon taken as lunation k = 0 (1900-01-01 ~13:52 UT). */
const NEW_MOON_EPOCH = 2415021.076998695;
const DEG = Math.PI / 180;
const TZ = VIETNAM_TIME_ZONE_HOURS;

/** Julian date (UT, fractional) of new moon number k counted from January 1900. */
function newMoonJd(k: number): number {
  const T = k / 1236.85; // Julian centuries from 1900-01-0.5
  const T2 = T * T;
  const T3 = T2 * T;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DEG);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  let c = (0.1734 - 0.000393 * T) * Math.sin(M * DEG) + 0.0021 * Math.sin(2 * M * DEG);
  c += -0.4068 * Math.sin(Mpr * DEG) + 0.0161 * Math.sin(2 * Mpr * DEG);
  c += -0.0004 * Math.sin(3 * Mpr * DEG);
  c += 0.0104 * Math.sin(2 * F * DEG) - 0.0051 * Math.sin((M + Mpr) * DEG);
  c += -0.0074 * Math.sin((M - Mpr) * DEG) + 0.0004 * Math.sin((2 * F + M) * DEG);
  c += -0.0004 * Math.sin((2 * F - M) * DEG) - 0.0006 * Math.sin((2 * F + Mpr) * DEG);
  c += 0.001 * Math.sin((2 * F - Mpr) * DEG) + 0.0005 * Math.sin((2 * Mpr + M) * DEG);
  // ΔT (TT − UT) in days: the series gives dynamical time.
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd + c - deltaT;
}

/** JDN of the local (UTC+7) day containing new moon k. */
function newMoonDay(k: number): number {
  return Math.floor(newMoonJd(k) + 0.5 + TZ / 24);
}

/** Sun's apparent longitude in radians [0, 2π) at Julian date `jd` (UT). */
function sunLongitude(jd: number): number {
  const T = (jd - 2451545.0) / 36525; // Julian centuries from J2000.0
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2; // mean anomaly
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2; // mean longitude
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(M * DEG);
  DL += (0.019993 - 0.000101 * T) * Math.sin(2 * M * DEG) + 0.00029 * Math.sin(3 * M * DEG);
  const L = (L0 + DL) * DEG;
  return L - 2 * Math.PI * Math.floor(L / (2 * Math.PI));
}

/** The 30° sector (0–11) the sun is in at the start of local day `jdn`; 9 = from winter solstice. */
function sunSectorAtDayStart(jdn: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - TZ / 24) / Math.PI) * 6);
}

/** JDN of the first day of lunar month 11 that contains the winter solstice of solar year `year`. */
const month11Cache = new Map<number, number>();
function lunarMonth11(year: number): number {
  const cached = month11Cache.get(year);
  if (cached !== undefined) return cached;
  const dec31 = localDateToDayNumber(`${String(year).padStart(4, '0')}-12-31`) + JDN_OF_DAY_NUMBER_0;
  const k = Math.floor((dec31 - 2415021) / SYNODIC_MONTH);
  let start = newMoonDay(k);
  // If the sun has already passed 270° when that month starts, the solstice is in the month before.
  if (sunSectorAtDayStart(start) >= 9) start = newMoonDay(k - 1);
  month11Cache.set(year, start);
  return start;
}

/**
 * For a 13-month period starting at month 11 (`a11`), the offset (in months after a11) of the
 * leap month: the first month with no major solar term, i.e. whose start and the next month's
 * start see the sun in the same sector.
 */
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSectorAtDayStart(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSectorAtDayStart(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

function checkYear(year: number, what: string): void {
  if (!Number.isInteger(year) || year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR) {
    throw new RangeError(`${what} ${year} is outside the supported range ${LUNAR_MIN_YEAR}–${LUNAR_MAX_YEAR}.`);
  }
}

/** The lunar date of a solar date (Vietnamese calendar, UTC+7). */
export function solarToLunar(date: LocalDate): LunarDate {
  const { year: solarYear } = parseLocalDate(date);
  checkYear(solarYear, 'Year');
  const jdn = localDateToDayNumber(date) + JDN_OF_DAY_NUMBER_0;
  const k = Math.floor((jdn - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1);
  if (monthStart > jdn) monthStart = newMoonDay(k);
  let a11 = lunarMonth11(solarYear);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = solarYear;
    a11 = lunarMonth11(solarYear - 1);
  } else {
    year = solarYear + 1;
    b11 = lunarMonth11(solarYear + 1);
  }
  const day = jdn - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29); // whole months since month 11
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { day, month, year, leap };
}

/**
 * The number of the leap month of lunar year `year` (1–12), or null if it has none. A leap
 * month 11 or 12 belongs to the lunar year that it ends.
 */
export function leapMonthOf(year: number): number | null {
  checkYear(year, 'Lunar year');
  const first = lunarMonthStart(1, year, false);
  let k = Math.floor((first - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  // 12 or 13 months follow month 1; look at each month's first day.
  for (let i = 1; i <= 12; i++) {
    k++;
    const lunar = solarToLunar(dayNumberToLocalDate(newMoonDay(k) - JDN_OF_DAY_NUMBER_0));
    if (lunar.year !== year) return null;
    if (lunar.leap) return lunar.month;
  }
  return null;
}

/** The first day of a lunar month, as a JDN; throws RangeError for a leap flag on a non-leap month. */
function lunarMonthStart(month: number, year: number, leap: boolean): number {
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1);
    b11 = lunarMonth11(year);
  } else {
    a11 = lunarMonth11(year);
    b11 = lunarMonth11(year + 1);
  }
  let offset = month - 11;
  if (offset < 0) offset += 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11);
    let leapMonth = leapOffset - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) {
      throw new RangeError(`Lunar year ${year} has no leap month ${month}.`);
    }
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    throw new RangeError(`Lunar year ${year} has no leap month ${month}.`);
  }
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  return newMoonDay(k + offset);
}

/** The solar date of a lunar date; throws RangeError if that lunar date does not exist. */
export function lunarToSolar(day: number, month: number, year: number, leap = false): LocalDate {
  checkYear(year, 'Lunar year');
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Invalid lunar month ${month}: expected 1–12.`);
  }
  if (!Number.isInteger(day) || day < 1 || day > 30) {
    throw new RangeError(`Invalid lunar day ${day}: expected 1–30.`);
  }
  const start = lunarMonthStart(month, year, leap);
  // The month ends where the next new-moon day begins (29 or 30 days).
  const length = newMoonDay(Math.floor((start - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5) + 1) - start;
  if (day > length) {
    throw new RangeError(`Lunar month ${month}${leap ? ' (leap)' : ''} of ${year} has only ${length} days.`);
  }
  return dayNumberToLocalDate(start + day - 1 - JDN_OF_DAY_NUMBER_0);
}

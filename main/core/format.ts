import type { Language } from './messages';
import type { LocalDate, LocalDateTime, ProcessingTime } from './model';
import { dayOfWeek, parseLocalDate, parseLocalDateTime, toVietnamLocal } from './time';

// The one way the station writes dates, times and money for people: dd/mm/yyyy, 24-hour clock,
// Vietnam time whatever the host, the browser or the PC's locale and time zone (nothing here
// uses Intl or toLocale*: Chromium's locale once turned dates into mm/dd/yyyy). The renderer,
// the forms and the features all use these.

const two = (n: number): string => String(n).padStart(2, '0');

const WEEKDAYS: Readonly<Record<Language, readonly string[]>> = {
  vi: ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** "2023-11-03" (or a LocalDateTime: its date) → "03/11/2023". */
export function formatDate(date: LocalDate | LocalDateTime): string {
  const { year, month, day } = parseLocalDate(date.slice(0, 10));
  return `${two(day)}/${two(month)}/${String(year).padStart(4, '0')}`;
}

/** "2023-11-03T09:05" → "09:05". */
export function formatTime(value: LocalDateTime): string {
  const { minuteOfDay } = parseLocalDateTime(value);
  return `${two(Math.floor(minuteOfDay / 60))}:${two(minuteOfDay % 60)}`;
}

/** "2023-11-03T09:05" → "09:05 03/11/2023": lists and tables. */
export function formatDateTime(value: LocalDateTime): string {
  return `${formatTime(value)} ${formatDate(parseLocalDateTime(value).date)}`;
}

/** An instant (ms since 1970) in Vietnam time: "09:05 03/11/2023". */
export function formatInstant(ms: number): string {
  return formatDateTime(toVietnamLocal(new Date(ms)));
}

/** "2023-11-03T09:00" → "09 giờ 00, Thứ Sáu 03/11/2023": an appointment as the officer reads it out. */
export function formatAppointment(value: LocalDateTime, lang: Language = 'vi'): string {
  const { date, minuteOfDay } = parseLocalDateTime(value);
  const hour = two(Math.floor(minuteOfDay / 60));
  const minute = two(minuteOfDay % 60);
  const weekday = WEEKDAYS[lang][dayOfWeek(date)];
  return lang === 'vi' ? `${hour} giờ ${minute}, ${weekday} ${formatDate(date)}` : `${hour}:${minute}, ${weekday} ${formatDate(date)}`;
}

/** "09 giờ 00 phút, ngày 03/11/2023": how a printed form states a time. */
export function formatTimeAndDate(value: LocalDateTime): string {
  const { date, minuteOfDay } = parseLocalDateTime(value);
  return `${two(Math.floor(minuteOfDay / 60))} giờ ${two(minuteOfDay % 60)} phút, ngày ${formatDate(date)}`;
}

/**
 * "ngày 27 tháng 10 năm 2023". As administrative documents write it (Decree 30/2020/NĐ-CP): a
 * day below 10 and the months 1 and 2 take a leading zero, other months do not.
 */
export function formatLongDate(value: LocalDate | LocalDateTime): string {
  const { year, month, day } = parseLocalDate(value.slice(0, 10));
  return `ngày ${two(day)} tháng ${month <= 2 ? two(month) : String(month)} năm ${year}`;
}

/** "Bắc Ninh, ngày 27 tháng 10 năm 2023". */
export function formatPlaceAndDate(placeName: string, value: LocalDate | LocalDateTime): string {
  return `${placeName}, ${formatLongDate(value)}`;
}

const decimal = (n: number): string => String(n).replace('.', ',');

/** "5 ngày làm việc", "4 giờ làm việc", "trong ngày (…)": a procedure's processing time. */
export function formatProcessingTime(time: ProcessingTime, lang: Language = 'vi'): string {
  switch (time.unit) {
    case 'day':
      return lang === 'vi' ? `${decimal(time.amount)} ngày làm việc` : `${time.amount} working days`;
    case 'hour':
      return lang === 'vi' ? `${decimal(time.amount)} giờ làm việc` : `${time.amount} working hours`;
    case 'same_day':
      return lang === 'vi'
        ? `trong ngày (hồ sơ nhận sau ${time.cutoff} được trả trong ngày làm việc tiếp theo)`
        : `same day (received after ${time.cutoff}: the next working day)`;
  }
}

/** 1234000 → "1.234.000 đ" (Vietnamese groups thousands with dots). */
export function formatMoney(vnd: number): string {
  const sign = vnd < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(vnd)));
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
}

/**
 * What an officer types into a date field, as a LocalDate: "23/11/1990", "23.11.1990",
 * "23-11-1990", "23111990", "3/1/1990". Anything else comes back unchanged, for the checks to
 * refuse with a message.
 */
export function parseTypedDate(text: string): string {
  const t = text.trim();
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  if (!m) return t;
  return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

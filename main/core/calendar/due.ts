// Which dossiers need the counter's attention: overdue, due today, due on the next working day.
//
// Each bucket is a half-open range of appointment times [from, toExclusive) written as
// LocalDateTime strings, so the store can ask SQLite `appointment_at >= ? AND appointment_at < ?`
// on its index, and the predicate `dueCategory` is defined by the very same bounds: the list
// on screen and the count in the status bar cannot disagree.
//
// - overdue: the appointment has passed (before `now`). At the appointment minute itself the
//   dossier is still on time ("on or before the appointment").
// - due today: from `now` to the end of today.
// - due next working day: after today up to the end of the next working day, so on a Friday
//   it covers the weekend too (appointments never fall there, but one typed by hand could, and
//   no appointment may fall between two buckets).
// - later: everything after.

import type { LocalDate, LocalDateTime } from '../model';
import { addDays, isValidLocalDateTime, localDateOf } from '../time';
import type { WorkingCalendar } from './working-calendar';

export type DueCategory = 'overdue' | 'due_today' | 'due_next_working_day' | 'later';

export type DueRanges = Readonly<{
  /** The moment the ranges were made for, and its date. */
  now: LocalDateTime;
  today: LocalDate;
  /** The first working day after today. */
  nextWorkingDay: LocalDate;
  overdue: Readonly<{ toExclusive: LocalDateTime }>;
  dueToday: Readonly<{ from: LocalDateTime; toExclusive: LocalDateTime }>;
  dueNextWorkingDay: Readonly<{ from: LocalDateTime; toExclusive: LocalDateTime }>;
  later: Readonly<{ from: LocalDateTime }>;
}>;

/** Longest run of non-working days searched for the next working day (Tết with weekends is ~9). */
const MAX_DAYS_OFF = 366;

/** The first working day strictly after `date`. */
export function nextWorkingDayAfter(calendar: WorkingCalendar, date: LocalDate): LocalDate {
  let d = addDays(date, 1);
  for (let i = 0; i < MAX_DAYS_OFF && !calendar.isWorkingDay(d); i++) d = addDays(d, 1);
  return d;
}

/** The appointment ranges of each bucket at the moment `now`. */
export function dueRanges(calendar: WorkingCalendar, now: LocalDateTime): DueRanges {
  if (!isValidLocalDateTime(now)) throw new RangeError(`Moment ${JSON.stringify(now)} is not a real "YYYY-MM-DDTHH:mm".`);
  const today = localDateOf(now);
  const nextWorkingDay = nextWorkingDayAfter(calendar, today);
  const tomorrowStart = `${addDays(today, 1)}T00:00`;
  const afterNextStart = `${addDays(nextWorkingDay, 1)}T00:00`;
  return {
    now,
    today,
    nextWorkingDay,
    overdue: { toExclusive: now },
    dueToday: { from: now, toExclusive: tomorrowStart },
    dueNextWorkingDay: { from: tomorrowStart, toExclusive: afterNextStart },
    later: { from: afterNextStart },
  };
}

/** The bucket of one appointment, by the bounds of `dueRanges(calendar, now)`. */
export function dueCategory(appointmentAt: LocalDateTime, ranges: DueRanges): DueCategory {
  if (!isValidLocalDateTime(appointmentAt)) {
    throw new RangeError(`Appointment ${JSON.stringify(appointmentAt)} is not a real "YYYY-MM-DDTHH:mm".`);
  }
  if (appointmentAt < ranges.overdue.toExclusive) return 'overdue';
  if (appointmentAt < ranges.dueToday.toExclusive) return 'due_today';
  if (appointmentAt < ranges.dueNextWorkingDay.toExclusive) return 'due_next_working_day';
  return 'later';
}

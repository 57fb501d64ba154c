// How late a dossier is, and whether a finished one was early, on time or late
// (docs/domain.md, "Beyond intake": "on time means finished or returned on or before the
// appointment").
//
// Lateness is counted in working time, as processing time is: a dossier due on Friday at 17:00
// is late all weekend, but it is still "0 working days, 0 hours" late until Monday 07:00. One
// working day is the agency's working minutes per day (8 working hours with the default hours),
// the same unit the appointment was computed with, so "2 ngày làm việc" late means what the
// slip's "2 ngày làm việc" means.

import type { LocalDateTime } from '../model';
import { isValidLocalDateTime } from '../time';
import type { WorkingCalendar } from './working-calendar';

export type Lateness = Readonly<{
  /** The moment is after the appointment (even if no working minute has passed since). */
  late: boolean;
  /** Working minutes from the appointment to the moment; 0 when not late. */
  workingMinutes: number;
  /** The same split into whole working days, whole hours and minutes. */
  workingDays: number;
  workingHours: number;
  minutes: number;
  /** The length of one working day used for the split (the agency's working hours per day). */
  minutesPerDay: number;
}>;

/** early: finished on a date before the appointment's date; on_time: by the appointment; late: after it. */
export type Timeliness = 'early' | 'on_time' | 'late';

function checked(label: string, t: LocalDateTime): LocalDateTime {
  if (!isValidLocalDateTime(t)) {
    throw new RangeError(`${label} ${JSON.stringify(t)} is not a real "YYYY-MM-DDTHH:mm".`);
  }
  return t;
}

/** How late a dossier due at `appointmentAt` is at the moment `at` (zero when it is not late). */
export function latenessAt(calendar: WorkingCalendar, appointmentAt: LocalDateTime, at: LocalDateTime): Lateness {
  checked('Appointment', appointmentAt);
  checked('Moment', at);
  const minutesPerDay = calendar.minutesPerDay;
  if (at <= appointmentAt) {
    return { late: false, workingMinutes: 0, workingDays: 0, workingHours: 0, minutes: 0, minutesPerDay };
  }
  const workingMinutes = calendar.workingMinutesBetween(appointmentAt, at);
  const workingDays = Math.floor(workingMinutes / minutesPerDay);
  const rest = workingMinutes - workingDays * minutesPerDay;
  return {
    late: true,
    workingMinutes,
    workingDays,
    workingHours: Math.floor(rest / 60),
    minutes: rest % 60,
    minutesPerDay,
  };
}

/**
 * Early, on time or late, for a dossier finished (or, when the finishing time is unknown,
 * returned) at `doneAt`. Finished on a date before the appointment's date is early ("trước
 * hạn"); on the appointment's date up to its time, on time ("đúng hạn"); after it, late
 * ("quá hạn"). LocalDateTime strings compare as times, and a date compares below every time of
 * that date, so this is three string comparisons.
 */
export function timeliness(appointmentAt: LocalDateTime, doneAt: LocalDateTime): Timeliness {
  checked('Appointment', appointmentAt);
  checked('Finishing time', doneAt);
  if (doneAt > appointmentAt) return 'late';
  return doneAt < appointmentAt.slice(0, 10) ? 'early' : 'on_time';
}

/**
 * "1 ngày 3 giờ 20 phút làm việc" / "1 working day 3 hours 20 minutes": the parts that are not
 * zero; "dưới 1 phút làm việc" when late by no working time yet (after hours, at the weekend).
 */
export function formatLateness(l: Lateness, lang: 'vi' | 'en'): string {
  const vi = lang === 'vi';
  if (!l.late) return vi ? 'không trễ hẹn' : 'not late';
  const parts: string[] = [];
  if (l.workingDays > 0) parts.push(vi ? `${l.workingDays} ngày` : `${l.workingDays} working day${l.workingDays === 1 ? '' : 's'}`);
  if (l.workingHours > 0) parts.push(vi ? `${l.workingHours} giờ` : `${l.workingHours} hour${l.workingHours === 1 ? '' : 's'}`);
  if (l.minutes > 0) parts.push(vi ? `${l.minutes} phút` : `${l.minutes} minute${l.minutes === 1 ? '' : 's'}`);
  if (parts.length === 0) return vi ? 'trễ hẹn (chưa qua phút làm việc nào)' : 'late (no working time has passed yet)';
  return vi ? `trễ hẹn ${parts.join(' ')} làm việc` : `late by ${parts.join(' ')} of working time`;
}

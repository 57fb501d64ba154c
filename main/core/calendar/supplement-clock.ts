// The appointment of a dossier once the papers asked for in a supplement request (status 5,
// Mẫu 02) are brought back (docs/domain.md, "Beyond intake"). Agencies follow one of two rules:
//
// - `restart`: the processing time counts again, in full, from the moment the complete dossier
//   is received (the appointment is computed as for a new dossier received then);
// - `pause`: the clock stopped when the supplement was requested and resumes, when the papers
//   come, with the working time that was left until the old appointment.
//
// The default is `pause`. A supplement request stops the clock until the citizen completes the
// dossier: the time the dossier spent waiting for the citizen is not the agency's time, but
// the time the agency had already used is not given back either. It is also the safe side of
// a wrong setting: an agency that really restarts and keeps the default sees appointments
// earlier than its rule gives, so dossiers show as due early and someone corrects the setting;
// the opposite mistake would promise citizens later dates and hide late dossiers as on time.
// An agency whose procedures say "thời gian giải quyết được tính lại từ đầu" sets `restart`.
//
// Two edge cases, decided here:
// - A dossier never received (the supplement was asked at the counter before receiving it, or
//   for an online registration) has no clock yet: both rules compute a fresh appointment from
//   the moment the papers come.
// - A request made after the appointment had already passed cannot stop a clock that has run
//   out: with `pause` the old appointment stands and the dossier stays late (it is owed an
//   apology, Mẫu 04); nothing about the supplement makes a late dossier on time.

import type { LocalDateTime, ProcessingTime } from '../model';
import { isValidLocalDateTime } from '../time';
import type { Appointment, WorkingCalendar } from './working-calendar';

export type SupplementClockRule = 'restart' | 'pause';

export const SUPPLEMENT_CLOCK_RULES: readonly SupplementClockRule[] = Object.freeze(['pause', 'restart']);
export const DEFAULT_SUPPLEMENT_CLOCK_RULE: SupplementClockRule = 'pause';

export type SupplementClockInput = Readonly<{
  rule: SupplementClockRule;
  /** The procedure's processing time, as on the slip. */
  processingTime: ProcessingTime;
  /** When the supplement was requested (the clock stopped). */
  requestedAt: LocalDateTime;
  /** When the complete papers were received. */
  completedAt: LocalDateTime;
  /** The appointment in force when the supplement was requested; absent for a dossier never received. */
  appointmentAt?: LocalDateTime;
  /** The agency's rounding of appointment times (WorkingCalendar.computeAppointment). */
  roundingMinutes?: number;
}>;

export type SupplementAppointment = Appointment &
  Readonly<{
    rule: SupplementClockRule;
    /** With `pause`: the working minutes that were left at the request (0 when already late). */
    remainingWorkingMinutes?: number;
    /** With `pause`, a request made after the appointment had passed: the old appointment stands. */
    alreadyLate: boolean;
  }>;

/** The new appointment after a supplement, by the agency's rule. Throws RangeError on bad times. */
export function appointmentAfterSupplement(calendar: WorkingCalendar, input: SupplementClockInput): SupplementAppointment {
  const { rule, processingTime, requestedAt, completedAt, appointmentAt } = input;
  for (const [label, t] of [['requestedAt', requestedAt], ['completedAt', completedAt], ['appointmentAt', appointmentAt ?? requestedAt]] as const) {
    if (!isValidLocalDateTime(t)) throw new RangeError(`${label} ${JSON.stringify(t)} is not a real "YYYY-MM-DDTHH:mm".`);
  }
  if (completedAt < requestedAt) {
    throw new RangeError(`The papers cannot come back (${completedAt}) before they were asked for (${requestedAt}).`);
  }
  const opts = input.roundingMinutes === undefined ? undefined : { roundingMinutes: input.roundingMinutes };
  if (rule === 'restart' || appointmentAt === undefined) {
    return { ...calendar.computeAppointment(completedAt, processingTime, opts), rule, alreadyLate: false };
  }
  if (rule !== 'pause') throw new RangeError(`Unknown supplement clock rule ${JSON.stringify(rule)}.`);
  if (appointmentAt <= requestedAt) {
    return {
      countingFrom: calendar.nextWorkingStart(completedAt),
      appointmentAt,
      rule,
      remainingWorkingMinutes: 0,
      alreadyLate: true,
    };
  }
  const remaining = calendar.workingMinutesBetween(requestedAt, appointmentAt);
  const resumed = calendar.computeAppointment(completedAt, { unit: 'hour', amount: remaining / 60 }, opts);
  return { ...resumed, rule, remainingWorkingMinutes: remaining, alreadyLate: false };
}

import type { z } from 'zod';
import type { dossierLine, latenessView, lifecycleDossier } from '../contract/lifecycle-channels';
import { formatLateness, latenessAt } from '../core/calendar/lateness';
import type { WorkingCalendar } from '../core/calendar/working-calendar';
import { possibleEvents, statusLabel, type LifecycleEvent } from '../core/lifecycle';
import type { LocalDateTime } from '../core/model';
import { isCounterProcessed, stateOf, type LifecycleRecord } from '../storage/lifecycle-store';
import type { LifecycleSettings } from '../contract/lifecycle-channels';

// A dossier's lifecycle record as the screens see it: its dates, how late it is, and the
// counter's actions its status allows.

export type LifecycleDossierView = z.output<typeof lifecycleDossier>;
export type DossierLineView = z.output<typeof dossierLine>;
type LatenessView = z.output<typeof latenessView>;

/** The counter's events that `dossier.transition` takes (receiving and refusing belong to intake). */
export const COUNTER_EVENTS: readonly LifecycleEvent[] = [
  'request_supplement', 'complete_supplement', 'start_processing', 'meet_financial_obligation', 'finish_at_counter', 'finish',
  'withdraw', 'stop_processing', 'return_result', 'apologise',
];

/**
 * How late: a handled dossier against the appointment on the slip at the moment its result was
 * ready (what on-time statistics count); one in the agency's hands against the date in force
 * now; none while the clock is stopped for a supplement, or once withdrawn or stopped.
 */
export function latenessOf(calendar: WorkingCalendar, r: LifecycleRecord, now: LocalDateTime, lang: 'vi' | 'en'): LatenessView | null {
  const handled = r.finishedAt ?? r.returnedAt;
  let l;
  if (handled !== null) l = latenessAt(calendar, r.appointmentAt, handled);
  else if (r.status === 2 || r.status === 4 || r.status === 6) l = latenessAt(calendar, r.dueAt, now);
  else return null;
  return { late: l.late, workingMinutes: l.workingMinutes, workingDays: l.workingDays, workingHours: l.workingHours, minutes: l.minutes, text: formatLateness(l, lang) };
}

export function lifecycleDossierView(
  r: LifecycleRecord,
  o: Readonly<{ calendar: WorkingCalendar; settings: LifecycleSettings; now: LocalDateTime; lang: 'vi' | 'en'; openConflict: boolean }>,
): LifecycleDossierView {
  const counterProcessed = isCounterProcessed(o.settings, r.procedureCode, r.processingTime);
  const events = o.openConflict ? [] : possibleEvents(stateOf(r, counterProcessed), 'counter').filter((e) => COUNTER_EVENTS.includes(e));
  return {
    code: r.code,
    status: r.status,
    statusLabel: statusLabel(r.status, o.lang),
    procedureCode: r.procedureCode,
    procedureName: r.procedureName,
    field: r.field,
    channel: r.channel,
    ownerName: r.ownerName,
    ownerIdNumber: r.ownerIdNumber,
    ownerPhone: r.ownerPhone,
    receivedAt: r.receivedAt,
    appointmentAt: r.appointmentAt,
    rescheduledAt: r.rescheduledAt,
    dueAt: r.dueAt,
    lastChangedAt: r.lastChangedAt,
    supplementRequestedAt: r.status === 5 ? r.supplementRequestedAt : null,
    statusBeforeSupplement: r.status === 5 ? r.statusBeforeSupplement : null,
    finishedAt: r.finishedAt,
    returnedAt: r.returnedAt,
    closedAt: r.closedAt,
    officerName: r.officerName,
    handlerName: r.handlerName,
    returnedTo: r.returnedTo,
    returnNote: r.returnNote,
    counterProcessed,
    digitised: r.digitised,
    signed: r.signed,
    timeliness: r.timeliness,
    lateness: latenessOf(o.calendar, r, o.now, o.lang),
    possibleEvents: [...events],
    openConflict: o.openConflict,
  };
}

export function dossierLineOf(r: LifecycleRecord, calendar: WorkingCalendar, now: LocalDateTime, lang: 'vi' | 'en'): DossierLineView {
  return {
    code: r.code,
    status: r.status,
    procedureCode: r.procedureCode,
    procedureName: r.procedureName,
    field: r.field,
    ownerName: r.ownerName,
    ownerIdNumber: r.ownerIdNumber,
    ownerPhone: r.ownerPhone,
    receivedAt: r.receivedAt,
    appointmentAt: r.appointmentAt,
    rescheduledAt: r.rescheduledAt,
    dueAt: r.dueAt,
    officerName: r.officerName,
    handlerName: r.handlerName,
    finishedAt: r.finishedAt,
    returnedAt: r.returnedAt,
    timeliness: r.timeliness,
    lateness: latenessOf(calendar, r, now, lang),
    resultDelivery: r.resultDelivery,
  };
}

// A dossier's life after intake: the national statuses (TrangThaiHoSo 1–10, docs/domain.md,
// "Statuses and channels"), which changes between them are allowed, who may cause each one,
// what each needs (a reason, a list of papers, a new date, who took the result) and which
// printed form goes with it.
//
// `checkTransition` is pure and never throws: a request that cannot be carried out, or that is
// malformed (it may come straight from IPC or the progress feed), is answered with a typed
// refusal (a code and parameters, turned into words by lifecycle-messages.ts). An allowed one
// comes with the state after it, so the store writes what was checked.
//
// Decisions recorded here:
// - Incomplete papers before reception (at the counter, or an online registration) is status 5
//   from "not recorded" or from 1: the dossier is not received (no receivedAt) and the citizen
//   leaves with Mẫu 02. When the papers come, `complete_supplement` receives it (5 → 2) with a
//   fresh appointment. A supplement asked after reception goes back where it was: 5 → 2 when
//   it was still at the counter, 5 → 4 when it was being processed, with the appointment
//   recomputed by the agency's clock rule (calendar/supplement-clock.ts).
// - An apology (Mẫu 04) does not change the status. Its new date is kept as `rescheduledAt`,
//   the date the counter now works to; `appointmentAt` stays the appointment on the slip, which
//   on-time statistics are measured against: an apology never turns a late dossier on time.
// - An apology issued after the appointment has already passed is allowed (the citizen is owed
//   it all the more) with the warning APOLOGY_AFTER_APPOINTMENT, for the officer to see and for
//   the leader's list of late dossiers. The rule says "before the old appointment"; refusing to
//   print it would only leave the citizen with nothing.
// - The feed (the back office, through the portal) reports what already happened there: a feed
//   event older than the dossier's last change is applied with the warning OUT_OF_ORDER, while
//   the counter may not record an event before the last change.

import { appointmentAfterSupplement, DEFAULT_SUPPLEMENT_CLOCK_RULE, type SupplementClockRule } from './calendar/supplement-clock';
import type { Appointment, WorkingCalendar } from './calendar/working-calendar';
import { StationError } from './errors';
import { checkIdNumber } from './identity';
import type { LocalDateTime, ProcessingTime } from './model';
import { isValidLocalDateTime, localDateOf } from './time';

// ---------------------------------------------------------------------------------------------
// Statuses

export type DossierStatus = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

export const DOSSIER_STATUSES: Readonly<Record<DossierStatus, Readonly<{ vi: string; en: string }>>> = Object.freeze({
  1: { vi: 'Mới đăng ký', en: 'Registered (not yet received)' },
  2: { vi: 'Được tiếp nhận', en: 'Received' },
  3: { vi: 'Không được tiếp nhận', en: 'Refused at reception' },
  4: { vi: 'Đang xử lý', en: 'Being processed' },
  5: { vi: 'Yêu cầu bổ sung giấy tờ', en: 'Supplement requested' },
  6: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Financial obligation requested' },
  7: { vi: 'Công dân yêu cầu rút hồ sơ', en: "Withdrawn at the citizen's request" },
  8: { vi: 'Dừng xử lý', en: 'Processing stopped' },
  9: { vi: 'Đã xử lý xong', en: 'Processed, result ready' },
  10: { vi: 'Đã trả kết quả', en: 'Result returned' },
});

/** Statuses after which nothing more happens to a dossier. */
export const FINAL_STATUSES: ReadonlySet<DossierStatus> = new Set<DossierStatus>([3, 7, 8, 10]);

export function isDossierStatus(x: unknown): x is DossierStatus {
  return typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= 10;
}

/** "2 – Được tiếp nhận"; "chưa ghi nhận" for a dossier not recorded yet. */
export function statusLabel(status: DossierStatus | null, lang: 'vi' | 'en'): string {
  if (status === null) return lang === 'vi' ? 'chưa ghi nhận' : 'not recorded';
  return `${status} – ${DOSSIER_STATUSES[status][lang]}`;
}

// ---------------------------------------------------------------------------------------------
// The transition table

/** counter: the officer at this station; feed: the back office, through the portal's progress feed. */
export type TransitionCause = 'counter' | 'feed';

export type LifecycleEvent =
  | 'register_online'
  | 'receive'
  | 'refuse'
  | 'request_supplement'
  | 'complete_supplement'
  | 'start_processing'
  | 'request_financial_obligation'
  | 'meet_financial_obligation'
  | 'withdraw'
  | 'stop_processing'
  | 'finish'
  | 'finish_at_counter'
  | 'return_result'
  | 'apologise';

export const LIFECYCLE_EVENTS: readonly LifecycleEvent[] = Object.freeze([
  'register_online',
  'receive',
  'refuse',
  'request_supplement',
  'complete_supplement',
  'start_processing',
  'request_financial_obligation',
  'meet_financial_obligation',
  'withdraw',
  'stop_processing',
  'finish',
  'finish_at_counter',
  'return_result',
  'apologise',
]);

/** The printed form that goes with a change; its number and title come from the agency's form set (main/forms/form-sets.ts). */
export type LifecycleForm =
  | 'receipt_slip' // Mẫu 01
  | 'supplement_request' // Mẫu 02
  | 'refusal' // Mẫu 03
  | 'apology' // Mẫu 04
  | 'processing_control' // Mẫu 05 (06 in the 2025 set)
  | 'stop_notice' // only in the Circular 03/2025 set
  | 'result_handover';

/** Extra data a change needs besides its time and cause. */
export type TransitionNeed =
  | 'supplement_items' // the papers to complete (Mẫu 02)
  | 'new_appointment' // the later date promised in the apology (Mẫu 04)
  | 'handover' // who took the result, how, by which officer (status 10)
  | 'appointment_context'; // the calendar, the processing time and the clock rule, to compute the appointment

export type TransitionRule = Readonly<{
  event: LifecycleEvent;
  /** null: the dossier is not recorded yet. */
  from: DossierStatus | null;
  to: DossierStatus;
  causes: readonly TransitionCause[];
  reasonRequired: boolean;
  form?: LifecycleForm;
  needs: readonly TransitionNeed[];
  /** Only for counter-processed procedures (certified copies, same-day civil status). */
  counterProcessedOnly?: boolean;
  /** complete_supplement: which statuses before the supplement lead here. */
  afterSupplementFrom?: readonly (DossierStatus | null)[];
}>;

const both: readonly TransitionCause[] = Object.freeze(['counter', 'feed']);
const counter: readonly TransitionCause[] = Object.freeze(['counter']);
const feed: readonly TransitionCause[] = Object.freeze(['feed']);

const rule = (r: TransitionRule): TransitionRule => Object.freeze(r);

export const TRANSITIONS: readonly TransitionRule[] = Object.freeze([
  rule({ event: 'register_online', from: null, to: 1, causes: feed, reasonRequired: false, needs: [] }),
  rule({ event: 'receive', from: null, to: 2, causes: counter, reasonRequired: false, form: 'receipt_slip', needs: ['appointment_context'] }),
  rule({ event: 'receive', from: 1, to: 2, causes: counter, reasonRequired: false, form: 'receipt_slip', needs: ['appointment_context'] }),
  rule({ event: 'refuse', from: null, to: 3, causes: counter, reasonRequired: true, form: 'refusal', needs: [] }),
  rule({ event: 'refuse', from: 1, to: 3, causes: both, reasonRequired: true, form: 'refusal', needs: [] }),
  rule({ event: 'request_supplement', from: null, to: 5, causes: counter, reasonRequired: true, form: 'supplement_request', needs: ['supplement_items'] }),
  rule({ event: 'request_supplement', from: 1, to: 5, causes: both, reasonRequired: true, form: 'supplement_request', needs: ['supplement_items'] }),
  rule({ event: 'request_supplement', from: 2, to: 5, causes: both, reasonRequired: true, form: 'supplement_request', needs: ['supplement_items'] }),
  rule({ event: 'request_supplement', from: 4, to: 5, causes: feed, reasonRequired: true, form: 'supplement_request', needs: ['supplement_items'] }),
  rule({
    event: 'complete_supplement',
    from: 5,
    to: 2,
    causes: both,
    reasonRequired: false,
    form: 'receipt_slip',
    needs: ['appointment_context'],
    afterSupplementFrom: [null, 1, 2],
  }),
  rule({
    event: 'complete_supplement',
    from: 5,
    to: 4,
    causes: both,
    reasonRequired: false,
    form: 'receipt_slip',
    needs: ['appointment_context'],
    afterSupplementFrom: [4],
  }),
  // The control sheet (Mẫu 05) travels with the paper dossier to the processing unit.
  rule({ event: 'start_processing', from: 2, to: 4, causes: both, reasonRequired: false, form: 'processing_control', needs: [] }),
  rule({ event: 'request_financial_obligation', from: 4, to: 6, causes: feed, reasonRequired: false, needs: [] }),
  rule({ event: 'meet_financial_obligation', from: 6, to: 4, causes: both, reasonRequired: false, needs: [] }),
  ...([1, 2, 4, 5, 6] as const).map((from) =>
    rule({ event: 'withdraw', from, to: 7, causes: both, reasonRequired: true, needs: [] }),
  ),
  ...([2, 4, 5, 6] as const).map((from) =>
    rule({ event: 'stop_processing', from, to: 8, causes: both, reasonRequired: true, form: 'stop_notice', needs: [] }),
  ),
  // A result coming back on paper from a unit not on the portal is recorded at the counter.
  rule({ event: 'finish', from: 4, to: 9, causes: both, reasonRequired: false, needs: [] }),
  rule({ event: 'finish_at_counter', from: 2, to: 9, causes: counter, reasonRequired: false, needs: [], counterProcessedOnly: true }),
  rule({ event: 'return_result', from: 9, to: 10, causes: both, reasonRequired: false, form: 'result_handover', needs: ['handover'] }),
  ...([2, 4, 6] as const).map((from) =>
    rule({ event: 'apologise', from, to: from, causes: both, reasonRequired: true, form: 'apology', needs: ['new_appointment'] }),
  ),
]);

// ---------------------------------------------------------------------------------------------
// Requests, state and answers

/** Who took the result. An authorised person shows their own 12-digit identity number. */
export type ResultReceiver =
  | Readonly<{ kind: 'owner' }>
  | Readonly<{ kind: 'authorised'; fullName: string; idNumber: string; authorisation?: string }>;

export type ResultDeliveryRecord =
  | Readonly<{ method: 'counter' }>
  | Readonly<{ method: 'post'; trackingNumber: string; postalService?: string }>;

export type ResultHandover = Readonly<{
  receiver: ResultReceiver;
  delivery: ResultDeliveryRecord;
  /** The officer who handed the result over. */
  officerName: string;
}>;

/** What the lifecycle needs to know of a dossier (the store keeps these columns). */
export type DossierLifecycleState = Readonly<{
  /** null: not recorded yet. */
  status: DossierStatus | null;
  receivedAt?: LocalDateTime;
  /** The appointment on the slip (or recomputed after a supplement). */
  appointmentAt?: LocalDateTime;
  /** The later date promised by the latest apology (Mẫu 04), if any. */
  rescheduledAt?: LocalDateTime;
  /** When the status last changed. */
  lastChangedAt?: LocalDateTime;
  /** While status 5: the status before the supplement was asked (null: the dossier was not recorded). */
  statusBeforeSupplement?: DossierStatus | null;
  /** While status 5: when the supplement was asked (the clock stopped). */
  supplementRequestedAt?: LocalDateTime;
  finishedAt?: LocalDateTime;
  returnedAt?: LocalDateTime;
  /** The procedure is handled at the counter itself (2 → 9 → 10 without the back office). */
  counterProcessed?: boolean;
}>;

export type TransitionRequest = Readonly<{
  event: LifecycleEvent;
  cause: TransitionCause;
  /** When it happened (Vietnam wall clock). */
  at: LocalDateTime;
  reason?: string;
  /** request_supplement: the papers to complete, one per line of Mẫu 02. */
  supplementItems?: readonly string[];
  /** apologise: the new date promised. */
  newAppointmentAt?: LocalDateTime;
  /** return_result. */
  handover?: ResultHandover;
}>;

/** To compute an appointment (receive, complete_supplement). */
export type AppointmentContext = Readonly<{
  calendar: WorkingCalendar;
  processingTime: ProcessingTime;
  supplementRule?: SupplementClockRule;
  roundingMinutes?: number;
}>;

export type LifecycleRefusalCode =
  | 'REQUEST_INVALID'
  | 'EVENT_UNKNOWN'
  | 'CAUSE_UNKNOWN'
  | 'STATUS_UNKNOWN'
  | 'TIME_INVALID'
  | 'TIME_BEFORE_LAST_CHANGE'
  | 'STATUS_FINAL'
  | 'TRANSITION_NOT_ALLOWED'
  | 'CAUSE_NOT_ALLOWED'
  | 'NOT_COUNTER_PROCESSED'
  | 'REASON_REQUIRED'
  | 'REASON_TOO_LONG'
  | 'SUPPLEMENT_ITEMS_REQUIRED'
  | 'SUPPLEMENT_STATE_MISSING'
  | 'NEW_APPOINTMENT_REQUIRED'
  | 'NEW_APPOINTMENT_INVALID'
  | 'NEW_APPOINTMENT_NOT_LATER'
  | 'NEW_APPOINTMENT_IN_PAST'
  | 'APPOINTMENT_MISSING'
  | 'APPOINTMENT_CONTEXT_REQUIRED'
  | 'APPOINTMENT_FAILED'
  | 'HANDOVER_REQUIRED'
  | 'RECEIVER_NAME_REQUIRED'
  | 'RECEIVER_ID_REQUIRED'
  | 'RECEIVER_ID_INVALID'
  | 'TRACKING_NUMBER_REQUIRED'
  | 'TRACKING_NUMBER_INVALID'
  | 'OFFICER_REQUIRED';

export type LifecycleWarningCode = 'APOLOGY_AFTER_APPOINTMENT' | 'OUT_OF_ORDER' | 'NEW_APPOINTMENT_NOT_WORKING_DAY' | 'SUPPLEMENT_ALREADY_LATE';

export type Params = Readonly<Record<string, string | number>>;

export type LifecycleWarning = Readonly<{ code: LifecycleWarningCode; params: Params }>;

export type TransitionRefused = Readonly<{ ok: false; code: LifecycleRefusalCode; params: Params }>;

export type TransitionAllowed = Readonly<{
  ok: true;
  event: LifecycleEvent;
  cause: TransitionCause;
  from: DossierStatus | null;
  to: DossierStatus;
  /** The form to print, by kind; absent when none goes with the change. */
  form?: LifecycleForm;
  /** The reason, cleaned (NFC, single spaces), when one was given. */
  reason?: string;
  /** The supplement items, cleaned. */
  supplementItems?: readonly string[];
  /** receive / complete_supplement: the appointment computed. */
  appointment?: Appointment;
  warnings: readonly LifecycleWarning[];
  /** The dossier's state after the change. */
  next: DossierLifecycleState;
}>;

export type TransitionResult = TransitionAllowed | TransitionRefused;

export const MAX_REASON_LENGTH = 2000;
const MAX_ITEM_LENGTH = 500;
/** Vietnam Post item numbers (S10: "EE123456785VN") and couriers' own numbers: letters, digits, dashes. */
const TRACKING_RE = /^[A-Z0-9][A-Z0-9-]{5,39}$/;

const CAUSES: ReadonlySet<string> = new Set<TransitionCause>(['counter', 'feed']);
const EVENTS: ReadonlySet<string> = new Set<string>(LIFECYCLE_EVENTS);

const refused = (code: LifecycleRefusalCode, params: Params = {}): TransitionRefused => ({ ok: false, code, params });

function cleanText(s: unknown): string {
  return typeof s === 'string' ? s.normalize('NFC').replace(/\s+/g, ' ').trim() : '';
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The rules for one event, in table order. */
export function rulesFor(event: LifecycleEvent): readonly TransitionRule[] {
  return TRANSITIONS.filter((r) => r.event === event);
}

/** The events that could apply now, for the buttons a screen offers (data checks still apply). */
export function possibleEvents(state: DossierLifecycleState, cause: TransitionCause): readonly LifecycleEvent[] {
  const out: LifecycleEvent[] = [];
  for (const r of TRANSITIONS) {
    if (r.from !== state.status || !r.causes.includes(cause) || out.includes(r.event)) continue;
    if (r.counterProcessedOnly && state.counterProcessed !== true) continue;
    if (r.afterSupplementFrom && !r.afterSupplementFrom.includes(state.statusBeforeSupplement ?? null)) continue;
    out.push(r.event);
  }
  return out;
}

/**
 * The event behind a change of status reported as a pair of statuses (the portal's progress
 * feed carries only the new TrangThaiHoSo): undefined when the table has no such change for
 * that cause. A report of the same status is no change (an apology is asked for by name).
 */
export function eventFor(from: DossierStatus | null, to: DossierStatus, cause: TransitionCause): LifecycleEvent | undefined {
  if (from === to) return undefined;
  return TRANSITIONS.find((r) => r.from === from && r.to === to && r.causes.includes(cause))?.event;
}

/**
 * Checks one change of a dossier's status and, when it is allowed, gives the state after it.
 * Never throws: anything wrong with the request is a refusal with a code and parameters.
 */
export function checkTransition(state: DossierLifecycleState, request: TransitionRequest, context?: AppointmentContext): TransitionResult {
  try {
    return check(state, request, context);
  } catch (e) {
    // A calendar given bad data (a processing time of -1 days…) throws RangeError: still an answer.
    return refused('APPOINTMENT_FAILED', { detail: e instanceof Error ? e.message : String(e) });
  }
}

function check(state: DossierLifecycleState, request: TransitionRequest, context: AppointmentContext | undefined): TransitionResult {
  if (!isPlainObject(state) || !isPlainObject(request)) return refused('REQUEST_INVALID');
  const { event, cause, at } = request;
  if (typeof event !== 'string' || !EVENTS.has(event)) return refused('EVENT_UNKNOWN', { event: String(event) });
  if (typeof cause !== 'string' || !CAUSES.has(cause)) return refused('CAUSE_UNKNOWN', { cause: String(cause) });
  const from = state.status;
  if (from !== null && !isDossierStatus(from)) return refused('STATUS_UNKNOWN', { status: String(from) });
  if (!isValidLocalDateTime(at)) return refused('TIME_INVALID', { value: String(at) });

  const warnings: LifecycleWarning[] = [];
  if (state.lastChangedAt !== undefined && at < state.lastChangedAt) {
    if (cause === 'counter') return refused('TIME_BEFORE_LAST_CHANGE', { at, last: state.lastChangedAt });
    warnings.push({ code: 'OUT_OF_ORDER', params: { at, last: state.lastChangedAt } });
  }

  const candidates = rulesFor(event);
  const fromHere = candidates.filter((r) => r.from === from);
  if (fromHere.length === 0) {
    if (from !== null && FINAL_STATUSES.has(from)) return refused('STATUS_FINAL', { event, status: from });
    return refused('TRANSITION_NOT_ALLOWED', { event, status: from ?? 0 });
  }
  let r = fromHere[0] as TransitionRule;
  if (event === 'complete_supplement') {
    if (state.supplementRequestedAt === undefined || state.statusBeforeSupplement === undefined) {
      return refused('SUPPLEMENT_STATE_MISSING');
    }
    const before = state.statusBeforeSupplement;
    const match = fromHere.find((x) => x.afterSupplementFrom?.includes(before));
    if (!match) return refused('TRANSITION_NOT_ALLOWED', { event, status: from ?? 0 });
    r = match;
  }
  if (!r.causes.includes(cause)) return refused('CAUSE_NOT_ALLOWED', { event, cause });
  if (r.counterProcessedOnly && state.counterProcessed !== true) return refused('NOT_COUNTER_PROCESSED');

  // The reason: required for some, kept (cleaned) whenever given.
  const reason = cleanText(request.reason);
  if (r.reasonRequired && reason === '') return refused('REASON_REQUIRED', { event });
  if (reason.length > MAX_REASON_LENGTH) return refused('REASON_TOO_LONG', { max: MAX_REASON_LENGTH });

  const base = {
    ok: true as const,
    event,
    cause,
    from,
    to: r.to,
    ...(r.form ? { form: r.form } : {}),
    ...(reason !== '' ? { reason } : {}),
    warnings,
  };
  const changed = { ...state, status: r.to, lastChangedAt: at };

  switch (event) {
    case 'register_online':
    case 'refuse':
    case 'start_processing':
    case 'request_financial_obligation':
    case 'meet_financial_obligation':
    case 'withdraw':
    case 'stop_processing':
      return { ...base, next: changed };

    case 'finish':
    case 'finish_at_counter':
      return { ...base, next: { ...changed, finishedAt: at } };

    case 'receive': {
      if (!context) return refused('APPOINTMENT_CONTEXT_REQUIRED', { event });
      const appointment = context.calendar.computeAppointment(at, context.processingTime, roundingOf(context));
      return {
        ...base,
        appointment,
        next: { ...changed, receivedAt: at, appointmentAt: appointment.appointmentAt, rescheduledAt: undefined },
      };
    }

    case 'request_supplement': {
      const raw = request.supplementItems;
      const items = Array.isArray(raw) ? raw.map(cleanText).filter((s) => s !== '') : [];
      if (items.length === 0) return refused('SUPPLEMENT_ITEMS_REQUIRED');
      const long = items.find((s) => s.length > MAX_ITEM_LENGTH);
      if (long !== undefined) return refused('REASON_TOO_LONG', { max: MAX_ITEM_LENGTH });
      return {
        ...base,
        supplementItems: items,
        next: { ...changed, statusBeforeSupplement: from, supplementRequestedAt: at },
      };
    }

    case 'complete_supplement': {
      if (!context) return refused('APPOINTMENT_CONTEXT_REQUIRED', { event });
      const requestedAt = state.supplementRequestedAt as LocalDateTime;
      if (at < requestedAt) return refused('TIME_BEFORE_LAST_CHANGE', { at, last: requestedAt });
      const received = state.receivedAt !== undefined && state.appointmentAt !== undefined;
      const computed = appointmentAfterSupplement(context.calendar, {
        rule: context.supplementRule ?? DEFAULT_SUPPLEMENT_CLOCK_RULE,
        processingTime: context.processingTime,
        requestedAt,
        completedAt: at,
        ...(received ? { appointmentAt: state.appointmentAt } : {}),
        ...(context.roundingMinutes === undefined ? {} : { roundingMinutes: context.roundingMinutes }),
      });
      if (computed.alreadyLate) {
        warnings.push({ code: 'SUPPLEMENT_ALREADY_LATE', params: { appointmentAt: computed.appointmentAt, requestedAt } });
      }
      const appointment: Appointment = { countingFrom: computed.countingFrom, appointmentAt: computed.appointmentAt };
      return {
        ...base,
        appointment,
        next: {
          ...changed,
          receivedAt: state.receivedAt ?? at,
          appointmentAt: appointment.appointmentAt,
          // The new slip's date replaces any date promised before the supplement.
          rescheduledAt: undefined,
          statusBeforeSupplement: undefined,
          supplementRequestedAt: undefined,
        },
      };
    }

    case 'apologise': {
      const newAt = request.newAppointmentAt;
      if (newAt === undefined || newAt === null || newAt === '') return refused('NEW_APPOINTMENT_REQUIRED');
      if (!isValidLocalDateTime(newAt)) return refused('NEW_APPOINTMENT_INVALID', { value: String(newAt) });
      const current = state.rescheduledAt ?? state.appointmentAt;
      if (current === undefined) return refused('APPOINTMENT_MISSING');
      if (newAt <= current) return refused('NEW_APPOINTMENT_NOT_LATER', { newAt, current });
      if (newAt <= at) return refused('NEW_APPOINTMENT_IN_PAST', { newAt, at });
      if (at > current) warnings.push({ code: 'APOLOGY_AFTER_APPOINTMENT', params: { appointmentAt: current, at } });
      if (context && !context.calendar.isWorkingDay(localDateOf(newAt))) {
        warnings.push({ code: 'NEW_APPOINTMENT_NOT_WORKING_DAY', params: { newAt } });
      }
      // lastChangedAt moves: the apology is part of the dossier's history. The status does not.
      return { ...base, next: { ...changed, rescheduledAt: newAt } };
    }

    case 'return_result': {
      const refusal = checkHandover(request.handover);
      if (refusal) return refusal;
      return { ...base, next: { ...changed, returnedAt: at } };
    }

    default: {
      const unknown: never = event;
      return refused('EVENT_UNKNOWN', { event: String(unknown) });
    }
  }
}

function roundingOf(context: AppointmentContext): { roundingMinutes: number } | undefined {
  return context.roundingMinutes === undefined ? undefined : { roundingMinutes: context.roundingMinutes };
}

/** The checks of a result handover (status 10); undefined when it is complete. */
export function checkHandover(handover: unknown): TransitionRefused | undefined {
  if (!isPlainObject(handover)) return refused('HANDOVER_REQUIRED');
  const { receiver, delivery, officerName } = handover;
  if (!isPlainObject(receiver) || (receiver.kind !== 'owner' && receiver.kind !== 'authorised')) return refused('HANDOVER_REQUIRED');
  if (receiver.kind === 'authorised') {
    if (cleanText(receiver.fullName) === '') return refused('RECEIVER_NAME_REQUIRED');
    const id = typeof receiver.idNumber === 'string' ? receiver.idNumber.replace(/\s+/g, '') : '';
    if (id === '') return refused('RECEIVER_ID_REQUIRED');
    try {
      checkIdNumber(id);
    } catch (e) {
      if (e instanceof StationError) return refused('RECEIVER_ID_INVALID', { idNumber: id, problem: e.code });
      throw e;
    }
  }
  if (!isPlainObject(delivery) || (delivery.method !== 'counter' && delivery.method !== 'post')) return refused('HANDOVER_REQUIRED');
  if (delivery.method === 'post') {
    const tracking = typeof delivery.trackingNumber === 'string' ? delivery.trackingNumber.replace(/\s+/g, '').toUpperCase() : '';
    if (tracking === '') return refused('TRACKING_NUMBER_REQUIRED');
    if (!TRACKING_RE.test(tracking)) return refused('TRACKING_NUMBER_INVALID', { value: tracking });
  }
  if (cleanText(officerName) === '') return refused('OFFICER_REQUIRED');
  return undefined;
}

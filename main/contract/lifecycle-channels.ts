import { z } from 'zod';
import { channel, none, withAccess, OFFICERS, READERS, RECEPTION, TECHNICIAN, type Role } from './channel';
import { dossierDraft, dossierStatus, localDate, localDateTime, submissionChannel } from './schemas';

// The lifecycle feature's channels (main/lifecycle): a dossier's life after intake — the
// counter's transitions and the forms that go with them (Mẫu 02–05, the handover note), the
// requests handled without a reception (incomplete papers, refusals), the results to hand back,
// the overdue watch, the dossier's timeline, the disagreements with the portal, the log book
// (Mẫu 06), the dashboard and the periodic report.
//
// Text fields that the core checks (a reason, a list of papers, a receiver's identity number)
// accept the empty string here: the core answers with the message the officer needs, next to
// the field, instead of zod's generic one.

const text = (max: number) => z.string().max(max);

// ---------------------------------------------------------------------------------------------
// The agency's lifecycle settings

export const SUPPLEMENT_CLOCK_RULE_IDS = ['pause', 'restart'] as const;
export const FORM_SET_CHOICES = ['tt01-2018', 'tt03-2025'] as const;

export const lifecycleSettings = z.object({
  /** After a supplement: resume with the working time left (pause, the default) or count again in full (restart). */
  supplementClockRule: z.enum(SUPPLEMENT_CLOCK_RULE_IDS),
  /** Which regulation's form numbers and titles the agency prints. */
  formSet: z.enum(FORM_SET_CHOICES),
  /** Procedures handled at the counter itself (2 → 9 → 10 without the back office). */
  counterProcessed: z.object({
    /** Every "same day" procedure (certified copies, same-day civil status). */
    sameDay: z.boolean(),
    procedureCodes: z.array(z.string().min(1).max(20)).max(500),
  }),
  /** The agency hands a note over with each result ("Phiếu giao nhận kết quả"). */
  handoverNote: z.boolean(),
  /** Who signs the agency's letters (Mẫu 04, the stop notice). */
  signer: z.object({ role: text(100), name: text(100) }),
  /** The phone printed on Mẫu 02 for questions while completing a dossier. */
  contactPhone: text(20),
  /** Mẫu 02 gives this many days to bring the papers (0: no date printed). */
  supplementDays: z.number().int().min(0).max(90),
  /** Paper of the counter's letters and slips (Mẫu 02, 03, 04, the stop notice). */
  formPaper: z.enum(['A4', 'A5']),
});
export type LifecycleSettings = z.infer<typeof lifecycleSettings>;

export const defaultLifecycleSettings: LifecycleSettings = {
  supplementClockRule: 'pause',
  formSet: 'tt01-2018',
  counterProcessed: { sameDay: true, procedureCodes: [] },
  handoverNote: true,
  signer: { role: 'CHỦ TỊCH', name: '' },
  contactPhone: '',
  supplementDays: 0,
  formPaper: 'A4',
};

// ---------------------------------------------------------------------------------------------
// Shapes

export const LIFECYCLE_EVENT_NAMES = [
  'register_online', 'receive', 'refuse', 'request_supplement', 'complete_supplement', 'start_processing',
  'request_financial_obligation', 'meet_financial_obligation', 'withdraw', 'stop_processing', 'finish', 'finish_at_counter',
  'return_result', 'apologise',
] as const;
export const lifecycleEvent = z.enum(LIFECYCLE_EVENT_NAMES);

export const FORM_KINDS = ['receipt_slip', 'supplement_request', 'refusal', 'apology', 'processing_control', 'stop_notice', 'result_handover', 'log_book'] as const;
export const formKind = z.enum(FORM_KINDS);

export const timelinessValue = z.enum(['early', 'on_time', 'late']);

export const latenessView = z.object({
  late: z.boolean(),
  workingMinutes: z.number().int(),
  workingDays: z.number().int(),
  workingHours: z.number().int(),
  minutes: z.number().int(),
  /** "trễ hẹn 1 ngày 3 giờ làm việc". */
  text: z.string(),
});

/** A dossier as the lifecycle sees it: its state, its dates, what the counter may do now. */
export const lifecycleDossier = z.object({
  code: z.string(),
  status: dossierStatus,
  statusLabel: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  field: z.string(),
  channel: submissionChannel,
  ownerName: z.string(),
  ownerIdNumber: z.string(),
  ownerPhone: z.string(),
  receivedAt: localDateTime,
  appointmentAt: localDateTime,
  /** The later date promised by an apology (Mẫu 04); the appointment stays what on-time is measured against. */
  rescheduledAt: localDateTime.nullable(),
  /** The date the counter works to now. */
  dueAt: localDateTime,
  lastChangedAt: localDateTime,
  supplementRequestedAt: localDateTime.nullable(),
  statusBeforeSupplement: dossierStatus.nullable(),
  finishedAt: localDateTime.nullable(),
  returnedAt: localDateTime.nullable(),
  closedAt: localDateTime.nullable(),
  /** The receiving officer. */
  officerName: z.string(),
  /** Who holds the dossier now (the counter's officer, or the back office's officer or unit). */
  handlerName: z.string().nullable(),
  returnedTo: z.string().nullable(),
  returnNote: z.string().nullable(),
  counterProcessed: z.boolean(),
  digitised: z.boolean(),
  signed: z.boolean(),
  timeliness: timelinessValue.nullable(),
  /** Late against the date in force, now (in progress) or when the result was ready (handled). */
  lateness: latenessView.nullable(),
  /** The counter's actions the status allows now (a screen's buttons; data checks still apply). */
  possibleEvents: z.array(lifecycleEvent),
  openConflict: z.boolean(),
});

/** One line of the watch, the results to hand back and the drill-downs. */
export const dossierLine = z.object({
  code: z.string(),
  status: dossierStatus,
  procedureCode: z.string(),
  procedureName: z.string(),
  field: z.string(),
  ownerName: z.string(),
  ownerIdNumber: z.string(),
  ownerPhone: z.string(),
  receivedAt: localDateTime,
  appointmentAt: localDateTime,
  rescheduledAt: localDateTime.nullable(),
  dueAt: localDateTime,
  officerName: z.string(),
  handlerName: z.string().nullable(),
  finishedAt: localDateTime.nullable(),
  returnedAt: localDateTime.nullable(),
  timeliness: timelinessValue.nullable(),
  lateness: latenessView.nullable(),
  resultDelivery: z.enum(['counter', 'post']),
});

export const issuedForm = z.object({
  id: z.number().int(),
  kind: formKind,
  /** "Số" printed on it; null for forms without one (Mẫu 05). */
  number: z.string().nullable(),
  title: z.string(),
  issuedAt: localDateTime,
  officerName: z.string(),
  prints: z.array(z.object({ at: localDateTime, officerName: z.string(), printer: z.string().nullable(), copies: z.number().int() })),
});

export const counterRequestView = z.object({
  id: z.number().int(),
  kind: z.enum(['supplement', 'refusal']),
  ownerName: z.string(),
  ownerIdNumber: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  requestedAt: localDateTime,
  items: z.array(z.string()),
  reason: z.string(),
  officerName: z.string(),
  /** The dossier received when the citizen came back with everything; null while pending. */
  resumedAs: z.string().nullable(),
  formId: z.number().int().nullable(),
});

export const timelineEntry = z.object({
  id: z.string(),
  at: localDateTime,
  kind: z.enum(['counter_request', 'reception', 'transition', 'progress', 'conflict', 'conflict_resolved']),
  event: z.string().nullable(),
  cause: z.enum(['counter', 'feed']),
  fromStatus: dossierStatus.nullable(),
  toStatus: dossierStatus.nullable(),
  officerName: z.string(),
  unit: z.string(),
  reason: z.string().nullable(),
  /** The entry as a sentence for the officer ("Chuyển xử lý: Được tiếp nhận → Đang xử lý"). */
  text: z.string(),
  details: z.record(z.string(), z.unknown()).nullable(),
  warnings: z.array(z.string()),
  formIds: z.array(z.number().int()),
});

export const conflictView = z.object({
  id: z.number().int(),
  code: z.string(),
  ownerName: z.string(),
  procedureName: z.string(),
  source: z.enum(['feed', 'send']),
  stationStatus: dossierStatus,
  stationStatusLabel: z.string(),
  portalStatus: dossierStatus,
  portalStatusLabel: z.string(),
  portalUnit: z.string(),
  portalOfficer: z.string(),
  portalAt: localDateTime.nullable(),
  portalNote: z.string(),
  detectedAt: localDateTime,
  /** What happened and what to do, for the officer. */
  explanation: z.string(),
  resolvedAt: localDateTime.nullable(),
  resolution: z.enum(['keep_station', 'accept_portal']).nullable(),
  resolutionNote: z.string().nullable(),
});

const group = z.object({ key: z.string(), label: z.string(), count: z.number().int() });

export const watchBucket = z.enum(['overdue', 'due_today', 'due_next_working_day']);

const watchFilter = {
  procedureCode: z.string().max(20).optional(),
  field: z.string().max(200).optional(),
  officer: z.string().max(200).optional(),
};

export const indicatorCounts = z.object({
  received: z.number().int(),
  digitised: z.number().int(),
  signed: z.number().int(),
  handled: z.number().int(),
  early: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  /** Handled early or on time over handled (0–1); null when nothing was handled. */
  onTimeRate: z.number().nullable(),
  digitisedShare: z.number().nullable(),
  signedShare: z.number().nullable(),
  /** Mean working days from the start of the count to the result. */
  averageWorkingDays: z.number().nullable(),
  overdueNow: z.number().int(),
});

const indicatorRow = indicatorCounts.extend({ key: z.string(), label: z.string() });

export const INDICATOR_MEASURES = ['received', 'digitised', 'not_digitised', 'signed', 'handled', 'early', 'on_time', 'late', 'overdue_now'] as const;

const period = z.object({ from: localDate, to: localDate });

export const reportPeriodInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('month'), year: z.number().int().min(1900).max(9998), month: z.number().int().min(1).max(12) }),
  z.object({ kind: z.literal('quarter'), year: z.number().int().min(1900).max(9998), quarter: z.number().int().min(1).max(4) }),
  z.object({ kind: z.literal('year'), year: z.number().int().min(1900).max(9998) }),
  z.object({ kind: z.literal('range'), from: localDate, to: localDate }),
]);

const fieldCounts = z.object({
  field: z.string(),
  carriedOver: z.number().int(), newOnline: z.number().int(), newCounter: z.number().int(), newPost: z.number().int(),
  early: z.number().int(), onTime: z.number().int(), late: z.number().int(),
  inProgressWithinTime: z.number().int(), inProgressOverdue: z.number().int(), withdrawnOrStopped: z.number().int(),
});

const file = z.object({ fileName: z.string(), base64: z.string() });

const receiver = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('owner') }).strict(),
  z.object({ kind: z.literal('authorised'), fullName: text(100), idNumber: text(20), authorisation: text(300).optional() }).strict(),
]);
const delivery = z.discriminatedUnion('method', [
  z.object({ method: z.literal('counter') }).strict(),
  z.object({ method: z.literal('post'), trackingNumber: text(60), postalService: text(100).optional() }).strict(),
]);
const paper = z.object({
  /** The procedure's document code, when the paper is one of its documents. */
  code: z.string().max(20).optional(),
  name: text(500),
  originals: z.number().int().min(0).max(99).default(0),
  certifiedCopies: z.number().int().min(0).max(99).default(0),
  copies: z.number().int().min(0).max(99).default(0),
}).strict();

const code = z.string().min(1).max(60);
const reason = text(2000).default('');
const note = text(1000).optional();

/** A change of a dossier made at the counter; each event with what it needs. */
export const transitionInput = z.discriminatedUnion('event', [
  z.object({ code, event: z.literal('request_supplement'), items: z.array(text(500)).max(50), reason }).strict(),
  z.object({ code, event: z.literal('complete_supplement'), papers: z.array(paper).max(50).default([]), note }).strict(),
  z.object({ code, event: z.literal('start_processing'), toUnit: text(200).optional(), note }).strict(),
  z.object({ code, event: z.literal('meet_financial_obligation'), note }).strict(),
  z.object({ code, event: z.literal('finish_at_counter'), note }).strict(),
  z.object({ code, event: z.literal('finish'), note }).strict(),
  z.object({ code, event: z.literal('withdraw'), reason }).strict(),
  z.object({ code, event: z.literal('stop_processing'), reason, legalBasis: text(300).optional() }).strict(),
  z.object({
    code, event: z.literal('return_result'), receiver, delivery,
    results: z.array(z.object({ name: text(300), copies: z.number().int().min(1).max(99) }).strict()).max(20).optional(),
    note,
  }).strict(),
  z.object({
    code, event: z.literal('apologise'), reason, newAppointmentAt: z.string().max(16),
    signer: z.object({ role: text(100), name: text(100) }).strict().optional(),
  }).strict(),
]);
export type TransitionInput = z.output<typeof transitionInput>;

// ---------------------------------------------------------------------------------------------
// Channels

const DECIDERS: readonly Role[] = ['reception', 'leader'];

export const lifecycleChannels = withAccess({
  'lifecycle.settings': channel(none, lifecycleSettings, "The agency's lifecycle settings: supplement clock rule, form set, counter-processed procedures, letters"),
  'lifecycle.configure': channel(
    z.object({
      supplementClockRule: lifecycleSettings.shape.supplementClockRule.optional(),
      formSet: lifecycleSettings.shape.formSet.optional(),
      counterProcessed: lifecycleSettings.shape.counterProcessed.optional(),
      handoverNote: z.boolean().optional(),
      signer: lifecycleSettings.shape.signer.optional(),
      contactPhone: lifecycleSettings.shape.contactPhone.optional(),
      supplementDays: lifecycleSettings.shape.supplementDays.optional(),
      formPaper: lifecycleSettings.shape.formPaper.optional(),
    }).strict(),
    lifecycleSettings,
    "Change the agency's lifecycle settings",
  ),

  'intake.requestSupplement': channel(
    z.object({
      draft: dossierDraft,
      /** The documents the checklist found missing (their names, as the intake form shows them). */
      missing: z.array(text(500)).max(50),
      /** What else the officer asks to complete. */
      extra: z.array(text(500)).max(50).default([]),
      reason,
    }).strict(),
    z.object({ request: counterRequestView, form: issuedForm }),
    'Incomplete papers at the counter: the form is kept to resume later, Mẫu 02 issued (the dossier is not received)',
  ),
  'intake.refuse': channel(
    z.object({ draft: dossierDraft, reason, legalBasis: text(300).optional() }).strict(),
    z.object({ request: counterRequestView, form: issuedForm }),
    'Refuse a request at the counter (status 3): Mẫu 03 with the specific reason',
  ),
  'pendingIntake.find': channel(
    z.object({ query: z.string().max(100), limit: z.number().int().min(1).max(100).default(20) }).strict(),
    z.array(counterRequestView),
    'Incomplete intakes waiting for the citizen, by name (diacritics optional) or identity number',
  ),
  'pendingIntake.get': channel(
    z.object({ id: z.number().int() }).strict(),
    counterRequestView.extend({ draft: dossierDraft }),
    'An incomplete intake with the form as typed, to resume it (dossier.save with its intakeKey receives it)',
  ),

  'dossier.transition': channel(
    transitionInput,
    z.object({ dossier: lifecycleDossier, warnings: z.array(z.object({ code: z.string(), message: z.string() })), forms: z.array(issuedForm) }),
    "Change a dossier's status at the counter: one transaction with its history, audit entry and outbox entry",
  ),
  'dossier.timeline': channel(
    z.object({ code }).strict(),
    z.object({
      dossier: lifecycleDossier,
      entries: z.array(timelineEntry),
      forms: z.array(issuedForm),
      conflicts: z.array(conflictView),
    }),
    "A dossier's whole history, the forms issued for it, its conflicts and the actions its status allows",
  ),

  'lifecycle.issueForm': channel(
    z.object({ code, form: z.enum(['processing_control', 'result_handover']) }).strict(),
    issuedForm,
    'Issue Mẫu 05 (the control sheet, from the feed and the counter) or a handover note again',
  ),
  'lifecycle.formPdf': channel(z.object({ formId: z.number().int() }).strict(), file, 'An issued form as a PDF (recorded as printed)'),
  'lifecycle.formPrint': channel(
    z.object({ formId: z.number().int(), printer: z.string().max(200).optional(), copies: z.number().int().min(1).max(5).default(1) }).strict(),
    z.object({ printed: z.boolean(), printer: z.string() }),
    'Print an issued form on a printer (recorded)',
  ),

  'results.ready': channel(
    z.object({ query: z.string().max(100).default(''), limit: z.number().int().min(1).max(200).default(50), offset: z.number().int().min(0).default(0) }).strict(),
    z.object({ total: z.number().int(), dossiers: z.array(dossierLine.extend({ readySince: localDateTime })) }),
    'Results ready to hand back (status 9), oldest first; searchable by name, identity number, phone or code',
  ),
  'watch.list': channel(
    z.object({ bucket: watchBucket, ...watchFilter, limit: z.number().int().min(1).max(500).default(100), offset: z.number().int().min(0).default(0) }).strict(),
    z.object({
      bucket: watchBucket,
      now: localDateTime,
      from: localDateTime.nullable(),
      toExclusive: localDateTime,
      total: z.number().int(),
      dossiers: z.array(dossierLine),
      byProcedure: z.array(group),
      byField: z.array(group),
      byOfficer: z.array(group),
    }),
    'The overdue watch: dossiers overdue, due today or due on the next working day, with lateness, by procedure, field and officer',
  ),
  'watch.badge': channel(
    none,
    z.object({ now: localDateTime, overdue: z.number().int(), dueToday: z.number().int(), dueNextWorkingDay: z.number().int(), resultsWaiting: z.number().int(), conflicts: z.number().int() }),
    "The counts on the shell's badge",
  ),

  'conflicts.list': channel(
    z.object({ includeResolved: z.boolean().default(false), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    z.array(conflictView),
    'Dossiers on which the portal and the station disagree, with what to do',
  ),
  'conflicts.resolve': channel(
    z.object({ id: z.number().int(), choice: z.enum(['keep_station', 'accept_portal']), note: text(1000).default('') }).strict(),
    conflictView,
    "Decide a conflict: confirm the station's record to the portal, or take the portal's status",
  ),

  'logbook.pdf': channel(period.strict(), file.extend({ lines: z.number().int() }), 'The log book (Mẫu 06) of a day or a range of days, A4 landscape'),
  'logbook.xlsx': channel(period.strict(), file.extend({ lines: z.number().int() }), 'The log book of a day or a range of days as an Excel workbook'),
  'report.results': channel(
    z.object({ period: reportPeriodInput, format: z.enum(['xlsx', 'pdf']) }).strict(),
    file.extend({ rows: z.array(fieldCounts) }),
    'The periodic report of results of handling procedures (month, quarter, year) as XLSX or PDF',
  ),
  'indicators.dashboard': channel(
    period.strict(),
    z.object({
      from: localDate,
      to: localDate,
      now: localDateTime,
      totals: indicatorCounts,
      byProcedure: z.array(indicatorRow.extend({ field: z.string() })),
      byField: z.array(indicatorRow),
      byOfficer: z.array(indicatorRow),
      daily: z.array(z.object({ day: localDate, received: z.number().int(), handled: z.number().int(), late: z.number().int() })),
    }),
    "The unit's indicators for a period: on-time rate, early / on time / late, overdue now, digitised and signed shares, average processing time",
  ),
  'indicators.dossiers': channel(
    period.extend({
      measure: z.enum(INDICATOR_MEASURES),
      ...watchFilter,
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }).strict(),
    z.object({ total: z.number().int(), dossiers: z.array(dossierLine) }),
    'The dossiers behind one number of the dashboard',
  ),
}, {
  'lifecycle.settings': OFFICERS,
  'lifecycle.configure': TECHNICIAN,
  'intake.requestSupplement': RECEPTION,
  'intake.refuse': RECEPTION,
  'pendingIntake.find': RECEPTION,
  'pendingIntake.get': RECEPTION,
  'dossier.transition': RECEPTION,
  'dossier.timeline': READERS,
  'lifecycle.issueForm': RECEPTION,
  'lifecycle.formPdf': READERS,
  'lifecycle.formPrint': RECEPTION,
  'results.ready': READERS,
  'watch.list': READERS,
  'watch.badge': OFFICERS,
  'conflicts.list': READERS,
  'conflicts.resolve': DECIDERS,
  'logbook.pdf': READERS,
  'logbook.xlsx': READERS,
  'report.results': READERS,
  'indicators.dashboard': READERS,
  'indicators.dossiers': READERS,
});

import type { Db } from './db';
import { auditAction } from './audit-log';
import { listCalendarDays } from './calendar-store';
import { enqueue } from './outbox-store';
import { getSettings, readSetting, writeSetting } from './settings-store';
import { stmt } from './statements';
import { WorkingCalendar } from '../core/calendar/working-calendar';
import {
  checkTransition,
  eventFor,
  FINAL_STATUSES,
  TRANSITIONS,
  isDossierStatus,
  type DossierLifecycleState,
  type DossierStatus,
  type LifecycleEvent,
  type LifecycleWarning,
  type ResultHandover,
  type TransitionAllowed,
  type TransitionCause,
  type TransitionRequest,
} from '../core/lifecycle';
import { formatLifecycleRefusal } from '../core/lifecycle-messages';
import type { LocalDateTime, ProcessingTime } from '../core/model';
import { isValidLocalDateTime, toVietnamLocal } from '../core/time';
import { defaultLifecycleSettings, lifecycleSettings, type LifecycleSettings } from '../contract/lifecycle-channels';

// A dossier's life after intake, as SQL: its lifecycle state, one transition written in the
// caller's transaction (the dossier row, its history row, its outbox entry, its audit entry),
// the portal's progress feed passed through the same transition table, and the disagreements
// between the portal and the station kept for an officer to decide.
//
// The lifecycle feature (main/lifecycle) calls these for the counter's changes; the sync worker
// calls applyFeedEvent (through progress-store.ts) for the back office's.

// ---------------------------------------------------------------------------------------------
// Settings and the working calendar

export const LIFECYCLE_SETTINGS_KEY = 'lifecycle';

export function readLifecycleSettings(db: Db): LifecycleSettings {
  return readSetting(db, LIFECYCLE_SETTINGS_KEY, lifecycleSettings, defaultLifecycleSettings);
}

export function writeLifecycleSettings(db: Db, settings: LifecycleSettings): LifecycleSettings {
  return writeSetting(db, LIFECYCLE_SETTINGS_KEY, lifecycleSettings, settings);
}

/** What checking a transition needs besides the dossier: the calendar, the agency's rules. */
export type LifecycleContext = Readonly<{
  calendar: WorkingCalendar;
  settings: LifecycleSettings;
  roundingMinutes: number;
}>;

/** The context as the database holds it (the sync worker's connection has no cached one). */
export function lifecycleContextOf(db: Db): LifecycleContext {
  const { station } = getSettings(db);
  return {
    calendar: new WorkingCalendar({ segments: station.workingHours, days: listCalendarDays(db) }),
    settings: readLifecycleSettings(db),
    roundingMinutes: station.appointmentRoundingMinutes,
  };
}

/** Handled at the counter itself: every same-day procedure (if the agency says so) and the ones it lists. */
export function isCounterProcessed(settings: LifecycleSettings, procedureCode: string, time: ProcessingTime): boolean {
  return (settings.counterProcessed.sameDay && time.unit === 'same_day') || settings.counterProcessed.procedureCodes.includes(procedureCode);
}

// ---------------------------------------------------------------------------------------------
// A dossier's lifecycle record

type RecordRow = {
  id: number; code: string; status: number; channel: number; procedure_code: string; procedure_name: string; processing_time: string;
  field: string | null; owner_name: string; owner_id_number: string; owner_phone: string; owner_address: string; received_local: string;
  counting_from_local: string; appointment_local: string; rescheduled_local: string | null; last_changed_local: string | null;
  status_before_supplement: number | null; supplement_requested_local: string | null; finished_local: string | null;
  returned_local: string | null; closed_local: string | null; officer_name: string; handler_name: string | null; finished_by: string | null;
  processing_minutes: number | null; returned_to: string | null; return_note: string | null; digitised: number; signed: number;
  due_local: string; timeliness: 'early' | 'on_time' | 'late' | null; result_delivery: 'counter' | 'post'; portal_id: string | null;
};

export type LifecycleRecord = Readonly<{
  id: number;
  code: string;
  status: DossierStatus;
  channel: 1 | 2 | 3;
  procedureCode: string;
  procedureName: string;
  processingTime: ProcessingTime;
  field: string;
  ownerName: string;
  ownerIdNumber: string;
  ownerPhone: string;
  ownerAddress: string;
  receivedAt: LocalDateTime;
  countingFrom: LocalDateTime;
  appointmentAt: LocalDateTime;
  rescheduledAt: LocalDateTime | null;
  lastChangedAt: LocalDateTime;
  statusBeforeSupplement: DossierStatus | null;
  supplementRequestedAt: LocalDateTime | null;
  finishedAt: LocalDateTime | null;
  returnedAt: LocalDateTime | null;
  closedAt: LocalDateTime | null;
  officerName: string;
  handlerName: string | null;
  finishedBy: string | null;
  processingMinutes: number | null;
  returnedTo: string | null;
  returnNote: string | null;
  digitised: boolean;
  signed: boolean;
  dueAt: LocalDateTime;
  timeliness: 'early' | 'on_time' | 'late' | null;
  resultDelivery: 'counter' | 'post';
  portalId: string | null;
}>;

// The derived values of a dossier, as the indexes of migration 0008 are built on them (a query
// must write them exactly so to read through the index; the query-plan tests check it).

/** The date the counter works to: the apology's new date, else the appointment. */
export const DUE_SQL = 'coalesce(d.rescheduled_local, d.appointment_local)';
/** In the agency's hands (the overdue watch): received, being processed, financial obligation asked. */
export const WATCHED_SQL = 'd.status IN (2, 4, 6)';
/** Since when the result waits to be handed back (status 9). */
export const READY_SQL = 'coalesce(d.finished_local, d.last_changed_local, d.received_local)';
/** When the result was ready: finished, or (finishing time unknown) returned. */
export const HANDLED_SQL = 'coalesce(d.finished_local, d.returned_local)';
/** Early, on time or late against the appointment on the slip (calendar/lateness.ts `timeliness`). */
export const TIMELINESS_SQL = `(CASE WHEN ${HANDLED_SQL} IS NULL THEN NULL WHEN ${HANDLED_SQL} > d.appointment_local THEN 'late'
  WHEN ${HANDLED_SQL} < substr(d.appointment_local, 1, 10) THEN 'early' ELSE 'on_time' END)`;

export const RECORD_COLUMNS = `d.id, d.code, d.status, d.channel, d.procedure_code, d.procedure_name, d.processing_time, p.field, d.owner_name,
  d.owner_id_number, d.owner_phone, d.owner_address, d.received_local, d.counting_from_local, d.appointment_local, d.rescheduled_local,
  d.last_changed_local, d.status_before_supplement, d.supplement_requested_local, d.finished_local, d.returned_local, d.closed_local,
  d.officer_name, d.handler_name, d.finished_by, d.processing_minutes, d.returned_to, d.return_note, d.digitised, d.signed, ${DUE_SQL} AS due_local,
  ${TIMELINESS_SQL} AS timeliness, d.result_delivery, d.portal_id`;

/** The record of one row selected with RECORD_COLUMNS (the lifecycle feature's lists use the same columns). */
export function toLifecycleRecord(r: RecordRow): LifecycleRecord {
  return {
    id: r.id, code: r.code, status: r.status as DossierStatus, channel: r.channel as 1 | 2 | 3, procedureCode: r.procedure_code,
    procedureName: r.procedure_name, processingTime: JSON.parse(r.processing_time) as ProcessingTime, field: r.field ?? '',
    ownerName: r.owner_name, ownerIdNumber: r.owner_id_number, ownerPhone: r.owner_phone, ownerAddress: r.owner_address,
    receivedAt: r.received_local, countingFrom: r.counting_from_local, appointmentAt: r.appointment_local, rescheduledAt: r.rescheduled_local,
    lastChangedAt: r.last_changed_local ?? r.received_local,
    statusBeforeSupplement: r.status_before_supplement === null ? null : (r.status_before_supplement as DossierStatus),
    supplementRequestedAt: r.supplement_requested_local, finishedAt: r.finished_local, returnedAt: r.returned_local, closedAt: r.closed_local,
    officerName: r.officer_name, handlerName: r.handler_name, finishedBy: r.finished_by, processingMinutes: r.processing_minutes,
    returnedTo: r.returned_to, returnNote: r.return_note, digitised: r.digitised === 1, signed: r.signed === 1, dueAt: r.due_local,
    timeliness: r.timeliness, resultDelivery: r.result_delivery, portalId: r.portal_id,
  };
}

/** The key of the intake form a dossier was received from (an earlier supplement request at the counter has the same). */
export function intakeKeyOf(db: Db, dossierId: number): string | undefined {
  return (stmt(db, 'SELECT intake_key FROM dossiers WHERE id = ?').get(dossierId) as { intake_key: string } | undefined)?.intake_key;
}

// Built once: a template literal here made a new 1,000-character string every call, which the
// statement cache then had to hash and compare (twice a transition).
const RECORD_OF_DOSSIER = `SELECT ${RECORD_COLUMNS} FROM dossiers d LEFT JOIN procedures p ON p.code = d.procedure_code WHERE d.id = ?`;

export function lifecycleRecordOf(db: Db, dossierId: number): LifecycleRecord | undefined {
  const row = stmt(db, RECORD_OF_DOSSIER).get(dossierId) as RecordRow | undefined;
  return row ? toLifecycleRecord(row) : undefined;
}

/** The state the core's transition table checks (core/lifecycle.ts). */
export function stateOf(r: LifecycleRecord, counterProcessed: boolean): DossierLifecycleState {
  return {
    status: r.status,
    receivedAt: r.receivedAt,
    appointmentAt: r.appointmentAt,
    ...(r.rescheduledAt !== null ? { rescheduledAt: r.rescheduledAt } : {}),
    lastChangedAt: r.lastChangedAt,
    ...(r.status === 5 ? { statusBeforeSupplement: r.statusBeforeSupplement } : {}),
    ...(r.supplementRequestedAt !== null ? { supplementRequestedAt: r.supplementRequestedAt } : {}),
    ...(r.finishedAt !== null ? { finishedAt: r.finishedAt } : {}),
    ...(r.returnedAt !== null ? { returnedAt: r.returnedAt } : {}),
    counterProcessed,
  };
}

// ---------------------------------------------------------------------------------------------
// One transition

export type TransitionMeta = Readonly<{
  /** Who made the change: the officer of the call, or the back office's officer for the feed. */
  officer: Readonly<{ id: string; name: string }> | null;
  officerName: string;
  /** The unit that made it ("Bộ phận Một cửa", the back office's unit). */
  unit: string;
  /** When the station recorded it. */
  recordedAt: Date;
  /** Extra facts of the change kept in its history (papers brought, the unit passed to, …). */
  details?: Readonly<Record<string, unknown>>;
  /** The counter's changes go to the portal; the feed's came from it. */
  outbox?: Readonly<{ idempotencyKey: string; payload: unknown }>;
  feedCursor?: string;
  /** Papers brought with a supplement that are documents of the dossier (Mẫu 01 lists them). */
  papers?: ReadonlyArray<Readonly<{ code: string; name: string; originals: number; certifiedCopies: number; copies: number }>>;
}>;

/** Where the change leaves the result: who took it and how, for the log book. */
function handoverSummary(h: ResultHandover | undefined, ownerName: string): { to: string; note: string } | undefined {
  if (!h) return undefined;
  const to = h.receiver.kind === 'owner' ? ownerName : `${h.receiver.fullName} (ủy quyền, CCCD ${h.receiver.idNumber.replace(/\s+/g, '')})`;
  const note = h.delivery.method === 'post'
    ? `Bưu chính ${h.delivery.trackingNumber.replace(/\s+/g, '').toUpperCase()}`
    : 'Tại quầy';
  return { to, note };
}

/**
 * Writes a change the core allowed, in the caller's write transaction: the dossier's state, its
 * history row, its outbox entry (after the dossier's earlier ones) and its audit entry. Answers
 * the history row's id (the forms of the change refer to it).
 */
export function applyTransition(
  db: Db,
  ctx: LifecycleContext,
  record: LifecycleRecord,
  request: TransitionRequest,
  allowed: TransitionAllowed,
  meta: TransitionMeta,
): number {
  const next = allowed.next;
  const at = request.at;
  // Working time spent so far: the clock stops at a supplement and resumes from the new count.
  let minutes = record.processingMinutes;
  let countingFrom = record.countingFrom;
  if (allowed.event === 'request_supplement') minutes = (minutes ?? 0) + ctx.calendar.workingMinutesBetween(record.countingFrom, at);
  if (allowed.appointment) countingFrom = allowed.appointment.countingFrom;
  const finishing = next.finishedAt !== undefined && record.finishedAt === null;
  if (finishing) minutes = (minutes ?? 0) + ctx.calendar.workingMinutesBetween(countingFrom, next.finishedAt as string);
  const handover = handoverSummary(request.handover, record.ownerName);
  const closing = allowed.to === 7 || allowed.to === 8;
  const handler = meta.officerName !== '' ? meta.officerName : meta.unit;

  stmt(db, `UPDATE dossiers SET status = ?, last_changed_local = ?, appointment_local = ?, counting_from_local = ?, rescheduled_local = ?,
              status_before_supplement = ?, supplement_requested_local = ?, finished_local = ?, returned_local = ?, closed_local = ?,
              finished_by = ?, handler_name = ?, processing_minutes = ?, returned_to = ?, return_note = ?, updated_at = ?
            WHERE id = ?`).run(
    allowed.to, next.lastChangedAt ?? at, next.appointmentAt ?? record.appointmentAt, countingFrom, next.rescheduledAt ?? null,
    next.status === 5 ? (next.statusBeforeSupplement ?? null) : null, next.status === 5 ? (next.supplementRequestedAt ?? null) : null,
    next.finishedAt ?? null, next.returnedAt ?? null, closing ? at : record.closedAt,
    finishing ? handler : record.finishedBy, handler, minutes, handover?.to ?? record.returnedTo, handover?.note ?? record.returnNote,
    meta.recordedAt.getTime(), record.id,
  );
  if (meta.papers && meta.papers.length > 0) addPapers(db, record.id, meta.papers);

  const details: Record<string, unknown> = { ...meta.details };
  if (allowed.supplementItems) details.items = allowed.supplementItems;
  if (allowed.appointment) details.appointment = allowed.appointment;
  if (allowed.appointment && allowed.appointment.appointmentAt !== record.appointmentAt) details.previousAppointmentAt = record.appointmentAt;
  if (request.newAppointmentAt !== undefined) details.newAppointmentAt = request.newAppointmentAt;
  if (request.handover) details.handover = request.handover;
  const { lastInsertRowid } = stmt(db, `INSERT INTO dossier_events (dossier_id, event, cause, from_status, to_status, at, recorded_at, officer_id,
              officer_name, unit, reason, details, warnings, feed_cursor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    record.id, allowed.event, allowed.cause, allowed.from, allowed.to, at, meta.recordedAt.getTime(), meta.officer?.id ?? null,
    meta.officerName, meta.unit, allowed.reason ?? null, Object.keys(details).length > 0 ? JSON.stringify(details) : null,
    allowed.warnings.length > 0 ? JSON.stringify(allowed.warnings) : null, meta.feedCursor ?? null,
  );
  if (meta.outbox) {
    enqueue(db, { dossierId: record.id, kind: 'dossier.transition', idempotencyKey: meta.outbox.idempotencyKey, payload: meta.outbox.payload, at: meta.recordedAt.getTime() });
  }
  auditAction(db, meta.officer, meta.recordedAt, `dossier.${allowed.event}`, {
    dossierId: record.id,
    before: { status: record.status, appointmentAt: record.appointmentAt, dueAt: record.dueAt },
    after: {
      status: allowed.to, at, cause: allowed.cause,
      ...(allowed.reason ? { reason: allowed.reason } : {}),
      ...(next.appointmentAt && next.appointmentAt !== record.appointmentAt ? { appointmentAt: next.appointmentAt } : {}),
      ...(next.rescheduledAt ? { rescheduledAt: next.rescheduledAt } : {}),
      ...(handover ? { receiver: handover.to, delivery: handover.note } : {}),
    },
  });
  return Number(lastInsertRowid);
}

/** Papers brought later join the dossier's documents (a new count for one it had, a line for a new one). */
function addPapers(db: Db, dossierId: number, papers: NonNullable<TransitionMeta['papers']>): void {
  const { next } = stmt(db, 'SELECT coalesce(max(position), -1) + 1 AS next FROM dossier_documents WHERE dossier_id = ?').get(dossierId) as { next: number };
  let position = next;
  for (const p of papers) {
    const updated = stmt(db, `UPDATE dossier_documents SET originals = originals + ?, certified_copies = certified_copies + ?, copies = copies + ?
                              WHERE dossier_id = ? AND document_code = ?`).run(p.originals, p.certifiedCopies, p.copies, dossierId, p.code).changes;
    if (updated === 0) {
      stmt(db, `INSERT INTO dossier_documents (dossier_id, position, document_code, name, originals, certified_copies, copies)
                VALUES (?, ?, ?, ?, ?, ?, ?)`).run(dossierId, position++, p.code, p.name, p.originals, p.certifiedCopies, p.copies);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// History

export type DossierEvent = Readonly<{
  id: number;
  event: string;
  cause: TransitionCause;
  fromStatus: DossierStatus | null;
  toStatus: DossierStatus;
  at: LocalDateTime;
  recordedAt: number;
  officerId: string | null;
  officerName: string;
  unit: string;
  reason: string | null;
  details: Record<string, unknown> | null;
  warnings: readonly LifecycleWarning[];
}>;

type EventRow = {
  id: number; event: string; cause: TransitionCause; from_status: number | null; to_status: number; at: string; recorded_at: number;
  officer_id: string | null; officer_name: string; unit: string; reason: string | null; details: string | null; warnings: string | null;
};

export const lifecycleStoreSql = {
  eventsOfDossier: `SELECT id, event, cause, from_status, to_status, at, recorded_at, officer_id, officer_name, unit, reason, details, warnings
                    FROM dossier_events WHERE dossier_id = ? ORDER BY dossier_id, id`,
  passedThrough: 'SELECT 1 FROM dossier_events WHERE dossier_id = ? AND to_status = ? LIMIT 1',
  openConflictOfDossier: 'SELECT id FROM lifecycle_conflicts WHERE dossier_id = ? AND resolved_at IS NULL',
  conflictsOfDossier: 'SELECT id FROM lifecycle_conflicts WHERE dossier_id = ? ORDER BY dossier_id, id',
} as const;

export function eventsOf(db: Db, dossierId: number): DossierEvent[] {
  return (stmt(db, lifecycleStoreSql.eventsOfDossier).all(dossierId) as EventRow[]).map((r) => ({
    id: r.id, event: r.event, cause: r.cause, fromStatus: r.from_status as DossierStatus | null, toStatus: r.to_status as DossierStatus, at: r.at,
    recordedAt: r.recorded_at, officerId: r.officer_id, officerName: r.officer_name, unit: r.unit, reason: r.reason,
    details: r.details === null ? null : (JSON.parse(r.details) as Record<string, unknown>),
    warnings: r.warnings === null ? [] : (JSON.parse(r.warnings) as LifecycleWarning[]),
  }));
}

/** A note in the history that changes no status (a hand-off between units, a stale report). */
function insertNote(db: Db, dossierId: number, event: string, status: DossierStatus, at: LocalDateTime, meta: Readonly<{
  recordedAt: number; officerName: string; unit: string; reason: string | null; details?: Record<string, unknown>; warnings?: readonly LifecycleWarning[]; feedCursor?: string;
}>): number {
  const { lastInsertRowid } = stmt(db, `INSERT INTO dossier_events (dossier_id, event, cause, from_status, to_status, at, recorded_at, officer_id,
              officer_name, unit, reason, details, warnings, feed_cursor) VALUES (?, ?, 'feed', ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)`).run(
    dossierId, event, status, status, at, meta.recordedAt, meta.officerName, meta.unit, meta.reason,
    meta.details ? JSON.stringify(meta.details) : null, meta.warnings && meta.warnings.length > 0 ? JSON.stringify(meta.warnings) : null, meta.feedCursor ?? null,
  );
  return Number(lastInsertRowid);
}

// ---------------------------------------------------------------------------------------------
// Conflicts between the portal and the station

export type ConflictRecord = Readonly<{
  id: number;
  dossierId: number;
  source: 'feed' | 'send';
  stationStatus: DossierStatus;
  portalStatus: DossierStatus;
  portalUnit: string;
  portalOfficer: string;
  portalAt: LocalDateTime | null;
  portalNote: string;
  outboxId: number | null;
  detectedAt: number;
  detectedLocal: LocalDateTime;
  resolvedAt: number | null;
  resolution: 'keep_station' | 'accept_portal' | null;
  resolvedBy: string | null;
  resolutionNote: string | null;
}>;

type ConflictRow = {
  id: number; dossier_id: number; source: 'feed' | 'send'; station_status: number; portal_status: number; portal_unit: string; portal_officer: string;
  portal_at: string | null; portal_note: string; outbox_id: number | null; detected_at: number; detected_local: string; resolved_at: number | null;
  resolution: 'keep_station' | 'accept_portal' | null; resolved_by: string | null; resolution_note: string | null;
};

const toConflict = (r: ConflictRow): ConflictRecord => ({
  id: r.id, dossierId: r.dossier_id, source: r.source, stationStatus: r.station_status as DossierStatus, portalStatus: r.portal_status as DossierStatus,
  portalUnit: r.portal_unit, portalOfficer: r.portal_officer, portalAt: r.portal_at, portalNote: r.portal_note, outboxId: r.outbox_id,
  detectedAt: r.detected_at, detectedLocal: r.detected_local, resolvedAt: r.resolved_at, resolution: r.resolution, resolvedBy: r.resolved_by,
  resolutionNote: r.resolution_note,
});

export function conflictById(db: Db, id: number): ConflictRecord | undefined {
  const row = stmt(db, 'SELECT * FROM lifecycle_conflicts WHERE id = ?').get(id) as ConflictRow | undefined;
  return row ? toConflict(row) : undefined;
}

export function openConflictOf(db: Db, dossierId: number): ConflictRecord | undefined {
  const row = stmt(db, lifecycleStoreSql.openConflictOfDossier).get(dossierId) as { id: number } | undefined;
  return row ? conflictById(db, row.id) : undefined;
}

export function conflictsOfDossier(db: Db, dossierId: number): ConflictRecord[] {
  return (stmt(db, lifecycleStoreSql.conflictsOfDossier).all(dossierId) as Array<{ id: number }>).map((r) => conflictById(db, r.id) as ConflictRecord);
}

export function listConflicts(db: Db, includeResolved: boolean, limit: number): ConflictRecord[] {
  const rows = includeResolved
    ? (stmt(db, 'SELECT * FROM lifecycle_conflicts ORDER BY id DESC LIMIT ?').all(limit) as ConflictRow[])
    : (stmt(db, 'SELECT * FROM lifecycle_conflicts WHERE resolved_at IS NULL ORDER BY detected_at LIMIT ?').all(limit) as ConflictRow[]);
  return rows.map(toConflict);
}

export function openConflictCount(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM lifecycle_conflicts WHERE resolved_at IS NULL').get() as { n: number }).n;
}

export type PortalSide = Readonly<{ status: DossierStatus; unit: string; officer: string; at: LocalDateTime | null; note: string }>;

/**
 * Keeps a disagreement: a new one, or what the portal says now added to the one already open
 * (a dossier has at most one open conflict). Answers the conflict's id.
 */
export function recordConflict(db: Db, dossierId: number, source: 'feed' | 'send', stationStatus: DossierStatus, portal: PortalSide, outboxId: number | null, now: Date): number {
  const open = openConflictOf(db, dossierId);
  if (open) {
    stmt(db, `UPDATE lifecycle_conflicts SET portal_status = ?, portal_unit = ?, portal_officer = ?, portal_at = ?, portal_note = ?,
                outbox_id = coalesce(?, outbox_id), station_status = ? WHERE id = ?`).run(
      portal.status, portal.unit || open.portalUnit, portal.officer || open.portalOfficer, portal.at ?? open.portalAt, portal.note || open.portalNote,
      outboxId, stationStatus, open.id,
    );
    return open.id;
  }
  const { lastInsertRowid } = stmt(db, `INSERT INTO lifecycle_conflicts (dossier_id, source, station_status, portal_status, portal_unit, portal_officer,
              portal_at, portal_note, outbox_id, detected_at, detected_local) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    dossierId, source, stationStatus, portal.status, portal.unit, portal.officer, portal.at, portal.note, outboxId, now.getTime(), toVietnamLocal(now),
  );
  auditAction(db, { id: 'portal' }, now, 'dossier.conflict', { dossierId, after: { source, stationStatus, portalStatus: portal.status } });
  return Number(lastInsertRowid);
}

/** The portal refused a station's change because its record has moved on (409 STATUS_CONFLICT). */
export function recordSendConflict(db: Db, dossierId: number, outboxId: number, portal: PortalSide, now: Date): number {
  const record = lifecycleRecordOf(db, dossierId);
  if (!record) return 0;
  const id = recordConflict(db, dossierId, 'send', record.status, portal, outboxId, now);
  insertNote(db, dossierId, 'conflict', record.status, portal.at ?? toVietnamLocal(now), {
    recordedAt: now.getTime(), officerName: portal.officer, unit: portal.unit, reason: portal.note || null,
    details: { portalStatus: portal.status, source: 'send', conflictId: id },
  });
  return id;
}

export function markConflictResolved(db: Db, id: number, resolution: 'keep_station' | 'accept_portal', officerName: string, note: string, now: Date): void {
  stmt(db, 'UPDATE lifecycle_conflicts SET resolved_at = ?, resolution = ?, resolved_by = ?, resolution_note = ? WHERE id = ? AND resolved_at IS NULL').run(
    now.getTime(), resolution, officerName, note === '' ? null : note, id,
  );
}

/**
 * The officer takes the portal's status: the dossier is set to it (outside the transition table:
 * this is the record of what the portal decided), its history and audit say so. The times of a
 * result the portal does not recognise are cleared; the history keeps them.
 */
export function acceptPortalStatus(db: Db, record: LifecycleRecord, portal: PortalSide, officer: Readonly<{ id: string; name: string }>, note: string, now: Date): void {
  const at = toVietnamLocal(now);
  const status = portal.status;
  const keepsResult = status === 9 || status === 10;
  stmt(db, `UPDATE dossiers SET status = ?, last_changed_local = max(coalesce(last_changed_local, received_local), ?),
              finished_local = CASE WHEN ? THEN coalesce(finished_local, ?) ELSE NULL END,
              returned_local = CASE WHEN ? = 10 THEN coalesce(returned_local, ?) ELSE NULL END,
              closed_local = CASE WHEN ? IN (7, 8) THEN coalesce(closed_local, ?) ELSE NULL END,
              status_before_supplement = CASE WHEN ? = 5 THEN status ELSE NULL END,
              supplement_requested_local = CASE WHEN ? = 5 THEN ? ELSE NULL END,
              handler_name = ?, updated_at = ? WHERE id = ?`).run(
    status, at, keepsResult ? 1 : 0, portal.at ?? at, status, portal.at ?? at, status, portal.at ?? at, status, status, portal.at ?? at,
    portal.officer || portal.unit || record.handlerName, now.getTime(), record.id,
  );
  stmt(db, `INSERT INTO dossier_events (dossier_id, event, cause, from_status, to_status, at, recorded_at, officer_id, officer_name, unit, reason, details)
            VALUES (?, 'conflict_resolved', 'counter', ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    record.id, record.status, status, at, now.getTime(), officer.id, officer.name, portal.unit, note === '' ? null : note,
    JSON.stringify({ resolution: 'accept_portal', portalStatus: status, stationStatus: record.status }),
  );
  auditAction(db, officer, now, 'dossier.accept_portal_status', { dossierId: record.id, before: { status: record.status }, after: { status, note } });
}

/** The officer confirmed the station's status over the portal's: the history and the audit say so. */
export function recordStationKept(db: Db, record: LifecycleRecord, officer: Readonly<{ id: string; name: string }>, note: string, now: Date): void {
  stmt(db, `INSERT INTO dossier_events (dossier_id, event, cause, from_status, to_status, at, recorded_at, officer_id, officer_name, unit, reason, details)
            VALUES (?, 'conflict_resolved', 'counter', ?, ?, ?, ?, ?, ?, '', ?, ?)`).run(
    record.id, record.status, record.status, toVietnamLocal(now), now.getTime(), officer.id, officer.name, note === '' ? null : note,
    JSON.stringify({ resolution: 'keep_station', stationStatus: record.status }),
  );
  auditAction(db, officer, now, 'dossier.keep_station_status', { dossierId: record.id, after: { status: record.status, note } });
}

/** The body of an outbox entry the portal rejected; undefined when it is not (or no longer) rejected. */
export function rejectedPayloadOf(db: Db, entryId: number): unknown {
  const row = stmt(db, "SELECT payload FROM outbox WHERE id = ? AND state = 'rejected'").get(entryId) as { payload: string } | undefined;
  return row ? (JSON.parse(row.payload) as unknown) : undefined;
}

/** The station's changes of a dossier the portal's record supersedes: queued, never acknowledged. */
export function dropQueuedTransitions(db: Db, dossierId: number): number {
  return stmt(db, "DELETE FROM outbox WHERE dossier_id = ? AND kind = 'dossier.transition'").run(dossierId).changes;
}

/** The body stored with an outbox entry (a rejected transition is sent again as it was recorded). */
export function outboxPayloadOf(db: Db, entryId: number): unknown {
  const row = stmt(db, 'SELECT payload FROM outbox WHERE id = ?').get(entryId) as { payload: string } | undefined;
  return row ? (JSON.parse(row.payload) as unknown) : {};
}

// ---------------------------------------------------------------------------------------------
// The portal's progress feed, through the same transition table

export type FeedEvent = Readonly<{ cursor: string; status: number; unit: string; officer: string; at: string; note: string }>;

export type FeedOutcome = 'applied' | 'noted' | 'conflict';

/** "20261123150000" → "2026-11-23T15:00"; undefined when it is not a real time. */
export function localFromPortalTime(t: string): LocalDateTime | undefined {
  if (!/^\d{14}$/.test(t)) return undefined;
  const local = `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(8, 10)}:${t.slice(10, 12)}`;
  return isValidLocalDateTime(local) ? local : undefined;
}

/**
 * One event of the back office, in the caller's transaction (the feed's batch): applied when the
 * transition table allows it; a note in the history when it changes no status (a hand-off
 * between units) or repeats a status the dossier already passed through; otherwise — or while a
 * disagreement is open — a conflict kept for an officer, and the dossier is left as it is.
 */
export function applyFeedEvent(db: Db, ctx: LifecycleContext, dossierId: number, e: FeedEvent, now: Date): FeedOutcome {
  const record = lifecycleRecordOf(db, dossierId);
  if (!record) return 'noted';
  const warnings: LifecycleWarning[] = [];
  let at = localFromPortalTime(e.at);
  if (at === undefined) {
    at = toVietnamLocal(now);
    warnings.push({ code: 'OUT_OF_ORDER', params: { at, last: record.lastChangedAt } });
  }
  const note = e.note.normalize('NFC').trim();
  const who = e.officer.trim() !== '' ? e.officer.trim() : e.unit.trim();
  const base = { recordedAt: now.getTime(), officerName: e.officer, unit: e.unit, reason: note === '' ? null : note, feedCursor: e.cursor };
  const portal: PortalSide = { status: (isDossierStatus(e.status) ? e.status : record.status), unit: e.unit, officer: e.officer, at, note };
  if (!isDossierStatus(e.status)) {
    insertNote(db, dossierId, 'progress', record.status, at, { ...base, details: { ignoredStatus: e.status } });
    return 'noted';
  }
  const open = openConflictOf(db, dossierId);
  if (open) {
    recordConflict(db, dossierId, open.source, record.status, portal, null, now);
    insertNote(db, dossierId, 'progress', record.status, at, { ...base, details: { portalStatus: e.status, conflictId: open.id } });
    return 'conflict';
  }
  if (e.status === record.status) {
    insertNote(db, dossierId, 'progress', record.status, at, base);
    if (who !== '') stmt(db, 'UPDATE dossiers SET handler_name = ? WHERE id = ?').run(who, dossierId);
    return 'noted';
  }
  const path = feedPath(record.status, e.status);
  if (path === undefined) {
    // The portal repeating a status the dossier already went through (its echo of the station's own change) is no disagreement.
    if (e.status === 2 || stmt(db, lifecycleStoreSql.passedThrough).get(dossierId, e.status) !== undefined) {
      insertNote(db, dossierId, 'progress', record.status, at, { ...base, details: { portalStatus: e.status, stale: true } });
      return 'noted';
    }
    const id = recordConflict(db, dossierId, 'feed', record.status, portal, null, now);
    insertNote(db, dossierId, 'conflict', record.status, at, { ...base, details: { portalStatus: e.status, source: 'feed', conflictId: id } });
    return 'conflict';
  }
  const counterProcessed = isCounterProcessed(ctx.settings, record.procedureCode, record.processingTime);
  const context = { calendar: ctx.calendar, processingTime: record.processingTime, supplementRule: ctx.settings.supplementClockRule, roundingMinutes: ctx.roundingMinutes };
  // The whole path is checked before anything is written: a feed that skipped a step ("Đang xử lý"
  // between received and processed) implies it; one the table refuses on the way is a conflict.
  const requests = path.map((event, i) => feedRequest(event, at, i === path.length - 1 ? note : '', who, e.unit, record.ownerName));
  let state = stateOf(record, counterProcessed);
  for (const request of requests) {
    const checked = checkTransition(state, request, context);
    if (!checked.ok) {
      const id = recordConflict(db, dossierId, 'feed', record.status, { ...portal, note: `${note}${note ? ' — ' : ''}${formatLifecycleRefusal(checked, 'vi')}` }, null, now);
      insertNote(db, dossierId, 'conflict', record.status, at, { ...base, details: { portalStatus: e.status, source: 'feed', conflictId: id, refusal: checked.code } });
      return 'conflict';
    }
    state = checked.next;
  }
  if (state.status !== e.status) {
    const id = recordConflict(db, dossierId, 'feed', record.status, portal, null, now);
    insertNote(db, dossierId, 'conflict', record.status, at, { ...base, details: { portalStatus: e.status, source: 'feed', conflictId: id } });
    return 'conflict';
  }
  requests.forEach((request, i) => {
    const current = lifecycleRecordOf(db, dossierId) as LifecycleRecord;
    const checked = checkTransition(stateOf(current, counterProcessed), request, context);
    if (!checked.ok) throw new Error(`The feed's path was checked but ${request.event} is now refused (${checked.code})`);
    const last = i === requests.length - 1;
    applyTransition(db, ctx, current, request, { ...checked, warnings: [...checked.warnings, ...(last ? warnings : [])] }, {
      officer: { id: 'portal', name: who },
      officerName: e.officer,
      unit: e.unit,
      recordedAt: now,
      ...(last ? { feedCursor: e.cursor } : {}),
      details: { ...(last ? {} : { implied: true }), ...(request.event === 'return_result' ? { returnedByBackOffice: true } : {}) },
    });
  });
  return 'applied';
}

/** How many changes a feed event may imply (the feed carries only the latest status: steps between may be missed). */
const MAX_FEED_PATH = 3;

/**
 * The shortest chain of the back office's changes from a status to the one the feed reports
 * (one change when the table has it directly); undefined when there is none.
 */
export function feedPath(from: DossierStatus, to: DossierStatus): LifecycleEvent[] | undefined {
  if (from === to) return undefined;
  const direct = eventFor(from, to, 'feed');
  if (direct !== undefined) return [direct];
  const queue: Array<[DossierStatus, LifecycleEvent[]]> = [[from, []]];
  const seen = new Set<DossierStatus>([from]);
  while (queue.length > 0) {
    const [status, path] = queue.shift() as [DossierStatus, LifecycleEvent[]];
    if (path.length >= MAX_FEED_PATH) continue;
    for (const r of TRANSITIONS) {
      if (r.from !== status || r.to === r.from || !r.causes.includes('feed')) continue;
      if (r.to === to) return [...path, r.event];
      if (!seen.has(r.to) && !FINAL_STATUSES.has(r.to)) {
        seen.add(r.to);
        queue.push([r.to, [...path, r.event]]);
      }
    }
  }
  return undefined;
}

/** The request a feed event stands for; what the portal does not say is filled in plainly. */
function feedRequest(event: LifecycleEvent, at: LocalDateTime, note: string, who: string, unit: string, ownerName: string): TransitionRequest {
  const reason = note !== '' ? note : `Theo thông báo của ${unit || 'bộ phận xử lý'}`;
  switch (event) {
    case 'request_supplement':
      return { event, cause: 'feed', at, reason, supplementItems: [reason] };
    case 'return_result':
      return {
        event, cause: 'feed', at, ...(note !== '' ? { reason: note } : {}),
        handover: { receiver: { kind: 'owner' }, delivery: { method: 'counter' }, officerName: who || unit || ownerName },
      };
    case 'withdraw':
    case 'stop_processing':
    case 'refuse':
    case 'apologise':
      return { event, cause: 'feed', at, reason };
    case 'register_online':
    case 'receive':
    case 'complete_supplement':
    case 'start_processing':
    case 'request_financial_obligation':
    case 'meet_financial_obligation':
    case 'finish':
    case 'finish_at_counter':
      return { event, cause: 'feed', at, ...(note !== '' ? { reason: note } : {}) };
    default: {
      const unknown: never = event;
      return { event: unknown, cause: 'feed', at };
    }
  }
}

import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Handlers } from '../contract/dispatch';
import type { conflictView, counterRequestView, timelineEntry } from '../contract/lifecycle-channels';
import { StationError } from '../core/errors';
import { formatTimeAndDate } from '../core/format';
import { DOSSIER_STATUSES, statusLabel, type DossierStatus, type LifecycleEvent } from '../core/lifecycle';
import { EVENT_LABELS, formatLifecycleWarning } from '../core/lifecycle-messages';
import { toVietnamLocal } from '../core/time';
import { transitionRecord } from '../portal/transition-record';
import type { Db } from '../storage/db';
import { writeTransaction } from '../storage/database';
import { dossierCodeOf, requireDossierId } from '../storage/dossier-store';
import {
  acceptPortalStatus, conflictById, conflictsOfDossier, dropQueuedTransitions, eventsOf, intakeKeyOf, lifecycleRecordOf, listConflicts, markConflictResolved,
  openConflictCount, openConflictOf, recordStationKept, rejectedPayloadOf, type ConflictRecord, type DossierEvent, type LifecycleRecord,
} from '../storage/lifecycle-store';
import { enqueue, outboxCounts, requeueRejected } from '../storage/outbox-store';
import { counterRequestsOfIntake, type CounterRequest } from './counter-request-store';
import { formsOfDossier, formsOfRequest } from './forms-store';
import { viewOf } from './form-handlers';
import type { LifecycleEnv } from './lifecycle-env';
import { officerOf } from './lifecycle-env';
import { CONFLICT_EXPLANATIONS, TIMELINE_WORDS } from './messages';
import { lifecycleDossierView } from './views';

// The dossier page's story: the request at the counter before reception (if any), the
// reception, every change and every report of the back office, the disagreements with the portal
// and how an officer decided them — each a sentence — with the forms issued, and what the status
// allows now. And the disagreements themselves: listed with what to do, decided by an officer.

type Entry = z.output<typeof timelineEntry>;
type ConflictView = z.output<typeof conflictView>;
type CounterRequestView = z.output<typeof counterRequestView>;

const fill = (text: string, params: Record<string, string>) => text.replace(/\{(\w+)\}/g, (w, k: string) => params[k] ?? w);
const capital = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
const name = (s: DossierStatus | null) => (s === null ? 'chưa ghi nhận' : DOSSIER_STATUSES[s].vi);

export function counterRequestViewOf(db: Db, r: CounterRequest): CounterRequestView {
  const forms = formsOfRequest(db, r.id);
  return {
    id: r.id, kind: r.kind, ownerName: r.ownerName, ownerIdNumber: r.ownerIdNumber, procedureCode: r.procedureCode, procedureName: r.procedureName,
    requestedAt: r.at, items: [...r.items], reason: r.reason, officerName: r.officerName, resumedAs: r.resumedAs, formId: forms.at(-1)?.id ?? null,
  };
}

function eventText(e: DossierEvent): string {
  const details = e.details ?? {};
  switch (e.event) {
    case 'progress': {
      if (details.stale === true && typeof details.portalStatus === 'number') return fill(TIMELINE_WORDS.stale, { status: name(details.portalStatus as DossierStatus) });
      const base = fill(TIMELINE_WORDS.progress, { unit: e.unit || e.officerName || 'cổng dịch vụ công' });
      return e.reason ? `${base}: ${e.reason}` : base;
    }
    case 'conflict':
      return fill(TIMELINE_WORDS.conflict, { portal: name((details.portalStatus as DossierStatus | undefined) ?? e.toStatus), station: name(e.toStatus) });
    case 'conflict_resolved':
      return details.resolution === 'keep_station'
        ? fill(TIMELINE_WORDS.keepStation, { status: name(e.toStatus) })
        : fill(TIMELINE_WORDS.acceptPortal, { status: name(e.toStatus) });
    default: {
      const label = e.event in EVENT_LABELS ? capital(EVENT_LABELS[e.event as LifecycleEvent].vi) : e.event;
      const change = e.fromStatus === e.toStatus ? name(e.toStatus) : `${name(e.fromStatus)} → ${name(e.toStatus)}`;
      const extra: string[] = [];
      const appointment = (details.appointment as { appointmentAt?: string } | undefined)?.appointmentAt;
      if (appointment) extra.push(`hẹn trả kết quả lúc ${formatTimeAndDate(appointment)}`);
      if (typeof details.newAppointmentAt === 'string') extra.push(`hẹn lại lúc ${formatTimeAndDate(details.newAppointmentAt)}`);
      if (typeof details.toUnit === 'string') extra.push(`chuyển ${details.toUnit}`);
      if (e.reason) extra.push(e.reason);
      return `${label}: ${change}${extra.length > 0 ? ` — ${extra.join('; ')}` : ''}`;
    }
  }
}

function kindOf(e: DossierEvent): Entry['kind'] {
  if (e.event === 'progress') return 'progress';
  if (e.event === 'conflict') return 'conflict';
  if (e.event === 'conflict_resolved') return 'conflict_resolved';
  return 'transition';
}

export function conflictViewOf(db: Db, c: ConflictRecord): ConflictView {
  const record = lifecycleRecordOf(db, c.dossierId) as LifecycleRecord;
  const by = [c.portalOfficer, c.portalUnit].filter((s) => s.trim() !== '').join(', ') || 'bộ phận xử lý';
  return {
    id: c.id, code: record.code, ownerName: record.ownerName, procedureName: record.procedureName, source: c.source,
    stationStatus: c.stationStatus, stationStatusLabel: statusLabel(c.stationStatus, 'vi'),
    portalStatus: c.portalStatus, portalStatusLabel: statusLabel(c.portalStatus, 'vi'),
    portalUnit: c.portalUnit, portalOfficer: c.portalOfficer, portalAt: c.portalAt, portalNote: c.portalNote,
    detectedAt: c.detectedLocal,
    explanation: fill(CONFLICT_EXPLANATIONS[c.source], { code: record.code, portal: name(c.portalStatus), station: name(c.stationStatus), portalBy: by }),
    resolvedAt: c.resolvedAt === null ? null : toVietnamLocal(new Date(c.resolvedAt)),
    resolution: c.resolution,
    resolutionNote: c.resolutionNote,
  };
}

type TimelineChannel = 'dossier.timeline' | 'conflicts.list' | 'conflicts.resolve';

export function timelineHandlers(env: LifecycleEnv): Pick<Handlers, TimelineChannel> {
  const { ctx } = env;
  const { db } = ctx;
  return {
    'dossier.timeline': ({ code }) => {
      const id = requireDossierId(db, code);
      const record = lifecycleRecordOf(db, id) as LifecycleRecord;
      const lang = ctx.language();
      const now = toVietnamLocal(ctx.now());
      const forms = formsOfDossier(db, id);
      const entries: Entry[] = [];
      const key = intakeKeyOf(db, id);
      for (const r of key === undefined ? [] : counterRequestsOfIntake(db, key)) {
        entries.push({
          id: `request-${r.id}`, at: r.at, kind: 'counter_request', event: r.kind === 'supplement' ? 'request_supplement' : 'refuse', cause: 'counter',
          fromStatus: null, toStatus: null, officerName: r.officerName, unit: ctx.settings().agency.unitName, reason: r.reason,
          text: `${r.kind === 'supplement' ? TIMELINE_WORDS.counterRequestSupplement : TIMELINE_WORDS.counterRequestRefusal}: ${r.items.join('; ')}`,
          details: { items: [...r.items] }, warnings: [], formIds: formsOfRequest(db, r.id).map((f) => f.id),
        });
      }
      entries.push({
        id: 'reception', at: record.receivedAt, kind: 'reception', event: 'receive', cause: 'counter', fromStatus: null, toStatus: 2,
        officerName: record.officerName, unit: ctx.settings().agency.unitName, reason: null,
        text: fill(TIMELINE_WORDS.reception, { appointment: formatTimeAndDate(firstAppointment(db, id) ?? record.appointmentAt) }),
        details: null, warnings: [], formIds: [],
      });
      for (const e of eventsOf(db, id)) {
        entries.push({
          id: `event-${e.id}`, at: e.at, kind: kindOf(e), event: e.event, cause: e.cause, fromStatus: e.fromStatus, toStatus: e.toStatus,
          officerName: e.officerName, unit: e.unit, reason: e.reason, text: eventText(e), details: e.details,
          warnings: e.warnings.map((w) => formatLifecycleWarning(w, lang)), formIds: forms.filter((f) => f.eventId === e.id).map((f) => f.id),
        });
      }
      const open = openConflictOf(db, id);
      return {
        dossier: lifecycleDossierView(record, { calendar: env.calendar(), settings: env.settings(), now, lang, openConflict: open !== undefined }),
        entries,
        forms: forms.map((f) => viewOf(db, f)),
        conflicts: conflictsOfDossier(db, id).map((c) => conflictViewOf(db, c)),
      };
    },
    'conflicts.list': ({ includeResolved, limit }) => listConflicts(db, includeResolved, limit).map((c) => conflictViewOf(db, c)),
    'conflicts.resolve': ({ id, choice, note }, call) => {
      const officer = officerOf(call);
      const now = ctx.now();
      const conflict = conflictById(db, id);
      if (!conflict) throw new StationError('LIFECYCLE_CONFLICT_NOT_FOUND', { id }, 'id');
      if (conflict.resolvedAt !== null) {
        throw new StationError('LIFECYCLE_CONFLICT_ALREADY_RESOLVED', { resolution: conflict.resolution === 'keep_station' ? 'giữ trạng thái của trạm' : 'chấp nhận trạng thái của cổng' });
      }
      const cleanNote = note.normalize('NFC').trim();
      writeTransaction(db, () => {
        const record = lifecycleRecordOf(db, conflict.dossierId) as LifecycleRecord;
        const portal = { status: conflict.portalStatus, unit: conflict.portalUnit, officer: conflict.portalOfficer, at: conflict.portalAt, note: conflict.portalNote };
        if (choice === 'accept_portal') {
          // The portal's record stands: the station's changes it did not take are dropped.
          dropQueuedTransitions(db, record.id);
          acceptPortalStatus(db, record, portal, officer, cleanNote, now);
        } else {
          // The station's record stands, confirmed by the officer: the refused change goes again
          // under a new key and says so; a disagreement seen only in the feed is answered with a
          // confirmation of the station's status.
          const refused = conflict.outboxId !== null && requeueConfirmed(db, conflict.outboxId, now);
          if (!refused) {
            enqueue(db, {
              dossierId: record.id, kind: 'dossier.transition', idempotencyKey: randomUUID(), at: now.getTime(),
              payload: transitionRecord({
                code: record.code, event: 'confirm_status', from: conflict.portalStatus, to: record.status, at: toVietnamLocal(now),
                officerName: officer.name, unit: ctx.settings().agency.unitName, reason: cleanNote || 'Cán bộ xác nhận trạng thái của trạm', confirm: true,
              }),
            });
          }
          recordStationKept(db, record, officer, cleanNote, now);
        }
        markConflictResolved(db, conflict.id, choice, officer.name, cleanNote, now);
      });
      const code = dossierCodeOf(db, conflict.dossierId);
      ctx.events.emit('dossier.changed', { code });
      ctx.events.emit('outbox.changed', outboxCounts(db));
      ctx.events.emit('conflicts.changed', { open: openConflictCount(db) });
      return conflictViewOf(db, conflictById(db, id) as ConflictRecord);
    },
  };
}

/** The appointment given at reception: the one before the first change that moved it, else the current one. */
function firstAppointment(db: Db, dossierId: number): string | undefined {
  const moved = eventsOf(db, dossierId).find((e) => typeof e.details?.previousAppointmentAt === 'string');
  return moved?.details?.previousAppointmentAt as string | undefined;
}

/** The refused transition again, with the officer's confirmation; false when it is no longer rejected in the outbox. */
function requeueConfirmed(db: Db, outboxId: number, now: Date): boolean {
  const payload = rejectedPayloadOf(db, outboxId);
  if (payload === undefined) return false;
  return requeueRejected(db, outboxId, { ...(payload as Record<string, unknown>), XacNhanXungDot: true }, randomUUID(), now.getTime());
}

import { randomUUID } from 'node:crypto';
import type { Handlers } from '../contract/dispatch';
import { WorkingCalendar } from '../core/calendar/working-calendar';
import { StationError, StationIssues } from '../core/errors';
import { checkIdNumber } from '../core/identity';
import { checkDraft } from '../core/intake';
import { intakeDifferences, intakeVersionOf, type IntakeKeyConflictDetails } from '../core/intake-conflict';
import type { NewDossier, Procedure } from '../core/model';
import { toVietnamLocal, vietnamToday } from '../core/time';
import type { StationContext } from '../feature';
import { portalRecord } from '../portal/portal-record';
import { listCalendarDays } from '../storage/calendar-store';
import { getProcedure } from '../storage/catalogue-store';
import type { CodeAllocator } from '../storage/code-allocation';
import { getDossier, insertDossier, logbook, recentDossiers, requireDossier, searchDossiers } from '../storage/dossier-store';
import { outboxCounts } from '../storage/outbox-store';
import { codeAllocatorFor } from './code-allocator';

// Receiving a dossier and finding it again: the appointment computed by the working calendar,
// the form checked as a whole, the dossier and its outbox entry in one transaction.

const STATUS_RECEIVED = 2; // TrangThaiHoSo "Được tiếp nhận"
const CHANNEL_COUNTER = 1; // KenhThucHien "trực tiếp"
const DAY_MS = 86_400_000;

type DossierChannel = 'appointment.preview' | 'identity.describe' | 'dossier.validate' | 'dossier.save' | 'dossier.get' | 'dossier.logbook' | 'dossier.search' | 'dossier.recent';

export function dossierHandlers(ctx: StationContext): Pick<Handlers, DossierChannel> {
  const { db } = ctx;
  // Read on every intake; kept until the calendar, the settings or the portal set-up change.
  let calendar: WorkingCalendar | undefined;
  let allocator: CodeAllocator | undefined;
  ctx.events.on('calendar.changed', () => { calendar = undefined; });
  ctx.events.on('settings.changed', () => { calendar = undefined; allocator = undefined; });
  const workingCalendar = () => (calendar ??= new WorkingCalendar({ segments: ctx.settings().station.workingHours, days: listCalendarDays(db) }));
  const codes = () => (allocator ??= codeAllocatorFor(db, ctx.settings().agency, ctx.settings().station));

  const requireProcedure = (code: string): Procedure => {
    const procedure = getProcedure(db, code);
    if (!procedure) throw new StationError('PROCEDURE_UNKNOWN', { code }, 'procedureCode');
    return procedure;
  };
  const appointmentFor = (procedure: Procedure, receivedAt: string) =>
    workingCalendar().computeAppointment(receivedAt, procedure.processingTime, { roundingMinutes: ctx.settings().station.appointmentRoundingMinutes });

  return {
    'appointment.preview': ({ procedureCode, receivedAt }) => {
      const at = receivedAt ?? toVietnamLocal(ctx.now());
      return { receivedAt: at, ...appointmentFor(requireProcedure(procedureCode), at) };
    },
    'identity.describe': ({ idNumber }) => {
      const { provinceName, gender, birthYear } = checkIdNumber(idNumber);
      return { provinceName, gender, birthYear };
    },
    'dossier.validate': (draft) => {
      const { errors } = checkDraft(draft, getProcedure(db, draft.procedureCode), vietnamToday(ctx.now()));
      if (errors.length > 0) throw new StationIssues(errors);
      return { ok: true as const };
    },
    'dossier.save': (input, call) => {
      const receivedMoment = ctx.now();
      const receivedAt = toVietnamLocal(receivedMoment);
      const procedure = getProcedure(db, input.procedureCode);
      const { errors, checked } = checkDraft(input, procedure, receivedAt.slice(0, 10));
      if (!checked || !procedure) throw new StationIssues(errors);
      const { agency, station } = ctx.settings();
      const { countingFrom, appointmentAt } = appointmentFor(procedure, receivedAt);
      const { draft } = checked;
      const record: NewDossier = {
        intakeKey: draft.intakeKey,
        procedureCode: procedure.code,
        procedureName: procedure.name,
        processingTime: procedure.processingTime,
        status: STATUS_RECEIVED,
        channel: CHANNEL_COUNTER,
        owner: draft.owner,
        submitter: draft.submitter,
        resultDelivery: draft.resultDelivery,
        documents: checked.documents,
        sets: draft.sets,
        notes: draft.notes,
        receivedAtMs: receivedMoment.getTime(),
        receivedAt,
        countingFrom,
        appointmentAt,
        logBookVolume: receivedAt.slice(0, 4),
        // The officer logged in at the counter: on the slip, in the log book, in the audit log.
        officerName: call?.officer?.name ?? station.officerName,
      };
      const { id, created } = insertDossier(db, record, codes(), {
        kind: 'dossier.create',
        idempotencyKey: randomUUID(),
        payload: (code, provisional) => portalRecord(code, agency.agencyId, record, provisional),
      }, call?.officer);
      const saved = getDossier(db, { id })!;
      if (!created) {
        // The same key again: a repeat (a retried request) answers the dossier saved; other data
        // under it is refused with both versions, nothing changed (docs: the intake key).
        const stored = intakeVersionOf(saved);
        const submitted = intakeVersionOf(record);
        const differences = intakeDifferences(stored, submitted);
        if (differences.length > 0) {
          const details: IntakeKeyConflictDetails = { code: saved.code, receivedAt: saved.receivedAt, stored, submitted, differences };
          throw new StationError('INTAKE_KEY_CONFLICT', { code: saved.code }, undefined, details);
        }
      }
      if (created) {
        ctx.events.emit('dossier.changed', { code: saved.code });
        ctx.events.emit('outbox.changed', outboxCounts(db));
      }
      return saved;
    },
    'dossier.get': ({ code }) => requireDossier(db, code),
    'dossier.logbook': ({ date }) => logbook(db, date ?? vietnamToday(ctx.now())),
    'dossier.search': ({ query, limit }) => searchDossiers(db, query, limit),
    'dossier.recent': ({ idNumber, procedureCode, days }) => recentDossiers(db, idNumber, procedureCode, ctx.now().getTime() - days * DAY_MS),
  };
}

import { randomUUID } from 'node:crypto';
import type { Handlers } from '../contract/dispatch';
import type { TransitionInput } from '../contract/lifecycle-channels';
import type { DossierView } from '../storage/dossier-store';
import { StationError } from '../core/errors';
import { checkTransition, statusLabel, type ResultHandover, type TransitionAllowed, type TransitionRequest } from '../core/lifecycle';
import { formatLifecycleWarning } from '../core/lifecycle-messages';
import type { LocalDateTime } from '../core/model';
import { checkPersonText, type TextKind } from '../core/text-safety';
import { addDays, toVietnamLocal } from '../core/time';
import { formTemplate, type FormSetId } from '../forms/form-sets';
import { slipDataOf } from '../forms/receipt-slip-data';
import { transitionRecord } from '../portal/transition-record';
import { writeTransaction } from '../storage/database';
import { requireDossier, requireDossierId } from '../storage/dossier-store';
import {
  applyTransition, eventsOf, isCounterProcessed, lifecycleRecordOf, openConflictOf, stateOf, type ConflictRecord, type LifecycleRecord,
} from '../storage/lifecycle-store';
import { outboxCounts } from '../storage/outbox-store';
import { checkFormDocument, completeByOf, formModules, formTitle, processingControlData, type FormDocument, type FormModules } from './form-data';
import { insertIssuedForm, nextFormNumber, type FormKindName } from './forms-store';
import { issuedFormView } from './form-handlers';
import type { LifecycleEnv } from './lifecycle-env';
import { officerOf } from './lifecycle-env';
import { checkedForm, refusalError } from './refusals';
import { lifecycleDossierView } from './views';

// The counter's changes of a dossier (`dossier.transition`): checked by the core's transition
// table, then written in ONE transaction — the dossier's state, its history row, its outbox
// entry for the portal (after the dossier's earlier ones), its audit entry, and the form that
// goes with it (numbered, its data kept so that a reprint is the same document). A change the
// table forbids, or whose form cannot be made, is refused and nothing is written.

/** Demo profiles print demo contacts and signers (the forms carry the DEMO mark while the agency is the demo). */
const DEMO_CONTACT_PHONE = '0222 3812 345';
const DEMO_SIGNER = 'Nguyễn Văn Mẫu';

/** A person's text, checked and cleaned (core/text-safety.ts); refused with its field. */
export function cleanText(value: string, kind: TextKind, field: string): string {
  const checked = checkPersonText(value, kind, field);
  if (!checked.ok) throw checked.error;
  return checked.text;
}

function requestOf(input: TransitionInput, at: LocalDateTime, officerName: string): TransitionRequest {
  const base = { cause: 'counter' as const, at };
  const note = (v: string | undefined, field = 'note') => (v === undefined ? {} : { reason: cleanText(v, 'note', field) });
  switch (input.event) {
    case 'request_supplement':
      return { ...base, event: input.event, reason: cleanText(input.reason, 'note', 'reason'), supplementItems: input.items.map((item, i) => cleanText(item, 'note', `items.${i}`)) };
    case 'complete_supplement':
    case 'start_processing':
    case 'meet_financial_obligation':
    case 'finish_at_counter':
    case 'finish':
      return { ...base, event: input.event, ...note(input.note) };
    case 'withdraw':
    case 'stop_processing':
      return { ...base, event: input.event, reason: cleanText(input.reason, 'note', 'reason') };
    case 'return_result': {
      const r = input.receiver;
      const d = input.delivery;
      const handover: ResultHandover = {
        receiver: r.kind === 'owner'
          ? { kind: 'owner' }
          : {
              kind: 'authorised',
              fullName: cleanText(r.fullName, 'name', 'receiver.fullName'),
              idNumber: r.idNumber.replace(/\s+/g, ''),
              ...(r.authorisation !== undefined && r.authorisation.trim() !== '' ? { authorisation: cleanText(r.authorisation, 'note', 'receiver.authorisation') } : {}),
            },
        delivery: d.method === 'counter'
          ? { method: 'counter' }
          : {
              method: 'post',
              trackingNumber: d.trackingNumber.replace(/\s+/g, '').toUpperCase(),
              ...(d.postalService !== undefined && d.postalService.trim() !== '' ? { postalService: cleanText(d.postalService, 'name', 'delivery.postalService') } : {}),
            },
        officerName,
      };
      return { ...base, event: input.event, handover, ...note(input.note) };
    }
    case 'apologise':
      return { ...base, event: input.event, reason: cleanText(input.reason, 'note', 'reason'), newAppointmentAt: input.newAppointmentAt };
    default: {
      const unknown: never = input;
      throw new Error(`Unknown transition ${JSON.stringify(unknown)}`);
    }
  }
}

export function conflictOpenError(record: LifecycleRecord, open: ConflictRecord): StationError {
  return new StationError('LIFECYCLE_CONFLICT_OPEN', { code: record.code, station: statusLabel(open.stationStatus, 'vi'), portal: statusLabel(open.portalStatus, 'vi') });
}

/** Where a problem of a form's data is typed on the screen of `dossier.transition`. */
const transitionField = (f: string): string | undefined =>
  f === 'signer.name' || f === 'signer.role' ? f
    : f === 'newAppointmentAt' ? 'newAppointmentAt'
    : f === 'reason' ? 'reason'
    : f.startsWith('items') ? f
    : f.startsWith('results') ? f
    : f === 'receiver.idNumber' || f === 'receiver.fullName' ? f
    : f === 'delivery.trackingNumber' ? f
    : undefined;

export function transitionHandlers(env: LifecycleEnv): Pick<Handlers, 'dossier.transition'> {
  const { ctx } = env;
  const { db } = ctx;
  return {
    'dossier.transition': async (input, call) => {
      const officer = officerOf(call);
      const modules = await formModules(); // before the transaction: it stays synchronous
      const now = ctx.now();
      const at = toVietnamLocal(now);
      const dossierId = requireDossierId(db, input.code);
      const rules = env.rules();
      const { agency, station } = ctx.settings();
      const set = rules.settings.formSet as FormSetId;
      const written = writeTransaction(db, () => {
        const record = lifecycleRecordOf(db, dossierId) as LifecycleRecord;
        const open = openConflictOf(db, dossierId);
        if (open) throw conflictOpenError(record, open);
        const counterProcessed = isCounterProcessed(rules.settings, record.procedureCode, record.processingTime);
        const request = requestOf(input, at, officer.name);
        const checked = checkTransition(stateOf(record, counterProcessed), request, {
          calendar: rules.calendar, processingTime: record.processingTime, supplementRule: rules.settings.supplementClockRule, roundingMinutes: rules.roundingMinutes,
        });
        if (!checked.ok) throw refusalError(checked, record.status);

        // The whole dossier (its owner, its documents) only for the changes whose form or papers need it.
        const before = checked.form !== undefined || input.event === 'complete_supplement' ? requireDossier(db, record.code) : undefined;
        const papers = input.event === 'complete_supplement' && before ? papersOf(input.papers, before) : undefined;
        const toUnit = input.event === 'start_processing' && input.toUnit !== undefined && input.toUnit.trim() !== '' ? cleanText(input.toUnit, 'name', 'toUnit') : undefined;
        const payload = transitionRecord({
          code: record.code, event: checked.event, from: checked.from, to: checked.to, at, officerName: officer.name, unit: agency.unitName,
          ...(checked.reason !== undefined ? { reason: checked.reason } : {}),
          ...(checked.appointment ? { appointmentAt: checked.appointment.appointmentAt } : {}),
          ...(request.newAppointmentAt !== undefined ? { newAppointmentAt: request.newAppointmentAt } : {}),
          ...(checked.supplementItems ? { items: checked.supplementItems } : {}),
          ...(papers ? { papers } : {}),
          ...(request.handover ? { handover: request.handover } : {}),
          ...(toUnit !== undefined ? { toUnit } : {}),
        });
        const eventId = applyTransition(db, rules, record, request, checked, {
          officer, officerName: officer.name, unit: agency.unitName, recordedAt: now,
          details: { ...(toUnit !== undefined ? { toUnit } : {}), ...(papers ? { papers } : {}) },
          outbox: { idempotencyKey: randomUUID(), payload },
          ...(papers ? { papers: papers.map((p) => ({ code: p.code, name: p.name, originals: p.originals, certifiedCopies: p.certifiedCopies, copies: p.copies })) } : {}),
        });

        const after = lifecycleRecordOf(db, dossierId) as LifecycleRecord;
        const doc = before ? documentFor(checked, { env, modules, set, prior: record, record: after, before, input, request, at, officerName: officer.name }) : undefined;
        const formIds: number[] = [];
        if (doc) {
          const number = numbered(doc.kind) ? nextFormNumber(db, doc.kind, at.slice(0, 4), station.stationNumber) : null;
          const withNumber = number === null ? doc : ({ ...doc, data: { ...doc.data, number } } as FormDocument);
          checkedForm(() => checkFormDocument(modules, withNumber), transitionField);
          formIds.push(insertIssuedForm(db, {
            dossierId, eventId, kind: doc.kind, formSet: set, number, title: formTitle(set, doc.kind), officer, at: now, data: withNumber,
          }));
        }
        return { after, warnings: checked.warnings, formIds };
      });
      ctx.events.emit('dossier.changed', { code: written.after.code });
      ctx.events.emit('outbox.changed', outboxCounts(db));
      const lang = ctx.language();
      return {
        dossier: lifecycleDossierView(written.after, { calendar: rules.calendar, settings: rules.settings, now: at, lang, openConflict: false }),
        warnings: written.warnings.map((w) => ({ code: w.code, message: formatLifecycleWarning(w, lang) })),
        forms: written.formIds.map((id) => issuedFormView(db, id)),
      };
    },
  };
}

const numbered = (kind: FormKindName) => kind !== 'processing_control' && kind !== 'receipt_slip' && kind !== 'log_book';

type PaperInput = Extract<TransitionInput, { event: 'complete_supplement' }>['papers'][number];

/** The papers brought, each named and coded: a document of the procedure keeps its code, others get "BS1", "BS2"… */
function papersOf(papers: readonly PaperInput[], dossier: DossierView) {
  const codes = new Set(dossier.documents.map((d) => d.code));
  let n = dossier.documents.filter((d) => /^BS\d+$/.test(d.code)).length;
  return papers.map((p, i) => {
    const name = cleanText(p.name, 'name', `papers.${i}.name`);
    const known = p.code !== undefined && p.code.trim() !== '' ? p.code.trim() : undefined;
    const code = known ?? (() => { do n++; while (codes.has(`BS${n}`)); return `BS${n}`; })();
    codes.add(code);
    return { code, name: name !== '' ? name : (dossier.documents.find((d) => d.code === code)?.name ?? code), originals: p.originals, certifiedCopies: p.certifiedCopies, copies: p.copies };
  });
}

type DocumentContext = Readonly<{
  env: LifecycleEnv;
  modules: FormModules;
  set: FormSetId;
  /** The dossier before the change, and after it. */
  prior: LifecycleRecord;
  record: LifecycleRecord;
  before: DossierView;
  input: TransitionInput;
  request: TransitionRequest;
  at: LocalDateTime;
  officerName: string;
}>;

/** The form that goes with an allowed change, laid out from the dossier as it is now (its number added after). */
function documentFor(checked: TransitionAllowed, c: DocumentContext): FormDocument | undefined {
  const { env, set, record, before, at } = c;
  const { agency, station } = env.ctx.settings();
  const settings = env.settings();
  const demo = agency.demo;
  const applicant = {
    fullName: before.owner.fullName, address: before.owner.address, phone: before.owner.phone, ...(before.owner.email ? { email: before.owner.email } : {}),
  };
  const signer = () => {
    const given = c.input.event === 'apologise' ? c.input.signer : undefined;
    const role = given?.role.trim() || settings.signer.role || 'CHỦ TỊCH';
    const name = given?.name.trim() || settings.signer.name.trim() || (demo ? DEMO_SIGNER : '');
    if (name === '') throw new StationError('LIFECYCLE_SIGNER_REQUIRED', {}, 'signer.name');
    return { role: cleanText(role, 'note', 'signer.role'), name: cleanText(name, 'name', 'signer.name') };
  };
  switch (checked.form) {
    case undefined:
      return undefined;
    case 'supplement_request': {
      const phone = settings.contactPhone.trim() || (demo ? DEMO_CONTACT_PHONE : '');
      if (phone === '') throw new StationError('LIFECYCLE_CONTACT_PHONE_REQUIRED');
      const completeBy = completeByOf(settings, at, addDays);
      return {
        kind: 'supplement_request',
        data: {
          formSet: set, paper: settings.formPaper, agency: env.counterAgency(), number: '', issuedAt: at, dossierCode: record.code, applicant,
          request: record.procedureName, procedureCode: record.procedureCode, items: checked.supplementItems ?? [], reason: checked.reason ?? '',
          contact: { name: c.officerName, phone }, officerName: c.officerName, ...(completeBy ? { completeBy } : {}), demo,
        },
      };
    }
    case 'apology':
      return {
        kind: 'apology',
        data: {
          formSet: set, paper: settings.formPaper, agency: env.letterAgency(), number: '', issuedAt: at,
          recipient: { fullName: applicant.fullName, address: applicant.address, phone: applicant.phone }, dossierCode: record.code,
          request: record.procedureName, receivedAt: record.receivedAt,
          // The date the citizen was holding: the slip's, or the one an earlier apology gave.
          appointmentAt: c.prior.dueAt,
          reason: checked.reason ?? '', newAppointmentAt: c.request.newAppointmentAt ?? '', signer: signer(), demo,
        },
      };
    case 'stop_notice':
      // Only the 2025 set has the notice; under the 2018 set the stop is recorded without a form.
      if (formTemplate(set, 'stop_notice') === undefined) return undefined;
      return {
        kind: 'stop_notice',
        data: {
          formSet: set, paper: settings.formPaper, agency: env.letterAgency(), number: '', issuedAt: at,
          recipient: { fullName: applicant.fullName, address: applicant.address, phone: applicant.phone }, dossierCode: record.code,
          request: record.procedureName, receivedAt: record.receivedAt,
          ...(c.input.event === 'stop_processing' && c.input.legalBasis !== undefined && c.input.legalBasis.trim() !== '' ? { legalBasis: cleanText(c.input.legalBasis, 'note', 'legalBasis') } : {}),
          reason: checked.reason ?? '', contact: { name: c.officerName, phone: settings.contactPhone.trim() || (demo ? DEMO_CONTACT_PHONE : '—') },
          signer: signer(), demo,
        },
      };
    case 'result_handover': {
      if (!settings.handoverNote) return undefined;
      const h = c.request.handover as ResultHandover;
      const results = c.input.event === 'return_result' && c.input.results && c.input.results.length > 0
        ? c.input.results.map((r, i) => ({ name: cleanText(r.name, 'note', `results.${i}.name`), copies: r.copies }))
        : [{ name: `Kết quả giải quyết thủ tục: ${record.procedureName}`, copies: 1 }];
      return {
        kind: 'result_handover',
        data: {
          formSet: set, paper: 'A5', agency: env.counterAgency(), number: '', dossierCode: record.code, request: record.procedureName,
          owner: { fullName: applicant.fullName, idNumber: before.owner.idNumber, address: applicant.address, phone: applicant.phone },
          receivedAt: record.receivedAt, appointmentAt: record.dueAt, returnedAt: at,
          receiver: h.receiver.kind === 'owner' ? { kind: 'owner' } : { kind: 'authorised', fullName: h.receiver.fullName, idNumber: h.receiver.idNumber, ...(h.receiver.authorisation ? { authorisation: h.receiver.authorisation } : {}) },
          delivery: h.delivery.method === 'counter'
            ? { method: 'counter', place: agency.resultCounter }
            : { method: 'post', trackingNumber: h.delivery.trackingNumber, ...(h.delivery.postalService ? { postalService: h.delivery.postalService } : {}), address: before.resultDelivery.method === 'post' ? before.resultDelivery.address : applicant.address },
          results, officerName: c.officerName, ...(checked.reason ? { notes: checked.reason } : {}), demo,
        },
      };
    }
    case 'processing_control':
      return { kind: 'processing_control', data: processingControlData({ set, agency: env.counterAgency(), record, events: eventsOf(env.ctx.db, record.id), calendar: env.calendar(), demo }) };
    case 'receipt_slip': {
      const after = requireDossier(env.ctx.db, record.code);
      return { kind: 'receipt_slip', data: { slip: slipDataOf(after, agency, station), layout: { paper: station.slipPaper, copies: station.slipCopies } } };
    }
    case 'refusal':
      return undefined; // a refusal is made at intake (intake.refuse), never of a received dossier
    default: {
      const unknown: never = checked.form;
      throw new Error(`Unknown form ${String(unknown)}`);
    }
  }
}

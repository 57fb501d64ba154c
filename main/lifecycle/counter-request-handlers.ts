import type { Handlers } from '../contract/dispatch';
import type { DossierDraft } from '../contract/schemas';
import { StationError } from '../core/errors';
import { checkIdNumber } from '../core/identity';
import { checkTransition } from '../core/lifecycle';
import { addDays, toVietnamLocal } from '../core/time';
import type { FormSetId } from '../forms/form-sets';
import { auditAction } from '../storage/audit-log';
import { getProcedure } from '../storage/catalogue-store';
import { writeTransaction } from '../storage/database';
import { closeOpenSupplement, counterRequestById, findOpenRequests, saveCounterRequest } from './counter-request-store';
import { checkFormDocument, completeByOf, formModules, formTitle, type FormDocument } from './form-data';
import { issuedFormView } from './form-handlers';
import { insertIssuedForm, nextFormNumber } from './forms-store';
import type { LifecycleEnv } from './lifecycle-env';
import { officerOf } from './lifecycle-env';
import { checkedForm, refusalError } from './refusals';
import { counterRequestViewOf } from './timeline-handlers';
import { cleanText } from './transition-handlers';

// At the counter, before any dossier is received: papers incomplete (the citizen leaves with
// Mẫu 02; the form as typed is kept and found again by name or identity number, and the intake
// resumes with everything typed — `dossier.save` with the same intake key receives it), or a
// request that cannot be accepted (Mẫu 03 with the specific reason, status 3). Neither is a
// dossier: no code, no line in the log book, nothing for the portal.

const DEMO_CONTACT_PHONE = '0222 3812 345';
/** The latest incomplete intakes shown before anything is typed in the search. */
const RECENT_DAYS = 30;

/** Where each field of the forms' data is typed on the intake screen. */
const intakeField = (f: string): string | undefined => {
  if (f === 'applicant.fullName') return 'draft.owner.fullName';
  if (f === 'applicant.address') return 'draft.owner.address';
  if (f === 'items' || f.startsWith('items.')) return 'missing';
  if (f === 'reason') return 'reason';
  return undefined;
};

type CounterRequestChannel = 'intake.requestSupplement' | 'intake.refuse' | 'pendingIntake.find' | 'pendingIntake.get';

export function counterRequestHandlers(env: LifecycleEnv): Pick<Handlers, CounterRequestChannel> {
  const { ctx } = env;
  const { db } = ctx;

  /** The applicant as the form names them: a name to find them by; an identity number, if typed, that is real. */
  const applicantOf = (draft: DossierDraft) => {
    const fullName = cleanText(draft.owner.fullName, 'name', 'draft.owner.fullName');
    if (fullName === '') throw new StationError('LIFECYCLE_APPLICANT_REQUIRED', {}, 'draft.owner.fullName');
    const idNumber = draft.owner.idNumber.replace(/\s+/g, '');
    if (idNumber !== '') {
      try {
        checkIdNumber(idNumber);
      } catch (e) {
        if (e instanceof StationError) throw new StationError('LIFECYCLE_APPLICANT_ID_INVALID', { idNumber }, 'draft.owner.idNumber');
        throw e;
      }
    }
    return {
      fullName,
      address: cleanText(draft.owner.address, 'address', 'draft.owner.address'),
      phone: draft.owner.phone.trim(),
      ...(draft.owner.email !== undefined && draft.owner.email.trim() !== '' ? { email: draft.owner.email.trim() } : {}),
    };
  };

  const procedureOf = (code: string) => {
    const procedure = getProcedure(db, code);
    if (!procedure) throw new StationError('PROCEDURE_UNKNOWN', { code }, 'draft.procedureCode');
    return procedure;
  };

  /** The request and its form, in one transaction: refused as a whole when the form cannot be made. */
  const keep = async (kind: 'supplement' | 'refusal', draft: DossierDraft, items: readonly string[], reason: string, makeDoc: (number: string | null) => FormDocument, call: Parameters<Handlers['intake.refuse']>[1]) => {
    const officer = officerOf(call);
    const modules = await formModules();
    const now = ctx.now();
    const at = toVietnamLocal(now);
    const set = env.settings().formSet as FormSetId;
    const procedure = procedureOf(draft.procedureCode);
    const { station } = ctx.settings();
    const formKind = kind === 'supplement' ? 'supplement_request' : 'refusal';
    const ids = writeTransaction(db, () => {
      if (kind === 'refusal') closeOpenSupplement(db, draft.intakeKey, at);
      const requestId = saveCounterRequest(db, { kind, draft, procedureName: procedure.name, items, reason, officer, at, createdAt: now.getTime() });
      const number = nextFormNumber(db, formKind, at.slice(0, 4), station.stationNumber);
      const doc = makeDoc(number);
      checkedForm(() => checkFormDocument(modules, doc), intakeField);
      const formId = insertIssuedForm(db, { requestId, kind: formKind, formSet: set, number, title: formTitle(set, formKind), officer, at: now, data: doc });
      auditAction(db, officer, now, kind === 'supplement' ? 'intake.supplement_request' : 'intake.refuse', {
        after: { request: requestId, procedure: procedure.code, items: [...items], reason },
      });
      return { requestId, formId };
    });
    ctx.events.emit('counterRequests.changed', {});
    return { request: counterRequestViewOf(db, counterRequestById(db, ids.requestId)!), form: issuedFormView(db, ids.formId) };
  };

  return {
    'intake.requestSupplement': ({ draft, missing, extra, reason }, call) => {
      const at = toVietnamLocal(ctx.now());
      const procedure = procedureOf(draft.procedureCode);
      const applicant = applicantOf(draft);
      // What the checklist shows missing is listed even when the screen did not send it.
      const unticked = procedure.documents.filter((d) => d.mandatory && !draft.documents.some((x) => x.code === d.code)).map((d) => d.name);
      const items = [...new Set([...missing, ...unticked, ...extra].map((item, i) => cleanText(item, 'note', `missing.${i}`)).filter((x) => x !== ''))];
      const checked = checkTransition({ status: null }, { event: 'request_supplement', cause: 'counter', at, reason: cleanText(reason, 'note', 'reason'), supplementItems: items });
      if (!checked.ok) {
        const e = refusalError(checked);
        throw e.field === 'items' ? new StationError(e.code, e.params, 'missing') : e;
      }
      const settings = env.settings();
      const phone = settings.contactPhone.trim() || (ctx.settings().agency.demo ? DEMO_CONTACT_PHONE : '');
      if (phone === '') throw new StationError('LIFECYCLE_CONTACT_PHONE_REQUIRED');
      const officer = officerOf(call);
      const completeBy = completeByOf(settings, at, addDays);
      return keep('supplement', draft, checked.supplementItems ?? items, checked.reason ?? '', (number) => ({
        kind: 'supplement_request',
        data: {
          formSet: settings.formSet as FormSetId, paper: settings.formPaper, agency: env.counterAgency(), number: number ?? '', issuedAt: at, applicant,
          request: procedure.name, procedureCode: procedure.code, items: checked.supplementItems ?? items, reason: checked.reason ?? '',
          contact: { name: officer.name, phone }, officerName: officer.name, ...(completeBy ? { completeBy } : {}), demo: ctx.settings().agency.demo,
        },
      }), call);
    },
    'intake.refuse': ({ draft, reason, legalBasis }, call) => {
      const at = toVietnamLocal(ctx.now());
      const procedure = procedureOf(draft.procedureCode);
      const applicant = applicantOf(draft);
      const checked = checkTransition({ status: null }, { event: 'refuse', cause: 'counter', at, reason: cleanText(reason, 'note', 'reason') });
      if (!checked.ok) throw refusalError(checked);
      const officer = officerOf(call);
      const settings = env.settings();
      const basis = legalBasis !== undefined && legalBasis.trim() !== '' ? cleanText(legalBasis, 'note', 'legalBasis') : undefined;
      const submitter = draft.submitter?.fullName.trim();
      return keep('refusal', draft, [], checked.reason ?? '', (number) => ({
        kind: 'refusal',
        data: {
          formSet: settings.formSet as FormSetId, paper: settings.formPaper, agency: env.counterAgency(), number: number ?? '', issuedAt: at, applicant,
          request: procedure.name, procedureCode: procedure.code, ...(basis ? { legalBasis: basis } : {}), reason: checked.reason ?? '',
          officerName: officer.name, ...(submitter ? { submitterName: submitter } : {}), demo: ctx.settings().agency.demo,
        },
      }), call);
    },
    'pendingIntake.find': ({ query, limit }) => {
      const since = `${addDays(toVietnamLocal(ctx.now()).slice(0, 10), -RECENT_DAYS)}T00:00`;
      return findOpenRequests(db, query, limit, since).map((r) => counterRequestViewOf(db, r));
    },
    'pendingIntake.get': ({ id }) => {
      const r = counterRequestById(db, id);
      if (!r) throw new StationError('LIFECYCLE_REQUEST_NOT_FOUND', { id }, 'id');
      return { ...counterRequestViewOf(db, r), draft: r.draft };
    },
  };
}

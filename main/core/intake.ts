import { StationError } from './errors';
import { checkIdNumber, isEmail, normalizePhone } from './identity';
import type { IntakeForm, LocalDate, Procedure, ReceivedDocument } from './model';
import { isValidLocalDate } from './time';
import { checkPersonText, type TextKind } from './text-safety';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Draft text as stored: NFC (decomposed input from some keyboards breaks search and PDFs), single spaces. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * The text fields of a form that reach slips, the portal and other systems: refused when they
 * carry direction overrides, NUL or other control characters (text that would lie about
 * itself), cleaned of invisible characters otherwise (core/text-safety.ts).
 */
const TEXT_FIELDS: ReadonlyArray<readonly [string, TextKind, (f: IntakeForm) => string | undefined]> = [
  ['owner.fullName', 'name', (f) => f.owner.fullName],
  ['owner.address', 'address', (f) => f.owner.address],
  ['owner.email', 'name', (f) => f.owner.email],
  ['owner.phone', 'name', (f) => f.owner.phone],
  ['owner.idNumber', 'name', (f) => f.owner.idNumber],
  ['submitter.fullName', 'name', (f) => f.submitter?.fullName],
  ['submitter.idNumber', 'name', (f) => f.submitter?.idNumber],
  ['submitter.phone', 'name', (f) => f.submitter?.phone],
  ['resultDelivery.address', 'address', (f) => (f.resultDelivery.method === 'post' ? f.resultDelivery.address : undefined)],
  ['notes', 'note', (f) => f.notes],
];

/** The form with its text fields safe to store, or the first refusal of each field. */
function safeText(input: IntakeForm): { form: IntakeForm; errors: StationError[] } {
  const errors: StationError[] = [];
  const cleaned = new Map<string, string>();
  for (const [field, kind, read] of TEXT_FIELDS) {
    const value = read(input);
    if (value === undefined) continue;
    const checked = checkPersonText(value, kind, field);
    if (checked.ok) cleaned.set(field, checked.text);
    else errors.push(checked.error);
  }
  const text = (field: string, fallback: string) => cleaned.get(field) ?? fallback;
  const owner = { ...input.owner, fullName: text('owner.fullName', input.owner.fullName), address: text('owner.address', input.owner.address),
    phone: text('owner.phone', input.owner.phone), idNumber: text('owner.idNumber', input.owner.idNumber),
    ...(input.owner.email !== undefined ? { email: text('owner.email', input.owner.email) } : {}) };
  const submitter = input.submitter && {
    ...input.submitter, fullName: text('submitter.fullName', input.submitter.fullName),
    ...(input.submitter.idNumber !== undefined ? { idNumber: text('submitter.idNumber', input.submitter.idNumber) } : {}),
    ...(input.submitter.phone !== undefined ? { phone: text('submitter.phone', input.submitter.phone) } : {}),
  };
  const resultDelivery = input.resultDelivery.method === 'post' ? { method: 'post' as const, address: text('resultDelivery.address', input.resultDelivery.address) } : input.resultDelivery;
  return { form: { ...input, owner, submitter, resultDelivery, notes: text('notes', input.notes) }, errors };
}

export type CheckedDraft = Readonly<{
  draft: IntakeForm;
  documents: readonly ReceivedDocument[];
}>;

/**
 * Checks an intake form against the catalogue and the rules for people's data. Collects every
 * problem (the form shows them all at once, each next to its field) and returns the draft
 * cleaned for storage when there are none.
 */
export function checkDraft(raw: IntakeForm, procedure: Procedure | undefined, today: LocalDate): { errors: StationError[]; checked?: CheckedDraft } {
  const { form: input, errors } = safeText(raw);
  const refusedText = new Set(errors.map((e) => e.field));
  // A field already refused for its characters gets no second message.
  const fail = (e: StationError) => { if (!refusedText.has(e.field)) errors.push(e); };
  const owner: Mutable<IntakeForm['owner']> = { ...input.owner, fullName: cleanText(input.owner.fullName), address: cleanText(input.owner.address) };

  const missing = (value: string, field: string) => {
    if (value.trim()) return false;
    fail(new StationError('REQUIRED', {}, field));
    return true;
  };

  if (!missing(input.procedureCode, 'procedureCode') && !procedure) {
    fail(new StationError('PROCEDURE_UNKNOWN', { code: input.procedureCode }, 'procedureCode'));
  }
  missing(owner.fullName, 'owner.fullName');

  const birthOk = isValidLocalDate(owner.birthDate) && owner.birthDate >= '1900-01-01';
  if (!missing(owner.birthDate, 'owner.birthDate')) {
    if (!birthOk) fail(new StationError('BIRTH_DATE_INVALID', {}, 'owner.birthDate'));
    else if (owner.birthDate > today) fail(new StationError('BIRTH_DATE_FUTURE', {}, 'owner.birthDate'));
  }
  if (!missing(owner.idNumber, 'owner.idNumber')) {
    try {
      checkIdNumber(owner.idNumber, birthOk ? owner.birthDate : undefined);
    } catch (e) {
      if (e instanceof StationError) fail(new StationError(e.code, e.params, 'owner.idNumber'));
      else throw e;
    }
  }
  if (!missing(owner.phone, 'owner.phone')) {
    const phone = normalizePhone(owner.phone);
    if (!phone) fail(new StationError('PHONE_FORMAT', {}, 'owner.phone'));
    else owner.phone = phone;
  }
  missing(owner.address, 'owner.address');
  const email = owner.email?.trim();
  if (email && !isEmail(email)) fail(new StationError('EMAIL_FORMAT', {}, 'owner.email'));
  if (email) owner.email = email;
  else delete owner.email;

  let submitter: Mutable<NonNullable<IntakeForm['submitter']>> | null = null;
  if (input.submitter) {
    submitter = { ...input.submitter, fullName: cleanText(input.submitter.fullName) };
    missing(submitter.fullName, 'submitter.fullName');
    if (submitter.phone) {
      const p = normalizePhone(submitter.phone);
      if (!p) fail(new StationError('PHONE_FORMAT', {}, 'submitter.phone'));
      else submitter.phone = p;
    } else delete submitter.phone;
    if (submitter.idNumber) {
      // Old 9-digit identity cards are still presented by submitters; the 12-digit number is checked fully.
      if (/^\d{9}$/.test(submitter.idNumber)) { /* accepted as is */ }
      else {
        try {
          checkIdNumber(submitter.idNumber);
        } catch (e) {
          if (e instanceof StationError) fail(new StationError(e.code, e.params, 'submitter.idNumber'));
          else throw e;
        }
      }
    } else delete submitter.idNumber;
  }

  const resultDelivery = input.resultDelivery.method === 'post'
    ? { method: 'post' as const, address: cleanText(input.resultDelivery.address) }
    : input.resultDelivery;
  if (resultDelivery.method === 'post' && !resultDelivery.address) {
    fail(new StationError('POSTAL_ADDRESS_REQUIRED', {}, 'resultDelivery.address'));
  }

  const documents: ReceivedDocument[] = [];
  if (procedure) {
    const byCode = new Map(procedure.documents.map((d) => [d.code, d]));
    for (const received of input.documents) {
      const doc = byCode.get(received.code);
      if (!doc) fail(new StationError('DOCUMENT_UNKNOWN', { document: received.code }, 'documents'));
      else if (received.originals + received.certifiedCopies + received.copies > 0) {
        documents.push({ code: doc.code, name: doc.name, originals: received.originals, certifiedCopies: received.certifiedCopies, copies: received.copies });
      }
    }
    const got = new Set(documents.map((d) => d.code));
    const missing = procedure.documents.filter((d) => d.mandatory && !got.has(d.code));
    if (missing.length > 0) {
      fail(new StationError('DOCUMENTS_MISSING', { documents: missing.map((d) => d.name).join('; ') }, 'documents'));
    }
  }

  if (errors.length > 0) return { errors };
  return {
    errors,
    checked: { draft: { ...input, owner, submitter, resultDelivery, notes: input.notes }, documents },
  };
}

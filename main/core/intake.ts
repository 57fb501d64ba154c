import { StationError } from './errors';
import { checkIdNumber, isEmail, normalizePhone } from './identity';
import type { IntakeForm, LocalDate, Procedure, ReceivedDocument } from './model';
import { isValidLocalDate } from './time';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Draft text as stored: NFC (decomposed input from some keyboards breaks search and PDFs), single spaces. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
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
export function checkDraft(input: IntakeForm, procedure: Procedure | undefined, today: LocalDate): { errors: StationError[]; checked?: CheckedDraft } {
  const errors: StationError[] = [];
  const fail = (e: StationError) => errors.push(e);
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
    checked: { draft: { ...input, owner, submitter, resultDelivery, notes: cleanText(input.notes) }, documents },
  };
}

import type { Dossier, NewDossier, Person, ResultDelivery, Submitter } from './model';

// The same intake key sent again with other data (an answer lost on the way, the form edited,
// Ctrl+S again): the station neither answers the old dossier as if the new data were saved nor
// drops what the officer typed. It compares what the officer types — the fields below, nothing
// the station computes (the appointment, the code, the time) — and, when they differ, refuses
// with both versions so the screen can show them side by side.

/** The part of a dossier the officer typed or chose, as it is compared. */
export type IntakeVersion = Readonly<{
  procedureCode: string;
  procedureName: string;
  owner: Person;
  submitter: Submitter | null;
  resultDelivery: ResultDelivery;
  documents: ReadonlyArray<Readonly<{ code: string; name: string; originals: number; certifiedCopies: number; copies: number }>>;
  sets: number;
  notes: string;
}>;

/** The `details` of INTAKE_KEY_CONFLICT. */
export type IntakeKeyConflictDetails = Readonly<{
  /** The dossier saved earlier under this intake key. */
  code: string;
  receivedAt: string;
  stored: IntakeVersion;
  submitted: IntakeVersion;
  /** The fields that differ: "owner.phone", "documents", "notes"… (what the screen highlights). */
  differences: readonly string[];
}>;

export function intakeVersionOf(d: Dossier | NewDossier): IntakeVersion {
  return {
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    owner: { fullName: d.owner.fullName, idNumber: d.owner.idNumber, birthDate: d.owner.birthDate, phone: d.owner.phone, email: d.owner.email || undefined, address: d.owner.address },
    submitter: d.submitter ? { fullName: d.submitter.fullName, idNumber: d.submitter.idNumber || undefined, phone: d.submitter.phone || undefined } : null,
    resultDelivery: d.resultDelivery.method === 'post' ? { method: 'post', address: d.resultDelivery.address } : { method: 'counter' },
    documents: [...d.documents]
      .map((x) => ({ code: x.code, name: x.name, originals: x.originals, certifiedCopies: x.certifiedCopies, copies: x.copies }))
      .sort((a, b) => a.code.localeCompare(b.code)),
    sets: d.sets,
    notes: d.notes,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields of two versions that differ, in the form's order; empty when the save is a repeat. */
export function intakeDifferences(stored: IntakeVersion, submitted: IntakeVersion): string[] {
  const out: string[] = [];
  if (stored.procedureCode !== submitted.procedureCode) out.push('procedureCode');
  for (const k of ['fullName', 'idNumber', 'birthDate', 'phone', 'email', 'address'] as const) {
    if (!same(stored.owner[k], submitted.owner[k])) out.push(`owner.${k}`);
  }
  if (!same(stored.submitter, submitted.submitter)) out.push('submitter');
  if (!same(stored.resultDelivery, submitted.resultDelivery)) out.push('resultDelivery');
  const counts = (v: IntakeVersion) => v.documents.map(({ code, originals, certifiedCopies, copies }) => ({ code, originals, certifiedCopies, copies }));
  if (!same(counts(stored), counts(submitted))) out.push('documents');
  if (stored.sets !== submitted.sets) out.push('sets');
  if (stored.notes !== submitted.notes) out.push('notes');
  return out;
}

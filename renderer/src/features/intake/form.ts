import { parseTypedDate } from '../../../../main/core/format';
import type { DossierDraft } from '../../../../main/contract/schemas';

// The intake form as the officer fills it: plain data, kept in local storage so that a crash or
// a reload loses nothing typed (./drafts.ts), sent to the station as a DossierDraft.

export type DocState = Readonly<{ received: boolean; originals: number; certifiedCopies: number; copies: number }>;

export type FormState = Readonly<{
  /** Minted when the form opens: saving twice (a retried request) receives one dossier. */
  intakeKey: string;
  procedureCode: string;
  owner: Readonly<{ fullName: string; idNumber: string; birthDate: string; phone: string; email: string; address: string }>;
  submitterDiffers: boolean;
  submitter: Readonly<{ fullName: string; idNumber: string; phone: string }>;
  delivery: 'counter' | 'post';
  postalAddress: string;
  documents: Readonly<Record<string, DocState>>;
  sets: number;
  notes: string;
}>;

export function emptyForm(): FormState {
  return {
    intakeKey: crypto.randomUUID(),
    procedureCode: '',
    owner: { fullName: '', idNumber: '', birthDate: '', phone: '', email: '', address: '' },
    submitterDiffers: false,
    submitter: { fullName: '', idNumber: '', phone: '' },
    delivery: 'counter',
    postalAddress: '',
    documents: {},
    sets: 1,
    notes: '',
  };
}

/** Anything typed or chosen that would be lost. */
export function hasContent(f: FormState): boolean {
  return f.procedureCode !== '' || Object.values(f.owner).some((v) => v.trim() !== '') || f.notes.trim() !== '' || (f.submitterDiffers && f.submitter.fullName.trim() !== '');
}

export function toDraft(f: FormState): DossierDraft {
  return {
    intakeKey: f.intakeKey,
    procedureCode: f.procedureCode,
    owner: { ...f.owner, birthDate: parseTypedDate(f.owner.birthDate), ...(f.owner.email.trim() ? {} : { email: undefined }) },
    submitter: f.submitterDiffers
      ? { fullName: f.submitter.fullName, ...(f.submitter.idNumber ? { idNumber: f.submitter.idNumber } : {}), ...(f.submitter.phone ? { phone: f.submitter.phone } : {}) }
      : null,
    resultDelivery: f.delivery === 'post' ? { method: 'post', address: f.postalAddress } : { method: 'counter' },
    documents: Object.entries(f.documents)
      .filter(([, d]) => d.received)
      .map(([code, d]) => ({ code, originals: d.originals, certifiedCopies: d.certifiedCopies, copies: d.copies })),
    sets: f.sets,
    notes: f.notes,
  };
}

/** A stored form from this or an older version of the station, or null if it is not one. */
export function readForm(value: unknown): FormState | null {
  if (typeof value !== 'object' || value === null) return null;
  const f = value as Partial<FormState>;
  if (typeof f.intakeKey !== 'string' || typeof f.owner !== 'object' || f.owner === null) return null;
  const base = emptyForm();
  return { ...base, ...f, owner: { ...base.owner, ...f.owner }, submitter: { ...base.submitter, ...f.submitter }, documents: f.documents ?? {} } as FormState;
}

import type { ChannelOutput } from '../../../../main/contract/channels';
import type { DossierDraft } from '../../../../main/contract/schemas';
import type { FormState } from './form';

// The intake form and the counter's requests (Mẫu 02 kept for later, Mẫu 03): which papers the
// checklist lacks, the station's errors of the draft as the form's own fields, and a kept
// intake back as the form (its intake key kept: saving it receives that intake, once).

export type Procedure = ChannelOutput<'catalogue.get'>;

/** The procedure's documents not ticked on the form, by name, as Mẫu 02 lists them. */
export function missingDocuments(form: FormState, procedure: Procedure): Array<{ code: string; name: string; mandatory: boolean }> {
  return procedure.documents
    .filter((d) => !form.documents[d.code]?.received)
    .map((d) => ({ code: d.code, name: d.name, mandatory: d.mandatory }));
}

/** "draft.owner.fullName" → "owner.fullName": the errors that belong to the intake form itself. */
export function draftErrors(fields: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([k]) => k.startsWith('draft.')).map(([k, v]) => [k.slice('draft.'.length), v]));
}

/** A kept intake as the form: everything as typed, the papers it had ticked, the others not. */
export function formOfDraft(draft: DossierDraft, procedure: Procedure, notes?: string): FormState {
  const received = new Map(draft.documents.map((d) => [d.code, d]));
  return {
    intakeKey: draft.intakeKey,
    procedureCode: draft.procedureCode,
    owner: {
      fullName: draft.owner.fullName,
      idNumber: draft.owner.idNumber,
      birthDate: draft.owner.birthDate,
      phone: draft.owner.phone,
      email: draft.owner.email ?? '',
      address: draft.owner.address,
    },
    submitterDiffers: draft.submitter !== null,
    submitter: { fullName: draft.submitter?.fullName ?? '', idNumber: draft.submitter?.idNumber ?? '', phone: draft.submitter?.phone ?? '' },
    delivery: draft.resultDelivery.method,
    postalAddress: draft.resultDelivery.method === 'post' ? draft.resultDelivery.address : '',
    documents: Object.fromEntries(procedure.documents.map((d) => {
      const r = received.get(d.code);
      return [d.code, r
        ? { received: true, originals: r.originals, certifiedCopies: r.certifiedCopies, copies: r.copies }
        : { received: false, originals: d.originals, certifiedCopies: d.certifiedCopies, copies: d.copies }];
    })),
    sets: draft.sets,
    notes: notes ?? draft.notes,
  };
}

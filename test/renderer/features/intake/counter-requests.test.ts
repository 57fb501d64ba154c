import { describe, expect, it } from 'vitest';

// The intake form and the counter's requests (renderer/src/features/intake/counter-requests.ts):
// the papers Mẫu 02 lists, the station's errors of a draft put on the form's own fields, and a
// kept intake back as the form with its intake key. Loaded by path, as the route registry's test
// does (the renderer has its own tsconfig).

type Doc = { code: string; name: string; originals: number; certifiedCopies: number; copies: number; mandatory: boolean };
type Procedure = { code: string; documents: Doc[] };
type DocState = { received: boolean; originals: number; certifiedCopies: number; copies: number };
type Form = { intakeKey: string; procedureCode: string; owner: Record<string, string>; documents: Record<string, DocState>; submitterDiffers: boolean; delivery: string; postalAddress: string; sets: number; notes: string };
type Draft = {
  intakeKey: string; procedureCode: string; owner: Record<string, string | undefined> & { fullName: string; idNumber: string; birthDate: string; phone: string; address: string };
  submitter: { fullName: string; idNumber?: string; phone?: string } | null; resultDelivery: { method: 'counter' } | { method: 'post'; address: string };
  documents: Array<{ code: string; originals: number; certifiedCopies: number; copies: number }>; sets: number; notes: string;
};
const at = (path: string) => new URL(path, import.meta.url).href;
const { draftErrors, formOfDraft, missingDocuments } = (await import(at('../../../../renderer/src/features/intake/counter-requests.ts'))) as {
  draftErrors: (f: Record<string, string>) => Record<string, string>;
  formOfDraft: (d: Draft, p: Procedure) => Form;
  missingDocuments: (f: Pick<Form, 'documents'>, p: Procedure) => Array<{ code: string; name: string; mandatory: boolean }>;
};
const { toDraft } = (await import(at('../../../../renderer/src/features/intake/form.ts'))) as { toDraft: (f: Form) => Draft };

const procedure: Procedure = {
  code: '1.004884',
  documents: [
    { code: 'TP1', name: 'Tờ khai', originals: 1, certifiedCopies: 0, copies: 0, mandatory: true },
    { code: 'TP2', name: 'Bản sao Giấy khai sinh cũ', originals: 0, certifiedCopies: 0, copies: 1, mandatory: true },
    { code: 'TP4', name: 'Văn bản ủy quyền', originals: 1, certifiedCopies: 0, copies: 0, mandatory: false },
  ],
};

const draft: Draft = {
  intakeKey: '6f1c1f9e-3d4b-4a53-9a3e-0b8d6a1c2e11',
  procedureCode: '1.004884',
  owner: { fullName: 'Trần Thị Bích Ngọc', idNumber: '001192012345', birthDate: '1992-04-08', phone: '0987654321', address: 'Thôn Lạc Xá' },
  submitter: { fullName: 'Lê Văn Hùng', phone: '0912000111' },
  resultDelivery: { method: 'post', address: 'Số 3, Quế Võ' },
  documents: [{ code: 'TP1', originals: 1, certifiedCopies: 0, copies: 0 }],
  sets: 2,
  notes: 'Hẹn quay lại thứ Tư',
};

describe('the intake and the counter requests', () => {
  it('lists the papers not ticked, by name, mandatory or not', () => {
    const documents = { TP1: { received: true, originals: 1, certifiedCopies: 0, copies: 0 }, TP2: { received: false, originals: 0, certifiedCopies: 0, copies: 1 } };
    expect(missingDocuments({ documents }, procedure)).toEqual([
      { code: 'TP2', name: 'Bản sao Giấy khai sinh cũ', mandatory: true },
      { code: 'TP4', name: 'Văn bản ủy quyền', mandatory: false },
    ]);
  });

  it('puts the errors of the draft on the form\'s own fields and leaves the request\'s own', () => {
    expect(draftErrors({ 'draft.owner.address': 'Thiếu "Địa chỉ"', reason: 'Vui lòng nhập lý do', missing: 'x' })).toEqual({ 'owner.address': 'Thiếu "Địa chỉ"' });
  });

  it('gives a kept intake back as the form it was, intake key and all: sent again it is the same draft', () => {
    const form = formOfDraft(draft, procedure);
    expect(form.intakeKey).toBe(draft.intakeKey);
    expect(form.documents).toEqual({
      TP1: { received: true, originals: 1, certifiedCopies: 0, copies: 0 },
      TP2: { received: false, originals: 0, certifiedCopies: 0, copies: 1 },
      TP4: { received: false, originals: 1, certifiedCopies: 0, copies: 0 },
    });
    expect(toDraft(form)).toEqual({ ...draft, owner: { ...draft.owner, email: undefined } });
  });
});

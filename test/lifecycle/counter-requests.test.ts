import { describe, expect, it } from 'vitest';
import type { DossierDraft } from '../../main/contract/schemas';
import { openTestStation, VIETNAMESE_TEXT, writtenRows } from '../helpers/station';
import { pdfReader } from '../forms/pdf-text';
import { lifecycleRows, ok } from './rig';

// Requests handled at the counter without a reception: incomplete papers (Mẫu 02; the form is
// kept and found again by name or identity number; the intake resumes with everything typed)
// and refusals (Mẫu 03, status 3). Neither becomes a dossier.

type Kept = { request: { id: number; kind: string; items: string[]; resumedAs: string | null; formId: number | null }; form: { id: number; kind: string; number: string; title: string } };

describe('incomplete papers at the counter', () => {
  it('lists what is missing on Mẫu 02, receives nothing, and the intake resumes with everything typed when the citizen comes back', async () => {
    const station = openTestStation();
    const procedure = await ok<{ documents: Array<{ code: string; name: string; mandatory: boolean }> }>(station, 'catalogue.get', { code: '1.004884' });
    const full = await station.validDraft({ owner: { fullName: 'Nguyễn Thị Thủy Tiên' } }, '1.004884');
    const missingDoc = procedure.documents.find((d) => d.mandatory)!;
    const draft: DossierDraft = { ...full, documents: full.documents.filter((d) => d.code !== missingDoc.code) };
    const before = writtenRows(station);

    const kept = await ok<Kept>(station, 'intake.requestSupplement', { draft, missing: [], extra: ['Văn bản ủy quyền có chứng thực'], reason: 'Người đi đăng ký không phải cha, mẹ của trẻ' });
    // The checklist's missing document is listed even though the screen sent none.
    expect(kept.request.items).toEqual([missingDoc.name, 'Văn bản ủy quyền có chứng thực']);
    expect(kept.form).toMatchObject({ kind: 'supplement_request', number: '01-0001/PYCBS' });
    // No dossier, no code, no log-book line, nothing for the portal.
    expect(writtenRows(station)).toEqual(before);

    const pdf = await ok<{ base64: string }>(station, 'lifecycle.formPdf', { formId: kept.form.id });
    const reader = pdfReader('mau02-');
    try {
      const text = reader.flat(reader.save(Buffer.from(pdf.base64, 'base64'), 'mau02'));
      expect(text).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
      expect(text).toContain('Nguyễn Thị Thủy Tiên');
      expect(text).toContain(missingDoc.name);
      expect(text).toContain('Lý do: Người đi đăng ký không phải cha, mẹ của trẻ');
      expect(text).toContain('Số: 01-0001/PYCBS');
    } finally {
      reader.dispose();
    }

    // Found again by a name typed without diacritics, or by the identity number.
    station.clock.setLocal('2026-11-26T08:10');
    const byName = await ok<Array<{ id: number }>>(station, 'pendingIntake.find', { query: 'thuy tien' });
    const byId = await ok<Array<{ id: number }>>(station, 'pendingIntake.find', { query: draft.owner.idNumber });
    expect(byName.map((r) => r.id)).toEqual([kept.request.id]);
    expect(byId.map((r) => r.id)).toEqual([kept.request.id]);
    const resumed = await ok<{ draft: DossierDraft }>(station, 'pendingIntake.get', { id: kept.request.id });
    expect(resumed.draft).toEqual(draft);

    // Everything brought: the same form is received, and the request is no longer pending.
    const dossier = await station.save({ ...resumed.draft, documents: full.documents });
    expect(dossier.receivedAt).toBe('2026-11-26T08:10');
    expect(await ok<unknown[]>(station, 'pendingIntake.find', { query: 'thuy tien' })).toEqual([]);
    const timeline = await ok<{ entries: Array<{ kind: string; text: string; formIds: number[] }> }>(station, 'dossier.timeline', { code: dossier.code });
    expect(timeline.entries.map((e) => e.kind)).toEqual(['counter_request', 'reception']);
    expect(timeline.entries[0]?.formIds).toEqual([kept.form.id]);
  });

  it('needs the applicant\'s name and a real identity number if one is typed, and the reason; nothing is kept otherwise', async () => {
    const station = openTestStation();
    const draft = await station.validDraft({}, '1.004884');
    const cases: Array<[string, unknown, string, string]> = [
      ['no name', { draft: { ...draft, owner: { ...draft.owner, fullName: '  ' } }, missing: ['Tờ khai'], reason: 'Thiếu' }, 'LIFECYCLE_APPLICANT_REQUIRED', 'draft.owner.fullName'],
      ['a wrong identity number', { draft: { ...draft, owner: { ...draft.owner, idNumber: '999123' } }, missing: ['Tờ khai'], reason: 'Thiếu' }, 'LIFECYCLE_APPLICANT_ID_INVALID', 'draft.owner.idNumber'],
      ['no reason', { draft, missing: ['Tờ khai'], reason: '' }, 'LIFECYCLE_REASON_REQUIRED', 'reason'],
      ['no address to print', { draft: { ...draft, owner: { ...draft.owner, address: '' } }, missing: ['Tờ khai'], reason: 'Thiếu' }, 'LIFECYCLE_FORM_INCOMPLETE', 'draft.owner.address'],
    ];
    for (const [what, payload, code, field] of cases) {
      const before = lifecycleRows(station);
      const error = await station.refused('intake.requestSupplement', payload);
      expect([error.code, error.field], what).toEqual([code, field]);
      expect(error.message, what).toMatch(VIETNAMESE_TEXT);
      expect(lifecycleRows(station), what).toEqual(before);
    }
  });
});

describe('a refusal at the counter (Mẫu 03)', () => {
  it('gives the specific reason on Mẫu 03 and closes the same form\'s pending request', async () => {
    const station = openTestStation();
    const draft = await station.validDraft({ owner: { fullName: 'Trần Văn Từ' } }, '1.004884');
    await ok(station, 'intake.requestSupplement', { draft, missing: ['Tờ khai'], reason: 'Thiếu tờ khai' });
    const refused = await ok<Kept>(station, 'intake.refuse', {
      draft, reason: 'Yêu cầu không thuộc thẩm quyền giải quyết của UBND cấp xã', legalBasis: 'Điều 37 Luật Hộ tịch năm 2014',
    });
    expect(refused.request.kind).toBe('refusal');
    expect(refused.form).toMatchObject({ kind: 'refusal', number: '01-0001/PTC', title: 'Mẫu 03 – PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ' });
    expect(await ok<unknown[]>(station, 'pendingIntake.find', { query: 'tran van tu' })).toEqual([]);
    const pdf = await ok<{ base64: string }>(station, 'lifecycle.formPdf', { formId: refused.form.id });
    const reader = pdfReader('mau03-');
    try {
      const text = reader.flat(reader.save(Buffer.from(pdf.base64, 'base64'), 'mau03'));
      expect(text).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
      expect(text).toContain('Yêu cầu không thuộc thẩm quyền giải quyết của UBND cấp xã');
      expect(text).toContain('Điều 37 Luật Hộ tịch năm 2014');
    } finally {
      reader.dispose();
    }
  });

  it('is refused without a reason, and nothing is written', async () => {
    const station = openTestStation();
    const draft = await station.validDraft({}, '1.004884');
    const before = lifecycleRows(station);
    const error = await station.refused('intake.refuse', { draft, reason: ' ' });
    expect(error).toMatchObject({ code: 'LIFECYCLE_REASON_REQUIRED', field: 'reason' });
    expect(error.message).toMatch(/Vui lòng nhập lý do để từ chối tiếp nhận hồ sơ/);
    expect(lifecycleRows(station)).toEqual(before);
  });
});

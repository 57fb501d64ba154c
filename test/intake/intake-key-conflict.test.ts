import { describe, expect, it } from 'vitest';
import type { IntakeKeyConflictDetails } from '../../main/core/intake-conflict';
import { openTestStation } from '../helpers/station';

// "The same intakeKey with different data answers 200 with the old dossier and drops the new
// data": a repeat of the same form is still idempotent; other data under the same key is refused
// with INTAKE_KEY_CONFLICT carrying both versions, and nothing is written.

const count = (station: ReturnType<typeof openTestStation>, table: string) => (station.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('saving under an intake key already used', () => {
  it('the same form again answers the saved dossier (a retried request)', async () => {
    const station = openTestStation();
    const draft = await station.validDraft({ owner: { fullName: 'Đỗ Văn Hùng', phone: '0912345678' } });
    const first = await station.save(draft);
    // The same data typed again with decomposed Vietnamese and stray spaces is the same form.
    const again = await station.save({ ...draft, owner: { ...draft.owner, fullName: ` ${'Đỗ Văn Hùng'.normalize('NFD')} ` } });
    expect(again.code).toBe(first.code);
    expect(count(station, 'dossiers')).toBe(1);
    expect(count(station, 'outbox')).toBe(1);
    await station.close();
  });

  it('other data under the same key: 409-style refusal with both versions, fields that differ named, nothing saved', async () => {
    const station = openTestStation();
    const draft = await station.validDraft({ owner: { fullName: 'Đỗ Văn Hùng', phone: '0912345678' }, notes: '' });
    const first = await station.save(draft);
    const outboxBefore = count(station, 'outbox');
    const changed = { ...draft, owner: { ...draft.owner, phone: '0987654321' }, notes: 'Công dân bổ sung số điện thoại', documents: draft.documents.map((d, i) => (i === 0 ? { ...d, copies: d.copies + 1 } : d)) };
    const refused = await station.refused('dossier.save', changed);
    expect(refused.code).toBe('INTAKE_KEY_CONFLICT');
    expect(refused.message).toBe(`Biểu mẫu này đã được tiếp nhận thành hồ sơ ${first.code} với nội dung khác: chưa lưu gì thêm. So sánh hai bản rồi chọn giữ bản đã lưu hoặc lưu thành hồ sơ mới.`);
    const details = refused.details as IntakeKeyConflictDetails;
    expect(details.code).toBe(first.code);
    expect(details.differences).toEqual(['owner.phone', 'documents', 'notes']);
    expect(details.stored.owner.phone).toBe('0912345678');
    expect(details.submitted.owner.phone).toBe('0987654321');
    const firstDocument = draft.documents[0]!;
    const of = (v: IntakeKeyConflictDetails['stored']) => v.documents.find((d) => d.code === firstDocument.code)!;
    expect(of(details.submitted).copies).toBe(of(details.stored).copies + 1);
    expect(of(details.submitted).name).toBe(of(details.stored).name); // named, for the screen
    // Nothing written: the stored dossier as it was, no new dossier, no new outbox entry.
    expect(count(station, 'dossiers')).toBe(1);
    expect(count(station, 'outbox')).toBe(outboxBefore);
    const stored = (await station.call('dossier.get', { code: first.code })) as { ok: true; value: { owner: { phone: string } } };
    expect(stored.value.owner.phone).toBe('0912345678');
    // "Lưu thành hồ sơ mới": the same data under a new key is a second dossier.
    const second = await station.save({ ...changed, intakeKey: crypto.randomUUID() });
    expect(second.code).not.toBe(first.code);
    expect(second.owner.phone).toBe('0987654321');
    await station.close();
  });
});

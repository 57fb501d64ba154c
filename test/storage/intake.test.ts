import { describe, it, expect } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { DossierView } from '../../main/contract/schemas';
import { portalTime } from '../../main/portal/portal-record';
import { stationBlocks } from '../../main/storage/code-allocation';
import { insertDossier, type NewDossier } from '../../main/storage/dossier-store';
import { idNumberFor } from '../helpers/people';
import { openTestStation, VIETNAMESE_TEXT, writtenRows, type TestStation } from '../helpers/station';


type OutboxRow = { dossier_id: number; kind: string; idempotency_key: string; payload: string; state: string; attempts: number };

function outboxRows(station: TestStation): OutboxRow[] {
  return station.db.prepare('SELECT dossier_id, kind, idempotency_key, payload, state, attempts FROM outbox ORDER BY id').all() as OutboxRow[];
}

describe('saving a dossier', () => {
  it('gives it the agency-day code, status "Được tiếp nhận", its documents, log-book line 1 and an outbox entry', async () => {
    const station = openTestStation();
    const draft = await station.validDraft({ owner: { fullName: 'Trần Thị Bích Ngọc', birthDate: '1985-03-02', idNumber: idNumberFor('1985-03-02', 'female', { province: '027' }) } });
    const saved = await station.save(draft);

    expect(saved.code).toBe('000.00.06.H56-261123-0001');
    expect(saved.status).toBe(2);
    expect(saved.channel).toBe(1);
    expect(saved.logBookLine).toBe(1);
    expect(saved.receivedAt).toBe('2026-11-23T09:32');
    expect(saved.ownerName).toBe('Trần Thị Bích Ngọc');
    expect(saved.documents.map((d) => d.code)).toEqual(draft.documents.map((d) => d.code));
    expect(saved.documents.every((d) => d.name.length > 0)).toBe(true);
    expect(saved.pendingSync).toBe(1);

    const rows = outboxRows(station);
    expect(rows).toHaveLength(1);
    const entry = rows[0]!;
    expect(entry).toMatchObject({ kind: 'dossier.create', state: 'pending', attempts: 0 });
    expect(entry.idempotency_key).toMatch(/^[0-9a-f-]{36}$/);
    const payload = JSON.parse(entry.payload) as Record<string, unknown>;
    expect(payload).toMatchObject({
      MaHoSo: '000.00.06.H56-261123-0001',
      MaTTHC: draft.procedureCode,
      ChuHoSo: 'Trần Thị Bích Ngọc',
      TrangThaiHoSo: 2,
      KenhThucHien: 1,
      NgayTiepNhan: '20261123093200',
      NgayHenTra: portalTime(saved.appointmentAt),
    });
    expect(payload.NgayHenTra).toMatch(/^\d{14}$/);
    expect(payload.TaiLieuNop).toHaveLength(draft.documents.length);

    // What the officer sees again later is what was saved.
    const again = await station.call('dossier.get', { code: saved.code });
    expect(again).toEqual({ ok: true, value: saved });
    const stored = station.db.prepare('SELECT count(*) AS n FROM dossier_documents').get() as { n: number };
    expect(stored.n).toBe(draft.documents.length);
  });

  it('numbers the next dossier of the day -0002 and the next log-book line 2', async () => {
    const station = openTestStation();
    const first = await station.save(await station.validDraft());
    station.clock.setLocal('2026-11-23T10:05');
    const second = await station.save(await station.validDraft({ owner: { fullName: 'Lê Văn Bình' } }));
    expect(first.code).toBe('000.00.06.H56-261123-0001');
    expect(second.code).toBe('000.00.06.H56-261123-0002');
    expect(second.logBookLine).toBe(2);
    expect(outboxRows(station)).toHaveLength(2);
  });

  it('restarts the sequence the next day but keeps counting log-book lines through the year', async () => {
    const station = openTestStation();
    await station.save(await station.validDraft());
    await station.save(await station.validDraft());
    station.clock.setLocal('2026-11-24T07:45');
    const nextDay = await station.save(await station.validDraft());
    expect(nextDay.code).toBe('000.00.06.H56-261124-0001');
    expect(nextDay.logBookLine).toBe(3);
  });

  it('saves the same form twice as one dossier with one outbox entry', async () => {
    const station = openTestStation();
    const draft = await station.validDraft();
    const first = await station.save(draft);
    station.clock.setLocal('2026-11-23T09:33');
    const second = await station.save(draft);
    expect(second.code).toBe(first.code);
    expect(second).toEqual(first);
    expect(writtenRows(station)).toMatchObject({ dossiers: 1, outbox: 1 });
    // The counter was not advanced by the repeat: the next new form gets -0002.
    const next = await station.save(await station.validDraft());
    expect(next.code).toBe('000.00.06.H56-261123-0002');
  });

  it('survives closing and reopening the database file', async () => {
    const station = openTestStation();
    const saved = await station.save(await station.validDraft({ owner: { fullName: 'Phạm Thị Hồng Nhung' } }));
    const reopened = station.reopen();
    const found = await reopened.call('dossier.get', { code: saved.code });
    expect(found).toEqual({ ok: true, value: saved });
    expect(outboxRows(reopened)).toHaveLength(1);
    const next = await reopened.save(await reopened.validDraft());
    expect(next.code).toBe('000.00.06.H56-261123-0002');
  });
});

describe('a refused save writes nothing and says why next to the field', () => {
  type Case = Readonly<{
    name: string;
    payload: (station: TestStation) => Promise<unknown>;
    code: string;
    field: string;
  }>;

  const cases: Case[] = [
    {
      name: 'an identity number with an unknown province code',
      payload: (s) => s.validDraft({ owner: { idNumber: '003090012345', birthDate: '1990-05-17' } }),
      code: 'ID_NUMBER_PROVINCE',
      field: 'owner.idNumber',
    },
    {
      name: 'an identity number whose year digits contradict the date of birth',
      payload: (s) => s.validDraft({ owner: { idNumber: idNumberFor('1991-05-17'), birthDate: '1990-05-17' } }),
      code: 'ID_NUMBER_YEAR',
      field: 'owner.idNumber',
    },
    {
      name: 'an identity number with letters',
      payload: (s) => s.validDraft({ owner: { idNumber: '00109001234A' } }),
      code: 'ID_NUMBER_FORMAT',
      field: 'owner.idNumber',
    },
    {
      name: 'an unknown procedure code',
      payload: async (s) => ({ ...(await s.validDraft()), procedureCode: '9.999999' }),
      code: 'PROCEDURE_UNKNOWN',
      field: 'procedureCode',
    },
    {
      name: 'a 5000-character name',
      payload: (s) => s.validDraft({ owner: { fullName: 'Nguyễn '.repeat(715).slice(0, 5000) } }),
      code: 'TOO_LONG',
      field: 'owner.fullName',
    },
    {
      name: 'an impossible date of birth (30/02/2023)',
      payload: (s) => s.validDraft({ owner: { birthDate: '2023-02-30', idNumber: '001223012345' } }),
      code: 'BIRTH_DATE_INVALID',
      field: 'owner.birthDate',
    },
    {
      name: 'a date of birth in the future',
      payload: (s) => s.validDraft({ owner: { birthDate: '2027-01-01', idNumber: idNumberFor('2027-01-01') } }),
      code: 'BIRTH_DATE_FUTURE',
      field: 'owner.birthDate',
    },
    {
      name: 'a mandatory document not ticked',
      payload: async (s) => {
        const draft = await s.validDraft();
        return { ...draft, documents: draft.documents.slice(1) };
      },
      code: 'DOCUMENTS_MISSING',
      field: 'documents',
    },
    {
      name: 'a document that does not belong to the procedure',
      payload: async (s) => {
        const draft = await s.validDraft();
        return { ...draft, documents: [...draft.documents, { code: 'TP99', originals: 1, certifiedCopies: 0, copies: 0 }] };
      },
      code: 'DOCUMENT_UNKNOWN',
      field: 'documents',
    },
    {
      name: 'a phone number that is not Vietnamese',
      payload: (s) => s.validDraft({ owner: { phone: '01234567890' } }),
      code: 'PHONE_FORMAT',
      field: 'owner.phone',
    },
    {
      name: 'an intake key that is not a UUID',
      payload: async (s) => ({ ...(await s.validDraft()), intakeKey: 'form-1' }),
      code: 'VALIDATION',
      field: 'intakeKey',
    },
  ];

  for (const c of cases) {
    it(`refuses ${c.name} with ${c.code} on ${c.field}`, async () => {
      const station = openTestStation();
      const before = writtenRows(station);
      const error = await station.refused('dossier.save', await c.payload(station));
      expect(error.code).toBe(c.code);
      expect(error.field).toBe(c.field);
      expect(error.message).toMatch(VIETNAMESE_TEXT);
      expect(writtenRows(station)).toEqual(before);
      // The number was not consumed: the first accepted dossier of the day is still -0001.
      const ok = await station.save(await station.validDraft());
      expect(ok.code).toBe('000.00.06.H56-261123-0001');
    });
  }

  it('refuses values of the wrong type as invalid data, not as missing, and writes nothing', async () => {
    const station = openTestStation();
    const before = writtenRows(station);
    const draft = await station.validDraft();
    const error = await station.refused('dossier.save', { ...draft, sets: '1' });
    expect(error.field).toBe('sets');
    expect(error.message).toMatch(VIETNAMESE_TEXT);
    expect(writtenRows(station)).toEqual(before);
    // The officer did enter the value: "Vui lòng nhập …" (please enter) would be wrong.
    expect(error.code).toBe('VALIDATION');
  });

  it('refuses a payload of the wrong type altogether and writes nothing', async () => {
    const station = openTestStation();
    const before = writtenRows(station);
    for (const payload of ['dossier', 42, [], null]) {
      const error = await station.refused('dossier.save', payload);
      expect(error.code).not.toBe('INTERNAL');
      expect(error.message).toMatch(VIETNAMESE_TEXT);
    }
    expect(writtenRows(station)).toEqual(before);
  });

  it('lists every problem of the form at once, each with its field', async () => {
    const station = openTestStation();
    const draft = await station.validDraft({ owner: { idNumber: '099090012345', phone: '123' } });
    const error = await station.refused('dossier.save', { ...draft, documents: [] });
    const fields = (error.issues ?? []).map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['owner.idNumber', 'owner.phone', 'documents']));
    expect(writtenRows(station)).toMatchObject({ dossiers: 0, outbox: 0, dossier_sequences: 0, log_book_lines: 0 });
  });
});

describe('a crash in the middle of the intake transaction', () => {
  function record(intakeKey: string): NewDossier {
    return {
      intakeKey,
      procedureCode: '1.001193',
      procedureName: 'Thủ tục đăng ký khai sinh',
      processingTime: { unit: 'same_day', cutoff: '15:00' },
      status: 2,
      channel: 1,
      owner: { fullName: 'Võ Minh Quân', idNumber: idNumberFor('1979-12-01'), birthDate: '1979-12-01', phone: '0912345678', address: 'Tiên Du' },
      submitter: null,
      resultDelivery: { method: 'counter' },
      documents: [{ code: 'TP1', name: 'Tờ khai', originals: 1, certifiedCopies: 0, copies: 0 }],
      sets: 1,
      notes: '',
      receivedAtMs: Date.parse('2026-11-23T02:32:00Z'),
      receivedAt: '2026-11-23T09:32',
      countingFrom: '2026-11-23T09:32',
      appointmentAt: '2026-11-23T17:00',
      logBookVolume: '2026',
      officerName: 'Cán bộ tiếp nhận',
    };
  }
  const allocator = stationBlocks({
    scope: '000.00.06.H56#1',
    first: 1,
    last: 999,
    format: (seq: number) => `000.00.06.H56-261123-${String(seq).padStart(4, '0')}`,
    onExhausted: (): never => { throw new Error('exhausted'); },
  });

  it('leaves no dossier, no documents, no outbox entry and no consumed number when the outbox write fails', async () => {
    const station = openTestStation();
    const before = writtenRows(station);
    expect(() =>
      insertDossier(station.db, record(randomUUID()), allocator, {
        kind: 'dossier.create',
        idempotencyKey: randomUUID(),
        payload: () => { throw new Error('disk pulled out'); },
      }),
    ).toThrow('disk pulled out');
    expect(writtenRows(station)).toEqual(before);
    expect(station.db.inTransaction).toBe(false);

    const saved: DossierView = await station.save(await station.validDraft());
    expect(saved.code).toBe('000.00.06.H56-261123-0001');
    expect(saved.logBookLine).toBe(1);
  });

  it('rolls back when the outbox insert itself is refused by the database', async () => {
    const station = openTestStation();
    const key = randomUUID();
    insertDossier(station.db, record(randomUUID()), allocator, { kind: 'dossier.create', idempotencyKey: key, payload: () => ({}) });
    const before = writtenRows(station);
    // A second entry with the same idempotency key violates the outbox's UNIQUE constraint.
    expect(() => insertDossier(station.db, record(randomUUID()), allocator, { kind: 'dossier.create', idempotencyKey: key, payload: () => ({}) })).toThrow(/UNIQUE/);
    expect(writtenRows(station)).toEqual(before);
    const { last } = station.db.prepare('SELECT last FROM dossier_sequences').get() as { last: number };
    expect(last).toBe(1);
  });
});

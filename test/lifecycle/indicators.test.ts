import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Officer } from '../../main/contract/dispatch';
import { timeliness } from '../../main/core/calendar/lateness';
import { addDays, fromVietnamLocal, toVietnamLocal } from '../../main/core/time';
import { reportFacts, resultsCounts } from '../../main/lifecycle/indicators-store';
import { aggregateResults } from '../../main/reports/results-report';
import { resolvePeriod, type ReportPeriod } from '../../main/reports/report-period';
import { writeTransaction } from '../../main/storage/database';
import { queueDossierFile } from '../../main/storage/dossier-files-store';
import { attachScan } from '../../main/storage/scanned-documents-store';
import { draftFor } from '../helpers/drafts';
import { openTestStation, sessionOf, VIETNAMESE_TEXT, type TestStation } from '../helpers/station';
import { pdfReader } from '../forms/pdf-text';
import { FIVE_DAYS, ok, SAME_DAY } from './rig';

// The dashboard reads counts the database keeps with every write (migration 0008's triggers).
// Here a few dozen dossiers live random lives through the real channels (received, passed on,
// supplemented, apologised for, finished, returned, withdrawn, stopped, scanned, signed); then
// the kept counts must equal a full recount, every number of the dashboard must list exactly its
// dossiers, and the periodic report's SQL must equal the reference aggregation.

const THREE_DAYS = '1.001022';
const OFFICERS: Officer[] = [
  { id: 'o1', name: 'Lê Thị Mai', roles: ['reception'] },
  { id: 'o2', name: 'Trần Văn Bình', roles: ['reception'] },
  { id: 'o3', name: 'Đỗ Thu Trang', roles: ['reception'] },
];

/** A small deterministic generator (mulberry32): the same lives on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function call(station: TestStation, officer: Officer, channel: string, payload: unknown): Promise<Record<string, unknown>> {
  const answer = await station.dispatch(channel, payload, sessionOf(station, officer));
  if (!answer.ok) throw new Error(`${channel}: ${JSON.stringify(answer.error)}`);
  return answer.value as Record<string, unknown>;
}

const WORKING_DAYS = ['2026-11-02', '2026-11-05', '2026-11-10', '2026-11-13', '2026-11-17', '2026-11-20', '2026-11-24', '2026-11-26', '2026-11-30', '2026-12-02', '2026-12-04', '2026-12-08'];

/** Forty dossiers with random lives; the clock ends on Wed 09/12/2026 10:00. */
async function livedDossiers(): Promise<TestStation> {
  const station = openTestStation();
  await ok(station, 'lifecycle.configure', { signer: { role: 'CHỦ TỊCH', name: 'Phạm Văn Đức' } });
  const random = rng(20261123);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  const procedures = new Map<string, Parameters<typeof draftFor>[0]>();
  for (const code of [SAME_DAY, THREE_DAYS, FIVE_DAYS]) procedures.set(code, await ok(station, 'catalogue.get', { code }));
  for (let i = 0; i < 40; i++) {
    const officer = pick(OFFICERS);
    const procedureCode = pick([SAME_DAY, THREE_DAYS, FIVE_DAYS]);
    let day = pick(WORKING_DAYS);
    const hour = 7 + Math.floor(random() * 9);
    station.clock.setLocal(`${day}T${String(hour).padStart(2, '0')}:${pick(['05', '20', '45'])}`);
    const draft = draftFor(procedures.get(procedureCode)!, { owner: { fullName: `Người Thứ ${i}` }, ...(random() < 0.1 ? { resultDelivery: { method: 'post', address: 'Số 1, Tiên Du' } } : {}) });
    const saved = await call(station, officer, 'dossier.save', draft);
    const code = saved.code as string;
    const id = (station.db.prepare('SELECT id FROM dossiers WHERE code = ?').get(code) as { id: number }).id;
    // Scans of some documents (all of them for some dossiers), a signed slip for some.
    const documents = (saved.documents as Array<{ code: string }>).map((d) => d.code);
    const scanned = random() < 0.5 ? documents : documents.filter(() => random() < 0.3);
    for (const documentCode of scanned) {
      attachScan(station.db, { dossierId: id, documentCode, fileName: `${documentCode}.pdf`, path: `/scans/${randomUUID()}.pdf`, size: 1000, sha256: 'a'.repeat(64), pages: 1, colorMode: 'gray', resolution: 200, scanner: 'SANE test', scannedAt: 0, idempotencyKey: randomUUID() });
    }
    if (random() < 0.3) writeTransaction(station.db, () => queueDossierFile(station.db, { dossierId: id, kind: 'signed-slip', documentCode: null, fileName: 'slip.pdf', mime: 'application/pdf', path: '/signed/slip.pdf', size: 100, sha256: 'b'.repeat(64) }, randomUUID(), 0));

    let last = toVietnamLocal(station.clock.now());
    const step = async (daysLater: number, payload: Record<string, unknown>) => {
      day = addDays(day, daysLater);
      let at = `${day}T${String(8 + Math.floor(random() * 8)).padStart(2, '0')}:30`;
      // A dossier's changes follow each other: never before its last one.
      if (at <= last) at = toVietnamLocal(new Date(fromVietnamLocal(last).getTime() + 20 * 60_000));
      day = at.slice(0, 10);
      if (day > '2026-12-09') return false;
      station.clock.setLocal(at);
      last = at;
      await call(station, pick(OFFICERS), 'dossier.transition', { code, ...payload });
      return true;
    };
    const life = random();
    if (i === 0) {
      await step(0, { event: 'start_processing' }); // still being processed
    } else if (i === 1) {
      await step(0, { event: 'request_supplement', items: ['Giấy tờ bổ sung'], reason: 'Thiếu giấy tờ' }); // still waiting for the citizen
    } else if (procedureCode === SAME_DAY && life < 0.6) {
      if (await step(0, { event: 'finish_at_counter' })) await step(pick([0, 1, 3]), { event: 'return_result', receiver: { kind: 'owner' }, delivery: { method: 'counter' } });
    } else if (life < 0.15) {
      await step(1, { event: 'withdraw', reason: 'Công dân rút hồ sơ' });
    } else if (life < 0.25) {
      await step(2, { event: 'stop_processing', reason: 'Có tranh chấp' });
    } else if (life < 0.45) {
      if (await step(1, { event: 'request_supplement', items: ['Giấy tờ bổ sung'], reason: 'Thiếu giấy tờ' }) && random() < 0.7) {
        if (await step(pick([1, 2, 5]), { event: 'complete_supplement', papers: [{ name: 'Giấy tờ bổ sung', copies: 1 }] })) {
          if (await step(0, { event: 'start_processing' })) await step(pick([2, 4, 9]), { event: 'finish' });
        }
      }
    } else if (life < 0.85) {
      if (await step(0, { event: 'start_processing' })) {
        if (random() < 0.3) await step(pick([2, 4]), { event: 'apologise', reason: 'Chờ xác minh', newAppointmentAt: `${addDays(day, 12)}T16:00` });
        if (await step(pick([1, 3, 6, 12]), { event: 'finish' }) && random() < 0.7) {
          await step(pick([0, 2, 5]), { event: 'return_result', receiver: { kind: 'owner' }, delivery: { method: 'counter' } });
        }
      }
    }
  }
  station.clock.setLocal('2026-12-09T10:00');
  return station;
}

type Counts = { received: number; digitised: number; signed: number; early: number; onTime: number; late: number; minutes: number; timed: number };
const zero = (): Counts => ({ received: 0, digitised: 0, signed: 0, early: 0, onTime: 0, late: 0, minutes: 0, timed: 0 });

/** The counts recomputed from the dossiers themselves, without the triggers or the generated columns. */
function recount(station: TestStation): Map<string, Counts> {
  type Row = {
    id: number; received_date: string; procedure_code: string; officer_name: string; appointment_local: string; finished_local: string | null;
    returned_local: string | null; finished_by: string | null; processing_minutes: number | null;
  };
  const rows = station.db.prepare('SELECT id, received_date, procedure_code, officer_name, appointment_local, finished_local, returned_local, finished_by, processing_minutes FROM dossiers').all() as Row[];
  const documents = station.db.prepare('SELECT document_code AS code FROM dossier_documents WHERE dossier_id = ?');
  const scans = station.db.prepare('SELECT document_code AS code FROM scanned_documents WHERE dossier_id = ?');
  const signed = station.db.prepare("SELECT count(*) AS n FROM dossier_files WHERE dossier_id = ? AND kind IN ('signed-slip', 'scan-signed')");
  const out = new Map<string, Counts>();
  const at = (day: string, procedure: string, officer: string) => {
    const key = `${day}|${procedure}|${officer}`;
    if (!out.has(key)) out.set(key, zero());
    return out.get(key)!;
  };
  for (const r of rows) {
    const docs = (documents.all(r.id) as Array<{ code: string }>).map((d) => d.code);
    const done = new Set((scans.all(r.id) as Array<{ code: string }>).map((d) => d.code));
    const c = at(r.received_date, r.procedure_code, r.officer_name);
    c.received++;
    if (docs.length > 0 && docs.every((d) => done.has(d))) c.digitised++;
    if ((signed.get(r.id) as { n: number }).n > 0) c.signed++;
    const handled = r.finished_local ?? r.returned_local;
    if (handled !== null) {
      const h = at(handled.slice(0, 10), r.procedure_code, r.finished_by ?? r.officer_name);
      const t = timeliness(r.appointment_local, handled);
      if (t === 'early') h.early++;
      else if (t === 'on_time') h.onTime++;
      else h.late++;
      if (r.processing_minutes !== null) { h.minutes += r.processing_minutes; h.timed++; }
    }
  }
  for (const [k, c] of out) if (Object.values(c).every((v) => v === 0)) out.delete(k);
  return out;
}

function kept(station: TestStation): Map<string, Counts> {
  type Row = { day: string; procedure_code: string; officer: string; received: number; digitised: number; signed: number; early: number; on_time: number; late: number; processing_minutes: number; timed: number };
  const out = new Map<string, Counts>();
  for (const r of station.db.prepare('SELECT * FROM lifecycle_daily').all() as Row[]) {
    const c = { received: r.received, digitised: r.digitised, signed: r.signed, early: r.early, onTime: r.on_time, late: r.late, minutes: r.processing_minutes, timed: r.timed };
    if (Object.values(c).some((v) => v !== 0)) out.set(`${r.day}|${r.procedure_code}|${r.officer}`, c);
  }
  return out;
}

type Dashboard = {
  totals: { received: number; digitised: number; signed: number; handled: number; early: number; onTime: number; late: number; onTimeRate: number | null; overdueNow: number; averageWorkingDays: number | null };
  byOfficer: Array<{ key: string; received: number; late: number; overdueNow: number }>;
  byProcedure: Array<{ key: string; handled: number; early: number }>;
  byField: Array<{ key: string; received: number }>;
};

describe('the indicators', () => {
  it('keeps the dashboard\'s counts equal to a full recount through every kind of write, and each number lists exactly its dossiers', async () => {
    const station = await livedDossiers();
    const counts = kept(station);
    expect(counts).toEqual(recount(station));
    const totals = [...counts.values()].reduce((a, c) => ({ ...a, received: a.received + c.received, late: a.late + c.late, digitised: a.digitised + c.digitised }), zero());
    // The lives really covered the cases.
    expect(totals.received).toBe(40);
    expect(totals.late).toBeGreaterThan(0);
    expect(totals.digitised).toBeGreaterThan(0);
    expect(new Set((station.db.prepare('SELECT status FROM dossiers').all() as Array<{ status: number }>).map((r) => r.status))).toEqual(new Set([2, 4, 5, 7, 8, 9, 10]));

    const period = { from: '2026-11-01', to: '2026-11-30' };
    const dash = await ok<Dashboard>(station, 'indicators.dashboard', period);
    const inPeriod = [...recount(station)].filter(([k]) => k.slice(0, 10) >= period.from && k.slice(0, 10) <= period.to).map(([, c]) => c);
    const sum = (f: (c: Counts) => number) => inPeriod.reduce((a, c) => a + f(c), 0);
    expect(dash.totals).toMatchObject({ received: sum((c) => c.received), digitised: sum((c) => c.digitised), signed: sum((c) => c.signed), early: sum((c) => c.early), onTime: sum((c) => c.onTime), late: sum((c) => c.late) });
    expect(dash.totals.onTimeRate).toBeCloseTo((sum((c) => c.early) + sum((c) => c.onTime)) / (sum((c) => c.early + c.onTime + c.late)), 10);
    expect(dash.totals.averageWorkingDays).toBeCloseTo(sum((c) => c.minutes) / sum((c) => c.timed) / 480, 2);
    expect(dash.totals.overdueNow).toBe((station.db.prepare("SELECT count(*) AS n FROM dossiers WHERE status IN (2, 4, 6) AND coalesce(rescheduled_local, appointment_local) < '2026-12-09T10:00'").get() as { n: number }).n);

    const drill = async (measure: string, extra = {}) => (await ok<{ total: number; dossiers: unknown[] }>(station, 'indicators.dossiers', { ...period, measure, limit: 500, ...extra }));
    for (const [measure, value] of [
      ['received', dash.totals.received], ['digitised', dash.totals.digitised], ['not_digitised', dash.totals.received - dash.totals.digitised],
      ['signed', dash.totals.signed], ['handled', dash.totals.handled], ['early', dash.totals.early], ['on_time', dash.totals.onTime],
      ['late', dash.totals.late], ['overdue_now', dash.totals.overdueNow],
    ] as const) {
      const d = await drill(measure);
      expect([measure, d.total, d.dossiers.length], measure).toEqual([measure, value, value]);
    }
    for (const o of dash.byOfficer) {
      expect((await drill('received', { officer: o.key })).total, o.key).toBe(o.received);
      expect((await drill('late', { officer: o.key })).total, o.key).toBe(o.late);
      expect((await drill('overdue_now', { officer: o.key })).total, o.key).toBe(o.overdueNow);
    }
    for (const p of dash.byProcedure) expect((await drill('early', { procedureCode: p.key })).total, p.key).toBe(p.early);
    expect((await drill('received', { field: 'Hộ tịch' })).total).toBe(dash.byField.find((f) => f.key === 'Hộ tịch')?.received);
  });

  it('counts the periodic report in SQL exactly as the reference aggregation counts the same dossiers', async () => {
    const station = await livedDossiers();
    const periods: ReportPeriod[] = [
      { kind: 'month', year: 2026, month: 11 }, { kind: 'month', year: 2026, month: 12 }, { kind: 'quarter', year: 2026, quarter: 4 },
      { kind: 'year', year: 2026 }, { kind: 'range', from: '2026-11-10', to: '2026-11-26' },
    ];
    for (const period of periods) {
      const resolved = resolvePeriod(period);
      if (!resolved.ok) throw new Error('period');
      for (const asOf of [undefined, '2026-12-09T10:00', '2026-11-20T12:00']) {
        const end = asOf !== undefined && asOf < resolved.value.endExclusive ? asOf : resolved.value.endExclusive;
        const reference = aggregateResults(reportFacts(station.db), period, asOf === undefined ? {} : { asOf });
        if (!reference.ok) throw new Error(JSON.stringify(reference));
        expect(resultsCounts(station.db, resolved.value.start, end), `${JSON.stringify(period)} as of ${asOf}`).toEqual(reference.value);
      }
    }
  });

  it('exports the periodic report to XLSX and PDF, and refuses a reversed or empty period next to its fields', async () => {
    const station = await livedDossiers();
    const xlsx = await ok<{ base64: string; rows: Array<{ field: string; carriedOver: number }> }>(station, 'report.results', { period: { kind: 'quarter', year: 2026, quarter: 4 }, format: 'xlsx' });
    expect(xlsx.rows.map((r) => r.field)).toEqual(['Hộ tịch']);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells.join(' ')).toContain('BÁO CÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(cells).toContain('Hộ tịch');

    const pdf = await ok<{ base64: string }>(station, 'report.results', { period: { kind: 'month', year: 2026, month: 11 }, format: 'pdf' });
    const reader = pdfReader('report-');
    try {
      const text = reader.flat(reader.save(Buffer.from(pdf.base64, 'base64'), 'report'));
      expect(text).toContain('Kỳ báo cáo: Tháng 11 năm 2026');
      expect(text).toContain('Hộ tịch');
    } finally {
      reader.dispose();
    }
    const reversed = await station.refused('report.results', { period: { kind: 'range', from: '2026-12-01', to: '2026-11-01' }, format: 'xlsx' });
    expect(reversed).toMatchObject({ code: 'LIFECYCLE_PERIOD_REVERSED', field: 'to' });
    const empty = await station.refused('report.results', { period: { kind: 'month', year: 2025, month: 3 }, format: 'pdf' });
    expect(empty).toMatchObject({ code: 'LIFECYCLE_PERIOD_EMPTY', field: 'from' });
    expect(empty.message).toMatch(VIETNAMESE_TEXT);
    const dashboard = await station.refused('indicators.dashboard', { from: '2026-12-01', to: '2026-11-01' });
    expect(dashboard).toMatchObject({ code: 'LIFECYCLE_PERIOD_REVERSED', field: 'to' });
  });
});

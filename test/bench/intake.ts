// 1. Intake commit and 2. appointment slip PDF.
//
// Intake: the real `dossier.save` handler of a station on a file database in a temp folder
// (openDatabase: WAL, synchronous=FULL). In the same loop, interleaved so disk and CPU
// conditions are shared, three other writes are timed:
//   - insertDossier called directly (the storage transaction alone, no validation/appointment),
//   - the same save through the contract dispatcher (zod in + out, as a host calls it),
//   - a bare single-row INSERT (autocommit) into a separate table of another temp database file
//     opened with the same pragmas (applyPragmas).
// Ratios are medians over the bare insert's median.

import { stationBlocks } from '../../main/storage/code-allocation';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { DossierDraft } from '../../main/contract/schemas';
import { checkDraft } from '../../main/core/intake';
import { formatDossierCode, sequenceRange } from '../../main/core/dossier-code';
import { portalRecord } from '../../main/portal/portal-record';
import { toVietnamLocal } from '../../main/core/time';
import { WorkingCalendar } from '../../main/core/calendar/working-calendar';
import { renderReceiptSlip } from '../../main/forms/receipt-slip';
import { DATABASE_FILE, openStation } from '../../main/station';
import { slipDataOf } from '../../main/forms/receipt-slip-data';
import { listCalendarDays } from '../../main/storage/calendar-store';
import { getProcedure } from '../../main/storage/catalogue-store';
import { applyPragmas } from '../../main/storage/database';
import { getDossier, insertDossier, type NewDossier } from '../../main/storage/dossier-store';
import { getSettings } from '../../main/storage/settings-store';
import { BIRTH_REGISTRATION, draftFor } from '../helpers/drafts';
import { person } from './people';
import { median, ms, now, progress, rng, summarize, type Summary } from './stats';
import { TEST_OFFICER } from '../helpers/station';

/** Monday 23/11/2026, 09:32 in Vietnam (the tests' clock). */
const CLOCK = new Date('2026-11-23T02:32:00Z');

export type IntakeFigures = {
  database: string;
  warmup: number;
  handler: Summary;
  dispatcher: Summary;
  storageOnly: Summary;
  bareInsert: Summary;
  bareInsertSynchronousOff: Summary;
  /** bare insert median (FULL) − bare insert median (OFF): one WAL fsync on this disk. */
  fsyncMedianMs: number;
  ratio: number;
  storageOnlyRatio: number;
  dispatcherRatio: number;
  target: string;
  met: boolean;
  /** CPU-side cost: the same calls with synchronous=OFF (no fsync). */
  cpu: { handlerMedianMs: number; storageOnlyMedianMs: number; outsideStorageTransactionMs: number };
};

export type SlipFigures = { paper: string; copies: number; coldFirstRenderMs: number; warmup: number; timed: Summary; bytes: number; target: string; met: boolean };

export async function benchIntake(options: { warmup: number; timed: number }): Promise<{ intake: IntakeFigures; slip: SlipFigures }> {
  const dir = mkdtempSync(join(tmpdir(), 'mot-cua-bench-intake-'));
  const random = rng(42);
  try {
    const station = openStation({ callsWithoutSession: TEST_OFFICER, dataDir: join(dir, 'station'), host: 'web', version: 'bench', now: () => CLOCK });
    const dispatch = station.dispatch;
    const procedure = await station.handlers['catalogue.get']({ code: BIRTH_REGISTRATION });

    const bare = new Database(join(dir, 'bare.sqlite3'));
    applyPragmas(bare);
    bare.exec('CREATE TABLE bare (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT');
    const bareInsert = bare.prepare('INSERT INTO bare (payload) VALUES (?)');
    // The same bare insert with synchronous=OFF: the difference is what one fsync of the WAL costs here.
    const unsynced = new Database(join(dir, 'bare-sync-off.sqlite3'));
    applyPragmas(unsynced);
    unsynced.pragma('synchronous = OFF');
    unsynced.exec('CREATE TABLE bare (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT');
    const unsyncedInsert = unsynced.prepare('INSERT INTO bare (payload) VALUES (?)');

    const draft = (): DossierDraft => {
      const p = person(random);
      return draftFor(procedure, { owner: { fullName: p.fullName, idNumber: p.idNumber, birthDate: p.birthDate, phone: p.phone, address: p.address } });
    };

    // The record dossier.save hands to storage, built once per draft outside the timed region.
    const { agency, station: settings } = getSettings(station.db);
    const calendar = new WorkingCalendar({ segments: settings.workingHours, days: listCalendarDays(station.db) });
    const storageRecord = (d: DossierDraft): NewDossier => {
      const receivedAt = toVietnamLocal(CLOCK);
      const { checked } = checkDraft(d, procedure, receivedAt.slice(0, 10));
      if (!checked) throw new Error('bench draft refused');
      const { countingFrom, appointmentAt } = calendar.computeAppointment(receivedAt, procedure.processingTime, { roundingMinutes: settings.appointmentRoundingMinutes });
      return {
        intakeKey: checked.draft.intakeKey, procedureCode: procedure.code, procedureName: procedure.name, processingTime: procedure.processingTime,
        status: 2, channel: 1, owner: checked.draft.owner, submitter: checked.draft.submitter, resultDelivery: checked.draft.resultDelivery,
        documents: checked.documents, sets: checked.draft.sets, notes: checked.draft.notes, receivedAtMs: CLOCK.getTime(), receivedAt,
        countingFrom, appointmentAt, logBookVolume: receivedAt.slice(0, 4), officerName: settings.officerName,
      };
    };
    // Its own agency, scope and code prefix, so it never collides with the handler's codes.
    const allocator = stationBlocks({
      ...sequenceRange(settings.codeFormat, 'BENCH.DIRECT', 1),
      format: (seq: number) => formatDossierCode(settings.codeFormat, { agency: 'BENCH.DIRECT', date: '2026-11-23', station: 1, seq }),
      onExhausted: (): never => { throw new Error('sequence exhausted'); },
    });
    const outbox = (record: NewDossier) => ({ kind: 'dossier.create' as const, idempotencyKey: randomUUID(), payload: (code: string) => portalRecord(code, agency.agencyId, record) });

    const samples = { handler: [] as number[], dispatcher: [] as number[], storage: [] as number[], bare: [] as number[], unsynced: [] as number[] };
    const savedCodes: string[] = [];
    const total = options.warmup + options.timed;
    for (let i = 0; i < total; i++) {
      const timed = i >= options.warmup;
      // Everything not measured (drafts, records) is prepared before the clock starts.
      const d1 = draft();
      const d2 = draft();
      const record = storageRecord(draft());
      const entry = outbox(record);
      const payload = `{"n":${i},"pad":"${'x'.repeat(180)}"}`;

      let t = now();
      const saved = await station.handlers['dossier.save'](d1);
      const tHandler = now() - t;
      savedCodes.push(saved.code);

      t = now();
      insertDossier(station.db, record, allocator, entry);
      const tStorage = now() - t;

      t = now();
      const answer = await dispatch('dossier.save', d2);
      const tDispatch = now() - t;
      if (!answer.ok) throw new Error(`dispatch refused: ${JSON.stringify(answer.error)}`);

      t = now();
      bareInsert.run(payload);
      const tBare = now() - t;

      t = now();
      unsyncedInsert.run(payload);
      const tUnsynced = now() - t;

      if (timed) {
        samples.handler.push(tHandler);
        samples.storage.push(tStorage);
        samples.dispatcher.push(tDispatch);
        samples.bare.push(tBare);
        samples.unsynced.push(tUnsynced);
      }
      if ((i + 1) % 100 === 0) progress(`intake: ${i + 1} / ${total} rounds`);
    }
    bare.close();
    unsynced.close();

    const cpu = cpuOnly(procedure, draft, storageRecord, outbox, allocator);

    const handler = summarize(samples.handler);
    const bareSummary = summarize(samples.bare);
    const storageOnly = summarize(samples.storage);
    const dispatcher = summarize(samples.dispatcher);
    const ratio = round2(median(samples.handler) / median(samples.bare));
    const intake: IntakeFigures = {
      database: 'file DB in a temp dir, WAL + synchronous=FULL (openDatabase); bare insert: separate table in another temp DB file, same pragmas (applyPragmas)',
      warmup: options.warmup,
      handler,
      dispatcher,
      storageOnly,
      bareInsert: bareSummary,
      bareInsertSynchronousOff: summarize(samples.unsynced),
      fsyncMedianMs: ms(median(samples.bare) - median(samples.unsynced)),
      ratio,
      storageOnlyRatio: round2(median(samples.storage) / median(samples.bare)),
      dispatcherRatio: round2(median(samples.dispatcher) / median(samples.bare)),
      target: 'ratio (handler median / bare insert median) <= 2',
      met: ratio <= 2,
      cpu,
    };

    // 2. The appointment slip of a saved dossier, as slip.pdf renders it.
    const dossier = getDossier(station.db, { code: savedCodes[savedCodes.length - 1]! })!;
    const { agency: a, station: s } = getSettings(station.db);
    const layout = { paper: s.slipPaper, copies: s.slipCopies } as const;
    const render = () => renderReceiptSlip(slipDataOf(dossier, a, s), layout);
    let t = now();
    const first = await render();
    const coldFirstRenderMs = ms(now() - t);
    const warmup = 5;
    for (let i = 0; i < warmup; i++) await render();
    const renders: number[] = [];
    for (let i = 0; i < 40; i++) {
      t = now();
      await render();
      renders.push(now() - t);
    }
    const timed = summarize(renders);
    const slip: SlipFigures = {
      paper: layout.paper, copies: layout.copies, coldFirstRenderMs, warmup, timed, bytes: first.length,
      target: 'warm median <= 40 ms', met: timed.median <= 40,
    };
    station.close();
    return { intake, slip };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same handler and storage calls on a file database with synchronous=OFF (no fsync): what
 * the intake costs in CPU, and how much of it is outside the storage transaction (validation,
 * settings and procedure reads, appointment, the getDossier that answers the save).
 */
function cpuOnly(
  procedure: Parameters<typeof draftFor>[0],
  draft: () => DossierDraft,
  storageRecord: (d: DossierDraft) => NewDossier,
  outbox: (r: NewDossier) => Parameters<typeof insertDossier>[3],
  allocator: Parameters<typeof insertDossier>[2],
): IntakeFigures['cpu'] {
  const dir = mkdtempSync(join(tmpdir(), 'mot-cua-bench-cpu-'));
  try {
    const station = openStation({ callsWithoutSession: TEST_OFFICER, dataDir: dir, host: 'web', version: 'bench', now: () => CLOCK });
    station.db.pragma('synchronous = OFF');
    if (!getProcedure(station.db, procedure.code)) throw new Error('no procedure');
    const h: number[] = [];
    const st: number[] = [];
    for (let i = 0; i < 400; i++) {
      const d = draft();
      const record = storageRecord(draft());
      const entry = outbox(record);
      let t = now();
      void station.handlers['dossier.save'](d);
      const th = now() - t;
      t = now();
      insertDossier(station.db, record, allocator, entry);
      const ts = now() - t;
      if (i >= 100) { h.push(th); st.push(ts); }
    }
    station.close();
    const hm = median(h);
    const sm = median(st);
    return { handlerMedianMs: ms(hm), storageOnlyMedianMs: ms(sm), outsideStorageTransactionMs: ms(hm - sm) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export type IntakeOnLargeDbFigures = { dossiersAlready: number; note: string; handler: Summary; bareInsert: Summary; ratio: number };

/**
 * dossier.save on a copy of the generated search database (a station with a million dossiers
 * already): does the intake commit slow down as the tables and indexes grow?
 */
export async function benchIntakeOnLargeDb(file: string, dossiersAlready: number, options: { warmup: number; timed: number }): Promise<IntakeOnLargeDbFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'mot-cua-bench-intake-large-'));
  const random = rng(4242);
  try {
    const dataDir = join(dir, 'station');
    mkdirSync(dataDir);
    copyFileSync(file, join(dataDir, DATABASE_FILE));
    const station = openStation({ callsWithoutSession: TEST_OFFICER, dataDir, host: 'web', version: 'bench', now: () => CLOCK });
    const procedure = await station.handlers['catalogue.get']({ code: BIRTH_REGISTRATION });
    const bare = new Database(join(dir, 'bare.sqlite3'));
    applyPragmas(bare);
    bare.exec('CREATE TABLE bare (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT');
    const bareInsert = bare.prepare('INSERT INTO bare (payload) VALUES (?)');
    const handler: number[] = [];
    const bareTimes: number[] = [];
    for (let i = 0; i < options.warmup + options.timed; i++) {
      const p = person(random);
      const d = draftFor(procedure, { owner: { fullName: p.fullName, idNumber: p.idNumber, birthDate: p.birthDate, phone: p.phone, address: p.address } });
      const payload = `{"n":${i},"pad":"${'x'.repeat(180)}"}`;
      let t = now();
      await station.handlers['dossier.save'](d);
      const th = now() - t;
      t = now();
      bareInsert.run(payload);
      const tb = now() - t;
      if (i >= options.warmup) { handler.push(th); bareTimes.push(tb); }
    }
    bare.close();
    station.close();
    return {
      dossiersAlready,
      note: 'informational (no target): the generated database copied into a station data folder, saves through dossier.save, interleaved with the bare insert',
      handler: summarize(handler),
      bareInsert: summarize(bareTimes),
      ratio: round2(median(handler) / median(bareTimes)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The lifecycle's figures (issue "The dossier's whole life at the counter", Benchmarks):
//   1. a transition's commit (the real `dossier.transition` handler of a station on a file
//      database) against a bare single-row insert in the same run, interleaved: ratio ≤ 2;
//   2. the due-today, overdue and results-to-return lists over 1,000,000 generated dossiers
//      (test/bench/generate.ts, judged at LIFECYCLE_NOW): p95 ≤ 10 ms each;
//   3. the dashboard over the same million, for a year: ≤ 100 ms;
//   4. a year's periodic report to XLSX over the million: ≤ 3 s;
//   5. a log book PDF of 2,000 dossiers: ≤ 2 s;
//   6. (BENCH_LIFECYCLE_KILLS > 0) the crash harness killing the station during transitions.
// `benchLifecycle()` returns one object of figures, each with its target and whether it is met.
// The lists, the dashboard and the report are the feature's own handlers over the generated
// file (opened with openDatabase, as the search benchmark does).

import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { CallContext, Handlers } from '../../main/contract/dispatch';
import { fromVietnamLocal } from '../../main/core/time';
import { createSessionRegistry } from '../../main/session-registry';
import { createEventBus } from '../../main/event-bus';
import type { StationContext } from '../../main/feature';
import { formHandlers } from '../../main/lifecycle/form-handlers';
import { indicatorHandlers } from '../../main/lifecycle/indicator-handlers';
import { lifecycleEnv } from '../../main/lifecycle/lifecycle-env';
import { watchHandlers } from '../../main/lifecycle/watch-handlers';
import { watchSql } from '../../main/lifecycle/watch-store';
import { messages } from '../../main/messages';
import { openStation } from '../../main/station';
import { applyPragmas, openDatabase, type Db } from '../../main/storage/database';
import { getSettings } from '../../main/storage/settings-store';
import { noPrinter } from '../../hardware/printers/printer';
import { draftFor } from '../helpers/drafts';
import { crashHarness } from '../sync/crash-harness';
import { ensureGeneratedDb, LIFECYCLE_NOW } from './generate';
import { person } from './people';
import { median, ms, now, progress, rng, summarize, type Summary } from './stats';

/** Monday 23/11/2026, 09:32 in Vietnam (the tests' clock). */
const CLOCK = new Date('2026-11-23T02:32:00Z');
const CALL: CallContext = { officer: { id: 'bench', name: 'Cán bộ đo hiệu năng', roles: ['reception', 'leader'] } };
const round2 = (x: number) => Math.round(x * 100) / 100;

type Timed = Summary & { target: string; met: boolean };

export type LifecycleFigures = {
  transitionCommit: {
    database: string;
    handler: Summary;
    bareInsert: Summary;
    ratio: number;
    /** Informational: a hand-back with its handover note laid out and recorded in the same transaction. */
    returnWithHandoverNote: Summary;
    target: string;
    met: boolean;
  };
  lists: {
    dossiers: number;
    now: string;
    counts: Record<string, number>;
    dueToday: Timed;
    dueNextWorkingDay: Timed;
    overdue: Timed;
    resultsToReturn: Timed;
    resultsToReturnSearch: Timed;
    badge: Summary;
    plans: Record<string, string[]>;
  };
  dashboard: { year: Timed; month: Summary; firstAfterOpenMs: number };
  yearReportXlsx: { runsMs: number[]; bytes: number; rows: number } & Timed;
  logBookPdf: { lines: number; coldMs: number; warm: Summary; target: string; met: boolean; note: string };
  crash?: { kills: number; transitionsAcknowledged: number; mismatched: number; duplicates: number; missing: number; outboxLeft: number; ms: number; met: boolean };
};

/** A station context over a database file of the benchmark (no workers, the lifecycle's clock). */
function contextOver(db: Db, at: string): StationContext {
  return {
    db, dataDir: tmpdir(), host: 'web', version: 'bench', now: () => fromVietnamLocal(at), language: () => 'vi',
    settings: () => getSettings(db), messages, events: createEventBus(), vault: { seal: (s: string) => s, open: (s: string) => s },
    printer: noPrinter, openConnection: () => db, onClose: () => undefined,
    sessions: createSessionRegistry({ now: () => fromVietnamLocal(at).getTime(), idleLockMs: () => 600_000 }),
    databaseKey: new Uint8Array(32), recoveryCode: { peek: () => null, take: () => null },
  };
}

async function timeIt(runs: number, fn: () => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = now();
    await fn();
    samples.push(now() - t);
  }
  return samples;
}

const timed = (samples: readonly number[], limitMs: number, what: string): Timed => {
  const s = summarize(samples);
  return { ...s, target: `${what} <= ${limitMs} ms`, met: s.p95 <= limitMs };
};

export async function benchCommit(warmup: number, count: number): Promise<LifecycleFigures['transitionCommit']> {
  const dir = mkdtempSync(join(tmpdir(), 'mot-cua-bench-lifecycle-'));
  try {
    const station = openStation({ dataDir: join(dir, 'station'), host: 'web', version: 'bench', now: () => CLOCK });
    const handlers = station.handlers as Handlers;
    const sameDay = await handlers['catalogue.get']({ code: '1.001193' });
    const random = rng(11);
    const codes: string[] = [];
    progress(`lifecycle: receiving ${warmup + count} dossiers to move (not timed)…`);
    for (let i = 0; i < warmup + count; i++) {
      const p = person(random);
      const saved = await handlers['dossier.save'](draftFor(sameDay, { owner: { fullName: p.fullName, idNumber: p.idNumber, birthDate: p.birthDate, phone: p.phone, address: p.address } }), CALL);
      codes.push(saved.code);
    }
    const bare = new Database(join(dir, 'bare.sqlite3'));
    applyPragmas(bare);
    bare.exec('CREATE TABLE bare (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT');
    const bareInsert = bare.prepare('INSERT INTO bare (payload) VALUES (?)');
    const transition = handlers['dossier.transition'];
    const samples = { handler: [] as number[], bare: [] as number[], handover: [] as number[] };
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i]!;
      let t = now();
      await transition({ code, event: 'finish_at_counter' }, CALL);
      const tHandler = now() - t;
      t = now();
      bareInsert.run(`{"n":${i},"pad":"${'x'.repeat(180)}"}`);
      const tBare = now() - t;
      t = now();
      await transition({ code, event: 'return_result', receiver: { kind: 'owner' }, delivery: { method: 'counter' } }, CALL);
      const tHandover = now() - t;
      if (i >= warmup) {
        samples.handler.push(tHandler);
        samples.bare.push(tBare);
        samples.handover.push(tHandover);
      }
      if ((i + 1) % 100 === 0) progress(`lifecycle: ${i + 1} / ${codes.length} transitions`);
    }
    bare.close();
    await station.close();
    const ratio = round2(median(samples.handler) / median(samples.bare));
    return {
      database: 'the station on a file database in a temp dir (encrypted, WAL + synchronous=FULL); bare insert: another file, same pragmas (applyPragmas)',
      handler: summarize(samples.handler),
      bareInsert: summarize(samples.bare),
      ratio,
      returnWithHandoverNote: summarize(samples.handover),
      target: 'ratio (finish_at_counter handler median / bare insert median) <= 2',
      met: ratio <= 2,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchLifecycle(options: { dossiers?: number; commits?: number; listRuns?: number; kills?: number } = {}): Promise<LifecycleFigures> {
  const dossiers = options.dossiers ?? Number(process.env.BENCH_DOSSIERS ?? 1_000_000);
  const listRuns = options.listRuns ?? 200;
  const kills = options.kills ?? Number(process.env.BENCH_LIFECYCLE_KILLS ?? 0);

  progress('lifecycle 1. a transition\'s commit…');
  const transitionCommit = await benchCommit(30, options.commits ?? 300);

  progress(`lifecycle 2–4. lists, dashboard and report over ${dossiers.toLocaleString('en')} dossiers: preparing the database…`);
  const gen = ensureGeneratedDb(dossiers, { regenerate: process.env.BENCH_REGENERATE === '1' });
  progress(gen.cached ? `reusing ${gen.file} (${gen.fileMB} MB)` : `generated ${gen.file} in ${((gen.generationMs ?? 0) / 1000).toFixed(1)} s`);
  const db = openDatabase(gen.file);
  let lists: LifecycleFigures['lists'];
  let dashboard: LifecycleFigures['dashboard'];
  let yearReportXlsx: LifecycleFigures['yearReportXlsx'];
  try {
    const env = lifecycleEnv(contextOver(db, LIFECYCLE_NOW));
    const watch = watchHandlers(env);
    const indicators = indicatorHandlers(env);
    const list = (bucket: 'overdue' | 'due_today' | 'due_next_working_day') => () => watch['watch.list']({ bucket, limit: 100, offset: 0 });
    const firstAt = now();
    await indicators['indicators.dashboard']({ from: '2026-01-01', to: '2026-12-31' });
    const firstAfterOpenMs = ms(now() - firstAt);
    const badge = await watch['watch.badge']({});
    const names = ['nguyen van', 'tran thi', 'le', 'pham minh', 'hoang thi'];
    let n = 0;
    const plan = (sql: string, params: unknown[] | Record<string, unknown>) => {
      const s = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
      return ((Array.isArray(params) ? s.all(...params) : s.all(params)) as Array<{ detail: string }>).map((r) => r.detail);
    };
    const range = { from: '', to: LIFECYCLE_NOW, procedure: null, field: null, officer: null };
    lists = {
      dossiers,
      now: LIFECYCLE_NOW,
      counts: { overdue: badge.overdue, dueToday: badge.dueToday, dueNextWorkingDay: badge.dueNextWorkingDay, resultsWaiting: badge.resultsWaiting },
      dueToday: timed(await timeIt(listRuns, list('due_today')), 10, 'watch.list due_today (100 lines, 3 groupings) p95'),
      dueNextWorkingDay: timed(await timeIt(listRuns, list('due_next_working_day')), 10, 'watch.list due_next_working_day p95'),
      overdue: timed(await timeIt(listRuns, list('overdue')), 10, 'watch.list overdue p95'),
      resultsToReturn: timed(await timeIt(listRuns, () => watch['results.ready']({ query: '', limit: 50, offset: 0 })), 10, 'results.ready (50 oldest) p95'),
      resultsToReturnSearch: timed(await timeIt(listRuns, () => watch['results.ready']({ query: names[n++ % names.length]!, limit: 50, offset: 0 })), 10, 'results.ready searched by name p95'),
      badge: summarize(await timeIt(listRuns, () => watch['watch.badge']({}))),
      plans: {
        'watch.list': plan(watchSql.list, { ...range, limit: 100, offset: 0 }),
        'watch.groups': plan(watchSql.groups, range),
        'watch.ready': plan(watchSql.ready, [50, 0]),
        'watch.readyByKey': plan(watchSql.readyByKey, ['nnguyen van', 'nnguyen vao', 500]),
      },
    };
    progress('lifecycle 3. the dashboard…');
    dashboard = {
      year: timed(await timeIt(20, () => indicators['indicators.dashboard']({ from: '2026-01-01', to: '2026-12-31' })), 100, 'indicators.dashboard for a year p95'),
      month: summarize(await timeIt(20, () => indicators['indicators.dashboard']({ from: '2026-11-01', to: '2026-11-30' }))),
      firstAfterOpenMs,
    };
    progress('lifecycle 4. a year\'s report to XLSX…');
    let bytes = 0;
    let rows = 0;
    const runs = await timeIt(3, async () => {
      const r = await indicators['report.results']({ period: { kind: 'year', year: 2026 }, format: 'xlsx' }, CALL);
      bytes = Buffer.from(r.base64, 'base64').length;
      rows = r.rows.length;
    });
    const worst = Math.max(...runs);
    yearReportXlsx = { ...summarize(runs), runsMs: runs.map(ms), bytes, rows, target: "a year's report.results to XLSX <= 3000 ms (every run)", met: worst <= 3000 };
  } finally {
    db.close();
  }

  progress('lifecycle 5. a log book of 2,000 dossiers to PDF…');
  const small = ensureGeneratedDb(2000);
  const dir = mkdtempSync(join(tmpdir(), 'mot-cua-bench-logbook-'));
  let logBookPdf: LifecycleFigures['logBookPdf'];
  try {
    // A copy: printing records the log book as issued, and the cached file stays as generated.
    const file = join(dir, 'logbook.sqlite3');
    copyFileSync(small.file, file);
    const ldb = openDatabase(file);
    try {
      const forms = formHandlers(lifecycleEnv(contextOver(ldb, LIFECYCLE_NOW)));
      const period = { from: small.days[0]!, to: small.days[small.days.length - 1]! };
      let lines = 0;
      const t = now();
      lines = (await forms['logbook.pdf'](period, CALL)).lines;
      const coldMs = ms(now() - t);
      const warm = summarize(await timeIt(5, () => forms['logbook.pdf'](period, CALL)));
      logBookPdf = {
        lines, coldMs, warm, target: 'logbook.pdf of 2,000 lines <= 2000 ms (cold and warm)', met: coldMs <= 2000 && warm.max <= 2000,
        note: 'the generated 2,000 dossiers span the 250 working days of the generator: the period is their whole range, the lines are 2,000 as in a busy month',
      };
    } finally {
      ldb.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const figures: LifecycleFigures = { transitionCommit, lists, dashboard, yearReportXlsx, logBookPdf };
  if (kills > 0) {
    progress(`lifecycle 6. the crash harness, ${kills} kills during transitions…`);
    const r = await crashHarness({ kills, transitions: true });
    figures.crash = {
      kills: r.kills, transitionsAcknowledged: r.transitionsAcknowledged, mismatched: r.transitionsMismatched.length, duplicates: r.duplicates.length,
      missing: r.missing.length, outboxLeft: r.outboxLeft, ms: r.ms,
      met: r.transitionsMismatched.length === 0 && r.duplicates.length === 0 && r.missing.length === 0 && r.outboxLeft === 0,
    };
  }
  return figures;
}

// `npx tsx test/bench/lifecycle.ts` prints the figures (index.ts wires them into `npm run bench`).
if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchLifecycle();
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}

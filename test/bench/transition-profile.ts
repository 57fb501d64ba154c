// Where a transition's commit goes (the figures behind test/bench/transition-commit.ts): the same
// station, dossiers and loop as section 1 of lifecycle.ts, and for the finish_at_counter calls
// only, the time of each SQL statement (COMMIT included) and the WAL frames (pages) it writes.
//   npx tsx test/bench/transition-profile.ts [dossiers=330]
// Statement times are medians of their sums per transition (the record is read twice: one line);
// the rest of the handler's time is JavaScript.

import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { CallContext, Handlers } from '../../main/contract/dispatch';
import { openStation } from '../../main/station';
import { applyPragmas } from '../../main/storage/database';
import { draftFor } from '../helpers/drafts';
import { person } from './people';
import { median, now, rng } from './stats';

const CLOCK = new Date('2026-11-23T02:32:00Z');
const CALL: CallContext = { officer: { id: 'bench', name: 'Cán bộ đo hiệu năng', roles: ['reception', 'leader'] } };
const count = Number(process.argv[2] ?? 330); // the benchmark's 30 + 300
const FRAME = 4096 + 24;

const dir = mkdtempSync(join(tmpdir(), 'mot-cua-bench-transition-profile-'));
try {
  const station = openStation({ dataDir: join(dir, 'station'), host: 'web', version: 'bench', now: () => CLOCK });
  const handlers = station.handlers as Handlers;
  const sameDay = await handlers['catalogue.get']({ code: '1.001193' });
  const random = rng(11);
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    const p = person(random);
    codes.push((await handlers['dossier.save'](draftFor(sameDay, { owner: { fullName: p.fullName, idNumber: p.idNumber, birthDate: p.birthDate, phone: p.phone, address: p.address } }), CALL)).code);
  }
  const bare = new Database(join(dir, 'bare.sqlite3'));
  applyPragmas(bare);
  bare.exec('CREATE TABLE bare (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT');
  const bareInsert = bare.prepare('INSERT INTO bare (payload) VALUES (?)');

  // Every statement of the station's connection, timed while a finish_at_counter runs.
  let recording = false;
  let perCall = new Map<string, number>();
  const perStatement = new Map<string, number[]>();
  const proto = Object.getPrototypeOf(station.db.prepare('SELECT 1')) as Record<'run' | 'get' | 'all', (...args: unknown[]) => unknown>;
  for (const method of ['run', 'get', 'all'] as const) {
    const original = proto[method];
    proto[method] = function timed(this: { source: string }, ...args: unknown[]) {
      if (!recording) return original.apply(this, args);
      const t = now();
      try {
        return original.apply(this, args);
      } finally {
        const key = this.source.replace(/\s+/g, ' ').slice(0, 100);
        perCall.set(key, (perCall.get(key) ?? 0) + now() - t);
      }
    };
  }
  const walFile = () => {
    const name = readdirSync(join(dir, 'station'), { recursive: true }).map(String).find((f) => f.endsWith('-wal'));
    return name ? join(dir, 'station', name) : undefined;
  };
  const walSize = () => { const f = walFile(); return f ? statSync(f).size : 0; };
  // The first 30 (the benchmark's warm-up) count the WAL frames, the WAL only growing meanwhile;
  // the others are timed with the WAL as the station runs it (checkpointed every 1,000 pages).
  const WARMUP = 30;
  station.db.pragma('wal_autocheckpoint = 0');
  station.db.pragma('wal_checkpoint(TRUNCATE)'); // an empty WAL, which each commit then extends

  const transition = handlers['dossier.transition'];
  const handler: number[] = [];
  const bareTimes: number[] = [];
  const frames: number[] = [];
  const sqlTotal: number[] = [];
  for (const [i, code] of codes.entries()) {
    if (i === WARMUP) {
      station.db.pragma('wal_checkpoint(TRUNCATE)');
      station.db.pragma('wal_autocheckpoint = 1000');
    }
    const w = walSize();
    perCall = new Map();
    recording = i >= WARMUP;
    let t = now();
    await transition({ code, event: 'finish_at_counter' }, CALL);
    const tHandler = now() - t;
    recording = false;
    if (i < WARMUP) frames.push((walSize() - w) / FRAME);
    let sum = 0;
    for (const [k, v] of perCall) {
      sum += v;
      let list = perStatement.get(k);
      if (!list) perStatement.set(k, (list = []));
      list.push(v);
    }
    t = now();
    bareInsert.run(`{"n":${i},"pad":"${'x'.repeat(180)}"}`);
    const tBare = now() - t;
    await transition({ code, event: 'return_result', receiver: { kind: 'owner' }, delivery: { method: 'counter' } }, CALL);
    if (i >= WARMUP) {
      handler.push(tHandler);
      bareTimes.push(tBare);
      sqlTotal.push(sum);
    }
  }
  const us = (x: number) => Math.round(x * 10_000) / 10;
  // Statements run on most calls (not the first call's settings and calendar reads).
  const statements = [...perStatement].filter(([, list]) => list.length > handler.length / 2)
    .map(([sql, list]) => ({ us: us(median(list)), perCall: Math.round((list.length / handler.length) * 10) / 10, sql })).sort((a, b) => b.us - a.us);
  const commit = median(perStatement.get('COMMIT') ?? [0]);
  process.stdout.write(`${JSON.stringify({
    dossiers: count,
    handlerMedianUs: us(median(handler)),
    bareInsertMedianUs: us(median(bareTimes)),
    ratio: Math.round((median(handler) / median(bareTimes)) * 100) / 100,
    commitMedianUs: us(commit),
    sqlBesidesCommitMedianUs: us(median(sqlTotal) - commit),
    javascriptMedianUs: us(median(handler) - median(sqlTotal)),
    walFramesPerFinish: median(frames),
    statements,
  }, null, 2)}\n`);
  bare.close();
  await station.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

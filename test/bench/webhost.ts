// 4. Web host start → first answered request, and events pushed to a renderer.
//
// Spawned: `node dist/web/web-cli.cjs --port 0 --data <fresh dir>` (the bundle `npm run web`
// builds and runs; nothing compiled at run time) with STATION_WEB_TOKEN set; timed from spawn to
// the first 200 of `POST /api/app.info` (polled as soon as the first stdout line gives the port).
// Runs: fresh data folders (migration and seed included), and a restart on an existing folder;
// against a bare `node -e 0` spawn in the same run.
// In-process: startWebHost then fetch, modules already loaded.
// Events: a renderer connected to `GET /api/events`; each intake commit's `outbox.changed`, from
// the moment the station emits it to the moment the renderer has parsed it off the stream.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startWebHost } from '../../main/hosts/web/web-host';
import { draftFor } from '../helpers/drafts';
import { median, ms, now, progress, summarize, type Summary } from './stats';
import { TEST_OFFICER } from '../helpers/station';

const ROOT = resolve(import.meta.dirname, '../..');
const RENDERER = join(ROOT, 'dist/renderer');
const BUNDLE = 'dist/web/web-cli.cjs';
const TOKEN = 'bench-token-0123456789abcdef0123';
const TARGET_MS = 1000;
const EVENT_TARGET_P99_MS = 50;

type SpawnRun = { spawnToFirstLineMs: number; spawnToFirst200Ms: number; pollAttempts: number };

export type WebHostFigures = {
  spawned: {
    command: string;
    freshDataDir: SpawnRun[];
    freshDataDirMedianMs: number;
    restartExistingDataDir: SpawnRun;
    nodeBareSpawnToExitMs: number;
    ratioToBareNode: number;
  };
  inProcess: { freshDataDirMs: number; existingDataDirMs: number };
  target: string;
  met: boolean;
  metInProcess: boolean;
  eventPush: Summary & { events: number; target: string; met: boolean; note: string };
};

async function appInfo(port: number, token: string): Promise<number> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{}',
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

function spawnCli(dataDir: string, env: NodeJS.ProcessEnv): Promise<SpawnRun> {
  return new Promise((resolvePromise, reject) => {
    const t0 = now();
    const child = spawn(process.execPath, [BUNDLE, '--port', '0', '--data', dataDir], {
      cwd: ROOT,
      env: { ...process.env, ...env, STATION_WEB_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let done = false;
    const finish = (e: Error | null, run?: SpawnRun) => {
      if (done) return;
      done = true;
      child.once('exit', () => (e ? reject(e) : resolvePromise(run!)));
      if (child.exitCode !== null || child.signalCode !== null) {
        if (e) reject(e); else resolvePromise(run!);
      } else child.kill('SIGTERM');
    };
    const timer = setTimeout(() => finish(new Error(`web-cli did not answer in 30 s; stdout: ${out} stderr: ${err}`)), 30_000);
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    child.on('exit', (code) => { if (!done) { clearTimeout(timer); finish(new Error(`web-cli exited with ${code}: ${err}`)); } });
    let seen = false;
    const poll = async (line: string, firstLine: number) => {
      const port = Number(/http:\/\/127\.0\.0\.1:(\d+)\//.exec(line)?.[1]);
      if (!port) throw new Error(`no port in "${line}"`);
      if (!line.includes(`#token=${TOKEN}`)) throw new Error(`the token was not taken from STATION_WEB_TOKEN: "${line}"`);
      let attempts = 0;
      for (;;) {
        attempts++;
        const status = await appInfo(port, TOKEN);
        if (status === 200) break;
        if (attempts > 2000) throw new Error(`app.info never answered 200 (last ${status})`);
        await new Promise((r) => setTimeout(r, 5));
      }
      return { spawnToFirstLineMs: ms(firstLine), spawnToFirst200Ms: ms(now() - t0), pollAttempts: attempts };
    };
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (seen || !out.includes('\n')) return;
      seen = true;
      const firstLine = now() - t0;
      poll(out.split('\n')[0] ?? '', firstLine).then(
        (run) => { clearTimeout(timer); finish(null, run); },
        (e: unknown) => { clearTimeout(timer); finish(e instanceof Error ? e : new Error(String(e))); },
      );
    });
  });
}

function spawnToExit(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolvePromise, reject) => {
    const t0 = now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('exit', (code) => (code === 0 ? resolvePromise({ ms: ms(now() - t0), stdout }) : reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}

/** An intake commit's `outbox.changed` from the station's emit to the renderer's parse of it. */
async function benchEventPush(count: number): Promise<WebHostFigures['eventPush']> {
  const dir = mkdtempSync(join(tmpdir(), 'mot-cua-bench-events-'));
  const host = await startWebHost({ callsWithoutSession: TEST_OFFICER, port: 0, dataDir: dir, rendererDir: RENDERER, version: 'bench', token: TOKEN, sync: { autoStart: false } });
  try {
    const emitted: number[] = [];
    const received: number[] = [];
    host.station.events.subscribe((e) => { if (e.name === 'outbox.changed') emitted.push(now()); });
    const stream = await fetch(`${host.url}api/events`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.startsWith('event: outbox.changed')) received.push(now());
        }
      }
    })();
    const procedure = await host.station.handlers['catalogue.get']({ code: '1.001193' });
    for (let i = 0; i < count; i++) {
      await fetch(`${host.url}api/dossier.save`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(draftFor(procedure)),
      }).then((r) => r.arrayBuffer());
      while (received.length < emitted.length) await new Promise((r) => setImmediate(r));
    }
    await reader.cancel();
    await reading.catch(() => undefined);
    const latencies = emitted.map((t, i) => received[i]! - t);
    const summary = summarize(latencies.slice(10));
    return {
      ...summary, events: latencies.length, target: `p99 <= ${EVENT_TARGET_P99_MS} ms`, met: summary.p99 <= EVENT_TARGET_P99_MS,
      note: 'the renderer is a fetch reader in the bench process (same clock as the station); before: a 2–3 s poll',
    };
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchWebHost(): Promise<WebHostFigures> {
  const base = mkdtempSync(join(tmpdir(), 'mot-cua-bench-web-'));
  let n = 0;
  const fresh = () => join(base, `data-${n++}`);
  try {
    progress('web host: building the bundle (npm run web does the same)…');
    const built = spawnSync(process.execPath, ['build/web.mjs', '--build-only'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (built.status !== 0) throw new Error('build/web.mjs --build-only failed');
    progress('web host: spawning the bundle…');
    const freshRuns: SpawnRun[] = [];
    for (let i = 0; i < 5; i++) freshRuns.push(await spawnCli(fresh(), {}));
    freshRuns.shift(); // the first pays the disk cache; keep the four after it
    const existing = fresh();
    await spawnCli(existing, {});
    const restartExistingDataDir = await spawnCli(existing, {});
    const nodeBare = [];
    for (let i = 0; i < 5; i++) nodeBare.push((await spawnToExit(['-e', '0'])).ms);
    const freshMedian = ms(median(freshRuns.map((r) => r.spawnToFirst200Ms)));
    const bare = ms(median(nodeBare));
    progress(`web host: spawned ${freshMedian} ms (bare node ${bare} ms)`);

    const inProcess = async (dataDir: string) => {
      const t0 = now();
      const host = await startWebHost({ callsWithoutSession: TEST_OFFICER, port: 0, dataDir, rendererDir: RENDERER, version: 'bench', token: TOKEN });
      const status = await appInfo(host.port, TOKEN);
      const elapsed = now() - t0;
      await host.close();
      if (status !== 200) throw new Error(`in-process app.info answered ${status}`);
      return ms(elapsed);
    };
    const inDir = fresh();
    const freshDataDirMs = await inProcess(inDir);
    const existingDataDirMs = await inProcess(inDir);

    progress('web host: events pushed to a renderer…');
    const eventPush = await benchEventPush(210);

    const worst = Math.max(freshMedian, restartExistingDataDir.spawnToFirst200Ms);
    return {
      spawned: {
        command: `node ${BUNDLE} --port 0 --data <temp dir> (STATION_WEB_TOKEN set)`,
        freshDataDir: freshRuns,
        freshDataDirMedianMs: freshMedian,
        restartExistingDataDir,
        nodeBareSpawnToExitMs: bare,
        ratioToBareNode: Math.round((freshMedian / bare) * 100) / 100,
      },
      inProcess: { freshDataDirMs, existingDataDirMs },
      target: `spawn → first 200 <= ${TARGET_MS} ms (median of fresh data folders and a restart)`,
      met: worst <= TARGET_MS,
      metInProcess: Math.max(freshDataDirMs, existingDataDirMs) <= TARGET_MS,
      eventPush,
    };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

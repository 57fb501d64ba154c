// Bare throughput of the portal simulator: N POST /dossiers with distinct idempotency keys over
// keep-alive connections, sequentially and with C requests in flight, with two clients: fetch
// (undici) and node:http with a keep-alive Agent. Run with
//   npx tsx test/portal/simulator/bench.ts [N] [C]
// By default the simulator runs in a child process (as it does beside a station) and its own
// CPU time per request is reported too (Linux /proc); SIM_IN_PROCESS=1 starts it in this
// process instead. Prints one JSON object.

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPortalSimulator } from '../../../main/portal/simulator/server';
import { sampleDossier } from './fixtures';

const total = Number(process.argv[2] ?? 10_000);
const concurrency = Number(process.argv[3] ?? 8);
const dir = mkdtempSync(join(tmpdir(), 'portal-sim-bench-'));

async function start(): Promise<{ url: string; pid: number | null; stop: () => Promise<void> }> {
  if (process.env.SIM_IN_PROCESS === '1') {
    const sim = await startPortalSimulator({ port: 0, dataDir: dir });
    return { url: sim.url, pid: null, stop: sim.close };
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/portal/simulator/cli.ts', '--port', '0', '--data', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^READY (.*)$/m.exec(out);
      if (m?.[1]) resolve((JSON.parse(m[1]) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  return { url, pid: child.pid ?? null, stop: async () => { child.kill('SIGTERM'); await new Promise((r) => child.once('exit', r)); } };
}

/** CPU time (ms) a process has used so far, from /proc; null where unavailable. */
function cpuMs(pid: number | null): number | null {
  if (pid === null) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in 1/100 s
  } catch {
    return null;
  }
}

const { url, pid, stop } = await start();
const { access_token: token } = (await (await fetch(`${url}/oauth/token`, {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'station-demo', client_secret: 'demo-secret' }),
})).json()) as { access_token: string };

let serial = 0;
const nextBody = () => JSON.stringify(sampleDossier({ MaHoSo: `000.00.06.H56-261123-${String(++serial).padStart(7, '0')}` }));
const headers = () => ({ 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() });

async function postWithFetch(): Promise<void> {
  const res = await fetch(`${url}/dossiers`, { method: 'POST', headers: headers(), body: nextBody() });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST /dossiers → ${res.status} ${text}`);
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
function postWithHttp(): Promise<void> {
  const body = nextBody();
  return new Promise((resolve, reject) => {
    const req = request(`${url}/dossiers`, { method: 'POST', agent, headers: { ...headers(), 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new Error(`POST /dossiers → ${res.statusCode} ${Buffer.concat(chunks).toString()}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function run(post: () => Promise<void>, inFlight: number, count: number) {
  const cpu0 = cpuMs(pid);
  const started = performance.now();
  let left = count;
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (left > 0) { left -= 1; await post(); }
  }));
  const seconds = (performance.now() - started) / 1000;
  const cpu1 = cpuMs(pid);
  return {
    perSecond: Math.round(count / seconds),
    ...(cpu0 !== null && cpu1 !== null ? { simulatorCpuMicrosPerRequest: Math.round(((cpu1 - cpu0) * 1000) / count) } : {}),
  };
}

try {
  await run(postWithFetch, 4, 1000); // warm-up: JIT, connections, SQLite pages
  await run(postWithHttp, 4, 1000);
  const figures = {
    dossiers: total,
    simulator: process.env.SIM_IN_PROCESS === '1' ? 'in-process' : 'child process',
    fetch: { sequential: await run(postWithFetch, 1, total), [`concurrent${concurrency}`]: await run(postWithFetch, concurrency, total) },
    nodeHttp: { sequential: await run(postWithHttp, 1, total), [`concurrent${concurrency}`]: await run(postWithHttp, concurrency, total) },
  };
  console.log(JSON.stringify(figures));
} finally {
  agent.destroy();
  await stop();
  rmSync(dir, { recursive: true, force: true });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromVietnamLocal } from '../../main/core/time';
import { openStation } from '../../main/station';
import { draftFor } from '../helpers/drafts';
import { crashHarness } from '../sync/crash-harness';
import { ms, now, progress, summarize } from './stats';
import { TEST_OFFICER } from '../helpers/station';

// Issue #3's figures: draining a 10,000 backlog to the portal simulator (in its own process, as a
// real portal is) against a bare loop of the same POSTs; intake latency while the backlog drains;
// and the crash harness at 2,000 kills.

async function startSimulator(dataDir: string): Promise<{ child: ChildProcess; url: string; clientId: string; clientSecret: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/portal/simulator/cli.ts', '--port', '0', '--data', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (c: Buffer) => {
      buffer += c.toString('utf8');
      const line = buffer.split('\n').find((l) => l.startsWith('READY '));
      if (line) resolve({ child, ...(JSON.parse(line.slice(6)) as { url: string; clientId: string; clientSecret: string }) });
    });
    child.on('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
}

/** The same bodies as plain POSTs, 16 in flight over keep-alive: what the network and portal alone cost. */
async function bareLoop(url: string, clientId: string, clientSecret: string, bodies: string[]): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const send = (method: string, path: string, body: string, headers: Record<string, string>) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${url}/${path}`, { method, agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  const login = await send('POST', 'oauth/token', JSON.stringify({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }), {});
  const token = (JSON.parse(login.text) as { access_token: string }).access_token;
  const started = now();
  let next = 0;
  const lane = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const r = await send('POST', 'dossiers', body, { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() });
      if (r.status !== 201) throw new Error(`bare POST answered ${r.status}: ${r.text}`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, lane));
  const elapsed = now() - started;
  agent.destroy();
  return elapsed;
}

export async function benchSync(options: { dossiers: number; kills: number }) {
  const work = mkdtempSync(join(tmpdir(), 'bench-sync-'));
  const sim = await startSimulator(join(work, 'portal'));
  try {
    let clock = fromVietnamLocal('2026-11-23T08:00');
    const station = openStation({ callsWithoutSession: TEST_OFFICER,
      dataDir: join(work, 'station'), host: 'web', version: 'bench', now: () => clock,
      sync: { autoStart: false, worker: { pingEveryMs: 50 } },
    });
    const dispatch = station.dispatch;
    const call = async <T,>(channel: string, payload: unknown): Promise<T> => {
      const a = await dispatch(channel, payload);
      if (!a.ok) throw new Error(`${channel}: ${JSON.stringify(a.error)}`);
      return a.value as T;
    };
    await call('portal.configure', { url: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret });
    const procedure = await call<Parameters<typeof draftFor>[0]>('catalogue.get', { code: '1.001193' });

    const timedSaves = async (n: number, pauseMs: number) => {
      const samples: number[] = [];
      for (let i = 0; i < n; i++) {
        const draft = draftFor(procedure, { owner: { fullName: `Đo Độ Trễ ${i}` } });
        const t = now();
        await call('dossier.save', draft);
        samples.push(now() - t);
        if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
      }
      return samples;
    };

    progress(`sync: queueing ${options.dossiers.toLocaleString('en')} dossiers offline (provisional codes over several days)…`);
    const perDay = 2000;
    for (let i = 0; i < options.dossiers; i++) {
      if (i % perDay === 0) clock = fromVietnamLocal(`2026-11-${String(10 + i / perDay).padStart(2, '0')}T08:00`);
      await call('dossier.save', draftFor(procedure, { owner: { fullName: `Hồ Sơ Tồn ${i}` } }));
    }
    clock = fromVietnamLocal('2026-11-23T08:00');
    progress('sync: intake latency, idle…');
    const idle = await timedSaves(200, 2);
    const bodies = (station.db.prepare('SELECT payload FROM outbox ORDER BY id').all() as Array<{ payload: string }>).map((r) => r.payload);
    const backlog = bodies.length;

    progress(`sync: draining ${backlog.toLocaleString('en')} to the simulator…`);
    const outbox = () => (station.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
    const drainStarted = now();
    station.startSync();
    // Intake goes on at the counter while the backlog drains.
    const underLoad = await timedSaves(200, 2);
    while (outbox() > 0) await new Promise((r) => setTimeout(r, 5));
    const drainMs = now() - drainStarted;
    const sent = backlog + underLoad.length;
    await station.close();

    progress('sync: the same bodies as a bare loop of POSTs…');
    await new Promise<void>((resolve, reject) => {
      const req = request(`${sim.url}/__sim/reset`, { method: 'POST' }, (res) => { res.resume(); res.on('end', resolve); });
      req.on('error', reject);
      req.end();
    });
    const bareMs = await bareLoop(sim.url, sim.clientId, sim.clientSecret, bodies);

    const drainPerSecond = Math.round((sent / drainMs) * 1000);
    const barePerSecond = Math.round((bodies.length / bareMs) * 1000);
    const idleP99 = summarize(idle).p99;
    const loadP99 = summarize(underLoad).p99;

    progress(`sync: crash harness, ${options.kills} kills…`);
    const crash = options.kills > 0 ? await crashHarness({ kills: options.kills }) : null;

    return {
      drain: {
        dossiers: sent, ms: ms(drainMs), perSecond: drainPerSecond, bareLoopPerSecond: barePerSecond,
        ratioToBareLoop: Math.round((drainPerSecond / barePerSecond) * 100) / 100,
        note: 'station in process (SQLite synchronous=FULL, batched acknowledgements), simulator in its own process; bare loop: the same bodies, 16 in flight, keep-alive',
        target: 'drain >= 1000 dossiers/s', met: drainPerSecond >= 1000,
      },
      intakeWhileDraining: {
        idle: summarize(idle), duringDrain: summarize(underLoad), p99Ratio: Math.round((loadP99 / idleP99) * 100) / 100,
        target: 'intake p99 during a 10,000 drain <= 2x idle p99', met: loadP99 <= 2 * idleP99,
      },
      crash: crash && {
        ...crash,
        target: 'every acknowledged dossier at the portal exactly once, files byte-identical, outbox empty',
        met: crash.duplicates.length === 0 && crash.missing.length === 0 && crash.filesMismatched.length === 0 && crash.outboxLeft === 0,
      },
    };
  } finally {
    sim.child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

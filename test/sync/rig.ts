import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { Envelope } from '../../main/contract/channels';
import type { DossierView } from '../../main/contract/schemas';
import { startPortalSimulator, type PortalSimulator } from '../../main/portal/simulator/server';
import { openStation, type Station } from '../../main/station';
import { draftFor } from '../helpers/drafts';
import { TEST_OFFICER } from '../helpers/station';

// A station and a portal simulator on loopback, with the sync worker tuned for tests: retries
// after a millisecond or two instead of seconds, pings every 50 ms. Real clock, real HTTP.

export type SyncRig = Readonly<{
  sim: PortalSimulator;
  station: Station;
  dir: string;
  call: <T = unknown>(channel: string, payload: unknown) => Promise<T>;
  answer: (channel: string, payload: unknown) => Promise<Envelope<unknown>>;
  save: (overrides?: Parameters<typeof draftFor>[1]) => Promise<DossierView>;
  outboxSize: () => number;
  waitFor: (what: string, condition: () => boolean | Promise<boolean>, timeoutMs?: number) => Promise<void>;
  configure: (url?: string) => Promise<void>;
}>;

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function startSyncRig(options: { configure?: boolean; pullEveryMs?: number; simRandom?: () => number } = {}): Promise<SyncRig> {
  const sim = await startPortalSimulator({ port: 0, dataDir: tempDir('sim-'), ...(options.simRandom ? { random: options.simRandom } : {}) });
  onTestFinished(() => sim.close());
  const dir = tempDir('station-sync-');
  const station = openStation({ callsWithoutSession: TEST_OFFICER,
    dataDir: dir,
    host: 'web',
    version: 'test',
    sync: { worker: { random: () => 0.002, pingEveryMs: 50, pullEveryMs: options.pullEveryMs ?? 3_600_000, concurrency: 8 } },
  });
  onTestFinished(() => station.close());
  const dispatch = station.dispatch;
  const call = async <T,>(channel: string, payload: unknown): Promise<T> => {
    const a = await dispatch(channel, payload);
    if (!a.ok) throw new Error(`${channel}: ${JSON.stringify(a.error)}`);
    return a.value as T;
  };
  const rig: SyncRig = {
    sim,
    station,
    dir,
    call,
    answer: dispatch,
    save: async (overrides) => {
      const procedure = await call<Parameters<typeof draftFor>[0]>('catalogue.get', { code: '1.001193' });
      return call<DossierView>('dossier.save', draftFor(procedure, overrides));
    },
    outboxSize: () => (station.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n,
    waitFor: async (what, condition, timeoutMs = 15_000) => {
      const until = Date.now() + timeoutMs;
      while (!(await condition())) {
        if (Date.now() > until) throw new Error(`Timed out waiting for: ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    configure: async (url = sim.url) => {
      await call('portal.configure', { url, clientId: sim.clientId, clientSecret: sim.clientSecret });
    },
  };
  if (options.configure ?? true) {
    await rig.configure();
    // Intake right after configuration would get a provisional code: wait for the first lease.
    await rig.waitFor('the first number lease', () => (station.db.prepare('SELECT count(*) AS n FROM number_leases').get() as { n: number }).n > 0);
  }
  return rig;
}

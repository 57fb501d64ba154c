import { describe, expect, it, onTestFinished } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DossierView } from '../../main/contract/schemas';
import { fromVietnamLocal } from '../../main/core/time';
import { startPortalSimulator } from '../../main/portal/simulator/server';
import { openStation } from '../../main/station';
import { draftFor } from '../helpers/drafts';
import { TEST_OFFICER } from '../helpers/station';

const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

describe('a long outage', () => {
  it('receives three days of dossiers with the portal unreachable, then syncs them all with final, unique codes', async () => {
    const sim = await startPortalSimulator({ port: 0, dataDir: temp('sim-outage-') });
    onTestFinished(() => sim.close());
    let clock = fromVietnamLocal('2026-11-23T07:30'); // Monday
    const station = openStation({ callsWithoutSession: TEST_OFFICER,
      dataDir: temp('station-outage-'),
      host: 'web',
      version: 'test',
      now: () => clock,
      sync: { worker: { random: () => 0.001, pingEveryMs: 20, pullEveryMs: 3_600_000, concurrency: 8 } },
    });
    onTestFinished(() => station.close());
    const dispatch = station.dispatch;
    const call = async <T,>(channel: string, payload: unknown): Promise<T> => {
      const a = await dispatch(channel, payload);
      if (!a.ok) throw new Error(`${channel}: ${JSON.stringify(a.error)}`);
      return a.value as T;
    };
    const count = (sql: string) => (station.db.prepare(sql).get() as { n: number }).n;
    const waitFor = async (what: string, condition: () => boolean) => {
      const until = Date.now() + 30_000;
      while (!condition()) {
        if (Date.now() > until) {
          const states = station.db.prepare('SELECT state, count(*) AS n, min(next_attempt_at) AS due, max(attempts) AS attempts, max(last_error) AS error FROM outbox GROUP BY state').all();
          throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(states)} at ${clock.getTime()}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };

    await call('portal.configure', { url: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret });
    // Monday morning, online: numbers leased for today and tomorrow.
    await waitFor('leases for two days', () => count('SELECT count(DISTINCT day) AS n FROM number_leases') === 2);

    sim.faults.set({ dropBeforeCommit: 1 }); // the line to the province goes down
    const procedure = await call<Parameters<typeof draftFor>[0]>('catalogue.get', { code: '1.001193' });
    const received: DossierView[] = [];
    for (const day of ['2026-11-23', '2026-11-24', '2026-11-25']) {
      for (let i = 0; i < 60; i++) {
        clock = fromVietnamLocal(`${day}T${String(8 + Math.floor(i / 10)).padStart(2, '0')}:${String((i % 10) * 5).padStart(2, '0')}`);
        received.push(await call<DossierView>('dossier.save', draftFor(procedure, { owner: { fullName: `Ngày ${day} Người ${i}` } })));
      }
    }
    let status = await call<{ online: boolean | null; dossiersWaiting: number }>('sync.status', {});
    for (let i = 0; i < 500 && status.online !== false; i++) {
      await new Promise((r) => setTimeout(r, 20));
      status = await call('sync.status', {});
    }
    expect(status).toMatchObject({ online: false, dossiersWaiting: 180 });
    const provisional = received.filter((d) => d.codeIsProvisional);
    // Leased numbers covered Monday and Tuesday (50 each); the rest, and all of Wednesday, are provisional.
    expect(provisional).toHaveLength(180 - 100);
    expect(new Set(received.map((d) => d.code)).size).toBe(180);

    sim.faults.reset(); // the line is back on Wednesday afternoon
    await call('sync.retryNow', {});
    // Time goes on while the backlog drains (retries are scheduled on the station's clock).
    const ticking = setInterval(() => { clock = new Date(clock.getTime() + 1000); }, 20);
    onTestFinished(() => clearInterval(ticking));
    await waitFor('the backlog to drain', () => count('SELECT count(*) AS n FROM outbox') === 0);
    clearInterval(ticking);

    const atPortal = sim.store.dossiers(null) as unknown as Array<{ MaHoSo: string; MaHoSoTam: string | null; ChuHoSo: string }>;
    expect(atPortal).toHaveLength(180);
    expect(new Set(atPortal.map((d) => d.MaHoSo)).size).toBe(180);
    expect(count('SELECT count(*) AS n FROM dossiers WHERE code_is_provisional = 1')).toBe(0);
    // Every provisional code maps to a final one, each dossier's day kept in its code.
    for (const d of provisional) {
      const final = await call<DossierView>('dossier.get', { code: d.code });
      expect(final.code).toMatch(/^000\.00\.06\.H56-\d{6}-\d{4}$/);
      expect(final.code.slice(14, 20)).toBe(d.code.slice(14, 20));
      expect(atPortal.find((p) => p.MaHoSo === final.code)).toMatchObject({ MaHoSoTam: d.code, ChuHoSo: final.owner.fullName });
    }
    const finalCodes = (station.db.prepare('SELECT code FROM dossiers').all() as Array<{ code: string }>).map((r) => r.code).sort();
    expect(finalCodes).toEqual(atPortal.map((d) => d.MaHoSo).sort());
  }, 120_000);
});

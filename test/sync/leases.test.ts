import { describe, expect, it } from 'vitest';
import { draftFor } from '../helpers/drafts';
import { startSyncRig, type SyncRig } from './rig';

// Dossier-number leases against the portal simulator over real HTTP: a lease never hands the
// station a number it already used that day (PROTOCOL.md, "Dossier-number leases").

type SimDossier = { IdHoSo: string; MaHoSo: string; MaHoSoTam: string | null };
const simDossiers = (rig: SyncRig) => rig.sim.store.dossiers(null) as unknown as SimDossier[];
const seqOf = (code: string) => Number(code.slice(code.lastIndexOf('-') + 1));
const leaseCount = (rig: SyncRig) => (rig.station.db.prepare('SELECT count(*) AS n FROM number_leases').get() as { n: number }).n;

describe('number leases', () => {
  it('never gives a number the station already used from its own block earlier in the day', async () => {
    // Morning: no portal yet; the station numbers from its own block of the day.
    const rig = await startSyncRig({ configure: false });
    const morning = [await rig.save(), await rig.save(), await rig.save()];
    expect(morning.map((d) => seqOf(d.code))).toEqual([1, 2, 3]);

    // Midday: the technician points the station at the portal; the worker leases numbers.
    await rig.configure();
    await rig.waitFor('the first number lease', () => leaseCount(rig) > 0);
    const afternoon = await rig.answer('dossier.save', await draft(rig));
    expect(afternoon.ok).toBe(true);
    const code = (afternoon as { ok: true; value: { code: string; codeIsProvisional: boolean } }).value;
    expect(code.codeIsProvisional).toBe(false);
    expect(morning.map((d) => d.code)).not.toContain(code.code);
    expect(seqOf(code.code)).toBeGreaterThan(3);

    // Every dossier reaches the portal once, under its own code; the portal refused none.
    await rig.waitFor('the outbox to drain', () => rig.outboxSize() === 0);
    const atPortal = simDossiers(rig).map((d) => d.MaHoSo).sort();
    expect(atPortal).toEqual([...morning.map((d) => d.code), code.code].sort());
    expect((await rig.call<{ rejected: number }>('sync.status', {})).rejected).toBe(0);
    // The portal leased the day's numbers above those the station had used (tomorrow's start at 1).
    const today = `20${morning[0]!.code.split('-').at(-2)}`;
    const todays = rig.sim.store.leases().filter((l) => l.Ngay === today);
    expect(todays.length).toBeGreaterThan(0);
    expect(Math.min(...todays.map((l) => l.TuSo))).toBe(4);
  });
});

async function draft(rig: SyncRig) {
  return draftFor(await rig.call<Parameters<typeof draftFor>[0]>('catalogue.get', { code: '1.001193' }));
}

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

  it('refuses a lease overlapping numbers it used, tells the officer what to do, and numbers nothing twice', async () => {
    const rig = await startSyncRig({ configure: false });
    const morning = [await rig.save(), await rig.save(), await rig.save()]; // 0001–0003 from the own block
    // A portal that does not read DaDung leases today's numbers from 1 again.
    rig.sim.faults.set({ leaseIgnoresUsed: true });
    await rig.configure();
    const status = () => rig.call<{ lastProblem: string | null }>('sync.status', {});
    await rig.waitFor('the lease to be refused', async () => (await status()).lastProblem?.includes('trùng') === true);
    const told = (await status()).lastProblem!;
    expect(told).toContain('trùng với số hồ sơ trạm đã dùng');
    expect(told).toContain('1–50');
    expect(told).toContain('không hồ sơ nào bị cấp trùng mã');
    expect(told).toContain('Báo cán bộ CNTT');
    // Not stored: today has no leased numbers (tomorrow's block, with nothing used, was taken).
    const today = `20${morning[0]!.code.split('-').at(-2)}`;
    const stored = () => rig.station.db.prepare('SELECT day, first, last FROM number_leases ORDER BY day').all() as Array<{ day: string; first: number }>;
    await rig.waitFor("tomorrow's lease", () => stored().length === 1);
    expect(stored().map((l) => l.day.replace(/-/g, ''))).not.toContain(today);

    // Intake goes on with a provisional code, never a number used this morning.
    const meanwhile = await rig.save();
    expect(meanwhile.codeIsProvisional).toBe(true);

    // The portal is fixed; "Thử lại" asks again at once: a good lease clears the message.
    rig.sim.faults.reset();
    await rig.call('sync.retryNow', {});
    await rig.waitFor('a good lease for today', () => (rig.station.db.prepare("SELECT count(*) AS n FROM number_leases WHERE replace(day, '-', '') = ?").get(today) as { n: number }).n === 1);
    await rig.waitFor('the message to clear', async () => (await status()).lastProblem === null);
    const afternoon = await rig.save();
    expect(afternoon.codeIsProvisional).toBe(false);

    await rig.waitFor('the outbox to drain', () => rig.outboxSize() === 0);
    const codes = simDossiers(rig).map((d) => d.MaHoSo);
    expect(codes).toHaveLength(5);
    expect(new Set(codes).size).toBe(5);
    expect(codes).toEqual(expect.arrayContaining([...morning.map((d) => d.code), afternoon.code]));
    expect((await rig.call<{ rejected: number }>('sync.status', {})).rejected).toBe(0);
  });

  it('tells the officer when the portal leases no more numbers, and does not ask again at every intake', async () => {
    const rig = await startSyncRig({ configure: false });
    rig.sim.faults.set({ force: [{ method: 'POST', path: '/agencies/*/number-leases', status: 409, code: 'SEQUENCE_EXHAUSTED' }] });
    await rig.configure();
    const status = () => rig.call<{ lastProblem: string | null }>('sync.status', {});
    await rig.waitFor('the refusal to be told', async () => (await status()).lastProblem?.includes('không cấp thêm số') === true);
    expect((await status()).lastProblem).toContain('SEQUENCE_EXHAUSTED');
    expect((await status()).lastProblem).toContain('mã tạm');
    const saved = [await rig.save(), await rig.save(), await rig.save()];
    expect(saved.every((d) => d.codeIsProvisional)).toBe(true);
    await rig.waitFor('the outbox to drain', () => rig.outboxSize() === 0);
    // Asked once for today and once for tomorrow, not again after each intake (until "Thử lại").
    const asked = () => rig.sim.stats().routes['POST /agencies/{MaCoQuan}/number-leases']?.['409'] ?? 0;
    expect(asked()).toBe(2);
    expect(new Set(simDossiers(rig).map((d) => d.MaHoSo)).size).toBe(3);
  });
});

async function draft(rig: SyncRig) {
  return draftFor(await rig.call<Parameters<typeof draftFor>[0]>('catalogue.get', { code: '1.001193' }));
}

import { describe, expect, it } from 'vitest';
import { portalTimestamp } from '../../main/portal/simulator/server';
import { toVietnamLocal } from '../../main/core/time';
import { startSyncRig, type SyncRig } from './rig';

// The lifecycle's changes and the portal, over real HTTP against the simulator: every counter
// transition reaches the portal once, in order after the dossier's creation, through faults and
// outages; the back office's progress comes down the feed through the same transition table;
// when the two disagree (the counter returned a result the portal has since stopped) the
// station keeps both sides for the officer, never overwriting either silently.

type SimDossier = { IdHoSo: string; MaHoSo: string; PhienBan: number; TrangThaiHoSo: number; TrangThaiHienTai: number; NgayHenTraMoi?: string };
type SimTransition = { PhienBan: number; SuKien: string; TrangThaiTruoc: number | null; TrangThaiHoSo: number; XacNhanXungDot: boolean };

const atPortal = (rig: SyncRig, code: string) => (rig.sim.store.dossiers(null) as unknown as SimDossier[]).find((d) => d.MaHoSo === code);
const transitionsAt = (rig: SyncRig, code: string) => rig.sim.store.transitions(atPortal(rig, code)!.IdHoSo) as SimTransition[];
/** A month from now on the real clock these tests run on (an apology's new date must be ahead). */
const aMonthAhead = () => `${toVietnamLocal(new Date(Date.now() + 30 * 86_400_000)).slice(0, 10)}T16:00`;
const drained = (rig: SyncRig, timeoutMs?: number) => rig.waitFor('the outbox to drain', () => rig.outboxSize() === 0, timeoutMs);

async function transition(rig: SyncRig, payload: Record<string, unknown>) {
  return rig.call<{ dossier: { status: number } }>('dossier.transition', payload);
}

describe('the lifecycle synced with the portal', () => {
  it.each([
    ['connections dropped after the portal commits', { dropAfterCommit: 0.4 }],
    ['server errors', { rate5xx: 0.4 }],
    ['garbage answers', { garbageRate: 0.4 }],
  ])('sends every transition exactly once and in order, through %s', async (_name, faults) => {
    const rig = await startSyncRig();
    rig.sim.faults.set(faults);
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const d = await rig.save({ owner: { fullName: `Người Thứ ${i}` } });
      codes.push(d.code);
      await transition(rig, { code: d.code, event: 'finish_at_counter' });
      await transition(rig, { code: d.code, event: 'return_result', receiver: { kind: 'owner' }, delivery: { method: 'counter' } });
    }
    await drained(rig, 30_000);
    for (const code of codes) {
      expect(transitionsAt(rig, code).map((t) => [t.PhienBan, t.SuKien, t.TrangThaiTruoc, t.TrangThaiHoSo])).toEqual([
        [2, 'finish_at_counter', 2, 9],
        [3, 'return_result', 9, 10],
      ]);
      expect(atPortal(rig, code)).toMatchObject({ PhienBan: 3, TrangThaiHoSo: 10, TrangThaiHienTai: 10 });
    }
    expect(rig.sim.stats().requests).toBeGreaterThan(12); // the faults forced retries
  });

  it('keeps the changes made offline, with the creation first, and sends them in order once the portal is back', async () => {
    const rig = await startSyncRig();
    rig.sim.faults.set({ dropBeforeCommit: 1 });
    const d = await rig.save();
    await transition(rig, { code: d.code, event: 'start_processing', toUnit: 'Công chức Tư pháp - Hộ tịch' });
    const newDate = aMonthAhead();
    await transition(rig, { code: d.code, event: 'apologise', reason: 'Chờ xác minh', newAppointmentAt: newDate });
    await rig.waitFor('the portal to be seen offline', async () => (await rig.call<{ online: boolean | null }>('sync.status', {})).online === false);
    expect(rig.outboxSize()).toBe(3);
    rig.sim.faults.reset();
    await rig.call('sync.retryNow', {});
    await drained(rig);
    expect(transitionsAt(rig, d.code).map((t) => t.SuKien)).toEqual(['start_processing', 'apologise']);
    expect(atPortal(rig, d.code)).toMatchObject({ TrangThaiHoSo: 4, NgayHenTraMoi: `${newDate.replace(/[-T:]/g, '')}00` });
  });

  it('applies the back office\'s progress through the transition table: a supplement it asks and a result it signs', async () => {
    const rig = await startSyncRig({ pullEveryMs: 50 });
    const d = await rig.save();
    await transition(rig, { code: d.code, event: 'start_processing' });
    await drained(rig);
    const portal = atPortal(rig, d.code)!;
    rig.sim.store.appendEvent({ IdHoSo: portal.IdHoSo, TrangThaiHoSo: 4, DonViXuLy: 'Phòng Tư pháp', CanBoXuLy: 'Lê Văn Cường', ThoiGian: portalTimestamp(Date.now()), NoiDung: 'Đã nhận hồ sơ' });
    rig.sim.store.appendEvent({ IdHoSo: portal.IdHoSo, TrangThaiHoSo: 5, DonViXuLy: 'Phòng Tư pháp', CanBoXuLy: 'Lê Văn Cường', ThoiGian: portalTimestamp(Date.now()), NoiDung: 'Thiếu giấy xác nhận cư trú' });
    await rig.waitFor('the supplement from the feed', async () => (await rig.call<{ status: number }>('dossier.get', { code: d.code })).status === 5);
    const timeline = await rig.call<{ dossier: { possibleEvents: string[] }; entries: Array<{ kind: string; cause: string; text: string }> }>('dossier.timeline', { code: d.code });
    expect(timeline.entries.filter((e) => e.cause === 'feed').map((e) => e.kind)).toEqual(['progress', 'transition']);
    expect(timeline.entries.at(-1)?.text).toContain('Thiếu giấy xác nhận cư trú');
    // The counter takes the papers (5 → 4: it was being processed) and the back office finishes.
    expect(timeline.dossier.possibleEvents).toContain('complete_supplement');
    await transition(rig, { code: d.code, event: 'complete_supplement', papers: [{ name: 'Giấy xác nhận cư trú', copies: 1 }] });
    await drained(rig); // the back office has the papers before it signs
    rig.sim.store.appendEvent({ IdHoSo: portal.IdHoSo, TrangThaiHoSo: 9, DonViXuLy: 'Phòng Tư pháp', CanBoXuLy: 'Lê Văn Cường', ThoiGian: portalTimestamp(Date.now()), NoiDung: 'Đã ký kết quả' });
    await rig.waitFor('the result from the feed', async () => (await rig.call<{ status: number }>('dossier.get', { code: d.code })).status === 9);
    const ready = await rig.call<{ dossiers: Array<{ code: string }> }>('results.ready', {});
    expect(ready.dossiers.map((x) => x.code)).toEqual([d.code]);
    await drained(rig);
    expect(transitionsAt(rig, d.code).map((t) => t.SuKien)).toEqual(['start_processing', 'complete_supplement']);
  });

  describe('when the counter returned a result the portal has since stopped', () => {
    async function disagreement() {
      const rig = await startSyncRig({ pullEveryMs: 50 });
      const d = await rig.save();
      await drained(rig);
      // The portal takes no transition for now; the counter finishes and returns the result meanwhile.
      rig.sim.faults.set({ force: [{ method: 'POST', path: '/dossiers/*/transitions', status: 503 }] });
      await transition(rig, { code: d.code, event: 'finish_at_counter' });
      await transition(rig, { code: d.code, event: 'return_result', receiver: { kind: 'owner' }, delivery: { method: 'counter' } });
      // The back office stops it at the portal.
      rig.sim.store.appendEvent({ IdHoSo: atPortal(rig, d.code)!.IdHoSo, TrangThaiHoSo: 8, DonViXuLy: 'Phòng Tư pháp', CanBoXuLy: 'Lê Văn Cường', ThoiGian: portalTimestamp(Date.now()), NoiDung: 'Dừng xử lý: có tranh chấp' });
      rig.sim.faults.reset();
      await rig.call('sync.retryNow', {});
      await rig.waitFor('the portal to refuse the station\'s change', async () => (await rig.call<{ rejected: number }>('sync.status', {})).rejected === 1);
      await rig.waitFor('the feed to bring the stop', () => (rig.station.db.prepare('SELECT count(*) AS n FROM dossier_progress').get() as { n: number }).n === 1);
      return { rig, d };
    }

    type Conflict = { id: number; code: string; stationStatus: number; portalStatus: number; portalOfficer: string; explanation: string; resolution: string | null };

    it('keeps both sides for the officer, with what to do, and changes neither', async () => {
      const { rig, d } = await disagreement();
      const [conflict, ...more] = await rig.call<Conflict[]>('conflicts.list', {});
      expect(more).toEqual([]);
      expect(conflict).toMatchObject({ code: d.code, stationStatus: 10, portalStatus: 8, portalOfficer: 'Lê Văn Cường' });
      expect(conflict!.explanation).toContain('Hãy liên hệ Lê Văn Cường, Phòng Tư pháp để thống nhất');
      expect((await rig.call<{ status: number }>('dossier.get', { code: d.code })).status).toBe(10);
      expect(atPortal(rig, d.code)).toMatchObject({ TrangThaiHienTai: 8 });
      expect(transitionsAt(rig, d.code)).toEqual([]);
      expect((await rig.call<{ conflicts: number }>('watch.badge', {})).conflicts).toBe(1);
      // The counter cannot go on until someone decides.
      const blocked = await rig.answer('dossier.transition', { code: d.code, event: 'apologise', reason: 'x', newAppointmentAt: aMonthAhead() });
      expect(!blocked.ok && blocked.error.code).toBe('LIFECYCLE_CONFLICT_OPEN');
      const timeline = await rig.call<{ dossier: { openConflict: boolean; possibleEvents: string[] }; entries: Array<{ kind: string }> }>('dossier.timeline', { code: d.code });
      expect(timeline.dossier).toMatchObject({ openConflict: true, possibleEvents: [] });
      expect(timeline.entries.some((e) => e.kind === 'conflict')).toBe(true);
    });

    it('on "keep the station\'s", sends the refused change again with the officer\'s confirmation, then the rest in order', async () => {
      const { rig, d } = await disagreement();
      const [conflict] = await rig.call<Conflict[]>('conflicts.list', {});
      const decided = await rig.call<Conflict>('conflicts.resolve', { id: conflict!.id, choice: 'keep_station', note: 'Đã trả kết quả trước khi có quyết định dừng' });
      expect(decided.resolution).toBe('keep_station');
      await drained(rig);
      expect(transitionsAt(rig, d.code).map((t) => [t.SuKien, t.XacNhanXungDot])).toEqual([['finish_at_counter', true], ['return_result', false]]);
      expect(atPortal(rig, d.code)).toMatchObject({ TrangThaiHienTai: 10 });
      expect(await rig.call<Conflict[]>('conflicts.list', {})).toEqual([]);
    });

    it('on "take the portal\'s", records the stop and drops the station\'s changes the portal did not take', async () => {
      const { rig, d } = await disagreement();
      const [conflict] = await rig.call<Conflict[]>('conflicts.list', {});
      await rig.call('conflicts.resolve', { id: conflict!.id, choice: 'accept_portal', note: '' });
      expect(rig.outboxSize()).toBe(0);
      const after = await rig.call<{ dossier: { status: number; returnedAt: string | null }; entries: Array<{ kind: string; text: string }> }>('dossier.timeline', { code: d.code });
      expect(after.dossier).toMatchObject({ status: 8, returnedAt: null });
      expect(after.entries.at(-1)?.text).toBe('Cán bộ chấp nhận trạng thái của cổng dịch vụ công: "Dừng xử lý"');
      expect(transitionsAt(rig, d.code)).toEqual([]);
    });
  });
});

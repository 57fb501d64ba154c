import { describe, expect, it } from 'vitest';
import { DISPLAY_OFFICER } from '../../main/contract/display-bridge';
import { startSyncRig } from '../sync/rig';

// A rating given on the display reaches the portal simulator over real HTTP, as a dossier update
// after the dossier itself, and stays there once (PROTOCOL.md, "DanhGiaHaiLong").


describe('a rating synced to the portal', () => {
  it('goes with the dossier’s other changes, in order, and is kept in the dossier’s record', async () => {
    const rig = await startSyncRig();
    const dossier = await rig.save();
    const { visitId } = await rig.call<{ visitId: string }>('display.askRating', { dossierCode: dossier.code });
    const answer = await rig.station.dispatch('rating.submit', { visitId, score: 3, comment: 'Chờ hơi lâu' }, rig.station.sessions.open(DISPLAY_OFFICER, { idleLock: false }).id);
    expect(answer.ok).toBe(true);
    await rig.waitFor('the outbox drained', () => rig.outboxSize() === 0);
    const [stored] = rig.sim.store.dossiers(null) as unknown as Array<Record<string, unknown>>;
    expect(stored).toMatchObject({ MaHoSo: dossier.code, PhienBan: 2 });
    expect(stored?.DanhSachDanhGia).toEqual([
      { IdLuot: visitId, GiaiDoan: 1, MucDo: 3, TenMucDo: 'Hài lòng', GopY: 'Chờ hơi lâu', CanBoTiepNhan: 'Cán bộ tiếp nhận', MaCanBo: 'test-officer', ThoiGian: expect.stringMatching(/^\d{14}$/) },
    ]);
    expect(rig.station.db.prepare("SELECT kind FROM sync_sent ORDER BY id").all()).toEqual([{ kind: 'dossier.create' }, { kind: 'dossier.update' }]);
  });
});

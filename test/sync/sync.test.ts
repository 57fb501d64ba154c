import { describe, expect, it } from 'vitest';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { queueDossierFile } from '../../main/storage/dossier-files-store';
import { writeTransaction } from '../../main/storage/database';
import { startSyncRig, type SyncRig } from './rig';

// The six rules of docs/sync.md, each against the portal simulator over real HTTP.

type SimDossier = { IdHoSo: string; MaHoSo: string; MaHoSoTam: string | null; ChuHoSo: string; PhienBan: number };
const simDossiers = (rig: SyncRig) => rig.sim.store.dossiers(null) as unknown as SimDossier[];
const drained = (rig: SyncRig) => rig.waitFor('the outbox to drain', () => rig.outboxSize() === 0);

describe('sync with the portal', () => {
  it('sends each received dossier once, with the code the station printed, and empties the outbox', async () => {
    const rig = await startSyncRig();
    const saved = [await rig.save(), await rig.save({ owner: { fullName: 'Trần Thị Bình' } }), await rig.save()];
    await drained(rig);
    const atPortal = simDossiers(rig);
    expect(atPortal.map((d) => d.MaHoSo).sort()).toEqual(saved.map((d) => d.code).sort());
    // The codes came from numbers leased from the portal: final, not provisional.
    expect(saved.every((d) => !d.codeIsProvisional)).toBe(true);
    expect(rig.sim.store.leases().length).toBeGreaterThan(0);
    const info = await rig.call<{ state: string; portalId: string }>('dossier.syncInfo', { code: saved[1]!.code });
    expect(info.state).toBe('synced');
    expect(atPortal.find((d) => d.MaHoSo === saved[1]!.code)?.IdHoSo).toBe(info.portalId);
    expect(atPortal.find((d) => d.MaHoSo === saved[1]!.code)?.ChuHoSo).toBe('Trần Thị Bình');
  });

  it.each([
    ['connections dropped after the portal commits', { dropAfterCommit: 0.5 }],
    ['connections dropped before the portal commits', { dropBeforeCommit: 0.5 }],
    ['server errors', { rate5xx: 0.5 }],
    ['garbage answers', { garbageRate: 0.5 }],
    ['slow bodies and latency', { slowBodyMs: 2, latencyMs: 20 }],
  ])('delivers every dossier exactly once through %s', async (_name, faults) => {
    const rig = await startSyncRig();
    rig.sim.faults.set(faults);
    const saved = [];
    for (let i = 0; i < 12; i++) saved.push(await rig.save({ owner: { fullName: `Người Thứ ${i}` } }));
    await rig.waitFor('the outbox to drain through faults', () => rig.outboxSize() === 0, 30_000);
    const atPortal = simDossiers(rig);
    expect(atPortal).toHaveLength(12);
    expect(new Set(atPortal.map((d) => d.MaHoSo)).size).toBe(12);
    expect(atPortal.map((d) => d.MaHoSo).sort()).toEqual(saved.map((d) => d.code).sort());
    const stats = rig.sim.stats();
    expect(stats.requests).toBeGreaterThan(12); // faults forced retries
  });

  it('logs in again on a 401 and goes on', async () => {
    const rig = await startSyncRig();
    await rig.save();
    await drained(rig);
    rig.sim.faults.set({ force: [{ method: 'POST', path: '/dossiers', status: 401, code: 'TOKEN_EXPIRED', times: 1 }] });
    const logins = () => rig.sim.stats().routes['POST /oauth/token'] ?? {};
    const before = Object.values(logins()).reduce((a, b) => a + b, 0);
    await rig.save();
    await drained(rig);
    expect(simDossiers(rig)).toHaveLength(2);
    expect(Object.values(logins()).reduce((a, b) => a + b, 0)).toBeGreaterThan(before);
  });

  it('marks a refused dossier rejected with the portal reason, keeps the others going, and resends it corrected', async () => {
    const rig = await startSyncRig();
    rig.sim.faults.set({ force: [{ method: 'POST', path: '/dossiers', status: 400, code: 'INVALID_ID_NUMBER', times: 1 }] });
    for (let i = 0; i < 5; i++) await rig.save({ owner: { fullName: `Chủ Hồ Sơ ${i}` } });
    await rig.waitFor('one rejection and four deliveries', () => rig.outboxSize() === 1 && simDossiers(rig).length === 4);
    const status = await rig.call<{ rejected: number; pending: number }>('sync.status', {});
    expect(status).toMatchObject({ rejected: 1, pending: 0 });
    const [rejected] = await rig.call<Array<{ id: number; code: string; lastError: string }>>('sync.queue', { list: 'rejected' });
    expect(rejected!.lastError).toContain('INVALID_ID_NUMBER');
    expect((await rig.call<{ state: string; reason: string }>('dossier.syncInfo', { code: rejected!.code })).state).toBe('rejected');

    // The officer corrects the owner's name and the dossier goes again, under a new key.
    const view = await rig.call<{ owner: Record<string, string> }>('dossier.get', { code: rejected!.code });
    await rig.call('dossier.correct', { code: rejected!.code, owner: { ...view.owner, fullName: 'Tên Đã Sửa' } });
    await drained(rig);
    const fixed = simDossiers(rig).find((d) => d.MaHoSo === rejected!.code);
    expect(fixed?.ChuHoSo).toBe('Tên Đã Sửa');
    expect(simDossiers(rig)).toHaveLength(5);
  });

  it("sends one dossier's changes in order, even when they wait offline together", async () => {
    const rig = await startSyncRig();
    rig.sim.faults.set({ dropBeforeCommit: 1 }); // the portal is unreachable
    const saved = await rig.save({ owner: { fullName: 'Bản Đầu' } });
    const owner = (await rig.call<{ owner: Record<string, string> }>('dossier.get', { code: saved.code })).owner;
    await rig.call('dossier.correct', { code: saved.code, owner: { ...owner, fullName: 'Sửa Lần Một' } });
    await rig.call('dossier.correct', { code: saved.code, owner: { ...owner, fullName: 'Sửa Lần Hai' } });
    await rig.waitFor('the portal to be seen offline', async () => (await rig.call<{ online: boolean | null }>('sync.status', {})).online === false);
    expect(rig.outboxSize()).toBe(3);
    rig.sim.faults.reset();
    await rig.call('sync.retryNow', {});
    await drained(rig);
    const [atPortal] = simDossiers(rig);
    expect(atPortal).toMatchObject({ ChuHoSo: 'Sửa Lần Hai', PhienBan: 3 });
  });

  it('learns online and offline from the portal itself', async () => {
    const rig = await startSyncRig({ configure: false });
    expect((await rig.call<{ configured: boolean }>('sync.status', {})).configured).toBe(false);
    await rig.configure('http://127.0.0.1:9/'); // nothing listens on the discard port
    await rig.waitFor('offline', async () => (await rig.call<{ online: boolean | null }>('sync.status', {})).online === false);
    await rig.configure();
    await rig.waitFor('online', async () => (await rig.call<{ online: boolean | null }>('sync.status', {})).online === true);
    const test = await rig.call<{ ok: boolean; message: string }>('portal.test', {});
    expect(test).toEqual({ ok: true, message: 'Kết nối và đăng nhập cổng thành công.' });
  });

  it('issues a provisional code offline, prints it as provisional, and shows the final code after sync', async () => {
    const rig = await startSyncRig();
    rig.sim.faults.set({ dropBeforeCommit: 1 }); // the portal is unreachable…
    rig.station.db.prepare('UPDATE number_leases SET next = last + 1').run(); // …and the leased numbers are used up
    const saved = await rig.save();
    expect(saved.codeIsProvisional).toBe(true);
    expect(saved.code).toMatch(/-T01\d{4}$/);
    const slip = await rig.call<{ base64: string }>('slip.pdf', { code: saved.code });
    const file = join(rig.dir, 'provisional.pdf');
    writeFileSync(file, Buffer.from(slip.base64, 'base64'));
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('Mã hồ sơ tạm');

    rig.sim.faults.reset();
    await rig.call('sync.retryNow', {});
    await drained(rig);
    const info = await rig.call<{ codeIsProvisional: boolean; provisionalCode: string }>('dossier.syncInfo', { code: saved.code });
    expect(info).toMatchObject({ codeIsProvisional: false, provisionalCode: saved.code });
    const finalView = await rig.call<{ code: string; codeIsProvisional: boolean }>('dossier.get', { code: saved.code });
    expect(finalView.code).not.toBe(saved.code);
    expect(finalView.code).toMatch(/^000\.00\.06\.H56-\d{6}-\d{4}$/);
    expect(simDossiers(rig).map((d) => [d.MaHoSo, d.MaHoSoTam])).toEqual([[finalView.code, saved.code]]);
    // The citizen's slip shows the provisional code: it still finds the dossier.
    const found = await rig.call<Array<{ code: string }>>('dossier.search', { query: saved.code.toLowerCase(), limit: 5 });
    expect(found.map((d) => d.code)).toEqual([finalView.code]);
  });

  it('uploads a file in chunks, resumes after failures, and confirms the dossier only when the file is confirmed', async () => {
    const rig = await startSyncRig();
    rig.sim.faults.set({ force: [{ method: 'PUT', path: '/uploads/*', status: 503, times: 2 }], dropAfterCommit: 0 });
    const saved = await rig.save();
    const bytes = randomBytes(700_000); // three chunks of 256 KiB
    const path = join(rig.dir, 'tp1.pdf');
    writeFileSync(path, bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const dossierId = (rig.station.db.prepare('SELECT id FROM dossiers WHERE code = ?').get(saved.code) as { id: number }).id;
    writeTransaction(rig.station.db, () =>
      queueDossierFile(rig.station.db, { dossierId, kind: 'scan', documentCode: 'TP1', fileName: 'tp1.pdf', mime: 'application/pdf', path, size: bytes.length, sha256 }, randomUUID(), Date.now()),
    );
    await drained(rig);
    const [atPortal] = simDossiers(rig);
    const files = rig.sim.store.attachments(atPortal!.IdHoSo) as { attachments: Array<{ Sha256: string; KichThuoc: number; MaThanhPhanHoSo: string }> };
    expect(files.attachments).toEqual([expect.objectContaining({ Sha256: sha256, KichThuoc: 700_000, MaThanhPhanHoSo: 'TP1' })]);
    expect((await rig.call<{ state: string }>('dossier.syncInfo', { code: saved.code })).state).toBe('synced');
  });

  it('refuses to upload a file that changed on disk after it was recorded', async () => {
    const rig = await startSyncRig();
    const saved = await rig.save();
    const path = join(rig.dir, 'changed.pdf');
    writeFileSync(path, 'original');
    const dossierId = (rig.station.db.prepare('SELECT id FROM dossiers WHERE code = ?').get(saved.code) as { id: number }).id;
    writeTransaction(rig.station.db, () =>
      queueDossierFile(rig.station.db, { dossierId, kind: 'scan', documentCode: null, fileName: 'changed.pdf', mime: 'application/pdf', path, size: 8, sha256: createHash('sha256').update('original').digest('hex') }, randomUUID(), Date.now()),
    );
    writeFileSync(path, 'tampered');
    await rig.waitFor('the file entry to be rejected', async () => (await rig.call<{ rejected: number }>('sync.status', {})).rejected === 1);
    const [entry] = await rig.call<Array<{ lastError: string }>>('sync.queue', { list: 'rejected' });
    expect(entry!.lastError).toContain('SHA-256 không khớp');
  });

  it('pulls progress from the feed and a new catalogue, atomically', async () => {
    const rig = await startSyncRig({ pullEveryMs: 100 });
    const saved = await rig.save();
    await drained(rig);
    const [atPortal] = simDossiers(rig);
    rig.sim.store.appendEvent({ IdHoSo: atPortal!.IdHoSo, TrangThaiHoSo: 9, DonViXuLy: 'Phòng Tư pháp', CanBoXuLy: 'Lê Văn Cường', ThoiGian: '20261123150000', NoiDung: 'Đã ký kết quả' });
    await rig.waitFor('the status from the feed', async () => (await rig.call<{ status: number }>('dossier.get', { code: saved.code })).status === 9);
    const info = await rig.call<{ progress: Array<{ unit: string; note: string }> }>('dossier.syncInfo', { code: saved.code });
    expect(info.progress).toEqual([expect.objectContaining({ unit: 'Phòng Tư pháp', note: 'Đã ký kết quả' })]);

    const [first] = rig.sim.store.catalogue ? [JSON.parse(rig.sim.store.catalogue().body).procedures[0]] : [];
    rig.sim.store.setCatalogue([{ ...first, MaTTHC: '9.999999', TenTTHC: 'Thủ tục mới từ cổng' }]);
    await rig.waitFor('the new catalogue', async () => (await rig.call<unknown[]>('catalogue.search', { query: 'thu tuc moi', limit: 5 })).length === 1);
    const procedures = await rig.call<Array<{ code: string; demo: boolean }>>('catalogue.search', { query: '', limit: 100 });
    // The portal's catalogue replaced the demo one; procedures that dossiers refer to are kept.
    expect(procedures.some((p) => p.code === '9.999999' && !p.demo)).toBe(true);
  });
});

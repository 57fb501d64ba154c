import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanSessionView, StoredScan, UnfinishedScans } from '../../main/contract/scanning-channels';
import { SESSIONS_FOLDER } from '../../main/scanning/session-store';
import { setDossierStatus } from '../../main/storage/dossier-store';
import { openTestStation, VIETNAMESE_TEXT, type TestStation } from '../helpers/station';
import { saneTestConfig } from '../hardware/scanners/sane-rig';
import { QUICK, scanningStation, type ScanningStation } from './helpers';

// Pages scanned but not yet saved outlive the station: each is on disk, in order with its
// rotation and whether it is left out, before the officer sees it; after a restart the
// dossier offers the unfinished session again and it saves as if nothing had happened.

let saneConfig: string;
let restoreSane: () => void;
beforeAll(() => {
  saneConfig = mkdtempSync(join(tmpdir(), 'scan-unfinished-sane-'));
  restoreSane = saneTestConfig(saneConfig);
});
afterAll(() => {
  restoreSane();
  rmSync(saneConfig, { recursive: true, force: true });
});

const ok = async <T,>(station: TestStation, channel: string, payload: unknown): Promise<T> => {
  const answer = await station.call(channel, payload);
  if (!answer.ok) throw new Error(`${channel}: ${answer.error.code} ${answer.error.message}`);
  return answer.value as T;
};
/** The station stopped (every close handler done) and started again on the same data folder. */
const restart = async (s: TestStation): Promise<TestStation> => {
  await s.close();
  return openTestStation({ dir: s.dir, clock: s.clock });
};
const sessionsDir = (s: TestStation) => join(s.dir, 'scans', SESSIONS_FOLDER);
const filesUnder = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)) : []);
const pageRows = (s: TestStation) => s.db.prepare('SELECT page_id AS id, position, rotation, removed, file FROM scan_session_pages ORDER BY position').all() as Array<{ id: string; position: number; rotation: number; removed: string | null; file: string }>;
const pdfInfo = (file: string) => execFileSync('pdfinfo', ['-f', '1', '-l', '99', file], { encoding: 'utf8' });
const fileOf = (s: TestStation, stored: StoredScan) => (s.db.prepare('SELECT path FROM dossier_files WHERE id = ?').get(stored.fileId) as { path: string }).path;

/** A feeder of 10 pages in a session of the dossier's first document, edited by the officer. */
async function editedSession(s: ScanningStation): Promise<{ view: ScanSessionView; order: string[] }> {
  const session = await s.open();
  let view = await s.scan(session.sessionId);
  expect(view.pages).toHaveLength(10);
  const ids = view.pages.map((p) => p.id);
  view = await s.ok('scan.edit', { sessionId: session.sessionId, edit: { op: 'rotate', pageId: ids[1], quarterTurns: 1 } });
  view = await s.ok('scan.edit', { sessionId: session.sessionId, edit: { op: 'move', pageId: ids[9], to: 0 } });
  view = await s.ok('scan.edit', { sessionId: session.sessionId, edit: { op: 'remove', pageId: ids[4] } });
  return { view, order: view.pages.map((p) => p.id) };
}

describe('an unfinished scan session after a restart', () => {
  it('is offered again with its pages in order, rotations and removed pages, and saves to the same PDF', async () => {
    const s = await scanningStation();
    const { view, order } = await editedSession(s);
    // Every page the officer saw is a file, 0600 in a 0700 folder, with its row.
    const files = filesUnder(sessionsDir(s));
    expect(files).toHaveLength(10);
    expect(files.every((f) => (statSync(f).mode & 0o777) === 0o600)).toBe(true);
    expect(statSync(join(sessionsDir(s), view.sessionId)).mode & 0o777).toBe(0o700);
    expect(pageRows(s).map((r) => r.id)).toEqual(order);

    const again = await restart(s);
    const offer = await ok<UnfinishedScans>(again, 'scan.unfinished', { dossierCode: s.dossier.code });
    expect(offer.ended).toEqual([]);
    expect(offer.sessions).toEqual([{
      sessionId: view.sessionId, documentCode: s.dossier.documents[0]!.code, documentName: s.dossier.documents[0]!.name, pages: 10, keptPages: 9,
      scanner: 'test', lastUsedAt: '2026-11-23T09:32', scanning: false,
    }]);
    const resumed = await ok<ScanSessionView>(again, 'scan.resume', { sessionId: view.sessionId });
    expect(resumed.notices).toBeUndefined();
    expect(resumed.pages.map((p) => p.id)).toEqual(order);
    expect(resumed.pages.map((p) => [p.rotation, p.removed])).toEqual(view.pages.map((p) => [p.rotation, p.removed]));
    expect(resumed.pages.every((p) => p.thumbnail?.startsWith('data:image/jpeg;base64,'))).toBe(true);
    expect(resumed.title).toBe(view.title);

    // It is a session like any other: another page, then the save.
    await again.call('scanners.configure', { profile: { ...QUICK, source: 'flatbed' } });
    const more = await ok<{ job: { state: string } | null }>(again, 'scan.start', { sessionId: view.sessionId });
    expect(more.job?.state).toBe('scanning');
    let status: ScanSessionView;
    do status = await ok<ScanSessionView>(again, 'scan.status', { sessionId: view.sessionId });
    while (status.job?.state === 'scanning' && (await new Promise((r) => setTimeout(r, 20)), true));
    expect(status.pages).toHaveLength(11);
    const stored = await ok<StoredScan>(again, 'scan.save', { sessionId: view.sessionId });
    expect(stored.pages).toBe(10);
    const info = pdfInfo(fileOf(again, stored));
    expect(info).toMatch(/Page\s+3 rot:\s+90/); // the rotated second page, after the one moved to the front
    expect(statSync(fileOf(again, stored)).mode & 0o777).toBe(0o600);
    // Saved: nothing left to offer, no page file, no row.
    expect(await ok<UnfinishedScans>(again, 'scan.unfinished', { dossierCode: s.dossier.code })).toEqual({ sessions: [], ended: [] });
    expect(filesUnder(sessionsDir(again))).toEqual([]);
    expect(pageRows(again)).toEqual([]);
  });

  it('answers the renderer that still holds the session id, as if the station had not stopped', async () => {
    const s = await scanningStation();
    const { view, order } = await editedSession(s);
    const again = await restart(s);
    // It asks with the revision it had: the answer is newer, with every thumbnail again.
    const status = await ok<ScanSessionView>(again, 'scan.status', { sessionId: view.sessionId, since: view.rev });
    expect(status.rev).toBeGreaterThan(view.rev);
    expect(status.pages.map((p) => p.id)).toEqual(order);
    expect(status.pages.filter((p) => p.thumbnail)).toHaveLength(10);
    const preview = await ok<{ preview: string }>(again, 'scan.page', { sessionId: view.sessionId, pageId: order[3] });
    expect(preview.preview).toMatch(/^data:image\/jpeg;base64,/);
  });

  it('leaves out a page whose file was damaged on disk, tells the officer which, and keeps the others', async () => {
    const s = await scanningStation();
    const { view, order } = await editedSession(s);
    const third = pageRows(s).find((r) => r.id === order[2])!;
    const file = join(sessionsDir(s), third.file);
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 10) ^ 0xff, bytes.length - 10);
    writeFileSync(file, bytes);
    const again = await restart(s);
    const resumed = await ok<ScanSessionView>(again, 'scan.resume', { sessionId: view.sessionId });
    expect(resumed.pages.map((p) => p.id)).toEqual(order.filter((id) => id !== order[2]));
    expect(resumed.notices).toEqual([expect.stringMatching(/^Trang 3 của phiên quét dở bị hỏng trên ổ đĩa \(mã SHA-256 không khớp\) nên đã được bỏ ra; .*bấm "Quét"/)]);
    expect(resumed.notices![0]).toMatch(VIETNAMESE_TEXT);
    expect(existsSync(file)).toBe(false);
    expect(pageRows(again)).toHaveLength(9);
    // Resumed once: the next answer has no notice left to tell.
    expect((await ok<ScanSessionView>(again, 'scan.status', { sessionId: view.sessionId })).notices).toBeUndefined();
    expect((await ok<StoredScan>(again, 'scan.save', { sessionId: view.sessionId })).pages).toBe(8);
  });

  it('ends a session whose dossier was refused since, says so in Vietnamese, and saves nothing', async () => {
    const s = await scanningStation();
    const { view } = await editedSession(s);
    const again = await restart(s);
    // The back office refused the dossier (the portal's feed sets status 3, "Không được tiếp nhận").
    const { id } = again.db.prepare('SELECT id FROM dossiers WHERE code = ?').get(s.dossier.code) as { id: number };
    setDossierStatus(again.db, id, 3, again.clock.now().getTime());
    const refused = await again.refused('scan.resume', { sessionId: view.sessionId });
    expect(refused.code).toBe('SCAN_SESSION_DOSSIER_REFUSED');
    expect(refused.message).toBe(`Hồ sơ ${s.dossier.code} đã bị từ chối tiếp nhận nên không lưu bản quét vào hồ sơ này được nữa; 9 trang của phiên quét dở đã được xoá. Nếu công dân nộp lại, tiếp nhận hồ sơ mới rồi quét vào hồ sơ đó.`);
    expect(filesUnder(sessionsDir(again))).toEqual([]);
    expect(pageRows(again)).toEqual([]);
    const offer = await ok<UnfinishedScans>(again, 'scan.unfinished', { dossierCode: s.dossier.code });
    expect(offer.sessions).toEqual([]);
    expect(offer.ended).toEqual([{ sessionId: view.sessionId, documentCode: s.dossier.documents[0]!.code, message: refused.message }]);
    expect((await again.refused('scan.save', { sessionId: view.sessionId })).code).toBe('SCAN_SESSION_NOT_FOUND');
    expect((again.db.prepare('SELECT count(*) AS n FROM dossier_files').get() as { n: number }).n).toBe(0);
    // Dismissed: told once is enough.
    await ok(again, 'scan.close', { sessionId: view.sessionId });
    expect(await ok<UnfinishedScans>(again, 'scan.unfinished', { dossierCode: s.dossier.code })).toEqual({ sessions: [], ended: [] });
  });

  it('refuses to save into a dossier refused while the session was open', async () => {
    const s = await scanningStation();
    const { view } = await editedSession(s);
    const { id } = s.db.prepare('SELECT id FROM dossiers WHERE code = ?').get(s.dossier.code) as { id: number };
    setDossierStatus(s.db, id, 3, s.clock.now().getTime());
    expect((await s.refused('scan.save', { sessionId: view.sessionId })).code).toBe('SCAN_SESSION_DOSSIER_REFUSED');
    expect(filesUnder(join(s.dir, 'scans'))).toEqual([]);
  });

  it('sweeps a session abandoned longer than the configured days, and says so when the dossier is opened', async () => {
    const s = await scanningStation({ unfinishedSessionDays: 2 });
    const { view } = await editedSession(s);
    s.clock.setLocal('2026-11-24T17:00'); // a day and a half later: still kept
    let again = await restart(s);
    expect((await ok<UnfinishedScans>(again, 'scan.unfinished', { dossierCode: s.dossier.code })).sessions).toHaveLength(1);
    s.clock.setLocal('2026-11-25T10:00'); // more than two days after its last page or edit
    again = await restart(again);
    const offer = await ok<UnfinishedScans>(again, 'scan.unfinished', { dossierCode: s.dossier.code });
    expect(offer.sessions).toEqual([]);
    expect(offer.ended).toEqual([{
      sessionId: view.sessionId, documentCode: s.dossier.documents[0]!.code,
      message: `Phiên quét dở của giấy tờ "${s.dossier.documents[0]!.name}" (9 trang, quét lúc 2026-11-23 09:32) đã bị xoá vì bỏ dở quá 2 ngày mà chưa lưu. Quét lại giấy tờ này nếu còn cần.`,
    }]);
    expect(filesUnder(sessionsDir(again))).toEqual([]);
    expect((await again.refused('scan.resume', { sessionId: view.sessionId })).code).toBe('SCAN_SESSION_NOT_FOUND');
    expect((await again.refused('scanners.configure', { unfinishedSessionDays: 0 })).code).toBe('VALIDATION');
  });

  it('removes at start page files a crash left without their row, and keeps those of open sessions', async () => {
    const s = await scanningStation();
    const { view } = await editedSession(s);
    const strayDir = join(sessionsDir(s), '0b5d1f7e-crash-left-this');
    mkdirSync(strayDir, { recursive: true });
    const strays = [join(strayDir, 'p1.page'), join(sessionsDir(s), view.sessionId, 'written-not-recorded.page'), join(sessionsDir(s), view.sessionId, 'x.page.1a2b3c4d.tmp')];
    const past = new Date(Date.now() - 60_000);
    for (const f of strays) {
      writeFileSync(f, 'MCSP1\n half a page');
      utimesSync(f, past, past);
    }
    const again = await restart(s);
    await ok(again, 'scan.unfinished', { dossierCode: s.dossier.code }); // answers once the start's sweeps are done
    expect(strays.filter((f) => existsSync(f))).toEqual([]);
    expect(existsSync(strayDir)).toBe(false);
    expect(filesUnder(sessionsDir(again))).toHaveLength(10);
    expect((await ok<ScanSessionView>(again, 'scan.resume', { sessionId: view.sessionId })).pages).toHaveLength(10);
  });

  it('discards an unfinished session with its files when the officer closes it', async () => {
    const s = await scanningStation();
    const { view } = await editedSession(s);
    const again = await restart(s);
    await ok(again, 'scan.close', { sessionId: view.sessionId });
    expect(await ok<UnfinishedScans>(again, 'scan.unfinished', { dossierCode: s.dossier.code })).toEqual({ sessions: [], ended: [] });
    expect(filesUnder(sessionsDir(again))).toEqual([]);
  });

  it('keeps a test scan in memory only', async () => {
    const s = await scanningStation();
    const session = await s.ok<ScanSessionView>('scan.open', { target: { kind: 'test' } });
    await s.scan(session.sessionId, { profile: { source: 'flatbed' } });
    expect(filesUnder(sessionsDir(s))).toEqual([]);
    expect((s.db.prepare('SELECT count(*) AS n FROM scan_sessions').get() as { n: number }).n).toBe(0);
  });
});

describe('scanner ids and addresses from a call', () => {
  it('answers VALIDATION in Vietnamese for a device id with a NUL byte, not INTERNAL', async () => {
    const s = await scanningStation();
    const caps = await s.refused('scanners.capabilities', { deviceId: 'a\u0000b' });
    expect(caps.code).toBe('VALIDATION');
    expect(caps.message).toMatch(VIETNAMESE_TEXT);
    expect(caps.message).toContain('ký tự không được phép');
    const session = await s.open();
    expect((await s.refused('scan.start', { sessionId: session.sessionId, deviceId: 'a\u0000b' })).code).toBe('VALIDATION');
    expect((await s.refused('scan.start', { sessionId: session.sessionId, deviceId: '--help' })).code).toBe('VALIDATION');
    expect((await s.refused('scanners.configure', { deviceId: 'sane:\u202etest' })).code).toBe('VALIDATION');
  });

  it('talks to no eSCL address the technician did not enter and mDNS did not find', async () => {
    const s = await scanningStation();
    const refused = await s.refused('scanners.capabilities', { deviceId: 'escl:http://169.254.169.254/eSCL' });
    expect(refused.code).toBe('SCANNER_ADDRESS_UNKNOWN');
    expect(refused.message).toContain('"http://169.254.169.254/eSCL" không có trong danh sách');
    const session = await s.open();
    expect((await s.refused('scan.start', { sessionId: session.sessionId, deviceId: 'escl:http://10.9.9.9:8080/eSCL' })).code).toBe('SCANNER_ADDRESS_UNKNOWN');
  });
});

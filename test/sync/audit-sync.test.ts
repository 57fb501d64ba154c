import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ChannelOutput } from '../../main/contract/channels';
import type { DossierView } from '../../main/contract/schemas';
import { HttpPortal } from '../../main/portal/http-portal';
import type { PortalAdapter } from '../../main/portal/portal-adapter';
import { startPortalSimulator, type PortalSimulator } from '../../main/portal/simulator/server';
import type { SyncOptions } from '../../main/sync/sync-feature';
import { auditEntryHash, type AuditEntry } from '../../main/storage/audit-log';
import { openStation } from '../../main/station';
import { draftFor } from '../helpers/drafts';
import { TEST_OFFICER } from '../helpers/station';

// The station's audit log reaches the portal through the sync worker (PROTOCOL.md, "Audit
// log"): after the dossiers, in order, from a cursor kept in the database, through an outage and
// a restart; a log rewritten on the PC is refused by the portal and the sync status says so.
// Real simulator over loopback HTTP, real SQLite, the worker tuned for tests as in rig.ts.

const AUDIT_ROUTE = 'POST /agencies/{MaCoQuan}/audit-batches';
const PASSWORD = 'Tiếp nhận hồ sơ 2026';

type Status = ChannelOutput<'sync.status'>;
type HeldEntry = { Seq: number; HanhDong: string; MaBam: string; MaBamTruoc: string };

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A station on `dir` (opened again on the same folder after a restart), synced with `sim`. */
function stationOn(dir: string, portalFactory?: SyncOptions['portalFactory']) {
  const station = openStation({
    callsWithoutSession: TEST_OFFICER, dataDir: dir, host: 'web', version: 'test',
    sync: { worker: { random: () => 0.002, pingEveryMs: 50, pullEveryMs: 3_600_000, auditEveryMs: 50, concurrency: 8 }, ...(portalFactory ? { portalFactory } : {}) },
  });
  onTestFinished(() => (station.db.open ? station.close() : undefined));
  const call = async <T,>(channel: string, payload: unknown): Promise<T> => {
    const a = await station.dispatch(channel, payload);
    if (!a.ok) throw new Error(`${channel}: ${JSON.stringify(a.error)}`);
    return a.value as T;
  };
  const status = () => call<Status>('sync.status', {});
  const save = async (fullName: string) => {
    const procedure = await call<Parameters<typeof draftFor>[0]>('catalogue.get', { code: '1.001193' });
    return call<DossierView>('dossier.save', draftFor(procedure, { owner: { fullName } }));
  };
  const login = () => call('session.login', { username: 'lan.nt', password: PASSWORD });
  const log = () => station.db.prepare('SELECT seq, action, hash FROM audit_log ORDER BY seq').all() as Array<{ seq: number; action: string; hash: string }>;
  return { station, call, status, save, login, log };
}

async function setUp(portalFactory?: SyncOptions['portalFactory']) {
  const sim = await startPortalSimulator({ port: 0, dataDir: tempDir('sim-audit-') });
  onTestFinished(() => sim.close());
  const dir = tempDir('station-audit-');
  const s = stationOn(dir, portalFactory);
  await s.call('portal.configure', { url: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret });
  await waitFor('the first number lease', () => (s.station.db.prepare('SELECT count(*) AS n FROM number_leases').get() as { n: number }).n > 0);
  await s.call('officers.createFirst', { username: 'lan.nt', fullName: 'Nguyễn Thị Lan', password: PASSWORD });
  return { sim, dir, ...s };
}

/** What the portal holds of this station's log, in order. */
function heldAt(sim: PortalSimulator): HeldEntry[] {
  return (sim.db.prepare('SELECT body FROM audit_entries ORDER BY station, seq').all() as Array<{ body: string }>).map((r) => JSON.parse(r.body) as HeldEntry);
}

const auditAnswers = (sim: PortalSimulator) => sim.stats().routes[AUDIT_ROUTE] ?? {};

/** The portal holds exactly the station's log: every entry once, in order, each the same. */
function expectSameLog(sim: PortalSimulator, log: ReadonlyArray<{ seq: number; action: string; hash: string }>): void {
  expect(heldAt(sim).map((e) => [e.Seq, e.HanhDong, e.MaBam])).toEqual(log.map((e) => [e.seq, e.action, e.hash]));
}

describe('the audit log through the sync worker', () => {
  it('sends the entries made by intake and logins to the portal in order, the dossiers going as well', async () => {
    const s = await setUp();
    await s.login();
    const first = await s.save('Nguyễn Văn An');
    await s.login();
    const second = await s.save('Trần Thị Bình');
    await waitFor('the log at the portal', async () => (await s.status()).auditPending === 0 && heldAt(s.sim).length === s.log().length);

    const log = s.log();
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(['officer.create', 'officer.login', 'dossier.receive']));
    expectSameLog(s.sim, log);
    // In order: each entry the portal holds follows the one before it.
    const held = heldAt(s.sim);
    for (const [i, e] of held.entries()) expect(e.MaBamTruoc).toBe(i === 0 ? '0'.repeat(64) : held[i - 1]!.MaBam);
    // The dossiers went too (the audit log never held them up).
    const dossiers = (await (await fetch(`${s.sim.url}/__sim/dossiers`)).json()) as { dossiers: Array<{ MaHoSo: string }> };
    expect(dossiers.dossiers.map((d) => d.MaHoSo).sort()).toEqual([first.code, second.code].sort());
    const status = await s.status();
    expect(status).toMatchObject({ auditPending: 0, auditProblem: null });
  });

  it('keeps the log while the portal is down and sends every entry exactly once when it is back', async () => {
    const s = await setUp();
    await waitFor('the first entries at the portal', async () => (await s.status()).auditPending === 0);
    const before = heldAt(s.sim).length;

    s.sim.faults.set({ dropBeforeCommit: 1 }); // the line to the province is down
    await s.login();
    await s.save('Lê Văn Cường');
    await s.login();
    await waitFor('the station to see the portal down', async () => (await s.status()).online === false);
    const down = await s.status();
    expect(down.auditPending).toBe(s.log().length - before);
    expect(down.auditPending).toBeGreaterThanOrEqual(3);
    expect(heldAt(s.sim)).toHaveLength(before);

    // Back, but failing at first: the portal errs three times on the log (the worker backs off and tries again).
    s.sim.faults.set({ force: [{ method: 'POST', path: '/agencies/*/audit-batches', status: 503, times: 3 }] });
    await waitFor('the cursor to reach the end', async () => (await s.status()).auditPending === 0);
    expect(auditAnswers(s.sim)['503']).toBe(3);

    expectSameLog(s.sim, s.log());
    expect(await s.status()).toMatchObject({ online: true, auditProblem: null });
  });

  it('sends a batch again when the portal kept it but its answer was lost, and the portal holds it once', async () => {
    // The real portal over HTTP; only the answers of the first two audit batches are thrown away
    // on the station's side, as a connection cut after the portal committed would.
    let lose = 0;
    const lostAnswers = (credentials: Parameters<NonNullable<SyncOptions['portalFactory']>>[0]): PortalAdapter => {
      const real = new HttpPortal({ baseUrl: credentials.url, clientId: credentials.clientId, clientSecret: credentials.clientSecret });
      return Object.assign(Object.create(real) as HttpPortal, {
        sendAuditBatch: async (agency: string, body: unknown) => {
          const answer = await real.sendAuditBatch(agency, body);
          return lose-- > 0 ? { kind: 'transient', reason: 'socket hang up' } as const : answer;
        },
      });
    };
    const s = await setUp(lostAnswers);
    await waitFor('the first entries at the portal', async () => (await s.status()).auditPending === 0);
    lose = 2;
    await s.login();
    await s.save('Vũ Thị Giang');
    await waitFor('the cursor to reach the end', async () => (await s.status()).auditPending === 0);
    expect(lose).toBeLessThan(0); // both answers were lost, and the batch went a third time
    expectSameLog(s.sim, s.log());
  });

  it('keeps its cursor across a restart: only what the portal has not acknowledged goes after it', async () => {
    const s = await setUp();
    await s.login();
    await s.save('Phạm Văn Dũng');
    await waitFor('the log at the portal', async () => (await s.status()).auditPending === 0);
    const acknowledged = heldAt(s.sim).length;
    const batchesBefore = auditAnswers(s.sim)['200'] ?? 0;
    await s.station.close();

    s.sim.faults.set({ dropBeforeCommit: 1 }); // restarted while the portal is unreachable
    const again = stationOn(s.dir);
    await again.login();
    await again.login();
    await waitFor('the reopened station to see the portal down', async () => (await again.status()).online === false);
    // Only the two logins wait: the entries sent before the restart are not counted again.
    expect((await again.status()).auditPending).toBe(again.log().length - acknowledged);
    expect(again.log().length - acknowledged).toBe(2);

    s.sim.faults.reset();
    await waitFor('the logins at the portal', async () => (await again.status()).auditPending === 0);
    expectSameLog(s.sim, again.log());
    // One batch, following the entry acknowledged before the restart (a batch from the start would be a second one).
    expect((auditAnswers(s.sim)['200'] ?? 0) - batchesBefore).toBe(1);
  });

  it('sends the log again from where the portal stands when the portal lost it (a gap)', async () => {
    const s = await setUp();
    await s.login();
    await waitFor('the log at the portal', async () => (await s.status()).auditPending === 0);
    s.sim.db.prepare('DELETE FROM audit_entries').run(); // the portal restored from an older backup
    await s.login();
    await waitFor('the whole log at the portal again', () => heldAt(s.sim).length === s.log().length);
    await waitFor('the cursor to reach the end', async () => (await s.status()).auditPending === 0);
    expectSameLog(s.sim, s.log());
    expect(auditAnswers(s.sim)['409']).toBe(1);
  });

  it('is refused as a fork when entries the portal holds were rewritten on the PC, and the status says so in Vietnamese', async () => {
    const s = await setUp();
    await s.login();
    await s.save('Hoàng Thị Em');
    await waitFor('the log at the portal', async () => (await s.status()).auditPending === 0);
    const heldBefore = heldAt(s.sim);

    // A forger changes who made entry 2 and re-hashes it and every later entry, guards restored,
    // so the chain on the PC still holds together.
    const db = s.station.db;
    db.exec('DROP TRIGGER audit_log_no_update');
    const rows = db.prepare('SELECT seq, at, officer_id AS officerId, action, dossier_id AS dossierId, before, after, prev_hash AS prevHash FROM audit_log WHERE seq >= 2 ORDER BY seq').all() as Array<Omit<AuditEntry, 'hash'>>;
    let prev = rows[0]!.prevHash;
    for (const row of rows) {
      const e = { ...row, officerId: row.seq === 2 ? 'nguoi-khac' : row.officerId, prevHash: prev };
      prev = auditEntryHash(e);
      db.prepare('UPDATE audit_log SET officer_id = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(e.officerId, e.prevHash, prev, e.seq);
    }
    db.exec("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: an entry is never changed'); END;");

    await s.login(); // a new entry, chained to the forged ones, goes to the portal
    await waitFor('the refusal in the sync status', async () => (await s.status()).auditProblem !== null);
    const status = await s.status();
    expect(status.auditProblem).toMatchObject({ code: 'AUDIT_CHAIN_FORK', seq: heldBefore.length });
    expect(status.auditProblem?.message).toContain('Nhật ký thao tác trên máy trạm khác với bản cổng dịch vụ công đã nhận');
    expect(status.auditProblem?.message).toContain('báo ngay cán bộ CNTT');
    expect(status.auditPending).toBe(1);
    // The portal kept its copy as it was.
    expect(heldAt(s.sim)).toEqual(heldBefore);

    // Never retried: dossiers keep going, the log does not.
    const later = await s.save('Đỗ Văn Phúc');
    await waitFor('the next dossier at the portal', async () => {
      const info = await s.call<{ state: string }>('dossier.syncInfo', { code: later.code });
      return info.state === 'synced';
    });
    expect(auditAnswers(s.sim)['409']).toBe(1);
    expect(heldAt(s.sim)).toEqual(heldBefore);

    // Still told after a restart, without asking the portal again.
    await s.station.close();
    const again = stationOn(s.dir);
    const reopened = await again.status();
    expect(reopened.auditProblem).toMatchObject({ code: 'AUDIT_CHAIN_FORK' });
    expect(reopened.auditProblem?.message).toContain('cán bộ CNTT');
  });

  it('is refused when an entry not sent yet was edited in place, and the status says what to do', async () => {
    const s = await setUp();
    await waitFor('the log at the portal', async () => (await s.status()).auditPending === 0);
    s.sim.faults.set({ dropBeforeCommit: 1 });
    await s.login();
    await waitFor('the station to see the portal down', async () => (await s.status()).online === false);
    const db = s.station.db;
    const last = s.log().at(-1)!.seq;
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET after = '{\"ghiChu\":\"sửa tay\"}' WHERE seq = ?").run(last);
    s.sim.faults.reset();
    await waitFor('the refusal in the sync status', async () => (await s.status()).auditProblem !== null);
    const status = await s.status();
    expect(status.auditProblem).toMatchObject({ code: 'AUDIT_HASH_MISMATCH', seq: null });
    expect(status.auditProblem?.message).toContain('Cổng dịch vụ công từ chối nhật ký thao tác của trạm');
    expect(status.auditProblem?.message).toContain('npm run audit-verify');
    expect(heldAt(s.sim).map((e) => e.Seq)).not.toContain(last);
  });
});

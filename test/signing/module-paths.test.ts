import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelOutput } from '../../main/contract/channels';
import { verifyAuditChain } from '../../main/storage/audit-log';
import { openTestStation, type TestStation } from '../helpers/station';
import { SOFTHSM_MODULE, softHsmRig } from '../hardware/tokens/softhsm-rig';
import { FIXED_NOW } from '../helpers/station';

// "Module paths only from the known-module table or a technician-confirmed path, and loaded in a
// separate process": a library the technician adds must be an absolute path to a regular file
// that no other account can swap, and it is tried in a child process before the station keeps
// it — a library whose constructor exits takes the child down, not the station. Every change of
// libraries or trusted roots is audited with before and after; only a technician may make one.

type Status = ChannelOutput<'signing.status'>;
const rig = softHsmRig({ now: FIXED_NOW });
let dir: string;
let crashing: string | undefined;
let notPkcs11: string | undefined;
// No C compiler on this machine: the test that needs one is skipped (decided before the tests are collected).
const hasCompiler = (() => { try { execFileSync('cc', ['--version'], { stdio: 'pipe' }); return true; } catch { return false; } })();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'module-paths-'));
  const build = (name: string, source: string) => {
    const c = join(dir, `${name}.c`);
    writeFileSync(c, source);
    const so = join(dir, `${name}.so`);
    execFileSync('cc', ['-shared', '-fPIC', '-o', so, c], { stdio: 'pipe' });
    chmodSync(so, 0o755);
    return so;
  };
  if (hasCompiler) {
    // The constructor runs at dlopen, before any PKCS#11 call: in the station's own process it would end the station.
    crashing = build('libexit3', '#include <unistd.h>\n__attribute__((constructor)) static void boom(void) { _exit(3); }\n');
    notPkcs11 = build('libplain', 'int plain_function(void) { return 42; }\n');
  }
});
afterAll(() => { rmSync(dir, { recursive: true, force: true }); rig.remove(); });

const settingsOf = (station: TestStation) => station.db.prepare("SELECT value FROM settings WHERE key = 'signing'").get() as { value: string } | undefined;
const audits = (station: TestStation, action: string) =>
  (station.db.prepare('SELECT before, after, officer_id FROM audit_log WHERE action = ? ORDER BY seq').all(action) as Array<{ before: string | null; after: string | null; officer_id: string }>)
    .map((r) => ({ officer: r.officer_id, before: r.before && JSON.parse(r.before) as unknown, after: r.after && JSON.parse(r.after) as unknown }));

/** A copy of SoftHSM (a real PKCS#11 library) in a folder of its own, with the modes given. */
function softHsmCopy(name: string, fileMode: number, folderMode = 0o755): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'libsofthsm2-copy.so');
  copyFileSync(SOFTHSM_MODULE, file);
  chmodSync(file, fileMode);
  chmodSync(folder, folderMode);
  return file;
}

describe('a PKCS#11 library added by the technician', () => {
  it('refuses a relative path, a missing file and a folder, changing nothing', async () => {
    const station = openTestStation();
    await station.call('signing.settings', { enabled: true });
    const before = settingsOf(station);
    expect((await station.refused('signing.settings', { modulePaths: ['khong phai duong dan'] })).code).toBe('VALIDATION');
    const relative = await station.refused('signing.settings', { modulePaths: ['vnptca_p11_v8.dll'] }); // a bare DLL name: System32 is for the known table
    expect(relative).toMatchObject({ code: 'MODULE_PATH_NOT_ABSOLUTE', field: 'modulePaths' });
    const absent = await station.refused('signing.settings', { modulePaths: ['/opt/vnpt-ca/lib/libvnptca_p11_v8.so'] });
    expect(absent.code).toBe('MODULE_PATH_ABSENT');
    expect(absent.message).toContain('Chưa có gì thay đổi');
    expect((await station.refused('signing.settings', { modulePaths: [dir] })).code).toBe('MODULE_PATH_NOT_FILE');
    expect(settingsOf(station)).toEqual(before);
    expect(audits(station, 'signing.modules_change')).toEqual([]);
    await station.close();
  });

  it('refuses a library any account can modify, or whose folder any account can write to', async () => {
    const station = openTestStation();
    const writable = await station.refused('signing.settings', { modulePaths: [softHsmCopy('open-file', 0o777)] });
    expect(writable.code).toBe('MODULE_PATH_WRITABLE');
    expect(writable.message).toMatch(/mọi tài khoản trên máy đều sửa được tệp này/);
    const inOpenFolder = softHsmCopy('open-folder', 0o755, 0o777);
    expect((await station.refused('signing.settings', { modulePaths: [inOpenFolder] })).code).toBe('MODULE_FOLDER_WRITABLE');
    chmodSync(join(dir, 'open-folder'), 0o755);
    expect(settingsOf(station)?.value ?? '{}').not.toContain('open-');
    await station.close();
  });

  it.skipIf(!hasCompiler)('a library whose constructor calls _exit(3): refused, and the station goes on', async () => {
    const station = openTestStation();
    const refused = await station.refused('signing.settings', { modulePaths: [crashing!] });
    expect(refused).toMatchObject({ code: 'MODULE_PROBE_CRASHED', params: { detail: 'exit 3' } });
    expect(refused.message).toContain('làm sập tiến trình thử nạp');
    // Still here: the station answers, and the library is nowhere in its settings.
    const status = await station.call('signing.status', {});
    expect(status.ok).toBe(true);
    expect((status as { value: Status }).value.settings.modulePaths).toEqual([]);
    const plain = await station.refused('signing.settings', { modulePaths: [notPkcs11!] });
    expect(plain.code).toBe('MODULE_PROBE_FAILED');
    expect(plain.message).toContain('C_GetFunctionList');
    await station.close();
  });

  it('keeps a sound library after trying it, audited with before and after; only a technician may', async () => {
    const station = openTestStation();
    const good = softHsmCopy('sound', 0o755);
    const set = await station.call('signing.settings', { modulePaths: [good], disabledModules: ['softhsm'] });
    expect(set.ok).toBe(true);
    const added = (set as { value: Status }).value.modules.find((m) => m.origin === 'added')!;
    expect(added).toMatchObject({ path: good, state: 'loaded' });
    expect(audits(station, 'signing.modules_change')).toEqual([{
      officer: 'test-officer',
      before: { modulePaths: [], disabledModules: [] },
      after: { modulePaths: [good], disabledModules: ['softhsm'] },
    }]);
    // The same settings again: no change, no entry.
    await station.call('signing.settings', { modulePaths: [good] });
    expect(audits(station, 'signing.modules_change')).toHaveLength(1);

    const reception = station.sessions.open({ id: 'can-bo-mot-cua', name: 'Cán bộ một cửa', roles: ['reception'] }).id;
    const forbidden = await station.dispatch('signing.settings', { modulePaths: [] }, reception);
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'ROLE_FORBIDDEN' } });
    expect(JSON.parse(settingsOf(station)!.value).modulePaths).toEqual([good]);
    expect(verifyAuditChain(station.db).ok).toBe(true);
    await station.close();
  });

  it('a library swapped or opened up after it was added is tried again at the next start and kept out', async () => {
    const station = openTestStation();
    const good = softHsmCopy('later-opened', 0o755);
    expect((await station.call('signing.settings', { modulePaths: [good], disabledModules: ['softhsm'] })).ok).toBe(true);
    await station.close();
    chmodSync(good, 0o777); // any account could now replace it
    const next = openTestStation({ dir: station.dir });
    const status = await next.call('signing.status', {});
    const added = (status as { value: Status }).value.modules.find((m) => m.origin === 'added')!;
    expect(added).toMatchObject({ path: good, state: 'unavailable', detail: 'MODULE_PATH_WRITABLE' });
    expect(added.explanation).toMatch(/mọi tài khoản trên máy đều sửa được tệp này/);
    // Fixed by the technician: a rescan tries it again and it loads.
    chmodSync(good, 0o755);
    const rescanned = await next.call('signing.rescan', {});
    expect((rescanned as { value: Status }).value.modules.find((m) => m.origin === 'added')).toMatchObject({ path: good, state: 'loaded' });
    await next.close();
  });

  it('audits trusting a root and no longer trusting it; a reception officer may do neither', async () => {
    const station = openTestStation();
    const reception = station.sessions.open({ id: 'can-bo-mot-cua', name: 'Cán bộ một cửa', roles: ['reception'] }).id;
    expect(await station.dispatch('signing.settings', { addTrustedRoot: rig.ca.certPem }, reception)).toMatchObject({ ok: false, error: { code: 'ROLE_FORBIDDEN' } });
    expect(audits(station, 'signing.trust_add')).toEqual([]);

    const added = await station.call('signing.settings', { addTrustedRoot: rig.ca.certPem });
    const root = (added as { value: Status }).value.trustedRoots[0]!;
    expect(audits(station, 'signing.trust_add')).toEqual([{ officer: 'test-officer', before: null, after: { fingerprint: root.fingerprint, name: expect.stringContaining('CA Thử nghiệm') } }]);
    await station.call('signing.settings', { removeTrustedRoot: root.fingerprint });
    expect(audits(station, 'signing.trust_remove')).toEqual([{ officer: 'test-officer', before: { fingerprint: root.fingerprint, name: root.name }, after: null }]);
    expect(verifyAuditChain(station.db).ok).toBe(true);
    await station.close();
  });
});

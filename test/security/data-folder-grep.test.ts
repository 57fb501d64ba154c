import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { ChannelOutput } from '../../main/contract/channels';
import type { ScanSessionView } from '../../main/contract/scanning-channels';
import { fingerprintOf } from '../../main/signing/certificate';
import { FIXED_NOW } from '../helpers/station';
import { idNumberFor } from '../helpers/people';
import { saneTestConfig } from '../hardware/scanners/sane-rig';
import { OFFICER_PIN, softHsmRig, type Identity } from '../hardware/tokens/softhsm-rig';
import { scanningStation } from '../scanning/helpers';

// Someone copies the data folder off the counter PC (a backup left on a USB stick, a PC sent
// for repair): does any file give away a citizen's identity number or phone, or the portal's
// secret? A working day on an encrypted station — a dossier received with CCCD and phone, the
// portal's credentials set, the slip signed with the officer's token, a document scanned —
// then every file of the data folder (the database, its -wal and -shm, the key file, scans,
// signed PDFs, anything else) is searched for them, in UTF-8 and in UTF-16: nothing in clear.

type Status = ChannelOutput<'signing.status'>;
const rig = softHsmRig({ now: FIXED_NOW });
let officer: Identity;
let saneDir: string;
let restoreSane: () => void;

beforeAll(() => {
  saneDir = mkdtempSync(join(tmpdir(), 'grep-sane-'));
  restoreSane = saneTestConfig(saneDir);
  rig.createToken('Token Cán Bộ');
  officer = rig.ca.issue({ subject: '/C=VN/O=UBND xã Tiên Du/CN=Nguyễn Văn An' });
  rig.load('Token Cán Bộ', officer);
});
afterAll(() => {
  restoreSane();
  rmSync(saneDir, { recursive: true, force: true });
  rig.remove();
});

const BIRTH = '1987-09-02';
const CCCD = idNumberFor(BIRTH, 'female');
const PHONE = '0987123456';
const PORTAL_SECRET = 'Bi-mat-cong-tinh-7Hq2xZ';

/** Every file under `dir`, with its bytes. */
function filesUnder(dir: string): Array<{ path: string; bytes: Buffer }> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

/** The files that hold any of the secrets in clear, as "file: what". */
function leaks(dir: string, secrets: Readonly<Record<string, string>>): string[] {
  const needles = Object.entries(secrets).flatMap(([what, value]) => [
    { what: `${what} (UTF-8)`, bytes: Buffer.from(value, 'utf8') },
    { what: `${what} (UTF-16LE)`, bytes: Buffer.from(value, 'utf16le') },
    { what: `${what} (UTF-16BE)`, bytes: Buffer.from(value, 'utf16le').swap16() },
  ]);
  return filesUnder(dir).flatMap(({ path, bytes }) => needles.filter((n) => bytes.includes(n.bytes)).map((n) => `${relative(dir, path)}: ${n.what}`));
}

describe('the data folder of an encrypted station after a working day', () => {
  it('holds no CCCD, phone or portal secret in clear in any file', { timeout: 120_000 }, async () => {
    const s = await scanningStation({ profile: { source: 'flatbed', mode: 'gray', resolution: 75, pageSize: 'A5' } });
    const draft = await s.validDraft({ owner: { fullName: 'Trịnh Thị Thu Hà', idNumber: CCCD, birthDate: BIRTH, phone: PHONE } });
    const dossier = await s.save(draft);
    expect(dossier.owner).toMatchObject({ idNumber: CCCD, phone: PHONE });
    // Found again by the phone and the number: the search keys exist, just not in clear on disk.
    expect(await s.ok<unknown[]>('dossier.search', { query: PHONE, limit: 5 })).toHaveLength(1);

    await s.ok('portal.configure', { url: 'http://127.0.0.1:9/', clientId: 'tien-du-mot-cua', clientSecret: PORTAL_SECRET });
    expect(await s.ok('portal.settings', {})).toMatchObject({ hasSecret: true });

    const status = await s.ok<Status>('signing.settings', { enabled: true, addTrustedRoot: rig.ca.certPem });
    const token = status.tokens.find((t) => t.label === 'Token Cán Bộ')!;
    const signed = await s.ok<{ file: { id: number } }>('signing.signSlip', { code: dossier.code, tokenRef: token.ref, certificate: fingerprintOf(officer.certDer), pin: OFFICER_PIN });
    expect(signed.file.id).toBeGreaterThan(0);

    const session = await s.ok<ScanSessionView>('scan.open', { target: { kind: 'document', dossierCode: dossier.code, documentCode: dossier.documents[0]!.code } });
    await s.scan(session.sessionId);
    await s.saveScan(session.sessionId);

    const kinds = (s.db.prepare('SELECT kind FROM dossier_files ORDER BY id').all() as Array<{ kind: string }>).map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['signed-slip', 'scan']));
    const secrets = { CCCD, 'số điện thoại': PHONE, 'mật khẩu cổng': PORTAL_SECRET };

    // While the station runs (the WAL holds the day's writes)…
    const files = filesUnder(s.dir).map((f) => relative(s.dir, f.path));
    expect(files).toEqual(expect.arrayContaining(['station.sqlite3', 'station.sqlite3-wal']));
    expect(files.some((f) => f.endsWith('.pdf') && f.startsWith('signed'))).toBe(true);
    expect(leaks(s.dir, secrets)).toEqual([]);
    // …and once it has closed (the WAL written back into the database).
    const dir = s.dir;
    await s.close();
    expect(leaks(dir, secrets)).toEqual([]);

    // The search would find them if they were there: the same bytes planted in a file are reported.
    const control = mkdtempSync(join(tmpdir(), 'grep-control-'));
    try {
      writeFileSync(join(control, 'utf16.txt'), Buffer.from(`x${PHONE}y`, 'utf16le'));
      writeFileSync(join(control, 'plain.txt'), `${CCCD};${PORTAL_SECRET}`);
      // (UTF-16 text is found in either byte order: its bytes shifted by one are the other order's.)
      expect(leaks(control, secrets)).toEqual(expect.arrayContaining(['plain.txt: CCCD (UTF-8)', 'plain.txt: mật khẩu cổng (UTF-8)', 'utf16.txt: số điện thoại (UTF-16LE)']));
    } finally {
      rmSync(control, { recursive: true, force: true });
    }
  });
});

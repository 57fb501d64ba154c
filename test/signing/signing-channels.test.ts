import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelOutput } from '../../main/contract/channels';
import { SIGNED_FOLDER } from '../../main/signing/signing-feature';
import { FIXED_NOW, openTestStation, VIETNAMESE_TEXT, type TestStation } from '../helpers/station';
import { OFFICER_PIN, SOFTHSM_MODULE, softHsmRig, type Identity } from '../hardware/tokens/softhsm-rig';
import { fingerprintOf } from '../../main/signing/certificate';
import { pdfsig } from './pdfsig';

// Signing through the contract, as the renderer does it: status, settings, PIN state, signing
// a dossier's slip (stored for the sync), verifying stored and imported PDFs.

type Status = ChannelOutput<'signing.status'>;
type Signed = ChannelOutput<'signing.signSlip'>;

const rig = softHsmRig({ now: FIXED_NOW }); // the test stations' clock
let an: Identity;
let old: Identity;
let encryption: Identity;

beforeAll(() => {
  rig.createToken('Token An');
  an = rig.ca.issue({ subject: '/C=VN/L=Bắc Ninh/O=UBND xã Tiên Du/CN=Nguyễn Văn An/UID=CCCD:001090012345' });
  rig.load('Token An', an);
  rig.createToken('Token Cũ');
  old = rig.ca.issue({ subject: '/C=VN/CN=Lê Văn Cũ', startDate: '20200101000000Z', endDate: '20230101000000Z' });
  rig.load('Token Cũ', old);
  encryption = rig.ca.issue({ subject: '/C=VN/CN=Chỉ Mã Hóa', keyUsage: 'critical,keyEncipherment' });
  rig.load('Token Cũ', encryption);
});
afterAll(() => rig.remove());

async function ok<T>(station: TestStation, channel: string, payload: unknown): Promise<T> {
  const answer = await station.call(channel, payload);
  if (!answer.ok) throw new Error(`${channel} refused: ${JSON.stringify(answer.error)}`);
  return answer.value as T;
}

async function enabledStation(settings: Record<string, unknown> = {}): Promise<{ station: TestStation; code: string; status: Status }> {
  const station = openTestStation();
  const status = await ok<Status>(station, 'signing.settings', { enabled: true, ...settings });
  const dossier = await station.save(await station.validDraft({ owner: { fullName: 'Nguyễn Thị Thuỷ Tiên' } }));
  return { station, code: dossier.code, status };
}

const tokenOf = (status: Status, label: string) => status.tokens.find((t) => t.label === label)!;
const signedFiles = (station: TestStation) => (station.db.prepare("SELECT count(*) AS n FROM dossier_files WHERE kind = 'signed-slip'").get() as { n: number }).n;
const folderFiles = (station: TestStation) => (existsSync(join(station.dir, SIGNED_FOLDER)) ? readdirSync(join(station.dir, SIGNED_FOLDER), { recursive: true }).filter((f) => String(f).endsWith('.pdf')) : []);

describe('the signing status', () => {
  it('lists the modules loaded and not (with the reason in Vietnamese), the tokens and their signing certificates', async () => {
    const { station, status } = await enabledStation();
    expect(status.settings.enabled).toBe(true);
    const softhsm = status.modules.find((m) => m.id === 'softhsm')!;
    expect(softhsm.state).toBe('loaded');
    const vnpt = status.modules.find((m) => m.id === 'feitian-epass2003' || m.id === 'safenet-etoken')!;
    expect(vnpt).toMatchObject({ state: 'unavailable', failure: 'absent' });
    expect(vnpt.explanation).toMatch(VIETNAMESE_TEXT);
    const token = tokenOf(status, 'Token An');
    expect(token.certificates.map((c) => c.holderName)).toEqual(['Nguyễn Văn An']); // the CA certificate on the token is left out
    expect(token.certificates[0]).toMatchObject({ organisation: 'UBND xã Tiên Du', identifiers: [{ kind: 'CCCD', value: '001090012345' }], canSign: true });
    const oldToken = tokenOf(status, 'Token Cũ');
    expect(Object.fromEntries(oldToken.certificates.map((c) => [c.holderName, c.warnings]))).toEqual({ 'Lê Văn Cũ': ['expired'], 'Chỉ Mã Hóa': ['no_signing_usage'] });
    expect(status.usb.events === false ? status.usb.reason : 'events').toBeTruthy();
    // Without hot-plug events the officer reads what it means, not node-usb's error.
    if (!status.usb.events) expect(status.usb.explanation).toMatch(VIETNAMESE_TEXT);
    else expect(status.usb.explanation).toBeUndefined();
    await station.close();
  });

  it('adds a module path and reports why it failed; refuses a path that is not a library', async () => {
    const { station } = await enabledStation();
    // A path must name a library present now (test/signing/module-paths.test.ts has the other refusals)…
    expect((await station.refused('signing.settings', { modulePaths: ['/opt/vnpt-ca/lib/libvnptca_p11_v8.so'] })).code).toBe('MODULE_PATH_ABSENT');
    // …and one that goes away later (the vendor's software uninstalled) is reported, not silently dropped.
    const folder = mkdtempSync(join(tmpdir(), 'vnpt-ca-'));
    const library = join(folder, 'libvnptca_p11_v8.so');
    copyFileSync(SOFTHSM_MODULE, library);
    await ok<Status>(station, 'signing.settings', { modulePaths: [library] });
    rmSync(folder, { recursive: true, force: true });
    await station.close(); // the token worker stopped before the next start of the station
    const reopened = openTestStation({ dir: station.dir });
    const status = await ok<Status>(reopened, 'signing.status', {});
    const added = status.modules.find((m) => m.origin === 'added')!;
    expect(added).toMatchObject({ path: library, state: 'unavailable', failure: 'absent' });
    expect(status.settings.modulePaths).toEqual([library]);
    const refused = await reopened.refused('signing.settings', { modulePaths: ['khong phai duong dan'] });
    expect(refused.code).toBe('VALIDATION');
    await reopened.close();
  });
});

describe('signing a slip', () => {
  it('is refused while the agency has not turned signing on, and the unsigned slip still prints', async () => {
    const station = openTestStation();
    const dossier = await station.save(await station.validDraft());
    const refused = await station.refused('signing.signSlip', { code: dossier.code, tokenRef: 'softhsm:x', certificate: 'a'.repeat(64), pin: OFFICER_PIN });
    expect(refused.code).toBe('SIGNING_DISABLED');
    expect((await station.call('slip.pdf', { code: dossier.code })).ok).toBe(true);
  });

  it('signs, stores the file for the sync with its outbox entry, and answers the verification', async () => {
    const { station, code, status } = await enabledStation();
    const token = tokenOf(status, 'Token An');
    const signed = await ok<Signed>(station, 'signing.signSlip', { code, tokenRef: token.ref, certificate: token.certificates[0]!.fingerprint, pin: OFFICER_PIN });
    expect(signed.verification.overall).toBe('unknown_signer'); // nothing trusted yet on this station
    expect(signed.verification.signatures[0]).toMatchObject({ signerName: 'Nguyễn Văn An' });

    const row = station.db.prepare("SELECT f.id, f.path, f.size, f.sha256, f.mime, o.kind AS outboxKind FROM dossier_files f JOIN outbox o ON o.dossier_file_id = f.id WHERE f.kind = 'signed-slip'").get() as
      { id: number; path: string; size: number; sha256: string; mime: string; outboxKind: string };
    expect(row).toMatchObject({ id: signed.file.id, mime: 'application/pdf', outboxKind: 'file.upload', size: signed.file.bytes, sha256: signed.file.sha256 });
    const onDisk = readFileSync(row.path);
    expect(row.path.startsWith(join(station.dir, SIGNED_FOLDER))).toBe(true);
    expect(createHash('sha256').update(onDisk).digest('hex')).toBe(row.sha256);
    expect(onDisk.equals(Buffer.from(signed.base64, 'base64'))).toBe(true);
    expect(pdfsig(onDisk)[0]).toMatchObject({ valid: true, wholeDocument: true, commonName: 'Nguyễn Văn An' });
    expect(signed.file).toMatchObject({ dossierCode: code, kind: 'signed-slip', uploaded: false, signedAt: '2026-11-23T09:32:00+07:00' });
    expect(await ok(station, 'signing.files', { code })).toEqual([signed.file]);

    // The technician trusts the CA: the same stored file now verifies as valid.
    const trusted = await ok<Status>(station, 'signing.settings', { addTrustedRoot: rig.ca.certPem });
    expect(trusted.trustedRoots).toEqual([expect.objectContaining({ name: 'CA Thử nghiệm Trạm một cửa', source: 'settings' })]);
    const report = await ok<Signed['verification']>(station, 'signing.verify', { id: signed.file.id });
    expect(report).toMatchObject({ overall: 'valid', summary: 'Hợp lệ' });
    // And an imported copy with one byte changed is not.
    const changed = Buffer.from(onDisk);
    changed[1200] = changed[1200]! ^ 0x20;
    const imported = await ok<Signed['verification']>(station, 'signing.verify', { fileName: 'giay-hen.pdf', base64: changed.toString('base64') });
    expect(imported.overall).toBe('invalid');
    expect(imported.summary).toMatch(/^Không hợp lệ: /);
    // The certificate used is preselected next time.
    expect((await ok<Status>(station, 'signing.status', {})).settings.preferredCertificate).toBe(fingerprintOf(an.certDer));
    await station.close();
  });

  it('a wrong PIN: the Vietnamese message, the PIN state read afresh, nothing stored, the PIN never echoed', async () => {
    const { station, code, status } = await enabledStation();
    const token = tokenOf(status, 'Token An');
    const refused = await station.refused('signing.signSlip', { code, tokenRef: token.ref, certificate: token.certificates[0]!.fingerprint, pin: '97531864' });
    expect(refused).toMatchObject({ code: 'PIN_INCORRECT', field: 'pin', message: 'Mã PIN không đúng. Hãy nhập lại cẩn thận.' });
    expect(JSON.stringify(refused)).not.toContain('97531864');
    expect(await ok(station, 'signing.pinState', { tokenRef: token.ref })).toMatchObject({ countLow: true, locked: false });
    expect(signedFiles(station)).toBe(0);
    expect(folderFiles(station)).toEqual([]);
    const badFormat = await station.refused('signing.signSlip', { code, tokenRef: token.ref, certificate: token.certificates[0]!.fingerprint, pin: 'mật khẩu có dấu' });
    expect(badFormat.code).toBe('VALIDATION');
    expect(JSON.stringify(badFormat)).not.toContain('mật khẩu');
    await ok(station, 'signing.signSlip', { code, tokenRef: token.ref, certificate: token.certificates[0]!.fingerprint, pin: OFFICER_PIN });
    expect(await ok(station, 'signing.pinState', { tokenRef: token.ref })).toMatchObject({ countLow: false });
    await station.close();
  });

  it('refuses an expired certificate and a key without signing usage, storing nothing', async () => {
    const { station, code, status } = await enabledStation();
    const token = tokenOf(status, 'Token Cũ');
    const expired = await station.refused('signing.signSlip', { code, tokenRef: token.ref, certificate: fingerprintOf(old.certDer), pin: OFFICER_PIN });
    expect(expired.code).toBe('CERTIFICATE_EXPIRED');
    expect(expired.message).toBe('Chứng thư số của Lê Văn Cũ đã hết hạn ngày 01/01/2023: không thể ký. Liên hệ CA Thử nghiệm Trạm một cửa để gia hạn.');
    const usage = await station.refused('signing.signSlip', { code, tokenRef: token.ref, certificate: fingerprintOf(encryption.certDer), pin: OFFICER_PIN });
    expect(usage.code).toBe('CERTIFICATE_NO_SIGNING_USAGE');
    expect(signedFiles(station)).toBe(0);
    await station.close();
  });
});

describe('a token with few PIN tries (rig module added by the technician)', () => {
  it('asks to confirm the final try, signs after confirmation, and refuses a locked token', async () => {
    rig.createToken('Token Ba Lần');
    rig.load('Token Ba Lần', an);
    const shim = rig.pinLimitModule(3);
    // SoftHSM itself switched off, so the token is seen through the rig module only.
    const { station, code, status } = await enabledStation({ modulePaths: [shim], disabledModules: ['softhsm'] });
    const token = tokenOf(status, 'Token Ba Lần');
    const sign = (pin: string, confirmFinalTry = false) => ({ code, tokenRef: token.ref, certificate: token.certificates[0]!.fingerprint, pin, confirmFinalTry });

    expect((await station.refused('signing.signSlip', sign('11111111'))).code).toBe('PIN_INCORRECT');
    const second = await station.refused('signing.signSlip', sign('22222222'));
    expect(second).toMatchObject({ code: 'PIN_INCORRECT_FINAL_TRY' });
    expect(second.message).toContain('Chỉ còn 1 lần thử');
    expect(await ok(station, 'signing.pinState', { tokenRef: token.ref })).toMatchObject({ finalTry: true, locked: false });
    // Even the right PIN is not sent without the officer's confirmation.
    expect((await station.refused('signing.signSlip', sign(OFFICER_PIN))).code).toBe('PIN_FINAL_TRY_UNCONFIRMED');
    const signed = await ok<Signed>(station, 'signing.signSlip', sign(OFFICER_PIN, true));
    expect(signed.verification.signatures[0]!.signerName).toBe('Nguyễn Văn An');
    expect(await ok(station, 'signing.pinState', { tokenRef: token.ref })).toMatchObject({ countLow: false, finalTry: false });

    for (const pin of ['1', '2', '3'].map((d) => d.repeat(8))) await station.refused('signing.signSlip', sign(pin, true));
    expect(await ok(station, 'signing.pinState', { tokenRef: token.ref })).toMatchObject({ locked: true });
    const locked = await station.refused('signing.signSlip', sign(OFFICER_PIN, true));
    expect(locked.code).toBe('PIN_LOCKED');
    expect(locked.message).toContain('CA Thử nghiệm Trạm một cửa');
    expect(signedFiles(station)).toBe(1);
    await station.close();
  });

  it('a token pulled out while the officer is logging in: a clear message, no file and no record', async () => {
    rig.createToken('Token Chậm');
    rig.load('Token Chậm', an);
    const { station, code, status } = await enabledStation({ modulePaths: [rig.pinLimitModule(10)], disabledModules: ['softhsm'] });
    const token = tokenOf(status, 'Token Chậm');
    process.env.PIN_SHIM_LOGIN_DELAY_MS = '500';
    try {
      const pending = station.call('signing.signSlip', { code, tokenRef: token.ref, certificate: token.certificates[0]!.fingerprint, pin: OFFICER_PIN });
      await new Promise((r) => setTimeout(r, 200));
      rig.deleteToken('Token Chậm');
      const answer = await pending;
      expect(answer.ok).toBe(false);
      if (!answer.ok) {
        expect(answer.error.code).toBe('TOKEN_REMOVED');
        expect(answer.error.message).toContain('chưa có tệp nào được ghi');
      }
    } finally {
      delete process.env.PIN_SHIM_LOGIN_DELAY_MS;
    }
    expect(signedFiles(station)).toBe(0);
    expect(folderFiles(station)).toEqual([]);
    await station.close();
  });
});

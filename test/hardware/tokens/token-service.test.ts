import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createVerify } from 'node:crypto';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTokenService } from '../../../hardware/tokens/token-service';
import { TokenError, type ModuleSpec, type TokenEvent, type TokenService } from '../../../hardware/tokens/token';
import { noUsbEvents, type UsbDeviceEvent, type UsbEventSource } from '../../../hardware/tokens/usb-watch';
import { OFFICER_PIN, SOFTHSM_MODULE, softHsmRig, type Identity } from './softhsm-rig';
import { FIXED_NOW } from '../../helpers/station';

// The token layer against real PKCS#11 modules: SoftHSM2 tokens made by the rig, and the
// rig's PIN-counting module in front of SoftHSM for what SoftHSM itself does not do (tries).

const rig = softHsmRig({ now: FIXED_NOW });
const softhsm: ModuleSpec = { id: 'softhsm', vendor: 'SoftHSM2', path: SOFTHSM_MODULE, origin: 'known' };
let an: Identity;
let binh: Identity;
const services: TokenService[] = [];

function start(modules: readonly ModuleSpec[], options: { pollMs?: number; usbEvents?: UsbEventSource } = {}): TokenService {
  const s = startTokenService({ modules, usbEvents: options.usbEvents ?? noUsbEvents, ...(options.pollMs ? { pollMs: options.pollMs } : {}) });
  services.push(s);
  return s;
}

async function failure(p: Promise<unknown>): Promise<TokenError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TokenError) return e;
    throw e;
  }
  throw new Error('expected a TokenError');
}

beforeAll(() => {
  rig.createToken('Token An');
  an = rig.ca.issue({ subject: '/C=VN/L=Bắc Ninh/O=UBND xã Tiên Du/CN=Nguyễn Văn An/UID=CCCD:001090012345' });
  rig.load('Token An', an);
  rig.createToken('Token Bình');
  binh = rig.ca.issue({ subject: '/C=VN/O=UBND xã Tiên Du/CN=Trần Thị Bình/UID=CCCD:027190001234', ec: true });
  rig.load('Token Bình', binh);
});

afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
});

afterAll(() => rig.remove());

describe('modules', () => {
  it('loads the modules it can and says why the others failed', async () => {
    const text = join(rig.dir, 'not-a-library.so');
    writeFileSync(text, 'this is not a shared object');
    const elf32 = join(rig.dir, 'old-32bit.so');
    const header = Buffer.alloc(64);
    header.write('\x7fELF', 0, 'latin1');
    header[4] = 1; header[5] = 1; header.writeUInt16LE(3, 18); // ELFCLASS32, little-endian, EM_386
    writeFileSync(elf32, header);
    const link = join(rig.dir, 'softhsm-link.so');
    symlinkSync(SOFTHSM_MODULE, link);
    const service = start([
      softhsm,
      { id: 'vnpt-ca', vendor: 'VNPT-CA', path: '/usr/lib/vnptca/libvnptca_p11_v8.so', origin: 'known' },
      { id: 'added-text', vendor: 'x', path: text, origin: 'added' },
      { id: 'added-32', vendor: 'y', path: elf32, origin: 'added' },
      { id: 'added-nopkcs11', vendor: 'z', path: '/lib/x86_64-linux-gnu/libz.so.1', origin: 'added' },
      { id: 'added-link', vendor: 'SoftHSM2', path: link, origin: 'added' },
    ]);
    const { modules } = await service.scan();
    const byId = Object.fromEntries(modules.map((m) => [m.id, m]));
    expect(byId.softhsm).toMatchObject({ state: 'loaded', library: { manufacturer: 'SoftHSM' } });
    expect(byId['vnpt-ca']).toMatchObject({ state: 'unavailable', failure: 'absent' });
    expect(byId['added-text']).toMatchObject({ state: 'unavailable', failure: 'load_failed' });
    expect(byId['added-32']).toMatchObject({ state: 'unavailable', failure: 'wrong_architecture' });
    expect(byId['added-32']!.detail).toContain('ia32');
    expect(byId['added-nopkcs11']).toMatchObject({ state: 'unavailable', failure: 'not_pkcs11' });
    expect(byId['added-link']).toMatchObject({ state: 'unavailable', failure: 'duplicate', detail: 'softhsm' });
  });
});

describe('tokens and certificates', () => {
  it('finds both tokens by label with their certificates, off the main thread', async () => {
    const service = start([softhsm]);
    const { tokens } = await service.scan();
    const labels = tokens.map((t) => t.label).sort();
    expect(labels).toEqual(['Token An', 'Token Bình']);
    const tokenAn = tokens.find((t) => t.label === 'Token An')!;
    expect(tokenAn.certificates.map((c) => c.id).sort()).toEqual([an.id, 'ca01'].sort());
    expect(Buffer.from(tokenAn.certificates.find((c) => c.id === an.id)!.der).equals(an.certDer)).toBe(true);
    expect(tokenAn.pin).toMatchObject({ countLow: false, finalTry: false, locked: false });
    expect(tokenAn.removable).toBe(true);
    expect(tokenAn.mechanisms).toContain('CKM_SHA256_RSA_PKCS');
  });

  it('signs with both tokens at once: RSA on one, ECDSA on the other', async () => {
    const service = start([softhsm]);
    const { tokens } = await service.scan();
    const ref = (label: string) => tokens.find((t) => t.label === label)!.ref;
    const [a, b] = await Promise.all([service.login(ref('Token An'), OFFICER_PIN), service.login(ref('Token Bình'), OFFICER_PIN)]);
    const digest = (await import('node:crypto')).createHash('sha256').update('hồ sơ').digest();
    const [sa, sb] = await Promise.all([a.sign(an.id, 'rsa-sha256', Buffer.from('hồ sơ')), b.sign(binh.id, 'ecdsa', digest)]);
    await Promise.all([a.close(), b.close()]);
    expect(createVerify('sha256').update('hồ sơ').verify(an.certPem, Buffer.from(sa))).toBe(true);
    expect(sb.length).toBe(64); // r‖s on P-256
    const { verify } = await import('node:crypto');
    expect(verify('sha256', Buffer.from('hồ sơ'), { key: binh.certPem, dsaEncoding: 'ieee-p1363' }, Buffer.from(sb))).toBe(true);
  });

  it('counts a wrong PIN: SoftHSM reports CKF_USER_PIN_COUNT_LOW until the right PIN', async () => {
    const service = start([softhsm]);
    const token = (await service.scan()).tokens.find((t) => t.label === 'Token An')!;
    const wrong = await failure(service.login(token.ref, '000000'));
    expect(wrong.code).toBe('PIN_INCORRECT');
    expect(wrong.pin?.countLow).toBe(true);
    expect((await service.pinState(token.ref)).countLow).toBe(true);
    const session = await service.login(token.ref, OFFICER_PIN);
    await session.close();
    expect((await service.pinState(token.ref)).countLow).toBe(false);
  });

  it('refuses a PIN shorter than the token allows without spending a try', async () => {
    const service = start([softhsm]);
    const token = (await service.scan()).tokens.find((t) => t.label === 'Token An')!;
    expect((await failure(service.login(token.ref, '12'))).code).toBe('PIN_LENGTH');
    expect((await service.pinState(token.ref)).countLow).toBe(false);
  });
});

describe('a token with limited PIN tries (rig module over SoftHSM)', () => {
  it('reports count-low, then final try, then locks; a locked token refuses even the right PIN', async () => {
    rig.createToken('Token Khóa');
    rig.load('Token Khóa', an);
    const shim: ModuleSpec = { id: 'added-shim', vendor: 'Token thử nghiệm', path: rig.pinLimitModule(3), origin: 'added' };
    const service = start([shim]);
    const token = (await service.scan()).tokens.find((t) => t.label === 'Token Khóa')!;
    expect(token.pin).toMatchObject({ countLow: false, finalTry: false, locked: false });

    const first = await failure(service.login(token.ref, '111111'));
    expect(first.code).toBe('PIN_INCORRECT');
    expect(first.pin).toMatchObject({ countLow: true, finalTry: false, locked: false });
    const second = await failure(service.login(token.ref, '222222'));
    expect(second.code).toBe('PIN_INCORRECT');
    expect(second.pin).toMatchObject({ finalTry: true, locked: false });
    expect((await service.pinState(token.ref)).finalTry).toBe(true);
    const third = await failure(service.login(token.ref, '333333'));
    expect(third.code).toBe('PIN_LOCKED');
    expect((await service.pinState(token.ref)).locked).toBe(true);
    expect((await failure(service.login(token.ref, OFFICER_PIN))).code).toBe('PIN_LOCKED');
  });
});

describe('the main thread', () => {
  it('keeps running while a token takes its time to log in (the PKCS#11 call waits in the worker)', async () => {
    rig.createToken('Token Chậm');
    rig.load('Token Chậm', an);
    const service = start([{ id: 'added-slow', vendor: 'Token chậm', path: rig.pinLimitModule(5), origin: 'added' }]);
    const token = (await service.scan()).tokens.find((t) => t.label === 'Token Chậm')!;
    process.env.PIN_SHIM_LOGIN_DELAY_MS = '600';
    let ticks = 0;
    let longestGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks++;
    }, 10);
    try {
      const started = performance.now();
      const session = await service.login(token.ref, OFFICER_PIN);
      expect(performance.now() - started).toBeGreaterThanOrEqual(600);
      await session.close();
    } finally {
      clearInterval(timer);
      delete process.env.PIN_SHIM_LOGIN_DELAY_MS;
    }
    expect(ticks).toBeGreaterThan(30);
    expect(longestGap).toBeLessThan(150);
  });
});

describe('a token pulled out', () => {
  it('between login and sign (token deleted): TOKEN_REMOVED, and the next scan no longer lists it', async () => {
    rig.createToken('Token Rút');
    rig.load('Token Rút', an);
    const service = start([softhsm]);
    const token = (await service.scan()).tokens.find((t) => t.label === 'Token Rút')!;
    const session = await service.login(token.ref, OFFICER_PIN);
    rig.deleteToken('Token Rút');
    expect((await failure(session.sign(an.id, 'rsa-sha256', Buffer.from('x')))).code).toBe('TOKEN_REMOVED');
    await session.close();
    const after = await service.scan({ reload: true });
    expect(after.tokens.map((t) => t.label)).not.toContain('Token Rút');
    expect(after.tokens.map((t) => t.label)).toContain('Token An');
  });

  it('between login and sign (module finalised): TOKEN_REMOVED, then the module comes back on the next scan', async () => {
    const service = start([softhsm]);
    const token = (await service.scan()).tokens.find((t) => t.label === 'Token An')!;
    const session = await service.login(token.ref, OFFICER_PIN);
    await service.reset('softhsm');
    expect((await failure(session.sign(an.id, 'rsa-sha256', Buffer.from('x')))).code).toBe('TOKEN_REMOVED');
    await session.close();
    expect((await service.scan()).tokens.map((t) => t.label)).toContain('Token An');
  });
});

describe('plugging a token in', () => {
  it('shows it within 2 seconds by the poll alone', async () => {
    const service = start([softhsm]);
    await service.scan();
    const seen = new Promise<number>((resolve) => {
      service.onEvent((e: TokenEvent) => {
        if (e.kind === 'changed' && e.scan.tokens.some((t) => t.label === 'Token Mới')) resolve(performance.now());
      });
    });
    const plugged = performance.now();
    rig.createToken('Token Mới');
    const at = await seen;
    expect(at - plugged).toBeLessThan(2000);
    rig.deleteToken('Token Mới');
  });

  it('rescans at once on a USB attach of a known token, without waiting for the poll', async () => {
    let fire: ((e: UsbDeviceEvent) => void) | undefined;
    const usbEvents: UsbEventSource = async (onEvent) => {
      fire = onEvent;
      return { events: true, tokenDevices: [], stop: () => { fire = undefined; } };
    };
    const service = start([softhsm], { pollMs: 60_000, usbEvents });
    await service.scan();
    await expect.poll(() => service.usb().events).toBe(true);
    const events: TokenEvent[] = [];
    service.onEvent((e) => events.push(e));
    rig.createToken('Token USB');
    const plugged = performance.now();
    fire!({ action: 'attach', id: '096e:0807', tokenName: 'Feitian ePass2003' });
    await expect.poll(() => events.some((e) => e.kind === 'changed' && e.scan.tokens.some((t) => t.label === 'Token USB')), { timeout: 2000, interval: 20 }).toBe(true);
    expect(performance.now() - plugged).toBeLessThan(2000);
    expect(events[0]).toEqual({ kind: 'usb', action: 'attach', device: 'Feitian ePass2003 (096e:0807)' });
    rig.deleteToken('Token USB');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChannelOutput } from '../../main/contract/channels';
import { FIXED_NOW, openTestStation, type TestClock } from '../helpers/station';
import { OFFICER_PIN, softHsmRig, type Identity } from '../hardware/tokens/softhsm-rig';

// "34 wrong PINs in a row went through without the station slowing anything down": after three
// wrong PINs the station answers PIN_THROTTLED with the wait, without asking the token at all,
// so a guesser cannot run the token's own count down to its lock.

type Status = ChannelOutput<'signing.status'>;
type Signed = ChannelOutput<'signing.signSlip'>;

const rig = softHsmRig({ now: FIXED_NOW });
let an: Identity;
beforeAll(() => {
  an = rig.ca.issue({ subject: '/C=VN/L=Bắc Ninh/O=UBND xã Tiên Du/CN=Nguyễn Văn An' });
});
afterAll(() => rig.remove());

/** The test's own clock, moved by whole seconds. */
function steppingClock(): TestClock & { advance: (seconds: number) => void } {
  let current = FIXED_NOW;
  return {
    now: () => current,
    setLocal: () => { throw new Error('not used'); },
    advance: (seconds) => { current = new Date(current.getTime() + seconds * 1000); },
  };
}

async function signingStation(label: string, maxTries: number) {
  rig.createToken(label);
  rig.load(label, an);
  const clock = steppingClock();
  const station = openTestStation({ clock });
  // The rig's module counts PIN tries like a real token (SoftHSM itself never locks).
  const set = await station.call('signing.settings', { enabled: true, modulePaths: [rig.pinLimitModule(maxTries)], disabledModules: ['softhsm'] });
  if (!set.ok) throw new Error(JSON.stringify(set.error));
  const token = (set.value as Status).tokens.find((t) => t.label === label)!;
  const dossier = await station.save(await station.validDraft({ owner: { fullName: 'Trần Thị Mai' } }));
  const sign = (pin: string) => ({ code: dossier.code, tokenRef: token.ref, certificate: token.certificates[0]!.fingerprint, pin });
  return { station, clock, token, sign };
}

describe('wrong PINs per token', () => {
  it('after three wrong PINs the station waits 30 s (count-down in the answer) and does not reach the token meanwhile', async () => {
    // A token that locks after 5 wrong PINs: 3 wrong + 20 tries while throttled would lock it if they reached it.
    const { station, clock, token, sign } = await signingStation('Token Năm Lần', 5);
    for (const pin of ['11111111', '22222222']) expect((await station.refused('signing.signSlip', sign(pin))).code).toBe('PIN_INCORRECT');
    const third = await station.refused('signing.signSlip', sign('33333333'));
    expect(third).toMatchObject({ code: 'PIN_THROTTLED', field: 'pin', params: { failures: 3, retryAfterSeconds: 30 } });
    expect(third.message).toContain('thử lại sau 30 giây');
    expect(JSON.stringify(third)).not.toContain('33333333');

    for (let i = 0; i < 20; i++) {
      clock.advance(1);
      const refused = await station.refused('signing.signSlip', sign(`4444444${i % 10}`));
      expect(refused.code).toBe('PIN_THROTTLED');
      expect(refused.params.retryAfterSeconds).toBe(30 - (i + 1));
    }
    // Even the right PIN waits: the count-down is not a hint about the PIN.
    const right = await station.refused('signing.signSlip', sign(OFFICER_PIN));
    expect(right).toMatchObject({ code: 'PIN_THROTTLED', params: { retryAfterSeconds: 10 } });
    expect(right.message).toBe('Đã nhập sai mã PIN 3 lần liên tiếp. Để token không bị khóa, trạm tạm dừng nhận mã PIN: thử lại sau 10 giây.');
    // None of those reached the token: it is not locked, its count is where three wrong PINs left it.
    expect(await station.call('signing.pinState', { tokenRef: token.ref })).toMatchObject({ ok: true, value: { locked: false, finalTry: false } });

    clock.advance(10);
    const signed = await station.call('signing.signSlip', sign(OFFICER_PIN));
    expect(signed.ok).toBe(true);
    const file = (signed as { value: Signed }).value.file;
    expect(file.kind).toBe('signed-slip');
    // The signed slip names the citizen: owner-only, in an owner-only folder (item 4).
    const path = (station.db.prepare('SELECT path FROM dossier_files WHERE id = ?').get(file.id) as { path: string }).path;
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
    // A right PIN starts the count again: three more wrong ones before any wait.
    for (const pin of ['55555555', '66666666']) expect((await station.refused('signing.signSlip', sign(pin))).code).not.toBe('PIN_THROTTLED');
    await station.close();
  });

  it('each further wrong PIN doubles the wait; another token is not slowed by it', async () => {
    const { station, clock, sign } = await signingStation('Token Mười Lần', 10);
    for (const pin of ['11111111', '22222222', '33333333']) await station.refused('signing.signSlip', sign(pin));
    clock.advance(30);
    const fourth = await station.refused('signing.signSlip', sign('44444444'));
    expect(fourth).toMatchObject({ code: 'PIN_THROTTLED', params: { failures: 4, retryAfterSeconds: 60 } });
    expect(fourth.message).toContain('thử lại sau 60 giây');

    rig.createToken('Token Khác');
    rig.load('Token Khác', an);
    const rescanned = await station.call('signing.rescan', {});
    const other = (rescanned as { value: Status }).value.tokens.find((t) => t.label === 'Token Khác')!;
    const dossierCode = sign('').code;
    const answer = await station.call('signing.signSlip', { code: dossierCode, tokenRef: other.ref, certificate: other.certificates[0]!.fingerprint, pin: OFFICER_PIN });
    expect(answer.ok).toBe(true);
    await station.close();
  });
});

import { argon2id, hash } from 'argon2';
import { describe, expect, it } from 'vitest';
import { SecurityError } from '../../main/core/security-errors';
import {
  checkPasswordRule,
  createAttemptThrottle,
  hashPassword,
  passwordNeedsRehash,
  verifyPassword,
  type ThrottleVerdict,
} from '../../main/officers/password';

const codes = (plain: string, username = 'hang.nt', fullName = 'Nguyễn Thị Hằng') => checkPasswordRule(plain, { username, fullName }).map((e) => e.code);

describe('password hashes', () => {
  it('hashes with argon2id at 64 MiB, 4 passes, and verifies only the right password', async () => {
    const stored = await hashPassword('Trạm một cửa 2026!');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=65536,p=1,t=4\$/);
    expect(await verifyPassword(stored, 'Trạm một cửa 2026!')).toBe(true);
    expect(await verifyPassword(stored, 'Trạm một cửa 2026')).toBe(false);
    expect(await verifyPassword(stored, 'trạm một cửa 2026!')).toBe(false);
    // Salted: the same password never gives the same hash twice.
    expect(await hashPassword('Trạm một cửa 2026!')).not.toBe(stored);
  });

  it('matches the password typed decomposed (NFD) against one set composed (NFC)', async () => {
    const stored = await hashPassword('Mật khẩu của Hằng'.normalize('NFC'));
    expect(await verifyPassword(stored, 'Mật khẩu của Hằng'.normalize('NFD'))).toBe(true);
  });

  it('answers false for an unknown officer after a full verification', async () => {
    expect(await verifyPassword(null, 'anything at all')).toBe(false);
  });

  it('refuses a damaged stored hash with a typed error instead of "wrong password"', async () => {
    await expect(verifyPassword('plain text in the column', 'x')).rejects.toMatchObject({ code: 'PASSWORD_HASH_INVALID' });
    await expect(verifyPassword('$argon2id$v=19$m=65536,t=4,p=1$broken', 'x')).rejects.toBeInstanceOf(SecurityError);
  });

  it('asks for a rehash of hashes made with weaker parameters', async () => {
    const weak = await hash('Trạm một cửa 2026!', { type: argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 });
    expect(passwordNeedsRehash(weak)).toBe(true);
    expect(passwordNeedsRehash(await hashPassword('Trạm một cửa 2026!'))).toBe(false);
    expect(passwordNeedsRehash('garbage')).toBe(true);
  });
});

describe('which passwords an officer may choose', () => {
  it('accepts a decent password', () => {
    expect(codes('Sông Hồng chảy 2026')).toEqual([]);
    expect(codes('k7#mQ2vx')).toEqual([]);
  });

  it('refuses short, over-long, all-digit and one-character passwords', () => {
    expect(codes('aB3$xy')).toEqual(['PASSWORD_TOO_SHORT']);
    expect(codes('x'.repeat(7) + 'ế')).toEqual([]); // 8 characters, one of them Vietnamese
    expect(codes('Ab1!'.repeat(33))).toEqual(['PASSWORD_TOO_LONG']);
    expect(codes('19900512')).toEqual(['PASSWORD_ALL_DIGITS']);
    expect(codes('0912345678')).toEqual(['PASSWORD_ALL_DIGITS']);
    expect(codes('zzzzzzzzzz')).toEqual(['PASSWORD_ONE_CHARACTER']);
  });

  it("refuses the user name and the officer's name, folded", () => {
    expect(codes('hang.nt2026')).toContain('PASSWORD_CONTAINS_USERNAME');
    expect(codes('HANG.NT!!xx')).toContain('PASSWORD_CONTAINS_USERNAME');
    expect(codes('Hằng@1990xy')).toContain('PASSWORD_CONTAINS_USERNAME');
    expect(codes('nguyenthihang')).toContain('PASSWORD_CONTAINS_USERNAME');
    // A different officer's name is not personal to this one.
    expect(codes('Hằng@1990xy', 'binh.tv', 'Trần Văn Bình')).toEqual([]);
  });

  it('refuses common passwords, with digits and symbols around them', () => {
    for (const p of ['password', 'Password123', 'matkhau123', 'MậtKhẩu@2025', 'P@ssw0rd', 'qwerty123', '12345678abc', 'iloveyou!!', 'Motcua2026']) {
      expect(codes(p, 'binh.tv', 'Trần Văn Bình'), p).toContain('PASSWORD_TOO_COMMON');
    }
  });

  it('explains each problem in Vietnamese and English', () => {
    const [error] = checkPasswordRule('1234', { username: 'lan' });
    expect(error?.text('vi')).toBe('Mật khẩu phải có ít nhất 8 ký tự.');
    expect(error?.text('en')).toBe('The password needs at least 8 characters.');
    expect(error?.field).toBe('password');
  });
});

describe('wrong-attempt throttle', () => {
  const clock = () => {
    let t = Date.UTC(2026, 10, 23, 2, 32);
    return { now: () => t, advance: (ms: number) => { t += ms; } };
  };
  const waitOf = (v: ThrottleVerdict) => (v.allowed ? 0 : v.retryAfterMs);

  it('lets five wrong tries through, then makes each further one wait twice as long', () => {
    const c = clock();
    const throttle = createAttemptThrottle({ now: c.now });
    for (let i = 1; i <= 4; i++) expect(throttle.failure('hang.nt')).toEqual({ allowed: true, failures: i });
    const fifth = throttle.failure('hang.nt');
    expect(fifth.allowed).toBe(false);
    expect(waitOf(fifth)).toBe(30_000);
    if (!fifth.allowed) {
      expect(fifth.error.code).toBe('LOGIN_THROTTLED');
      expect(fifth.error.text('vi')).toBe('Đã nhập sai 5 lần liên tiếp. Chờ 30 giây rồi thử lại.');
    }
    // The UI counts down: the remaining wait shrinks with the clock.
    c.advance(12_000);
    expect(waitOf(throttle.check('hang.nt'))).toBe(18_000);
    c.advance(18_000);
    expect(throttle.check('hang.nt').allowed).toBe(true);
    expect(waitOf(throttle.failure('hang.nt'))).toBe(60_000);
    c.advance(60_000);
    expect(waitOf(throttle.failure('hang.nt'))).toBe(120_000);
  });

  it('caps the wait at 15 minutes', () => {
    const c = clock();
    const throttle = createAttemptThrottle({ now: c.now });
    let last: ThrottleVerdict = { allowed: true, failures: 0 };
    for (let i = 0; i < 40; i++) {
      last = throttle.failure('x');
      c.advance(waitOf(last));
    }
    expect(waitOf(last)).toBe(15 * 60_000);
  });

  it('resets on success and keeps keys apart, whatever their case or spacing', () => {
    const c = clock();
    const throttle = createAttemptThrottle({ now: c.now, freeFailures: 2, firstDelayMs: 1000 });
    throttle.failure('Hằng');
    expect(throttle.failure(' HẰNG ').allowed).toBe(false);
    expect(throttle.check('hằng'.normalize('NFD')).allowed).toBe(false);
    expect(throttle.check('bình').allowed).toBe(true);
    throttle.success('hằng');
    expect(throttle.check('Hằng')).toEqual({ allowed: true, failures: 0 });
    expect(throttle.failure('Hằng')).toEqual({ allowed: true, failures: 1 });
  });

  it('forgets a key a day after its last failure', () => {
    const c = clock();
    const throttle = createAttemptThrottle({ now: c.now, freeFailures: 3 });
    throttle.failure('lan');
    throttle.failure('lan');
    c.advance(24 * 3_600_000);
    expect(throttle.failure('lan')).toEqual({ allowed: true, failures: 1 });
  });

  it('survives a restart through its snapshot', () => {
    const c = clock();
    const first = createAttemptThrottle({ now: c.now, freeFailures: 1 });
    first.failure('lan');
    c.advance(10_000);
    const second = createAttemptThrottle({ now: c.now, freeFailures: 1, initial: first.snapshot() });
    expect(waitOf(second.check('lan'))).toBe(20_000);
  });
});

import { argon2id, hash, needsRehash, verify } from 'argon2';
import { foldVietnamese } from '../core/text-fold';
import { SecurityError } from '../core/security-errors';
import { createAttemptCounter, type AttemptRecord, type AttemptThrottleOptions, type AttemptVerdict } from '../core/attempt-throttle';

// Officers' passwords and PINs: argon2id, a rule for acceptable passwords, and a throttle for
// wrong attempts. Plain text is NFC-normalised before hashing, so the same password typed with
// a keyboard that sends decomposed Vietnamese (NFD) still matches.

/**
 * argon2id with 64 MiB and 4 passes, one lane: about 0.2 s per login on the development machine
 * (test/bench/security.ts measures it; an old counter PC, not measured, is slower but should stay
 * well under a second) — unnoticed by an officer, ruinous for someone trying a stolen database's
 * hashes offline. Memory 64 MiB is over OWASP's
 * 19 MiB floor and leaves room on a 4 GB PC; one lane because these PCs have two cores and the
 * station has other work in libuv's pool. Raise these (and passwordNeedsRehash rehashes at the
 * next good login) rather than lowering them.
 */
export const PASSWORD_HASH_PARAMETERS = Object.freeze({ type: argon2id, memoryCost: 64 * 1024, timeCost: 4, parallelism: 1, hashLength: 32 });

export const PASSWORD_MIN_LENGTH = 8;
/** An upper bound so nobody posts a megabyte to the hash; a passphrase fits easily. */
export const PASSWORD_MAX_LENGTH = 128;

export async function hashPassword(plain: string): Promise<string> {
  return hash(plain.normalize('NFC'), PASSWORD_HASH_PARAMETERS);
}

let dummyHash: Promise<string> | undefined;

/**
 * True when `plain` is the password of `stored`. `stored` null (no such officer) still costs one
 * full verification against a throw-away hash, so a login's timing does not tell whether the user
 * name exists. A stored value that is not an argon2 hash throws PASSWORD_HASH_INVALID: saying
 * "wrong password" would send the officer looking for a typo that is not there.
 */
export async function verifyPassword(stored: string | null, plain: string): Promise<boolean> {
  if (stored === null) {
    dummyHash ??= hash('not a password of anyone', PASSWORD_HASH_PARAMETERS);
    await verify(await dummyHash, plain.normalize('NFC'));
    return false;
  }
  if (!/^\$argon2(id|i|d)\$/.test(stored)) throw new SecurityError('PASSWORD_HASH_INVALID');
  try {
    return await verify(stored, plain.normalize('NFC'));
  } catch {
    throw new SecurityError('PASSWORD_HASH_INVALID');
  }
}

/** After a good login: true when the stored hash uses weaker parameters than today's. */
export function passwordNeedsRehash(stored: string): boolean {
  try {
    return needsRehash(stored, PASSWORD_HASH_PARAMETERS);
  } catch {
    return true;
  }
}

// ---------------------------------------------------------------------------------------------
// Which passwords an officer may choose.

/**
 * Guessed first by anyone who sits at the counter: the usual lists, Vietnamese words for
 * "password", the program's and the office's own words. Compared folded (no marks, lower case)
 * with digits and symbols around it removed and look-alike ones inside read as letters, so
 * "MatKhau@2025" counts as "matkhau" and "P@ssw0rd" as "password".
 */
const COMMON_PASSWORDS = new Set([
  'password', 'passw0rd', 'pass', 'admin', 'administrator', 'qwerty', 'qwertyuiop', 'asdfgh', 'asdfghjkl', 'zxcvbnm', 'abc', 'abcd', 'abcdef',
  'abcdefgh', 'abcxyz', 'iloveyou', 'letmein', 'welcome', 'monkey', 'dragon', 'master', 'sunshine', 'princess', 'football', 'baseball',
  'starwars', 'trustno', 'whatever', 'changeme', 'default', 'secret', 'test', 'user', 'guest', 'root', 'login',
  'matkhau', 'mk', 'anhyeuem', 'emyeuanh', 'yeuem', 'yeuanh', 'vietnam', 'hanoi', 'saigon', 'hochiminh', 'motcua', 'mot cua', 'tiepnhan',
  'tiep nhan', 'dichvucong', 'hoso', 'canbo', 'ubnd', 'ubndxa', 'ubndphuong', 'xaphuong', 'congan', 'chuky', 'chukyso',
]);

const ONE_CHARACTER = /^(.)\1*$/su;

export type PasswordContext = Readonly<{ username: string; fullName?: string }>;

/**
 * The problems of a password an officer (or the technician for them) chooses; none means it is
 * acceptable. Length is counted in characters after NFC. Not all digits (a birth date or a phone
 * number), not one character repeated, not containing the user name or the officer's given name
 * (folded: "Hằng" is found in "hang2025"), not one of the commonly guessed ones.
 */
export function checkPasswordRule(plain: string, context: PasswordContext): SecurityError[] {
  const field = 'password';
  const text = plain.normalize('NFC');
  const length = [...text].length;
  const problems: SecurityError[] = [];
  if (length < PASSWORD_MIN_LENGTH) problems.push(new SecurityError('PASSWORD_TOO_SHORT', { min: PASSWORD_MIN_LENGTH }, field));
  if (length > PASSWORD_MAX_LENGTH) problems.push(new SecurityError('PASSWORD_TOO_LONG', { max: PASSWORD_MAX_LENGTH }, field));
  if (/^\d+$/.test(text)) problems.push(new SecurityError('PASSWORD_ALL_DIGITS', {}, field));
  else if (length > 0 && ONE_CHARACTER.test(text)) problems.push(new SecurityError('PASSWORD_ONE_CHARACTER', {}, field));

  const folded = foldVietnamese(text).replace(/\s+/g, '');
  const personal = personalWords(context);
  if (personal.some((w) => folded.includes(w))) problems.push(new SecurityError('PASSWORD_CONTAINS_USERNAME', {}, field));
  const stem = folded.replace(/[^a-z]+$/, '').replace(/^[^a-z]+/, '');
  const unLeet = stem.replace(/[@4]/g, 'a').replace(/0/g, 'o').replace(/[1!]/g, 'i').replace(/3/g, 'e').replace(/[$5]/g, 's').replace(/7/g, 't');
  if ([folded, stem, unLeet, unLeet.replace(/i/g, 'l')].some((candidate) => COMMON_PASSWORDS.has(candidate))) {
    problems.push(new SecurityError('PASSWORD_TOO_COMMON', {}, field));
  }
  return problems;
}

/** The user name, and the given name and the whole name of the officer, folded; at least 3 letters each. */
function personalWords(context: PasswordContext): string[] {
  const words = [foldVietnamese(context.username).replace(/\s+/g, '')];
  if (context.fullName) {
    const parts = foldVietnamese(context.fullName).split(' ').filter(Boolean);
    words.push(parts.join(''));
    const given = parts[parts.length - 1];
    if (given) words.push(given);
  }
  return words.filter((w) => w.length >= 3);
}

// ---------------------------------------------------------------------------------------------
// Wrong attempts.

export type ThrottleOptions = AttemptThrottleOptions;

export type ThrottleEntry = AttemptRecord;

export type ThrottleVerdict =
  | Readonly<{ allowed: true; failures: number }>
  | Readonly<{ allowed: false; failures: number; /** what the UI counts down */ retryAfterMs: number; retryAt: number; error: SecurityError }>;

export type AttemptThrottle = Readonly<{
  /** Before checking a password or PIN: may this key try now? */
  check: (key: string) => ThrottleVerdict;
  /** After a wrong one: the verdict for the next try (the wait starts now). */
  failure: (key: string) => ThrottleVerdict;
  /** After a right one: the count starts again. */
  success: (key: string) => void;
  /** What to keep so that closing and reopening the station does not clear the waits. */
  snapshot: () => ThrottleEntry[];
}>;

/**
 * A throttle of wrong passwords per key (the user name, or the user name and the PC): the
 * station's one rule of waits (main/core/attempt-throttle.ts), with the error an officer reads
 * at the login (LOGIN_THROTTLED).
 */
export function createAttemptThrottle(options: ThrottleOptions): AttemptThrottle {
  const counter = createAttemptCounter(options);
  const withError = (v: AttemptVerdict): ThrottleVerdict => v.allowed
    ? { allowed: true, failures: v.failures }
    : { allowed: false, failures: v.failures, retryAfterMs: v.retryAfterMs, retryAt: v.retryAt, error: new SecurityError('LOGIN_THROTTLED', { failures: v.failures, seconds: v.retryAfterSeconds }) };
  return {
    check: (key) => withError(counter.check(key)),
    failure: (key) => withError(counter.failure(key)),
    success: counter.success,
    snapshot: counter.snapshot,
  };
}

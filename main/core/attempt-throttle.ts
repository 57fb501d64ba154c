// A wait after wrong attempts, per key, with the clock injected: the same rule for every secret
// a person types at the counter (officers' passwords, tokens' PINs). After `freeFailures` wrong
// attempts each further try waits, 30 s then 1, 2, 4 … minutes up to 15. A wait, not a lock-out:
// a lock-out would let anyone at the counter lock a colleague out on purpose, while the wait
// alone makes guessing hopeless. The verdict says how long to wait; the caller chooses the
// error its person reads (a login, a token's PIN).
//
// main/officers/password.ts has the officers' own copy of this rule (with its login error); the
// two agree by design and should become one (this module) when the officers feature is next
// touched.

export type AttemptThrottleOptions = Readonly<{
  /** The clock (ms since the epoch); tests move their own. */
  now: () => number;
  /** Wrong attempts allowed before the first wait. */
  freeFailures?: number;
  /** The first wait; each further failure doubles it. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** A key with no failure for this long is forgotten (and its count starts again). */
  forgetAfterMs?: number;
}>;

export type AttemptVerdict =
  | Readonly<{ allowed: true; failures: number }>
  | Readonly<{ allowed: false; failures: number; /** what the UI counts down */ retryAfterSeconds: number; retryAt: number }>;

export type AttemptCounter = Readonly<{
  /** Before trying the secret: may this key try now? */
  check: (key: string) => AttemptVerdict;
  /** After a wrong one: the verdict for the next try (the wait starts now). */
  failure: (key: string) => AttemptVerdict;
  /** After a right one: the count starts again. */
  success: (key: string) => void;
}>;

type Entry = { failures: number; lastFailureAt: number; blockedUntil: number };

export function createAttemptCounter(options: AttemptThrottleOptions): AttemptCounter {
  const freeFailures = options.freeFailures ?? 5;
  const firstDelayMs = options.firstDelayMs ?? 30_000;
  const maxDelayMs = options.maxDelayMs ?? 15 * 60_000;
  const forgetAfterMs = options.forgetAfterMs ?? 24 * 3_600_000;
  const entries = new Map<string, Entry>();
  // "Token An" and "token an " are one key: it cannot be varied to escape the count.
  const normalise = (key: string) => key.normalize('NFC').trim().toLowerCase();

  const current = (key: string, now: number): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && now - entry.lastFailureAt >= forgetAfterMs && now >= entry.blockedUntil) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const verdict = (entry: Entry | undefined, now: number): AttemptVerdict =>
    !entry || now >= entry.blockedUntil
      ? { allowed: true, failures: entry?.failures ?? 0 }
      : { allowed: false, failures: entry.failures, retryAfterSeconds: Math.ceil((entry.blockedUntil - now) / 1000), retryAt: entry.blockedUntil };

  return {
    check: (raw) => {
      const now = options.now();
      return verdict(current(normalise(raw), now), now);
    },
    failure: (raw) => {
      const now = options.now();
      const key = normalise(raw);
      const failures = (current(key, now)?.failures ?? 0) + 1;
      const over = failures - freeFailures;
      const delay = over < 0 ? 0 : Math.min(maxDelayMs, firstDelayMs * 2 ** Math.min(over, 30));
      const entry = { failures, lastFailureAt: now, blockedUntil: now + delay };
      entries.set(key, entry);
      if (entries.size > 1000) for (const k of [...entries.keys()]) current(k, now);
      return verdict(entry, now);
    },
    success: (raw) => { entries.delete(normalise(raw)); },
  };
}

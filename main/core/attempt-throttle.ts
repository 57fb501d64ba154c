// A wait after wrong attempts, per key, with the clock injected: the one rule for every secret a
// person types at the counter (officers' passwords in main/officers/password.ts, tokens' PINs in
// main/signing). After `freeFailures` wrong attempts each further try waits, 30 s then 1, 2, 4 …
// minutes up to 15. A wait, not a lock-out: a lock-out would let anyone at the counter lock a
// colleague out on purpose, while the wait alone makes guessing hopeless. The verdict says how
// long to wait; the caller chooses the error its person reads (a login, a token's PIN).

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
  /** Counts kept by the caller across restarts (see `snapshot`), so closing the station clears no wait. */
  initial?: ReadonlyArray<AttemptRecord>;
  /** Above this many keys, those forgotten are dropped at the next failure (someone trying many names). */
  pruneAbove?: number;
}>;

/** One key's count, as `snapshot` gives it and `initial` takes it back. */
export type AttemptRecord = Readonly<{ key: string; failures: number; lastFailureAt: number; blockedUntil: number }>;

export type AttemptVerdict =
  | Readonly<{ allowed: true; failures: number }>
  | Readonly<{
    allowed: false;
    failures: number;
    /** What the UI counts down, in whole seconds (rounded up) and exactly. */
    retryAfterSeconds: number;
    retryAfterMs: number;
    retryAt: number;
  }>;

export type AttemptCounter = Readonly<{
  /** Before trying the secret: may this key try now? */
  check: (key: string) => AttemptVerdict;
  /** After a wrong one: the verdict for the next try (the wait starts now). */
  failure: (key: string) => AttemptVerdict;
  /** After a right one: the count starts again. */
  success: (key: string) => void;
  /** What to keep so that closing and reopening the station does not clear the waits. */
  snapshot: () => AttemptRecord[];
}>;

/** "Token An" and "token an " are one key: it cannot be varied to escape the count. */
export function normaliseAttemptKey(key: string): string {
  return key.normalize('NFC').trim().toLowerCase();
}

export function createAttemptCounter(options: AttemptThrottleOptions): AttemptCounter {
  const freeFailures = options.freeFailures ?? 5;
  const firstDelayMs = options.firstDelayMs ?? 30_000;
  const maxDelayMs = options.maxDelayMs ?? 15 * 60_000;
  const forgetAfterMs = options.forgetAfterMs ?? 24 * 3_600_000;
  const pruneAbove = options.pruneAbove ?? 1000;
  const entries = new Map<string, AttemptRecord>();
  for (const e of options.initial ?? []) {
    const key = normaliseAttemptKey(e.key);
    entries.set(key, { ...e, key });
  }

  const current = (key: string, now: number): AttemptRecord | undefined => {
    const entry = entries.get(key);
    if (entry && now - entry.lastFailureAt >= forgetAfterMs && now >= entry.blockedUntil) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const verdict = (entry: AttemptRecord | undefined, now: number): AttemptVerdict => {
    if (!entry || now >= entry.blockedUntil) return { allowed: true, failures: entry?.failures ?? 0 };
    const retryAfterMs = entry.blockedUntil - now;
    return { allowed: false, failures: entry.failures, retryAfterSeconds: Math.ceil(retryAfterMs / 1000), retryAfterMs, retryAt: entry.blockedUntil };
  };
  const prune = (now: number) => {
    if (entries.size <= pruneAbove) return;
    for (const key of [...entries.keys()]) current(key, now);
  };

  return {
    check: (raw) => {
      const now = options.now();
      return verdict(current(normaliseAttemptKey(raw), now), now);
    },
    failure: (raw) => {
      const now = options.now();
      const key = normaliseAttemptKey(raw);
      const failures = (current(key, now)?.failures ?? 0) + 1;
      const over = failures - freeFailures;
      const delay = over < 0 ? 0 : Math.min(maxDelayMs, firstDelayMs * 2 ** Math.min(over, 30));
      const entry = { key, failures, lastFailureAt: now, blockedUntil: now + delay };
      entries.set(key, entry);
      prune(now);
      return verdict(entry, now);
    },
    success: (raw) => { entries.delete(normaliseAttemptKey(raw)); },
    snapshot: () => [...entries.values()],
  };
}

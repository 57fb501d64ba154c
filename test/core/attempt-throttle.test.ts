import { describe, expect, it } from 'vitest';
import { createAttemptCounter, type AttemptVerdict } from '../../main/core/attempt-throttle';
import { createAttemptThrottle } from '../../main/officers/password';

// The station's one rule of waits after wrong secrets: the PIN throttle uses it as it is, the
// login throttle wraps it with its own error. Both must wait exactly alike.

const clock = () => {
  let t = Date.UTC(2026, 10, 23, 2, 32);
  return { now: () => t, advance: (ms: number) => { t += ms; } };
};
const waitOf = (v: AttemptVerdict) => (v.allowed ? 0 : v.retryAfterMs);

describe('the attempt counter', () => {
  it('waits in whole seconds for the UI and exactly for the count-down', () => {
    const c = clock();
    const counter = createAttemptCounter({ now: c.now, freeFailures: 1, firstDelayMs: 1500 });
    const first = counter.failure('token-1');
    expect(first).toMatchObject({ allowed: false, failures: 1, retryAfterMs: 1500, retryAfterSeconds: 2 });
    c.advance(600);
    expect(counter.check('token-1')).toMatchObject({ allowed: false, retryAfterMs: 900, retryAfterSeconds: 1 });
  });

  it('keeps its waits across a restart through its snapshot, whatever the key was typed like', () => {
    const c = clock();
    const first = createAttemptCounter({ now: c.now, freeFailures: 1 });
    first.failure(' Token An ');
    c.advance(10_000);
    const second = createAttemptCounter({ now: c.now, freeFailures: 1, initial: first.snapshot() });
    expect(waitOf(second.check('token an'))).toBe(20_000);
    expect(second.snapshot()).toEqual([{ key: 'token an', failures: 1, lastFailureAt: c.now() - 10_000, blockedUntil: c.now() + 20_000 }]);
  });

  it('drops forgotten keys once it holds more than it should, and keeps the ones still counting', () => {
    const c = clock();
    const counter = createAttemptCounter({ now: c.now, freeFailures: 1, pruneAbove: 4, forgetAfterMs: 60_000, firstDelayMs: 1000 });
    for (const name of ['a', 'b', 'c']) counter.failure(name);
    c.advance(60_000);
    counter.failure('d'); // four keys, not more than it should hold: none dropped
    expect(counter.snapshot().map((e) => e.key)).toEqual(['a', 'b', 'c', 'd']);
    counter.failure('e'); // five: the three forgotten ones go
    expect(counter.snapshot().map((e) => e.key)).toEqual(['d', 'e']);
  });
});

describe('the login throttle is the same rule', () => {
  it('waits exactly as the PIN counter does, with the login error on top', () => {
    const c = clock();
    const pins = createAttemptCounter({ now: c.now });
    const logins = createAttemptThrottle({ now: c.now });
    for (let i = 0; i < 12; i++) {
      const pin = pins.failure('x');
      const login = logins.failure('x');
      expect(login.allowed).toBe(pin.allowed);
      expect(login.allowed ? 0 : login.retryAfterMs).toBe(waitOf(pin));
      if (!login.allowed && !pin.allowed) expect(login.error.params).toMatchObject({ failures: pin.failures, seconds: pin.retryAfterSeconds });
      c.advance(waitOf(pin));
    }
  });
});

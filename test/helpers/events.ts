import type { EventName, EventPayload } from '../../main/contract/events';
import type { EventBus } from '../../main/event-bus';

// Events of one name, awaited one by one: `next()` answers the oldest one not yet taken, or the
// next to come. No sleeps: a test waits for what it expects, with a predicate when it must skip
// events it does not care about.

export type EventQueue<E extends EventName> = Readonly<{
  next: (matching?: (payload: EventPayload<E>) => boolean, timeoutMs?: number) => Promise<EventPayload<E>>;
  seen: ReadonlyArray<EventPayload<E>>;
  stop: () => void;
}>;

export function eventQueue<E extends EventName>(bus: EventBus, name: E): EventQueue<E> {
  const seen: Array<EventPayload<E>> = [];
  let taken = 0;
  const waiters = new Set<() => void>();
  const stop = bus.on(name, (payload) => {
    seen.push(payload);
    for (const w of [...waiters]) w();
  });
  return {
    seen,
    stop,
    next: (matching = () => true, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const look = () => {
          while (taken < seen.length) {
            const p = seen[taken++]!;
            if (matching(p)) {
              waiters.delete(look);
              clearTimeout(timer);
              resolve(p);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(new Error(`no ${name} event within ${timeoutMs} ms (seen: ${JSON.stringify(seen).slice(0, 500)})`));
        }, timeoutMs);
        waiters.add(look);
        look();
      }),
  };
}

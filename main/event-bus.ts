import { events, type EventName, type EventPayload, type StationEvent } from './contract/events';

// The station's events (main/contract/events.ts) on their way out: features emit, the hosts
// forward them to the renderers, and features may listen to each other's (the sync worker
// wakes when something is queued; intake forgets its calendar when the portal sends a new one)
// without any feature knowing another.

export type EventBus = Readonly<{
  emit: <E extends EventName>(name: E, payload: EventPayload<E>) => void;
  on: <E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) => () => void;
  /** Every event, for a host to forward. */
  subscribe: (listener: (event: StationEvent) => void) => () => void;
}>;

export function createEventBus(onInvalid: (name: string, error: unknown) => void = (name, error) => console.error(`[events] ${name}:`, error)): EventBus {
  const all = new Set<(event: StationEvent) => void>();
  const byName = new Map<EventName, Set<(payload: never) => void>>();
  const deliver = (listener: () => void) => {
    try {
      listener();
    } catch (error) {
      console.error('[events] a listener failed:', error); // one listener's bug never stops the others
    }
  };
  return {
    emit(name, payload) {
      const parsed = events[name].payload.safeParse(payload);
      if (!parsed.success) {
        onInvalid(name, parsed.error); // an event outside its contract is a bug: it does not leave the station
        return;
      }
      const event = { name, payload: parsed.data } as StationEvent;
      for (const listener of byName.get(name) ?? []) deliver(() => (listener as (p: unknown) => void)(event.payload));
      for (const listener of all) deliver(() => listener(event));
    },
    on(name, listener) {
      let set = byName.get(name);
      if (!set) byName.set(name, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    subscribe(listener) {
      all.add(listener);
      return () => all.delete(listener);
    },
  };
}

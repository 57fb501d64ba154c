import { eventNames, events, isEventName, type EventName, type EventPayload, type StationEvent } from '../../../../main/contract/events';
import { connectSse, type SseState } from './sse';
import type { StationLink } from './link';
import { missingCaseError } from '../../../../main/core/errors';

// The station's pushed events as one hub for the whole window: fed by the preload's
// `stationEvents` in Electron, by the web host's Server-Sent Events stream otherwise. The query
// cache listens to every event (common/station/query.ts); a screen may listen to one.

export type LinkState = 'connecting' | 'open' | 'down';

export type EventHub = Readonly<{
  on: <E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) => () => void;
  onAny: (listener: (event: StationEvent) => void) => () => void;
  /** Called when the stream (re)opens; `again` after a drop. */
  onOpen: (listener: (again: boolean) => void) => () => void;
  onState: (listener: (state: LinkState) => void) => () => void;
  state: () => LinkState;
  /** Hands an event to the listeners (the feeds call it; so may a test). */
  deliver: (name: string, payload: unknown) => void;
  open: (again: boolean) => void;
  setState: (state: LinkState) => void;
}>;

export function createEventHub(): EventHub {
  const any = new Set<(event: StationEvent) => void>();
  const opened = new Set<(again: boolean) => void>();
  const states = new Set<(state: LinkState) => void>();
  let current: LinkState = 'connecting';
  const each = <T>(set: Set<(x: T) => void>, x: T) => {
    for (const listener of [...set]) {
      try {
        listener(x);
      } catch (error) {
        console.error('[events] a listener failed:', error); // one screen's bug never stops the cache
      }
    }
  };
  const add = <T>(set: Set<T>, x: T) => { set.add(x); return () => { set.delete(x); }; };
  return {
    on: (name, listener) => add(any, (e: StationEvent) => { if (e.name === name) listener(e.payload as EventPayload<typeof name>); }),
    onAny: (listener) => add(any, listener),
    onOpen: (listener) => add(opened, listener),
    onState: (listener) => add(states, listener),
    state: () => current,
    deliver: (name, payload) => {
      if (!isEventName(name)) return; // a newer station's event this renderer does not know
      const parsed = events[name].payload.safeParse(payload);
      if (!parsed.success) return;
      each(any, { name, payload: parsed.data } as StationEvent);
    },
    open: (again) => each(opened, again),
    setState: (state) => { current = state; each(states, state); },
  };
}

/** Connects the hub to the station this window talks to; answers the disconnect. */
export function feedEvents(hub: EventHub, link: StationLink): () => void {
  switch (link.kind) {
    case 'electron': {
      const offs = eventNames.map((name) => link.events.on(name, (payload) => hub.deliver(name, payload)));
      hub.setState('open');
      hub.open(false);
      return () => offs.forEach((off) => off());
    }
    case 'web': {
      const sse = connectSse({
        url: 'api/events',
        token: link.token,
        onFrame: (frame) => {
          try {
            hub.deliver(frame.event, JSON.parse(frame.data));
          } catch {
            // a frame that is not JSON is not one of ours
          }
        },
        onOpen: (again) => hub.open(again),
        onState: (state: SseState) => hub.setState(state),
      });
      return sse.stop;
    }
    default:
      throw missingCaseError(link);
  }
}

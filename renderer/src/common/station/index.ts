import type { QueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import type { EventName, EventPayload } from '../../../../main/contract/events';
import { stationLink } from './client';
import { createEventHub, feedEvents, type LinkState } from './events';
import { connectQueryCache } from './cache';
import { useHubEvent } from './query';

// The station as the screens use it: calls, cached answers, pushed events, the link's state.

export { call, errorMessage, fieldErrors, setClientLanguage, StationCallError } from './client';
export { stationKey } from './cache';
export { useInvalidate, useSetStationData, useStation } from './query';
export type { LinkState } from './events';

/** This window's events from the station. */
export const stationEvents = createEventHub();

/** Connects the window to the station's events and the cache to them; answers the disconnect. */
export function startStationEvents(client: QueryClient): () => void {
  const stopCache = connectQueryCache(client, stationEvents);
  const stopFeed = feedEvents(stationEvents, stationLink());
  return () => { stopFeed(); stopCache(); };
}

/** One pushed event, while the component is mounted. */
export function useStationEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): void {
  useHubEvent(stationEvents, name, listener);
}

/** Whether the event stream is open (the web host can go away; Electron's IPC cannot). */
export function useLinkState(): LinkState {
  return useSyncExternalStore(stationEvents.onState, stationEvents.state);
}

/** Called when the stream opens again after a drop (a screen holding state of its own refreshes it). */
export function onStationReconnect(listener: () => void): () => void {
  return stationEvents.onOpen((again) => { if (again) listener(); });
}

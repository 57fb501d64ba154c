import { QueryClient } from '@tanstack/react-query';
import type { ChannelInput, ChannelName } from '../../../../main/contract/channels';
import { events, type EventName } from '../../../../main/contract/events';
import type { EventHub } from './events';

// The station's answers, cached by [channel, input]. Nothing polls: an event the station pushes
// names the channels whose answers it may change (main/contract/events.ts, `affects`) and those
// queries are refetched — one generic rule, no code per event. When the event stream opens (the
// first time, or back after a drop) every answer is treated as stale, since events may have been
// missed before it.

export type StationQueryKey<C extends ChannelName> = readonly [C, ChannelInput<C>];

export const stationKey = <C extends ChannelName>(channel: C, input: ChannelInput<C>): StationQueryKey<C> => [channel, input];

export function createStationQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Fresh until an event says otherwise.
        staleTime: Infinity,
        // The station answers with typed errors; asking again would only repeat them.
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
    },
  });
}

/** The channels an event may change, as the contract declares them. */
export function affectedChannels(name: EventName): readonly ChannelName[] {
  return events[name].affects;
}

/**
 * Keeps the cache true to the station: the queries an event affects refetch, and all of them when
 * the stream opens — after a drop, and the first time too: a screen that asked before the stream
 * was open (the first seconds of a page, an F8 pressed at once) may have missed the event of its
 * own action, and would show the old answer until the next one.
 */
export function connectQueryCache(client: QueryClient, hub: EventHub): () => void {
  const offEvent = hub.onAny((event) => {
    for (const channel of affectedChannels(event.name)) void client.invalidateQueries({ queryKey: [channel] });
  });
  const offOpen = hub.onOpen(() => {
    void client.invalidateQueries();
  });
  return () => { offEvent(); offOpen(); };
}


import { QueryClient, useQuery, useQueryClient, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../../main/contract/channels';
import { events, type EventName, type EventPayload } from '../../../../main/contract/events';
import { call } from './client';
import type { EventHub } from './events';

// The station's answers, cached by [channel, input]. Nothing polls: an event the station pushes
// names the channels whose answers it may change (main/contract/events.ts, `affects`) and those
// queries are refetched — one generic rule, no code per event. After the event stream drops and
// comes back every answer is treated as stale, since events may have been missed meanwhile.

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

/** Keeps the cache true to the station: the queries an event affects refetch, and all of them after a reconnect. */
export function connectQueryCache(client: QueryClient, hub: EventHub): () => void {
  const offEvent = hub.onAny((event) => {
    for (const channel of affectedChannels(event.name)) void client.invalidateQueries({ queryKey: [channel] });
  });
  const offOpen = hub.onOpen((again) => {
    if (again) void client.invalidateQueries();
  });
  return () => { offEvent(); offOpen(); };
}

type Options<C extends ChannelName> = Omit<UseQueryOptions<ChannelOutput<C>, Error, ChannelOutput<C>, QueryKey>, 'queryKey' | 'queryFn'>;

/** One channel's answer for one input, kept fresh by the station's events. */
export function useStation<C extends ChannelName>(channel: C, input: ChannelInput<C>, options: Options<C> = {}) {
  return useQuery<ChannelOutput<C>, Error, ChannelOutput<C>, QueryKey>({
    queryKey: stationKey(channel, input),
    queryFn: () => call(channel, input),
    ...options,
  });
}

/** Puts a channel's answer in the cache (a mutation answered with the new state). */
export function useSetStationData() {
  const client = useQueryClient();
  return <C extends ChannelName>(channel: C, input: ChannelInput<C>, value: ChannelOutput<C>) => client.setQueryData(stationKey(channel, input), value);
}

/** Refetches every answer of the given channels (after a call whose effects the station does not announce). */
export function useInvalidate() {
  const client = useQueryClient();
  return (...channels: ChannelName[]) => Promise.all(channels.map((channel) => client.invalidateQueries({ queryKey: [channel] })));
}

/** Listens to one pushed event of `hub` while the component is mounted (the listener may change between renders). */
export function useHubEvent<E extends EventName>(hub: EventHub, name: E, listener: (payload: EventPayload<E>) => void): void {
  const latest = useRef(listener);
  useEffect(() => { latest.current = listener; });
  useEffect(() => hub.on(name, (payload) => latest.current(payload)), [hub, name]);
}

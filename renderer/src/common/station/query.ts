import { useQuery, useQueryClient, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../../main/contract/channels';
import type { EventName, EventPayload } from '../../../../main/contract/events';
import { stationKey } from './cache';
import { call } from './client';
import type { EventHub } from './events';

// The screens' hooks over the cache of ./cache.ts.

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

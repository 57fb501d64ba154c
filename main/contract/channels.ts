import type { z } from 'zod';

// Every channel between a renderer and the station, declared once. The Electron host's
// ipcMain handlers, the preload bridge, the web host's routes and the renderer's typed
// client are all derived from this table: no channel name is written anywhere else.

import type { ErrorPayload } from '../core/errors';
import { intakeChannels } from './intake-channels';
import { syncChannels } from './sync-channels';
import { signingChannels } from './signing-channels';
import { scanningChannels } from './scanning-channels';
import { officersChannels } from './officers-channels';
import { devicesChannels } from './devices-channels';
import { queueChannels } from './queue-channels';
import { displayChannels } from './display-channels';
import { feesChannels } from './fees-channels';
import { lifecycleChannels } from './lifecycle-channels';
import { printChannels } from './print-channels';

// Each feature declares its channels in its own file (main/contract/*-channels.ts) and is
// spread in here, once.
export const channels = {
  ...intakeChannels,
  // feature channel groups: one spread line each
  ...syncChannels,
  ...signingChannels,
  ...scanningChannels,
  ...officersChannels,
  ...devicesChannels,
  ...queueChannels,
  ...displayChannels,
  ...feesChannels,
  ...lifecycleChannels,
  ...printChannels,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;
export type ParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;

export const channelNames = Object.keys(channels) as ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(channels, name);
}

/** The typed client every renderer sees as `window.station`. */
export type StationApi = {
  [C in ChannelName]: (input: ChannelInput<C>) => Promise<ChannelOutput<C>>;
};

/** What a host answers: the IPC and HTTP envelopes carry the same shape. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

import type { ChannelName } from '../contract/channels';
import { syncChannels } from '../contract/sync-channels';
import { feature } from '../feature';
import { syncHandlers, type SyncOptions } from './sync-feature';

/** Sync with the provincial portal: the outbox worker, the queue, corrections, the portal settings. */
export const syncFeature = (options: SyncOptions = {}) =>
  feature({
    name: 'sync',
    channels: Object.keys(syncChannels) as Array<keyof typeof syncChannels & ChannelName>,
    open: (ctx) => syncHandlers(ctx, options),
  });

import type { ChannelName } from '../contract/channels';
import { queueChannels } from '../contract/queue-channels';
import { feature } from '../feature';
import type { QueueOptions } from './queue-feature';

/**
 * Queue tickets: taken, printed on the thermal printer, called at the counters, linked to the
 * dossiers received for them. Lazy: the printer drivers and the raster fonts load shortly after start.
 */
export const queueFeature = (options: QueueOptions = {}) =>
  feature({
    name: 'queue',
    channels: Object.keys(queueChannels) as Array<keyof typeof queueChannels & ChannelName>,
    lazy: true,
    open: async (ctx) => (await import('./queue-feature')).queueHandlers(ctx, options),
  });

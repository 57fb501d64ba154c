import type { ChannelName } from '../contract/channels';
import { devicesChannels } from '../contract/devices-channels';
import { feature } from '../feature';
import type { DevicesOptions } from './devices-feature';

/**
 * The devices on the desk: the identity-card reader (a serial reader listened to, a keyboard
 * wedge read through `identity.parse`). Lazy: the serial driver loads shortly after start.
 */
export const devicesFeature = (options: DevicesOptions = {}) =>
  feature({
    name: 'devices',
    channels: Object.keys(devicesChannels) as Array<keyof typeof devicesChannels & ChannelName>,
    lazy: true,
    open: async (ctx) => (await import('./devices-feature')).devicesHandlers(ctx, options),
  });

import type { ChannelName } from '../contract/channels';
import { signingChannels } from '../contract/signing-channels';
import { feature } from '../feature';

/** Signing slips and scans with the officer's USB token (PKCS#11 in a worker, PAdES with pkijs). */
export const signingFeature = feature({
  name: 'signing',
  channels: Object.keys(signingChannels) as Array<keyof typeof signingChannels & ChannelName>,
  // pkijs, pdf-lib, node-usb and the PKCS#11 worker load on the first call (or shortly after start).
  lazy: true,
  open: async (ctx) => (await import('./signing-feature')).signingHandlers(ctx),
});

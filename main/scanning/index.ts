import type { ChannelName } from '../contract/channels';
import { scanningChannels } from '../contract/scanning-channels';
import { feature } from '../feature';

/** Scanning the paper documents of a dossier (SANE, eSCL, WIA), one PDF per document. */
export const scanningFeature = feature({
  name: 'scanning',
  channels: Object.keys(scanningChannels) as Array<keyof typeof scanningChannels & ChannelName>,
  // sharp and the scanner drivers load on the first call (or shortly after start).
  lazy: true,
  open: async (ctx) => (await import('./scanning-feature')).scanningHandlers(ctx),
});

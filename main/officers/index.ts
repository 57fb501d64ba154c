import type { ChannelName } from '../contract/channels';
import { officersChannels } from '../contract/officers-channels';
import { feature } from '../feature';

/** Officers: the first account, logins and the idle lock, the technician's accounts, the audit log's check. */
export const officersFeature = feature({
  name: 'officers',
  channels: Object.keys(officersChannels) as Array<keyof typeof officersChannels & ChannelName>,
  open: async (ctx) => (await import('./officers-handlers')).officersHandlers(ctx),
  // argon2 loads on the first login (or shortly after start).
  lazy: true,
});

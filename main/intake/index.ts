import { intakeChannels } from '../contract/intake-channels';
import type { ChannelName } from '../contract/channels';
import { feature } from '../feature';
import { dossierHandlers } from './dossier-handlers';
import { seedOnFirstStart } from './seed';
import { setupHandlers } from './setup-handlers';
import { slipHandlers } from './slip-handlers';

/** Intake: the catalogue, the calendar, the settings, receiving a dossier, the log book, the slip. */
export const intakeFeature = feature({
  name: 'intake',
  channels: Object.keys(intakeChannels) as Array<keyof typeof intakeChannels & ChannelName>,
  open: (ctx) => {
    seedOnFirstStart(ctx.db, ctx.now());
    return { ...setupHandlers(ctx), ...dossierHandlers(ctx), ...slipHandlers(ctx) };
  },
});

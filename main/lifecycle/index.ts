import type { ChannelName } from '../contract/channels';
import { lifecycleChannels } from '../contract/lifecycle-channels';
import { feature } from '../feature';
import { counterRequestHandlers } from './counter-request-handlers';
import { formHandlers } from './form-handlers';
import { indicatorHandlers } from './indicator-handlers';
import { lifecycleEnv } from './lifecycle-env';
import { settingsHandlers } from './settings-handlers';
import { timelineHandlers } from './timeline-handlers';
import { transitionHandlers } from './transition-handlers';
import { watchHandlers } from './watch-handlers';

/**
 * A dossier's whole life at the counter after intake: its transitions and forms (Mẫu 02–05, the
 * stop notice, the handover note), requests handled without a reception, the results to hand
 * back, the overdue watch, the timeline, the conflicts with the portal, the log book (Mẫu 06),
 * the dashboard and the periodic report.
 */
export const lifecycleFeature = feature({
  name: 'lifecycle',
  channels: Object.keys(lifecycleChannels) as Array<keyof typeof lifecycleChannels & ChannelName>,
  open: (ctx) => {
    const env = lifecycleEnv(ctx);
    return {
      ...settingsHandlers(env),
      ...transitionHandlers(env),
      ...counterRequestHandlers(env),
      ...timelineHandlers(env),
      ...formHandlers(env),
      ...watchHandlers(env),
      ...indicatorHandlers(env),
    };
  },
});

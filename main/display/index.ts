import type { ChannelName } from '../contract/channels';
import { displayChannels } from '../contract/display-channels';
import { feature } from '../feature';
import { displayHandlers, type DisplayOptions } from './display-feature';

/** The screen facing the citizen: the details being typed, then a rating stored with the dossier. */
export const displayFeature = (options: DisplayOptions = {}) =>
  feature({
    name: 'display',
    channels: Object.keys(displayChannels) as Array<keyof typeof displayChannels & ChannelName>,
    open: (ctx) => displayHandlers(ctx, options),
  });

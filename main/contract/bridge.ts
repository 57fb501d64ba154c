import type { ChannelInput, ChannelName, ChannelOutput, Envelope } from './channels';
import type { EventName, EventPayload } from './events';

/**
 * The shape of `window.station`: one function per channel, answering the host's envelope.
 * Envelopes (not thrown errors) cross the bridge because contextBridge keeps only the message
 * of a rejected Error, and the renderer needs the code and the field.
 */
export type StationBridge = {
  /** `session`: the id `session.login` answered, kept by the renderer for the calls it makes. */
  [C in ChannelName]: (input: ChannelInput<C>, session?: string) => Promise<Envelope<ChannelOutput<C>>>;
};

/** `window.stationEvents`: the station's pushed events; each subscription answers its unsubscribe. */
export type StationEventsBridge = Readonly<{
  on: <E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) => () => void;
}>;

/** The IPC channel string of a contract channel; the only place the prefix is written. */
export function ipcChannel(name: ChannelName): string {
  return `station:${name}`;
}

/** The IPC message name of a pushed event. */
export function ipcEvent(name: EventName): string {
  return `station-event:${name}`;
}

import type { ChannelInput, ChannelName, ChannelOutput, Envelope } from './channels';

/**
 * The shape of `window.station`: one function per channel, answering the host's envelope.
 * Envelopes (not thrown errors) cross the bridge because contextBridge keeps only the message
 * of a rejected Error, and the renderer needs the code and the field.
 */
export type StationBridge = { [C in ChannelName]: (input: ChannelInput<C>) => Promise<Envelope<ChannelOutput<C>>> };

/** The IPC channel string of a contract channel; the only place the prefix is written. */
export function ipcChannel(name: ChannelName): string {
  return `station:${name}`;
}

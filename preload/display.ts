import { contextBridge, ipcRenderer } from 'electron';
import type { StationBridge, StationEventsBridge } from '../main/contract/bridge';
import { DISPLAY_CHANNELS, displayIpcChannel, displayIpcEvent, isDisplayEvent, type DisplayChannel } from '../main/contract/display-bridge';

// The preload of the window facing the citizen (main/hosts/electron/display-window.ts): the same
// `window.station` and `window.stationEvents` shapes as the officer's window, holding only what
// the display may use — its view and the rating — on IPC names of its own, which the host
// answers only for this window, as the display role. Nothing else of the station is reachable.

export type DisplayBridge = Pick<StationBridge, DisplayChannel>;

const bridge = Object.fromEntries(
  DISPLAY_CHANNELS.map((name) => [name, (input: unknown) => ipcRenderer.invoke(displayIpcChannel(name), input)]),
) as DisplayBridge;

const eventsBridge: StationEventsBridge = {
  on: (name, listener) => {
    if (!isDisplayEvent(name)) return () => {};
    const wrapped = (_event: unknown, payload: unknown) => listener(payload as never);
    ipcRenderer.on(displayIpcEvent(name), wrapped);
    return () => { ipcRenderer.removeListener(displayIpcEvent(name), wrapped); };
  },
};

contextBridge.exposeInMainWorld('station', bridge);
contextBridge.exposeInMainWorld('stationEvents', eventsBridge);

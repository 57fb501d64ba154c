import { contextBridge, ipcRenderer } from 'electron';
import { channelNames } from '../main/contract/channels';
import { isEventName } from '../main/contract/events';
import { ipcChannel, ipcEvent, type StationBridge, type StationEventsBridge } from '../main/contract/bridge';

// The only door between the sandboxed renderer and the station: one function per contract
// channel and a way to listen to the contract's events, nothing else of Electron or Node exposed.
const bridge = Object.fromEntries(
  channelNames.map((name) => [name, (input: unknown, session?: string) => ipcRenderer.invoke(ipcChannel(name), input, session)]),
) as StationBridge;

const eventsBridge: StationEventsBridge = {
  on: (name, listener) => {
    if (!isEventName(name)) return () => {};
    const wrapped = (_event: unknown, payload: unknown) => listener(payload as never);
    ipcRenderer.on(ipcEvent(name), wrapped);
    return () => { ipcRenderer.removeListener(ipcEvent(name), wrapped); };
  },
};

contextBridge.exposeInMainWorld('station', bridge);
contextBridge.exposeInMainWorld('stationEvents', eventsBridge);

export type Bridge = typeof bridge;
export type EventsBridge = typeof eventsBridge;

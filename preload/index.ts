import { contextBridge, ipcRenderer } from 'electron';
import { channelNames } from '../main/contract/channels';
import { ipcChannel, type StationBridge } from '../main/contract/bridge';

// The only door between the sandboxed renderer and the station: one function per contract
// channel, nothing else of Electron or Node exposed.
const bridge = Object.fromEntries(
  channelNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(ipcChannel(name), input)]),
) as StationBridge;

contextBridge.exposeInMainWorld('station', bridge);

export type Bridge = typeof bridge;

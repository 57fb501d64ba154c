import type { StationBridge, StationEventsBridge } from '../../../../main/contract/bridge';

/** How this window reaches the station: the preload's bridges (Electron) or the web host with its token. */
export type StationLink = Readonly<{ kind: 'electron'; bridge: StationBridge; events: StationEventsBridge } | { kind: 'web'; bridge: StationBridge; token: string }>;

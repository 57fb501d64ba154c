// What the screen facing the citizen may reach (main/contract/display-channels.ts declares the
// channels): its bridge, in the Electron preload and host, is built from these names alone —
// kept apart from the schemas so the display's preload stays small.

/** The display's channels and events: what its bridge exposes, nothing more. */
export const DISPLAY_CHANNELS = ['display.current', 'rating.submit'] as const;
export const DISPLAY_EVENTS = ['display.changed'] as const;

export type DisplayChannel = (typeof DISPLAY_CHANNELS)[number];
export type DisplayEvent = (typeof DISPLAY_EVENTS)[number];

/** The IPC names of the display's bridge (a window of its own, answered apart from the officer's). */
export function displayIpcChannel(name: DisplayChannel): string {
  return `station-display:${name}`;
}

export function displayIpcEvent(name: DisplayEvent): string {
  return `station-display-event:${name}`;
}

export function isDisplayEvent(name: string): name is DisplayEvent {
  return (DISPLAY_EVENTS as readonly string[]).includes(name);
}

/** Who calls from the display: no officer, the display role only (a session of its own, never idle-locked). */
export const DISPLAY_OFFICER = { id: 'display', name: 'Màn hình công dân', roles: ['display'] } as const;

import { describe, expect, it, vi } from 'vitest';

// The display's preload, with a stand-in for Electron's contextBridge and ipcRenderer: it exposes
// the display's two channels on their own IPC names and its one event, nothing else.

const fake = vi.hoisted(() => {
  const exposed = new Map<string, Record<string, unknown>>();
  const invoked: Array<[string, unknown]> = [];
  const subscribed: string[] = [];
  return {
    exposed, invoked, subscribed,
    electron: {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: (channel: string, input: unknown) => { invoked.push([channel, input]); return Promise.resolve({ ok: true, value: null }); },
        on: (channel: string) => subscribed.push(channel),
        removeListener: (channel: string) => subscribed.splice(subscribed.indexOf(channel), 1),
      },
    },
  };
});
vi.mock('electron', () => fake.electron);
await import('../../preload/display');

describe('the display’s preload', () => {
  it('exposes only display.current and rating.submit, on the display’s IPC names', async () => {
    const station = fake.exposed.get('station')!;
    expect(Object.keys(station).sort()).toEqual(['display.current', 'rating.submit']);
    await (station['display.current'] as (i: unknown) => Promise<unknown>)({});
    await (station['rating.submit'] as (i: unknown) => Promise<unknown>)({ visitId: 'v', score: 4 });
    expect(fake.invoked).toEqual([['station-display:display.current', {}], ['station-display:rating.submit', { visitId: 'v', score: 4 }]]);
  });

  it('listens to display.changed only', () => {
    const events = fake.exposed.get('stationEvents') as { on: (name: string, listener: () => void) => () => void };
    const off = events.on('display.changed', () => {});
    events.on('identity.scanned', () => {});
    events.on('dossier.changed', () => {});
    expect(fake.subscribed).toEqual(['station-display-event:display.changed']);
    off();
    expect(fake.subscribed).toEqual([]);
  });
});

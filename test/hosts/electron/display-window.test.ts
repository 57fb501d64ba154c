import { describe, expect, it, vi } from 'vitest';
import type { DisplayView } from '../../../main/contract/display-channels';
import { DISPLAY_OFFICER } from '../../../main/contract/display-bridge';
import { openTestStation } from '../../helpers/station';

// The Electron binary cannot run here: `electron` is replaced by a stand-in that records what the
// host asks of it (the window's options and handlers, the IPC bindings, the displays), and the
// station behind it is a real one. What is checked is the host's own logic: which display, which
// preload, which channels answer, for which frame, as which role.

const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  const handlers = new Map<string, Listener>();
  const windows: FakeWindow[] = [];
  let displays = [
    { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
    { id: 2, bounds: { x: 1920, y: 0, width: 1280, height: 800 } },
  ];
  const screenListeners = new Map<string, Set<Listener>>();
  class FakeWebContents {
    mainFrame = { url: '' };
    sent: Array<[string, unknown]> = [];
    listeners = new Map<string, Listener>();
    openHandler: Listener | undefined;
    on(event: string, fn: Listener) { this.listeners.set(event, fn); return this; }
    setWindowOpenHandler(fn: Listener) { this.openHandler = fn; }
    send(channel: string, payload: unknown) { this.sent.push([channel, payload]); }
  }
  class FakeWindow {
    webContents = new FakeWebContents();
    destroyed = false;
    bounds: unknown;
    kiosk: boolean;
    listeners = new Map<string, Listener>();
    constructor(readonly options: Record<string, unknown>) {
      this.kiosk = options.kiosk === true;
      windows.push(this);
    }
    once(event: string, fn: Listener) { this.listeners.set(event, fn); }
    on(event: string, fn: Listener) { this.listeners.set(event, fn); }
    loadURL(url: string) { this.webContents.mainFrame.url = url; return Promise.resolve(); }
    isDestroyed() { return this.destroyed; }
    setBounds(b: unknown) { this.bounds = b; }
    setKiosk(k: boolean) { this.kiosk = k; }
    setFullScreen() {}
    setSize() {}
    show() {}
    close() { this.destroyed = true; this.listeners.get('closed')?.(); }
  }
  return {
    handlers, windows, screenListeners,
    setDisplays: (d: typeof displays) => { displays = d; },
    electron: {
      BrowserWindow: FakeWindow,
      ipcMain: { handle: (channel: string, fn: Listener) => handlers.set(channel, fn), removeHandler: (channel: string) => handlers.delete(channel) },
      screen: {
        getPrimaryDisplay: () => displays[0],
        getAllDisplays: () => displays,
        on: (event: string, fn: Listener) => { if (!screenListeners.has(event)) screenListeners.set(event, new Set()); screenListeners.get(event)!.add(fn); },
        off: (event: string, fn: Listener) => screenListeners.get(event)?.delete(fn),
      },
    },
  };
});
vi.mock('electron', () => fake.electron);

const { openDisplayWindow } = await import('../../../main/hosts/electron/display-window');

const RENDERER = 'app://station/index.html';
const PRELOAD = '/opt/tram/dist/electron/preload-display.cjs';

function open() {
  const station = openTestStation();
  const display = openDisplayWindow({ pageUrl: RENDERER, preload: PRELOAD, dispatch: station.dispatch, openSession: () => station.sessions.open(DISPLAY_OFFICER, { idleLock: false }).id, events: station.events, language: station.language });
  const win = fake.windows.at(-1)!;
  const call = (channel: string, payload: unknown, frame: unknown = win.webContents.mainFrame) => fake.handlers.get(channel)!({ senderFrame: frame }, payload) as Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
  return { station, display, win, call };
}

describe('the window facing the citizen (Electron host)', () => {
  it('opens full screen on the second display, sandboxed, with the display’s own preload, at the display page', () => {
    const { win, display } = open();
    expect(win.options).toMatchObject({ x: 1920, y: 0, width: 1280, height: 800, fullscreen: true, kiosk: true });
    expect(win.options.webPreferences).toEqual({ preload: PRELOAD, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false });
    expect(win.webContents.mainFrame.url).toBe(`${RENDERER}#display`);
    display.close();
  });

  it('answers only the display’s channels, only for its own page, as the display role', async () => {
    const { station, win, call, display } = open();
    expect([...fake.handlers.keys()].sort()).toEqual(['station-display:display.current', 'station-display:rating.submit']);
    expect(await call('station-display:display.current', {})).toMatchObject({ ok: true, value: { mode: 'idle' } });
    expect(await call('station-display:display.current', {}, { url: 'https://evil.example/' })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

    // The citizen rates from this window: accepted, because it calls as the display.
    const dossier = await station.save(await station.validDraft());
    const asked = await station.dispatch('display.askRating', { dossierCode: dossier.code });
    const visitId = (asked as { value: { visitId: string } }).value.visitId;
    expect(await call('station-display:rating.submit', { visitId, score: 4 })).toMatchObject({ ok: true, value: { saved: true } });

    // Only the display's event reaches the window.
    await station.call('queue.issue', { group: 'A' });
    const names = win.webContents.sent.map(([name]) => name);
    expect(new Set(names)).toEqual(new Set(['station-display-event:display.changed']));
    expect((win.webContents.sent.at(-1)![1] as DisplayView).mode).toBe('thanks');
    display.close();
    expect(fake.handlers.size).toBe(0);
  });

  it('refuses navigation, new windows and web views', () => {
    const { win, display } = open();
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = { preventDefault: vi.fn() };
      win.webContents.listeners.get(event)!(e);
      expect(e.preventDefault, event).toHaveBeenCalled();
    }
    expect(win.webContents.openHandler!({ url: 'https://example.org' })).toEqual({ action: 'deny' });
    display.close();
  });

  it('opens a window on the officer’s screen when there is one screen, and moves to a second one plugged in later', () => {
    fake.setDisplays([{ id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 } }]);
    const { win, display } = open();
    expect(win.options).toMatchObject({ width: 1024, height: 768 });
    expect(win.options.kiosk).toBeUndefined();
    fake.setDisplays([{ id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 } }, { id: 7, bounds: { x: 1366, y: 0, width: 1024, height: 600 } }]);
    for (const fn of fake.screenListeners.get('display-added') ?? []) fn();
    expect(win.bounds).toEqual({ x: 1366, y: 0, width: 1024, height: 600 });
    expect(win.kiosk).toBe(true);
    display.close();
    expect(fake.screenListeners.get('display-added')?.size ?? 0).toBe(0);
  });
});

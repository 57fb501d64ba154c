import { BrowserWindow, ipcMain, screen, type Display, type IpcMainInvokeEvent } from 'electron';
import { DISPLAY_CHANNELS, displayIpcChannel, displayIpcEvent, isDisplayEvent } from '../../contract/display-bridge';
import { errorPayload } from '../../contract/dispatch';
import { StationError, type Language } from '../../core/errors';
import type { EventBus } from '../../event-bus';
import type { Station } from '../../station';
import { messages } from '../../messages';

// The second window: the screen facing the citizen. On the second display when the PC has one
// (full screen, as a kiosk), else a window beside the officer's. It loads the same renderer at
// its display page, with a preload of its own (preload/display.ts) that exposes only the
// display's channels and event; every call from it is checked for its sender frame and made as
// the `display` role; navigation, new windows and web views are refused.

export type DisplayWindowOptions = Readonly<{
  /** The renderer's page, app://station/index.html (the display is its #display route). */
  pageUrl: string;
  /** dist/electron/preload-display.cjs (the bundle of preload/display.ts) */
  preload: string;
  dispatch: Station['dispatch'];
  /** Opens the display's own session (the `display` role, never idle-locked). */
  openSession: () => string;
  events: EventBus;
  language: () => Language;
  title?: string;
}>;

export type DisplayWindow = Readonly<{
  window: BrowserWindow;
  /** Closes the window and unbinds its IPC and events. */
  close: () => void;
}>;


/** The display facing the citizen: the first one that is not the officer's (primary) display. */
export function citizenDisplay(): Display | undefined {
  const primary = screen.getPrimaryDisplay();
  return screen.getAllDisplays().find((d) => d.id !== primary.id);
}

export function openDisplayWindow(options: DisplayWindowOptions): DisplayWindow {
  const target = citizenDisplay();
  const win = new BrowserWindow({
    ...(target ? { ...target.bounds, fullscreen: true, kiosk: true } : { width: 1024, height: 768 }),
    title: options.title ?? 'Màn hình dành cho công dân',
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.on('will-redirect', (e) => e.preventDefault());
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const { pageUrl } = options;
  void win.loadURL(`${pageUrl}#display`);

  /** Only this window's own top-level page may call, as the display. */
  const fromDisplay = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    return !win.isDestroyed() && !!frame && frame === win.webContents.mainFrame && frame.url.split('#')[0] === pageUrl;
  };
  const session = options.openSession();
  for (const name of DISPLAY_CHANNELS) {
    ipcMain.handle(displayIpcChannel(name), (event, payload: unknown) =>
      fromDisplay(event)
        ? options.dispatch(name, payload, session)
        : { ok: false, error: errorPayload(new StationError('UNAUTHORIZED'), options.language(), messages) },
    );
  }
  const stopEvents = options.events.subscribe((e) => {
    if (isDisplayEvent(e.name) && !win.isDestroyed()) win.webContents.send(displayIpcEvent(e.name), e.payload);
  });

  // A second screen plugged in (or out) while the station runs: the window follows it.
  const follow = () => {
    if (win.isDestroyed()) return;
    const d = citizenDisplay();
    if (d) {
      win.setBounds(d.bounds);
      win.setKiosk(true);
    } else {
      win.setKiosk(false);
      win.setFullScreen(false);
      win.setSize(1024, 768);
    }
  };
  screen.on('display-added', follow);
  screen.on('display-removed', follow);

  let closed = false;
  const unbind = () => {
    if (closed) return;
    closed = true;
    for (const name of DISPLAY_CHANNELS) ipcMain.removeHandler(displayIpcChannel(name));
    stopEvents();
    screen.off('display-added', follow);
    screen.off('display-removed', follow);
  };
  win.on('closed', unbind);
  return {
    window: win,
    close: () => {
      unbind();
      if (!win.isDestroyed()) win.close();
    },
  };
}

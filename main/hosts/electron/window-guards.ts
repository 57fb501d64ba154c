import { app, type BrowserWindow, type WebPreferences } from 'electron';

// What every window of the station gets: no navigation away from what it loaded, no new
// windows, no permission prompts, and no DevTools in the packaged app.

/** webPreferences every window starts from. */
export function lockedPreferences(extra: WebPreferences = {}): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    spellcheck: false,
    devTools: !app.isPackaged,
    ...extra,
  };
}

export function guardWindow(win: BrowserWindow): BrowserWindow {
  const contents = win.webContents;
  contents.on('will-navigate', (e) => e.preventDefault());
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  if (app.isPackaged) contents.on('devtools-opened', () => contents.closeDevTools());
  return win;
}

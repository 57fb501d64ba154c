import { app, BrowserWindow, dialog, ipcMain, session, type IpcMainInvokeEvent } from 'electron';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { channelNames } from '../../contract/channels';
import { ipcChannel, ipcEvent } from '../../contract/bridge';
import { errorPayload } from '../../contract/dispatch';
import { StationError } from '../../core/errors';
import { messages } from '../../messages';
import { openStation } from '../../station';
import { CONTENT_SECURITY_POLICY } from '../security';
import { APP_RENDERER_URL, registerAppScheme, serveRenderer } from './app-protocol';
import { DISPLAY_OFFICER } from '../../contract/display-bridge';
import { citizenDisplay, openDisplayWindow } from './display-window';
import { electronPrinter } from './electron-printer';
import { safeStorageSealer } from './safe-storage-sealer';
import { guardWindow, lockedPreferences } from './window-guards';

// The desktop host. Thin on purpose: it cannot run on CI machines (no Electron binary), so all
// behaviour lives in the core and is tested through the web host; this file only binds.

if (!app.requestSingleInstanceLock()) app.quit();
// The renderer loads from app://station/ (a privileged scheme of our own), never from file://.
registerAppScheme();
// Dates in inputs and the PDF viewer follow the counter's language, whatever the OS locale.
app.commandLine.appendSwitch('lang', 'vi');

const appRoot = app.getAppPath();
const rendererRoot = join(appRoot, 'dist', 'renderer');
const dataArg = process.argv.find((a) => a.startsWith('--data='))?.slice('--data='.length);
// Where the OS has no keychain the database key would lie unprotected: only when the technician says so.
const acceptUnsealedKey = process.argv.includes('--accept-unsealed-key');
// The screen facing the citizen opens on a second display, or beside the officer's with --citizen-display.
const citizenDisplayWanted = process.argv.includes('--citizen-display');

/** The encrypted database's binding rebuilt for Electron's ABI (build/electron-native.mjs), beside the Node one. */
function electronSqliteBinding(): string | undefined {
  const file = 'better_sqlite3_multiple_ciphers.node';
  const candidates = [join(process.resourcesPath, 'native', file), join(appRoot, '.electron-native', file)];
  return candidates.find((p) => existsSync(p));
}

let mainWindow: BrowserWindow | undefined;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    title: 'Trạm tiếp nhận hồ sơ một cửa',
    show: false,
    webPreferences: lockedPreferences({ preload: join(appRoot, 'dist', 'electron', 'preload.cjs') }),
  });
  guardWindow(win);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_RENDERER_URL);
  return win;
}

/** Only our own top-level page may call the station (no iframes, no other origins). */
function fromOurPage(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return !!frame && !!mainWindow && frame === mainWindow.webContents.mainFrame && frame.url.split('#')[0] === APP_RENDERER_URL;
}

void app.whenReady().then(() => {
  const dataDir = resolve(dataArg ?? app.getPath('userData'));
  const nativeBinding = electronSqliteBinding();
  serveRenderer(rendererRoot);
  let station: ReturnType<typeof openStation>;
  try {
    station = openStation({
      dataDir,
      host: 'electron',
      version: app.getVersion(),
      printer: electronPrinter(() => mainWindow),
      keySealer: safeStorageSealer(),
      acceptUnsealedKey,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
  } catch (error) {
    // A key this PC cannot unseal, a refused unprotected key, a damaged file: say so and stop.
    dialog.showErrorBox('Trạm tiếp nhận một cửa', error instanceof StationError ? messages.error(error.code, error.params, 'vi') : String(error));
    app.quit();
    return;
  }
  const dispatch = station.dispatch;

  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  for (const name of channelNames) {
    ipcMain.handle(ipcChannel(name), (event, payload: unknown, session: unknown) =>
      fromOurPage(event)
        ? dispatch(name, payload, typeof session === 'string' && session.length <= 100 ? session : undefined)
        : { ok: false, error: errorPayload(new StationError('UNAUTHORIZED'), station.language(), messages) },
    );
  }

  mainWindow = createWindow();
  // The station's events go to the window as they happen; the renderer refetches what they name.
  station.events.subscribe((e) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(ipcEvent(e.name), e.payload);
  });
  // The citizen's screen: its own window, preload and session (the display role, never idle-locked).
  if (citizenDisplayWanted || citizenDisplay()) {
    const display = openDisplayWindow({
      pageUrl: APP_RENDERER_URL,
      preload: join(appRoot, 'dist', 'electron', 'preload-display.cjs'),
      dispatch,
      openSession: () => station.sessions.open({ ...DISPLAY_OFFICER, roles: [...DISPLAY_OFFICER.roles] }, { idleLock: false }).id,
      events: station.events,
      language: station.language,
    });
    mainWindow.on('closed', () => display.close());
  }
  // The first slip of the day should not wait for pdfmake to load its fonts (~0.2 s).
  void import('../../forms/pdf').then((pdf) => {
    pdf.setFontDirectory(join(appRoot, 'node_modules', 'pdfmake', 'fonts', 'Roboto'));
    return pdf.warmUpPdf();
  });
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => {
    void station.close().finally(() => app.quit());
  });
});

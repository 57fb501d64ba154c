import { protocol, type Session } from 'electron';
import { readFile } from 'node:fs/promises';
import { RENDERER_RESPONSE_HEADERS, resolveRendererRequest } from '../renderer-files';

// The renderer served from app://station/ instead of file://. A file:// page shares its origin
// with every file on the disk (a page that gets to load one can read the others) and needs the
// grantFileProtocolExtraPrivileges fuse, which electron-builder.yml switches off. app://station/ is
// one origin of its own: 'self' in the CSP means the renderer bundle and nothing else, and the
// handler answers only files of dist/renderer (renderer-files.ts).
//
// Wiring (main.ts, by the integrator):
//   registerAppScheme();                       // at load, before app is ready
//   app.whenReady(): serveRenderer(join(appRoot, 'dist', 'renderer'));
//                    win.loadURL(APP_RENDERER_URL) instead of win.loadFile(rendererIndex);
//                    fromOurPage compares frame.url (before '#') with APP_RENDERER_URL.

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://station';
export const APP_RENDERER_URL = `${APP_ORIGIN}/index.html`;

/**
 * Declares app: as a standard, secure scheme. Electron requires this before the app is ready.
 * Privileges kept to what the renderer needs: standard (relative URLs, an origin of its own),
 * secure (a secure context, like https), fetch (the renderer's own assets) and the V8 code
 * cache (faster start). Not bypassCSP, not CORS, no service workers, no extensions.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true, bypassCSP: false, corsEnabled: false, allowServiceWorkers: false, stream: false } },
  ]);
}

/** Answers app://station/… from `rendererRoot` (dist/renderer) with the station's CSP; call once the app is ready. */
export function serveRenderer(rendererRoot: string, session?: Session): void {
  const handler = session?.protocol ?? protocol;
  handler.handle(APP_SCHEME, async (request) => {
    const found = resolveRendererRequest(rendererRoot, APP_ORIGIN, request.url, request.method);
    if (found.status !== 200) {
      return new Response(null, { status: found.status, headers: { ...RENDERER_RESPONSE_HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
    }
    const body = request.method === 'HEAD' ? null : await readFile(found.file);
    return new Response(body, { status: 200, headers: { ...RENDERER_RESPONSE_HEADERS, 'content-type': found.contentType } });
  });
}

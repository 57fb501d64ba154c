import { existsSync, realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, posix, relative, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './security';

// Which file of dist/renderer a request for the renderer gets, for the desktop host's
// app://station/ scheme (electron/app-protocol.ts). Plain Node, so it is tested without Electron.
// Nothing outside the renderer folder can be named: no "..", no backslash, no NUL, no symlink
// leading out; only known file types, each with its MIME type; a path without an extension is a
// page of the single-page app and gets index.html; a missing asset is a 404, never index.html
// (a script tag must not receive HTML).

export const RENDERER_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The headers of every answer: the station's CSP, no sniffing, no referrer, no framing, no cache. */
export const RENDERER_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-cache',
};

export type RendererRequest =
  | Readonly<{ status: 200; file: string; contentType: string }>
  | Readonly<{ status: 400 | 403 | 404 | 405; reason: string }>;

/**
 * The file for `url` under `root` (dist/renderer), when the URL is of `origin`
 * ("app://station"). `root` must be the renderer folder itself, resolved.
 */
export function resolveRendererRequest(root: string, origin: string, url: string, method = 'GET'): RendererRequest {
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, reason: 'method' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { status: 400, reason: 'url' };
  }
  // (URL.origin is "null" for a scheme Node does not know, hence protocol and host.)
  if (`${parsed.protocol}//${parsed.host}` !== origin) return { status: 403, reason: 'origin' };
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return { status: 400, reason: 'encoding' };
  }
  // The URL parser already resolved literal dot segments; what is left after decoding is hostile.
  if (path.includes('\0') || path.includes('\\') || path.split('/').some((s) => s === '..' || s === '.') || /^\/[a-zA-Z]:/.test(path) || path.startsWith('//')) {
    return { status: 403, reason: 'path' };
  }
  const rel = posix.normalize(path).replace(/^\/+/, '');
  const wanted = rel === '' ? 'index.html' : rel;
  const spaPage = extname(wanted) === '';
  const file = spaPage ? join(root, 'index.html') : join(root, ...wanted.split('/'));
  if (!inside(root, file)) return { status: 403, reason: 'path' };
  const contentType = RENDERER_CONTENT_TYPES[extname(file).toLowerCase()];
  if (!contentType) return { status: 404, reason: 'type' };
  if (!existsSync(file) || !statSync(file).isFile()) return { status: 404, reason: 'missing' };
  // A symlink inside the folder must not lead out of it.
  if (!inside(realpathSync(root), realpathSync(file))) return { status: 403, reason: 'symlink' };
  return { status: 200, file, contentType };
}

function inside(root: string, file: string): boolean {
  const r = relative(root, file);
  return r !== '' && !r.startsWith(`..${sep}`) && r !== '..' && !isAbsolute(r);
}

import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_RESPONSE_HEADERS, resolveRendererRequest } from '../../main/hosts/renderer-files';
import { CONTENT_SECURITY_POLICY } from '../../main/hosts/security';
import { tempDir } from '../helpers/station';

// The real renderer build (`npm run build:renderer`), as app://station/ serves it.
const RENDERER = resolve(import.meta.dirname, '../../dist/renderer');
const ORIGIN = 'app://station';
const get = (path: string, method = 'GET', root = RENDERER) => resolveRendererRequest(root, ORIGIN, `${ORIGIN}${path}`, method);

describe('the renderer files behind app://station/', () => {
  it('serves the built page and its assets with their types', () => {
    expect(existsSync(join(RENDERER, 'index.html'))).toBe(true);
    expect(get('/')).toEqual({ status: 200, file: join(RENDERER, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(get('/index.html')).toMatchObject({ status: 200, contentType: 'text/html; charset=utf-8' });
    const assets = readdirSync(join(RENDERER, 'assets'));
    const script = assets.find((f) => f.endsWith('.js'))!;
    const style = assets.find((f) => f.endsWith('.css'))!;
    expect(get(`/assets/${script}`)).toEqual({ status: 200, file: join(RENDERER, 'assets', script), contentType: 'text/javascript; charset=utf-8' });
    expect(get(`/assets/${style}`)).toMatchObject({ status: 200, contentType: 'text/css; charset=utf-8' });
    expect(get(`/assets/${script}?v=1#x`)).toMatchObject({ status: 200 });
  });

  it('gives the page for an app route, and a 404 (not the page) for a missing asset', () => {
    expect(get('/so-theo-doi')).toMatchObject({ status: 200, file: join(RENDERER, 'index.html') });
    expect(get('/assets/missing.js')).toEqual({ status: 404, reason: 'missing' });
    expect(get('/assets/')).toMatchObject({ status: 200, file: join(RENDERER, 'index.html') });
  });

  it('never leaves the renderer folder', () => {
    for (const path of ['/../package.json', '/../../../../etc/passwd', '/%2e%2e/package.json', '/assets/%2e%2e/%2e%2e/package.json',
      '/..%2fpackage.json', '/..%2f..%2fpackage.json', '/assets/..%5c..%5cpackage.json', '/%5c..%5cpackage.json', '/index.html%00.png',
      '/C:/Windows/win.ini', '/%2f%2fetc/passwd', '/assets/%2e/x.js']) {
      // Dot segments the URL parser resolves stay at the root ("/../../etc/passwd" is the app
      // route "/etc/passwd": the page); whatever is answered is a file of the renderer folder.
      const r = get(path);
      if (r.status === 200) expect(r.file, path).toBe(join(RENDERER, 'index.html'));
    }
    expect(get('/../../../../etc/passwd')).toMatchObject({ status: 200, file: join(RENDERER, 'index.html') });
    expect(get('/../package.json')).toEqual({ status: 404, reason: 'missing' });
    expect(get('/..%2fpackage.json')).toEqual({ status: 403, reason: 'path' });
    expect(get('/%E0%A4%A')).toEqual({ status: 400, reason: 'encoding' });
  });

  it('answers only its own origin and only GET and HEAD', () => {
    expect(resolveRendererRequest(RENDERER, ORIGIN, 'app://evil/index.html')).toEqual({ status: 403, reason: 'origin' });
    expect(resolveRendererRequest(RENDERER, ORIGIN, 'file:///etc/passwd')).toEqual({ status: 403, reason: 'origin' });
    expect(resolveRendererRequest(RENDERER, ORIGIN, 'not a url')).toEqual({ status: 400, reason: 'url' });
    expect(get('/index.html', 'POST')).toEqual({ status: 405, reason: 'method' });
    expect(get('/index.html', 'HEAD')).toMatchObject({ status: 200 });
  });

  it('does not follow a symlink out of the folder, nor serve unknown file types', () => {
    const root = join(tempDir(), 'renderer');
    const outside = join(root, '..', 'secret.json');
    mkdirSync(root);
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    writeFileSync(outside, '{"key":"x"}');
    symlinkSync(outside, join(root, 'data.json'));
    writeFileSync(join(root, 'station.sqlite3'), 'SQLite format 3');
    expect(get('/data.json', 'GET', root)).toEqual({ status: 403, reason: 'symlink' });
    expect(get('/station.sqlite3', 'GET', root)).toEqual({ status: 404, reason: 'type' });
    expect(get('/', 'GET', root)).toMatchObject({ status: 200 });
  });

  it("sends the station's CSP and no-sniff with every answer", () => {
    expect(RENDERER_RESPONSE_HEADERS['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(RENDERER_RESPONSE_HEADERS['x-content-type-options']).toBe('nosniff');
    expect(RENDERER_RESPONSE_HEADERS['referrer-policy']).toBe('no-referrer');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { channelNames } from '../../main/contract/channels';
import { migrations } from '../../main/storage/migrations';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import { TEST_OFFICER } from '../helpers/station';

// The web host is a real HTTP server on 127.0.0.1: it must refuse what is not ours.

let host: WebHost;
let dataDir: string;

let session: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'station-web-'));
  host = await startWebHost({ port: 0, dataDir, rendererDir: resolve('dist/renderer'), version: 'test', token: 'secret-token' });
  // An officer logged in at this browser (the station's own sessions; logins are tested in test/officers).
  session = host.station.sessions.open(TEST_OFFICER).id;
  auth['x-station-session'] = session;
});
afterAll(async () => {
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A raw request, so tests can set the Host and Origin headers a browser would send. */
function send(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((done, fail) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: init.method ?? 'GET', headers: init.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', fail);
    req.end(init.body);
  });
}

const json = { 'content-type': 'application/json' };
const auth: Record<string, string> = { ...json, authorization: 'Bearer secret-token' };

describe('web host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('answers a channel with the bearer token', async () => {
    const res = await send('/api/app.info', { method: 'POST', headers: auth, body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { host: 'web', version: 'test', schemaVersion: migrations.length } });
  });

  it('refuses a missing or wrong token with a Vietnamese message', async () => {
    for (const headers of [json, { ...json, authorization: 'Bearer nope' }]) {
      const res = await send('/api/app.info', { method: 'POST', headers, body: '{}' });
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body).error).toMatchObject({ code: 'UNAUTHORIZED', message: 'Phiên làm việc không hợp lệ. Hãy mở lại trạm.' });
    }
  });

  it('refuses foreign Host and Origin headers (DNS rebinding, other sites)', async () => {
    const rebound = await send('/api/app.info', { method: 'POST', headers: { ...auth, host: 'evil.example:80' }, body: '{}' });
    expect(rebound.status).toBe(403);
    const crossSite = await send('/api/app.info', { method: 'POST', headers: { ...auth, origin: 'http://evil.example' }, body: '{}' });
    expect(crossSite.status).toBe(403);
  });

  it('lists every channel with its input and output JSON Schema, to the token only', async () => {
    expect((await send('/api')).status).toBe(401);
    const res = await send('/api', { headers: { authorization: 'Bearer secret-token' } });
    expect(res.status).toBe(200);
    const listed = JSON.parse(res.body).channels as Array<{ channel: string; input: { type?: string }; output: unknown }>;
    expect(listed.map((c) => c.channel).sort()).toEqual([...channelNames].sort());
    const save = listed.find((c) => c.channel === 'dossier.save')!;
    expect(save.input).toMatchObject({ type: 'object', required: expect.arrayContaining(['intakeKey', 'owner', 'documents']) });
  });

  it('answers bad requests with typed errors and writes nothing', async () => {
    const garbage = await send('/api/dossier.save', { method: 'POST', headers: auth, body: '{"intakeKey": ' });
    expect(garbage.status).toBe(400);
    expect(JSON.parse(garbage.body).error.code).toBe('VALIDATION');
    const huge = await send('/api/dossier.save', { method: 'POST', headers: auth, body: JSON.stringify({ notes: 'x'.repeat(1_200_000) }) });
    expect(huge.status).toBe(413);
    const unknown = await send('/api/dossier.delete', { method: 'POST', headers: auth, body: '{}' });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('CHANNEL_UNKNOWN');
    const notJson = await send('/api/app.info', { method: 'POST', headers: { authorization: 'Bearer secret-token', 'content-type': 'text/plain' }, body: '{}' });
    expect(notJson.status).toBe(415);
    const wrongType = await send('/api/dossier.search', { method: 'POST', headers: auth, body: JSON.stringify({ query: 42 }) });
    expect(wrongType.status).toBe(400);
    expect(JSON.parse(wrongType.body).error).toMatchObject({ code: 'VALIDATION', field: 'query' });
    const log = await send('/api/dossier.logbook', { method: 'POST', headers: auth, body: '{}' });
    expect(JSON.parse(log.body).value).toEqual([]);
  });

  it('serves the renderer with a strict Content-Security-Policy and never files outside it', async () => {
    const page = await send('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    const escape = await send('/../../package.json');
    expect(escape.body).not.toContain('"name": "mot-cua-station"');
    const encoded = await send('/%2e%2e/%2e%2e/package.json');
    expect(encoded.body).not.toContain('"name": "mot-cua-station"');
  });
});

describe('the holes found when tried as an attacker would', () => {
  it('answers a malformed path with 400, not an unauthenticated 500', async () => {
    for (const path of ['/%', '/%E0%A4%A', '/a%00b']) {
      const res = await send(path);
      expect([400, 403], path).toContain(res.status);
      expect(JSON.parse(res.body).error.code).toBe('VALIDATION');
    }
  });

  it('asks for a login on every channel that is not public, even with the token', async () => {
    const headers = { ...json, authorization: 'Bearer secret-token' };
    const res = await send('/api/dossier.logbook', { method: 'POST', headers, body: '{}' });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'LOGIN_REQUIRED', message: expect.stringContaining('đăng nhập') });
    const forged = await send('/api/dossier.logbook', { method: 'POST', headers: { ...headers, 'x-station-session': 'f'.repeat(48) }, body: '{}' });
    expect(forged.status).toBe(401);
  });

  it('does not hold a connection for a client that sends its request slowly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'station-web-slow-'));
    const slow = await startWebHost({ port: 0, dataDir: dir, rendererDir: resolve('dist/renderer'), version: 'test', token: 't', timeouts: { headersMs: 300, requestMs: 600 } });
    try {
      const closedAfter = await new Promise<number>((done, fail) => {
        const started = Date.now();
        const socket = connect(slow.port, '127.0.0.1', () => socket.write('POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1\r\n')); // and nothing more
        socket.on('close', () => done(Date.now() - started));
        socket.on('error', () => undefined);
        socket.resume(); // read the 408 answer, so that the close is seen
        setTimeout(() => fail(new Error('the half-sent request was still held after 5 s')), 5_000);
      });
      expect(closedAfter).toBeLessThan(5_000);
    } finally {
      await slow.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

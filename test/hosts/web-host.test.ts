import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { channelNames } from '../../main/contract/channels';
import { migrations } from '../../main/storage/migrations';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';

// The web host is a real HTTP server on 127.0.0.1: it must refuse what is not ours.

let host: WebHost;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'station-web-'));
  host = await startWebHost({ port: 0, dataDir, rendererDir: resolve('dist/renderer'), version: 'test', token: 'secret-token' });
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
const auth = { ...json, authorization: 'Bearer secret-token' };

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

  it('lists every channel with its input and output JSON Schema', async () => {
    const res = await send('/api');
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

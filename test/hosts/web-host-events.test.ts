import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import { draftFor } from '../helpers/drafts';
import { FIXED_NOW, TEST_OFFICER } from '../helpers/station';

// The station pushes its events to a browser as Server-Sent Events: the renderer refreshes
// what changed instead of polling.

let host: WebHost;
let dataDir: string;
const token = 'events-token';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'station-events-'));
  host = await startWebHost({ callsWithoutSession: TEST_OFFICER, port: 0, dataDir, rendererDir: resolve('dist/renderer'), version: 'test', token, now: () => FIXED_NOW });
});
afterAll(async () => {
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const call = async (channel: string, body: unknown) => {
  const res = await fetch(`${host.url}api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return (await res.json()) as { ok: boolean; value: never };
};

/** Reads SSE frames from the stream until `until` says enough. */
async function collect(res: Response, until: (events: Array<{ name: string; data: unknown }>) => boolean) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: Array<{ name: string; data: unknown }> = [];
  let buffer = '';
  while (!until(events)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const name = /^event: (.+)$/m.exec(frame)?.[1];
      const data = /^data: (.+)$/m.exec(frame)?.[1];
      if (name && data) events.push({ name, data: JSON.parse(data) });
    }
  }
  await reader.cancel();
  return events;
}

describe('pushed events', () => {
  it('refuses the stream without the token', async () => {
    const res = await fetch(`${host.url}api/events`);
    expect(res.status).toBe(401);
    await res.body?.cancel();
  });

  it('tells a connected renderer that a dossier was received and the queue grew', async () => {
    const res = await fetch(`${host.url}api/events`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const procedure = (await call('catalogue.get', { code: '1.001193' })).value;
    const saved = await call('dossier.save', draftFor(procedure));
    expect(saved.ok).toBe(true);
    const events = await collect(res, (e) => e.some((x) => x.name === 'outbox.changed') && e.some((x) => x.name === 'dossier.changed'));
    expect(events).toContainEqual({ name: 'dossier.changed', data: { code: (saved.value as { code: string }).code } });
    expect(events).toContainEqual({ name: 'outbox.changed', data: { pending: 1, rejected: 0, dossiersWaiting: 1 } });
  });

  it('tells every renderer when the settings change', async () => {
    const streams = await Promise.all([1, 2].map(() => fetch(`${host.url}api/events`, { headers: { authorization: `Bearer ${token}` } })));
    await call('settings.update', { station: { slipCopies: 1 } });
    for (const res of streams) expect(await collect(res, (e) => e.some((x) => x.name === 'settings.changed'))).toContainEqual({ name: 'settings.changed', data: {} });
  });

  it('lists the events with the channels they affect at GET /api', async () => {
    const res = await fetch(`${host.url}api`, { headers: { authorization: `Bearer ${token}` } });
    const { events } = (await res.json()) as { events: Array<{ event: string; affects: string[] }> };
    expect(events.find((e) => e.event === 'outbox.changed')?.affects).toContain('sync.status');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import { callAs, sessionOf } from './device-session';
import { FIXED_NOW } from '../helpers/station';

// The screen facing the citizen in a browser: the web host's display address carries the token
// and a session of the `display` role, which reads the display and rates, and nothing else.

let host: WebHost;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'station-web-display-'));
  host = await startWebHost({ port: 0, dataDir, rendererDir: resolve('dist/renderer'), version: 'test', now: () => FIXED_NOW });
});
afterAll(async () => {
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the display address of the web host', () => {
  it('opens the renderer’s #display page with the token and one display session, the same each time', () => {
    const url = host.displayUrl();
    expect(url).toMatch(new RegExp(`^${host.url}#display&token=${host.token}&session=[0-9a-f]{48}$`));
    expect(host.displayUrl()).toBe(url);
    expect(host.station.sessions.resolve(sessionOf(url))).toEqual({ officer: { id: 'display', name: 'Màn hình công dân', roles: ['display'] }, locked: false });
  });

  it('its session reads the display; an officer’s channel is refused in Vietnamese', async () => {
    const session = sessionOf(host.displayUrl());
    const view = await callAs(host, session, 'display.current', {});
    expect(view.status).toBe(200);
    expect(view.body.value).toMatchObject({ mode: 'idle' });
    const officers: Array<[string, unknown]> = [['queue.callNext', {}], ['queue.issue', { group: 'A' }], ['dossier.logbook', {}], ['display.show', { fullName: 'X' }], ['rating.ofDossier', { code: 'X' }]];
    for (const [channel, input] of officers) {
      const refused = await callAs(host, session, channel, input);
      expect(refused.status, channel).toBe(403);
      expect(refused.body.error?.code).toBe('ROLE_FORBIDDEN');
      expect(refused.body.error?.message).toMatch(/[à-ỹ]/);
    }
  });
});

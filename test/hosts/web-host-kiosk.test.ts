import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import { callAs, sessionOf } from './device-session';
import { FIXED_NOW } from '../helpers/station';

// The ticket kiosk in a browser: the web host's kiosk address carries the token and a session of
// the `kiosk` role, which lists the service groups and issues tickets, and nothing else — and is
// never idle-locked, however long nobody comes.

let host: WebHost;
let dataDir: string;
let now = FIXED_NOW;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'station-web-kiosk-'));
  host = await startWebHost({ port: 0, dataDir, rendererDir: resolve('dist/renderer'), version: 'test', now: () => now });
});
afterAll(async () => {
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the kiosk address of the web host', () => {
  it('opens the renderer’s #kiosk page with the token and one kiosk session, the same each time', () => {
    const url = host.kioskUrl();
    expect(url).toMatch(new RegExp(`^${host.url}#kiosk&token=${host.token}&session=[0-9a-f]{48}$`));
    expect(host.kioskUrl()).toBe(url);
    expect(host.station.sessions.resolve(sessionOf(url))).toEqual({ officer: { id: 'kiosk', name: 'Máy lấy số thứ tự', roles: ['kiosk'] }, locked: false });
  });

  it('its session issues tickets as the kiosk, still after hours of nobody; an officer’s channel is refused in Vietnamese', async () => {
    const session = sessionOf(host.kioskUrl());
    const groups = await callAs(host, session, 'queue.settings', {});
    expect(groups.status).toBe(200);
    const letter = (groups.body.value?.groups as Array<{ letter: string }>)[0]!.letter;
    // It says "officer": the kiosk's session issues as the kiosk all the same.
    const first = await callAs(host, session, 'queue.issue', { group: letter, by: 'officer' });
    expect(first.status).toBe(200);
    expect(first.body.value).toMatchObject({ number: `${letter}001` });
    expect(host.station.db.prepare('SELECT issued_by AS by FROM queue_tickets WHERE id = ?').get(first.body.value?.id)).toEqual({ by: 'kiosk' });

    now = new Date(FIXED_NOW.getTime() + 5 * 3_600_000); // past any idle lock an agency would set
    const later = await callAs(host, session, 'queue.issue', { group: letter });
    expect(later.status).toBe(200);
    expect(later.body.value).toMatchObject({ number: `${letter}002` });

    for (const [channel, input] of [['queue.callNext', {}], ['dossier.logbook', {}], ['queue.configure', { paper: 58 }], ['display.current', {}], ['settings.update', { station: {} }]] as const) {
      const refused = await callAs(host, session, channel, input);
      expect(refused.status, channel).toBe(403);
      expect(refused.body.error?.code).toBe('ROLE_FORBIDDEN');
      expect(refused.body.error?.message).toMatch(/[à-ỹ]/);
    }
  });
});

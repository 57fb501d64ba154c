import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import { openStation } from '../../main/station';
import { TEST_OFFICER } from '../helpers/station';
import type { Procedure } from '../../main/core/model';
import { BIRTH_REGISTRATION, draftFor } from '../helpers/drafts';
import { hostApi, launchChromium, RENDERER_DIR, requireBuiltRenderer } from './browser';

// Nothing in the renderer polls: what it shows follows the station's pushed events (Server-Sent
// Events in the browser host). When the link to the station drops and comes back, every answer
// is fetched again — what changed meanwhile shows, although its events were never received.

const clock = () => new Date('2026-11-23T02:32:00Z'); // Monday 23/11/2026, 09:32 in Vietnam
const TOKEN = 'e2e-events-token';
const PASSWORD = 'Cánh đồng lúa chín vàng';

let host: WebHost;
let browser: Browser;
let dataDir: string;
const api = hostApi(() => host);
const start = (port: number) => startWebHost({ callsWithoutSession: TEST_OFFICER, port, dataDir, rendererDir: RENDERER_DIR, version: 'test', now: clock, token: TOKEN });

beforeAll(async () => {
  requireBuiltRenderer();
  dataDir = mkdtempSync(join(tmpdir(), 'station-events-e2e-'));
  host = await start(0);
  await api('officers.createFirst', { username: 'nguyen.thu', fullName: 'Nguyễn Thị Thu', password: PASSWORD });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a screen kept current by the station', () => {
  it('shows a dossier received elsewhere at once, and after the station went away and came back, what changed meanwhile', async () => {
    const procedure = await api<Procedure>('catalogue.get', { code: BIRTH_REGISTRATION });
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    await page.goto(`${host.url}#token=${TOKEN}`);
    // The officer logs in: the cursor is in the user name, Enter after the password.
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await page.keyboard.type('nguyen.thu');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('combobox').waitFor();
    await expect.poll(() => page.locator('.officer-name').textContent()).toBe('Nguyễn Thị Thu');
    await page.keyboard.press('F3');
    const rows = page.locator('table.dossiers tbody tr[data-code]');
    await expect.poll(() => page.locator('table.dossiers tbody').textContent()).toContain('Chưa có hồ sơ');

    // Received at another counter (another window on this station): the open log book shows it.
    await api('dossier.save', draftFor(procedure, { owner: { fullName: 'Cao Thị Nguyệt' } }));
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('Cao Thị Nguyệt')]);
    await expect.poll(() => page.getByTestId('sync-pending').textContent()).toBe('1');

    // The station stops; a dossier is received while this window cannot hear about it.
    const port = host.port;
    await host.close();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Mất kết nối với chương trình trạm' }).count(), { timeout: 10_000 }).toBe(1);
    const station = openStation({ dataDir, host: 'web', version: 'test', now: clock, callsWithoutSession: TEST_OFFICER });
    const answer = await station.dispatch('dossier.save', draftFor(procedure, { owner: { fullName: 'Mạc Văn Khải' } }));
    expect(answer.ok).toBe(true);
    await station.close();

    // Back on the same address: the window reconnects and asks for everything again. The
    // station's sessions ended with it: the officer logs in again (the user name is kept, the
    // cursor waits in the password) and finds the log book where it was, with what changed.
    host = await start(port);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('input[name=username]').inputValue()).toBe('nguyen.thu');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Mất kết nối' }).count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => rows.allTextContents(), { timeout: 10_000 }).toEqual([expect.stringContaining('Cao Thị Nguyệt'), expect.stringContaining('Mạc Văn Khải')]);
    await expect.poll(() => page.getByTestId('sync-pending').textContent()).toBe('2');
    await page.close();
  });
});

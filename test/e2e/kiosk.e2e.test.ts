import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import { FIXED_NOW, TEST_OFFICER } from '../helpers/station';
import { startFakePrinter, type FakePrinter } from '../hardware/printers/escpos-fake';
import { hostApi, launchChromium, RENDERER_DIR, requireBuiltRenderer } from './browser';

// The ticket kiosk by the door, opened at the web host's kiosk address: big buttons and nothing
// of the officer's station — no login, no tabs — with a session of its own that no idle time
// locks. A ticket taken there comes out of the (fake) thermal printer.

let host: WebHost;
let browser: Browser;
let printer: FakePrinter;
let dataDir: string;
const api = hostApi(() => host);

beforeAll(async () => {
  requireBuiltRenderer();
  dataDir = mkdtempSync(join(tmpdir(), 'station-kiosk-e2e-'));
  printer = await startFakePrinter({ paper: 80 });
  host = await startWebHost({ callsWithoutSession: TEST_OFFICER, port: 0, dataDir, rendererDir: RENDERER_DIR, version: 'test', now: () => FIXED_NOW });
  browser = await launchChromium();
  await api('queue.configure', { printer: { kind: 'network', host: '127.0.0.1', port: printer.tcpPort }, paper: 80, statusTimeoutMs: 3000 });
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await printer?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the ticket kiosk', () => {
  it('shows only the groups, issues a ticket that prints, and comes back to itself after a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 }, locale: 'vi-VN' });
    await page.goto(host.kioskUrl());
    const groups = page.locator('.kiosk-group');
    await groups.first().waitFor();
    expect(await page.getByRole('tab').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Đăng nhập' }).count()).toBe(0);
    // The token and the session are out of the address bar once the page has them.
    await expect.poll(() => page.evaluate(() => location.hash)).not.toContain('session=');

    await groups.first().click();
    await expect.poll(() => page.getByTestId('kiosk-result').textContent()).toContain('A001');
    const ticket = await printer.nextReceipt();
    expect(ticket.qrTexts[0]).toContain('A001');
    await page.screenshot({ path: join(tmpdir(), 'kiosk-window.png') });

    await page.reload();
    await groups.first().waitFor();
    expect(await page.getByRole('tab').count()).toBe(0);
    await groups.first().click();
    await expect.poll(() => page.getByTestId('kiosk-result').textContent()).toContain('A002');
    await page.close();
  });
});

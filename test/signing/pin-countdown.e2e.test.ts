import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import type { Procedure } from '../../main/core/model';
import { hostApi, launchChromium, RENDERER_DIR, requireBuiltRenderer, stationUrl } from '../e2e/browser';
import { OFFICER_PIN, softHsmRig } from '../hardware/tokens/softhsm-rig';
import { BIRTH_REGISTRATION, draftFor } from '../helpers/drafts';
import { TEST_OFFICER } from '../helpers/station';

// The PIN dialog after three wrong PINs: the station's wait is counted down ("Thử lại sau 30
// giây"), the button stays off until it runs out, then the right PIN signs. The station's clock
// and the page's clock are both the test's: the station's is moved by hand, the page's is
// Playwright's fake clock, fast-forwarded — nothing waits 30 real seconds.

const start = new Date('2026-11-23T02:32:00Z');
let stationNow = start;
const rig = softHsmRig({ now: start });
let host: WebHost;
let browser: Browser;
let dataDir: string;
const api = hostApi(() => host);

beforeAll(async () => {
  requireBuiltRenderer();
  rig.createToken('Token Đếm Ngược');
  rig.load('Token Đếm Ngược', rig.ca.issue({ subject: '/C=VN/O=UBND xã Tiên Du/CN=Nguyễn Văn An' }));
  dataDir = mkdtempSync(join(tmpdir(), 'station-e2e-pin-wait-'));
  host = await startWebHost({ callsWithoutSession: TEST_OFFICER, port: 0, dataDir, rendererDir: RENDERER_DIR, version: 'test', now: () => stationNow });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  rig.remove();
});

describe('the PIN dialog after wrong PINs', () => {
  it('counts the wait down with the button off, then signs', async () => {
    await api('signing.settings', { enabled: true, addTrustedRoot: rig.ca.certPem });
    const procedure = await api<Procedure>('catalogue.get', { code: BIRTH_REGISTRATION });
    const dossier = await api<{ code: string }>('dossier.save', draftFor(procedure, { owner: { fullName: 'Phạm Thị Hoa' } }));

    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    await page.clock.install({ time: start });
    await page.goto(stationUrl(host));
    await page.getByRole('combobox').first().waitFor();
    await page.keyboard.press('F3');
    await page.locator('table.dossiers tbody tr', { hasText: dossier.code }).click();
    await page.getByRole('button', { name: 'In giấy hẹn' }).click();
    await page.getByTestId('sign-slip').click();
    const dialog = page.getByRole('dialog', { name: 'Ký số giấy tiếp nhận' });
    await dialog.getByLabel('Token', { exact: true }).selectOption({ label: 'Token Đếm Ngược (SoftHSM2)' });
    const pin = dialog.getByLabel('Mã PIN của token');
    const button = dialog.locator('button[type=submit]'); // "Ký (Enter)", "Đang ký…" while the token works

    for (const wrong of ['11111111', '22222222', '33333333']) {
      await expect.poll(() => dialog.getByTestId('pin-state').textContent({ timeout: 10_000 })).toMatch(/PIN/);
      await expect.poll(() => button.isEnabled()).toBe(true);
      await pin.fill(wrong);
      await page.keyboard.press('Enter');
      await expect.poll(() => pin.inputValue({ timeout: 10_000 })).toBe('');
      await expect.poll(() => button.textContent()).toBe('Ký (Enter)');
    }
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('thử lại sau 30 giây');
    await expect.poll(() => dialog.getByTestId('pin-wait').textContent()).toBe('Thử lại sau 30 giây');
    expect(await button.isDisabled()).toBe(true);
    await page.screenshot({ path: join(dataDir, 'pin-wait.png') });

    await page.clock.fastForward(12_000);
    await expect.poll(() => dialog.getByTestId('pin-wait').textContent()).toBe('Thử lại sau 18 giây');
    await pin.fill(OFFICER_PIN);
    await page.keyboard.press('Enter'); // still waiting: nothing is sent
    expect(await button.isDisabled()).toBe(true);
    expect(await api<unknown[]>('signing.files', { code: dossier.code })).toEqual([]);

    stationNow = new Date(start.getTime() + 30_000);
    await page.clock.fastForward(18_000);
    await expect.poll(() => dialog.getByTestId('pin-wait').count()).toBe(0);
    await expect.poll(() => button.isEnabled()).toBe(true);
    if ((await pin.inputValue()) === '') await pin.fill(OFFICER_PIN);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByTestId('verdict').textContent({ timeout: 15_000 })).toBe('Hợp lệ');
    expect(await api<unknown[]>('signing.files', { code: dossier.code })).toHaveLength(1);
    await page.close();
  });
});

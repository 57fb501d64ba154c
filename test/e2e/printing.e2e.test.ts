import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { cupsPrinter } from '../../hardware/printers/cups';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import { cupsRigUnavailable, startCupsRig, until, type CupsRig } from '../hardware/printers/cups-rig';
import { hostApi, launchChromium, RENDERER_DIR, requireBuiltRenderer, stationUrl } from './browser';
import { draftFor } from '../helpers/drafts';
import { TEST_OFFICER } from '../helpers/station';

// What the officer sees of the print queue: the status bar counts jobs waiting and failed, the
// panel says why and what to do, "In lại" prints a lost slip again — with a real CUPS behind.

let host: WebHost;
let rig: CupsRig;
let browser: Browser;
let work: string;
const api = hostApi(() => host);

describe.skipIf(cupsRigUnavailable() !== null)('the print panel', () => {
  beforeAll(async () => {
    requireBuiltRenderer();
    work = mkdtempSync(join(tmpdir(), 'station-print-e2e-'));
    rig = await startCupsRig();
    host = await startWebHost({
      callsWithoutSession: TEST_OFFICER, port: 0, dataDir: join(work, 'station'), rendererDir: RENDERER_DIR, version: 'test',
      printer: cupsPrinter({ env: rig.env }), printing: { pollMs: 50, retryMs: 0 },
    });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await rig?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('shows a slip held by a paused printer, then a lost one failed with what to do, and prints it again from the panel', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'vi-VN' });
    await page.goto(stationUrl(host));
    const bar = page.getByTestId('print-status');
    await expect.poll(() => bar.textContent({ timeout: 5000 })).toContain('Lệnh in');

    const procedure = await api<Parameters<typeof draftFor>[0]>('catalogue.get', { code: '1.001193' });
    const d = await api<{ code: string }>('dossier.save', draftFor(procedure, { owner: { fullName: 'Đặng Thị Hương' } }));
    await rig.admin('cupsdisable', '-r', 'Paper out', rig.queue);
    await api('slip.print', { code: d.code });
    await expect.poll(() => page.getByTestId('print-waiting').textContent({ timeout: 5000 })).toBe('chờ 1');

    await bar.click();
    const panel = page.getByRole('dialog');
    await expect.poll(() => panel.textContent({ timeout: 5000 })).toContain(`Giấy tiếp nhận ${d.code}`);
    await expect.poll(() => panel.textContent({ timeout: 5000 })).toContain('đang tạm dừng (Paper out)');

    // Someone clears the printer's queue: the slip is lost, and the panel says what to do.
    const { jobs } = await api<{ jobs: Array<{ id: number; spoolJobId: string }> }>('print.jobs', {});
    await rig.admin('cancel', jobs[0]!.spoolJobId);
    await expect.poll(() => page.getByTestId('print-failed').textContent({ timeout: 5000 }), { timeout: 15_000 }).toBe('lỗi 1');
    await expect.poll(() => panel.textContent({ timeout: 5000 })).toContain('không tự in lại để tránh in hai lần');
    await page.screenshot({ path: join(work, 'print-panel-failed.png') });
    copyFileSync(join(work, 'print-panel-failed.png'), join(tmpdir(), `print-panel-failed-${process.pid}.png`));

    await rig.admin('cupsenable', rig.queue);
    await panel.getByRole('button', { name: 'In lại' }).click();
    await expect.poll(() => panel.locator(`[data-testid="print-job-${jobs[0]!.id}"]`).textContent({ timeout: 5000 }), { timeout: 20_000 }).toContain('đã in');
    await expect.poll(() => page.getByTestId('print-failed').count()).toBe(0);
    await until(() => (rig.outputs().length === 1 ? true : undefined), 'the slip from cups-pdf');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
  }, 90_000);
});

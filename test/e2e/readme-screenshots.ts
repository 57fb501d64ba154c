// The README's screenshots, taken from the real renderer in the browser host on a fixed clock:
// the intake form half filled (build/readme/intake.png), the slip preview after receiving it
// (build/readme/slip-preview.png) and the dossier's own page (build/readme/dossier.png).
//
//     npm run build:renderer && npx tsx test/e2e/readme-screenshots.ts [--out build/readme]
//
// A script, not a test: it drives the UI with the keyboard as an officer does and writes PNGs.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import { launchChromium, RENDERER_DIR, requireBuiltRenderer, stationUrl } from './browser';

// Monday 23/11/2026, 09:32 in Vietnam.
const clock = () => new Date('2026-11-23T02:32:00Z');
const VIEWPORT = { width: 1366, height: 820 };

async function typeAndAdvance(page: Page, text: string): Promise<void> {
  if (text) await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** The birth registration, typed as far as the documents, the mother submitting for the child. */
async function fillIntake(page: Page): Promise<void> {
  await page.keyboard.press('F2');
  await page.keyboard.type('dang ky khai sinh');
  await page.getByRole('option', { name: /1\.001193/ }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.getByTestId('chosen-procedure').waitFor();
  await typeAndAdvance(page, 'Nguyễn Thị Thuỷ Tiên');
  await typeAndAdvance(page, '001190012345');
  await page.locator('.field-hint').waitFor();
  await typeAndAdvance(page, '15/03/1990');
  await typeAndAdvance(page, '0912 345 678');
  await typeAndAdvance(page, '');
  await typeAndAdvance(page, 'Số 12, ngõ 34, thôn Đông Khê, xã Tiên Du, tỉnh Bắc Ninh');
  await page.keyboard.press('Space'); // submitted by someone else
  await page.keyboard.press('Enter');
  await typeAndAdvance(page, 'Trần Văn Minh');
  await typeAndAdvance(page, '001088004321');
  await typeAndAdvance(page, '0987 654 321');
  await page.keyboard.press('+'); // every mandatory document received
  await page.keyboard.press('Enter');
  await page.keyboard.type('Bố nộp thay; đã đối chiếu bản chính giấy chứng sinh');
  await page.getByTestId('appointment-preview').waitFor();
}

async function main(): Promise<void> {
  requireBuiltRenderer();
  const outArg = /--out[= ](\S+)/.exec(process.argv.slice(2).join(' '))?.[1];
  const out = resolve(outArg ?? 'build/readme');
  mkdirSync(out, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'station-readme-'));
  let host: WebHost | undefined;
  const browser = await launchChromium();
  try {
    host = await startWebHost({ port: 0, dataDir, rendererDir: RENDERER_DIR, version: '0.1.0', now: clock });
    const page = await browser.newPage({ viewport: VIEWPORT, locale: 'vi-VN' });
    await page.goto(stationUrl(host));
    await page.getByRole('combobox').waitFor();

    await fillIntake(page);
    await page.locator('main.content').evaluate((el) => { el.scrollTop = 0; }); // the form from its top
    await page.screenshot({ path: join(out, 'intake.png') });

    await page.keyboard.press('Control+s');
    const code = (await page.getByTestId('saved-code').textContent()) ?? '';
    await page.keyboard.press('Control+p');
    await page.locator('iframe.pdf[src^="blob:"]').waitFor();
    await page.waitForTimeout(1500); // a picture, not a test: Chromium's PDF viewer paints after the frame loads
    await page.screenshot({ path: join(out, 'slip-preview.png') });
    await page.keyboard.press('Escape');

    await page.keyboard.press('F3');
    await page.getByRole('searchbox').fill(code.slice(-4));
    await page.locator(`tr[data-code="${code}"]`).waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('dossier-page').waitFor();
    await page.getByTestId('dossier-sync').waitFor();
    await page.screenshot({ path: join(out, 'dossier.png') });
    console.log(`Wrote ${['intake.png', 'slip-preview.png', 'dossier.png'].map((f) => join(out, f)).join(', ')}`);
  } finally {
    await browser.close();
    await host?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();

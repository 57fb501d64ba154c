// The README's screenshots, taken from the real renderer in the browser host on a fixed clock:
// the intake form half filled (build/readme/intake.png), the slip preview after receiving it
// (build/readme/slip-preview.png), the dossier's own page (build/readme/dossier.png), the login
// (login.png), and after a month of work on the web host's test clock: the deadline watch
// (watch.png), the leader's indicators (indicators.png) and a dossier's life (dossier-life.png).
//
//     npm run build:renderer && npx tsx test/e2e/readme-screenshots.ts [--out build/readme]
//
// A script, not a test: it drives the UI with the keyboard as an officer does and writes PNGs.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import { draftFor } from '../helpers/drafts';
import { TEST_OFFICER } from '../helpers/station';
import { hostApi, launchChromium, RENDERER_DIR, requireBuiltRenderer, stationUrl } from './browser';

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

    // The login, as the next officer of the day meets it.
    await page.getByRole('button', { name: 'Đăng xuất' }).click().catch(() => undefined);
    const login = await browser.newPage({ viewport: VIEWPORT, locale: 'vi-VN' });
    await login.goto(`${host.url}#token=${host.token}`);
    await login.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await login.screenshot({ path: join(out, 'login.png') });
    await monthOfWork(browser, out);
    console.log(`Wrote ${['intake.png', 'slip-preview.png', 'dossier.png', 'login.png', 'watch.png', 'indicators.png', 'dossier-life.png'].map((f) => join(out, f)).join(', ')}`);
  } finally {
    await browser.close();
    await host?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** November 2026 at a commune's counter, on the web host's test clock: received, passed on, finished, handed back. */
async function monthOfWork(browser: Awaited<ReturnType<typeof launchChromium>>, out: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'station-readme-month-'));
  const host = await startWebHost({ callsWithoutSession: TEST_OFFICER, port: 0, dataDir: dir, rendererDir: RENDERER_DIR, version: '0.1.0', testClock: '2026-11-02T08:00' });
  const api = hostApi(() => host);
  try {
    const names = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Hoàng Cường', 'Phạm Thị Dung', 'Hoàng Văn Em', 'Vũ Thị Phương', 'Đặng Quốc Giang', 'Bùi Thị Hạnh', 'Đỗ Văn Hùng', 'Ngô Thị Khánh', 'Dương Văn Long', 'Lý Thị Mai'];
    const procedures = ['1.001193', '1.004873', '1.010833', '1.001731', '1.004746', '1.000656'];
    // Two or three dossiers every working day from 02/11 to 24/11; each passed on within the hour,
    // most finished the next day, one in seven a week late, every other one handed back the day after.
    type Step = { at: string; run: () => Promise<unknown> };
    const steps: Step[] = [];
    const codes: string[] = [];
    const local = (d: Date) => d.toISOString().slice(0, 16);
    let n = 0;
    for (let day = 2; day <= 24; day++) {
      if ([0, 6].includes(new Date(Date.UTC(2026, 10, day)).getUTCDay())) continue;
      for (const hour of day % 3 === 0 ? [8, 10, 14] : [9, 15]) {
        const i = n++;
        const at = new Date(Date.UTC(2026, 10, day, hour, 20));
        const plus = (hours: number) => local(new Date(at.getTime() + hours * 3_600_000));
        steps.push({ at: local(at), run: async () => {
          const procedure = await api<Parameters<typeof draftFor>[0]>('catalogue.get', { code: procedures[i % procedures.length] });
          codes[i] = (await api<{ code: string }>('dossier.save', draftFor(procedure, { owner: { fullName: names[i % names.length]! } }))).code;
        } });
        if (i % 5 === 4) continue; // still at the counter
        const act = (event: string, extra: Record<string, unknown> = {}) => () => api('dossier.transition', { code: codes[i], event, ...extra }).catch(() => undefined);
        steps.push({ at: plus(1), run: act('start_processing', { toUnit: 'Công chức Tư pháp - Hộ tịch' }) });
        const finish = i % 7 === 3 ? 24 * 8 : 24;
        steps.push({ at: plus(finish), run: act('finish') });
        if (i % 2 === 0) steps.push({ at: plus(finish + 24), run: act('return_result', { receiver: { kind: 'owner' }, delivery: { method: 'counter' } }) });
      }
    }
    for (const step of steps.filter((x) => x.at < '2026-11-25T10:00').sort((a, b) => a.at.localeCompare(b.at))) {
      await api('testClock.set', { at: step.at });
      await step.run();
    }
    await api('testClock.set', { at: '2026-11-25T10:00' });

    const page = await browser.newPage({ viewport: VIEWPORT, locale: 'vi-VN' });
    await page.goto(stationUrl(host));
    await page.getByRole('tab', { name: /Theo dõi hạn/ }).click();
    await page.locator('table.dossier-lines tbody tr[data-code]').first().waitFor();
    await page.screenshot({ path: join(out, 'watch.png') });

    await page.getByRole('tab', { name: /Chỉ số/ }).click();
    await page.locator('svg').first().waitFor();
    await page.waitForTimeout(500); // a picture, not a test: the chart's bars settle
    await page.screenshot({ path: join(out, 'indicators.png') });

    await page.keyboard.press('F3');
    await page.getByRole('searchbox').fill(codes[0]!);
    await page.locator(`tr[data-code="${codes[0]!}"]`).click();
    await page.getByTestId('dossier-page').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(out, 'dossier-life.png'), fullPage: false });
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

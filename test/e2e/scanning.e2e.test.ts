import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import { BIRTH_REGISTRATION, draftFor } from '../helpers/drafts';
import type { Procedure } from '../../main/core/model';
import { saneTestConfig } from '../hardware/scanners/sane-rig';
import { hostApi, launchChromium, RENDERER_DIR, requireBuiltRenderer, openAdminPage, stationUrl } from './browser';
import { TEST_OFFICER } from '../helpers/station';

// The scan workflow in the browser host, on SANE's test device: the technician picks the scanner
// and its profile; the officer opens a saved dossier from the log book, scans a document from
// the feeder, sees the pages arrive, scans one more sheet that turns out blank (left out on its
// own), brings it back and removes it by hand, removes and rotates pages, and saves. The stored
// PDF is then checked with pdfinfo.

const rendererDir = RENDERER_DIR;
const clock = () => new Date('2026-11-23T02:32:00Z');

let host: WebHost;
let browser: Browser;
let dataDir: string;
let restoreSane: () => void;

const api = hostApi(() => host);

beforeAll(async () => {
  requireBuiltRenderer();
  dataDir = mkdtempSync(join(tmpdir(), 'station-scan-e2e-'));
  restoreSane = saneTestConfig(dataDir); // the test backend listed as test:0 and test:1
  host = await startWebHost({ callsWithoutSession: TEST_OFFICER, port: 0, dataDir: join(dataDir, 'station'), rendererDir, version: 'test', now: clock });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  restoreSane?.();
  rmSync(dataDir, { recursive: true, force: true });
});

async function openStation(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'vi-VN' });
  await page.goto(stationUrl(host));
  await page.getByRole('combobox').first().waitFor();
  return page;
}

describe('scanning in the browser host', () => {
  it('scans a document of a saved dossier from the SANE test device, leaves out a blank page, and stores one PDF', async () => {
    const procedure = await api<Procedure>('catalogue.get', { code: BIRTH_REGISTRATION });
    const dossier = await api<{ code: string; documents: Array<{ code: string; name: string }> }>('dossier.save', draftFor(procedure));
    const document = dossier.documents[0]!;
    const page = await openStation();

    // The technician: find the scanners, choose the test device, feeder, grey, 100 dpi, the Grid picture.
    await openAdminPage(page, /Máy quét/);
    await page.getByRole('button', { name: 'Tìm máy quét' }).click();
    await page.getByRole('radio', { name: /test:0/ }).check();
    await page.getByLabel('Nguồn giấy').selectOption('feeder');
    await page.getByLabel('Chế độ').selectOption('gray');
    await page.getByLabel('Độ phân giải').selectOption('100');
    await page.getByText('Tuỳ chọn riêng của máy quét (nâng cao)').click();
    await page.getByLabel('test-picture').selectOption('Grid');
    await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Đã lưu cài đặt máy quét.');
    expect(await api('scanners.settings', {})).toMatchObject({ deviceId: 'sane:test:0', profile: { source: 'feeder', mode: 'gray', resolution: 100 }, deviceOptions: { 'test-picture': 'Grid' } });

    // The officer: the log book, the dossier, "Quét" on its first document.
    await page.keyboard.press('F3');
    await page.getByRole('row', { name: new RegExp(dossier.code.replace(/\./g, '\\.')) }).click();
    const row = page.getByTestId(`scan-row-${document.code}`);
    await expect.poll(() => row.textContent()).toContain('Chưa quét');
    await row.getByRole('button', { name: 'Quét' }).click();
    const panel = page.getByRole('dialog', { name: new RegExp(`^Quét: ${document.name}`) });
    await panel.getByRole('button', { name: 'Quét', exact: true }).click();
    // Pages arrive as thumbnails while the feeder runs: ten of them.
    await expect.poll(() => panel.getByTestId('scan-page').count(), { timeout: 20_000 }).toBe(10);
    await expect.poll(() => panel.locator('.scan-page img').count(), { timeout: 10_000 }).toBe(10);

    // One more sheet on the glass; it is blank (the test device's white picture) and is left out.
    await api('scanners.configure', { deviceOptions: { 'test-picture': 'Solid white' } });
    await panel.getByLabel('Nguồn giấy').selectOption('flatbed');
    await panel.getByRole('button', { name: 'Quét thêm' }).click();
    const removed = panel.locator('.scan-removed');
    await expect.poll(() => removed.textContent(), { timeout: 20_000 }).toContain('Trang trắng');
    expect(await panel.locator('.scan-pages').first().getByTestId('scan-page').count()).toBe(10);
    // Brought back by mistake, then removed by hand: it stays out of the PDF.
    await removed.getByRole('button', { name: 'Lấy lại' }).click();
    await expect.poll(() => panel.locator('.scan-pages').first().getByTestId('scan-page').count()).toBe(11);
    await panel.locator('.scan-pages').first().getByTestId('scan-page').last().getByRole('button', { name: 'Bỏ trang' }).click();
    await expect.poll(() => removed.textContent()).toContain('Đã bỏ');
    // A page scanned twice by mistake is removed; the first is turned a quarter.
    await panel.locator('.scan-pages').first().getByTestId('scan-page').nth(2).getByRole('button', { name: 'Bỏ trang' }).click();
    await panel.locator('.scan-pages').first().getByTestId('scan-page').first().getByRole('button', { name: 'Xoay phải' }).click();
    await expect.poll(() => panel.locator('.scan-pages').first().getByTestId('scan-page').count()).toBe(9);
    await expect.poll(() => panel.locator('.scan-page img').first().getAttribute('style')).toContain('rotate(90deg)');
    await page.screenshot({ path: join(dataDir, 'scan-panel.png') });

    await panel.getByRole('button', { name: /^Lưu vào hồ sơ: 9 trang/ }).click();
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/9 trang · \d+ KB/);
    await page.screenshot({ path: join(dataDir, 'scan-documents.png') });

    // The stored PDF: nine pages, the first turned, small.
    const pdf = await api<{ base64: string }>('scan.pdf', { dossierCode: dossier.code, documentCode: document.code });
    const file = join(dataDir, 'scan.pdf');
    const bytes = Buffer.from(pdf.base64, 'base64');
    writeFileSync(file, bytes);
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9', file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+9\b/);
    expect(info).toMatch(/Page\s+1 rot:\s+90/);
    expect(info).toMatch(/Page\s+2 rot:\s+0/);
    expect(bytes.length).toBeLessThan(9 * 80_000);
    const stored = await api<Array<{ pages: number; bytes: number; sha256: string }>>('scan.documents', { dossierCode: dossier.code });
    expect(stored).toEqual([expect.objectContaining({ pages: 9, bytes: bytes.length })]);
    await page.close();
  });
});

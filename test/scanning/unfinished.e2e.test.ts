import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { ScanSessionView } from '../../main/contract/scanning-channels';
import type { Procedure } from '../../main/core/model';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import { BIRTH_REGISTRATION, draftFor } from '../helpers/drafts';
import { TEST_OFFICER } from '../helpers/station';
import { saneTestConfig } from '../hardware/scanners/sane-rig';
import { hostApi, launchChromium, RENDERER_DIR, requireBuiltRenderer, stationUrl } from '../e2e/browser';

// The station stops with ten pages scanned and not saved; started again, the dossier page offers
// the unfinished session ("Phiên quét dở"); the officer carries on and saves the ten pages.

const clock = () => new Date('2026-11-23T02:32:00Z');

let host: WebHost | undefined;
let browser: Browser;
let dataDir: string;
let restoreSane: () => void;
const api = hostApi(() => host!);
const start = async () => startWebHost({ callsWithoutSession: TEST_OFFICER, port: 0, dataDir: join(dataDir, 'station'), rendererDir: RENDERER_DIR, version: 'test', now: clock });

beforeAll(async () => {
  requireBuiltRenderer();
  dataDir = mkdtempSync(join(tmpdir(), 'station-unfinished-e2e-'));
  restoreSane = saneTestConfig(dataDir);
  host = await start();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  restoreSane?.();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('an unfinished scan in the browser host', () => {
  it('is offered on the dossier page after a restart, carried on and saved with its pages', async () => {
    const dossier = await api<{ code: string; documents: Array<{ code: string; name: string }> }>('dossier.save', draftFor(await api<Procedure>('catalogue.get', { code: BIRTH_REGISTRATION })));
    const document = dossier.documents[0]!;
    await api('scanners.configure', { deviceId: 'sane:test', profile: { source: 'feeder', mode: 'gray', resolution: 75, pageSize: 'A5' }, deviceOptions: { 'test-picture': 'Grid' }, discoverNetwork: false });
    const session = await api<ScanSessionView>('scan.open', { target: { kind: 'document', dossierCode: dossier.code, documentCode: document.code } });
    await api('scan.start', { sessionId: session.sessionId });
    await expect.poll(async () => (await api<ScanSessionView>('scan.status', { sessionId: session.sessionId })).job?.state, { timeout: 20_000 }).toBe('done');

    // The station stops (its window never said goodbye) and starts again.
    await host!.close();
    host = await start();

    const page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'vi-VN' });
    await page.goto(stationUrl(host));
    await page.getByRole('combobox').first().waitFor();
    await page.keyboard.press('F3');
    await page.getByRole('row', { name: new RegExp(dossier.code.replace(/\./g, '\\.')) }).click();
    const offer = page.getByTestId('scan-unfinished');
    await expect.poll(() => offer.textContent(), { timeout: 10_000 }).toContain(`Phiên quét dở"${document.name}": 10 trang đã quét lúc 09:32 23/11/2026, chưa lưu vào hồ sơ.`);
    await page.screenshot({ path: join(dataDir, 'unfinished-offer.png') });

    await offer.getByRole('button', { name: 'Tiếp tục' }).click();
    const panel = page.getByRole('dialog', { name: new RegExp(`^Quét: ${document.name}`) });
    await expect.poll(() => panel.locator('.scan-page img').count(), { timeout: 10_000 }).toBe(10);
    await panel.getByRole('button', { name: /^Lưu vào hồ sơ: 10 trang/ }).click();
    await expect.poll(() => page.getByTestId(`scan-row-${document.code}`).textContent(), { timeout: 10_000 }).toMatch(/10 trang · \d+ KB/);
    await expect.poll(() => offer.count()).toBe(0);
    expect(await api<Array<{ pages: number }>>('scan.documents', { dossierCode: dossier.code })).toEqual([expect.objectContaining({ pages: 10 })]);
    await page.close();
  });
});

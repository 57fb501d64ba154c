import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { ScanSessionView } from '../../main/contract/scanning-channels';
import type { Procedure } from '../../main/core/model';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import { hostApi, launchChromium, RENDERER_DIR, requireBuiltRenderer, stationUrl } from '../e2e/browser';
import { saneTestConfig } from '../hardware/scanners/sane-rig';
import { OFFICER_PIN, softHsmRig } from '../hardware/tokens/softhsm-rig';
import { BIRTH_REGISTRATION, draftFor } from '../helpers/drafts';
import { QUICK } from '../scanning/helpers';
import { pdfsig } from './pdfsig';
import { TEST_OFFICER } from '../helpers/station';

// The officer signs a scanned document in the real renderer: the dossier's document was scanned
// (SANE's test device, through the scanning channels); in the log book its row offers "Ký số",
// the PIN dialog takes a wrong PIN then the right one, answers "Hợp lệ", and the row then says
// the scan is signed.

const clock = () => new Date('2026-11-23T02:32:00Z');
const rig = softHsmRig({ now: clock() });
let host: WebHost;
let browser: Browser;
let dataDir: string;
let restoreSane: () => void;
const api = hostApi(() => host);

beforeAll(async () => {
  requireBuiltRenderer();
  rig.createToken('Token Một Cửa');
  rig.load('Token Một Cửa', rig.ca.issue({ subject: '/C=VN/L=Bắc Ninh/O=UBND xã Tiên Du/CN=Nguyễn Văn An/UID=CCCD:001090012345' }));
  dataDir = mkdtempSync(join(tmpdir(), 'station-e2e-sign-scan-'));
  restoreSane = saneTestConfig(dataDir);
  host = await startWebHost({ callsWithoutSession: TEST_OFFICER, port: 0, dataDir: join(dataDir, 'station'), rendererDir: RENDERER_DIR, version: 'test', now: clock });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  restoreSane?.();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  rig.remove();
});

describe('signing a scanned document in the browser host', () => {
  it('"Ký số" on the document, the PIN, "Hợp lệ", and the row marked signed', async () => {
    await api('signing.settings', { enabled: true, addTrustedRoot: rig.ca.certPem });
    const procedure = await api<Procedure>('catalogue.get', { code: BIRTH_REGISTRATION });
    const dossier = await api<{ code: string; documents: Array<{ code: string; name: string }> }>('dossier.save', draftFor(procedure));
    const document = dossier.documents[0]!;
    // The document scanned and stored through the scanning channels.
    await api('scanners.configure', { deviceId: 'sane:test', profile: { ...QUICK, source: 'flatbed' }, deviceOptions: { 'test-picture': 'Grid' }, discoverNetwork: false });
    const session = await api<ScanSessionView>('scan.open', { target: { kind: 'document', dossierCode: dossier.code, documentCode: document.code } });
    await api('scan.start', { sessionId: session.sessionId });
    await expect.poll(async () => (await api<ScanSessionView>('scan.status', { sessionId: session.sessionId })).job?.state, { timeout: 15_000 }).toBe('done');
    await api('scan.save', { sessionId: session.sessionId });

    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    await page.goto(stationUrl(host));
    await page.getByRole('combobox').first().waitFor();
    await page.keyboard.press('F3');
    await page.locator('table.dossiers tbody tr', { hasText: dossier.code }).click();
    const row = page.getByTestId(`scan-row-${document.code}`);
    await expect.poll(() => row.textContent()).toMatch(/1 trang/);
    expect(await row.getByTestId(`scan-signed-${document.code}`).count()).toBe(0);
    // Other documents, not scanned, have nothing to sign.
    expect(await page.getByTestId(`sign-scan-${dossier.documents[1]?.code ?? 'none'}`).count()).toBe(0);

    await row.getByTestId(`sign-scan-${document.code}`).click();
    const dialog = page.getByRole('dialog', { name: 'Ký số bản quét' });
    await dialog.getByLabel('Token', { exact: true }).selectOption({ label: 'Token Một Cửa (SoftHSM2)' });
    await expect.poll(() => dialog.getByTestId('pin-state').textContent()).toContain('PIN bình thường');
    await dialog.getByLabel('Mã PIN của token').fill('000000');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('alert').textContent({ timeout: 10_000 })).toContain('Mã PIN không đúng');
    expect(await dialog.getByLabel('Mã PIN của token').inputValue()).toBe(''); // never kept
    expect(await api('signing.signedScans', { code: dossier.code })).toEqual([]);

    await dialog.getByLabel('Mã PIN của token').fill(OFFICER_PIN);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByTestId('verdict').textContent({ timeout: 15_000 })).toBe('Hợp lệ');
    expect(await dialog.getByTestId('verification').textContent()).toContain('Nguyễn Văn An');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => row.getByTestId(`scan-signed-${document.code}`).textContent()).toContain('Đã ký số');
    expect(await row.getByTestId('scan-verdict').textContent()).toBe('Hợp lệ');
    await page.screenshot({ path: join(dataDir, 'signed-scan.png') });

    // The document's scan is now the signed file, and poppler agrees.
    const [signed] = await api<Array<{ documentCode: string; file: { id: number } }>>('signing.signedScans', { code: dossier.code });
    expect(signed?.documentCode).toBe(document.code);
    const pdf = await api<{ base64: string }>('scan.pdf', { dossierCode: dossier.code, documentCode: document.code });
    expect(pdfsig(Buffer.from(pdf.base64, 'base64'))[0]).toMatchObject({ valid: true, wholeDocument: true, commonName: 'Nguyễn Văn An' });

    // A fresh view of the dossier still shows the mark, and checks the signature on request.
    // (F5 on the dossier's page: the officer's session is kept by the tab, the page comes back.)
    await page.reload();
    await page.getByTestId('dossier-page').waitFor();
    await expect.poll(() => row.getByTestId(`scan-signed-${document.code}`).count()).toBe(1);
    await row.getByRole('button', { name: 'Kiểm tra chữ ký' }).click();
    await expect.poll(() => row.getByTestId('scan-verdict').textContent()).toBe('Hợp lệ');
    await page.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import { BIRTH_REGISTRATION, draftFor } from '../helpers/drafts';
import type { Procedure } from '../../main/core/model';
import { OFFICER_PIN, softHsmRig } from '../hardware/tokens/softhsm-rig';
import { pdfsig } from '../signing/pdfsig';
import { hostApi, launchChromium, RENDERER_DIR, requireBuiltRenderer, openAdminPage, stationUrl } from './browser';
import { TEST_OFFICER } from '../helpers/station';

// The officer signs an appointment slip with a (SoftHSM) token in the real renderer: the
// technician's screen shows the token, signing is switched on, then from the log book the
// slip preview's "Ký số" asks for the PIN — a wrong one first — and answers "Hợp lệ".

const rendererDir = RENDERER_DIR;
const clock = () => new Date('2026-11-23T02:32:00Z'); // Monday 23/11/2026, 09:32 in Vietnam
const rig = softHsmRig({ now: clock() });
let host: WebHost;
let browser: Browser;
let dataDir: string;

const api = hostApi(() => host);

beforeAll(async () => {
  requireBuiltRenderer();
  rig.createToken('Token Một Cửa');
  rig.load('Token Một Cửa', rig.ca.issue({ subject: '/C=VN/L=Bắc Ninh/O=UBND xã Tiên Du/OU=Bộ phận Một cửa/CN=Nguyễn Văn An/UID=CCCD:001090012345' }));
  dataDir = mkdtempSync(join(tmpdir(), 'station-e2e-signing-'));
  host = await startWebHost({ callsWithoutSession: TEST_OFFICER, port: 0, dataDir, rendererDir, version: 'test', now: clock });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  rig.remove();
});

describe('signing a slip in the browser host', () => {
  it('selects the token, takes the PIN and shows "Hợp lệ"', async () => {
    // The technician trusts the CA (as a pasted PEM would) and the officer has received a dossier.
    await api('signing.settings', { addTrustedRoot: rig.ca.certPem });
    const procedure = await api<Procedure>('catalogue.get', { code: BIRTH_REGISTRATION });
    const dossier = await api<{ code: string }>('dossier.save', draftFor(procedure, { owner: { fullName: 'Nguyễn Thị Thuỷ Tiên' } }));

    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    await page.goto(stationUrl(host));
    await openAdminPage(page, /Chữ ký số/);
    const token = page.getByTestId('token').filter({ hasText: 'Token Một Cửa' });
    await expect.poll(() => token.textContent({ timeout: 10_000 })).toContain('Nguyễn Văn An');
    expect(await token.textContent()).toContain('CCCD: 001090012345');
    expect(await page.getByTestId('module-softhsm').textContent()).toContain('Đã nạp');
    await page.getByRole('checkbox', { name: /ký số giấy tiếp nhận/ }).check();
    await expect.poll(async () => (await api<{ enabled: boolean }>('signing.config', {})).enabled).toBe(true);

    // From the log book: the dossier, its slip, "Ký số".
    await page.keyboard.press('F3');
    await page.locator('table.dossiers tbody tr', { hasText: dossier.code }).click();
    await page.getByRole('button', { name: 'In giấy hẹn' }).click();
    await page.getByTestId('sign-slip').click();
    const dialog = page.getByRole('dialog', { name: 'Ký số giấy tiếp nhận' });
    await dialog.getByLabel('Token', { exact: true }).selectOption({ label: 'Token Một Cửa (SoftHSM2)' });
    await expect.poll(() => dialog.getByTestId('pin-state').textContent()).toContain('PIN bình thường');

    // A wrong PIN first: the message, and the token's own state shown before typing again.
    await dialog.getByLabel('Mã PIN của token').fill('000000');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('alert').textContent({ timeout: 10_000 })).toContain('Mã PIN không đúng');
    await expect.poll(() => dialog.getByTestId('pin-state').textContent()).toContain('Đã có lần nhập sai PIN');
    expect(await dialog.getByLabel('Mã PIN của token').inputValue()).toBe(''); // never kept

    await dialog.getByLabel('Mã PIN của token').fill(OFFICER_PIN);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByTestId('verdict').textContent({ timeout: 15_000 })).toBe('Hợp lệ');
    expect(await dialog.getByTestId('verification').textContent()).toContain('Nguyễn Văn An');
    await page.screenshot({ path: join(dataDir, 'signed.png') });

    // What the sync will upload is the signed slip, and poppler agrees it is valid.
    const files = await api<Array<{ id: number }>>('signing.files', { code: dossier.code });
    expect(files).toHaveLength(1);
    const pdf = await api<{ base64: string }>('signing.filePdf', { id: files[0]!.id });
    expect(pdfsig(Buffer.from(pdf.base64, 'base64'))[0]).toMatchObject({ valid: true, wholeDocument: true, commonName: 'Nguyễn Văn An' });
    await page.close();
  });

  it('puts the cursor in the PIN box when the dialog opens: the PIN typed at once and Enter sign', async () => {
    await api('signing.settings', { enabled: true, addTrustedRoot: rig.ca.certPem }); // as the first test leaves it
    const procedure = await api<Procedure>('catalogue.get', { code: BIRTH_REGISTRATION });
    const dossier = await api<{ code: string }>('dossier.save', draftFor(procedure, { owner: { fullName: 'Lại Văn Sâm' } }));
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    await page.goto(stationUrl(host));
    await page.getByRole('combobox').waitFor();
    await page.keyboard.press('F3');
    await page.getByRole('searchbox').fill(dossier.code.slice(-4));
    await page.getByRole('searchbox').press('Enter');
    await page.getByTestId('dossier-page').waitFor();
    await page.keyboard.press('Control+p');
    await page.getByTestId('sign-slip').click();
    const dialog = page.getByRole('dialog', { name: 'Ký số giấy tiếp nhận' });
    await dialog.waitFor();
    // No click into the box: the officer types as soon as the dialog shows, the token still being read.
    await page.keyboard.type(OFFICER_PIN);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByTestId('verdict').textContent({ timeout: 15_000 })).toBe('Hợp lệ');
    expect(await api<unknown[]>('signing.files', { code: dossier.code })).toHaveLength(1);
    await page.close();
  });

  it('says in words how it notices tokens, the technical reason only under a fold', async () => {
    const status = await api<{ usb: { events: boolean; reason?: string } }>('signing.status', {});
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    await page.goto(stationUrl(host));
    await page.getByRole('combobox').waitFor();
    await openAdminPage(page, /Chữ ký số/);
    await page.getByTestId('token').first().waitFor();
    if (status.usb.events) {
      expect(await page.getByText('Nhận biết cắm/rút USB: có').isVisible()).toBe(true);
    } else {
      expect(await page.getByText(/trạm tự kiểm tra token mỗi 1,5 giây: token cắm vào hiện sau vài giây\. Không cần làm gì\./).isVisible()).toBe(true);
      if (status.usb.reason) expect(await page.getByText(status.usb.reason).isVisible()).toBe(false);
    }
    await page.close();
  });
});

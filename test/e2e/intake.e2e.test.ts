import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import { hostApi, launchChromium, RENDERER_DIR, requireBuiltRenderer, stationUrl } from './browser';
import { TEST_OFFICER } from '../helpers/station';

// The real renderer, served by the web host, driven in Chromium with the keyboard only —
// as a reception officer works — then the printed slip checked with pdftotext.

const rendererDir = RENDERER_DIR;
// Monday 23/11/2026, 09:32 in Vietnam.
const clock = () => new Date('2026-11-23T02:32:00Z');

let host: WebHost;
let browser: Browser;
let dataDir: string;

const api = hostApi(() => host);

async function openStation(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'vi-VN' });
  await page.goto(stationUrl(host));
  await page.getByRole('combobox').waitFor();
  return page;
}

/** Types into the focused field and presses Enter to move on, as officers do. */
async function typeAndAdvance(page: Page, text: string): Promise<void> {
  if (text) await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

beforeAll(async () => {
  requireBuiltRenderer();
  dataDir = mkdtempSync(join(tmpdir(), 'station-e2e-'));
  host = await startWebHost({ callsWithoutSession: TEST_OFFICER, port: 0, dataDir, rendererDir, version: 'test', now: clock });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('intake in the browser host', () => {
  it('receives a dossier with the keyboard only and prints a slip with the Vietnamese text intact', async () => {
    const page = await openStation();
    const procedure = await api<{ documents: Array<{ code: string; mandatory: boolean }> }>('catalogue.get', { code: '1.001193' });

    // The procedure: a few letters without diacritics, Enter picks the first match.
    await page.keyboard.type('dang ky khai sinh');
    await expect.poll(() => page.getByRole('option').first().textContent()).toContain('1.001193');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('chosen-procedure').textContent()).toContain('đăng ký khai sinh');

    // Focus moved to the owner's name; Enter walks through the fields.
    await typeAndAdvance(page, 'Nguyễn Thị Thuỷ Tiên');
    await typeAndAdvance(page, '001190012345');
    // The number itself says who to expect at the counter.
    await expect.poll(() => page.locator('.field-hint').textContent({ timeout: 5000 })).toBe('Nữ · sinh năm 1990 · Hà Nội');
    await typeAndAdvance(page, '15/03/1990');
    await typeAndAdvance(page, '0912 345 678');
    await typeAndAdvance(page, ''); // no email
    await typeAndAdvance(page, 'Số 12, ngõ 34, thôn Đông Khê, xã Tiên Du, tỉnh Bắc Ninh');
    await page.keyboard.press('Tab'); // past "submitted by someone else"

    // The documents are one stop: ↓ moves between them, Space ticks the mandatory ones.
    for (const doc of procedure.documents) {
      if (doc.mandatory) await page.keyboard.press('Space');
      await page.keyboard.press('ArrowDown');
    }

    await expect.poll(() => page.getByTestId('appointment-preview').textContent()).toBe('17 giờ 00, Thứ Hai 23/11/2026');
    await page.keyboard.press('Control+s');
    const code = (await page.getByTestId('saved-code').textContent({ timeout: 10_000 })) ?? '';
    expect(code).toBe('000.00.06.H56-261123-0001');
    expect(await page.getByTestId('saved-appointment').textContent()).toBe('17 giờ 00, Thứ Hai 23/11/2026');

    // Ctrl+P opens the slip preview with the PDF.
    await page.keyboard.press('Control+p');
    await page.getByRole('dialog').locator('iframe').waitFor();
    await page.screenshot({ path: join(dataDir, 'preview.png') });

    // The slip as printed: pdftotext must read the Vietnamese text, the code and the times.
    const slip = await api<{ base64: string }>('slip.pdf', { code });
    const pdfFile = join(dataDir, 'slip.pdf');
    writeFileSync(pdfFile, Buffer.from(slip.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain('Nguyễn Thị Thuỷ Tiên');
    expect(text).toContain('Thủ tục đăng ký khai sinh');
    expect(text).toContain(code);
    expect(text).toContain('17 giờ 00 phút, ngày 23/11/2026');
    expect(text).toContain('09 giờ 32 phút, ngày 23/11/2026');
    expect(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' })).toMatch(/Pages:\s+2/);
    await page.close();
  });

  it('shows field errors next to the fields, in Vietnamese, and saves nothing', async () => {
    const page = await openStation();
    await page.keyboard.type('chung thuc ban sao');
    await expect.poll(() => page.getByRole('option').first().textContent()).toContain('Chứng thực bản sao');
    await page.keyboard.press('Enter');
    await typeAndAdvance(page, 'Đặng Quốc Bảo');
    await typeAndAdvance(page, '003190012345'); // 003 is no province code
    await typeAndAdvance(page, '31/02/1990'); // no such day
    await typeAndAdvance(page, '0123456789');
    await page.keyboard.press('Control+s');

    await expect.poll(() => page.locator('.banner.error').textContent({ timeout: 5000 })).toContain('Hồ sơ chưa lưu');
    const errorOf = (name: string) => page.locator(`.field:has([name="${name}"]) .field-error`).textContent({ timeout: 5000 });
    expect(await errorOf('owner.idNumber')).toContain('Mã tỉnh "003"');
    expect(await errorOf('owner.birthDate')).toContain('Ngày sinh không hợp lệ');
    expect(await errorOf('owner.phone')).toContain('Số điện thoại không đúng định dạng');
    expect(await errorOf('owner.address')).toContain('Vui lòng nhập địa chỉ');
    expect(await page.getByTestId('documents-error').textContent({ timeout: 5000 })).toContain('Chưa nhận đủ giấy tờ bắt buộc');
    expect(await api<unknown[]>('dossier.search', { query: 'dang quoc bao', limit: 10 })).toEqual([]);

    // Nothing typed is lost: after a reload the unfinished form is offered back, and restored on request.
    await page.reload();
    await page.getByTestId('recovery-offer').getByRole('button', { name: 'Khôi phục' }).click();
    await expect.poll(() => page.locator('input[name="owner.fullName"]').inputValue()).toBe('Đặng Quốc Bảo');
    await page.close();
  });

  it('finds the dossier in the log book by name without diacritics, by phone and by code', async () => {
    const page = await openStation();
    await page.keyboard.press('F3');
    const search = page.getByRole('searchbox');
    await search.waitFor();
    await expect.poll(() => page.locator('table.dossiers tbody tr').count()).toBe(1); // today's log book
    await search.fill('thuy tien');
    await expect.poll(() => page.locator('table.dossiers tbody').textContent()).toContain('Nguyễn Thị Thuỷ Tiên');
    await search.fill('0912345');
    await expect.poll(() => page.locator('table.dossiers tbody').textContent()).toContain('000.00.06.H56-261123-0001');
    await search.fill('000.00.06.h56-261123');
    await expect.poll(() => page.locator('table.dossiers tbody').textContent()).toContain('Nguyễn Thị Thuỷ Tiên');
    await search.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('dossier-page').textContent()).toContain('Thủ tục đăng ký khai sinh');
    await page.close();
  });
});

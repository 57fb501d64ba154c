import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import { launchChromium, openAdminPage, RENDERER_DIR, requireBuiltRenderer } from './browser';

// Officers at the counter, as they meet the station: the technician's first start with the
// recovery code, an account made for a reception officer, the first login that asks for a
// password of one's own, the tabs of one's roles only, the lock over a form being typed.
// No session is handed to the browser here: everything goes through the login screens.

const clock = () => new Date('2026-11-23T02:32:00Z'); // Monday 23/11/2026, 09:32 in Vietnam
const TECH_PASSWORD = 'Cánh đồng lúa chín vàng';
const FIRST_PASSWORD = 'Hoa sen nở giữa hồ';
const OWN_PASSWORD = 'Mưa rơi trên mái ngói';

let host: WebHost;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  requireBuiltRenderer();
  dataDir = mkdtempSync(join(tmpdir(), 'station-officers-e2e-'));
  host = await startWebHost({ port: 0, dataDir, rendererDir: RENDERER_DIR, version: 'test', now: clock });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const focusedName = (page: Page) => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? '');

async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.keyboard.press('Enter');
}

describe('officers logging in at the station', () => {
  it('takes the technician through the first start, then a reception officer through a first login, each with their own tabs', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'vi-VN' });
    await page.goto(`${host.url}#token=${host.token}`);

    // First start: nothing of the work shows; the cursor waits in the name.
    await page.getByRole('heading', { name: /tài khoản cán bộ CNTT đầu tiên/ }).waitFor();
    expect(await page.getByRole('tab').count()).toBe(0);
    expect(await focusedName(page)).toBe('fullName');
    await page.keyboard.type('Phạm Quốc Huy');
    await page.keyboard.press('Tab');
    await page.keyboard.type('pham.huy');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12345678'); // refused by the station, in Vietnamese, next to the field
    await page.keyboard.press('Tab');
    await page.keyboard.type('12345678');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.field-error').first().textContent()).toMatch(/số/);
    await page.locator('input[name=password]').fill(TECH_PASSWORD);
    await page.locator('input[name=passwordAgain]').fill(TECH_PASSWORD);
    await page.keyboard.press('Enter');

    // The recovery code, once; the shell only after the technician says it is put away.
    const code = page.getByTestId('recovery-code');
    await code.waitFor();
    expect((await code.textContent())?.replace(/[\s-]/g, '').length).toBeGreaterThanOrEqual(20);
    const next = page.getByRole('button', { name: 'Tiếp tục' });
    expect(await next.isDisabled()).toBe(true);
    await page.keyboard.press('Space'); // the checkbox has the focus
    await next.click();
    await expect.poll(() => page.locator('.officer-name').textContent()).toBe('Phạm Quốc Huy');
    expect(await page.getByRole('tab').allTextContents()).toEqual([expect.stringContaining('Tiếp nhận'), expect.stringContaining('Sổ theo dõi'), expect.stringContaining('Đồng bộ'), expect.stringContaining('Quản trị'), expect.stringContaining('Theo dõi hạn'), expect.stringContaining('Chỉ số'), expect.stringContaining('Báo cáo')]);

    // An account for the reception officer, with a first password.
    await openAdminPage(page, /Cán bộ/);
    await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
    expect(await focusedName(page)).toBe('fullName');
    await page.keyboard.type('Trần Thị Bích');
    await page.locator('input[name=username]').fill('tran.bich');
    await page.locator('input[name=password]').fill(FIRST_PASSWORD);
    await page.locator('input[name=passwordAgain]').fill(FIRST_PASSWORD);
    await page.keyboard.press('Enter');
    const row = page.locator('tr[data-username="tran.bich"]');
    await expect.poll(() => row.textContent()).toContain('chờ đổi mật khẩu');
    expect(await row.textContent()).toContain('Tiếp nhận');
    expect(await page.getByRole('status').textContent()).toContain('Đã tạo tài khoản tran.bich');

    // The log is whole, and says so in words.
    await page.getByRole('button', { name: 'Kiểm tra toàn vẹn nhật ký' }).click();
    await expect.poll(() => page.locator('.audit-check [data-ok]').getAttribute('data-ok')).toBe('true');

    // Logged out: the reception officer logs in and must first set a password of her own.
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await logIn(page, 'tran.bich', 'sai mật khẩu rồi');
    await page.getByRole('alert').filter({ hasText: 'Tên đăng nhập hoặc mật khẩu không đúng' }).waitFor();
    expect(await page.locator('input[name=username]').inputValue()).toBe('tran.bich');
    expect(await focusedName(page)).toBe('password');
    await page.keyboard.type(FIRST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
    expect(await focusedName(page)).toBe('current');
    await page.keyboard.type(FIRST_PASSWORD);
    await page.locator('input[name=next]').fill(OWN_PASSWORD);
    await page.locator('input[name=nextAgain]').fill(OWN_PASSWORD);
    await page.keyboard.press('Enter');

    // Her tabs: the counter's, not the administration.
    await page.getByRole('combobox').waitFor();
    await expect.poll(() => page.locator('.officer-name').textContent()).toBe('Trần Thị Bích');
    expect(await page.getByRole('tab').allTextContents()).toEqual([expect.stringContaining('Tiếp nhận'), expect.stringContaining('Sổ theo dõi'), expect.stringContaining('Đồng bộ'), expect.stringContaining('Theo dõi hạn')]);
    await page.keyboard.press('Alt+5');
    expect(await page.getByRole('tab', { selected: true }).textContent()).toContain('Tiếp nhận');
    await page.close();
  });

  it('locks over a form being typed, ignores the screen keys meanwhile, and gives the form back unchanged', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'vi-VN' });
    await page.goto(`${host.url}#token=${host.token}`);
    await logIn(page, 'tran.bich', OWN_PASSWORD);
    await page.getByRole('combobox').waitFor();
    await page.keyboard.type('dang ky khai sinh');
    await expect.poll(() => page.getByRole('option').first().textContent()).toContain('1.001193');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Đỗ Minh Châu');

    await page.keyboard.press('Control+l');
    await page.getByRole('dialog', { name: 'Trạm đang khóa' }).waitFor();
    expect(await focusedName(page)).toBe('unlockPassword');
    await page.keyboard.press('F3'); // the log book does not open behind the lock
    await page.keyboard.type('sai');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').getByRole('alert').filter({ hasText: 'Mật khẩu không đúng' }).waitFor();
    // Nothing is answered to a locked session, whatever the window asks.
    const refused = await page.evaluate(async () => {
      const res = await fetch('api/dossier.logbook', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionStorage.getItem('station-web-token')}`, 'x-station-session': sessionStorage.getItem('station-session') ?? '' }, body: '{}' });
      return res.status;
    });
    expect(refused).toBe(423);

    await page.keyboard.type(OWN_PASSWORD);
    await page.keyboard.press('Enter');
    // The password is checked by a memory-hard KDF, slower on a busy machine: wait for the lock to go.
    await page.getByRole('dialog', { name: 'Trạm đang khóa' }).waitFor({ state: 'detached' });
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.getByRole('tab', { selected: true }).textContent()).toContain('Tiếp nhận');
    expect(await page.getByLabel('Họ và tên', { exact: true }).inputValue()).toBe('Đỗ Minh Châu');
    await page.close();
  });
});

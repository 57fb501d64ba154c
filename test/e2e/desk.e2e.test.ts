import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSync, constants, copyFileSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import type { QueueTicketView } from '../../main/contract/queue-channels';
import type { DossierView } from '../../main/contract/schemas';
import type { Procedure } from '../../main/core/model';
import { hostApi, launchChromium, openAdminPage, RENDERER_DIR, requireBuiltRenderer, stationUrl } from './browser';
import { TEST_OFFICER } from '../helpers/station';
import { BIRTH_REGISTRATION, draftFor } from '../helpers/drafts';
import { CCCD_HANOI, VIETQR_PAYMENT } from '../core/identity-qr-fixtures';
import { socatPair, type SocatPair } from '../hardware/serial/socat-rig';
import { startFakePrinter, type FakePrinter } from '../hardware/printers/escpos-fake';

// The other devices on the desk, driven in the real renderer: the identity-card reader (a socat
// pty pair as the serial reader, Chromium's keyboard as a wedge scanner), the queue tickets on
// the fake ESC/POS network printer, and the screen facing the citizen in a second page with a
// session of its own (role `display`). Screenshots go to SHOTS for a person to look at.

// Monday 23/11/2026, 09:32 in Vietnam.
const clock = () => new Date('2026-11-23T02:32:00Z');
const SHOTS = process.env.DESK_SHOTS ?? join(tmpdir(), 'desk-e2e-shots');

let host: WebHost;
let browser: Browser;
let dataDir: string;
let pair: SocatPair;
let printer: FakePrinter;

const api = hostApi(() => host);

const field = (page: Page, name: string) => page.locator(`form.intake [name="${name}"]`);

async function openStation(hash = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'vi-VN' });
  await page.goto(stationUrl(host));
  await page.getByRole('combobox').waitFor();
  if (hash) await page.evaluate((h) => { location.hash = h; }, hash);
  return page;
}

async function openDisplay(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
  await page.goto(host.displayUrl());
  await page.getByTestId('display').waitFor();
  return page;
}

/** The reader's end of the serial line, writing as the device does. */
function readerSends(text: string): void {
  const fd = openSync(pair.b, constants.O_WRONLY | constants.O_NOCTTY);
  try {
    writeSync(fd, Buffer.from(text, 'utf8'));
  } finally {
    closeSync(fd);
  }
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

beforeAll(async () => {
  requireBuiltRenderer();
  rmSync(SHOTS, { recursive: true, force: true });
  dataDir = mkdtempSync(join(tmpdir(), 'station-desk-e2e-'));
  mkdirSync(SHOTS, { recursive: true });
  pair = await socatPair();
  printer = await startFakePrinter({ paper: 80 });
  host = await startWebHost({ callsWithoutSession: TEST_OFFICER, port: 0, dataDir, rendererDir: RENDERER_DIR, version: 'test', now: clock });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await printer?.stop();
  await pair?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the identity card at intake', () => {
  it('a serial reader fills the empty fields, asks before replacing the name typed, and a garbled read fills nothing', async () => {
    await api('reader.configure', { mode: 'serial', serial: { path: pair.a, baudRate: 9600 } });
    const page = await openStation();
    await page.keyboard.type('dang ky khai sinh');
    await expect.poll(() => page.getByRole('option').first().textContent()).toContain('1.001193');
    await page.keyboard.press('Enter');
    // The officer typed the name without its marks before the card came out.
    await page.keyboard.type('Nguyen Van Binh');

    readerSends(`${CCCD_HANOI}\r\n`);
    const status = page.getByTestId('identity-status');
    await expect.poll(() => status.textContent()).toContain('Đã đọc thẻ của');
    expect(await status.textContent()).toContain('Nguyễn Văn Bình (001090012345)');
    expect(await status.textContent()).toContain('Giới tính trên thẻ: Nam');
    expect(await field(page, 'owner.idNumber').inputValue()).toBe('001090012345');
    expect(await field(page, 'owner.birthDate').inputValue()).toBe('17/05/1990');
    expect(await field(page, 'owner.address').inputValue()).toBe('Số 12 ngõ 34 phố Tô Hiệu, Phường Nghĩa Đô, Quận Cầu Giấy, Hà Nội');
    // The name typed stays until the officer says otherwise.
    expect(await field(page, 'owner.fullName').inputValue()).toBe('Nguyen Van Binh');
    expect(await status.textContent()).toContain('đã nhập “Nguyen Van Binh” — trên thẻ “Nguyễn Văn Bình”');
    await shot(page, 'intake-card-ask');
    // The officer's choice has the focus: Enter takes the card.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Dùng thông tin trên thẻ');
    await page.keyboard.press('Enter');
    await expect.poll(() => field(page, 'owner.fullName').inputValue()).toBe('Nguyễn Văn Bình');
    expect(await status.textContent()).toContain('Đã thay bằng thông tin trên thẻ: họ tên');
    expect(await api<{ lastScanAt?: string }>('reader.status', {})).toMatchObject({ state: 'listening', lastScanAt: '2026-11-23T09:32' });

    // A new form; a payment QR held to the reader: the reason in Vietnamese, nothing filled.
    await page.keyboard.press('F2');
    await expect.poll(() => field(page, 'owner.fullName').inputValue()).toBe('');
    readerSends(`${VIETQR_PAYMENT}\r\n`);
    await expect.poll(() => page.getByTestId('identity-status').textContent()).toContain('Không đọc được CCCD');
    expect(await page.getByTestId('identity-status').textContent()).toContain('không phải mã QR của thẻ căn cước');
    for (const name of ['owner.fullName', 'owner.idNumber', 'owner.birthDate', 'owner.address']) expect(await field(page, name).inputValue()).toBe('');
    await shot(page, 'intake-card-garbled');
    await page.close();
  });

  it('a keyboard wedge typing into the identity field fills the form; the burst’s Enter does not move on; a garbled burst fills nothing', async () => {
    // A busy test machine types slower than a real wedge: the widest gap the settings allow.
    await api('reader.configure', { mode: 'keyboard', keyboard: { maxKeyGapMs: 200, minLength: 20 } });
    const page = await openStation();
    await page.keyboard.press('Escape');
    await field(page, 'owner.idNumber').focus();
    await page.keyboard.type(CCCD_HANOI);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('identity-status').textContent()).toContain('Đã đọc thẻ của');
    expect(await field(page, 'owner.fullName').inputValue()).toBe('Nguyễn Văn Bình');
    expect(await field(page, 'owner.idNumber').inputValue()).toBe('001090012345');
    expect(await field(page, 'owner.birthDate').inputValue()).toBe('17/05/1990');
    expect(await field(page, 'owner.address').inputValue()).toContain('Quận Cầu Giấy');
    // Filled: the cursor goes to the phone, the first field the card does not give.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('owner.phone');
    await shot(page, 'intake-card-wedge');

    // The officer typing the number by hand: Enter is theirs, and moves on to the birth date.
    await page.keyboard.press('F2');
    await expect.poll(() => field(page, 'owner.fullName').inputValue()).toBe('');
    await field(page, 'owner.idNumber').focus();
    await page.keyboard.type('079185000123', { delay: 120 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('owner.birthDate');
    expect(await page.getByTestId('identity-status').count()).toBe(0);
    expect(await field(page, 'owner.idNumber').inputValue()).toBe('079185000123');

    await page.keyboard.press('F2');
    await expect.poll(() => field(page, 'owner.fullName').inputValue()).toBe('');
    await field(page, 'owner.idNumber').focus();
    await page.keyboard.type('001090012345|013245678|Ng'); // cut off: the scanner lost the code
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('identity-status').textContent()).toContain('Không đọc được CCCD');
    expect(await page.getByTestId('identity-status').textContent()).toContain('Chưa điền gì');
    for (const name of ['owner.fullName', 'owner.idNumber', 'owner.birthDate', 'owner.address']) expect(await field(page, name).inputValue()).toBe('');
    await page.close();
    await api('reader.configure', { mode: 'none' });
  });
});

describe('the queue and the screen facing the citizen', () => {
  it('the kiosk prints A001, the officer calls, serves and links it, the citizen rates on the display', async () => {
    await api('queue.configure', { printer: { kind: 'network', host: '127.0.0.1', port: printer.tcpPort }, paper: 80, statusTimeoutMs: 3000 });
    await api('display.clear', {}); // the citizen of the last test has left
    const display = await openDisplay();
    expect(await display.getByTestId('display').getAttribute('data-mode')).toBe('idle');
    await shot(display, 'display-idle');

    // The kiosk: one big button per group.
    const kiosk = await openStation('#/kiosk');
    await kiosk.getByRole('button', { name: /Hộ tịch/ }).click();
    await expect.poll(() => kiosk.getByTestId('kiosk-result').textContent()).toContain('A001');
    expect(await kiosk.getByTestId('kiosk-result').textContent()).toContain('Xin nhận phiếu');
    await shot(kiosk, 'kiosk-printed');
    const receipt = await printer.nextReceipt();
    copyFileSync(receipt.file, join(SHOTS, 'ticket-A001.png'));
    expect(receipt.qrTexts[0]).toContain('A001');

    // The officer: F8 calls the next ticket.
    const page = await openStation();
    await page.keyboard.press('F8');
    await expect.poll(() => page.getByTestId('current-ticket').textContent()).toContain('A001');
    expect(await page.getByTestId('queue-status').textContent()).toBe('Đã gọi số A001.');
    // The keyboard path: the focus is on "the citizen is here", then on the dossier's code, then on "ask for a rating".
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Công dân đã đến');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('current-ticket').textContent()).toContain('Đang phục vụ');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('dossierCode');

    // The dossier received for the citizen (through the API: intake has its own test); the panel offers it.
    const procedure = await api<Procedure>('catalogue.get', { code: BIRTH_REGISTRATION });
    const dossier = await api<DossierView>('dossier.save', draftFor(procedure, { owner: { fullName: 'Nguyễn Văn Bình' } }));
    await expect.poll(() => page.locator('input[name="dossierCode"]').inputValue()).toBe(dossier.code);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('linked-dossier').textContent()).toContain(dossier.code);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Mời đánh giá');
    const today = await api<{ current?: QueueTicketView }>('queue.today', {});
    expect(today.current).toMatchObject({ number: 'A001', state: 'serving', dossiers: [dossier.code] });
    await shot(page, 'queue-panel');

    // "Mời đánh giá": the display asks; the citizen touches "very satisfied", writes a word, sends.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('queue-status').textContent()).toContain('Đã mời công dân đánh giá');
    await expect.poll(() => display.getByTestId('display').getAttribute('data-mode')).toBe('rating');
    await shot(display, 'display-rating');
    await display.getByRole('radio').first().click();
    await display.locator('textarea').fill('Cán bộ hướng dẫn tận tình');
    await shot(display, 'display-rating-chosen');
    await display.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await expect.poll(() => display.getByTestId('display').getAttribute('data-mode')).toBe('thanks');
    await shot(display, 'display-thanks');
    const ratings = await api<Array<{ score: number; comment: string; moment: string }>>('rating.ofDossier', { code: dossier.code });
    expect(ratings).toEqual([expect.objectContaining({ score: 4, comment: 'Cán bộ hướng dẫn tận tình', moment: 'intake' })]);

    await page.getByRole('button', { name: 'Kết thúc' }).click();
    await expect.poll(() => page.getByTestId('queue-status').textContent()).toBe('Đã kết thúc số A001.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-focus'))).toBe('call-next');
    // Nobody waiting: F8 says so, in Vietnamese, and changes nothing.
    await page.keyboard.press('F8');
    await expect.poll(() => page.locator('[data-testid="queue-status"].error').count()).toBe(1);
    await shot(page, 'queue-nothing-waiting');

    // The printer's paper runs out: the kiosk still gives the number and says the ticket did not print.
    printer.setState('paper_out');
    await kiosk.getByRole('button', { name: /Hộ tịch/ }).click();
    await expect.poll(() => kiosk.getByTestId('kiosk-result').textContent()).toContain('A002');
    expect(await kiosk.getByTestId('kiosk-result').textContent()).toContain('phiếu chưa in được');
    expect(await kiosk.getByTestId('kiosk-result').textContent()).toContain('Máy in phiếu hết giấy');
    await shot(kiosk, 'kiosk-paper-out');
    printer.setState('ready');
    await Promise.all([kiosk.close(), page.close(), display.close()]);
  });

  it('the display mirrors the details typed at intake; its session may not call an officer’s channel', async () => {
    const display = await openDisplay();
    const page = await openStation();
    await page.keyboard.type('dang ky khai sinh');
    await expect.poll(() => page.getByRole('option').first().textContent()).toContain('1.001193');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Trần Thị Mai');
    await page.keyboard.press('Enter');
    await page.keyboard.type('079185000123');
    await expect.poll(() => display.getByTestId('display').getAttribute('data-mode')).toBe('details');
    await expect.poll(() => display.locator('.display-details').textContent()).toContain('079185000123');
    const shown = (await display.locator('.display-details').textContent()) ?? '';
    expect(shown).toContain('Trần Thị Mai');
    expect(shown).toContain('Thủ tục đăng ký khai sinh');
    await shot(display, 'display-details');

    const session = /session=([^&]+)/.exec(host.displayUrl())?.[1] ?? '';
    const refused = await fetch(`${host.url}api/queue.callNext`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}`, 'x-station-session': session },
      body: '{}',
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('ROLE_FORBIDDEN');
    // Nothing was called: A002 (taken while the paper was out) still waits.
    expect((await api<{ waiting: QueueTicketView[] }>('queue.today', {})).waiting.map((x) => x.number)).toEqual(['A002']);
    await Promise.all([page.close(), display.close()]);
  });
});

describe('the device settings pages', () => {
  it('the technician sets the serial reader and test-reads a card; tests the ticket printer', async () => {
    const page = await openStation();
    await openAdminPage(page, /Đầu đọc CCCD/);
    await page.getByLabel('Cổng nối tiếp (COM, USB-serial)').check();
    // socat's links are not among the PC's ports: the path set before (by the first test) is offered beside them.
    await page.locator('select[name="serial.path"]').selectOption(pair.a);
    await page.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.getByTestId('reader-state').textContent()).toContain('Đang lắng nghe');
    await page.getByRole('button', { name: 'Đọc thử' }).click();
    await page.getByText('Đang chờ quét').waitFor();
    readerSends(`${CCCD_HANOI}\r\n`);
    await expect.poll(() => page.getByTestId('reader-test').textContent({ timeout: 15_000 })).toContain('Nguyễn Văn Bình · 001090012345 · 17/05/1990');
    await shot(page, 'reader-settings');

    await openAdminPage(page, /Hàng đợi, máy in phiếu/);
    await page.getByRole('button', { name: 'In thử' }).click();
    await expect.poll(() => page.getByTestId('printer-test').textContent({ timeout: 10_000 })).toContain('Đã in thử');
    const test = await printer.nextReceipt();
    copyFileSync(test.file, join(SHOTS, 'ticket-test.png'));
    await shot(page, 'queue-settings');
    await page.close();
  });

  it('the leader reads the day’s queue and satisfaction figures', async () => {
    const page = await openStation();
    await openAdminPage(page, /Chỉ số quầy/);
    const rows = await api<Array<{ group: string; counter?: number; issued: number; finished: number; neverCalled: number }>>('queue.indicators', { from: '2026-11-23', to: '2026-11-23' });
    const queueRows = page.getByTestId('queue-indicators').locator('tbody tr');
    await expect.poll(() => queueRows.count()).toBe(rows.length);
    // A001 served at counter 1; A002, taken while the paper was out, never called.
    expect(rows).toEqual(expect.arrayContaining([
      expect.objectContaining({ group: 'A', counter: 1, issued: 1, finished: 1 }),
      expect.objectContaining({ group: 'A', issued: 1, neverCalled: 1 }),
    ]));
    const served = (await queueRows.allTextContents()).find((r) => r.includes('A — Hộ tịch') && r.includes('23/11/2026'));
    expect(served).toBeDefined();
    const rating = page.getByTestId('rating-indicators').locator('tbody tr');
    await expect.poll(() => rating.first().textContent()).toContain('Cán bộ tiếp nhận');
    expect(await rating.first().textContent()).toContain('100%');
    await shot(page, 'desk-indicators');
    await page.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import type { CashSummaryWire, DossierFeesView, ReceiptBookViewWire, ReceiptSummaryWire } from '../../main/contract/fees-schemas';
import type { Procedure } from '../../main/core/model';
import { draftFor } from '../helpers/drafts';
import { TEST_OFFICER } from '../helpers/station';
import { hostApi, launchChromium, openAdminPage, RENDERER_DIR, requireBuiltRenderer, stationUrl } from './browser';

// Fees at the counter, in the real renderer served by the web host: a refusal while the station
// has no receipt book, the technician assigning a range, an officer receiving a dossier of
// "chứng thực bản sao" (2.000 đ a page) and taking the money with the keyboard only, an
// exemption halving what is due, voiding a receipt, the day's receipts and cash summary
// (PDF and Excel read back). Screenshots go to SHOTS for a person to look at.

const clock = () => new Date('2026-11-23T02:32:00Z'); // Monday 23/11/2026, 09:32 in Vietnam
const COPY_CERTIFICATION = '2.000815';
const SHOTS = process.env.FEES_SHOTS ?? '';

let host: WebHost;
let browser: Browser;
let dataDir: string;
const api = hostApi(() => host);

beforeAll(async () => {
  requireBuiltRenderer();
  dataDir = mkdtempSync(join(tmpdir(), 'station-fees-e2e-'));
  host = await startWebHost({ callsWithoutSession: TEST_OFFICER, port: 0, dataDir, rendererDir: RENDERER_DIR, version: 'test', now: clock });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function openStation(hash = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
  // A step that cannot happen fails with its own message, well within the test's time.
  page.setDefaultTimeout(10_000);
  await page.goto(stationUrl(host));
  await page.getByRole('tab').first().waitFor();
  if (hash) await page.evaluate((h) => { location.hash = h; }, hash);
  return page;
}

const shot = async (page: Page, name: string) => { if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true }); };

/** A received dossier of "chứng thực bản sao", through the API (the keyboard path has its own test). */
async function receivedDossier(fullName: string): Promise<string> {
  const procedure = await api<Procedure>('catalogue.get', { code: COPY_CERTIFICATION });
  return (await api<{ code: string }>('dossier.save', draftFor(procedure, { owner: { fullName } }))).code;
}

const pdfText = (base64: string, name: string): string => {
  const file = join(dataDir, name);
  writeFileSync(file, Buffer.from(base64, 'base64'));
  if (SHOTS) execFileSync('pdftoppm', ['-png', '-r', '60', file, join(SHOTS, name.replace(/\.pdf$/, ''))]);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

const focusedName = (page: Page) => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? '');

describe('fees, receipts and the day\'s cash in the browser host', () => {
  it('refuses to take money while the station has no receipt book, in Vietnamese, and records nothing', async () => {
    const code = await receivedDossier('Hoàng Văn Chưa');
    const page = await openStation(`#/dossiers/${encodeURIComponent(code)}`);
    await expect.poll(() => page.getByTestId('fees-total').textContent()).toBe('2.000 đ');
    await page.keyboard.press('F9');
    const dialog = page.getByRole('dialog', { name: `Thu tiền hồ sơ ${code}` });
    await dialog.waitFor();
    await expect.poll(() => dialog.getByTestId('no-book').textContent()).toBe('Chưa có quyển biên lai còn số');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByTestId('payment-message').textContent()).toContain('Máy trạm chưa được cấp quyển biên lai nào');
    await shot(page, 'fees-refused');
    const fees = await api<DossierFeesView>('fees.get', { code });
    expect(fees.recorded).toBeNull();
    expect(fees.receipts).toEqual([]);
    expect(await api<unknown[]>('receipts.list', {})).toEqual([]);
    // The dialog stays, nothing typed is lost; Esc leaves it.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await page.close();
  });

  it('lets the technician assign a range of receipt numbers, and shows an overlap next to the field', async () => {
    const page = await openStation();
    await openAdminPage(page, /Quyển biên lai/);
    await expect.poll(() => page.getByTestId('no-books').textContent()).toContain('chưa có quyển biên lai');
    await page.locator('input[name="formNumber"]').focus();
    for (const text of ['01blp', 'aa/26p']) { await page.keyboard.type(text); await page.keyboard.press('Enter'); }
    await page.keyboard.press('Enter'); // the kind: paper
    for (const text of ['1', '100', 'Quyển giao ngày 20/11/2026']) { await page.keyboard.type(text); await page.keyboard.press('Enter'); }
    await page.keyboard.press('Enter'); // on "Cấp dải số"
    await expect.poll(() => page.getByTestId('assign-status').textContent()).toBe('Đã cấp dải 0000001–0000100 của quyển 01BLP AA/26P.');
    await expect.poll(() => page.getByTestId('books').textContent()).toContain('0000001–0000100, còn 100');

    // A second range overlapping the first: refused next to "Từ số", nothing written.
    await page.locator('input[name="first"]').fill('50');
    await page.locator('input[name="last"]').fill('150');
    await page.getByRole('button', { name: 'Cấp dải số' }).click();
    await expect.poll(() => page.locator('.field:has([name="first"]) .field-error').textContent()).toContain('trùng với dải 0000001–0000100');
    expect(await page.getByTestId('assign-status').textContent()).toContain('Chưa có gì được ghi');
    await shot(page, 'fees-books');

    // The receipt settings: a tax code of the wrong shape is refused next to it; a good one is kept.
    const taxCode = page.locator('input[name="collectorTaxCode"]');
    await taxCode.fill('12345');
    await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await expect.poll(() => page.locator('.field:has([name="collectorTaxCode"]) .field-error').textContent()).toContain('10 chữ số');
    await taxCode.fill('0101234567');
    await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await expect.poll(() => page.getByTestId('settings-status').textContent()).toBe('Đã lưu cài đặt biên lai.');
    expect((await api<{ collectorTaxCode: string }>('fees.settings', {})).collectorTaxCode).toBe('0101234567');
    await page.getByTestId('ereceipt-status').scrollIntoViewIfNeeded();
    await shot(page, 'fees-settings');
    const books = await api<ReceiptBookViewWire[]>('receiptBooks.list', {});
    expect(books.map((b) => [b.series, b.ranges.length, b.left, b.nextNumber])).toEqual([['AA/26P', 1, 100, 1]]);
    await page.close();
  });

  it('takes the money for a dossier received with the keyboard: F9, Enter; the receipt is the first of the range', async () => {
    const page = await openStation();
    await page.getByRole('combobox').waitFor();
    await page.keyboard.type('chung thuc ban sao tu ban chinh');
    await expect.poll(() => page.getByRole('option').first().textContent()).toContain(COPY_CERTIFICATION);
    await page.keyboard.press('Enter');
    for (const text of ['Trần Thị Mai Anh', '001190012345', '15/03/1990', '0912 345 678', '', 'Số 5, thôn Đông Khê, xã Tiên Du, tỉnh Bắc Ninh']) {
      if (text) await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    }
    await page.keyboard.press('Tab'); // past "submitted by someone else"
    await page.keyboard.press('Space'); // the original, mandatory
    await page.keyboard.press('Control+s');
    const code = (await page.getByTestId('saved-code').textContent({ timeout: 10_000 })) ?? '';
    expect(code).toMatch(/^000\.00\.06\.H56-261123-\d{4}$/);

    // Right under the saved dossier: the fee, 2.000 đ a page; three pages.
    const fees = page.getByTestId('dossier-fees');
    await expect.poll(() => fees.getByTestId('fees-total').textContent()).toBe('2.000 đ');
    expect(await fees.getByTestId('fees-keys').textContent()).toContain('F9: thu tiền');
    for (let i = 0; i < 3 && (await focusedName(page)) !== 'rows.0.quantity'; i++) await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('rows.0.quantity');
    await page.keyboard.type('3');
    await expect.poll(() => fees.getByTestId('fees-total').textContent()).toBe('6.000 đ');
    expect(await fees.getByTestId('fees-words').textContent()).toBe('Sáu nghìn đồng');
    await shot(page, 'fees-saved-dossier');

    await page.keyboard.press('F9');
    const dialog = page.getByRole('dialog', { name: `Thu tiền hồ sơ ${code}` });
    await dialog.waitFor();
    expect(await dialog.getByTestId('payment-due').textContent()).toBe('6.000 đ');
    expect(await dialog.textContent()).toContain('Sáu nghìn đồng');
    await expect.poll(() => dialog.locator('input[name="number"]').inputValue()).toBe('1');
    expect(await focusedName(page)).toBe('method'); // cash, ↑↓ for another way
    await page.keyboard.type(''); // nothing else to type: the owner pays, in cash
    await shot(page, 'fees-payment');
    await page.keyboard.press('Enter');

    const receipt = page.getByRole('dialog', { name: 'Biên lai AA/26P số 0000001' });
    await receipt.waitFor();
    expect(await receipt.getByTestId('receipt-amount').textContent()).toBe('6.000 đ');
    await receipt.locator('iframe').waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('In biên lai (Enter)');
    await shot(page, 'fees-receipt');
    await page.keyboard.press('Escape');
    await expect.poll(() => fees.getByTestId('fees-state').textContent()).toBe('Đã thu đủ 6.000 đ');
    // Back on the receipt's row: Enter opens it again to reprint.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('Xem, in lại');
    expect(await fees.getByTestId('fees-status').textContent()).toBe('Đã thu 6.000 đ: biên lai AA/26P số 0000001');

    // What the station holds, and the receipt as printed.
    const held = await api<DossierFeesView>('fees.get', { code });
    expect(held.lines.map((l) => [l.feeName, l.quantity, l.dueVnd, l.status])).toEqual([['Phí chứng thực bản sao từ bản chính', 3, 6000, 'paid']]);
    expect(held.receipts.map((r) => [r.numberText, r.amountVnd, r.payerName, r.method])).toEqual([['0000001', 6000, 'Trần Thị Mai Anh', 'cash']]);
    const pdf = await api<{ base64: string }>('receipts.pdf', { id: held.receipts[0]!.id });
    const text = pdfText(pdf.base64, 'fees-receipt-1.pdf');
    expect(text).toContain('Trần Thị Mai Anh');
    expect(text).toContain('6.000');
    expect(text).toContain('Sáu nghìn đồng');
    expect(text).toContain('0000001');
    await page.close();
  });

  it('halves what is due with a 50 % exemption and its reason, on the dossier page', async () => {
    const code = await receivedDossier('Lê Thị Khuyết');
    const page = await openStation(`#/dossiers/${encodeURIComponent(code)}`);
    const fees = page.getByTestId('dossier-fees');
    await expect.poll(() => fees.getByTestId('fees-total').textContent()).toBe('2.000 đ');
    await fees.locator('input[name="rows.0.quantity"]').fill('3');
    await fees.locator('select[name="rows.0.exemption.reason"]').selectOption('disability');
    await fees.locator('input[name="rows.0.exemption.percent"]').fill('50');
    await fees.locator('input[name="rows.0.exemption.detail"]').fill('Giấy xác nhận khuyết tật số 125');
    await expect.poll(() => fees.getByTestId('fees-total').textContent()).toBe('3.000 đ');
    expect(await fees.getByTestId('fees-words').textContent()).toBe('Ba nghìn đồng');
    await shot(page, 'fees-exemption');
    await page.keyboard.press('F9');
    const dialog = page.getByRole('dialog', { name: `Thu tiền hồ sơ ${code}` });
    await expect.poll(() => dialog.getByTestId('payment-due').textContent()).toBe('3.000 đ');
    await expect.poll(() => dialog.locator('input[name="number"]').inputValue()).toBe('2');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Biên lai AA/26P số 0000002' }).waitFor();
    await page.keyboard.press('Escape');

    const held = await api<DossierFeesView>('fees.get', { code });
    expect(held.lines.map((l) => [l.grossVnd, l.exemptVnd, l.dueVnd, l.exemption?.reason, l.exemption?.percent])).toEqual([[6000, 3000, 3000, 'disability', 50]]);
    expect(held.receipts.map((r) => r.amountVnd)).toEqual([3000]);
    await page.close();
  });

  it('voids a receipt only with a reason and a confirmation; it shows "ĐÃ HỦY" and the fees are due again', async () => {
    const [first] = await api<ReceiptSummaryWire[]>('receipts.list', {}).then((all) => all.filter((r) => r.numberText === '0000001'));
    const code = first!.dossierCode;
    const page = await openStation(`#/dossiers/${encodeURIComponent(code)}`);
    const fees = page.getByTestId('dossier-fees');
    await fees.getByTestId('dossier-receipt').getByRole('button', { name: 'Xem, in lại' }).click();
    const receipt = page.getByRole('dialog', { name: 'Biên lai AA/26P số 0000001' });
    await receipt.getByRole('button', { name: 'Hủy biên lai' }).click();
    expect(await focusedName(page)).toBe('reason');
    await page.keyboard.press('Enter'); // no reason yet
    await expect.poll(() => receipt.locator('.field:has([name="reason"]) .field-error').textContent()).toContain('Ghi lý do hủy');
    expect((await api<DossierFeesView>('fees.get', { code })).receipts[0]!.voided).toBe(false);

    await page.keyboard.type('Ghi sai số trang');
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: 'Hủy biên lai AA/26P số 0000001?' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('vẫn giữ số 0000001');
    expect(await confirm.textContent()).toContain('trở lại chưa thu');
    await shot(page, 'fees-void-confirm');
    await confirm.getByRole('button', { name: 'Hủy biên lai' }).click();
    await expect.poll(() => receipt.getByTestId('receipt-voided').textContent()).toContain('ĐÃ HỦY');
    expect(await receipt.getByTestId('receipt-voided').textContent()).toContain('Ghi sai số trang');
    await shot(page, 'fees-voided');
    // Focus stays in the dialog (on "In biên lai"): Esc closes it, not the dossier page.
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('In biên lai (Enter)');
    await page.keyboard.press('Escape');
    await expect.poll(() => fees.getByTestId('fees-state').textContent()).toBe('Chưa thu: 6.000 đ');
    expect(await fees.getByTestId('dossier-receipt').textContent()).toContain('ĐÃ HỦY');

    const held = await api<DossierFeesView>('fees.get', { code });
    expect(held.totals.outstandingVnd).toBe(6000);
    expect(held.receipts.map((r) => [r.numberText, r.voided])).toEqual([['0000001', true]]);
    const text = pdfText((await api<{ base64: string }>('receipts.pdf', { id: first!.id })).base64, 'fees-receipt-voided.pdf');
    expect(text).toContain('ĐÃ HỦY');
    await page.close();
  });

  it("shows the day's receipts and a cash summary equal to them, printed and exported to Excel", async () => {
    const page = await openStation();
    await page.keyboard.press('F7');
    await expect.poll(() => page.locator('input[name="date"]').inputValue()).toBe('23/11/2026');
    await expect.poll(() => page.getByTestId('day-receipt').count()).toBe(2);
    expect(await page.getByTestId('day-totals').textContent()).toContain('1 biên lai có hiệu lực · 3.000 đ · 1 biên lai đã hủy');
    await expect.poll(() => page.getByTestId('summary-total').textContent()).toBe('3.000 đ');
    expect(await page.getByTestId('summary-voided').textContent()).toContain('Ghi sai số trang');
    await shot(page, 'fees-day');

    const receipts = await api<ReceiptSummaryWire[]>('receipts.list', { date: '2026-11-23' });
    const summary = await api<CashSummaryWire>('fees.cashSummary', { date: '2026-11-23' });
    const valid = receipts.filter((r) => !r.voided);
    expect(summary.totals.totalVnd).toBe(valid.reduce((a, r) => a + r.amountVnd, 0));
    expect(summary.totals.receipts).toBe(valid.length);
    expect(summary.voided.map((v) => v.numberText)).toEqual(['0000001']);

    // ↓ from the date into the list, Enter opens the receipt.
    await page.locator('input[name="date"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: /Biên lai AA\/26P số 000000[12]/ }).waitFor();
    await page.keyboard.press('Escape');

    // The summary to print: a preview of the PDF.
    await page.getByRole('button', { name: 'In bảng kê' }).click();
    const preview = page.getByRole('dialog', { name: 'Bảng kê thu tiền ngày 23/11/2026' });
    await preview.locator('iframe').waitFor();
    await shot(page, 'fees-summary-preview');
    await page.keyboard.press('Escape');
    const summaryPdf = pdfText((await api<{ base64: string }>('fees.cashSummaryPdf', { date: '2026-11-23' })).base64, 'fees-summary.pdf');
    expect(summaryPdf).toContain('3.000');

    // Excel: a link with a Vietnamese name; the workbook read back equals the summary.
    await page.getByRole('button', { name: 'Xuất Excel' }).click();
    const link = page.getByTestId('xlsx-link');
    await expect.poll(() => link.textContent()).toBe('Tải về Bảng kê thu phí ngày 23-11-2026.xlsx');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('Bảng kê thu phí ngày 23-11-2026.xlsx');
    const file = join(dataDir, 'summary.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const byOfficer = wb.getWorksheet('Theo cán bộ')!;
    const totalRow = byOfficer.getRows(1, byOfficer.rowCount)!.find((r) => r.getCell(2).value === 'Tổng cộng')!;
    expect(totalRow.getCell(4).value).toBe(summary.totals.receipts);
    expect(totalRow.getCell(8).value).toBe(summary.totals.totalVnd);
    const list = wb.getWorksheet('Biên lai')!;
    const numbers = list.getRows(6, list.rowCount - 5)!.map((r) => [r.getCell(3).value, r.getCell(10).value]);
    expect(numbers).toEqual([['0000001', 'Đã hủy'], ['0000002', 'Hợp lệ']]);
    await page.close();
  });

  it('records the fees to pay later, then takes them by bank transfer with its reference', async () => {
    const code = await receivedDossier('Phan Văn Chuyển');
    const page = await openStation(`#/dossiers/${encodeURIComponent(code)}`);
    const fees = page.getByTestId('dossier-fees');
    await expect.poll(() => fees.getByTestId('fees-total').textContent()).toBe('2.000 đ');

    // "Lý do khác" without its grounds: refused next to the grounds, nothing recorded.
    await fees.locator('select[name="rows.0.exemption.reason"]').selectOption('other');
    await fees.getByRole('button', { name: 'Ghi phí (không phải thu tiền)' }).click();
    await expect.poll(() => fees.locator('td.exemption-cell .field-error').textContent()).toContain('ghi rõ căn cứ');
    expect((await api<DossierFeesView>('fees.get', { code })).recorded).toBeNull();

    await fees.locator('select[name="rows.0.exemption.reason"]').selectOption('');
    await fees.locator('input[name="rows.0.quantity"]').fill('2');
    await fees.getByRole('button', { name: 'Ghi phí, thu sau' }).click();
    await expect.poll(() => fees.getByTestId('fees-status').textContent()).toBe('Đã ghi phí của hồ sơ: phải nộp 4.000 đ, chưa thu.');
    await expect.poll(() => fees.getByTestId('fees-state').textContent()).toBe('Chưa thu: 4.000 đ');
    const recorded = await api<DossierFeesView>('fees.get', { code });
    expect([recorded.totals.outstandingVnd, recorded.receipts.length, recorded.lines.map((l) => l.quantity)]).toEqual([4000, 0, [2]]);

    // Another day's visit: the page opens on what was recorded.
    await page.reload();
    await expect.poll(() => page.getByTestId('dossier-fees').locator('input[name="rows.0.quantity"]').inputValue()).toBe('2');
    await page.keyboard.press('F9');
    const dialog = page.getByRole('dialog', { name: `Thu tiền hồ sơ ${code}` });
    await expect.poll(() => dialog.getByTestId('payment-due').textContent()).toBe('4.000 đ');
    await page.keyboard.press('ArrowRight'); // Chuyển khoản
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.locator('.field:has([name="transferRef"]) .field-error').textContent()).toContain('Nhập mã giao dịch');
    await dialog.locator('input[name="transferRef"]').fill('FT26327001234');
    await page.keyboard.press('Enter');
    const receipt = page.getByRole('dialog', { name: 'Biên lai AA/26P số 0000003' });
    await receipt.waitFor();
    expect(await receipt.getByTestId('receipt-facts').textContent()).toContain('Chuyển khoản · FT26327001234');
    await page.keyboard.press('Escape');
    const paid = await api<DossierFeesView>('fees.get', { code });
    expect(paid.receipts.map((r) => [r.numberText, r.method, r.amountVnd])).toEqual([['0000003', 'transfer', 4000]]);
    await page.close();
  });

  it("shows a leader the dossier's fees and the day's receipts without taking money", async () => {
    const leader = { id: 'leader-lan', name: 'Nguyễn Thị Lan', roles: ['leader'] as const };
    const [paid] = await api<ReceiptSummaryWire[]>('receipts.list', {}).then((all) => all.filter((r) => r.numberText === '0000002'));
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    page.setDefaultTimeout(10_000);
    await page.goto(stationUrl(host, { id: leader.id, name: leader.name, roles: [...leader.roles] }));
    await page.evaluate((h) => { location.hash = h; }, `#/dossiers/${encodeURIComponent(paid!.dossierCode)}`);
    const fees = page.getByTestId('dossier-fees');
    await expect.poll(() => fees.getByTestId('fees-state').textContent()).toBe('Đã thu đủ 3.000 đ');
    expect(await fees.getByRole('button', { name: /Thu tiền/ }).count()).toBe(0);
    expect(await fees.locator('input[name="rows.0.quantity"]').isDisabled()).toBe(true);
    await page.keyboard.press('F7');
    await expect.poll(() => page.getByTestId('summary-total').textContent()).toBe('7.000 đ');
    await shot(page, 'fees-leader-day');
    await page.close();
  });
});

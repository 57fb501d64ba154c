import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import { draftFor } from '../helpers/drafts';
import { TEST_OFFICER } from '../helpers/station';
import { hostApi, launchChromium, openAdminPage, RENDERER_DIR, requireBuiltRenderer, stationUrl } from './browser';

// The deadline watch, its badge, the indicators, the periodic report, the log book's exports and
// the lifecycle settings, in the real renderer on the web host's test clock. Six dossiers are
// received through the API on different days of November 2026, two of them handled (one early,
// one late), then the officer and the leader look at them on "Tuesday 24/11/2026 10:00".

let host: WebHost;
let browser: Browser;
let dataDir: string;
const api = hostApi(() => host);
const setClock = (at: string) => api<{ now: string }>('testClock.set', { at });
const shots = (name: string) => join(tmpdir(), `lifewatch-${name}.png`);

type Made = Record<'overdue' | 'dueToday' | 'dueTodaySameDay' | 'dueNext' | 'early' | 'late', string>;
let made: Made;

async function receive(at: string, procedureCode: string, fullName: string): Promise<string> {
  await setClock(at);
  const procedure = await api<Parameters<typeof draftFor>[0]>('catalogue.get', { code: procedureCode });
  return (await api<{ code: string }>('dossier.save', draftFor(procedure, { owner: { fullName } }))).code;
}
async function transition(at: string, input: Record<string, unknown>): Promise<void> {
  await setClock(at);
  await api('dossier.transition', input);
}

beforeAll(async () => {
  requireBuiltRenderer();
  dataDir = mkdtempSync(join(tmpdir(), 'station-lifewatch-e2e-'));
  host = await startWebHost({ callsWithoutSession: TEST_OFFICER, port: 0, dataDir, rendererDir: RENDERER_DIR, version: 'test', testClock: '2026-11-16T08:00' });
  browser = await launchChromium();

  // Mon 16/11 08:30, 5 working days (due Mon 23/11 08:30): passed on, finished Mon 23/11 14:00 — late; handed back Tue 09:45.
  const late = await receive('2026-11-16T08:30', '1.004746', 'Phạm Văn Muộn');
  // Mon 16/11 09:00, 3 working days (due Thu 19/11 09:00): passed on, finished Wed 18/11 10:00 — early, waiting to be handed back.
  const early = await receive('2026-11-16T09:00', '1.004873', 'Đỗ Thị Sớm');
  // Tue 17/11 09:00, 3 working days: due Fri 20/11 09:00 — overdue on Tuesday 24/11.
  const overdue = await receive('2026-11-17T09:00', '1.004873', 'Nguyễn Văn Quá');
  // Wed 18/11 09:00, 5 working days: due Wed 25/11 09:00 — the next working day.
  const dueNext = await receive('2026-11-18T09:00', '1.010833', 'Trần Thị Mai Sau');
  // Thu 19/11 14:00, 3 working days: due Tue 24/11 14:00 — today.
  const dueToday = await receive('2026-11-19T14:00', '1.001731', 'Lê Văn Hôm');
  await transition('2026-11-16T10:00', { code: early, event: 'start_processing', toUnit: 'Công chức Tư pháp - Hộ tịch' });
  await transition('2026-11-16T10:05', { code: late, event: 'start_processing', toUnit: 'Công chức Tư pháp - Hộ tịch' });
  await transition('2026-11-18T10:00', { code: early, event: 'finish' });
  await transition('2026-11-23T14:00', { code: late, event: 'finish' });
  await transition('2026-11-24T09:45', { code: late, event: 'return_result', receiver: { kind: 'owner' }, delivery: { method: 'counter' } });
  // Tue 24/11 09:50, the same day: due today.
  const dueTodaySameDay = await receive('2026-11-24T09:50', '1.001193', 'Vũ Thị Nay');
  await setClock('2026-11-24T10:00');
  made = { overdue, dueToday, dueTodaySameDay, dueNext, early, late };
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function openStation(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
  await page.goto(stationUrl(host));
  await page.getByRole('tab', { name: /Theo dõi hạn/ }).waitFor();
  return page;
}

const rowCodes = (page: Page, scope = 'table.dossier-lines') =>
  page.locator(`${scope} tbody tr[data-code]`).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code') ?? '').sort());
const sorted = (codes: string[]) => [...codes].sort();

describe('the deadline watch and its badge', () => {
  it('lists the overdue dossier with its lateness in words, the ones due today and tomorrow, filters by procedure, agrees with the badge', async () => {
    const page = await openStation();
    const badge = page.getByTestId('watch-badge');
    await expect.poll(() => badge.locator('[data-count=overdue]').textContent()).toBe('1');
    expect(await badge.locator('[data-count=today]').textContent()).toBe('2');
    expect(await badge.locator('[data-count=results]').textContent()).toBe('1'); // the early one, finished, not handed back yet

    // A click on the badge opens the watch, on the overdue list.
    await badge.click();
    await expect.poll(() => rowCodes(page)).toEqual([made.overdue]);
    const row = page.locator(`tr[data-code="${made.overdue}"]`);
    // Due Fri 20/11 09:00, now Tue 24/11 10:00: two working days and an hour.
    const lateness = (await api<{ dossiers: Array<{ code: string; lateness: { text: string } | null }> }>('watch.list', { bucket: 'overdue' })).dossiers[0]?.lateness?.text;
    expect(lateness).toBe('trễ hẹn 2 ngày 1 giờ làm việc');
    expect(await row.locator('td.lateness').textContent()).toBe(lateness);
    expect(await row.textContent()).toContain('Nguyễn Văn Quá');
    expect(await row.getByRole('button', { name: 'Xin lỗi, hẹn lại (Mẫu 04)' }).count()).toBe(1);
    expect(await page.locator('[data-bucket=overdue] .count').textContent()).toBe('1');
    // Seven tabs fit the counter's 1366 px screen: nothing runs off to the side.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await page.screenshot({ path: shots('watch-overdue'), fullPage: true });

    // Due today: two dossiers of two procedures; the procedure group narrows it to one.
    await page.locator('[data-bucket=due_today]').click();
    await expect.poll(() => rowCodes(page)).toEqual(sorted([made.dueToday, made.dueTodaySameDay]));
    expect(await page.locator('[data-bucket=due_today] .count').textContent()).toBe('2');
    const groups = page.locator('.watch-groups fieldset', { hasText: 'Theo thủ tục' });
    expect(await groups.getByRole('button').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/mai táng.*1$/), expect.stringMatching(/khai sinh.*1$/)]));
    await groups.getByRole('button', { name: /mai táng/ }).click();
    await expect.poll(() => rowCodes(page)).toEqual([made.dueToday]);
    expect(await page.locator('.watch .filters').textContent()).toContain('Đang lọc');
    await page.screenshot({ path: shots('watch-today-filtered'), fullPage: true });
    await page.getByRole('button', { name: 'Bỏ lọc', exact: true }).click();
    await expect.poll(() => rowCodes(page)).toHaveLength(2);

    // The next working day, by the keyboard: → on the list's tabs.
    await page.locator('[data-bucket=due_today]').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => rowCodes(page)).toEqual([made.dueNext]);

    // The badge's counts are the lists' counts.
    const b = await api<{ overdue: number; dueToday: number; dueNextWorkingDay: number }>('watch.badge', {});
    expect(b).toMatchObject({ overdue: 1, dueToday: 2, dueNextWorkingDay: 1 });

    // Enter on a row opens the dossier page; Esc comes back to the watch with the row focused.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/dossiers/${encodeURIComponent(made.dueNext)}`);
    await page.getByText('Trần Thị Mai Sau').first().waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-code'))).toBe(made.dueNext);
    await page.close();
  });
});

describe('the indicators', () => {
  it("shows this month's numbers as the test made them, and each number lists exactly its dossiers", async () => {
    const page = await openStation();
    await page.getByRole('tab', { name: /Chỉ số/ }).click();
    const totals = page.getByTestId('totals');
    const number = (measure: string) => totals.locator(`button.number[data-measure=${measure}]`);
    await expect.poll(() => number('received').textContent()).toBe('6');
    expect(await page.getByTestId('period-text').textContent()).toContain('Từ 01/11/2026 đến 30/11/2026');
    expect({
      handled: await number('handled').textContent(), early: await number('early').textContent(),
      onTime: await number('on_time').textContent(), late: await number('late').textContent(), overdue: await number('overdue_now').textContent(),
    }).toEqual({ handled: '2', early: '1', onTime: '0', late: '1', overdue: '1' });
    expect(await totals.locator('.rate-value').textContent()).toBe('50 %');
    // The chart: a bar per day of the month, Vietnamese axis titles.
    const chart = page.getByTestId('daily-chart');
    expect(await chart.locator('g[data-day]').count()).toBe(30);
    expect(await chart.locator('.axis-title').allTextContents()).toEqual(['Ngày', 'Số hồ sơ']);
    await page.screenshot({ path: shots('indicators'), fullPage: true });

    // "Tiếp nhận 6" lists the six; "Trễ hạn 1" the late one; a field's row its own.
    await number('received').click();
    const drill = page.getByRole('dialog');
    await expect.poll(() => drill.getByTestId('drill-total').textContent()).toBe('6 hồ sơ');
    expect(await rowCodes(page, '.drill-down')).toEqual(sorted(Object.values(made)));
    await page.screenshot({ path: shots('indicators-drill'), fullPage: true });
    await page.keyboard.press('Escape');
    await number('late').click();
    await expect.poll(() => rowCodes(page, '.drill-down')).toEqual([made.late]);
    await page.keyboard.press('Escape');
    const field = page.locator('fieldset.breakdown[data-group=field] tr', { hasText: 'Bảo trợ xã hội' });
    await field.locator('button.number[data-measure=received]').click();
    await expect.poll(() => rowCodes(page, '.drill-down')).toEqual([made.dueToday]);

    // The row opens the dossier; Esc comes back to the list, on the same row.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/dossiers/${encodeURIComponent(made.dueToday)}`);
    await page.getByText('Lê Văn Hôm').first().waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-code'))).toBe(made.dueToday);
    await page.keyboard.press('Escape'); // the list closes

    // A period of one's own: reversed, the station says so next to "Đến ngày"; then the week of 16/11.
    await page.getByRole('button', { name: 'Tự chọn' }).click();
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('from');
    await page.keyboard.type('20112026');
    await page.locator('input[name=to]').fill('16/11/2026');
    await page.locator('input[name=to]').press('Enter');
    await expect.poll(() => page.locator('.field:has(input[name=to]) .field-error').textContent()).toMatch(/20\/11\/2026/);
    await page.locator('input[name=from]').fill('16/11/2026');
    await page.locator('input[name=to]').fill('20/11/2026');
    await page.locator('input[name=to]').press('Enter');
    await expect.poll(() => page.getByTestId('period-text').textContent()).toContain('Từ 16/11/2026 đến 20/11/2026');
    // Received that week: all but the one of Tuesday 24/11.
    await expect.poll(() => number('received').textContent()).toBe('5');
    await page.close();
  });
});

describe('the periodic report', () => {
  it('shows the counts of November by field, and saves a real Excel workbook and PDF', async () => {
    const page = await openStation();
    await page.getByRole('tab', { name: /Báo cáo/ }).click();
    await page.locator('select[name=month]').waitFor();
    expect(await page.locator('select[name=month]').inputValue()).toBe('11');
    await page.getByRole('button', { name: /Lập báo cáo/ }).click();
    const table = page.getByTestId('report-table');
    const cell = (field: string, column: string) => table.locator(`tr[data-field="${field}"] td[data-column=${column}]`).textContent();
    await expect.poll(() => cell('Hộ tịch', 'newCounter')).toBe('4');
    expect([await cell('Hộ tịch', 'early'), await cell('Hộ tịch', 'late'), await cell('Hộ tịch', 'inProgressOverdue'), await cell('Hộ tịch', 'inProgressWithinTime')]).toEqual(['1', '1', '1', '1']);
    expect([await cell('Bảo trợ xã hội', 'newCounter'), await cell('Người có công', 'newCounter')]).toEqual(['1', '1']);
    expect(await table.locator('tfoot td[data-column=received]').textContent()).toBe('6');
    expect(await table.locator('tfoot td[data-column=handled]').textContent()).toBe('2');
    expect(await table.locator('tfoot td[data-column=inProgress]').textContent()).toBe('4');
    await page.screenshot({ path: shots('report'), fullPage: true });

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Lưu tệp Excel' }).click()]);
    expect(xlsx.suggestedFilename()).toBe('Báo cáo kết quả giải quyết TTHC - tháng 11 năm 2026.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await xlsx.path());
    const cells = book.worksheets.flatMap((s) => s.getSheetValues().flatMap((r) => (Array.isArray(r) ? r : [])).map((v) => String(v ?? '')));
    expect(cells).toEqual(expect.arrayContaining(['Hộ tịch', 'Bảo trợ xã hội', 'Người có công']));

    await page.getByRole('button', { name: 'Xem trước bản in (PDF)' }).click();
    const preview = page.getByRole('dialog');
    await preview.locator('iframe.pdf').waitFor();
    const [pdf] = await Promise.all([page.waitForEvent('download'), preview.getByRole('link', { name: 'Lưu tệp PDF' }).click()]);
    const pdfFile = join(dataDir, 'report.pdf');
    copyFileSync(await pdf.path(), pdfFile);
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    expect(text).toContain('Hộ tịch');
    expect(text).toContain('Bảo trợ xã hội');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfFile, join(tmpdir(), 'lifewatch-report-pdf')]);
    await page.close();
  });
});

describe('the log book exports', () => {
  it('refuses a period that ends before it starts, in Vietnamese next to the date, and exports a range', async () => {
    const page = await openStation();
    await page.keyboard.press('F3');
    const from = page.locator('input[name="export.from"]');
    const to = page.locator('input[name="export.to"]');
    await expect.poll(() => from.inputValue()).toBe('24/11/2026');
    await from.fill('20/11/2026');
    await to.fill('16/11/2026');
    await to.press('Enter');
    const error = page.locator('.logbook-export .field:has(input[name="export.to"]) .field-error');
    await expect.poll(() => error.textContent()).toMatch(/20\/11\/2026.*16\/11\/2026|16\/11\/2026.*20\/11\/2026/);
    expect(await error.textContent()).toMatch(/ngày/);
    expect(await to.inputValue()).toBe('16/11/2026'); // what was typed stays
    await page.screenshot({ path: shots('logbook-refused'), fullPage: true });

    await from.fill('16/11/2026');
    await to.fill('24/11/2026');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Lưu tệp Excel' }).click()]);
    expect(xlsx.suggestedFilename()).toBe('Sổ theo dõi hồ sơ từ ngày 16-11-2026 đến ngày 24-11-2026.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await xlsx.path());
    const cells = book.worksheets.flatMap((s) => s.getSheetValues().flatMap((r) => (Array.isArray(r) ? r : [])).map((v) => String(v ?? '')));
    for (const code of Object.values(made)) expect(cells.some((c) => c.includes(code)), code).toBe(true);

    // The same days as the PDF to print: previewed, then saved and read.
    await page.getByRole('button', { name: 'Xem bản in (PDF)' }).click();
    const preview = page.getByRole('dialog');
    await preview.locator('iframe.pdf').waitFor();
    expect(await page.locator('.logbook-export [role=status]').textContent()).toBe('Sổ theo dõi từ ngày 16/11/2026 đến ngày 24/11/2026: 6 dòng.');
    const [pdf] = await Promise.all([page.waitForEvent('download'), preview.getByRole('link', { name: 'Lưu tệp PDF' }).click()]);
    expect(pdf.suggestedFilename()).toBe('Sổ theo dõi hồ sơ từ ngày 16-11-2026 đến ngày 24-11-2026.pdf');
    const pdfFile = join(dataDir, 'logbook.pdf');
    copyFileSync(await pdf.path(), pdfFile);
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    expect(text).toContain('Nguyễn Văn Quá');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfFile, join(tmpdir(), 'lifewatch-logbook-pdf')]);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.close();
  });
});

describe('the lifecycle settings', () => {
  it('saves the clock rule, a counter-processed procedure and the letters, and reads them back', async () => {
    const page = await openStation();
    await openAdminPage(page, /Quy trình hồ sơ/);
    await page.getByText('Tính lại từ đầu').click();
    await page.locator('input[name="signer.name"]').fill('Phạm Văn Đức');
    await page.locator('input[name="contactPhone"]').fill('0222 3812 345');
    await page.locator('input[name="supplementDays"]').fill('abc');
    await page.getByRole('button', { name: 'Lưu (Ctrl+S)' }).click();
    await expect.poll(() => page.locator('.field:has(input[name="supplementDays"]) .field-error').count()).toBe(1);
    expect((await api<{ contactPhone: string }>('lifecycle.settings', {})).contactPhone).toBe(''); // refused: nothing changed

    await page.locator('input[name="supplementDays"]').fill('5');
    await page.locator('input[name="procedureQuery"]').fill('chung thuc di chuc');
    await page.getByRole('option', { name: /2\.001019/ }).getByRole('button', { name: 'Thêm' }).click();
    await page.locator('.procedure-picker .chosen li[data-code="2.001019"]').waitFor();
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.locator('.lifecycle-settings .form-actions [role=status]').textContent()).toContain('Đã lưu');
    expect(await api('lifecycle.settings', {})).toMatchObject({
      supplementClockRule: 'restart', signer: { name: 'Phạm Văn Đức' }, contactPhone: '0222 3812 345', supplementDays: 5,
      counterProcessed: { procedureCodes: ['2.001019'] },
    });
    await page.screenshot({ path: shots('settings'), fullPage: true });
    await page.reload();
    await page.locator('input[name="contactPhone"]').waitFor();
    expect(await page.locator('input[name="contactPhone"]').inputValue()).toBe('0222 3812 345');
    expect(await page.locator('input[value=restart]').isChecked()).toBe(true);
    await page.close();
  });
});

describe('the apology from the watch (Mẫu 04)', () => {
  // Last: it moves the overdue dossier's date, which the tests above count as overdue.
  it('refuses it without a reason, then issues it with the new date; the dossier leaves the overdue list', async () => {
    const page = await openStation();
    await page.getByRole('tab', { name: /Theo dõi hạn/ }).click();
    await page.locator('[data-bucket=overdue]').click();
    const row = page.locator(`tr[data-code="${made.overdue}"]`);
    await row.focus();
    await page.keyboard.press('h');
    const dialog = page.getByRole('dialog', { name: `Xin lỗi, hẹn lại hồ sơ ${made.overdue}` });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('apology-reason');
    expect(await dialog.locator('input[name="signer.name"]').inputValue()).toBe('Phạm Văn Đức'); // from the settings saved above

    // Without a reason: the station's Vietnamese message under the field, nothing issued.
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => dialog.locator('.field.has-error .field-error').first().textContent()).toMatch(/lý do|Lý do/);
    const before = await api<{ dossier: { rescheduledAt: string | null }; forms: unknown[] }>('dossier.timeline', { code: made.overdue });
    expect(before.dossier.rescheduledAt).toBeNull();

    await page.keyboard.type('Cần xác minh thêm thông tin với Công an xã');
    await page.keyboard.press('Enter'); // on to the date
    await page.keyboard.type('27112026');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => dialog.getByRole('status').first().textContent()).toContain('Đã lập');
    await dialog.locator('iframe.pdf').waitFor();
    await page.screenshot({ path: shots('apology-issued'), fullPage: true });
    const after = await api<{ dossier: { rescheduledAt: string | null }; forms: Array<{ id: number; kind: string }> }>('dossier.timeline', { code: made.overdue });
    expect(after.dossier.rescheduledAt).toBe('2026-11-27T09:00');
    const form = after.forms.find((f) => f.kind === 'apology');
    expect(form).toBeDefined();
    const pdf = await api<{ base64: string }>('lifecycle.formPdf', { formId: form?.id });
    const pdfFile = join(dataDir, 'mau-04.pdf');
    writeFileSync(pdfFile, Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    expect(text).toContain('Cần xác minh thêm thông tin với Công an xã');
    expect(text).toContain('Phạm Văn Đức');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfFile, join(tmpdir(), 'lifewatch-mau-04')]);

    // Closed: the dossier is no longer overdue — not in the list, not on the badge.
    await page.keyboard.press('Escape');
    await expect.poll(() => rowCodes(page)).toEqual([]);
    await expect.poll(() => page.getByTestId('watch-badge').locator('[data-count=overdue]').count()).toBe(0);
    await page.close();
  });
});

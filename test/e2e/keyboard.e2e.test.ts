import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import type { Procedure } from '../../main/core/model';
import { BIRTH_REGISTRATION, draftFor } from '../helpers/drafts';
import { TEST_OFFICER } from '../helpers/station';
import { hostApi, launchChromium, RENDERER_DIR, requireBuiltRenderer, stationUrl } from './browser';

// The counter's keyboard flow at 1366×768, as the defects were found: each test walks the
// officer's keys and checks what the officer would notice (where the cursor is, what the screen
// says, what the station stored).

const clock = () => new Date('2026-11-23T02:32:00Z'); // Monday 23/11/2026, 09:32 in Vietnam

let host: WebHost;
let browser: Browser;
let dataDir: string;
const api = hostApi(() => host);

type Saved = { code: string; documents: Array<{ code: string; originals: number; certifiedCopies: number; copies: number }>; notes: string };

beforeAll(async () => {
  requireBuiltRenderer();
  dataDir = mkdtempSync(join(tmpdir(), 'station-keyboard-e2e-'));
  host = await startWebHost({ callsWithoutSession: TEST_OFFICER, port: 0, dataDir, rendererDir: RENDERER_DIR, version: 'test', now: clock });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function openStation(locale = 'vi-VN'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale });
  await page.goto(stationUrl(host));
  await page.getByRole('combobox').waitFor();
  return page;
}

async function typeAndAdvance(page: Page, text: string): Promise<void> {
  if (text) await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** What has focus, as the officer would name it. */
const focused = (page: Page) => page.evaluate(() => {
  const el = (globalThis as unknown as { document: { activeElement: { getAttribute: (n: string) => string | null; tagName: string } | null } }).document.activeElement;
  return el ? { tag: el.tagName, role: el.getAttribute('role'), name: el.getAttribute('name'), id: el.getAttribute('id'), code: el.getAttribute('data-code'), type: el.getAttribute('type') } : null;
});

async function chooseBirthRegistration(page: Page): Promise<void> {
  await page.keyboard.type('dang ky khai sinh');
  await expect.poll(() => page.getByRole('option').first().textContent()).toContain(BIRTH_REGISTRATION);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('chosen-procedure').textContent()).toContain('đăng ký khai sinh');
}

/** From the name to the "submitted by someone else" box. */
async function typeOwner(page: Page, fullName: string, idNumber: string): Promise<void> {
  await typeAndAdvance(page, fullName);
  await typeAndAdvance(page, idNumber);
  await typeAndAdvance(page, '15/03/1990');
  await typeAndAdvance(page, '0912345678');
  await typeAndAdvance(page, '');
  await typeAndAdvance(page, 'Thôn Đông Khê, xã Tiên Du, tỉnh Bắc Ninh');
}

describe('the counter keyboard flow', () => {
  it('F2 always gives a clean form with the cursor in the procedure search; the form left behind is offered back, never brought back on its own', async () => {
    const page = await openStation();
    await chooseBirthRegistration(page);
    await typeAndAdvance(page, 'Lê Văn Tám');
    await page.keyboard.type('001090012345');

    await page.keyboard.press('F2');
    const name = page.locator('input[name="owner.fullName"]');
    await expect.poll(() => name.inputValue()).toBe('');
    expect(await page.getByTestId('chosen-procedure').count()).toBe(0);
    await expect.poll(() => focused(page)).toMatchObject({ role: 'combobox' });
    const offer = page.getByTestId('recovery-offer');
    expect(await offer.textContent()).toMatch(/^Khôi phục hồ sơ đang nhập dở lúc \d\d:\d\d( \d\d\/\d\d\/\d{4})? — Lê Văn Tám\?/); // the date only if not today

    // From another screen too: a clean form, the cursor in the search.
    await page.keyboard.press('F3');
    await page.getByRole('searchbox').waitFor();
    await page.keyboard.press('F2');
    await expect.poll(() => focused(page)).toMatchObject({ role: 'combobox' });
    expect(await name.inputValue()).toBe('');

    // A crash (a reload): the form is offered, not imposed.
    await page.reload();
    await page.getByRole('combobox').waitFor();
    await expect.poll(() => offer.textContent()).toContain('Lê Văn Tám');
    expect(await name.inputValue()).toBe('');
    await offer.getByRole('button', { name: 'Khôi phục' }).click();
    await expect.poll(() => name.inputValue()).toBe('Lê Văn Tám');
    expect(await page.locator('input[name="owner.idNumber"]').inputValue()).toBe('001090012345');
    expect(await page.getByTestId('chosen-procedure').textContent()).toContain('đăng ký khai sinh');
    expect(await offer.count()).toBe(0);

    // "Bỏ" forgets it for good.
    await page.keyboard.press('F2');
    await offer.getByRole('button', { name: 'Bỏ' }).click();
    expect(await offer.count()).toBe(0);
    await page.reload();
    await page.getByRole('combobox').waitFor();
    expect(await offer.count()).toBe(0);
    await page.close();
  });

  it('F3 puts the cursor in the search box, also on the log book itself; Esc on a dossier comes back to its row', async () => {
    const procedure = await api<Procedure>('catalogue.get', { code: BIRTH_REGISTRATION });
    const first = await api<Saved>('dossier.save', draftFor(procedure, { owner: { fullName: 'Phạm Thị Hoa' } }));
    const second = await api<Saved>('dossier.save', draftFor(procedure, { owner: { fullName: 'Vũ Đình Long' } }));
    const page = await openStation();
    await page.keyboard.press('F3');
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'INPUT', type: 'search' });
    await page.keyboard.type('Vũ');
    const codes = () => page.locator('table.dossiers tbody tr[data-code]').evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { code: string } }).dataset.code));
    await expect.poll(codes).toEqual([second.code]);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focused(page)).toMatchObject({ code: second.code });

    await page.keyboard.press('F3');
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'INPUT', type: 'search' });
    await page.keyboard.press('Backspace'); // the text was selected: F3 then typing starts a new search
    expect(await page.getByRole('searchbox').inputValue()).toBe('');

    await expect.poll(codes).toEqual([first.code, second.code]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focused(page)).toMatchObject({ code: second.code });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('dossier-page').textContent()).toContain('Vũ Đình Long');
    await page.keyboard.press('Escape');
    await page.getByRole('searchbox').waitFor();
    await expect.poll(() => focused(page)).toMatchObject({ code: second.code });
    await page.close();
  });

  it('finds a dossier by the end of its code, "0001" or "261123-0001", and Enter opens the only match', async () => {
    const procedure = await api<Procedure>('catalogue.get', { code: BIRTH_REGISTRATION });
    const saved = await api<Saved>('dossier.save', draftFor(procedure, { owner: { fullName: 'Đỗ Minh Châu' } }));
    const tail = saved.code.slice(-4);
    const page = await openStation();
    await page.keyboard.press('F3');
    const search = page.getByRole('searchbox');
    await search.fill(tail);
    await expect.poll(() => page.locator('table.dossiers tbody tr[data-code]').evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { code: string } }).dataset.code))).toEqual([saved.code]);
    await search.fill(saved.code.slice(-11)); // "261123-NNNN"
    await expect.poll(() => page.locator('table.dossiers tbody').textContent()).toContain('Đỗ Minh Châu');
    await search.press('Enter');
    await expect.poll(() => page.getByTestId('dossier-page').textContent()).toContain(saved.code);
    await page.close();
  });

  it('ticks documents fast: "+" for every mandatory one, arrows and Space for one, counts without stopping on them, Enter to the notes; the delivery is one stop', async () => {
    const page = await openStation();
    await chooseBirthRegistration(page);
    await typeOwner(page, 'Hoàng Thị Lan', '001190012345');
    await expect.poll(() => focused(page)).toMatchObject({ name: 'submitterDiffers' });
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatchObject({ id: 'doc-TP1' });

    await page.keyboard.press('+');
    const ticked = () => page.locator('table.documents input[type=checkbox]').evaluateAll((boxes) => boxes.map((b) => (b as unknown as { checked: boolean }).checked));
    await expect.poll(ticked).toEqual([true, true, false, true, false, false]);

    // The optional TP3: ↓↓, Space ticks it with the procedure's counts; → → reaches its certified copies.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focused(page)).toMatchObject({ id: 'doc-TP3' });
    await page.keyboard.press('Space');
    await expect.poll(ticked).toEqual([true, true, true, true, false, false]);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatchObject({ name: 'notes' });
    await page.keyboard.type('Bản sao giấy khai sinh của anh chị');

    // Tab reaches the delivery choice once; Enter leaves it for the number of sets.
    await page.keyboard.press('Tab');
    await expect.poll(() => focused(page)).toMatchObject({ name: 'delivery', type: 'radio' });
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatchObject({ name: 'sets' });

    await page.keyboard.press('Control+s');
    const code = (await page.getByTestId('saved-code').textContent({ timeout: 10_000 })) ?? '';
    const saved = await api<Saved>('dossier.get', { code });
    expect(saved.documents.map((d) => [d.code, d.originals, d.certifiedCopies, d.copies])).toEqual([
      ['TP1', 1, 0, 0], ['TP2', 1, 0, 0], ['TP3', 1, 2, 0], ['TP4', 1, 0, 0],
    ]);
    expect(saved.notes).toBe('Bản sao giấy khai sinh của anh chị');
    await page.close();
  });

  it('shows and takes dates as dd/mm/yyyy in a browser set to English, in the log book and the calendar', async () => {
    const page = await openStation('en-US');
    await page.keyboard.press('F3');
    await expect.poll(() => page.locator('input[name="logbook.date"]').inputValue()).toBe('23/11/2026');
    await expect.poll(() => page.locator('table.dossiers tbody tr[data-code] td:nth-child(7)').first().textContent()).toBe('09:32 23/11/2026');

    await page.keyboard.press('Alt+4');
    const date = page.locator('input[name="date"]');
    await date.fill('31/02/2026');
    await page.locator('input[name="name"]').fill('Ngày không có thật');
    await expect.poll(() => page.locator('.field:has(input[name="date"]) .field-error').textContent()).toContain('không hợp lệ');
    await page.keyboard.press('Enter');
    expect((await api<{ days: Array<{ date: string }> }>('calendar.list', { year: 2026 })).days.map((d) => d.date)).not.toContain('2026-03-03');

    await date.fill('15102026');
    await date.press('Tab');
    expect(await date.inputValue()).toBe('15/10/2026');
    await page.locator('input[name="name"]').fill('Ngày nghỉ thử');
    await page.locator('input[name="name"]').press('Enter');
    await expect.poll(() => page.locator('table.calendar-days').textContent()).toContain('15/10/2026');
    expect((await api<{ days: Array<{ date: string; name: string }> }>('calendar.list', { year: 2026 })).days).toContainEqual(expect.objectContaining({ date: '2026-10-15', name: 'Ngày nghỉ thử' }));
    await page.close();
  });

  it('asks before removing a calendar day, and says what it means', async () => {
    await api('calendar.put', { date: '2026-10-16', kind: 'holiday', name: 'Ngày sẽ xoá' });
    const page = await openStation();
    await page.keyboard.press('Alt+4');
    const days = async () => (await api<{ days: Array<{ date: string }> }>('calendar.list', { year: 2026 })).days.map((d) => d.date);
    await page.getByRole('button', { name: 'Xoá 16/10/2026' }).click();
    const dialog = page.getByRole('dialog', { name: 'Xoá ngày 16/10/2026 khỏi lịch?' });
    expect(await dialog.textContent()).toContain('hạn trả của hồ sơ tiếp nhận từ nay sẽ tính ngày 16/10/2026 như ngày thường');
    await page.keyboard.press('Escape'); // focus starts on "Huỷ": a stray Enter or Esc removes nothing
    expect(await dialog.count()).toBe(0);
    expect(await days()).toContain('2026-10-16');
    await page.getByRole('button', { name: 'Xoá 16/10/2026' }).click();
    await dialog.getByRole('button', { name: 'Xoá', exact: true }).click();
    await expect.poll(days).not.toContain('2026-10-16');
    await page.close();
  });

  it('shows a dossier with its notes, the submitter with ID and phone, and labelled document counts', async () => {
    const procedure = await api<Procedure>('catalogue.get', { code: BIRTH_REGISTRATION });
    const saved = await api<Saved>('dossier.save', draftFor(procedure, {
      owner: { fullName: 'Ngô Bảo Ngọc' },
      submitter: { fullName: 'Ngô Văn Hùng', idNumber: '001088004321', phone: '0987654321' },
      notes: 'Bố nộp thay; hẹn gọi điện khi có kết quả',
    }));
    const page = await openStation();
    await page.keyboard.press('F3');
    await page.getByRole('searchbox').fill(saved.code.slice(-4));
    await page.getByRole('searchbox').press('Enter');
    const dossier = page.getByTestId('dossier-page');
    await expect.poll(() => dossier.textContent()).toContain('Ngô Bảo Ngọc');
    const submitter = await page.getByTestId('dossier-submitter').textContent();
    expect(submitter).toContain('Ngô Văn Hùng');
    expect(submitter).toContain('001088004321');
    expect(submitter).toContain('0987654321');
    expect(await page.getByTestId('dossier-notes').textContent()).toBe('Bố nộp thay; hẹn gọi điện khi có kết quả');
    const headers = await dossier.locator('.scan-documents th').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['Bản chính', 'Bản sao chứng thực', 'Bản sao']));
    expect(await page.getByTestId('scan-row-TP1').locator('td.count').allTextContents()).toEqual(['1', '0', '0']);
    expect(await dossier.textContent()).not.toMatch(/\(\d+\/\d+\/\d+\)/);
    expect(await page.getByTestId('dossier-appointment').textContent()).toBe('17 giờ 00, Thứ Hai 23/11/2026');
    await page.close();
  });

  it('warns — without blocking — when the same identity number filed the same procedure days ago, with a link to that dossier', async () => {
    const procedure = await api<Procedure>('catalogue.get', { code: BIRTH_REGISTRATION });
    const earlier = await api<Saved>('dossier.save', draftFor(procedure, { owner: { fullName: 'Trịnh Thu Hà', idNumber: '001191054321', birthDate: '1991-04-05' } }));
    const page = await openStation();
    await chooseBirthRegistration(page);
    await typeAndAdvance(page, 'Trịnh Thu Hà');
    await typeAndAdvance(page, '001191054321');
    const warning = page.getByTestId('recent-dossiers');
    await expect.poll(() => warning.textContent()).toContain(earlier.code);
    expect(await warning.textContent()).toContain('nếu đúng là hồ sơ mới, cứ tiếp tục nhập');
    await typeAndAdvance(page, '05/04/1991');
    await typeAndAdvance(page, '0912345678');
    await typeAndAdvance(page, '');
    await typeAndAdvance(page, 'Xã Tiên Du, tỉnh Bắc Ninh');
    await page.keyboard.press('Enter');
    await page.keyboard.press('+');

    // The link opens the earlier dossier; Esc comes back to the form as it was.
    await warning.getByRole('link', { name: new RegExp(earlier.code.replace(/\./g, '\\.')) }).click();
    await expect.poll(() => page.getByTestId('dossier-page').textContent()).toContain(earlier.code);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('input[name="owner.fullName"]').inputValue()).toBe('Trịnh Thu Hà');
    await page.keyboard.press('Control+s');
    const code = (await page.getByTestId('saved-code').textContent({ timeout: 10_000 })) ?? '';
    expect(code).not.toBe(earlier.code);
    expect(code).toMatch(/^000\.00\.06\.H56-261123-\d{4}$/);
    await page.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import type { IntakeKeyConflictDetails } from '../../main/core/intake-conflict';
import { hostApi, launchChromium, RENDERER_DIR, requireBuiltRenderer, stationUrl } from './browser';
import { TEST_OFFICER } from '../helpers/station';

// The answer to the first Ctrl+S is lost on the way (the station saved the dossier, the screen
// never heard): the officer corrects the phone number and saves again — the same form, the same
// intake key, other data. The station answers 409 INTAKE_KEY_CONFLICT with both versions; the
// dialog shows them side by side, the phone highlighted, and the officer keeps the saved one or
// receives the new data as a new dossier. Nothing typed is silently dropped.

const clock = () => new Date('2026-11-23T02:32:00Z'); // Monday 23/11/2026, 09:32 in Vietnam
let host: WebHost;
let browser: Browser;
let dataDir: string;
const api = hostApi(() => host);
const CONFLICT_TITLE = 'Biểu mẫu này đã được tiếp nhận với nội dung khác';

beforeAll(async () => {
  requireBuiltRenderer();
  dataDir = mkdtempSync(join(tmpdir(), 'station-e2e-intake-key-'));
  host = await startWebHost({ callsWithoutSession: TEST_OFFICER, port: 0, dataDir, rendererDir: RENDERER_DIR, version: 'test', now: clock });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A birth registration typed with the keyboard, as the officer does, not yet saved. */
async function typeForm(page: Page, name: string, phone: string): Promise<void> {
  const procedure = await api<{ documents: Array<{ mandatory: boolean }> }>('catalogue.get', { code: '1.001193' });
  await page.keyboard.type('dang ky khai sinh');
  await expect.poll(() => page.getByRole('option').first().textContent()).toContain('1.001193');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('chosen-procedure').textContent()).toContain('đăng ký khai sinh');
  for (const text of [name, '001190012345', '15/03/1990', phone, '', 'Số 12, thôn Đông Khê, xã Tiên Du, tỉnh Bắc Ninh']) {
    if (text) await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }
  await page.keyboard.press('Tab');
  for (const doc of procedure.documents) {
    if (doc.mandatory) await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
  }
  await expect.poll(() => page.getByTestId('appointment-preview').textContent()).toBe('17 giờ 00, Thứ Hai 23/11/2026');
}

/** Ctrl+S whose answer is lost: the station saves, the page sees a network failure. */
async function saveWithLostAnswer(page: Page): Promise<string> {
  let savedCode = '';
  await page.route('**/api/dossier.save', async (route) => {
    const response = await route.fetch();
    savedCode = ((await response.json()) as { value: { code: string } }).value.code;
    await route.abort('connectionreset');
  }, { times: 1 });
  await page.keyboard.press('Control+s');
  await expect.poll(() => savedCode, { timeout: 10_000 }).not.toBe('');
  await expect.poll(() => page.locator('form.intake > p.banner').count()).toBe(1); // the officer is told it failed
  return savedCode;
}

async function openStation(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
  await page.goto(stationUrl(host));
  await page.getByRole('combobox').waitFor();
  return page;
}

describe('the same intake form saved again with other data', () => {
  it('shows both versions, the phone highlighted; "Lưu thành hồ sơ mới" receives the new data under a new code', async () => {
    const page = await openStation();
    await typeForm(page, 'Lê Thị Hồng Nhung', '0912345678');
    const first = await saveWithLostAnswer(page);

    await page.locator('input[name="owner.phone"]').fill('0987 654 321');
    await page.keyboard.press('Control+s');
    const dialog = page.getByRole('dialog', { name: CONFLICT_TITLE });
    await dialog.waitFor({ timeout: 10_000 });
    expect(await dialog.textContent()).toContain(`hồ sơ ${first} lúc 09:32 23/11/2026`);
    const phone = dialog.locator('tr[data-field="owner.phone"]');
    expect(await phone.getAttribute('data-differs')).toBe('yes');
    expect(await phone.locator('td').allTextContents()).toEqual(['0912345678', '0987654321']);
    expect(await phone.locator('mark').count()).toBe(2);
    // What did not change is shown, not highlighted.
    const name = dialog.locator('tr[data-field="owner.fullName"]');
    expect(await name.getAttribute('data-differs')).toBeNull();
    expect(await name.locator('td').allTextContents()).toEqual(['Lê Thị Hồng Nhung', 'Lê Thị Hồng Nhung']);
    expect(await dialog.locator('tr[data-differs="yes"]').count()).toBe(1);
    await page.screenshot({ path: join(dataDir, 'intake-key-conflict.png') });

    await dialog.getByRole('button', { name: 'Lưu thành hồ sơ mới' }).click();
    const code = (await page.getByTestId('saved-code').textContent({ timeout: 10_000 })) ?? '';
    expect(code).not.toBe(first);
    expect((await api<{ owner: { phone: string } }>('dossier.get', { code })).owner.phone).toBe('0987654321');
    expect((await api<{ owner: { phone: string } }>('dossier.get', { code: first })).owner.phone).toBe('0912345678');
    await page.close();
  });

  it('"Giữ bản đã lưu" opens the dossier as saved, and the new data is not written', async () => {
    const page = await openStation();
    await page.keyboard.press('F2');
    await typeForm(page, 'Vũ Minh Khôi', '0901112223');
    const first = await saveWithLostAnswer(page);
    await page.locator('textarea[name="notes"]').fill('Nộp thay cho mẹ');
    await page.keyboard.press('Control+s');
    const dialog = page.getByRole('dialog', { name: CONFLICT_TITLE });
    await dialog.waitFor({ timeout: 10_000 });
    expect(await dialog.locator('tr[data-differs="yes"]').getAttribute('data-field')).toBe('notes');
    await dialog.getByRole('button', { name: 'Giữ bản đã lưu' }).click();
    expect(await page.getByTestId('saved-code').textContent({ timeout: 10_000 })).toBe(first);
    expect((await api<{ notes: string }>('dossier.get', { code: first })).notes).toBe('');
    expect(await api<unknown[]>('dossier.search', { query: 'vu minh khoi', limit: 10 })).toHaveLength(1);
    await page.close();
  });

  it('the web host answers the conflict with HTTP 409 and the details', async () => {
    const procedure = await api<{ documents: Array<{ code: string; mandatory: boolean; originals: number; certifiedCopies: number; copies: number }> }>('catalogue.get', { code: '1.001193' });
    const draft = {
      intakeKey: crypto.randomUUID(), procedureCode: '1.001193',
      owner: { fullName: 'Hoàng Văn Tùng', idNumber: '001090012345', birthDate: '1990-03-15', phone: '0911222333', address: 'Xã Tiên Du, tỉnh Bắc Ninh' },
      submitter: null, resultDelivery: { method: 'counter' },
      documents: procedure.documents.filter((d) => d.mandatory).map(({ code, originals, certifiedCopies, copies }) => ({ code, originals, certifiedCopies, copies })),
      sets: 1, notes: '',
    };
    const saved = await api<{ code: string }>('dossier.save', draft);
    const res = await fetch(`${host.url}api/dossier.save`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
      body: JSON.stringify({ ...draft, sets: 2 }),
    });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { ok: false; error: { code: string; details: IntakeKeyConflictDetails } };
    expect(body.error.code).toBe('INTAKE_KEY_CONFLICT');
    expect(body.error.details).toMatchObject({ code: saved.code, differences: ['sets'], stored: { sets: 1 }, submitted: { sets: 2 } });
  });
});

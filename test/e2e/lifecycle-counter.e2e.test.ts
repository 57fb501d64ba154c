import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { DossierView } from '../../main/contract/schemas';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import { recordSendConflict } from '../../main/storage/lifecycle-store';
import { hostApi, launchChromium, RENDERER_DIR, requireBuiltRenderer, stationUrl } from './browser';
import { draftFor } from '../helpers/drafts';
import { idNumberFor } from '../helpers/people';
import { TEST_OFFICER } from '../helpers/station';
import type { Procedure } from '../../main/core/model';

// A dossier's life at the counter, through the real renderer in Chromium: papers incomplete at
// intake (Mẫu 02, kept), found again without diacritics and received; on its page a supplement
// asked and brought, passed on, finished; handed back from "Trả kết quả" to an authorised person
// (refused first without their ID number); the history with the officer at each step. Then a
// refusal (Mẫu 03), a late dossier's apology (Mẫu 04) and a disagreement with the portal decided.
// The web host's test clock starts on Monday 23/11/2026 09:32 and runs on; the apology moves it.

const FIVE_DAYS = '1.004884'; // "Thủ tục đăng ký lại khai sinh": TP1, TP2, TP3 mandatory, TP4 optional
const SAME_DAY = '1.001193'; // "Thủ tục đăng ký khai sinh": handled at the counter itself

let host: WebHost;
let browser: Browser;
let dataDir: string;
const shots = join(tmpdir(), 'lifecounter-e2e');
const api = hostApi(() => host);

type Timeline = {
  dossier: { status: number; dueAt: string; rescheduledAt: string | null; possibleEvents: string[]; openConflict: boolean };
  entries: Array<{ kind: string; event: string | null; officerName: string; text: string }>;
  forms: Array<{ id: number; kind: string; prints: unknown[] }>;
};

async function openStation(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
  await page.goto(stationUrl(host));
  await page.getByRole('combobox').first().waitFor();
  return page;
}

async function openDossier(page: Page, code: string): Promise<void> {
  await page.evaluate((c) => { location.hash = `#/dossiers/${encodeURIComponent(c)}`; }, code);
  await page.getByTestId('dossier-life').waitFor();
}

async function typeAndAdvance(page: Page, text: string): Promise<void> {
  if (text) await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** An issued form's PDF as pdftotext reads it (the file kept beside the screenshots, to look at). */
async function formText(formId: number, name: string): Promise<string> {
  const pdf = await api<{ base64: string }>('lifecycle.formPdf', { formId });
  const file = join(shots, `${name}.pdf`);
  writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize('NFC');
}

const dialog = (page: Page) => page.getByRole('dialog').last();

/** Clicks an action of the dossier page by its button (the digit key is tested on its own). */
async function act(page: Page, label: RegExp): Promise<void> {
  await page.getByTestId('life-state').getByRole('button', { name: label }).click();
  await dialog(page).locator('form.transition-form').waitFor();
}

/** Ctrl+Enter records; the answer says so; the form made, if any, opens in its preview (Esc closes both). */
async function record(page: Page, withForm: boolean): Promise<void> {
  await page.keyboard.press('Control+Enter');
  await page.getByTestId('transition-recorded').waitFor();
  if (withForm) {
    await page.locator('.issued-form iframe').waitFor();
    await page.keyboard.press('Escape');
  }
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
}

async function receiveByApi(procedureCode: string, owner: Record<string, string>): Promise<DossierView> {
  const procedure = await api<Procedure>('catalogue.get', { code: procedureCode });
  return api<DossierView>('dossier.save', draftFor(procedure, { owner }));
}

beforeAll(async () => {
  requireBuiltRenderer();
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'station-e2e-life-'));
  host = await startWebHost({ callsWithoutSession: TEST_OFFICER, port: 0, dataDir, rendererDir: RENDERER_DIR, version: 'test', testClock: '2026-11-23T09:32' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the dossier\'s life at the counter', () => {
  it('papers incomplete → Mẫu 02 → found again without diacritics → received → supplement → finished → handed back to an authorised person', async () => {
    const page = await openStation();
    const owner = { fullName: 'Trần Thị Bích Ngọc', idNumber: idNumberFor('1992-04-08', 'female'), birthDate: '08/04/1992' };

    // Intake: the procedure, the owner, two of the three mandatory papers (TP2 is missing).
    await page.keyboard.type('dang ky lai khai sinh');
    await expect.poll(() => page.getByRole('option').first().textContent()).toContain(FIVE_DAYS);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('chosen-procedure').textContent()).toContain('đăng ký lại khai sinh');
    await typeAndAdvance(page, owner.fullName);
    await typeAndAdvance(page, owner.idNumber);
    await typeAndAdvance(page, owner.birthDate);
    await typeAndAdvance(page, '0987654321');
    await typeAndAdvance(page, '');
    await typeAndAdvance(page, 'Thôn Lạc Xá, xã Quế Võ, tỉnh Bắc Ninh');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // TP1
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown'); // past TP2
    await page.keyboard.press('Space'); // TP3

    // F6: the procedure's papers not ticked, the mandatory one ticked as missing.
    await page.keyboard.press('F6');
    const ask = dialog(page);
    await ask.getByTestId('missing-papers').waitFor();
    const missing = ask.getByTestId('missing-papers').getByRole('checkbox');
    await expect.poll(() => missing.count()).toBe(2); // TP2 and the optional TP4
    expect(await ask.getByRole('checkbox', { name: /Bản sao Giấy khai sinh cũ/ }).isChecked()).toBe(true);
    expect(await ask.getByRole('checkbox', { name: /ủy quyền|uỷ quyền/i }).isChecked()).toBe(false);
    await page.screenshot({ path: join(shots, '01-supplement-dialog.png') });
    await page.keyboard.press('Control+Enter');
    await page.locator('.issued-form iframe').waitFor();
    expect(await page.getByTestId('issued-notice').textContent()).toContain(`Đã lập Mẫu 02 cho ${owner.fullName}`);
    await page.screenshot({ path: join(shots, '02-supplement-preview.png') });

    const [kept] = await api<Array<{ id: number; formId: number; items: string[]; resumedAs: string | null }>>('pendingIntake.find', { query: 'tran thi bich ngoc' });
    expect(kept?.items.some((i) => i.startsWith('Bản sao Giấy khai sinh cũ'))).toBe(true);
    const form02 = await formText(kept!.formId, 'mau-02');
    expect(form02).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(form02).toContain(owner.fullName);
    expect(form02).toContain('Bản sao Giấy khai sinh cũ');
    expect(await api('dossier.logbook', { date: '2026-11-23' })).toEqual([]); // not received: no line in the log book

    // The citizen leaves with the paper: the form clears for the next one.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.banner').first().textContent()).toContain('Đã lập Mẫu 02');
    expect(await page.locator('[name="owner.fullName"]').inputValue()).toBe('');
    expect(await page.getByTestId('chosen-procedure').count()).toBe(0);

    // She comes back: Shift+F6, her name without diacritics, Enter.
    await page.keyboard.press('Shift+F6');
    await page.keyboard.type('tran thi bich');
    await expect.poll(() => page.getByTestId('pending-row').first().textContent()).toContain(owner.fullName);
    await page.screenshot({ path: join(shots, '03-pending-search.png') });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[name="owner.fullName"]').inputValue()).toBe(owner.fullName);
    expect(await page.locator('.banner').first().textContent()).toContain('Đã mở lại hồ sơ của Trần Thị Bích Ngọc');
    // TP2 brought now: tick it and receive.
    await page.getByRole('checkbox', { name: /Bản sao Giấy khai sinh cũ/ }).check();
    await page.keyboard.press('Control+s');
    const code = (await page.getByTestId('saved-code').textContent({ timeout: 10_000 })) ?? '';
    expect(code).toMatch(/^000\.00\.06\.H56-261123-\d{4}$/);
    // Received: it waits no more, and the kept intake says which dossier it became.
    expect(await api<unknown[]>('pendingIntake.find', { query: 'tran thi bich ngoc' })).toEqual([]);
    expect(await api<{ resumedAs: string | null }>('pendingIntake.get', { id: kept!.id })).toMatchObject({ resumedAs: code });

    // Its page: the state, then the counter's actions.
    await page.getByRole('link', { name: 'Mở trang hồ sơ' }).click();
    await page.getByTestId('dossier-life').waitFor();
    await expect.poll(() => page.getByTestId('life-status').textContent()).toBe('Được tiếp nhận');
    await page.screenshot({ path: join(shots, '04-dossier-received.png') });

    // A supplement asked on the page, by its digit key: refused first without items, then recorded.
    const keys = await page.getByTestId('life-state').getByRole('button').allTextContents();
    const n = keys.findIndex((k) => k.includes('Yêu cầu bổ sung')) + 1;
    expect(n).toBeGreaterThan(0);
    await page.locator('#dossier-title').focus();
    await page.keyboard.press(String(n));
    await dialog(page).locator('form.transition-form').waitFor();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => dialog(page).locator('.field:has([name="items"]) .field-error').textContent()).toMatch(/giấy tờ|bổ sung/i);
    expect((await api<Timeline>('dossier.timeline', { code })).dossier.status).toBe(2);
    await page.keyboard.type('Bản sao trích lục hộ tịch có chứng thực');
    await record(page, true);
    await expect.poll(() => page.getByTestId('life-status').textContent()).toBe('Yêu cầu bổ sung');

    await act(page, /Nhận giấy tờ bổ sung/);
    await page.keyboard.type('Bản sao trích lục hộ tịch');
    await record(page, true); // a new slip: the appointment counted again from the papers
    await expect.poll(() => page.getByTestId('life-status').textContent()).toBe('Được tiếp nhận');

    await act(page, /Chuyển xử lý/);
    await page.keyboard.type('Công chức tư pháp - hộ tịch');
    await record(page, true); // Mẫu 05 travels with the paper dossier
    await expect.poll(() => page.getByTestId('life-status').textContent()).toBe('Đang xử lý');

    // The cursor is on the next step already: Enter opens it, Ctrl+Enter records it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Đã có kết quả');
    await page.keyboard.press('Enter');
    await dialog(page).locator('form.transition-form').waitFor();
    await record(page, false);
    await expect.poll(() => page.getByTestId('life-status').textContent()).toBe('Đã xử lý xong');

    // "Trả kết quả" (F4): the cursor in the search, the name without diacritics, Enter on the row.
    await page.keyboard.press('F4');
    await page.locator('#results-search').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('results-search');
    await page.keyboard.type('bich ngoc');
    await expect.poll(() => page.getByTestId('result-row').count()).toBe(1);
    await page.screenshot({ path: join(shots, '05-results.png') });
    await page.keyboard.press('Enter');
    const handover = dialog(page);
    await handover.locator('form.transition-form').waitFor();
    expect(await handover.textContent()).toContain(`Chủ hồ sơ: ${owner.fullName} (${owner.idNumber})`);
    // An authorised person, without their ID number: refused, next to the field, nothing changed.
    await handover.getByRole('radio', { name: 'Người được ủy quyền' }).check();
    await handover.locator('[name="receiver.fullName"]').fill('Lê Văn Hùng');
    await page.keyboard.press('Control+Enter');
    const idError = handover.locator('.field:has([name="receiver.idNumber"]) .field-error');
    await expect.poll(() => idError.textContent()).toMatch(/số định danh|CCCD/i);
    await page.screenshot({ path: join(shots, '06-return-refused.png') });
    expect((await api<Timeline>('dossier.timeline', { code })).dossier.status).toBe(9);
    expect(await handover.locator('[name="receiver.fullName"]').inputValue()).toBe('Lê Văn Hùng'); // nothing typed is lost
    await handover.locator('[name="receiver.idNumber"]').fill(idNumberFor('1988-09-30', 'male'));
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('transition-recorded').waitFor();
    await page.locator('.issued-form iframe').waitFor(); // the handover note
    await page.screenshot({ path: join(shots, '07-handover-note.png') });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('results-status').textContent()).toContain(`Đã trả kết quả hồ sơ ${code}`);
    await expect.poll(() => page.getByTestId('results-none').count()).toBe(1);

    // The history: every step, each with the officer.
    const life = await api<Timeline>('dossier.timeline', { code });
    expect(life.dossier.status).toBe(10);
    const handoverForm = life.forms.find((f) => f.kind === 'result_handover');
    expect(await formText(handoverForm!.id, 'handover')).toContain('Lê Văn Hùng');
    await openDossier(page, code);
    await expect.poll(() => page.getByTestId('life-status').textContent()).toBe('Đã trả kết quả');
    const rows = page.getByTestId('timeline').locator('li');
    const texts = await rows.allTextContents();
    const steps = [
      'Yêu cầu bổ sung, hoàn thiện hồ sơ trước khi tiếp nhận (Mẫu 02)', 'Tiếp nhận hồ sơ', 'Yêu cầu bổ sung, hoàn thiện hồ sơ: Được tiếp nhận → Yêu cầu bổ sung',
      'Nhận giấy tờ bổ sung', 'Chuyển hồ sơ xử lý', 'Ghi nhận đã xử lý xong', 'Trả kết quả: Đã xử lý xong → Đã trả kết quả',
    ];
    // Oldest first, in the order they happened.
    expect(steps.map((step) => texts.findIndex((t) => t.includes(step))), texts.join(' | ')).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(await page.getByTestId('life-state').textContent()).toContain('Lê Văn Hùng');
    const officers = await rows.locator('.entry-officer').allTextContents();
    expect(officers.length).toBeGreaterThanOrEqual(6);
    expect(officers.every((o) => o === TEST_OFFICER.name)).toBe(true);
    expect(await page.getByTestId('issued-forms').locator('li').count()).toBe(life.forms.length);
    await page.screenshot({ path: join(shots, '08-dossier-returned.png'), fullPage: true });
    await page.close();
  }, 240_000);

  it('refuses a request at the counter with Mẫu 03: the reason required first, then the form', async () => {
    const page = await openStation();
    await page.keyboard.type('dang ky lai khai sinh');
    await expect.poll(() => page.getByRole('option').first().textContent()).toContain(FIVE_DAYS);
    await page.keyboard.press('Enter');
    await page.locator('[name="owner.fullName"]').waitFor();
    await typeAndAdvance(page, 'Phạm Quang Huy');
    await page.keyboard.press('F9');
    await dialog(page).locator('textarea[name="reason"]').waitFor();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => dialog(page).locator('.field:has([name="reason"]) .field-error').textContent()).toMatch(/lý do/i);
    expect(await api<unknown[]>('pendingIntake.find', { query: 'pham quang huy' })).toEqual([]);
    const reason = 'Người yêu cầu không thuộc trường hợp đăng ký lại khai sinh (đã có Giấy khai sinh bản chính)';
    await page.keyboard.type(reason);
    await page.keyboard.press('Control+Enter');
    // Mẫu 03 names the applicant's address: the station says so, and the intake form marks the field.
    await expect.poll(() => page.getByTestId('request-error').textContent()).toContain('Thiếu "Địa chỉ"');
    await page.screenshot({ path: join(shots, '09a-refusal-address.png') });
    await page.keyboard.press('Escape');
    expect(await page.locator('.field:has([name="owner.address"]) .field-error').textContent()).toContain('Địa chỉ');
    await page.locator('[name="owner.address"]').fill('Xóm Chùa, xã Phù Lãng, tỉnh Bắc Ninh');
    await page.keyboard.press('F9');
    // The reason typed before is still there.
    await expect.poll(() => dialog(page).locator('textarea[name="reason"]').inputValue()).toBe(reason);
    await page.keyboard.press('Control+Enter');
    await page.locator('.issued-form iframe').waitFor();
    await page.screenshot({ path: join(shots, '09-refusal-preview.png') });
    // A refusal is kept (status 3) but waits for nothing: it is not among the intakes to resume.
    expect(await api<unknown[]>('pendingIntake.find', { query: 'pham quang huy' })).toEqual([]);
    const refusal = host.station.db.prepare(`SELECT id FROM issued_forms WHERE kind = 'refusal'`).get() as { id: number };
    const form03 = await formText(refusal.id, 'mau-03');
    expect(form03).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(form03).toContain('Phạm Quang Huy');
    expect(form03).toContain('không thuộc trường hợp đăng ký lại khai sinh');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.banner').first().textContent()).toContain('Đã lập Mẫu 03 cho Phạm Quang Huy');
    expect(await page.getByTestId('chosen-procedure').count()).toBe(0);
    await page.close();
  }, 120_000);

  it('decides a disagreement with the portal from the dossier page, after a confirm that says what it does', async () => {
    const d = await receiveByApi(SAME_DAY, { fullName: 'Hoàng Minh Châu' });
    await api('dossier.transition', { code: d.code, event: 'finish_at_counter' });
    await api('dossier.transition', { code: d.code, event: 'return_result', receiver: { kind: 'owner' }, delivery: { method: 'counter' } });
    // The portal refused the station's last change: its record says the back office stopped it.
    const db = host.station.db;
    const { id: dossierId } = db.prepare('SELECT id FROM dossiers WHERE code = ?').get(d.code) as { id: number };
    const { id: outboxId } = db.prepare('SELECT max(id) AS id FROM outbox').get() as { id: number };
    db.transaction(() => recordSendConflict(db, dossierId, outboxId, { status: 8, unit: 'Phòng Tư pháp', officer: 'Lê Văn Cường', at: '2026-11-23T10:05', note: 'Dừng xử lý: có tranh chấp' }, host.testClock!.now()))();

    const page = await openStation();
    await openDossier(page, d.code);
    await page.getByTestId('life-conflict').waitFor();
    const card = page.getByTestId('conflict-card');
    expect(await card.getByTestId('conflict-station').textContent()).toBe('Đã trả kết quả');
    expect(await card.getByTestId('conflict-portal').textContent()).toBe('Dừng xử lý');
    expect(await card.textContent()).toContain('Lê Văn Cường');
    await page.screenshot({ path: join(shots, '10-conflict.png'), fullPage: true });
    await card.locator('[name="note"]').fill('Đã thống nhất với ông Cường: kết quả đã trả trước khi dừng');
    await card.getByRole('button', { name: 'Giữ theo trạm' }).click();
    const confirm = page.getByRole('dialog');
    expect(await confirm.textContent()).toContain(`Hồ sơ ${d.code} giữ trạng thái "Đã trả kết quả"`);
    await page.screenshot({ path: join(shots, '11-conflict-confirm.png') });
    await confirm.getByRole('button', { name: 'Giữ theo trạm' }).click();
    await expect.poll(() => page.getByTestId('conflict-decided').textContent()).toContain('Đã quyết định: Giữ theo trạm');
    expect(await page.getByTestId('life-conflict').count()).toBe(0);
    expect(await api<unknown[]>('conflicts.list', {})).toEqual([]);
    const [decided] = await api<Array<{ resolution: string; resolutionNote: string }>>('conflicts.list', { includeResolved: true });
    expect(decided).toMatchObject({ resolution: 'keep_station', resolutionNote: 'Đã thống nhất với ông Cường: kết quả đã trả trước khi dừng' });
    // The list of every disagreement, from the dossier page: nothing open now, the decided one on request.
    await page.getByRole('link', { name: /Mọi khác biệt với cổng/ }).click();
    await page.getByTestId('conflicts-none').waitFor();
    await page.getByRole('checkbox', { name: /đã xử lý/ }).check();
    await expect.poll(() => page.getByTestId('conflict-decided').textContent()).toContain('Giữ theo trạm');
    await page.screenshot({ path: join(shots, '11b-conflicts-page.png'), fullPage: true });
    await page.close();
  }, 120_000);

  it('apologises for a late dossier with Mẫu 04 and shows the new date', async () => {
    const d = await receiveByApi(FIVE_DAYS, { fullName: 'Vũ Thị Lan Anh' });
    // Wednesday of the next week: the appointment (Monday 30/11) has passed.
    await api('testClock.set', { at: '2026-12-02T09:00' });
    const page = await openStation();
    await openDossier(page, d.code);
    await expect.poll(() => page.getByTestId('life-lateness').textContent()).toMatch(/trễ hẹn/);
    await act(page, /Xin lỗi, hẹn lại/);
    await page.keyboard.type('Cần xác minh thêm thông tin hộ tịch tại nơi đăng ký trước đây');
    await page.locator('[name="newAppointmentAt"]').fill('04/12/2026');
    await page.locator('[name="newTime"]').fill('16:00');
    await page.screenshot({ path: join(shots, '12-apology-dialog.png') });
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('transition-recorded').waitFor();
    await page.locator('.issued-form iframe').waitFor();
    await page.screenshot({ path: join(shots, '13-apology-preview.png') });
    await page.keyboard.press('Escape');
    await page.screenshot({ path: join(shots, '13b-apology-answer.png') });
    await page.keyboard.press('Escape');
    await page.screenshot({ path: join(shots, '13c-apology-closed.png') });
    await expect.poll(() => page.getByTestId('life-due').textContent()).toBe('16 giờ 00, Thứ Sáu 04/12/2026');
    expect(await page.getByTestId('life-rescheduled').textContent()).toContain('hẹn ban đầu');
    const life = await api<Timeline>('dossier.timeline', { code: d.code });
    expect(life.dossier.rescheduledAt).toBe('2026-12-04T16:00');
    const apology = life.forms.find((f) => f.kind === 'apology');
    const form04 = await formText(apology!.id, 'mau-04');
    expect(form04).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(form04).toContain('Vũ Thị Lan Anh');
    expect(form04).toContain('04/12/2026');
    await page.screenshot({ path: join(shots, '14-dossier-apologised.png'), fullPage: true });

    // Withdrawing needs the citizen's reason: refused without one, next to the field, nothing changed.
    await act(page, /Rút hồ sơ/);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => dialog(page).locator('.field:has([name="reason"]) .field-error').textContent()).toMatch(/lý do/i);
    await page.screenshot({ path: join(shots, '15-withdraw-refused.png') });
    await page.keyboard.press('Escape');
    expect((await api<Timeline>('dossier.timeline', { code: d.code })).dossier.status).toBe(2);
    await page.close();
  }, 120_000);
});

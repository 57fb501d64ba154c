import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import { startPortalSimulator, type PortalSimulator } from '../../main/portal/simulator/server';
import { hostApi, launchChromium, RENDERER_DIR, stationUrl } from './browser';
import { draftFor } from '../helpers/drafts';
import { TEST_OFFICER } from '../helpers/station';

// What the officer sees of syncing: the status bar, the sync page, a rejection corrected and resent.

let host: WebHost;
let sim: PortalSimulator;
let browser: Browser;
let work: string;

const api = hostApi(() => host);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'station-sync-e2e-'));
  sim = await startPortalSimulator({ port: 0, dataDir: join(work, 'portal') });
  host = await startWebHost({ callsWithoutSession: TEST_OFFICER,
    port: 0, dataDir: join(work, 'station'), rendererDir: RENDERER_DIR, version: 'test',
    sync: { worker: { random: () => 0.002, pingEveryMs: 50, pullEveryMs: 3_600_000 } },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await sim?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('sync as the officer sees it', () => {
  it('shows offline and waiting dossiers, then a rejection with its reason, corrected and resent from the sync page', async () => {
    await api('portal.configure', { url: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret });
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'vi-VN' });
    await page.goto(stationUrl(host));
    const bar = page.getByTestId('sync-status');
    await expect.poll(() => bar.textContent({ timeout: 5000 })).toContain('Trực tuyến');

    // The line goes down: two dossiers wait.
    sim.faults.set({ dropBeforeCommit: 1 });
    const procedure = await api<Parameters<typeof draftFor>[0]>('catalogue.get', { code: '1.001193' });
    await api('dossier.save', draftFor(procedure, { owner: { fullName: 'Phạm Thị Hoa' } }));
    await api('dossier.save', draftFor(procedure, { owner: { fullName: 'Vũ Đình Long' } }));
    await expect.poll(() => bar.textContent({ timeout: 5000 }), { timeout: 10_000 }).toContain('Mất kết nối cổng');
    await expect.poll(() => page.getByTestId('sync-pending').textContent({ timeout: 5000 })).toBe('2');

    // Back online, but the portal refuses one of them.
    sim.faults.set({ force: [{ method: 'POST', path: '/dossiers', status: 400, code: 'INVALID_OWNER', times: 1 }] });
    await page.getByRole('tab', { name: /Đồng bộ/ }).click();
    await page.getByRole('button', { name: 'Gửi lại ngay' }).click();
    await expect.poll(() => page.getByRole('tab', { name: /Bị từ chối/ }).textContent({ timeout: 5000 }), { timeout: 10_000 }).toBe('Bị từ chối (1)');
    await page.getByRole('tab', { name: /Bị từ chối/ }).click();
    await expect.poll(() => page.locator('table.dossiers tbody').textContent({ timeout: 5000 })).toContain('INVALID_OWNER');
    await page.screenshot({ path: join(work, 'sync-rejected.png') });

    // The officer corrects the owner's name and sends it again.
    await page.getByRole('button', { name: 'Sửa hồ sơ' }).click();
    const name = page.getByRole('dialog').locator('input[name="owner.fullName"]');
    await name.fill('Tên Đã Được Sửa');
    await page.getByRole('button', { name: 'Lưu và gửi lại' }).click();
    await expect.poll(() => page.getByTestId('sync-pending').textContent({ timeout: 5000 }), { timeout: 10_000 }).toBe('0');
    const names = (sim.store.dossiers(null) as unknown as Array<{ ChuHoSo: string }>).map((d) => d.ChuHoSo).sort();
    expect(names).toHaveLength(2);
    expect(names).toContain('Tên Đã Được Sửa');
    await page.close();
  });

  it('says what went wrong and what the station does about it, counts dossiers as the status bar does, and shows no attempts for what was sent', async () => {
    sim.faults.set({ rate5xx: 1 }); // every answer of the portal is a 5xx
    const procedure = await api<Parameters<typeof draftFor>[0]>('catalogue.get', { code: '1.001193' });
    await api('dossier.save', draftFor(procedure, { owner: { fullName: 'Lý Thị Mai' } }));
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    await page.goto(stationUrl(host));
    await page.getByRole('combobox').waitFor(); // the shell is there once the officer's session is known
    await page.keyboard.press('Alt+3');
    const problem = page.getByTestId('sync-problem');
    await expect.poll(() => problem.textContent({ timeout: 5000 }), { timeout: 10_000 }).toContain('Cổng dịch vụ công đang gặp sự cố (mã 503). Trạm sẽ tự gửi lại sau ít phút');
    expect(await problem.textContent()).not.toMatch(/^Lỗi gần nhất/);
    expect(await page.getByText('HTTP 503').first().isVisible().catch(() => false)).toBe(false);

    // One unit: the dossiers. The bar, the tab and the summary agree.
    await expect.poll(() => page.getByTestId('sync-pending').textContent()).toBe('1');
    expect(await page.getByRole('tab', { name: /Đang chờ/ }).textContent()).toBe('Đang chờ (1 hồ sơ)');
    expect(await page.getByTestId('sync-summary').textContent()).toContain('1 hồ sơ chưa đồng bộ xong: 1 đang chờ gửi');
    const waiting = page.locator('table.dossiers tbody tr', { hasText: 'Lý Thị Mai' });
    expect(await waiting.textContent()).toContain('Trạm sẽ tự gửi lại');
    expect(await page.locator('table.dossiers thead').textContent()).toContain('Gửi tiếp lúc');

    // A refusal has no "next attempt": the portal's reason and what to do instead.
    await page.getByRole('tab', { name: /Bị từ chối/ }).click();
    const rejectedHead = await page.locator('table.dossiers thead').textContent();
    expect(rejectedHead).toContain('Lý do cổng từ chối');
    expect(rejectedHead).not.toContain('Gửi tiếp lúc');

    // The portal is back: sent, with the time it went and no count of attempts.
    sim.faults.set({});
    await page.getByRole('button', { name: 'Gửi lại ngay' }).click();
    await expect.poll(() => page.getByTestId('sync-pending').textContent({ timeout: 5000 }), { timeout: 10_000 }).toBe('0');
    await expect.poll(() => problem.count()).toBe(0);
    await page.getByRole('tab', { name: /Đã gửi gần đây/ }).click();
    const sentHead = await page.locator('table.dossiers thead').textContent();
    expect(sentHead).toContain('Gửi lúc');
    expect(sentHead).not.toMatch(/Đã thử gửi|Số lần gửi|Gửi tiếp lúc/);
    await expect.poll(() => page.locator('table.dossiers tbody').textContent()).toContain('Lý Thị Mai');
    expect(await page.locator('table.dossiers tbody tr', { hasText: 'Lý Thị Mai' }).first().textContent()).toMatch(/\d\d:\d\d/);
    await page.close();
  });
});

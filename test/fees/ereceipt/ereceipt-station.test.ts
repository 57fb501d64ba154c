import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ReceiptViewWire } from '../../../main/contract/fees-schemas';
import { DEFAULT_ACCOUNT } from '../../../main/fees/ereceipt/simulator/server';
import { pdfReader } from '../../forms/pdf-text';
import { openTestStation, type TestStation } from '../../helpers/station';
import { COPY_FEE, feesClient, TECH, type FeesClient } from '../helpers';
import { startProvider } from './rig';

// E-receipts end to end: the technician points the station at a provider (the simulator), the
// officer takes a payment on an electronic book, the station's own worker issues it in the
// background and the receipt shows its lookup code; voiding cancels it at the provider.

type Status = { configured: boolean; pending: number; rejected: number; message: string | null; online: boolean | null };

async function setUp(options: { configure?: boolean } = {}) {
  const station = openTestStation();
  const f = feesClient(station);
  const provider = await startProvider();
  await f.call('fees.configure', { collectorTaxCode: DEFAULT_ACCOUNT.taxCode }, TECH);
  if (options.configure ?? true) await f.call('fees.configure', { ereceipt: { url: provider.url, apiKey: DEFAULT_ACCOUNT.apiKey } }, TECH);
  await f.assign({ formNumber: '01BLP0-001', series: 'AA-26E', kind: 'electronic' });
  return { station, f, provider };
}

/** Resolves once the receipt's e-receipt state is `state`, checked on every fees.changed event. */
function reaches(station: TestStation, f: FeesClient, id: () => number | undefined, state: string): Promise<ReceiptViewWire> {
  return new Promise((resolve) => {
    const off = station.events.on('fees.changed', () => {
      const receiptId = id();
      if (receiptId === undefined) return;
      void f.call<ReceiptViewWire>('receipts.get', { id: receiptId }).then((v) => {
        if (v.electronic?.state === state) { off(); resolve(v); }
      });
    });
  });
}

describe('e-receipts through the station', () => {
  it('issues the e-receipt in the background once the payment is committed, and prints its lookup code', async () => {
    const { station, f, provider } = await setUp();
    const ref: { id?: number } = {};
    const issued = reaches(station, f, () => ref.id, 'issued');
    const { receipt } = await f.payNow(await f.dossier(), [{ feeName: COPY_FEE, quantity: 2 }], { amountVnd: 4000 });
    ref.id = receipt!.id;
    const id = ref.id;
    expect(receipt!.electronic?.state).toMatch(/waiting|issued/);
    const view = await issued;
    const [atProvider] = provider.store.receipts();
    expect(view.electronic).toEqual({ state: 'issued', lookupCode: atProvider!.MaTraCuu, lastError: null });
    expect(atProvider).toMatchObject({ MauSo: '01BLP0-001', KyHieu: 'AA-26E', SoBienLai: '0000001', TongTien: 4000, MaSoThue: DEFAULT_ACCOUNT.taxCode });
    expect((atProvider!.document as { TongTienBangChu: string }).TongTienBangChu).toBe('Bốn nghìn đồng');
    expect(await f.call<Status>('ereceipt.status', {})).toMatchObject({ configured: true, pending: 0, rejected: 0, online: true });

    const reader = pdfReader('ereceipt-');
    try {
      const { base64 } = await f.call<{ base64: string }>('receipts.pdf', { id });
      expect(reader.flat(reader.save(Buffer.from(base64, 'base64'), 'issued'))).toContain(`Mã tra cứu biên lai điện tử: ${atProvider!.MaTraCuu}`);
    } finally {
      reader.dispose();
    }
  });

  it('cancels the e-receipt at the provider when the receipt is voided', async () => {
    const { station, f, provider } = await setUp();
    const ref: { id?: number } = {};
    const issued = reaches(station, f, () => ref.id, 'issued');
    const id = (ref.id = (await f.payNow(await f.dossier(), [{ feeName: COPY_FEE }], { amountVnd: 2000 })).receipt!.id);
    await issued;
    const cancelled = reaches(station, f, () => ref.id, 'cancelled');
    await f.call('receipts.void', { id, reason: 'Thu nhầm hồ sơ' });
    await cancelled;
    expect(provider.store.receipts()[0]).toMatchObject({ TrangThai: 'da_huy', LyDoHuy: 'Thu nhầm hồ sơ' });
  });

  it('keeps e-receipts on the station while no provider is set, and sends them once one is', async () => {
    const { station, f, provider } = await setUp({ configure: false });
    const { receipt } = await f.payNow(await f.dossier(), [{ feeName: COPY_FEE }], { amountVnd: 2000 });
    const waiting = await f.call<Status>('ereceipt.status', {});
    expect(waiting).toMatchObject({ configured: false, pending: 1, online: null });
    expect(waiting.message).toMatch(/Chưa cấu hình nhà cung cấp biên lai điện tử/);
    const issued = reaches(station, f, () => receipt!.id, 'issued');
    await f.call('fees.configure', { ereceipt: { url: provider.url, apiKey: DEFAULT_ACCOUNT.apiKey } }, TECH);
    await issued;
    expect(provider.store.receipts()).toHaveLength(1);
  });

  it('tells the officer the provider is failing, and sends again on "retry" after the fault passes', async () => {
    const { station, f, provider } = await setUp();
    provider.faults.set({ force: [{ path: '/receipts', status: 503 }] });
    const ref: { id?: number } = {};
    const retried = new Promise<void>((resolve) => {
      const off = station.events.on('fees.changed', () => { if ((station.db.prepare('SELECT attempts FROM ereceipt_jobs').get() as { attempts?: number } | undefined)?.attempts) { off(); resolve(); } });
    });
    const id = (ref.id = (await f.payNow(await f.dossier(), [{ feeName: COPY_FEE }], { amountVnd: 2000 })).receipt!.id);
    await retried;
    const status = await f.call<Status>('ereceipt.status', {});
    expect(status).toMatchObject({ pending: 1, rejected: 0 });
    expect(status.message).toMatch(/đang gặp sự cố \(mã 503\)/);
    expect((await f.call<ReceiptViewWire>('receipts.get', { id })).electronic?.state).toBe('waiting');

    provider.faults.set({});
    const issued = reaches(station, f, () => ref.id, 'issued');
    await f.call('ereceipt.retry', {}, TECH);
    await issued;
    expect(provider.store.receipts()).toHaveLength(1);
  });

  it('lets the technician test the provider: the key\'s tax code must be the station\'s; the key is stored sealed', async () => {
    const { station, f } = await setUp();
    expect(await f.call('ereceipt.test', {}, TECH)).toEqual({ ok: true, message: 'Kết nối nhà cung cấp biên lai điện tử thành công.' });
    await f.call('fees.configure', { collectorTaxCode: '0100000000' }, TECH);
    const mismatch = await f.call<{ ok: boolean; message: string }>('ereceipt.test', {}, TECH);
    expect(mismatch.ok).toBe(false);
    expect(mismatch.message).toContain('2300123456');
    expect(mismatch.message).toContain('0100000000');
    const stored = (station.db.prepare("SELECT value FROM settings WHERE key = 'fees'").get() as { value: string }).value;
    expect(stored).not.toContain(DEFAULT_ACCOUNT.apiKey);
    expect(await f.call('fees.settings', {}, TECH)).toMatchObject({ collectorTaxCode: '0100000000', ereceipt: { configured: true } });
    await f.call('fees.configure', { ereceipt: { url: 'http://127.0.0.1:9', apiKey: 'x' } }, TECH);
    const unreachable = await f.call<{ ok: boolean; message: string }>('ereceipt.test', {}, TECH);
    expect(unreachable.ok).toBe(false);
    expect(unreachable.message).toMatch(/Không kết nối được/);
  });

  it('refuses an electronic receipt without the collector\'s tax code, writing nothing', async () => {
    const { f } = await setUp();
    await f.call('fees.configure', { collectorTaxCode: '' }, TECH);
    const code = await f.dossier();
    const before = f.written();
    const error = await f.refused('fees.record', { code, lines: [{ feeName: COPY_FEE }], payment: { paymentKey: randomUUID(), method: 'cash', amountVnd: 2000 } });
    expect(error.code).toBe('FEES_TAX_CODE_REQUIRED');
    expect(f.written()).toEqual(before);
  });
});

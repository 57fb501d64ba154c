import { onTestFinished, describe, expect, it } from 'vitest';
import { EReceiptWorker } from '../../../main/fees/ereceipt/ereceipt-worker';
import { HttpEReceiptProvider } from '../../../main/fees/ereceipt/http-provider';
import { DEFAULT_ACCOUNT } from '../../../main/fees/ereceipt/simulator/server';
import { jobCounts, retryJobs } from '../../../main/fees/ereceipt-jobs-store';
import { receiptById } from '../../../main/fees/fees-store';
import { openTestStation } from '../../helpers/station';
import { COPY_FEE, feesClient, TECH } from '../helpers';
import { startProvider } from './rig';

// The e-receipt worker against the provider simulator over HTTP: each receipt recorded on the
// station is issued exactly once whatever the network does, in order with its cancellation; a
// refusal holds back only its receipt and is sent again on request. The worker's clock is the
// test's, moved on between passes: no waiting on real time.

async function stationWithEReceipts(count: number) {
  const station = openTestStation();
  const f = feesClient(station);
  await f.call('fees.configure', { collectorTaxCode: DEFAULT_ACCOUNT.taxCode }, TECH);
  await f.assign({ formNumber: '01BLP0-001', series: 'AA-26E', kind: 'electronic', first: 1, last: 100 });
  const receipts: number[] = [];
  for (let i = 0; i < count; i++) {
    const { receipt } = await f.payNow(await f.dossier(), [{ feeName: COPY_FEE, quantity: i + 1 }], { amountVnd: 2000 * (i + 1) });
    receipts.push(receipt!.id);
  }
  return { station, f, receipts };
}

function testWorker(db: Parameters<typeof receiptById>[0], url: string, apiKey = DEFAULT_ACCOUNT.apiKey) {
  let t = Date.parse('2026-11-23T02:40:00Z');
  const provider = new HttpEReceiptProvider({ baseUrl: url, apiKey, timeoutMs: 5000 });
  onTestFinished(() => provider.close());
  const changed: number[] = [];
  const worker = new EReceiptWorker({ db, provider: () => provider, now: () => t, language: () => 'vi', random: () => 0.5, onChange: (ids) => changed.push(...ids) });
  return {
    worker,
    changed,
    /** Passes until nothing is waiting (or `max` passes), the clock moved past every retry in between. */
    drain: async (max = 50) => {
      for (let i = 0; i < max && jobCounts(db).pending > 0; i++) {
        await worker.runOnce();
        t += 10 * 60_000;
      }
    },
  };
}

describe('the e-receipt worker', () => {
  it('issues every receipt exactly once through dropped connections, server errors and garbage, and stores the lookup codes', async () => {
    const { station, receipts } = await stationWithEReceipts(6);
    const p = await startProvider();
    p.faults.set({ rate5xx: 0.3, dropAfterCommit: 0.3, garbageRate: 0.2 });
    const w = testWorker(station.db, p.url);
    await w.drain();
    expect(jobCounts(station.db)).toMatchObject({ pending: 0, rejected: 0 });
    const issued = p.store.receipts();
    expect(issued.map((r) => r.SoBienLai).sort()).toEqual(['0000001', '0000002', '0000003', '0000004', '0000005', '0000006']);
    for (const id of receipts) {
      const r = receiptById(station.db, id)!;
      const atProvider = issued.find((x) => x.SoBienLai === String(r.number).padStart(7, '0'))!;
      expect(r.providerId).toBe(atProvider.IdBienLai);
      expect(r.lookupCode).toBe(atProvider.MaTraCuu);
      expect(atProvider.TongTien).toBe(r.amountVnd);
    }
    expect(p.stats().requests).toBeGreaterThan(6); // the faults forced retries
    expect(new Set(w.changed)).toEqual(new Set(receipts));
  });

  it('sends a receipt\'s cancellation only after its issue, both in one drain', async () => {
    const { station, f, receipts } = await stationWithEReceipts(2);
    await f.call('receipts.void', { id: receipts[0], reason: 'Ghi sai số trang' });
    const p = await startProvider();
    const w = testWorker(station.db, p.url);
    await w.drain();
    const cancelled = p.store.receipts().find((r) => r.SoBienLai === '0000001')!;
    expect(cancelled).toMatchObject({ TrangThai: 'da_huy', LyDoHuy: 'Ghi sai số trang' });
    expect(p.store.receipts().find((r) => r.SoBienLai === '0000002')?.TrangThai).toBe('da_phat_hanh');
    const view = await f.call<{ electronic: { state: string } }>('receipts.get', { id: receipts[0] });
    expect(view.electronic.state).toBe('cancelled');
  });

  it('keeps a refused receipt with the provider\'s reason, lets the others through, and sends it again on request with its key', async () => {
    const { station, f, receipts } = await stationWithEReceipts(3);
    const p = await startProvider();
    p.faults.set({ force: [{ method: 'POST', path: '/receipts', status: 422, code: 'SERIES_NOT_REGISTERED', times: 1 }] });
    const w = testWorker(station.db, p.url);
    await w.drain();
    expect(jobCounts(station.db)).toMatchObject({ pending: 0, rejected: 1, lastError: 'Lỗi giả lập 422. (SERIES_NOT_REGISTERED)' });
    expect(p.store.receipts()).toHaveLength(2);
    const views = await Promise.all(receipts.map((id) => f.call<{ electronic: { state: string; lastError: string | null } }>('receipts.get', { id })));
    expect(views.map((v) => v.electronic.state).sort()).toEqual(['issued', 'issued', 'rejected']);
    expect(views.find((v) => v.electronic.state === 'rejected')?.electronic.lastError).toContain('SERIES_NOT_REGISTERED');

    retryJobs(station.db, Date.parse('2026-11-23T03:00:00Z'));
    await w.drain();
    expect(jobCounts(station.db)).toMatchObject({ pending: 0, rejected: 0 });
    expect(p.store.receipts()).toHaveLength(3);
  });

  it('treats a refused key as something to fix and retry, never as a refusal of the receipt', async () => {
    const { station } = await stationWithEReceipts(1);
    const p = await startProvider();
    const w = testWorker(station.db, p.url, 'revoked-key');
    await w.drain(3);
    expect(jobCounts(station.db)).toMatchObject({ pending: 1, rejected: 0 });
    expect(jobCounts(station.db).lastError).toMatch(/từ chối khóa truy cập/);
    expect(w.worker.lastMessage).toMatch(/cán bộ CNTT/);
    expect(p.store.receipts()).toHaveLength(0);
  });

  it('takes back jobs a crash left in flight when it starts again', async () => {
    const { station } = await stationWithEReceipts(2);
    station.db.prepare("UPDATE ereceipt_jobs SET state = 'active'").run(); // a station killed mid-send
    const p = await startProvider();
    const w = testWorker(station.db, p.url);
    w.worker.start();
    await w.worker.stop();
    await w.drain();
    expect(p.store.receipts()).toHaveLength(2);
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Officer } from '../../main/contract/dispatch';
import type { Procedure } from '../../main/core/model';
import { draftFor } from '../helpers/drafts';
import { startSyncRig, type SyncRig } from '../sync/rig';
import { COPY_CERTIFICATION, COPY_FEE, TECH, THU } from './helpers';
import { sessionOf } from '../helpers/station';

// The dossier's fees reach the portal (DanhSachLePhi) through the outbox and the real sync
// worker, over HTTP to the portal simulator: recorded, paid, voided and paid again, in order,
// exactly once each, through faults, and after a creation that had to wait.

type SimDossier = { IdHoSo: string; MaHoSo: string; PhienBan: number; DanhSachLePhi?: Array<Record<string, unknown>> };

async function as<T>(rig: SyncRig, channel: string, payload: unknown, officer: Officer = THU): Promise<T> {
  const a = await rig.station.dispatch(channel, payload, sessionOf(rig.station, officer));
  if (!a.ok) throw new Error(`${channel}: ${JSON.stringify(a.error)}`);
  return a.value as T;
}

async function certification(rig: SyncRig): Promise<string> {
  const procedure = await rig.call<Procedure>('catalogue.get', { code: COPY_CERTIFICATION });
  return (await rig.call<{ code: string }>('dossier.save', draftFor(procedure))).code;
}

const atPortal = (rig: SyncRig, code: string) => (rig.sim.store.dossiers(null) as unknown as SimDossier[]).find((d) => d.MaHoSo === code);
const drained = (rig: SyncRig) => rig.waitFor('the outbox to drain', () => rig.outboxSize() === 0, 30_000);

describe('fees reach the portal with the dossier', () => {
  it('sends the fees when recorded and paid, when the receipt is voided, and when paid again: each change once, in order', async () => {
    const rig = await startSyncRig();
    await as(rig, 'receiptBooks.assign', { formNumber: '01BLP', series: 'AA/26P', first: 1, last: 100 }, TECH);
    const code = await certification(rig);
    const { receipt } = await as<{ receipt: { id: number } }>(rig, 'fees.record', {
      code, lines: [{ feeName: COPY_FEE, quantity: 3 }], payment: { paymentKey: randomUUID(), method: 'cash', amountVnd: 6000 },
    });
    await drained(rig);
    let d = atPortal(rig, code)!;
    expect(d.PhienBan).toBe(2);
    expect(d.DanhSachLePhi).toEqual([expect.objectContaining({
      TenPhiLePhi: COPY_FEE, SoLuong: 3, ThanhTien: 6000, SoTienPhaiNop: 6000, TrangThaiThanhToan: 1, HinhThucThanhToan: 1,
      BienLai: { MauSo: '01BLP', KyHieu: 'AA/26P', So: '0000001', NgayThu: expect.stringMatching(/^\d{14}$/) },
    })]);

    await as(rig, 'receipts.void', { id: receipt.id, reason: 'Sai số trang' });
    await drained(rig);
    d = atPortal(rig, code)!;
    expect(d.PhienBan).toBe(3);
    expect(d.DanhSachLePhi?.[0]).toMatchObject({ TrangThaiThanhToan: 0, HinhThucThanhToan: null, BienLai: null });

    await as(rig, 'fees.record', { code, lines: [{ feeName: COPY_FEE, quantity: 2 }], payment: { paymentKey: randomUUID(), method: 'qr', amountVnd: 4000 } });
    await drained(rig);
    d = atPortal(rig, code)!;
    expect(d.PhienBan).toBe(4);
    expect(d.DanhSachLePhi?.[0]).toMatchObject({ SoLuong: 2, TrangThaiThanhToan: 1, HinhThucThanhToan: 3, BienLai: { So: '0000002' } });
  });

  it('delivers the fees of many dossiers exactly once through dropped connections and server errors', async () => {
    const rig = await startSyncRig();
    await as(rig, 'receiptBooks.assign', { formNumber: '01BLP', series: 'AA/26P', first: 1, last: 100 }, TECH);
    rig.sim.faults.set({ rate5xx: 0.3, dropAfterCommit: 0.3 });
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const code = await certification(rig);
      await as(rig, 'fees.record', { code, lines: [{ feeName: COPY_FEE, quantity: i + 1 }], payment: { paymentKey: randomUUID(), method: 'cash', amountVnd: 2000 * (i + 1) } });
      codes.push(code);
    }
    await drained(rig);
    codes.forEach((code, i) => {
      const d = atPortal(rig, code)!;
      expect(d.PhienBan).toBe(2); // one creation, one change: a dropped answer was not applied twice
      expect(d.DanhSachLePhi?.[0]).toMatchObject({ SoLuong: i + 1, ThanhTien: 2000 * (i + 1), TrangThaiThanhToan: 1 });
    });
    const numbers = codes.map((code) => (atPortal(rig, code)!.DanhSachLePhi![0]!.BienLai as { So: string }).So);
    expect(new Set(numbers).size).toBe(8);
  });

  it('keeps fees recorded while the portal was not set up, and sends them after the dossier once it is', async () => {
    const rig = await startSyncRig({ configure: false });
    await as(rig, 'receiptBooks.assign', { formNumber: '01BLP', series: 'AA/26P', first: 1, last: 100 }, TECH);
    const code = await certification(rig);
    await as(rig, 'fees.record', { code, lines: [{ feeName: COPY_FEE }], payment: { paymentKey: randomUUID(), method: 'cash', amountVnd: 2000 } });
    expect(rig.outboxSize()).toBe(2);
    await rig.configure();
    await drained(rig);
    expect(atPortal(rig, code)).toMatchObject({ PhienBan: 2, DanhSachLePhi: [expect.objectContaining({ TrangThaiThanhToan: 1 })] });
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DossierFeesView, ReceiptSummaryWire, ReceiptViewWire } from '../../main/contract/fees-schemas';
import { openTestStation, VIETNAMESE_TEXT } from '../helpers/station';
import {
  BINH, BIRTH_FEE, BIRTH_REGISTRATION, COPY_FEE, feesClient, lastFeeUpdate, LEADER, SIGNATURE_CERTIFICATION, SIGNATURE_FEE, TECH, THU,
} from './helpers';

// Fees and receipts through the contract, as the intake form, the receipts list and the
// technician's books page call them. Every refusal is typed, in Vietnamese, and writes nothing.

describe('recording fees and taking payment', () => {
  it('records three certified pages and takes 6.000 đ in cash: receipt 0000001 of the station\'s book, attributed to the officer, queued for the portal', async () => {
    const station = openTestStation();
    const f = feesClient(station);
    await f.assign();
    const code = await f.dossier();
    const { fees, receipt } = await f.payNow(code, [{ feeName: COPY_FEE, quantity: 3 }], { amountVnd: 6000 });

    expect(receipt).toMatchObject({
      formNumber: '01BLP', series: 'AA/26P', number: 1, numberText: '0000001', dossierCode: code, payerName: 'Nguyễn Văn An', amountVnd: 6000,
      amountInWords: 'Sáu nghìn đồng', method: 'cash', officerId: THU.id, officerName: THU.name, issuedAt: '2026-11-23T09:32', voided: false, electronic: null,
    });
    expect(receipt!.items).toEqual([{ feeName: COPY_FEE, quantity: 3, unitAmountVnd: 2000, grossVnd: 6000, exemptVnd: 0, amountVnd: 6000, exemption: '' }]);
    expect(fees.totals).toEqual({ grossVnd: 6000, exemptVnd: 0, dueVnd: 6000, paidVnd: 6000, outstandingVnd: 0 });
    expect(fees.lines[0]).toMatchObject({ status: 'paid', receiptId: receipt!.id });
    expect(fees.recorded).toEqual({ at: '2026-11-23T09:32', officerId: THU.id, officerName: THU.name });
    expect(fees.receipts.map((r) => r.numberText)).toEqual(['0000001']);

    // The portal learns the fees with the dossier: an update queued after its creation.
    expect(lastFeeUpdate(station)).toEqual([{
      TenPhiLePhi: COPY_FEE, LoaiPhiLePhi: 1, MucThu: 2000, SoLuong: 3, ThanhTien: 6000, MienGiam: null, SoTienPhaiNop: 6000, TrangThaiThanhToan: 1,
      HinhThucThanhToan: 1, BienLai: { MauSo: '01BLP', KyHieu: 'AA/26P', So: '0000001', NgayThu: '20261123093200' },
    }]);
    const books = await f.call<Array<{ nextNumber: number; left: number; issued: number }>>('receiptBooks.list', {});
    expect(books[0]).toMatchObject({ nextNumber: 2, left: 499, issued: 1 });
  });

  it('waives the charge of a birth registered on time, keeping the reason, and makes no receipt for nothing', async () => {
    const station = openTestStation();
    const f = feesClient(station);
    await f.assign();
    const code = await f.dossier(BIRTH_REGISTRATION);
    const { fees } = await f.call<{ fees: DossierFeesView }>('fees.record', {
      code, lines: [{ feeName: BIRTH_FEE, exemption: { reason: 'on_time_birth_registration', detail: 'Trẻ sinh ngày 10/11/2026' } }],
    });
    expect(fees.lines[0]).toMatchObject({
      status: 'exempt', dueVnd: 0,
      exemption: { reason: 'on_time_birth_registration', reasonName: 'Đăng ký khai sinh đúng hạn', percent: 100, detail: 'Trẻ sinh ngày 10/11/2026' },
    });
    expect(lastFeeUpdate(station)[0]).toMatchObject({ TrangThaiThanhToan: 2, MienGiam: { LyDo: 'on_time_birth_registration', TyLe: 100 }, BienLai: null });
    const before = f.written();
    const error = await f.refused('fees.pay', { code, payment: { paymentKey: randomUUID(), method: 'cash', amountVnd: 0 } });
    expect(error.code).toBe('FEES_NOTHING_DUE');
    expect(error.message).toMatch(VIETNAMESE_TEXT);
    expect(f.written()).toEqual(before);
  });

  it('lets the officer enter the level the province sets where the catalogue leaves it at 0 (a late birth registration)', async () => {
    const station = openTestStation();
    const f = feesClient(station);
    await f.assign();
    const code = await f.dossier(BIRTH_REGISTRATION);
    const { receipt } = await f.payNow(code, [{ feeName: BIRTH_FEE, unitAmountVnd: 5000 }], { amountVnd: 5000 });
    expect(receipt).toMatchObject({ amountVnd: 5000, amountInWords: 'Năm nghìn đồng' });
    expect(lastFeeUpdate(station)[0]).toMatchObject({ LoaiPhiLePhi: 2, MucThu: 5000, TrangThaiThanhToan: 1 });
  });

  it('halves a fee for a person with a disability and takes the rest by bank transfer with its reference', async () => {
    const station = openTestStation();
    const f = feesClient(station);
    await f.assign();
    const code = await f.dossier(SIGNATURE_CERTIFICATION);
    const { fees, receipt } = await f.payNow(code, [{ feeName: SIGNATURE_FEE, exemption: { reason: 'disability', percent: 50, detail: 'Giấy xác nhận khuyết tật số 125' } }],
      { amountVnd: 5000, method: 'transfer', transferRef: 'FT26327001234' });
    expect(fees.totals).toMatchObject({ grossVnd: 10000, exemptVnd: 5000, dueVnd: 5000, outstandingVnd: 0 });
    expect(receipt).toMatchObject({ method: 'transfer', transferRef: 'FT26327001234', amountVnd: 5000 });
    expect(receipt!.items[0]).toMatchObject({ grossVnd: 10000, exemptVnd: 5000, amountVnd: 5000, exemption: 'Người khuyết tật (50%): Giấy xác nhận khuyết tật số 125' });
    expect(lastFeeUpdate(station)[0]).toMatchObject({ HinhThucThanhToan: 2, MienGiam: { LyDo: 'disability', TyLe: 50, SoTien: 5000 }, SoTienPhaiNop: 5000 });
  });

  it('records fees to be paid later, then takes the payment; the same payment sent twice makes one receipt', async () => {
    const station = openTestStation();
    const f = feesClient(station);
    await f.assign();
    const code = await f.dossier();
    const recorded = await f.call<{ fees: DossierFeesView; receipt: null }>('fees.record', { code, lines: [{ feeName: COPY_FEE, quantity: 2 }] });
    expect(recorded.receipt).toBeNull();
    expect(recorded.fees.totals).toMatchObject({ dueVnd: 4000, paidVnd: 0, outstandingVnd: 4000 });
    expect(lastFeeUpdate(station)[0]).toMatchObject({ TrangThaiThanhToan: 0, BienLai: null });

    const payment = { paymentKey: randomUUID(), method: 'qr', amountVnd: 4000 };
    const first = await f.call<{ receipt: ReceiptViewWire }>('fees.pay', { code, payment }, BINH);
    const again = await f.call<{ receipt: ReceiptViewWire }>('fees.pay', { code, payment }, BINH);
    expect(again.receipt.id).toBe(first.receipt.id);
    expect(first.receipt).toMatchObject({ numberText: '0000001', method: 'qr', officerName: BINH.name });
    expect(f.written()).toMatchObject({ receipts: 1 });
    const error = await f.refused('fees.pay', { code, payment: { ...payment, paymentKey: randomUUID() } });
    expect(error.code).toBe('FEES_NOTHING_DUE');
  });

  it('refuses an exemption without a reason, naming the fee and the field, and writes nothing', async () => {
    const station = openTestStation();
    const f = feesClient(station);
    await f.assign();
    const code = await f.dossier();
    const before = f.written();
    const error = await f.refused('fees.record', {
      code, lines: [{ feeName: COPY_FEE, exemption: { reason: '  ' } }], payment: { paymentKey: randomUUID(), method: 'cash', amountVnd: 0 },
    });
    expect(error.code).toBe('FEE_EXEMPTION_REASON_REQUIRED');
    expect(error.field).toBe('lines.0.exemption.reason');
    expect(error.message).toContain(COPY_FEE);
    expect(error.message).toMatch(/lý do/);
    expect(f.written()).toEqual(before);
  });

  it('lists every problem of the fee lines at once: unknown fee, fixed amount changed, "other grounds" without detail, an unknown reason', async () => {
    const station = openTestStation();
    const f = feesClient(station);
    const code = await f.dossier();
    const before = f.written();
    const error = await f.refused('fees.record', {
      code,
      lines: [
        { feeName: 'Phí không có thật' },
        { feeName: COPY_FEE, unitAmountVnd: 1000, exemption: { reason: 'other' } },
      ],
    });
    expect(error.issues?.map((i) => [i.code, i.field])).toEqual([
      ['FEE_UNKNOWN', 'lines.0.feeName'],
      ['FEE_AMOUNT_FIXED', 'lines.1.unitAmountVnd'],
      ['FEE_EXEMPTION_DETAIL_REQUIRED', 'lines.1.exemption.detail'],
    ]);
    expect(error.issues?.[1]?.message).toContain('2.000 đ');
    const unknown = await f.refused('fees.record', { code, lines: [{ feeName: COPY_FEE, exemption: { reason: 'friend_of_officer' } }] });
    expect(unknown.code).toBe('FEE_EXEMPTION_REASON_UNKNOWN');
    const twice = await f.refused('fees.record', { code, lines: [{ feeName: COPY_FEE }, { feeName: COPY_FEE }] });
    expect(twice.code).toBe('FEE_DUPLICATE');
    expect(f.written()).toEqual(before);
  });

  it('refuses a payment that does not match the amount due, saying both amounts, and writes nothing (not even the fee lines)', async () => {
    const station = openTestStation();
    const f = feesClient(station);
    await f.assign();
    const code = await f.dossier();
    const before = f.written();
    const error = await f.refused('fees.record', { code, lines: [{ feeName: COPY_FEE, quantity: 3 }], payment: { paymentKey: randomUUID(), method: 'cash', amountVnd: 5000 } });
    expect(error.code).toBe('PAYMENT_AMOUNT_MISMATCH');
    expect(error.field).toBe('payment.amountVnd');
    expect(error.message).toContain('5.000 đ');
    expect(error.message).toContain('6.000 đ');
    expect(f.written()).toEqual(before);
    // The next correct payment still takes the first number: the refused one gave nothing away.
    const { receipt } = await f.payNow(code, [{ feeName: COPY_FEE, quantity: 3 }], { amountVnd: 6000 });
    expect(receipt?.numberText).toBe('0000001');
  });

  it('attributes every receipt to the officer of the call, never to a setting', async () => {
    const station = openTestStation();
    const f = feesClient(station);
    await f.assign();
    const a = await f.payNow(await f.dossier(), [{ feeName: COPY_FEE }], { amountVnd: 2000 }, THU);
    const b = await f.payNow(await f.dossier(), [{ feeName: COPY_FEE }], { amountVnd: 2000 }, BINH);
    expect([a.receipt?.officerName, b.receipt?.officerName]).toEqual([THU.name, BINH.name]);
    // A call with no officer (a host that knows none) is refused rather than attributed to anyone.
    const code = await f.dossier();
    await expect(Promise.resolve().then(() => station.handlers['fees.record']({ code, lines: [] }, { officer: null }))).rejects.toMatchObject({ code: 'FEES_OFFICER_REQUIRED' });
  });
});

describe('voiding receipts', () => {
  it('keeps the voided receipt\'s number and reason, makes its fees due again, and never reuses the number', async () => {
    const station = openTestStation();
    const f = feesClient(station);
    await f.assign();
    const code = await f.dossier();
    const { receipt } = await f.payNow(code, [{ feeName: COPY_FEE, quantity: 2 }], { amountVnd: 4000 });

    const noReason = await f.refused('receipts.void', { id: receipt!.id, reason: '   ' });
    expect(noReason.code).toBe('VOID_REASON_REQUIRED');

    station.clock.setLocal('2026-11-23T10:05');
    const voided = await f.call<ReceiptViewWire>('receipts.void', { id: receipt!.id, reason: 'Ghi sai số trang' }, LEADER);
    expect(voided).toMatchObject({ numberText: '0000001', voided: true, void: { at: '2026-11-23T10:05', reason: 'Ghi sai số trang', officerId: LEADER.id, officerName: LEADER.name } });
    const fees = await f.call<DossierFeesView>('fees.get', { code });
    expect(fees.lines[0]).toMatchObject({ status: 'unpaid', receiptId: null });
    expect(fees.totals.outstandingVnd).toBe(4000);
    expect(lastFeeUpdate(station)[0]).toMatchObject({ TrangThaiThanhToan: 0, BienLai: null });

    const before = f.written();
    const twice = await f.refused('receipts.void', { id: receipt!.id, reason: 'Lần nữa' });
    expect(twice.code).toBe('RECEIPT_ALREADY_VOIDED');
    expect(twice.message).toContain('0000001');
    expect(twice.message).toContain('Ghi sai số trang');
    expect(twice.message).toContain('10:05 23/11/2026');
    expect(f.written()).toEqual(before);

    // Corrected and paid again: the next number, the voided one stays on its receipt.
    await f.call('fees.record', { code, lines: [{ feeName: COPY_FEE, quantity: 3 }] });
    const again = await f.call<{ receipt: ReceiptViewWire }>('fees.pay', { code, payment: { paymentKey: randomUUID(), method: 'cash', amountVnd: 6000 } });
    expect(again.receipt.numberText).toBe('0000002');
    const list = await f.call<ReceiptSummaryWire[]>('receipts.list', { code });
    expect(list.map((r) => [r.numberText, r.voided])).toEqual([['0000002', false], ['0000001', true]]);
  });

  it('refuses to change the fees of a paid dossier until its receipt is voided', async () => {
    const station = openTestStation();
    const f = feesClient(station);
    await f.assign();
    const code = await f.dossier();
    await f.payNow(code, [{ feeName: COPY_FEE }], { amountVnd: 2000 });
    const before = f.written();
    const error = await f.refused('fees.record', { code, lines: [{ feeName: COPY_FEE, quantity: 5 }] });
    expect(error.code).toBe('FEES_ALREADY_PAID');
    expect(error.message).toContain('AA/26P số 0000001');
    expect(f.written()).toEqual(before);
  });

  it('answers RECEIPT_NOT_FOUND for a receipt that does not exist', async () => {
    const station = openTestStation();
    const error = await feesClient(station).refused('receipts.void', { id: 999, reason: 'x' });
    expect(error.code).toBe('RECEIPT_NOT_FOUND');
  });
});

describe('receipt books and their ranges', () => {
  it('refuses to take money before the technician assigns a book, and writes nothing', async () => {
    const station = openTestStation();
    const f = feesClient(station);
    const code = await f.dossier();
    const before = f.written();
    const error = await f.refused('fees.record', { code, lines: [{ feeName: COPY_FEE }], payment: { paymentKey: randomUUID(), method: 'cash', amountVnd: 2000 } });
    expect(error.code).toBe('RECEIPT_BOOK_NONE');
    expect(error.message).toMatch(/cán bộ CNTT/);
    expect(f.written()).toEqual(before);
  });

  it('stops at the end of the station\'s range with a clear message, writes nothing, and goes on in the next range assigned', async () => {
    const station = openTestStation();
    const f = feesClient(station);
    await f.assign({ first: 101, last: 102 });
    for (let i = 0; i < 2; i++) await f.payNow(await f.dossier(), [{ feeName: COPY_FEE }], { amountVnd: 2000 });
    const code = await f.dossier();
    const before = f.written();
    const error = await f.refused('fees.record', { code, lines: [{ feeName: COPY_FEE }], payment: { paymentKey: randomUUID(), method: 'cash', amountVnd: 2000 } });
    expect(error.code).toBe('RECEIPT_BOOK_EXHAUSTED');
    expect(error.message).toContain('0000102');
    expect(f.written()).toEqual(before);

    const books = await f.assign({ first: 301, last: 400, note: 'Quyển thứ hai' });
    expect(books[0]).toMatchObject({ left: 100, nextNumber: 301, issued: 2 });
    const { receipt } = await f.payNow(code, [{ feeName: COPY_FEE }], { amountVnd: 2000 });
    expect(receipt?.numberText).toBe('0000301');
  });

  it('checks the number on the sheet in the officer\'s hand: outside the station\'s range, or not the next one, it is refused', async () => {
    const station = openTestStation();
    const f = feesClient(station);
    await f.assign({ first: 1, last: 500 });
    const code = await f.dossier();
    const before = f.written();
    const outside = await f.refused('fees.record', { code, lines: [{ feeName: COPY_FEE }], payment: { paymentKey: randomUUID(), method: 'cash', amountVnd: 2000, number: 750 } });
    expect(outside.code).toBe('RECEIPT_NUMBER_OUT_OF_RANGE');
    expect(outside.field).toBe('payment.number');
    expect(outside.message).toContain('0000750');
    expect(outside.message).toContain('0000001–0000500');
    const skipping = await f.refused('fees.record', { code, lines: [{ feeName: COPY_FEE }], payment: { paymentKey: randomUUID(), method: 'cash', amountVnd: 2000, number: 3 } });
    expect(skipping.code).toBe('RECEIPT_NUMBER_NOT_NEXT');
    expect(skipping.message).toContain('0000001');
    expect(f.written()).toEqual(before);
    const { receipt } = await f.payNow(code, [{ feeName: COPY_FEE }], { amountVnd: 2000, number: 1 });
    expect(receipt?.numberText).toBe('0000001');

    // Looking a sheet up by its number: one of another station's range is named as such.
    const books = await f.call<Array<{ id: number }>>('receiptBooks.list', {});
    expect(await f.call<ReceiptViewWire>('receipts.get', { bookId: books[0]!.id, number: 1 })).toMatchObject({ id: receipt!.id });
    expect((await f.refused('receipts.get', { bookId: books[0]!.id, number: 9000 })).code).toBe('RECEIPT_NUMBER_OUT_OF_RANGE');
    expect((await f.refused('receipts.get', { bookId: books[0]!.id, number: 2 })).code).toBe('RECEIPT_NOT_FOUND');
  });

  it('refuses overlapping, backwards and badly written ranges, and a book changing kind', async () => {
    const station = openTestStation();
    const f = feesClient(station);
    await f.assign({ first: 1, last: 500 });
    const overlap = await f.refused('receiptBooks.assign', { formNumber: '01BLP', series: 'AA/26P', first: 400, last: 900 }, TECH);
    expect(overlap.code).toBe('RECEIPT_RANGE_OVERLAP');
    expect(overlap.message).toContain('0000001–0000500');
    expect((await f.refused('receiptBooks.assign', { formNumber: '01BLP', series: 'AA/26P', first: 900, last: 800 }, TECH)).code).toBe('RECEIPT_RANGE_INVALID');
    expect((await f.refused('receiptBooks.assign', { formNumber: '01BLP', series: 'AA/26P', first: 1, last: 10_000_000 }, TECH)).code).toBe('RECEIPT_RANGE_INVALID');
    expect((await f.refused('receiptBooks.assign', { formNumber: '01 BLP', series: 'AA/26P', first: 1, last: 5 }, TECH)).code).toBe('RECEIPT_SERIES_INVALID');
    expect((await f.refused('receiptBooks.assign', { formNumber: '01BLP', series: 'AA/26P', kind: 'electronic', first: 600, last: 700 }, TECH)).code).toBe('RECEIPT_BOOK_KIND_MISMATCH');
    const books = await f.call<Array<{ ranges: unknown[] }>>('receiptBooks.list', {});
    expect(books).toHaveLength(1);
    expect(books[0]!.ranges).toHaveLength(1);
  });

  it('two stations of one agency offline at once, each with its own range of the book, never print the same number', async () => {
    const first = feesClient(openTestStation());
    const second = feesClient(openTestStation());
    await first.assign({ first: 1, last: 500 });
    await second.assign({ first: 501, last: 1000 });
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      numbers.push((await first.payNow(await first.dossier(), [{ feeName: COPY_FEE }], { amountVnd: 2000 })).receipt!.numberText);
      numbers.push((await second.payNow(await second.dossier(), [{ feeName: COPY_FEE }], { amountVnd: 2000 })).receipt!.numberText);
    }
    expect(numbers).toEqual(['0000001', '0000501', '0000002', '0000502', '0000003', '0000503']);
  });
});

describe('the contract of the fees channels', () => {
  it('declares who may call each: reception takes money, leaders read summaries, technicians manage books', async () => {
    const { channels } = await import('../../main/contract/channels');
    expect(channels['fees.record'].access).toEqual(['reception']);
    expect(channels['fees.pay'].access).toEqual(['reception']);
    expect(channels['fees.cashSummary'].access).toEqual(expect.arrayContaining(['leader']));
    expect(channels['receiptBooks.assign'].access).toEqual(['technician']);
    expect(channels['fees.configure'].access).toEqual(['technician']);
  });

  it('tells the renderer what changed: fees.changed with the dossier, and outbox.changed', async () => {
    const station = openTestStation();
    const f = feesClient(station);
    await f.assign();
    const seen: string[] = [];
    station.events.subscribe((e) => seen.push(`${e.name}:${e.name === 'fees.changed' ? String(e.payload.code) : ''}`));
    const code = await f.dossier();
    seen.length = 0;
    await f.payNow(code, [{ feeName: COPY_FEE }], { amountVnd: 2000 });
    expect(seen).toEqual([`fees.changed:${code}`, 'outbox.changed:']);
  });

  it('answers in English when the station is set to English', async () => {
    const station = openTestStation();
    await station.call('settings.update', { station: { language: 'en' } });
    const f = feesClient(station);
    const code = await f.dossier();
    const error = await f.refused('fees.record', { code, lines: [{ feeName: COPY_FEE }], payment: { paymentKey: randomUUID(), method: 'cash', amountVnd: 2000 } });
    expect(error.message).toBe('This station has no receipt book yet. Ask the technician to assign a range of receipt numbers (form, series, first–last) before taking payments; nothing was written.');
  });
});

describe('the receipt settings refused', () => {
  it('names the tax code in Vietnamese and says what it must look like, changing nothing', async () => {
    const station = openTestStation();
    const before = await station.dispatch('fees.settings', {});
    const refused = await station.dispatch('fees.configure', { collectorTaxCode: '23-001' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.field).toBe('collectorTaxCode');
    expect(refused.error.message).toBe('Dữ liệu không hợp lệ: mã số thuế đơn vị thu: mã số thuế gồm 10 chữ số (hoặc 10 chữ số, dấu - và 3 chữ số)');
    expect(await station.dispatch('fees.settings', {})).toEqual(before);
  });
});

import { describe, expect, it } from 'vitest';
import { StationError } from '../../main/core/errors';
import { applyJobOutcomes, enqueueJob, takeDueJobs } from '../../main/fees/ereceipt-jobs-store';
import { receiptsOfDay } from '../../main/fees/fees-store';
import { assignRange, takeReceiptNumber } from '../../main/fees/receipt-books-store';
import { writeTransaction } from '../../main/storage/database';
import { openTestStation } from '../helpers/station';
import { COPY_FEE, feesClient, TECH } from './helpers';

// The fees stores on their own: which range a number comes from, that a rolled-back
// transaction gives its number back, the order of the lists, the order of a receipt's e-receipt jobs.

const by = { officer: TECH, at: 0, local: '2026-11-23T08:00' };

describe('the receipt books store', () => {
  it('takes numbers from the range assigned first, the lowest range of a book first, and from the book asked for', () => {
    const { db } = openTestStation();
    writeTransaction(db, () => {
      assignRange(db, { formNumber: '01BLP', series: 'AA/26P', kind: 'paper', first: 501, last: 502, note: '' }, by);
      assignRange(db, { formNumber: '01BLP', series: 'AA/26P', kind: 'paper', first: 1, last: 1, note: '' }, by);
      assignRange(db, { formNumber: '02BLP', series: 'BB/26P', kind: 'paper', first: 1, last: 9, note: '' }, by);
    });
    const take = (bookId?: number) => writeTransaction(db, () => takeReceiptNumber(db, { bookId }));
    expect([take(), take(), take(), take()].map((t) => `${t.book.series} ${t.number}`)).toEqual(['AA/26P 1', 'AA/26P 501', 'AA/26P 502', 'BB/26P 1']);
    // Asked by id: book 1 (AA/26P) is used up, book 2 goes on.
    expect(() => take(1)).toThrow(expect.objectContaining({ code: 'RECEIPT_BOOK_EXHAUSTED' }));
    expect(take(2)).toMatchObject({ book: { series: 'BB/26P' }, number: 2 });
  });

  it('gives the number back when the transaction that took it rolls back', () => {
    const { db } = openTestStation();
    writeTransaction(db, () => assignRange(db, { formNumber: '01BLP', series: 'AA/26P', kind: 'paper', first: 1, last: 10, note: '' }, by));
    expect(() => writeTransaction(db, () => {
      expect(takeReceiptNumber(db, {}).number).toBe(1);
      throw new StationError('PAYMENT_AMOUNT_MISMATCH', { given: '1 đ', due: '2 đ' });
    })).toThrow(StationError);
    expect(writeTransaction(db, () => takeReceiptNumber(db, {})).number).toBe(1);
  });

  it('refuses a book this station does not have', () => {
    const { db } = openTestStation();
    expect(() => writeTransaction(db, () => takeReceiptNumber(db, { bookId: 7 }))).toThrow(expect.objectContaining({ code: 'RECEIPT_BOOK_NOT_FOUND' }));
  });
});

describe('the receipts and e-receipt jobs stores', () => {
  it('lists the day\'s receipts newest first, up to the limit', async () => {
    const station = openTestStation();
    const f = feesClient(station);
    await f.assign();
    for (let i = 0; i < 4; i++) await f.payNow(await f.dossier(), [{ feeName: COPY_FEE }], { amountVnd: 2000 });
    expect(receiptsOfDay(station.db, '2026-11-23', 3).map((r) => r.number)).toEqual([4, 3, 2]);
    expect(receiptsOfDay(station.db, '2026-11-24', 3)).toEqual([]);
  });

  it('never hands out a receipt\'s cancellation before its issue is acknowledged', async () => {
    const station = openTestStation();
    const f = feesClient(station);
    await f.assign();
    const { receipt } = await f.payNow(await f.dossier(), [{ feeName: COPY_FEE }], { amountVnd: 2000 });
    const { db } = station;
    writeTransaction(db, () => {
      enqueueJob(db, { receiptId: receipt!.id, kind: 'issue', idempotencyKey: 'i', payload: {}, at: 0 });
      enqueueJob(db, { receiptId: receipt!.id, kind: 'cancel', idempotencyKey: 'c', payload: { LyDo: 'x' }, at: 0 });
    });
    const first = takeDueJobs(db, 10, 10);
    expect(first.map((j) => j.kind)).toEqual(['issue']);
    applyJobOutcomes(db, [{ kind: 'retry', jobId: first[0]!.id, attempts: 1, nextAttemptAt: 5, error: 'down' }], 10);
    expect(takeDueJobs(db, 10, 10).map((j) => j.kind)).toEqual(['issue']);
    applyJobOutcomes(db, [{ kind: 'issued', jobId: first[0]!.id, receiptId: receipt!.id, providerId: 'p1', lookupCode: 'ABC' }], 11);
    expect(takeDueJobs(db, 12, 10).map((j) => j.kind)).toEqual(['cancel']);
  });
});

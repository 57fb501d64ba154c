import type { Handlers } from '../contract/dispatch';
import type { ReceiptBookViewWire } from '../contract/fees-schemas';
import { StationError } from '../core/errors';
import { MAX_RECEIPT_NUMBER } from '../core/fees';
import { toVietnamLocal } from '../core/time';
import type { StationContext } from '../feature';
import { writeTransaction, type Db } from '../storage/database';
import { officerOf } from './fee-views';
import { assignRange, bookUsage, listBooks, rangesOf } from './receipt-books-store';
import './messages'; // the texts of the errors thrown here

// The technician's receipt books: each station of an agency is given its own range of a book
// (form number, series, first–last), so that stations offline at once never print the same
// number; the counter sees how many numbers are left.

/** Form numbers ("01BLP", "01BLP0-001") and series ("AA/26P", "AA-26E"): capitals, digits, / and -. */
const BOOK_SYMBOL = /^[0-9A-Z][0-9A-Z/-]{0,19}$/;

export function booksOf(db: Db): ReceiptBookViewWire[] {
  return listBooks(db).map((b) => {
    const ranges = rangesOf(db, b.id);
    const open = ranges.find((r) => r.next <= r.last);
    return {
      ...b,
      ranges: ranges.map((r) => ({ id: r.id, first: r.first, last: r.last, next: r.next, left: r.last - r.next + 1, assignedAt: r.assignedAt, assignedBy: r.assignedBy, note: r.note })),
      left: ranges.reduce((a, r) => a + (r.last - r.next + 1), 0),
      nextNumber: open?.next ?? null,
      ...bookUsage(db, b.id),
    };
  });
}

export function bookHandlers(ctx: StationContext): Pick<Handlers, 'receiptBooks.list' | 'receiptBooks.assign'> {
  const { db } = ctx;
  return {
    'receiptBooks.list': () => booksOf(db),
    'receiptBooks.assign': (input, call) => {
      const officer = officerOf(call);
      const formNumber = input.formNumber.toUpperCase();
      const series = input.series.toUpperCase();
      if (!BOOK_SYMBOL.test(formNumber) || !BOOK_SYMBOL.test(series)) throw new StationError('RECEIPT_SERIES_INVALID', { formNumber: input.formNumber, series: input.series }, 'series');
      if (input.first < 1 || input.last < input.first || input.last > MAX_RECEIPT_NUMBER) {
        throw new StationError('RECEIPT_RANGE_INVALID', { first: input.first, last: input.last }, 'first');
      }
      const moment = ctx.now();
      writeTransaction(db, () => assignRange(db, { ...input, formNumber, series, note: input.note.normalize('NFC') }, { officer, at: moment.getTime(), local: toVietnamLocal(moment) }));
      ctx.events.emit('fees.changed', { code: null });
      return booksOf(db);
    },
  };
}

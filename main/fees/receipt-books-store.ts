import { StationError } from '../core/errors';
import { formatReceiptNumber } from '../core/fees';
import type { LocalDateTime } from '../core/model';
import type { Officer } from '../contract/dispatch';
import type { Db } from '../storage/database';
import { stmt } from '../storage/statements';
import './messages'; // the texts of the errors thrown here

// Receipt books and the ranges of their numbers this station may use. Several stations of one
// agency each get their own range of a book (the technician assigns them), so stations offline
// at once never print the same number. A number is taken inside the transaction that writes the
// receipt: a refused or crashed payment gives it back, a committed one has its receipt.

export type ReceiptKind = 'paper' | 'electronic';
export type ReceiptBook = Readonly<{ id: number; formNumber: string; series: string; kind: ReceiptKind }>;
export type ReceiptRange = Readonly<{
  id: number; bookId: number; first: number; last: number; next: number; assignedAt: LocalDateTime; assignedBy: string; note: string;
}>;

type BookRow = { id: number; form_number: string; series: string; kind: ReceiptKind };
type RangeRow = { id: number; book_id: number; first: number; last: number; next: number; assigned_local: string; assigned_by_name: string; note: string };

const toBook = (r: BookRow): ReceiptBook => ({ id: r.id, formNumber: r.form_number, series: r.series, kind: r.kind });
const toRange = (r: RangeRow): ReceiptRange => ({
  id: r.id, bookId: r.book_id, first: r.first, last: r.last, next: r.next, assignedAt: r.assigned_local, assignedBy: r.assigned_by_name, note: r.note,
});

export function listBooks(db: Db): ReceiptBook[] {
  return (stmt(db, 'SELECT id, form_number, series, kind FROM receipt_books ORDER BY id').all() as BookRow[]).map(toBook);
}

export function bookById(db: Db, id: number): ReceiptBook | undefined {
  const row = stmt(db, 'SELECT id, form_number, series, kind FROM receipt_books WHERE id = ?').get(id) as BookRow | undefined;
  return row ? toBook(row) : undefined;
}

export function rangesOf(db: Db, bookId: number): ReceiptRange[] {
  return (stmt(db, 'SELECT id, book_id, first, last, next, assigned_local, assigned_by_name, note FROM receipt_ranges WHERE book_id = ? ORDER BY first').all(bookId) as RangeRow[]).map(toRange);
}

/** Receipts of a book issued and voided on this station. */
export function bookUsage(db: Db, bookId: number): Readonly<{ issued: number; voided: number }> {
  return stmt(db, 'SELECT count(*) AS issued, count(voided_at) AS voided FROM receipts WHERE book_id = ?').get(bookId) as { issued: number; voided: number };
}

export type RangeAssignment = Readonly<{ formNumber: string; series: string; kind: ReceiptKind; first: number; last: number; note: string }>;

/**
 * Gives this station a range of a book, declaring the book with its first range. Refused: a
 * range that overlaps one already given, a book declared with the other kind. Call inside a
 * write transaction.
 */
export function assignRange(db: Db, a: RangeAssignment, by: Readonly<{ officer: Officer; at: number; local: LocalDateTime }>): ReceiptBook {
  const found = stmt(db, 'SELECT id, form_number, series, kind FROM receipt_books WHERE form_number = ? AND series = ?').get(a.formNumber, a.series) as BookRow | undefined;
  let book: ReceiptBook;
  if (found) {
    book = toBook(found);
    if (book.kind !== a.kind) throw new StationError('RECEIPT_BOOK_KIND_MISMATCH', { series: `${a.formNumber} ${a.series}`, kind: book.kind === 'paper' ? 'giấy (đặt in)' : 'điện tử' }, 'kind');
    const overlap = stmt(db, 'SELECT first, last FROM receipt_ranges WHERE book_id = ? AND first <= ? AND last >= ? ORDER BY first LIMIT 1').get(book.id, a.last, a.first) as
      { first: number; last: number } | undefined;
    if (overlap) {
      throw new StationError('RECEIPT_RANGE_OVERLAP', {
        first: formatReceiptNumber(a.first), last: formatReceiptNumber(a.last), otherFirst: formatReceiptNumber(overlap.first),
        otherLast: formatReceiptNumber(overlap.last), series: a.series,
      }, 'first');
    }
  } else {
    const { lastInsertRowid } = stmt(db, 'INSERT INTO receipt_books (form_number, series, kind, created_at) VALUES (?, ?, ?, ?)').run(a.formNumber, a.series, a.kind, by.at);
    book = { id: Number(lastInsertRowid), formNumber: a.formNumber, series: a.series, kind: a.kind };
  }
  stmt(db, `INSERT INTO receipt_ranges (book_id, first, last, next, assigned_at, assigned_local, assigned_by_id, assigned_by_name, note)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(book.id, a.first, a.last, a.first, by.at, by.local, by.officer.id, by.officer.name, a.note);
  return book;
}

/** "0000001–0000500, 0001001–0001500": a book's ranges as a message names them. */
function rangesText(ranges: readonly ReceiptRange[]): string {
  return ranges.map((r) => `${formatReceiptNumber(r.first)}–${formatReceiptNumber(r.last)}`).join(', ');
}

export type TakenNumber = Readonly<{ book: ReceiptBook; rangeId: number; number: number }>;

/**
 * The next number of a book (the given one, or the book whose open range was assigned first),
 * taken in the caller's write transaction. `expected`: the number printed on the paper sheet
 * the officer holds; it must be the next one, inside this station's ranges.
 */
export function takeReceiptNumber(db: Db, o: Readonly<{ bookId?: number | undefined; expected?: number | undefined }>): TakenNumber {
  let book: ReceiptBook | undefined;
  if (o.bookId !== undefined) {
    book = bookById(db, o.bookId);
    if (!book) throw new StationError('RECEIPT_BOOK_NOT_FOUND', { id: o.bookId }, 'payment.bookId');
  } else {
    const open = stmt(db, `SELECT b.id, b.form_number, b.series, b.kind FROM receipt_ranges r JOIN receipt_books b ON b.id = r.book_id
                           WHERE r.next <= r.last ORDER BY r.id LIMIT 1`).get() as BookRow | undefined;
    if (open) book = toBook(open);
    else {
      const latest = stmt(db, 'SELECT id, form_number, series, kind FROM receipt_books ORDER BY id DESC LIMIT 1').get() as BookRow | undefined;
      if (!latest) throw new StationError('RECEIPT_BOOK_NONE');
      book = toBook(latest);
    }
  }
  const ranges = rangesOf(db, book.id);
  const range = ranges.find((r) => r.next <= r.last);
  if (!range) {
    throw new StationError('RECEIPT_BOOK_EXHAUSTED', { series: `${book.formNumber} ${book.series}`, last: formatReceiptNumber(Math.max(0, ...ranges.map((r) => r.last))) });
  }
  if (o.expected !== undefined) {
    if (!ranges.some((r) => o.expected! >= r.first && o.expected! <= r.last)) {
      throw new StationError('RECEIPT_NUMBER_OUT_OF_RANGE', { number: formatReceiptNumber(o.expected), ranges: rangesText(ranges), series: book.series }, 'payment.number');
    }
    if (o.expected !== range.next) {
      throw new StationError('RECEIPT_NUMBER_NOT_NEXT', { number: formatReceiptNumber(o.expected), next: formatReceiptNumber(range.next), series: book.series }, 'payment.number');
    }
  }
  // Guarded by the value read: with BEGIN IMMEDIATE no other writer can have moved it.
  const moved = stmt(db, 'UPDATE receipt_ranges SET next = next + 1 WHERE id = ? AND next = ?').run(range.id, range.next).changes;
  if (moved !== 1) throw new Error(`Receipt range ${range.id} moved under a write transaction`);
  return { book, rangeId: range.id, number: range.next };
}

/** A number looked up by a person (a sheet in hand): refused with the station's ranges when it is not one of them. */
export function checkNumberInRanges(db: Db, bookId: number, number: number): ReceiptBook {
  const book = bookById(db, bookId);
  if (!book) throw new StationError('RECEIPT_BOOK_NOT_FOUND', { id: bookId }, 'bookId');
  const ranges = rangesOf(db, bookId);
  if (!ranges.some((r) => number >= r.first && number <= r.last)) {
    throw new StationError('RECEIPT_NUMBER_OUT_OF_RANGE', { number: formatReceiptNumber(number), ranges: rangesText(ranges) || '—', series: book.series }, 'number');
  }
  return book;
}

import { randomUUID } from 'node:crypto';
import type { Officer } from '../contract/dispatch';
import type { PaymentInputWire } from '../contract/fees-schemas';
import { StationError } from '../core/errors';
import { formatMoney } from '../core/format';
import type { LocalDateTime } from '../core/model';
import type { Db } from '../storage/database';
import { enqueue } from '../storage/outbox-store';
import { eReceiptDocument } from './ereceipt/document';
import { enqueueJob } from './ereceipt-jobs-store';
import { feeLinesOf, insertReceipt, receiptById, unpaidLinesOf } from './fees-store';
import { danhSachLePhi } from './portal-fees';
import { takeReceiptNumber } from './receipt-books-store';
import './messages'; // the texts of the errors thrown here

// Taking the money for a dossier, as one piece of a write transaction: what is due, checked
// against what the officer took; the next receipt number of the station's book; the receipt and
// the lines it pays; the e-receipt job for an electronic book. A refusal throws before anything
// is written, and the caller's transaction rolls back whatever came before.

export type PaymentContext = Readonly<{
  dossierId: number;
  dossier: Readonly<{ code: string; procedureName: string; owner: Readonly<{ fullName: string; address: string }> }>;
  officer: Officer;
  at: number;
  local: LocalDateTime;
  collector: Readonly<{ name: string; taxCode: string; agencyId: string }>;
}>;

export type PaymentTaken = Readonly<{ receiptId: number; electronic: boolean }>;

export function takePayment(db: Db, payment: PaymentInputWire, c: PaymentContext): PaymentTaken {
  const due = unpaidLinesOf(db, c.dossierId);
  const total = due.reduce((a, l) => a + l.dueVnd, 0);
  if (total === 0) throw new StationError('FEES_NOTHING_DUE', { code: c.dossier.code });
  if (payment.amountVnd !== total) {
    throw new StationError('PAYMENT_AMOUNT_MISMATCH', { given: formatMoney(payment.amountVnd), due: formatMoney(total) }, 'payment.amountVnd');
  }
  const { book, rangeId, number } = takeReceiptNumber(db, { bookId: payment.bookId, expected: payment.number });
  if (book.kind === 'electronic' && c.collector.taxCode === '') throw new StationError('FEES_TAX_CODE_REQUIRED');
  const payer = { name: payment.payerName || c.dossier.owner.fullName, address: payment.payerAddress ?? c.dossier.owner.address };
  const receiptId = insertReceipt(db, {
    bookId: book.id, rangeId, number, dossierId: c.dossierId, paymentKey: payment.paymentKey, payerName: payer.name.normalize('NFC'),
    payerAddress: payer.address.normalize('NFC'), method: payment.method, transferRef: payment.transferRef ?? '', amountVnd: total, at: c.at,
    local: c.local, officer: c.officer, items: due,
  });
  if (book.kind === 'electronic') {
    const document = eReceiptDocument({
      formNumber: book.formNumber, series: book.series, number, issuedAt: c.local, collector: c.collector, payer, dossierCode: c.dossier.code,
      procedureName: c.dossier.procedureName, method: payment.method, officerName: c.officer.name, items: due,
    });
    enqueueJob(db, { receiptId, kind: 'issue', idempotencyKey: randomUUID(), payload: document, at: c.at });
  }
  return { receiptId, electronic: book.kind === 'electronic' };
}

/** Queues the dossier's fee list for the portal (DanhSachLePhi), after its earlier changes. */
export function queueFeesUpdate(db: Db, dossierId: number, at: number): void {
  const payload = { DanhSachLePhi: danhSachLePhi(feeLinesOf(db, dossierId), (id) => receiptById(db, id)) };
  enqueue(db, { dossierId, kind: 'dossier.update', idempotencyKey: randomUUID(), payload, at });
}

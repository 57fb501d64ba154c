import type { Officer } from '../contract/dispatch';
import { exemptionReasonNames, type Exemption, type ExemptionReason, type PaymentMethod } from '../core/fees';
import type { LocalDate, LocalDateTime } from '../core/model';
import type { Db } from '../storage/database';
import { stmt } from '../storage/statements';
import type { ReceiptKind } from './receipt-books-store';

// A dossier's fee lines and the receipts that pay them. Plain functions over one connection;
// the handlers compose them in one write transaction with the receipt number, the e-receipt job
// and the portal's outbox entry.

export type FeeLine = Readonly<{
  position: number;
  feeName: string;
  note: string;
  unitAmountVnd: number;
  quantity: number;
  grossVnd: number;
  exemption: Exemption | null;
  exemptVnd: number;
  dueVnd: number;
  receiptId: number | null;
}>;

export type NewFeeLine = Omit<FeeLine, 'position' | 'receiptId'>;

export type Recorded = Readonly<{ at: number; local: LocalDateTime; officer: Officer }>;

type FeeLineRow = {
  position: number; fee_name: string; note: string; unit_amount_vnd: number; quantity: number; gross_vnd: number;
  exemption_reason: string | null; exemption_percent: number; exemption_detail: string; exempt_vnd: number; due_vnd: number; receipt_id: number | null;
};

const toLine = (r: FeeLineRow): FeeLine => ({
  position: r.position, feeName: r.fee_name, note: r.note, unitAmountVnd: r.unit_amount_vnd, quantity: r.quantity, grossVnd: r.gross_vnd,
  exemption: r.exemption_reason === null ? null : { reason: r.exemption_reason as ExemptionReason, percent: r.exemption_percent, detail: r.exemption_detail },
  exemptVnd: r.exempt_vnd, dueVnd: r.due_vnd, receiptId: r.receipt_id,
});

/** Sets the dossier's fee lines, replacing the ones recorded before (none of which may be paid). */
export function replaceFeeLines(db: Db, dossierId: number, lines: readonly NewFeeLine[], by: Recorded): void {
  stmt(db, 'DELETE FROM dossier_fees WHERE dossier_id = ?').run(dossierId);
  const insert = stmt(db, `INSERT INTO dossier_fees (dossier_id, position, fee_name, note, unit_amount_vnd, quantity, gross_vnd, exemption_reason,
      exemption_percent, exemption_detail, exempt_vnd, due_vnd, receipt_id, recorded_at, recorded_local, recorded_by_id, recorded_by_name)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`);
  lines.forEach((l, i) => insert.run(
    dossierId, i, l.feeName, l.note, l.unitAmountVnd, l.quantity, l.grossVnd, l.exemption?.reason ?? null, l.exemption?.percent ?? 0,
    l.exemption?.detail ?? '', l.exemptVnd, l.dueVnd, by.at, by.local, by.officer.id, by.officer.name,
  ));
}

export function feeLinesOf(db: Db, dossierId: number): FeeLine[] {
  return (stmt(db, `SELECT position, fee_name, note, unit_amount_vnd, quantity, gross_vnd, exemption_reason, exemption_percent, exemption_detail,
                           exempt_vnd, due_vnd, receipt_id FROM dossier_fees WHERE dossier_id = ? ORDER BY position`).all(dossierId) as FeeLineRow[]).map(toLine);
}

/** When and by whom the lines were last set; undefined before any. */
export function feesRecordedOf(db: Db, dossierId: number): Readonly<{ at: LocalDateTime; officerId: string; officerName: string }> | undefined {
  const row = stmt(db, 'SELECT recorded_local AS at, recorded_by_id AS officerId, recorded_by_name AS officerName FROM dossier_fees WHERE dossier_id = ? LIMIT 1').get(dossierId) as
    { at: string; officerId: string; officerName: string } | undefined;
  return row;
}

/** The receipt already paying some line of the dossier, if any. */
export function payingReceiptOf(db: Db, dossierId: number): number | undefined {
  const row = stmt(db, 'SELECT receipt_id AS id FROM dossier_fees WHERE dossier_id = ? AND receipt_id IS NOT NULL LIMIT 1').get(dossierId) as { id: number } | undefined;
  return row?.id;
}

/** Lines still to pay (not exempt in full, no receipt). */
export function unpaidLinesOf(db: Db, dossierId: number): FeeLine[] {
  return feeLinesOf(db, dossierId).filter((l) => l.receiptId === null && l.dueVnd > 0);
}

export type NewReceipt = Readonly<{
  bookId: number; rangeId: number; number: number; dossierId: number; paymentKey: string; payerName: string; payerAddress: string;
  method: PaymentMethod; transferRef: string; amountVnd: number; at: number; local: LocalDateTime; officer: Officer;
  items: readonly FeeLine[];
}>;

/** "Người khuyết tật (50%): Giấy xác nhận số 125", as the receipt prints an exemption. */
export function exemptionText(e: Exemption | null): string {
  if (e === null) return '';
  const grounds = `${exemptionReasonNames[e.reason].vi} (${e.percent}%)`;
  return e.detail ? `${grounds}: ${e.detail}` : grounds;
}

/** Writes a receipt with the lines it pays, and marks those lines paid. */
export function insertReceipt(db: Db, r: NewReceipt): number {
  const { lastInsertRowid } = stmt(db, `INSERT INTO receipts (book_id, range_id, number, dossier_id, payment_key, payer_name, payer_address, method,
      transfer_ref, amount_vnd, issued_at, issued_local, issued_date, officer_id, officer_name)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    r.bookId, r.rangeId, r.number, r.dossierId, r.paymentKey, r.payerName, r.payerAddress, r.method, r.transferRef, r.amountVnd, r.at, r.local,
    r.local.slice(0, 10), r.officer.id, r.officer.name,
  );
  const id = Number(lastInsertRowid);
  const item = stmt(db, `INSERT INTO receipt_items (receipt_id, position, fee_name, quantity, unit_amount_vnd, gross_vnd, exempt_vnd, amount_vnd, exemption)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const paid = stmt(db, 'UPDATE dossier_fees SET receipt_id = ? WHERE dossier_id = ? AND position = ? AND receipt_id IS NULL');
  r.items.forEach((l, i) => {
    item.run(id, i, l.feeName, l.quantity, l.unitAmountVnd, l.grossVnd, l.exemptVnd, l.dueVnd, exemptionText(l.exemption));
    if (paid.run(id, r.dossierId, l.position).changes !== 1) throw new Error(`Fee line ${l.position} of dossier ${r.dossierId} is not unpaid`);
  });
  return id;
}

export type ReceiptRecord = Readonly<{
  id: number; bookId: number; formNumber: string; series: string; kind: ReceiptKind; number: number; dossierId: number; dossierCode: string;
  procedureName: string; payerName: string; payerAddress: string; method: PaymentMethod; transferRef: string; amountVnd: number;
  issuedAt: LocalDateTime; officerId: string; officerName: string;
  void: Readonly<{ at: LocalDateTime; reason: string; officerId: string; officerName: string }> | null;
  providerId: string | null; lookupCode: string | null; eCancelled: boolean;
  /** The e-receipt job still waiting (the earliest), if any. */
  job: Readonly<{ kind: 'issue' | 'cancel'; state: 'pending' | 'active' | 'rejected'; lastError: string | null }> | null;
}>;

type ReceiptRow = {
  id: number; book_id: number; form_number: string; series: string; kind: ReceiptKind; number: number; dossier_id: number; dossier_code: string;
  procedure_name: string; payer_name: string; payer_address: string; method: PaymentMethod; transfer_ref: string; amount_vnd: number;
  issued_local: string; officer_id: string; officer_name: string; voided_local: string | null; void_reason: string | null;
  voided_by_id: string | null; voided_by_name: string | null; provider_id: string | null; lookup_code: string | null; e_cancelled_at: number | null;
  job_kind: 'issue' | 'cancel' | null; job_state: 'pending' | 'active' | 'rejected' | null; job_error: string | null;
};

const RECEIPT_COLUMNS = `r.id, r.book_id, b.form_number, b.series, b.kind, r.number, r.dossier_id, d.code AS dossier_code, d.procedure_name,
  r.payer_name, r.payer_address, r.method, r.transfer_ref, r.amount_vnd, r.issued_local, r.officer_id, r.officer_name, r.voided_local,
  r.void_reason, r.voided_by_id, r.voided_by_name, r.provider_id, r.lookup_code, r.e_cancelled_at,
  j.kind AS job_kind, j.state AS job_state, j.last_error AS job_error`;
const RECEIPT_JOINS = `JOIN receipt_books b ON b.id = r.book_id JOIN dossiers d ON d.id = r.dossier_id
  LEFT JOIN ereceipt_jobs j ON j.id = (SELECT min(id) FROM ereceipt_jobs WHERE receipt_id = r.id)`;

const toReceipt = (r: ReceiptRow): ReceiptRecord => ({
  id: r.id, bookId: r.book_id, formNumber: r.form_number, series: r.series, kind: r.kind, number: r.number, dossierId: r.dossier_id,
  dossierCode: r.dossier_code, procedureName: r.procedure_name, payerName: r.payer_name, payerAddress: r.payer_address, method: r.method,
  transferRef: r.transfer_ref, amountVnd: r.amount_vnd, issuedAt: r.issued_local, officerId: r.officer_id, officerName: r.officer_name,
  void: r.void_reason === null ? null : { at: r.voided_local ?? r.issued_local, reason: r.void_reason, officerId: r.voided_by_id ?? '', officerName: r.voided_by_name ?? '' },
  providerId: r.provider_id, lookupCode: r.lookup_code, eCancelled: r.e_cancelled_at !== null,
  job: r.job_kind && r.job_state ? { kind: r.job_kind, state: r.job_state, lastError: r.job_error } : null,
});

/** The lists the screens show, each served by an index (test/storage/query-plans.test.ts). */
export const feesListSql = {
  receiptsOfDay: `SELECT ${RECEIPT_COLUMNS} FROM receipts r ${RECEIPT_JOINS} WHERE r.issued_date = ? ORDER BY r.id DESC LIMIT ?`,
  receiptsOfDossier: `SELECT ${RECEIPT_COLUMNS} FROM receipts r ${RECEIPT_JOINS} WHERE r.dossier_id = ? ORDER BY r.id DESC LIMIT ?`,
  officerTotals: `SELECT r.officer_id AS officerId, max(r.officer_name) AS officerName, count(*) AS receipts,
      coalesce(sum(CASE r.method WHEN 'cash' THEN r.amount_vnd END), 0) AS cashVnd,
      coalesce(sum(CASE r.method WHEN 'transfer' THEN r.amount_vnd END), 0) AS transferVnd,
      coalesce(sum(CASE r.method WHEN 'qr' THEN r.amount_vnd END), 0) AS qrVnd, sum(r.amount_vnd) AS totalVnd
    FROM receipts r WHERE r.issued_date = ? AND r.voided_at IS NULL GROUP BY r.officer_id`,
  feeTotals: `SELECT i.fee_name AS feeName, sum(i.quantity) AS quantity, count(DISTINCT i.receipt_id) AS receipts, sum(i.amount_vnd) AS amountVnd
    FROM receipts r JOIN receipt_items i ON i.receipt_id = r.id WHERE r.issued_date = ? AND r.voided_at IS NULL GROUP BY i.fee_name`,
  voidedOfDay: `SELECT r.id, b.series, r.number, r.amount_vnd AS amountVnd, r.officer_name AS officerName, r.void_reason AS reason, r.voided_local AS voidedAt
    FROM receipts r JOIN receipt_books b ON b.id = r.book_id WHERE r.issued_date = ? AND r.voided_at IS NOT NULL ORDER BY r.id`,
} as const;

export function receiptById(db: Db, id: number): ReceiptRecord | undefined {
  const row = stmt(db, `SELECT ${RECEIPT_COLUMNS} FROM receipts r ${RECEIPT_JOINS} WHERE r.id = ?`).get(id) as ReceiptRow | undefined;
  return row ? toReceipt(row) : undefined;
}

export function receiptIdByNumber(db: Db, bookId: number, number: number): number | undefined {
  return (stmt(db, 'SELECT id FROM receipts WHERE book_id = ? AND number = ?').get(bookId, number) as { id: number } | undefined)?.id;
}

/** The receipt a payment key made, with its dossier (the same payment sent twice). */
export function receiptByPaymentKey(db: Db, key: string): Readonly<{ id: number; dossierId: number }> | undefined {
  return stmt(db, 'SELECT id, dossier_id AS dossierId FROM receipts WHERE payment_key = ?').get(key) as { id: number; dossierId: number } | undefined;
}

export function receiptsOfDay(db: Db, date: LocalDate, limit: number): ReceiptRecord[] {
  return (stmt(db, feesListSql.receiptsOfDay).all(date, limit) as ReceiptRow[]).map(toReceipt);
}

export function receiptsOfDossier(db: Db, dossierId: number, limit: number): ReceiptRecord[] {
  return (stmt(db, feesListSql.receiptsOfDossier).all(dossierId, limit) as ReceiptRow[]).map(toReceipt);
}

export type ReceiptItem = Readonly<{ feeName: string; quantity: number; unitAmountVnd: number; grossVnd: number; exemptVnd: number; amountVnd: number; exemption: string }>;

export function receiptItems(db: Db, receiptId: number): ReceiptItem[] {
  return stmt(db, `SELECT fee_name AS feeName, quantity, unit_amount_vnd AS unitAmountVnd, gross_vnd AS grossVnd, exempt_vnd AS exemptVnd,
                          amount_vnd AS amountVnd, exemption FROM receipt_items WHERE receipt_id = ? ORDER BY position`).all(receiptId) as ReceiptItem[];
}

/** Voids a receipt (it keeps its number) and makes the lines it paid due again. */
export function voidReceipt(db: Db, id: number, reason: string, by: Recorded): void {
  const changed = stmt(db, `UPDATE receipts SET voided_at = ?, voided_local = ?, void_reason = ?, voided_by_id = ?, voided_by_name = ?
                            WHERE id = ? AND voided_at IS NULL`).run(by.at, by.local, reason, by.officer.id, by.officer.name, id).changes;
  if (changed !== 1) throw new Error(`Receipt ${id} is not voidable`);
  stmt(db, 'UPDATE dossier_fees SET receipt_id = NULL WHERE receipt_id = ?').run(id);
}

export type OfficerTotals = Readonly<{ officerId: string; officerName: string; receipts: number; cashVnd: number; transferVnd: number; qrVnd: number; totalVnd: number }>;
export type FeeTotalsOfDay = Readonly<{ feeName: string; quantity: number; receipts: number; amountVnd: number }>;
export type VoidedOfDay = Readonly<{ id: number; series: string; number: number; amountVnd: number; officerName: string; reason: string; voidedAt: string }>;

export function officerTotals(db: Db, date: LocalDate): OfficerTotals[] {
  return stmt(db, feesListSql.officerTotals).all(date) as OfficerTotals[];
}

export function feeTotalsOfDay(db: Db, date: LocalDate): FeeTotalsOfDay[] {
  return stmt(db, feesListSql.feeTotals).all(date) as FeeTotalsOfDay[];
}

export function voidedOfDay(db: Db, date: LocalDate): VoidedOfDay[] {
  return stmt(db, feesListSql.voidedOfDay).all(date) as VoidedOfDay[];
}

/** Every receipt number of a book on this station, in order (audits and tests of the numbering). */
export function receiptNumbersOf(db: Db, bookId: number): number[] {
  return (stmt(db, 'SELECT number FROM receipts WHERE book_id = ? ORDER BY number').all(bookId) as Array<{ number: number }>).map((r) => r.number);
}

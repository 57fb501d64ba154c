import type { CallContext, Officer } from '../contract/dispatch';
import type { DossierFeesView, ReceiptSummaryWire, ReceiptViewWire } from '../contract/fees-schemas';
import { StationError } from '../core/errors';
import { feeTotals, formatReceiptNumber } from '../core/fees';
import type { Language } from '../core/messages';
import { vndInWords } from '../core/vnd-words';
import { getProcedure } from '../storage/catalogue-store';
import type { Db } from '../storage/database';
import { requireDossier, requireDossierId } from '../storage/dossier-store';
import { exemptionView } from './fee-lines';
import { feeLinesOf, feesRecordedOf, receiptById, receiptItems, receiptsOfDossier, type ReceiptRecord } from './fees-store';
import './messages'; // the texts of the errors thrown here

// What the fees channels answer, built from the stores: a dossier's fees with their receipts,
// one receipt, its e-receipt state.

/** The officer a change is attributed to: the call's (officers log in; no setting stands in). */
export function officerOf(call: CallContext | undefined): Officer {
  if (!call?.officer) throw new StationError('FEES_OFFICER_REQUIRED');
  return call.officer;
}

function electronicOf(r: ReceiptRecord): ReceiptSummaryWire['electronic'] {
  if (r.kind === 'paper') return null;
  const lastError = r.job?.lastError ?? null;
  if (r.job) {
    if (r.job.state === 'rejected') return { state: 'rejected', lookupCode: r.lookupCode, lastError };
    return { state: r.job.kind === 'issue' ? 'waiting' : 'cancel_waiting', lookupCode: r.lookupCode, lastError };
  }
  if (r.eCancelled) return { state: 'cancelled', lookupCode: r.lookupCode, lastError: null };
  return { state: r.providerId ? 'issued' : 'waiting', lookupCode: r.lookupCode, lastError: null };
}

export function receiptSummaryOf(r: ReceiptRecord): ReceiptSummaryWire {
  return {
    id: r.id, bookId: r.bookId, formNumber: r.formNumber, series: r.series, kind: r.kind, number: r.number, numberText: formatReceiptNumber(r.number),
    dossierCode: r.dossierCode, payerName: r.payerName, amountVnd: r.amountVnd, method: r.method, issuedAt: r.issuedAt, officerId: r.officerId,
    officerName: r.officerName, voided: r.void !== null, electronic: electronicOf(r),
  };
}

export function requireReceipt(db: Db, id: number): ReceiptRecord {
  const r = receiptById(db, id);
  if (!r) throw new StationError('RECEIPT_NOT_FOUND', { id }, 'id');
  return r;
}

export function receiptViewOf(db: Db, id: number): ReceiptViewWire {
  const r = requireReceipt(db, id);
  return {
    ...receiptSummaryOf(r),
    payerAddress: r.payerAddress, procedureName: r.procedureName, amountInWords: vndInWords(r.amountVnd), transferRef: r.transferRef,
    items: receiptItems(db, id), void: r.void,
  };
}

export function dossierFeesOf(db: Db, code: string, lang: Language): DossierFeesView {
  const dossier = requireDossier(db, code);
  const dossierId = requireDossierId(db, dossier.code);
  const procedure = getProcedure(db, dossier.procedureCode);
  const lines = feeLinesOf(db, dossierId);
  const totals = feeTotals(lines);
  const paidVnd = lines.filter((l) => l.receiptId !== null).reduce((a, l) => a + l.dueVnd, 0);
  return {
    code: dossier.code,
    procedureCode: dossier.procedureCode,
    procedureName: dossier.procedureName,
    catalogueFees: (procedure?.fees ?? []).map((f) => ({ name: f.name, amountVnd: f.amountVnd, note: f.note ?? '', fixed: f.amountVnd > 0 })),
    lines: lines.map((l) => ({
      position: l.position, feeName: l.feeName, note: l.note, unitAmountVnd: l.unitAmountVnd, quantity: l.quantity, grossVnd: l.grossVnd,
      exemption: exemptionView(l.exemption, lang), exemptVnd: l.exemptVnd, dueVnd: l.dueVnd,
      status: l.dueVnd === 0 ? 'exempt' : l.receiptId === null ? 'unpaid' : 'paid', receiptId: l.receiptId,
    })),
    totals: { ...totals, paidVnd, outstandingVnd: totals.dueVnd - paidVnd },
    recorded: feesRecordedOf(db, dossierId) ?? null,
    receipts: receiptsOfDossier(db, dossierId, 100).map(receiptSummaryOf),
  };
}

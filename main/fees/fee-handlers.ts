import type { CallContext, Handlers } from '../contract/dispatch';
import type { PaymentInputWire } from '../contract/fees-schemas';
import { StationError } from '../core/errors';
import { formatReceiptNumber } from '../core/fees';
import { toVietnamLocal } from '../core/time';
import type { StationContext } from '../feature';
import { getProcedure } from '../storage/catalogue-store';
import { writeTransaction } from '../storage/database';
import { requireDossier, requireDossierId } from '../storage/dossier-store';
import { outboxCounts } from '../storage/outbox-store';
import { checkFeeLines } from './fee-lines';
import { dossierFeesOf, officerOf, receiptViewOf } from './fee-views';
import { payingReceiptOf, receiptById, receiptByPaymentKey, replaceFeeLines, type Recorded } from './fees-store';
import { readFeesSettings } from './fees-settings';
import { queueFeesUpdate, takePayment } from './payments';
import './messages'; // the texts of the errors thrown here

// Fees on a dossier: recording them (with exemptions), and taking the money, now or later. The
// fee lines, the receipt with its number, the e-receipt job and the portal's update commit in one
// transaction; a refusal writes nothing.

export type FeeHandlerDeps = Readonly<{ wakeEReceipts: () => void }>;

export function feeHandlers(ctx: StationContext, deps: FeeHandlerDeps): Pick<Handlers, 'fees.get' | 'fees.record' | 'fees.pay'> {
  const { db } = ctx;

  /** The same payment sent twice (a double click, a retry after a lost answer) answers the first receipt. */
  const repeatedPayment = (payment: PaymentInputWire | undefined, dossierId: number): number | undefined => {
    if (!payment) return undefined;
    const seen = receiptByPaymentKey(db, payment.paymentKey);
    if (seen && seen.dossierId !== dossierId) throw new StationError('PAYMENT_KEY_REUSED', {}, 'payment.paymentKey');
    return seen?.id;
  };

  const commit = (code: string, call: CallContext | undefined, payment: PaymentInputWire | undefined, setLines?: (by: Recorded, dossierId: number) => void) => {
    const officer = officerOf(call);
    const dossier = requireDossier(db, code);
    const dossierId = requireDossierId(db, dossier.code);
    const moment = ctx.now();
    const at = moment.getTime();
    const local = toVietnamLocal(moment);
    const { agency } = ctx.settings();
    const collector = { name: agency.name, taxCode: readFeesSettings(db).collectorTaxCode, agencyId: agency.agencyId };
    const result = writeTransaction(db, () => {
      const repeated = repeatedPayment(payment, dossierId);
      if (repeated !== undefined) return { receiptId: repeated, electronic: false, changed: false };
      setLines?.({ at, local, officer }, dossierId);
      const taken = payment
        ? takePayment(db, payment, { dossierId, dossier: { code: dossier.code, procedureName: dossier.procedureName, owner: dossier.owner }, officer, at, local, collector })
        : null;
      queueFeesUpdate(db, dossierId, at);
      return { receiptId: taken?.receiptId ?? null, electronic: taken?.electronic ?? false, changed: true };
    });
    if (result.changed) {
      ctx.events.emit('fees.changed', { code: dossier.code });
      ctx.events.emit('outbox.changed', outboxCounts(db));
      if (result.electronic) deps.wakeEReceipts();
    }
    return {
      fees: dossierFeesOf(db, dossier.code, ctx.language()),
      receipt: result.receiptId === null ? null : receiptViewOf(db, result.receiptId),
    };
  };

  return {
    'fees.get': ({ code }) => dossierFeesOf(db, code, ctx.language()),
    'fees.record': ({ code, lines, payment }, call) => {
      const dossier = requireDossier(db, code);
      const procedure = getProcedure(db, dossier.procedureCode);
      if (!procedure) throw new StationError('PROCEDURE_UNKNOWN', { code: dossier.procedureCode }, 'procedureCode');
      const checked = checkFeeLines(procedure, lines);
      return commit(code, call, payment, (by, dossierId) => {
        const paying = payingReceiptOf(db, dossierId);
        if (paying !== undefined) {
          const r = receiptById(db, paying);
          throw new StationError('FEES_ALREADY_PAID', { code: dossier.code, receipt: r ? `${r.series} số ${formatReceiptNumber(r.number)}` : String(paying) });
        }
        replaceFeeLines(db, dossierId, checked, by);
      });
    },
    'fees.pay': ({ code, payment }, call) => commit(code, call, payment),
  };
}

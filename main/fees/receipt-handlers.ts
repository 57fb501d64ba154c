import { randomUUID } from 'node:crypto';
import type { Handlers } from '../contract/dispatch';
import { StationError } from '../core/errors';
import { formatReceiptNumber } from '../core/fees';
import { formatDateTime } from '../core/format';
import { toVietnamLocal, vietnamToday } from '../core/time';
import { vndInWords } from '../core/vnd-words';
import type { StationContext } from '../feature';
import { writeTransaction } from '../storage/database';
import { requireDossierId } from '../storage/dossier-store';
import { outboxCounts } from '../storage/outbox-store';
import { enqueueJob } from './ereceipt-jobs-store';
import { officerOf, receiptSummaryOf, receiptViewOf, requireReceipt } from './fee-views';
import { receiptIdByNumber, receiptItems, receiptsOfDay, receiptsOfDossier, voidReceipt } from './fees-store';
import { readFeesSettings } from './fees-settings';
import { queueFeesUpdate } from './payments';
import { checkNumberInRanges } from './receipt-books-store';
import type { ReceiptFormData } from './receipt-form';
import './messages'; // the texts of the errors thrown here

// Receipts once made: the day's list and a dossier's, one receipt by id or by the number on a
// sheet, voiding (the number stays, with the reason; the fees are due again; an e-receipt is
// cancelled at the provider after its issue), the PDF and printing.

export type ReceiptHandlerDeps = Readonly<{ wakeEReceipts: () => void }>;

type ReceiptChannel = 'receipts.list' | 'receipts.get' | 'receipts.void' | 'receipts.pdf' | 'receipts.print';

export function receiptHandlers(ctx: StationContext, deps: ReceiptHandlerDeps): Pick<Handlers, ReceiptChannel> {
  const { db } = ctx;

  const pdfOf = async (id: number) => {
    const r = requireReceipt(db, id);
    const { agency } = ctx.settings();
    const settings = readFeesSettings(db);
    const data: ReceiptFormData = {
      agency: { parentName: agency.parentName, name: agency.name, unitName: agency.unitName, placeName: agency.placeName },
      taxCode: settings.collectorTaxCode, formNumber: r.formNumber, series: r.series, number: r.number, kind: r.kind, copies: settings.receiptCopies,
      paper: settings.receiptPaper, payerName: r.payerName, payerAddress: r.payerAddress, dossierCode: r.dossierCode, procedureName: r.procedureName,
      items: receiptItems(db, id), amountVnd: r.amountVnd, amountInWords: vndInWords(r.amountVnd), method: r.method, transferRef: r.transferRef,
      issuedAt: r.issuedAt, officerName: r.officerName, void: r.void, lookupCode: r.lookupCode, demo: agency.demo,
    };
    // pdfmake and its fonts load on the first receipt, not at start-up.
    const { renderReceipt, receiptFileName } = await import('./receipt-form');
    return { pdf: await renderReceipt(data), fileName: receiptFileName(r.series, r.number) };
  };

  return {
    'receipts.list': ({ date, code, limit }) => {
      const rows = code !== undefined ? receiptsOfDossier(db, requireDossierId(db, code), limit) : receiptsOfDay(db, date ?? vietnamToday(ctx.now()), limit);
      return rows.map(receiptSummaryOf);
    },
    'receipts.get': (input) => {
      if ('id' in input) return receiptViewOf(db, input.id);
      const book = checkNumberInRanges(db, input.bookId, input.number);
      const id = receiptIdByNumber(db, book.id, input.number);
      if (id === undefined) throw new StationError('RECEIPT_NOT_FOUND', { id: `${book.series} số ${formatReceiptNumber(input.number)}` }, 'number');
      return receiptViewOf(db, id);
    },
    'receipts.void': ({ id, reason }, call) => {
      const officer = officerOf(call);
      const why = reason.normalize('NFC').trim();
      const moment = ctx.now();
      const at = moment.getTime();
      const r = writeTransaction(db, () => {
        const receipt = requireReceipt(db, id);
        if (receipt.void) {
          throw new StationError('RECEIPT_ALREADY_VOIDED', {
            series: receipt.series, number: formatReceiptNumber(receipt.number), at: formatDateTime(receipt.void.at), officer: receipt.void.officerName, reason: receipt.void.reason,
          });
        }
        if (why === '') throw new StationError('VOID_REASON_REQUIRED', {}, 'reason');
        voidReceipt(db, id, why, { at, local: toVietnamLocal(moment), officer });
        if (receipt.kind === 'electronic') enqueueJob(db, { receiptId: id, kind: 'cancel', idempotencyKey: randomUUID(), payload: { LyDo: why }, at });
        queueFeesUpdate(db, receipt.dossierId, at);
        return receipt;
      });
      ctx.events.emit('fees.changed', { code: r.dossierCode });
      ctx.events.emit('outbox.changed', outboxCounts(db));
      if (r.kind === 'electronic') deps.wakeEReceipts();
      return receiptViewOf(db, id);
    },
    'receipts.pdf': async ({ id }) => {
      const { pdf, fileName } = await pdfOf(id);
      return { fileName, base64: pdf.toString('base64') };
    },
    'receipts.print': async ({ id, printer }) => {
      const { pdf, fileName } = await pdfOf(id);
      try {
        // Through the print queue: written first, handed to the printer, followed until printed.
        const done = await ctx.printer.print({ pdf, title: fileName, printer, copies: 1, about: { kind: 'receipt', ref: String(id) } });
        return { printed: !done.waiting, printer: done.printer };
      } catch (e) {
        throw new StationError('RECEIPT_PRINT_FAILED', { reason: e instanceof Error ? e.message : String(e) });
      }
    },
  };
}

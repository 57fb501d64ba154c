import { z } from 'zod';
import { channel, none, withAccess, COUNTER, OFFICERS, READERS, RECEPTION, TECHNICIAN, type Role } from './channel';
import * as f from './fees-schemas';
import { localDate } from './schemas';

// The fees feature's channels (main/fees): fees and exemptions on a dossier, payment and its
// receipt, voiding, the day's cash summary (screen, PDF, XLSX), receipt books for the
// technician, the e-receipt provider's queue.

const dossierCode = z.string().min(1).max(60);
const receiptId = z.number().int().min(1);
const file = z.object({ fileName: z.string(), base64: z.string() });
/** Voiding is the counter's correction, and the leader's. */
const VOIDERS: readonly Role[] = ['reception', 'leader'];

export const feesChannels = withAccess({
  'fees.get': channel(z.object({ code: dossierCode }).strict(), f.dossierFees, "A dossier's fees and charges: lines, exemptions, amounts due and paid, receipts"),
  'fees.record': channel(
    z.object({ code: dossierCode, lines: z.array(f.feeLineInput).max(20), payment: f.paymentInput.optional() }).strict(),
    f.feesAnswer,
    'Set the fees of a dossier (with exemptions); with `payment`, take the money now and make the receipt in the same transaction',
  ),
  'fees.pay': channel(
    z.object({ code: dossierCode, payment: f.paymentInput }).strict(),
    f.feesAnswer,
    'Take payment of what a dossier still owes: the next receipt number, the receipt, the portal update, in one transaction',
  ),
  'fees.settings': channel(none, f.feesSettingsView, "The collector's tax code, receipt paper and copies, the e-receipt provider"),
  'fees.configure': channel(f.feesSettingsInput, f.feesSettingsView, 'Change the receipt settings or the e-receipt provider (its key is sealed)'),
  'fees.cashSummary': channel(z.object({ date: localDate.optional() }).strict(), f.cashSummary, "The day's takings per officer and per fee, voided receipts apart"),
  'fees.cashSummaryPdf': channel(z.object({ date: localDate.optional() }).strict(), file, "The day's cash summary as a PDF to print and sign"),
  'fees.cashSummaryXlsx': channel(z.object({ date: localDate.optional() }).strict(), file, "The day's cash summary as an Excel workbook"),
  'receipts.list': channel(
    z.object({ date: localDate.optional(), code: dossierCode.optional(), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    z.array(f.receiptSummary),
    "Receipts of a day (today by default) or of a dossier, newest first",
  ),
  'receipts.get': channel(
    z.union([z.object({ id: receiptId }).strict(), z.object({ bookId: z.number().int().min(1), number: z.number().int().min(1) }).strict()]),
    f.receiptView,
    'One receipt, by id or by its book and number',
  ),
  'receipts.void': channel(
    z.object({ id: receiptId, reason: z.string().trim().max(300) }).strict(),
    f.receiptView,
    'Void a receipt: it keeps its number, the reason is kept, its fees are due again',
  ),
  'receipts.pdf': channel(z.object({ id: receiptId }).strict(), file, 'The receipt as a PDF, one page per copy (Liên 1, 2, …)'),
  'receipts.print': channel(z.object({ id: receiptId, printer: z.string().max(200).optional() }).strict(), z.object({ printed: z.boolean(), printer: z.string() }), 'Print the receipt'),
  'receiptBooks.list': channel(none, z.array(f.receiptBookView), "This station's receipt books, their ranges and the numbers left"),
  'receiptBooks.assign': channel(f.receiptRangeInput, z.array(f.receiptBookView), 'Give this station a range of numbers of a receipt book (the book is declared with its first range)'),
  'ereceipt.status': channel(none, f.ereceiptStatus, 'E-receipts waiting for the provider or refused by it'),
  'ereceipt.retry': channel(none, f.ereceiptStatus, 'Send again the e-receipts the provider refused, and everything waiting, now'),
  'ereceipt.test': channel(none, z.object({ ok: z.boolean(), message: z.string() }), 'Try the e-receipt provider with the settings in force'),
}, {
  'fees.get': READERS,
  'fees.record': RECEPTION,
  'fees.pay': RECEPTION,
  'fees.settings': OFFICERS,
  'fees.configure': TECHNICIAN,
  'fees.cashSummary': READERS,
  'fees.cashSummaryPdf': READERS,
  'fees.cashSummaryXlsx': READERS,
  'receipts.list': READERS,
  'receipts.get': READERS,
  'receipts.void': VOIDERS,
  'receipts.pdf': READERS,
  'receipts.print': RECEPTION,
  'receiptBooks.list': OFFICERS,
  'receiptBooks.assign': TECHNICIAN,
  'ereceipt.status': OFFICERS,
  'ereceipt.retry': COUNTER,
  'ereceipt.test': TECHNICIAN,
});

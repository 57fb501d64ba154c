import { z } from 'zod';
import { EXEMPTION_REASONS, MAX_RECEIPT_NUMBER, PAYMENT_METHODS } from '../core/fees';
import { localDate, localDateTime } from './schemas';

// Shapes of the fees channels (main/contract/fees-channels.ts): fee lines of a dossier, payments,
// receipts, receipt books, the day's cash summary, the fee settings. Reasons and emptiness are
// checked by the feature (typed errors naming the fee); here only types and lengths.

const text = (max: number) => z.string().trim().max(max);
const vnd = z.number().int().min(0).max(100_000_000_000);
const receiptNumber = z.number().int().min(1).max(MAX_RECEIPT_NUMBER);

export const paymentMethod = z.enum(PAYMENT_METHODS);
export const receiptKind = z.enum(['paper', 'electronic']);

/** A fee the officer puts on the dossier: a fee of the procedure's catalogue, how many, any exemption. */
export const feeLineInput = z.object({
  feeName: z.string().trim().min(1).max(200),
  quantity: z.number().int().min(1).max(1000).default(1),
  /** Only where the catalogue leaves the amount to the province (0 in the catalogue). */
  unitAmountVnd: vnd.optional(),
  exemption: z.object({
    reason: text(40),
    percent: z.number().int().min(1).max(100).default(100),
    detail: text(300).default(''),
  }).strict().nullable().default(null),
}).strict();

/** Money taken at the counter: one receipt for everything still due. */
export const paymentInput = z.object({
  /** Minted when the payment form opens: sending it twice makes one receipt. */
  paymentKey: z.uuid(),
  method: paymentMethod,
  /** What the officer took; must equal the amount due. */
  amountVnd: vnd,
  /** The owner unless someone else pays. */
  payerName: text(100).optional(),
  payerAddress: text(300).optional(),
  /** The bank's reference of a transfer or QR payment. */
  transferRef: text(60).optional(),
  /** Which book to use; the oldest with numbers left otherwise. */
  bookId: z.number().int().min(1).optional(),
  /** The number printed on the paper sheet in the officer's hand: checked to be the next one. */
  number: receiptNumber.optional(),
}).strict();

export const exemptionView = z.object({
  reason: z.enum(EXEMPTION_REASONS),
  reasonName: z.string(),
  percent: z.number().int(),
  detail: z.string(),
});

export const feeLineView = z.object({
  position: z.number().int(),
  feeName: z.string(),
  note: z.string(),
  unitAmountVnd: z.number().int(),
  quantity: z.number().int(),
  grossVnd: z.number().int(),
  exemption: exemptionView.nullable(),
  exemptVnd: z.number().int(),
  dueVnd: z.number().int(),
  status: z.enum(['exempt', 'unpaid', 'paid']),
  receiptId: z.number().int().nullable(),
});

export const electronicState = z.object({
  state: z.enum(['waiting', 'issued', 'rejected', 'cancel_waiting', 'cancelled']),
  lookupCode: z.string().nullable(),
  lastError: z.string().nullable(),
});

export const receiptSummary = z.object({
  id: z.number().int(),
  bookId: z.number().int(),
  formNumber: z.string(),
  series: z.string(),
  kind: receiptKind,
  number: z.number().int(),
  /** Seven digits, as printed: "0000123". */
  numberText: z.string(),
  dossierCode: z.string(),
  payerName: z.string(),
  amountVnd: z.number().int(),
  method: paymentMethod,
  issuedAt: localDateTime,
  officerId: z.string(),
  officerName: z.string(),
  voided: z.boolean(),
  electronic: electronicState.nullable(),
});

export const receiptView = receiptSummary.extend({
  payerAddress: z.string(),
  procedureName: z.string(),
  amountInWords: z.string(),
  transferRef: z.string(),
  items: z.array(z.object({
    feeName: z.string(), quantity: z.number().int(), unitAmountVnd: z.number().int(), grossVnd: z.number().int(),
    exemptVnd: z.number().int(), amountVnd: z.number().int(),
    /** The grounds of its exemption, as printed; empty without one. */
    exemption: z.string(),
  })),
  void: z.object({ at: localDateTime, reason: z.string(), officerId: z.string(), officerName: z.string() }).nullable(),
});

export const dossierFees = z.object({
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  /** The procedure's fees in the catalogue: what the form offers. `fixed`: the amount cannot be changed. */
  catalogueFees: z.array(z.object({ name: z.string(), amountVnd: z.number().int(), note: z.string(), fixed: z.boolean() })),
  lines: z.array(feeLineView),
  totals: z.object({
    grossVnd: z.number().int(), exemptVnd: z.number().int(), dueVnd: z.number().int(), paidVnd: z.number().int(), outstandingVnd: z.number().int(),
  }),
  recorded: z.object({ at: localDateTime, officerId: z.string(), officerName: z.string() }).nullable(),
  receipts: z.array(receiptSummary),
});

/** What recording or paying answers: the dossier's fees and the receipt just made, if any. */
export const feesAnswer = z.object({ fees: dossierFees, receipt: receiptView.nullable() });

export const receiptRangeView = z.object({
  id: z.number().int(),
  first: z.number().int(),
  last: z.number().int(),
  next: z.number().int(),
  left: z.number().int(),
  assignedAt: localDateTime,
  assignedBy: z.string(),
  note: z.string(),
});

export const receiptBookView = z.object({
  id: z.number().int(),
  formNumber: z.string(),
  series: z.string(),
  kind: receiptKind,
  ranges: z.array(receiptRangeView),
  left: z.number().int(),
  /** The number the next receipt of this book takes; null when the book is used up. */
  nextNumber: z.number().int().nullable(),
  issued: z.number().int(),
  voided: z.number().int(),
});

export const receiptRangeInput = z.object({
  formNumber: z.string().trim().min(1).max(20),
  series: z.string().trim().min(1).max(20),
  kind: receiptKind.default('paper'),
  first: z.number().int(),
  last: z.number().int(),
  note: text(200).default(''),
}).strict();

export const cashSummary = z.object({
  date: localDate,
  officers: z.array(z.object({
    officerId: z.string(), officerName: z.string(), receipts: z.number().int(),
    cashVnd: z.number().int(), transferVnd: z.number().int(), qrVnd: z.number().int(), totalVnd: z.number().int(),
  })),
  fees: z.array(z.object({ feeName: z.string(), quantity: z.number().int(), receipts: z.number().int(), amountVnd: z.number().int() })),
  /** Receipts issued that day and voided since: their numbers are accounted for, their money is not. */
  voided: z.array(z.object({
    id: z.number().int(), series: z.string(), numberText: z.string(), amountVnd: z.number().int(), officerName: z.string(), reason: z.string(), voidedAt: localDateTime,
  })),
  totals: z.object({
    receipts: z.number().int(), cashVnd: z.number().int(), transferVnd: z.number().int(), qrVnd: z.number().int(), totalVnd: z.number().int(), voided: z.number().int(),
  }),
});

export const feesSettingsView = z.object({
  /** Mã số thuế of the collecting agency, printed on receipts and sent with e-receipts. */
  collectorTaxCode: z.string(),
  receiptPaper: z.enum(['A4', 'A5']),
  /** One label per printed copy: "Lưu", "Giao cho người nộp tiền" → "Liên 1: Lưu", … */
  receiptCopies: z.array(z.string()),
  ereceipt: z.object({ url: z.string(), configured: z.boolean() }),
});

export const feesSettingsInput = z.object({
  collectorTaxCode: z.string().trim().regex(/^(\d{10}|\d{10}-\d{3}|)$/, 'mã số thuế gồm 10 chữ số (hoặc 10 chữ số, dấu - và 3 chữ số)').optional(),
  receiptPaper: z.enum(['A4', 'A5']).optional(),
  receiptCopies: z.array(z.string().trim().min(1).max(60)).min(1).max(3).optional(),
  ereceipt: z.object({
    url: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
    /** Sealed before it is stored; absent keeps the key already stored. */
    apiKey: z.string().min(1).max(500).optional(),
  }).strict().optional(),
}).strict();

export const ereceiptStatus = z.object({
  configured: z.boolean(),
  pending: z.number().int(),
  rejected: z.number().int(),
  /** The provider's last answer as the officer reads it. */
  message: z.string().nullable(),
  online: z.boolean().nullable(),
});

export type FeeLineInputWire = z.output<typeof feeLineInput>;
export type PaymentInputWire = z.output<typeof paymentInput>;
export type DossierFeesView = z.infer<typeof dossierFees>;
export type ReceiptViewWire = z.infer<typeof receiptView>;
export type ReceiptSummaryWire = z.infer<typeof receiptSummary>;
export type ReceiptBookViewWire = z.infer<typeof receiptBookView>;
export type CashSummaryWire = z.infer<typeof cashSummary>;

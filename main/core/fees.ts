// Fees and charges (phí, lệ phí) on a dossier: what each line costs, what an exemption takes off,
// what is left to pay. Pure, so the intake form shows the same amount due the station records.
// The words a person reads for these codes are here too (Vietnamese and English), beside the codes.

import type { Language } from './messages';

/**
 * Why a fee is waived or reduced. The law grants exemptions to, among others, people of families
 * with services to the revolution, poor households, people with disabilities and births
 * registered on time (Luật Hộ tịch art. 11; Thông tư 85/2019/TT-BTC); `other` needs its
 * grounds written out.
 */
export const EXEMPTION_REASONS = [
  'policy_family',
  'poor_household',
  'disability',
  'on_time_birth_registration',
  'hardship_area',
  'other',
] as const;
export type ExemptionReason = (typeof EXEMPTION_REASONS)[number];

export const exemptionReasonNames: Readonly<Record<ExemptionReason, Readonly<Record<Language, string>>>> = {
  policy_family: { vi: 'Người thuộc gia đình có công với cách mạng', en: 'Family with services to the revolution' },
  poor_household: { vi: 'Người thuộc hộ nghèo', en: 'Poor household' },
  disability: { vi: 'Người khuyết tật', en: 'Person with a disability' },
  on_time_birth_registration: { vi: 'Đăng ký khai sinh đúng hạn', en: 'Birth registered on time' },
  hardship_area: {
    vi: 'Người dân tộc thiểu số ở xã có điều kiện kinh tế – xã hội đặc biệt khó khăn',
    en: 'Ethnic minority in a commune of special hardship',
  },
  other: { vi: 'Lý do khác', en: 'Other grounds' },
};

export function isExemptionReason(x: string): x is ExemptionReason {
  return (EXEMPTION_REASONS as readonly string[]).includes(x);
}

export const PAYMENT_METHODS = ['cash', 'transfer', 'qr'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const paymentMethodNames: Readonly<Record<PaymentMethod, Readonly<Record<Language, string>>>> = {
  cash: { vi: 'Tiền mặt', en: 'Cash' },
  transfer: { vi: 'Chuyển khoản', en: 'Bank transfer' },
  qr: { vi: 'Quét mã QR', en: 'QR payment' },
};

export type Exemption = Readonly<{ reason: ExemptionReason; /** 1–100: 100 waives the fee, less reduces it. */ percent: number; detail: string }>;

/** A fee of the dossier as the officer sets it: the catalogue's fee, how many, the exemption. */
export type FeeLineInput = Readonly<{ feeName: string; unitAmountVnd: number; quantity: number; exemption: Exemption | null }>;

export type FeeLineAmounts = Readonly<{ grossVnd: number; exemptVnd: number; dueVnd: number }>;

/**
 * What one line costs: unit × quantity, less the exemption. A reduction is rounded to the đồng
 * in the payer's favour (a 50 % reduction of 5,001 đ leaves 2,500 đ to pay).
 */
export function feeLineAmounts(line: Pick<FeeLineInput, 'unitAmountVnd' | 'quantity' | 'exemption'>): FeeLineAmounts {
  const grossVnd = line.unitAmountVnd * line.quantity;
  const percent = line.exemption?.percent ?? 0;
  const exemptVnd = percent >= 100 ? grossVnd : Math.ceil((grossVnd * percent) / 100);
  return { grossVnd, exemptVnd, dueVnd: grossVnd - exemptVnd };
}

export type FeeTotals = Readonly<{ grossVnd: number; exemptVnd: number; dueVnd: number }>;

export function feeTotals(lines: ReadonlyArray<FeeLineAmounts>): FeeTotals {
  return lines.reduce<FeeTotals>(
    (t, l) => ({ grossVnd: t.grossVnd + l.grossVnd, exemptVnd: t.exemptVnd + l.exemptVnd, dueVnd: t.dueVnd + l.dueVnd }),
    { grossVnd: 0, exemptVnd: 0, dueVnd: 0 },
  );
}

/** Receipt numbers have seven digits: 123 → "0000123". */
export const RECEIPT_NUMBER_DIGITS = 7;
export const MAX_RECEIPT_NUMBER = 9_999_999;

export function formatReceiptNumber(n: number): string {
  return String(n).padStart(RECEIPT_NUMBER_DIGITS, '0');
}

/** "Phí chứng thực…" is a fee (phí, 1), "Lệ phí đăng ký…" a charge (lệ phí, 2): the portal counts them apart. */
export function feeKindOf(name: string): 1 | 2 {
  return /^\s*lệ\s*phí/iu.test(name.normalize('NFC')) ? 2 : 1;
}

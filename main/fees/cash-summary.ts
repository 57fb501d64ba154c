import type { CashSummaryWire } from '../contract/fees-schemas';
import { formatReceiptNumber } from '../core/fees';
import type { LocalDate } from '../core/model';
import type { Db } from '../storage/database';
import { feeTotalsOfDay, officerTotals, voidedOfDay } from './fees-store';

// The day's takings (bảng kê thu phí, lệ phí trong ngày): per officer by payment method, per
// fee, and the receipts of the day that were voided (their numbers are accounted for, their
// money is not). A receipt counts on the day it was issued.

const byName = (a: string, b: string) => a.localeCompare(b, 'vi');

export function cashSummaryOf(db: Db, date: LocalDate): CashSummaryWire {
  const officers = officerTotals(db, date).sort((a, b) => byName(a.officerName, b.officerName) || byName(a.officerId, b.officerId));
  const fees = feeTotalsOfDay(db, date).sort((a, b) => b.amountVnd - a.amountVnd || byName(a.feeName, b.feeName));
  const voided = voidedOfDay(db, date).map((v) => ({
    id: v.id, series: v.series, numberText: formatReceiptNumber(v.number), amountVnd: v.amountVnd, officerName: v.officerName, reason: v.reason, voidedAt: v.voidedAt,
  }));
  const sum = (pick: (o: (typeof officers)[number]) => number) => officers.reduce((a, o) => a + pick(o), 0);
  return {
    date,
    officers,
    fees,
    voided,
    totals: {
      receipts: sum((o) => o.receipts), cashVnd: sum((o) => o.cashVnd), transferVnd: sum((o) => o.transferVnd), qrVnd: sum((o) => o.qrVnd),
      totalVnd: sum((o) => o.totalVnd), voided: voided.length,
    },
  };
}

export function cashSummaryFileName(date: LocalDate, ext: 'pdf' | 'xlsx'): string {
  return `bang-ke-thu-phi-${date}.${ext}`;
}

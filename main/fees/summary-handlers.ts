import type { Handlers } from '../contract/dispatch';
import { toVietnamLocal, vietnamToday } from '../core/time';
import type { StationContext } from '../feature';
import { cashSummaryFileName, cashSummaryOf } from './cash-summary';
import { officerOf, receiptSummaryOf } from './fee-views';
import { receiptsOfDay } from './fees-store';

// The day's cash summary: on screen, as a PDF to sign when the cash is handed over, as a
// workbook for the accountant.

/** More receipts than a counter makes in a day; the workbook lists them all. */
const DAY_LIMIT = 100_000;

export function summaryHandlers(ctx: StationContext): Pick<Handlers, 'fees.cashSummary' | 'fees.cashSummaryPdf' | 'fees.cashSummaryXlsx'> {
  const { db } = ctx;
  const dayOf = (date: string | undefined) => date ?? vietnamToday(ctx.now());
  return {
    'fees.cashSummary': ({ date }) => cashSummaryOf(db, dayOf(date)),
    'fees.cashSummaryPdf': async ({ date }, call) => {
      const officer = officerOf(call);
      const day = dayOf(date);
      const { agency } = ctx.settings();
      const { renderCashSummary } = await import('./cash-summary-form');
      const pdf = await renderCashSummary({
        agency: { parentName: agency.parentName, name: agency.name, unitName: agency.unitName, placeName: agency.placeName },
        summary: cashSummaryOf(db, day), printedAt: toVietnamLocal(ctx.now()), preparedBy: officer.name, demo: agency.demo,
      });
      return { fileName: cashSummaryFileName(day, 'pdf'), base64: pdf.toString('base64') };
    },
    'fees.cashSummaryXlsx': async ({ date }) => {
      const day = dayOf(date);
      const records = receiptsOfDay(db, day, DAY_LIMIT);
      const { cashSummaryWorkbook } = await import('./cash-summary-xlsx');
      const xlsx = await cashSummaryWorkbook({
        agencyName: ctx.settings().agency.name, summary: cashSummaryOf(db, day), receipts: records.map(receiptSummaryOf),
        voidReasons: new Map(records.filter((r) => r.void).map((r) => [r.id, r.void!.reason])),
      });
      return { fileName: cashSummaryFileName(day, 'xlsx'), base64: xlsx.toString('base64') };
    },
  };
}

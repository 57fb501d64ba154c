import type { Handlers } from '../contract/dispatch';
import { StationError } from '../core/errors';
import type { StationContext } from '../feature';
import { slipDataOf, slipFileName } from '../forms/receipt-slip-data';
import { requireDossier } from '../storage/dossier-store';
import './messages'; // the texts of the errors thrown here

// The appointment slip (Mẫu 01) of a saved dossier: previewed as a PDF, printed on a printer
// the host offers.

export function slipHandlers(ctx: StationContext): Pick<Handlers, 'slip.pdf' | 'printers.list' | 'slip.print'> {
  const slipPdf = async (code: string, paper?: 'A4' | 'A5', copies?: 1 | 2) => {
    const dossier = requireDossier(ctx.db, code);
    const { agency, station } = ctx.settings();
    // pdfmake and its fonts load on the first slip, not at start-up (about 0.1 s).
    const { renderReceiptSlip } = await import('../forms/receipt-slip');
    const pdf = await renderReceiptSlip(slipDataOf(dossier, agency, station), { paper: paper ?? station.slipPaper, copies: copies ?? station.slipCopies });
    return { pdf, fileName: slipFileName(dossier.code) };
  };
  return {
    'slip.pdf': async ({ code, paper, copies }) => {
      const { pdf, fileName } = await slipPdf(code, paper, copies);
      return { fileName, base64: pdf.toString('base64') };
    },
    'printers.list': () => ctx.printer.list(),
    'slip.print': async ({ code, printer: name, paper, copies }) => {
      const { pdf, fileName } = await slipPdf(code, paper, copies);
      try {
        // Through the print queue: written first, handed to the printer, followed until printed.
        const done = await ctx.printer.print({ pdf, title: fileName, printer: name, copies: 1, about: { kind: 'slip', dossierCode: code } });
        return { printed: !done.waiting, printer: done.printer };
      } catch (e) {
        throw new StationError('PRINT_FAILED', { reason: e instanceof Error ? e.message : String(e) });
      }
    },
  };
}

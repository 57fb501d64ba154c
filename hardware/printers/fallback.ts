import type { Handed, PdfPrinter, PrintJob } from './printer';

// Silent PDF printing has regressed across Electron versions (docs/hardware.md). When the
// silent print fails, the job still gets printed, in this order:
//   1. through the OS spooler (`lp` on Linux: CUPS prints the PDF itself, no Chromium involved);
//   2. the PDF shown in a window with the print dialog, for the officer to print by hand.
// The print queue sees one printer: what it is told is what happened.

export type AttemptResult = Readonly<{ ok: true } | { ok: false; reason: string }>;

export type FallbackChain = Readonly<{
  list: PdfPrinter['list'];
  /** webContents.print({ silent: true }) of the PDF. */
  silent: (job: PrintJob) => Promise<AttemptResult>;
  /** The OS spooler where there is one (cupsPrinter on Linux); none elsewhere. */
  os?: PdfPrinter | undefined;
  /** The PDF in a visible window with the print dialog; ok when the officer printed it. */
  dialog: (job: PrintJob) => Promise<AttemptResult>;
  /** Told when the silent print fails (logged: it is the regression the fallback is for). */
  onRegression?: (reason: string) => void;
}>;

export function printerWithFallback(chain: FallbackChain): PdfPrinter {
  return {
    list: chain.list,
    async print(job): Promise<Handed> {
      const silent = await chain.silent(job).catch((e: unknown): AttemptResult => ({ ok: false, reason: e instanceof Error ? e.message : String(e) }));
      if (silent.ok) return { printer: job.printer ?? '' };
      chain.onRegression?.(silent.reason);
      let osReason = '';
      if (chain.os) {
        try {
          // No job id passed on: without a spooler of its own the queue takes the hand-off as final.
          const handed = await chain.os.print(job);
          return { printer: handed.printer };
        } catch (e) {
          osReason = e instanceof Error ? e.message : String(e);
        }
      }
      const shown = await chain.dialog(job);
      if (shown.ok) return { printer: job.printer ?? '' };
      const reasons = [silent.reason, osReason, shown.reason].filter(Boolean).join('; ');
      throw new Error(`${reasons}. Đã mở tệp PDF trong cửa sổ in: in bằng tay nếu cần`);
    },
  };
}

import { BrowserWindow } from 'electron';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cupsPrinter } from '../../../hardware/printers/cups';
import { printerWithFallback, type AttemptResult } from '../../../hardware/printers/fallback';
import type { PdfPrinter, PrintJob } from '../../../hardware/printers/printer';
import { guardWindow, lockedPreferences } from './window-guards';

// Silent PDF printing has regressed across Electron versions (docs/hardware.md): Electron is pinned
// in package.json, and when the silent print fails the job goes through the OS instead — `lp` on
// Linux (CUPS prints the PDF itself), else the PDF shown in a window with the print dialog so the
// officer can still print it by hand (hardware/printers/fallback.ts).
export function electronPrinter(window: () => BrowserWindow | undefined): PdfPrinter {
  const pdfFile = (job: PrintJob) => {
    const dir = mkdtempSync(join(tmpdir(), 'station-slip-'));
    const file = join(dir, job.title.replace(/[\\/:*?"<>|]+/g, '_'));
    writeFileSync(file, job.pdf);
    return file;
  };
  const printIn = async (job: PrintJob, silent: boolean): Promise<AttemptResult> => {
    const viewer = guardWindow(new BrowserWindow({ show: !silent, webPreferences: lockedPreferences({ plugins: true }) }));
    try {
      await viewer.loadFile(pdfFile(job));
      return await new Promise<AttemptResult>((resolve) =>
        viewer.webContents.print(
          { silent, deviceName: job.printer ?? '', copies: job.copies, printBackground: true },
          (ok, reason) => resolve(ok ? { ok: true } : { ok: false, reason: reason || 'in không thành công' }),
        ),
      );
    } finally {
      viewer.destroy();
    }
  };
  const hasLp = process.platform === 'linux' && ['/usr/bin/lp', '/bin/lp'].some((p) => existsSync(p));
  return printerWithFallback({
    async list() {
      const win = window();
      if (!win) return [];
      const printers = await win.webContents.getPrintersAsync();
      // The default printer is flagged in the CUPS/Windows options, not as a field of its own.
      const isDefault = (options: unknown) => (options as Record<string, string> | undefined)?.['printer-is-default'] === 'true';
      return printers.map((p) => ({ name: p.name, displayName: p.displayName || p.name, isDefault: isDefault(p.options) }));
    },
    silent: (job) => printIn(job, true),
    os: hasLp ? cupsPrinter() : undefined,
    dialog: (job) => printIn(job, false),
    onRegression: (reason) => console.warn(`[printing] silent print failed (${reason}); printing through the OS instead`),
  });
}

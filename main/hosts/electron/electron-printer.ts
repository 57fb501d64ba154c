import { BrowserWindow, shell } from 'electron';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PdfPrinter } from '../../../hardware/printers/printer';
import { guardWindow, lockedPreferences } from './window-guards';

// Silent PDF printing has regressed across Electron versions (docs/hardware.md): Electron is pinned
// in package.json, and when the silent print fails the PDF opens in the system viewer so the
// officer can still print it by hand.
export function electronPrinter(window: () => BrowserWindow | undefined): PdfPrinter {
  return {
    async list() {
      const win = window();
      if (!win) return [];
      const printers = await win.webContents.getPrintersAsync();
      // The default printer is flagged in the CUPS/Windows options, not as a field of its own.
      const isDefault = (options: unknown) => (options as Record<string, string> | undefined)?.['printer-is-default'] === 'true';
      return printers.map((p) => ({ name: p.name, displayName: p.displayName || p.name, isDefault: isDefault(p.options) }));
    },
    async print(job) {
      const dir = mkdtempSync(join(tmpdir(), 'station-slip-'));
      const file = join(dir, job.title);
      writeFileSync(file, job.pdf);
      const viewer = guardWindow(new BrowserWindow({ show: false, webPreferences: lockedPreferences({ plugins: true }) }));
      try {
        await viewer.loadFile(file);
        const printed = await new Promise<{ ok: boolean; reason: string }>((resolve) =>
          viewer.webContents.print(
            { silent: true, deviceName: job.printer ?? '', copies: job.copies, printBackground: true },
            (ok, reason) => resolve({ ok, reason }),
          ),
        );
        if (!printed.ok) {
          await shell.openPath(file);
          throw new Error(`${printed.reason}; đã mở tệp PDF để in thủ công`);
        }
        return { printer: job.printer ?? '' };
      } finally {
        viewer.destroy();
      }
    },
  };
}

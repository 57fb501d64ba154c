import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { cupsPrinter } from '../../../hardware/printers/cups';
import { printerWithFallback, type AttemptResult } from '../../../hardware/printers/fallback';
import type { PrintJob } from '../../../hardware/printers/printer';
import { cupsRigUnavailable, startCupsRig, until, type CupsRig } from './cups-rig';

// Electron's silent PDF print regresses now and then: the desktop host's printer then prints
// through the OS spooler (lp, here a real CUPS with a cups-pdf queue), and failing that shows the
// PDF with the print dialog. The silent print and the dialog are Electron's (not runnable here):
// they are stand-ins that answer as Electron's callback does.

const blankPdf = async () => {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  return Buffer.from(await doc.save());
};

describe.skipIf(cupsRigUnavailable() !== null)('the desktop printer when the silent print fails', () => {
  let rig: CupsRig;
  beforeAll(async () => { rig = await startCupsRig(); }, 60_000);
  afterAll(async () => rig?.stop());

  const chain = (silent: AttemptResult, dialog: AttemptResult) => {
    const calls: string[] = [];
    const printer = printerWithFallback({
      list: async () => [],
      silent: async () => { calls.push('silent'); return silent; },
      os: cupsPrinter({ env: rig.env }),
      dialog: async () => { calls.push('dialog'); return dialog; },
      onRegression: (reason) => calls.push(`regression: ${reason}`),
    });
    return { printer, calls };
  };

  it('a silent print that works is the only one', async () => {
    const { printer, calls } = chain({ ok: true }, { ok: true });
    const job: PrintJob = { pdf: await blankPdf(), title: 'a.pdf', printer: rig.queue, copies: 1 };
    expect(await printer.print(job)).toEqual({ printer: rig.queue });
    expect(calls).toEqual(['silent']);
    expect(rig.outputs()).toEqual([]);
  });

  it('a failed silent print goes through lp: one page comes out of the queue, no dialog', async () => {
    const { printer, calls } = chain({ ok: false, reason: 'Print job failed' }, { ok: true });
    expect(await printer.print({ pdf: await blankPdf(), title: 'b.pdf', printer: rig.queue, copies: 1 })).toEqual({ printer: rig.queue });
    expect(calls).toEqual(['silent', 'regression: Print job failed']);
    await until(() => (rig.outputs().length === 1 ? true : undefined), 'the page from lp');
  }, 60_000);

  it('when lp refuses too, the PDF is shown with the print dialog; if the officer does not print, the reasons are told', async () => {
    await rig.admin('cupsreject', rig.queue);
    try {
      const shown = chain({ ok: false, reason: 'Print job failed' }, { ok: true });
      expect(await shown.printer.print({ pdf: await blankPdf(), title: 'c.pdf', printer: rig.queue, copies: 1 })).toEqual({ printer: rig.queue });
      expect(shown.calls).toEqual(['silent', 'regression: Print job failed', 'dialog']);

      const dismissed = chain({ ok: false, reason: 'Print job failed' }, { ok: false, reason: 'cancelled' });
      await expect(dismissed.printer.print({ pdf: await blankPdf(), title: 'd.pdf', printer: rig.queue, copies: 1 }))
        .rejects.toThrow(/Print job failed; .*not accepting jobs.*; cancelled\. Đã mở tệp PDF trong cửa sổ in/);
    } finally {
      await rig.admin('cupsaccept', rig.queue);
    }
    expect(rig.outputs()).toHaveLength(1);
  }, 60_000);
});

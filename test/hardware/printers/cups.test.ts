import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { cupsPrinter, lpRefusal, parsePrinterStates } from '../../../hardware/printers/cups';
import { cupsServerOf, decodeResponse, encodeRequest, GET_JOBS, IPP_TAGS } from '../../../hardware/printers/ipp';
import { PrintRefused, type PdfPrinter } from '../../../hardware/printers/printer';
import { cupsRigUnavailable, startCupsRig, until, type CupsRig } from './cups-rig';
import { grayPage, inkShare, meanDifference, pageCount } from './pictures';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The CUPS backend against a real scheduler (a private cupsd with a cups-pdf queue): lp takes the
// job under the name given, the spooler reports it by IPP with its state, a paused queue holds it,
// a refusing queue, an unknown printer and a stopped scheduler are refusals of their own.

async function testPdf(text: string, pages = 1): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`${text} ${i + 1}`, { x: 60, y: 700, size: 40, font });
    page.drawRectangle({ x: 60, y: 300, width: 300 + i * 100, height: 200 });
  }
  return Buffer.from(await doc.save());
}

const unavailable = cupsRigUnavailable();

describe.skipIf(unavailable !== null)('printing through a real CUPS scheduler', () => {
  let rig: CupsRig;
  let printer: PdfPrinter;
  beforeAll(async () => {
    rig = await startCupsRig();
    printer = cupsPrinter({ env: rig.env });
  }, 60_000);
  afterAll(async () => rig?.stop());

  const spooledNamed = async (name: string) => (await printer.spooler!.jobs()).find((j) => j.name === name);

  it('hands the PDF to the queue under the name given; the spooler reports it completed and the page comes out as sent', async () => {
    expect(await printer.list()).toEqual([{ name: rig.queue, displayName: rig.queue.replace(/_/g, ' '), isDefault: true }]);
    const pdf = await testPdf('GIAY HEN');
    const handed = await printer.print({ pdf, title: 'giay-hen.pdf', copies: 1, jobName: 'giay-hen.pdf [k1-1]' });
    expect(handed).toEqual({ printer: rig.queue, jobId: expect.stringMatching(new RegExp(`^${rig.queue}-\\d+$`)) });

    const done = await until(async () => { const j = await spooledNamed('giay-hen.pdf [k1-1]'); return j?.state === 'completed' ? j : undefined; }, 'the job to complete');
    expect(done).toMatchObject({ id: handed.jobId, printer: rig.queue });
    const [out, ...more] = rig.outputs();
    expect(more).toEqual([]);
    expect(pageCount(out!)).toBe(1);
    const sent = join(rig.dir, 'sent.pdf');
    writeFileSync(sent, pdf);
    // The same page: cups-pdf re-renders it, so the pictures agree closely, not bit for bit.
    const a = grayPage(sent);
    const b = grayPage(out!);
    expect(inkShare(b)).toBeGreaterThan(0.005);
    expect(meanDifference(a, b)).toBeLessThan(0.5);
    expect(Math.abs(inkShare(a) - inkShare(b))).toBeLessThan(0.01);
    // …and a page with other text would not pass for it.
    const other = join(rig.dir, 'other.pdf');
    writeFileSync(other, await testPdf('KHAC HAN'));
    expect(meanDifference(grayPage(other), b)).toBeGreaterThan(1);
  }, 60_000);

  it('a paused queue holds the job; a refusing queue and an unknown printer refuse it, saying so', async () => {
    await rig.admin('cupsdisable', '-r', 'hết giấy', rig.queue);
    const held = await printer.print({ pdf: await testPdf('HELD'), title: 'held.pdf', copies: 1, jobName: 'held.pdf [k2-1]' });
    expect((await spooledNamed('held.pdf [k2-1]'))?.state).toBe('pending');
    expect(await printer.spooler!.printers()).toEqual([{ name: rig.queue, enabled: false, accepting: true, message: 'hết giấy' }]);

    await rig.admin('cupsreject', rig.queue);
    const refused = await printer.print({ pdf: await testPdf('NO'), title: 'no.pdf', copies: 1 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PrintRefused);
    expect(refused).toMatchObject({ reason: 'not_accepting' });
    expect((await printer.spooler!.printers())[0]).toMatchObject({ accepting: false });

    const unknown = await printer.print({ pdf: await testPdf('NO'), title: 'no.pdf', printer: 'Khong_Co', copies: 1 }).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ reason: 'no_printer' });

    // Taken back at the spooler: it never prints, and the spooler says it was cancelled.
    expect(await printer.spooler!.cancel(held.jobId!)).toBe(true);
    expect((await spooledNamed('held.pdf [k2-1]'))?.state).toBe('cancelled');
    await rig.admin('cupsaccept', rig.queue);
    await rig.admin('cupsenable', rig.queue);
    expect(rig.outputs()).toHaveLength(1); // only the first test's page
  }, 60_000);

  it('a scheduler that is down: lp refuses (as "no such printer") and the job list cannot be read', async () => {
    await rig.down();
    try {
      const refused = await printer.print({ pdf: await testPdf('DOWN'), title: 'down.pdf', printer: rig.queue, copies: 1 }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(PrintRefused);
      expect(refused).toMatchObject({ reason: 'no_printer' });
      await expect(printer.spooler!.jobs()).rejects.toThrow();
    } finally {
      await rig.up();
    }
    expect(await printer.spooler!.printers()).toEqual([expect.objectContaining({ name: rig.queue, enabled: true, accepting: true })]);
  }, 60_000);
});

describe('reading what CUPS says', () => {
  it('reads lpstat -p and -a: enabled, paused with its reason, refusing', () => {
    const p = 'printer A is idle.  enabled since Tue Dec  1 14:03:42 2026\nprinter B disabled since Tue Dec  1 14:03:41 2026 -\n\tPaper out\nprinter C is printing.  enabled since x\n';
    const a = 'A accepting requests since x\nB accepting requests since x\nC not accepting requests since x -\n\tRejecting Jobs\n';
    expect(parsePrinterStates(p, a)).toEqual([
      { name: 'A', enabled: true, accepting: true, message: '' },
      { name: 'B', enabled: false, accepting: true, message: 'Paper out' },
      { name: 'C', enabled: true, accepting: false, message: '' },
    ]);
  });

  it("tells lp's refusals (never reached the spooler) from other failures", () => {
    expect(lpRefusal('lp: The printer or class does not exist.')).toBe('no_printer');
    expect(lpRefusal('lp: Destination "Q" is not accepting jobs.')).toBe('not_accepting');
    expect(lpRefusal('lp: scheduler is not running')).toBe('spooler_down');
    expect(lpRefusal('lp: Error - unable to access "x" - Permission denied')).toBeUndefined();
  });

  it('finds the scheduler as lp does: CUPS_SERVER (socket or host:port), else the local socket', () => {
    expect(cupsServerOf('/tmp/c/cups.sock', false)).toEqual({ socketPath: '/tmp/c/cups.sock' });
    expect(cupsServerOf('printsrv:8631', false)).toEqual({ host: 'printsrv', port: 8631 });
    expect(cupsServerOf('printsrv', false)).toEqual({ host: 'printsrv', port: 631 });
    expect(cupsServerOf(undefined, true)).toEqual({ socketPath: '/run/cups/cups.sock' });
    expect(cupsServerOf(undefined, false)).toEqual({ host: 'localhost', port: 631 });
  });

  it('refuses an IPP answer cut short instead of reading half a job', () => {
    const request = encodeRequest(GET_JOBS, 7, [[IPP_TAGS.keyword, 'which-jobs', ['all']]]);
    expect(request.readUInt16BE(2)).toBe(GET_JOBS);
    expect(() => decodeResponse(Buffer.from([2, 0, 0]))).toThrow(/too short/);
    const cut = Buffer.concat([Buffer.from([2, 0, 0, 0, 0, 0, 0, 7, 0x02, 0x21, 0, 6]), Buffer.from('job-id'), Buffer.from([0, 4, 0])]);
    expect(() => decodeResponse(cut)).toThrow(/cut short/);
  });
});

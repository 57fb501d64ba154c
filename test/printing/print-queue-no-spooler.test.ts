import { describe, expect, it, onTestFinished } from 'vitest';
import type { PdfPrinter, PrintJob } from '../../hardware/printers/printer';
import type { PrintJobView } from '../../main/contract/print-channels';
import { createPrintQueue, handoffNameOf } from '../../main/printing/print-queue';
import { openStation } from '../../main/station';
import { beginHandoff, insertPrintJob, printJobById, printJobPdf } from '../../main/storage/print-jobs-store';
import { BIRTH_REGISTRATION, draftFor } from '../helpers/drafts';
import { FIXED_NOW, TEST_OFFICER, VIETNAMESE_TEXT, tempDir } from '../helpers/station';

// The print queue in front of a printer with no spooler to ask (Electron's webContents.print,
// which cannot run here: a stand-in answers as its callback does). Its answer is final: printed,
// or failed for the officer to decide — never sent again behind their back.

function stationWith(printer: PdfPrinter) {
  const station = openStation({ dataDir: tempDir(), host: 'electron', version: 'test', now: () => FIXED_NOW, callsWithoutSession: TEST_OFFICER, printer, printing: { pollMs: 20, retryMs: 0 } });
  onTestFinished(() => station.close());
  const call = async <T,>(channel: string, payload: unknown) => {
    const answer = await station.dispatch(channel, payload);
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    return answer.value as T;
  };
  const dossier = async () => call<{ code: string }>('dossier.save', draftFor(await station.handlers['catalogue.get']({ code: BIRTH_REGISTRATION })));
  return { station, call, dossier };
}

describe('the print queue without a spooler (the desktop host)', () => {
  it('a print the backend confirms is printed at once; one it fails is told to the officer and not sent again', async () => {
    const sent: PrintJob[] = [];
    let fail = false;
    const { station, call, dossier } = stationWith({
      list: async () => [{ name: 'HP_Quay_1', displayName: 'HP Quầy 1', isDefault: true }],
      print: async (job) => {
        sent.push(job);
        if (fail) throw new Error('Print job failed; đã mở tệp PDF trong cửa sổ in');
        return { printer: job.printer ?? 'HP_Quay_1' };
      },
    });
    const d = await dossier();
    expect(await call('slip.print', { code: d.code })).toEqual({ printed: true, printer: 'HP_Quay_1' });
    const [printed] = (await call<{ jobs: PrintJobView[] }>('print.jobs', {})).jobs;
    expect(printed).toMatchObject({ state: 'printed', printer: 'HP_Quay_1', kind: 'slip', dossierCode: d.code, spoolJobId: null });
    expect(sent[0]!.jobName).toBe(handoffNameOf(printJobById(station.db, printed!.id)!, 1));

    fail = true;
    const refused = await station.dispatch('slip.print', { code: d.code });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('PRINT_FAILED');
    expect(refused.error.message).toMatch(VIETNAMESE_TEXT);
    expect(refused.error.message).toContain('Không in được trên HP_Quay_1: Print job failed');
    const failed = (await call<{ jobs: PrintJobView[]; failed: number }>('print.jobs', {}));
    expect(failed.failed).toBe(1);
    expect(failed.jobs[0]).toMatchObject({ state: 'failed', reasonCode: 'PRINT_DEVICE_FAILED', canRetry: true });

    // The worker passes (a third print goes through it) and sends the failed one nowhere.
    fail = false;
    await call('slip.print', { code: d.code });
    expect(sent).toHaveLength(3);
    // The officer asks again: one more hand-off, printed.
    expect(await call<PrintJobView>('print.retry', { id: failed.jobs[0]!.id })).toMatchObject({ state: 'printed', attempts: 2 });
    expect(sent).toHaveLength(4);
  });

  it('a station stopped in the middle of a print it cannot ask about: uncertain, for the officer to decide, not resent', async () => {
    const sent: PrintJob[] = [];
    const { station, call } = stationWith({ list: async () => [], print: async (job) => { sent.push(job); return { printer: 'P' }; } });
    await call('print.jobs', {}); // the station's own first pass is over (nothing to do); its worker sleeps
    const job = insertPrintJob(station.db, { key: 'feed00000001', title: 'giay-hen.pdf', kind: 'slip', printer: 'P', copies: 1, pdf: Buffer.from('%PDF-1.4') }, FIXED_NOW.getTime());
    beginHandoff(station.db, job.id, handoffNameOf(job, 1), FIXED_NOW.getTime());
    const queue = createPrintQueue({ db: station.db, now: () => FIXED_NOW, device: { list: async () => [], print: async (j) => { sent.push(j); return { printer: 'P' }; } }, onChange: () => undefined });
    await queue.pass();
    expect(printJobById(station.db, job.id)).toMatchObject({ state: 'failed', reasonCode: 'PRINT_UNCERTAIN', attempts: 1 });
    await queue.pass();
    expect(sent).toEqual([]);
    await queue.stop();
  });

  it('in English when the station is set to English; refuses an unknown job', async () => {
    const { station, call, dossier } = stationWith({ list: async () => [], print: async () => { throw new Error('out of paper'); } });
    await call('settings.update', { station: { language: 'en' } });
    const d = await dossier();
    await station.dispatch('slip.print', { code: d.code, printer: 'Q1' });
    const [job] = (await call<{ jobs: PrintJobView[] }>('print.jobs', {})).jobs;
    expect(job!.reason).toBe('Could not print on Q1: out of paper. Check the printer and press "Print again".');
    expect(job!.stateText).toBe('failed');
    const unknown = await station.dispatch('print.retry', { id: 4242 });
    expect(unknown.ok ? null : unknown.error.code).toBe('PRINT_JOB_NOT_FOUND');
  });

  it('a printed job keeps its PDF a week, then only its row (what was printed, where, when)', async () => {
    const { station, call, dossier } = stationWith({ list: async () => [], print: async () => ({ printer: 'P' }) });
    const d = await dossier();
    await call('slip.print', { code: d.code, printer: 'P' });
    const [job] = (await call<{ jobs: PrintJobView[] }>('print.jobs', {})).jobs;
    const later = (days: number) => createPrintQueue({ db: station.db, now: () => new Date(FIXED_NOW.getTime() + days * 86_400_000), device: { list: async () => [], print: async () => ({ printer: 'P' }) }, onChange: () => undefined });
    const sixDays = later(6);
    sixDays.start();
    await sixDays.stop();
    expect(printJobPdf(station.db, job!.id)).not.toBeNull();
    const eightDays = later(8);
    eightDays.start();
    await eightDays.stop();
    expect(printJobPdf(station.db, job!.id)).toBeNull();
    expect(printJobById(station.db, job!.id)).toMatchObject({ state: 'printed', printer: 'P', dossierCode: d.code });
  });
});

import { randomBytes } from 'node:crypto';
import { PrintRefused, type PdfPrinter, type PrinterState, type SpooledJob } from '../../hardware/printers/printer';
import { missingCaseError } from '../core/errors';
import type { Db } from '../storage/database';
import {
  beginHandoff, cancelPrintJob, insertPrintJob, markFailed, markPrinted, noteReason, printJobById, printJobPdf, pruneFinishedPdfs,
  recordHanded, requeuePrintJob, returnToWaiting, unfinishedPrintJobs, type PrintJobKind, type PrintJobRecord,
} from '../storage/print-jobs-store';
import type { PrintReasonCode } from './messages';

// The durable print queue between the features that print (slips, forms, receipts) and the
// host's printer. Exactly once, as far as a printer lets anyone know:
//   1. the job is written (with its PDF) before anything is sent;
//   2. each hand-off gets a name of its own (`<title> [<key>-<attempt>]`), written before `lp` runs;
//   3. the spooler's job id is recorded as soon as it answers; from then on the job is the
//      spooler's, followed by id until it is completed, cancelled, aborted or forgotten;
//   4. only a hand-off the spooler never took is sent again: after a crash or an unclear failure
//      the queue asks the spooler for the attempt's name before deciding.
// A job the printer took and then lost (cancelled, aborted, vanished) fails with the reason and
// waits for the officer: a page may have come out, and printing it twice is the worse mistake.

export type PrintRequest = Readonly<{
  pdf: Buffer;
  title: string;
  printer?: string | undefined;
  copies: number;
  kind: PrintJobKind;
  dossierCode?: string | undefined;
  ref?: string | undefined;
  officer?: Readonly<{ id: string; name: string }> | undefined;
}>;

export type PrintQueueOptions = Readonly<{
  db: Db;
  now: () => Date;
  device: PdfPrinter;
  /** Called after a pass that changed a job (the feature emits `print.changed`). */
  onChange: () => void;
  /** How often the spooler is asked while jobs are unfinished. */
  pollMs?: number;
  /** How long a refused hand-off waits before the next try (sooner when the printer comes back). */
  retryMs?: number;
  /** How long a printed job keeps its PDF (for the record; the row stays). */
  keepPdfMs?: number;
}>;

export type PrintQueue = Readonly<{
  /** Writes the job and makes one hand-off attempt; resolves with the job as it stands after it. */
  submit: (request: PrintRequest) => Promise<PrintJobRecord>;
  /** One pass: reconcile, follow the spooler's jobs, send what is due. Passes never overlap. */
  pass: () => Promise<void>;
  retry: (id: number) => Promise<PrintJobRecord | undefined>;
  cancel: (id: number) => Promise<PrintJobRecord | undefined>;
  /** Polls while jobs are unfinished; idle otherwise (a submit or retry wakes it). */
  start: () => void;
  stop: () => Promise<void>;
}>;

/** The name the spooler shows for one attempt: the title for people, the key and attempt for the queue. */
export const handoffNameOf = (job: Pick<PrintJobRecord, 'title' | 'key'>, attempt: number): string => `${job.title} [${job.key}-${attempt}]`;

const WAITING_REASONS: Record<PrintRefused['reason'], PrintReasonCode> = {
  no_printer: 'PRINT_WAIT_NO_PRINTER',
  not_accepting: 'PRINT_WAIT_NOT_ACCEPTING',
  spooler_down: 'PRINT_WAIT_SPOOLER_DOWN',
  failed: 'PRINT_WAIT_FAILED',
};

/** Reasons that lift as soon as the spooler reports the printer there and taking jobs. */
const LIFTS_WHEN_BACK = new Set<string>(['PRINT_WAIT_NO_PRINTER', 'PRINT_WAIT_NOT_ACCEPTING', 'PRINT_WAIT_SPOOLER_DOWN']);

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** CUPS's job-state-reasons, without the ones that say nothing to the officer. */
const reasonsOf = (job: SpooledJob): string =>
  job.reasons.filter((r) => r !== 'none' && r !== 'processing-to-stop-point' && r !== 'job-printing').join(', ') || '—';

export function createPrintQueue(o: PrintQueueOptions): PrintQueue {
  const { db, device } = o;
  const pollMs = o.pollMs ?? 2000;
  const retryMs = o.retryMs ?? 5000;
  const ms = () => o.now().getTime();
  let chain: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let stopped = false;

  const passOnce = async (): Promise<void> => {
    const jobs = unfinishedPrintJobs(db);
    if (jobs.length === 0) return;
    let changed = false;
    const spooler = device.spooler;

    // What the spooler knows, once per pass; undefined when it cannot be asked (no spooler, down).
    let spooled: ReadonlyMap<string, SpooledJob> | undefined;
    let printers: readonly PrinterState[] | undefined;
    let spoolerError = '';
    if (spooler) {
      try {
        const all = await spooler.jobs();
        spooled = new Map(all.map((j) => [j.id, j]));
        printers = await spooler.printers().catch(() => undefined);
      } catch (e) {
        spoolerError = errorText(e);
      }
    }
    const printerState = (name: string | null) => (name === null ? undefined : printers?.find((p) => p.name === name));

    for (const job of jobs) {
      if (job.state === 'sending') changed = (await reconcileSending(job, spooled !== undefined)) || changed;
      else if (job.state === 'sent') changed = follow(job, spooled, printerState(job.printer)) || changed;
    }

    for (const job of unfinishedPrintJobs(db)) {
      if (job.state !== 'waiting') continue;
      const state = printerState(job.printer);
      if (printers && spooler) {
        // The spooler reports the printer missing or refusing: no attempt, the reason kept.
        if (job.printer !== null && !state) {
          changed = noteReason(db, job.id, 'PRINT_WAIT_NO_PRINTER', '', ms()) || changed;
          continue;
        }
        if (state && !state.accepting) {
          changed = noteReason(db, job.id, 'PRINT_WAIT_NOT_ACCEPTING', state.message, ms()) || changed;
          continue;
        }
      } else if (spooler && spoolerError && job.attempts > 0) {
        changed = noteReason(db, job.id, 'PRINT_WAIT_SPOOLER_DOWN', spoolerError, ms()) || changed;
        if (job.nextAttemptAt > ms()) continue;
      }
      const back = job.reasonCode !== null && LIFTS_WHEN_BACK.has(job.reasonCode) && state?.accepting === true;
      if (job.nextAttemptAt > ms() && !back) continue;
      await handOff(job, spoolerError);
      changed = true;
    }
    if (changed) o.onChange();
  };

  /** A hand-off a crash interrupted: the spooler's list says whether it took it. */
  const reconcileSending = async (job: PrintJobRecord, spoolerAnswers: boolean): Promise<boolean> => {
    if (!device.spooler) return markFailed(db, job.id, 'PRINT_UNCERTAIN', '', ms());
    if (!spoolerAnswers || job.handoffName === null) return false; // ask again next pass
    let found: SpooledJob | undefined;
    try {
      found = await device.spooler.findByName(job.handoffName);
    } catch {
      return false;
    }
    if (found) return recordHanded(db, job.id, found.id, found.printer, ms());
    return returnToWaiting(db, job.id, 'PRINT_WAIT_FAILED', 'lệnh in trước chưa tới máy in', ms(), ms());
  };

  /** A job the spooler holds: printed, still waiting there (and why), or lost. */
  const follow = (job: PrintJobRecord, spooled: ReadonlyMap<string, SpooledJob> | undefined, printer: PrinterState | undefined): boolean => {
    if (!spooled || job.spoolJobId === null) return false;
    const s = spooled.get(job.spoolJobId);
    if (!s) return markFailed(db, job.id, 'PRINT_LOST_VANISHED', job.spoolJobId, ms());
    switch (s.state) {
      case 'completed':
        return markPrinted(db, job.id, ms());
      case 'cancelled':
        return markFailed(db, job.id, 'PRINT_LOST_CANCELLED', reasonsOf(s), ms());
      case 'aborted':
        return markFailed(db, job.id, 'PRINT_LOST_ABORTED', reasonsOf(s), ms());
      case 'stopped':
        return noteReason(db, job.id, 'PRINT_HELD_STOPPED', reasonsOf(s), ms());
      case 'pending':
      case 'held':
      case 'processing':
        if (printer && !printer.enabled) return noteReason(db, job.id, 'PRINT_HELD_PAUSED', printer.message, ms());
        return noteReason(db, job.id, null, '', ms());
      default:
        throw missingCaseError(s.state);
    }
  };

  const handOff = async (job: PrintJobRecord, spoolerError: string): Promise<void> => {
    const pdf = printJobPdf(db, job.id);
    const name = handoffNameOf(job, job.attempts + 1);
    if (!pdf || !beginHandoff(db, job.id, name, ms())) return;
    try {
      const handed = await device.print({ pdf, title: job.title, printer: job.printer ?? undefined, copies: job.copies, jobName: name });
      // A job id is followed only where there is a spooler to ask; elsewhere the backend's word is final.
      recordHanded(db, job.id, device.spooler ? (handed.jobId ?? null) : null, handed.printer, ms());
    } catch (e) {
      if (e instanceof PrintRefused) {
        // lp says "no such printer" when the scheduler is down: the spooler's own silence decides.
        const down = spoolerError !== '' && e.reason === 'no_printer';
        returnToWaiting(db, job.id, down ? 'PRINT_WAIT_SPOOLER_DOWN' : WAITING_REASONS[e.reason], down ? spoolerError : e.message, ms() + retryMs, ms());
      } else if (device.spooler) {
        // Unclear (a timeout, lp killed): the spooler may hold it. Ask by name before any resend.
        const found = await device.spooler.findByName(name).catch(() => undefined);
        if (found) recordHanded(db, job.id, found.id, found.printer, ms());
        else returnToWaiting(db, job.id, 'PRINT_WAIT_FAILED', errorText(e), ms() + retryMs, ms());
      } else {
        // No spooler to ask (Electron): its fallback may have opened the PDF for a print by hand.
        markFailed(db, job.id, 'PRINT_DEVICE_FAILED', errorText(e), ms());
      }
    }
  };

  const pass = (): Promise<void> => {
    const next = chain.then(passOnce);
    chain = next.catch((e: unknown) => { console.error('[printing] pass failed:', e); });
    return next;
  };

  const schedule = () => {
    if (!running || stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void pass().catch(() => undefined).then(() => {
        if (unfinishedPrintJobs(db).length > 0) schedule();
      });
    }, pollMs);
    timer.unref();
  };

  const wake = () => { if (unfinishedPrintJobs(db).length > 0) schedule(); };

  return {
    async submit(request) {
      let printer = request.printer ?? null;
      // The default printer is named at once: the panel shows where it goes, retries go there.
      if (printer === null) printer = (await device.list().catch(() => [])).find((p) => p.isDefault)?.name ?? null;
      const job = insertPrintJob(db, {
        key: randomBytes(6).toString('hex'), title: request.title.normalize('NFC'), kind: request.kind,
        dossierCode: request.dossierCode, ref: request.ref, printer, copies: request.copies, pdf: request.pdf, officer: request.officer,
      }, ms());
      o.onChange();
      // A fresh job goes straight to the printer (no attempt before it to reconcile; lp itself
      // refuses a printer that is missing or not taking jobs): the officer's "In" waits for one
      // lp, not for a reading of the spooler's whole list. Still in the chain: passes never overlap.
      const handed = chain.then(async () => {
        const fresh = printJobById(db, job.id);
        if (fresh?.state === 'waiting') await handOff(fresh, '');
        o.onChange();
      });
      chain = handed.catch((e: unknown) => { console.error('[printing] hand-off failed:', e); });
      await handed;
      wake();
      return printJobById(db, job.id)!;
    },
    pass,
    async retry(id) {
      await chain; // not in the middle of a pass handing it off
      if (!requeuePrintJob(db, id, ms())) return undefined;
      o.onChange();
      await pass();
      wake();
      return printJobById(db, id);
    },
    async cancel(id) {
      await chain;
      const job = printJobById(db, id);
      if (!job || !cancelPrintJob(db, id, ms())) return undefined;
      // Held by the spooler (a paused printer): taken back there too, so it does not print later.
      if (job.state === 'sent' && job.spoolJobId && device.spooler) await device.spooler.cancel(job.spoolJobId);
      o.onChange();
      return printJobById(db, id);
    },
    start() {
      running = true;
      pruneFinishedPdfs(db, ms() - (o.keepPdfMs ?? 7 * 24 * 3600_000));
      // A crash may have left hand-offs in the middle: the first pass settles them.
      void pass().catch(() => undefined).then(wake);
    },
    async stop() {
      stopped = true;
      running = false;
      if (timer) clearTimeout(timer);
      await chain;
    },
  };
}

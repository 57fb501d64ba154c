import type { PrintJobView } from '../contract/print-channels';
import type { Handlers } from '../contract/dispatch';
import { StationError, type ErrorCode } from '../core/errors';
import { toVietnamLocal } from '../core/time';
import type { StationContext } from '../feature';
import { latestPrintJobs, printJobById, printJobCounts, type PrintJobRecord } from '../storage/print-jobs-store';
import { printStateNames } from './messages';
import type { PrintQueue } from './print-queue';

// The print panel's channels: the latest jobs with why one waits or failed, retry and cancel.

export type PrintChannel = 'print.jobs' | 'print.retry' | 'print.cancel';

export function printJobViewOf(ctx: StationContext, job: PrintJobRecord): PrintJobView {
  const lang = ctx.language();
  const reason = job.reasonCode && ctx.messages.has(job.reasonCode)
    ? ctx.messages.error(job.reasonCode as ErrorCode, { printer: job.printer ?? (lang === 'vi' ? 'mặc định' : 'default'), detail: detailOf(job), job: job.spoolJobId ?? '' }, lang)
    : null;
  return {
    id: job.id, title: job.title, kind: job.kind, dossierCode: job.dossierCode, printer: job.printer, copies: job.copies,
    state: job.state, stateText: printStateNames[job.state][lang], attempts: job.attempts, spoolJobId: job.spoolJobId,
    reason, reasonCode: job.reasonCode,
    createdAt: toVietnamLocal(new Date(job.createdAt)), updatedAt: toVietnamLocal(new Date(job.updatedAt)),
    officerName: job.officerName,
    canRetry: job.state === 'failed' || job.state === 'waiting',
    canCancel: job.state === 'waiting' || job.state === 'sent' || job.state === 'failed',
  };
}

/** A paused printer's detail reads "(reason)" after "đang tạm dừng"; the others carry it as is. */
function detailOf(job: PrintJobRecord): string {
  if (job.reasonCode === 'PRINT_HELD_PAUSED') return job.reasonDetail ? ` (${job.reasonDetail})` : '';
  return job.reasonDetail || '—';
}

export function printHandlers(ctx: StationContext, queue: PrintQueue): Pick<Handlers, PrintChannel> {
  const { db } = ctx;
  const existing = (id: number) => {
    const job = printJobById(db, id);
    if (!job) throw new StationError('PRINT_JOB_NOT_FOUND', { id });
    return job;
  };
  return {
    'print.jobs': ({ limit }) => ({ jobs: latestPrintJobs(db, limit).map((j) => printJobViewOf(ctx, j)), ...printJobCounts(db) }),
    'print.retry': async ({ id }) => {
      existing(id);
      const retried = await queue.retry(id);
      if (!retried) throw new StationError('PRINT_JOB_NOT_RETRYABLE', { id, state: printStateNames[existing(id).state][ctx.language()] });
      return printJobViewOf(ctx, retried);
    },
    'print.cancel': async ({ id }) => {
      existing(id);
      const cancelled = await queue.cancel(id);
      if (!cancelled) throw new StationError('PRINT_JOB_NOT_CANCELLABLE', { id, state: printStateNames[existing(id).state][ctx.language()] });
      return printJobViewOf(ctx, cancelled);
    },
  };
}

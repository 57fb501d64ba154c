import { missingCaseError, type Language } from '../../core/errors';
import type { Db } from '../../storage/database';
import { applyJobOutcomes, nextJobDueAt, providerIdOf, requeueActiveJobs, takeDueJobs, type EReceiptJob, type JobOutcome } from '../ereceipt-jobs-store';
import { feesMessage } from '../messages';
import type { EReceiptDocument, EReceiptProvider, ProviderResult } from './provider';

// Sends the e-receipt jobs to the provider: each job with the key it was recorded with, a
// receipt's cancellation after its issue, network trouble retried with exponential backoff and
// full jitter, a refusal kept with the provider's reason for the officer (it holds back only its
// own receipt). Timers are unref'd: a station closing never waits for the provider.

export type EReceiptWorkerOptions = Readonly<{
  db: Db;
  /** The provider for the settings in force; null while none is configured. */
  provider: () => EReceiptProvider | null;
  now: () => number;
  language: () => Language;
  /** Receipts whose e-receipt state changed (the feature tells the renderer). */
  onChange: (receiptIds: readonly number[]) => void;
  random?: () => number;
  baseDelayMs?: number;
  capDelayMs?: number;
  /** How long to sleep with nothing due. */
  idleMs?: number;
  batch?: number;
}>;

type Transient = Extract<ProviderResult<unknown>, { kind: 'transient' }>;

export class EReceiptWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  /** Learned by talking to the provider, never from the OS network flag. */
  online: boolean | null = null;
  lastMessage: string | null = null;

  constructor(private readonly o: EReceiptWorkerOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    requeueActiveJobs(this.o.db);
    this.wake();
  }

  /** Something was queued (or the settings changed): a pass soon, not at the next scheduled one. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One pass over what is due now, awaited (tests and "send now"). */
  async runOnce(): Promise<void> {
    while (this.running) await this.running;
    this.running = this.pass().finally(() => { this.running = undefined; });
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.pass()
        .catch((error: unknown) => { this.lastMessage = error instanceof Error ? error.message : String(error); })
        .finally(() => {
          this.running = undefined;
          if (this.again) { this.again = false; this.schedule(0); return; }
          const due = nextJobDueAt(this.o.db);
          const idle = this.o.idleMs ?? 60_000;
          this.schedule(due === null ? idle : Math.max(0, Math.min(idle, due - this.o.now())));
        });
    }, ms);
    this.timer.unref();
  }

  private delay(attempts: number): number {
    const base = this.o.baseDelayMs ?? 1000;
    const ceiling = Math.min(this.o.capDelayMs ?? 5 * 60_000, base * 2 ** Math.min(attempts, 30));
    return Math.floor((this.o.random ?? Math.random)() * ceiling);
  }

  private describe(t: Transient): string {
    const lang = this.o.language();
    switch (t.reason) {
      case 'auth': return feesMessage('PROVIDER_AUTH_FAILED', {}, lang);
      case 'server': case 'busy': return feesMessage('PROVIDER_SERVER_ERROR', { status: t.status ?? 0 }, lang);
      case 'unreadable': return feesMessage('PROVIDER_UNREADABLE', {}, lang);
      case 'network': case 'timeout': return feesMessage('PROVIDER_UNREACHABLE', { detail: t.detail }, lang);
    }
  }

  private async pass(): Promise<void> {
    const provider = this.o.provider();
    if (!provider) {
      this.lastMessage = feesMessage('PROVIDER_NOT_CONFIGURED', {}, this.o.language());
      return;
    }
    for (;;) {
      const jobs = takeDueJobs(this.o.db, this.o.now(), this.o.batch ?? 8);
      if (jobs.length === 0) return;
      const outcomes = await Promise.all(jobs.map((job) => this.send(provider, job)));
      applyJobOutcomes(this.o.db, outcomes, this.o.now());
      this.o.onChange(jobs.map((j) => j.receiptId));
      if (this.stopped) return;
    }
  }

  private async send(provider: EReceiptProvider, job: EReceiptJob): Promise<JobOutcome> {
    const result = await this.attempt(provider, job);
    switch (result.kind) {
      case 'done':
        this.heard(true, null);
        return result.outcome;
      case 'rejected': {
        const error = `${result.message} (${result.code})`;
        this.heard(true, error);
        return { kind: 'rejected', jobId: job.id, error, status: result.status };
      }
      case 'transient': {
        const message = this.describe(result);
        this.heard(result.reason === 'auth' || result.reason === 'server' || result.reason === 'busy', message);
        const attempts = job.attempts + 1;
        return { kind: 'retry', jobId: job.id, attempts, nextAttemptAt: this.o.now() + this.delay(attempts), error: message, status: result.status };
      }
      default:
        throw missingCaseError(result);
    }
  }

  /** One job sent: its outcome when the provider took it, or the provider's answer otherwise. */
  private async attempt(provider: EReceiptProvider, job: EReceiptJob): Promise<Readonly<{ kind: 'done'; outcome: JobOutcome }> | Exclude<ProviderResult<unknown>, { kind: 'ok' }>> {
    switch (job.kind) {
      case 'issue': {
        const issued = await provider.issue(job.idempotencyKey, job.payload as EReceiptDocument);
        if (issued.kind !== 'ok') return issued;
        return { kind: 'done', outcome: { kind: 'issued', jobId: job.id, receiptId: job.receiptId, providerId: issued.value.providerId, lookupCode: issued.value.lookupCode } };
      }
      case 'cancel': {
        // Only due once the issue is acknowledged (one receipt's jobs go in order); kept waiting otherwise.
        const providerId = providerIdOf(this.o.db, job.receiptId);
        if (providerId === null) {
          const error = feesMessage('PROVIDER_CANCEL_BEFORE_ISSUE', {}, this.o.language());
          return { kind: 'done', outcome: { kind: 'retry', jobId: job.id, attempts: job.attempts + 1, nextAttemptAt: this.o.now() + this.delay(job.attempts + 1), error } };
        }
        const cancelled = await provider.cancel(job.idempotencyKey, providerId, (job.payload as { LyDo: string }).LyDo);
        if (cancelled.kind !== 'ok') return cancelled;
        return { kind: 'done', outcome: { kind: 'cancelled', jobId: job.id, receiptId: job.receiptId } };
      }
      default:
        throw missingCaseError(job.kind);
    }
  }

  private heard(online: boolean, message: string | null): void {
    this.online = online;
    this.lastMessage = message;
  }
}

import type { Db } from '../storage/database';
import { writeTransaction } from '../storage/database';
import { stmt } from '../storage/statements';

// E-receipts on their way to the provider, with the rules of the portal's outbox: a job is
// written in the receipt's own transaction, carries an idempotency key made before its first
// send, leaves only on the provider's acknowledgement, and a receipt's cancellation waits for its
// issue. A refusal holds back that receipt only.

export type EReceiptJobKind = 'issue' | 'cancel';

export type EReceiptJob = Readonly<{ id: number; receiptId: number; kind: EReceiptJobKind; idempotencyKey: string; payload: unknown; attempts: number }>;

type JobRow = { id: number; receipt_id: number; kind: EReceiptJobKind; idempotency_key: string; payload: string; attempts: number };

export const ereceiptJobSql = {
  due: `SELECT j.id, j.receipt_id, j.kind, j.idempotency_key, j.payload, j.attempts FROM ereceipt_jobs j
        WHERE j.state = 'pending' AND j.next_attempt_at <= ?
          AND NOT EXISTS (SELECT 1 FROM ereceipt_jobs p WHERE p.receipt_id = j.receipt_id AND p.id < j.id)
        ORDER BY j.next_attempt_at, j.id LIMIT ?`,
} as const;

/** Queues an e-receipt job in the caller's transaction. */
export function enqueueJob(db: Db, j: Readonly<{ receiptId: number; kind: EReceiptJobKind; idempotencyKey: string; payload: unknown; at: number }>): void {
  stmt(db, 'INSERT INTO ereceipt_jobs (receipt_id, kind, idempotency_key, payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    j.receiptId, j.kind, j.idempotencyKey, JSON.stringify(j.payload), j.at, j.at,
  );
}

/** At start: jobs a crash left in flight go back to the queue (their keys make a resend safe). */
export function requeueActiveJobs(db: Db): number {
  // Read first: opening a station should not take the write lock when nothing was left in flight.
  if (!stmt(db, "SELECT 1 FROM ereceipt_jobs WHERE state = 'active' LIMIT 1").get()) return 0;
  return stmt(db, "UPDATE ereceipt_jobs SET state = 'pending' WHERE state = 'active'").run().changes;
}

export function takeDueJobs(db: Db, now: number, limit: number): EReceiptJob[] {
  return writeTransaction(db, () => {
    const rows = stmt(db, ereceiptJobSql.due).all(now, limit) as JobRow[];
    const mark = stmt(db, "UPDATE ereceipt_jobs SET state = 'active' WHERE id = ?");
    for (const r of rows) mark.run(r.id);
    return rows.map((r) => ({ id: r.id, receiptId: r.receipt_id, kind: r.kind, idempotencyKey: r.idempotency_key, payload: JSON.parse(r.payload) as unknown, attempts: r.attempts }));
  });
}

export function nextJobDueAt(db: Db): number | null {
  return (stmt(db, "SELECT min(next_attempt_at) AS at FROM ereceipt_jobs WHERE state = 'pending'").get() as { at: number | null }).at;
}

export type JobOutcome =
  | Readonly<{ kind: 'issued'; jobId: number; receiptId: number; providerId: string; lookupCode: string }>
  | Readonly<{ kind: 'cancelled'; jobId: number; receiptId: number }>
  | Readonly<{ kind: 'retry'; jobId: number; attempts: number; nextAttemptAt: number; error: string; status?: number | undefined }>
  | Readonly<{ kind: 'rejected'; jobId: number; error: string; status: number }>;

/** Applies a batch of outcomes in one transaction. */
export function applyJobOutcomes(db: Db, outcomes: readonly JobOutcome[], now: number): void {
  writeTransaction(db, () => {
    for (const o of outcomes) {
      switch (o.kind) {
        case 'issued':
          stmt(db, 'UPDATE receipts SET provider_id = ?, lookup_code = ?, e_issued_at = ? WHERE id = ?').run(o.providerId, o.lookupCode, now, o.receiptId);
          stmt(db, 'DELETE FROM ereceipt_jobs WHERE id = ?').run(o.jobId);
          break;
        case 'cancelled':
          stmt(db, 'UPDATE receipts SET e_cancelled_at = ? WHERE id = ?').run(now, o.receiptId);
          stmt(db, 'DELETE FROM ereceipt_jobs WHERE id = ?').run(o.jobId);
          break;
        case 'retry':
          stmt(db, "UPDATE ereceipt_jobs SET state = 'pending', attempts = ?, next_attempt_at = ?, last_error = ?, last_status = ? WHERE id = ?").run(
            o.attempts, o.nextAttemptAt, o.error, o.status ?? null, o.jobId,
          );
          break;
        case 'rejected':
          stmt(db, "UPDATE ereceipt_jobs SET state = 'rejected', attempts = attempts + 1, last_error = ?, last_status = ? WHERE id = ?").run(o.error, o.status, o.jobId);
          break;
      }
    }
  });
}

/** The provider id of an issued receipt (a cancellation needs it). */
export function providerIdOf(db: Db, receiptId: number): string | null {
  return (stmt(db, 'SELECT provider_id AS id FROM receipts WHERE id = ?').get(receiptId) as { id: string | null } | undefined)?.id ?? null;
}

export type JobCounts = Readonly<{ pending: number; rejected: number; lastError: string | null }>;

export function jobCounts(db: Db): JobCounts {
  const counts = stmt(db, "SELECT coalesce(sum(state IN ('pending', 'active')), 0) AS pending, coalesce(sum(state = 'rejected'), 0) AS rejected FROM ereceipt_jobs").get() as
    { pending: number; rejected: number };
  const last = stmt(db, "SELECT last_error AS e FROM ereceipt_jobs WHERE last_error IS NOT NULL ORDER BY (state = 'rejected') DESC, id DESC LIMIT 1").get() as { e: string } | undefined;
  return { ...counts, lastError: last?.e ?? null };
}

/** "Send again": refused jobs go back to the queue with their keys (a refusal used none), and everything waiting is due now. */
export function retryJobs(db: Db, now: number): number {
  return writeTransaction(db, () => {
    const requeued = stmt(db, "UPDATE ereceipt_jobs SET state = 'pending', attempts = 0, next_attempt_at = ? WHERE state = 'rejected'").run(now).changes;
    stmt(db, "UPDATE ereceipt_jobs SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?").run(now, now);
    return requeued;
  });
}

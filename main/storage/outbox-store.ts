import type { Db } from './db';
import { writeTransaction } from './database';
import { stmt } from './statements';
import { setSyncState } from './sync-state-store';

// The outbox: what the portal must learn, queued in the transaction of the change itself. The
// rules of docs/sync.md live here as SQL: an entry leaves only with a positive acknowledgement;
// one dossier's entries go in order (only the oldest entry of a dossier is ever due); a
// rejected entry holds back its own dossier only. What an acknowledgement changes in a dossier
// is the dossier store's business (the outcome carries it as `apply`).

/** dossier.transition: a change of status made at the counter (main/lifecycle), in order after the dossier's creation. */
export type OutboxKind = 'dossier.create' | 'dossier.update' | 'file.upload' | 'dossier.transition';

export type OutboxItem = Readonly<{
  id: number;
  dossierId: number;
  kind: OutboxKind;
  idempotencyKey: string;
  payload: unknown;
  attempts: number;
  dossierFileId: number | null;
}>;

type OutboxRow = {
  id: number; dossier_id: number; kind: OutboxKind; idempotency_key: string; payload: string; attempts: number; dossier_file_id: number | null;
};

const toItem = (r: OutboxRow): OutboxItem => ({
  id: r.id, dossierId: r.dossier_id, kind: r.kind, idempotencyKey: r.idempotency_key, payload: JSON.parse(r.payload) as unknown,
  attempts: r.attempts, dossierFileId: r.dossier_file_id,
});

export const outboxSql = {
  due: `SELECT o.id, o.dossier_id, o.kind, o.idempotency_key, o.payload, o.attempts, o.dossier_file_id FROM outbox o
        WHERE o.state = 'pending' AND o.next_attempt_at <= ?
          AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.dossier_id = o.dossier_id AND p.id < o.id)
        ORDER BY o.next_attempt_at, o.id LIMIT ?`,
  nextDue: `SELECT min(next_attempt_at) AS at FROM outbox WHERE state = 'pending'`,
} as const;

/** Queues a change in the caller's transaction, after the dossier's earlier changes. */
export function enqueue(
  db: Db,
  e: Readonly<{ dossierId: number; kind: OutboxKind; idempotencyKey: string; payload: unknown; at: number; dossierFileId?: number }>,
): number {
  const { lastInsertRowid } = stmt(
    db,
    'INSERT INTO outbox (dossier_id, kind, idempotency_key, payload, next_attempt_at, created_at, dossier_file_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(e.dossierId, e.kind, e.idempotencyKey, JSON.stringify(e.payload), e.at, e.at, e.dossierFileId ?? null);
  return Number(lastInsertRowid);
}

/** At start: entries a crash left in flight go back to the queue (their keys make a resend safe). */
export function requeueInFlight(db: Db): number {
  return stmt(db, "UPDATE outbox SET state = 'pending' WHERE state = 'active'").run().changes;
}

/** The next entries to send, marked in flight in the same transaction. */
export function takeDue(db: Db, now: number, limit: number): OutboxItem[] {
  return writeTransaction(db, () => {
    const rows = stmt(db, outboxSql.due).all(now, limit) as OutboxRow[];
    const mark = stmt(db, "UPDATE outbox SET state = 'active' WHERE id = ?");
    for (const r of rows) mark.run(r.id);
    return rows.map(toItem);
  });
}

export function nextDueAt(db: Db): number | null {
  return (stmt(db, outboxSql.nextDue).get() as { at: number | null }).at;
}

export type Outcome =
  | Readonly<{ kind: 'acknowledged'; entryId: number; dossierId: number; portalRef: string; apply?: (db: Db) => void }>
  | Readonly<{ kind: 'retry'; entryId: number; attempts: number; nextAttemptAt: number; error: string; status?: number | undefined }>
  /** `apply`: what the refusal itself tells (a transition the portal refused keeps a conflict for the officer). */
  | Readonly<{ kind: 'rejected'; entryId: number; error: string; status: number; apply?: (db: Db) => void }>
  /** Progress worth keeping without an answer yet (an upload's id and offset). */
  | Readonly<{ kind: 'progress'; entryId: number; apply: (db: Db) => void; requeue: boolean }>;

/** Applies a batch of outcomes in one transaction: one fsync for many acknowledgements. */
export function applyOutcomes(db: Db, outcomes: readonly Outcome[], now: number): void {
  writeTransaction(db, () => {
    for (const o of outcomes) {
      switch (o.kind) {
        case 'acknowledged':
          o.apply?.(db);
          stmt(db, 'INSERT INTO sync_sent (dossier_id, kind, portal_ref, sent_at) SELECT dossier_id, kind, ?, ? FROM outbox WHERE id = ?').run(
            o.portalRef, now, o.entryId,
          );
          stmt(db, 'DELETE FROM outbox WHERE id = ?').run(o.entryId);
          break;
        case 'retry':
          stmt(db, "UPDATE outbox SET state = 'pending', attempts = ?, next_attempt_at = ?, last_error = ?, last_status = ? WHERE id = ?").run(
            o.attempts, o.nextAttemptAt, o.error, o.status ?? null, o.entryId,
          );
          break;
        case 'rejected':
          o.apply?.(db);
          stmt(db, "UPDATE outbox SET state = 'rejected', attempts = attempts + 1, last_error = ?, last_status = ? WHERE id = ?").run(o.error, o.status, o.entryId);
          break;
        case 'progress':
          o.apply(db);
          if (o.requeue) stmt(db, "UPDATE outbox SET state = 'pending' WHERE id = ?").run(o.entryId);
          break;
      }
    }
    if (outcomes.some((o) => o.kind === 'acknowledged')) {
      setSyncState(db, 'lastSuccessAt', String(now));
      // Keep the "recently sent" list short.
      stmt(db, 'DELETE FROM sync_sent WHERE id <= (SELECT max(id) FROM sync_sent) - 5000').run();
    }
  });
}

/** Rewrites a value inside the payloads of a dossier's queued entries (a provisional code made final). */
export function replaceInPayloads(db: Db, dossierId: number, before: string, after: string): void {
  for (const r of stmt(db, 'SELECT id, payload FROM outbox WHERE dossier_id = ?').all(dossierId) as Array<{ id: number; payload: string }>) {
    stmt(db, 'UPDATE outbox SET payload = ? WHERE id = ?').run(r.payload.split(before).join(after), r.id);
  }
}

export type QueueCounts = Readonly<{ pending: number; active: number; rejected: number; dossiersWaiting: number }>;

// Each count reads an index only (outbox_due by state, outbox_by_dossier for the dossiers): summing
// over the table itself read every payload, a page or more per entry, after every change queued.
export function queueCounts(db: Db): QueueCounts {
  return stmt(
    db,
    `SELECT (SELECT count(*) FROM outbox WHERE state = 'pending') AS pending, (SELECT count(*) FROM outbox WHERE state = 'active') AS active,
            (SELECT count(*) FROM outbox WHERE state = 'rejected') AS rejected, (SELECT count(DISTINCT dossier_id) FROM outbox) AS dossiersWaiting`,
  ).get() as QueueCounts;
}

/** Entries of one dossier still queued (sent ones are gone). */
export function pendingCount(db: Db, dossierId: number): number {
  return (stmt(db, 'SELECT count(*) AS n FROM outbox WHERE dossier_id = ?').get(dossierId) as { n: number }).n;
}

export type QueueEntryView = Readonly<{
  id: number; code: string; ownerName: string; kind: string; state: 'pending' | 'active' | 'rejected' | 'sent';
  attempts: number; nextAttemptAt: number | null; lastError: string | null; lastStatus: number | null; at: number;
}>;

export function listQueue(db: Db, state: 'waiting' | 'rejected' | 'sent', limit: number): QueueEntryView[] {
  if (state === 'sent') {
    return stmt(
      db,
      `SELECT s.id, d.code, d.owner_name AS ownerName, s.kind, 'sent' AS state, 0 AS attempts, NULL AS nextAttemptAt, NULL AS lastError,
              NULL AS lastStatus, s.sent_at AS at
       FROM sync_sent s JOIN dossiers d ON d.id = s.dossier_id ORDER BY s.id DESC LIMIT ?`,
    ).all(limit) as QueueEntryView[];
  }
  const where = state === 'rejected' ? "o.state = 'rejected'" : "o.state IN ('pending', 'active')";
  return stmt(
    db,
    `SELECT o.id, d.code, d.owner_name AS ownerName, o.kind, o.state, o.attempts, o.next_attempt_at AS nextAttemptAt, o.last_error AS lastError,
            o.last_status AS lastStatus, o.created_at AS at FROM outbox o JOIN dossiers d ON d.id = o.dossier_id WHERE ${where} ORDER BY o.id LIMIT ?`,
  ).all(limit) as QueueEntryView[];
}

/** "Retry now": everything waiting is due at once. */
export function makeAllDue(db: Db, now: number): number {
  return stmt(db, "UPDATE outbox SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?").run(now, now).changes;
}

export type RejectedEntry = Readonly<{ id: number; dossierId: number; kind: OutboxKind }>;

/** A rejected entry by id; undefined when it is not (or no longer) rejected. */
export function rejectedEntry(db: Db, entryId: number): RejectedEntry | undefined {
  const r = stmt(db, "SELECT id, dossier_id, kind FROM outbox WHERE id = ? AND state = 'rejected'").get(entryId) as { id: number; dossier_id: number; kind: OutboxKind } | undefined;
  return r ? { id: r.id, dossierId: r.dossier_id, kind: r.kind } : undefined;
}

/** The dossier's creation, when the portal rejected it (a correction then resends it). */
export function rejectedCreateOf(db: Db, dossierId: number): number | undefined {
  return (stmt(db, "SELECT id FROM outbox WHERE dossier_id = ? AND kind = 'dossier.create' AND state = 'rejected'").get(dossierId) as { id: number } | undefined)?.id;
}

/**
 * Sends a rejected entry again with a body rebuilt from the (corrected) dossier. A new idempotency
 * key: the portal answers the old key with its rejection forever, and a different body under it with 422.
 */
export function requeueRejected(db: Db, entryId: number, payload: unknown, newKey: string, now: number): boolean {
  return stmt(
    db,
    "UPDATE outbox SET state = 'pending', payload = ?, idempotency_key = ?, attempts = 0, next_attempt_at = ?, last_error = NULL WHERE id = ? AND state = 'rejected'",
  ).run(JSON.stringify(payload), newKey, now, entryId).changes === 1;
}

export type DossierQueueState = Readonly<{ state: 'synced' | 'waiting' | 'rejected'; reason: string | null }>;

/** Where a dossier's changes stand in the queue. */
export function dossierQueueState(db: Db, dossierId: number): DossierQueueState {
  const rejected = stmt(db, "SELECT last_error FROM outbox WHERE dossier_id = ? AND state = 'rejected' ORDER BY id LIMIT 1").get(dossierId) as { last_error: string | null } | undefined;
  const waiting = stmt(db, 'SELECT 1 FROM outbox WHERE dossier_id = ? LIMIT 1').get(dossierId);
  return { state: rejected ? 'rejected' : waiting ? 'waiting' : 'synced', reason: rejected?.last_error ?? null };
}

/** The queue as the `outbox.changed` event and the status bar show it (in flight counts as waiting). */
export function outboxCounts(db: Db): Readonly<{ pending: number; rejected: number; dossiersWaiting: number }> {
  const { pending, active, rejected, dossiersWaiting } = queueCounts(db);
  return { pending: pending + active, rejected, dossiersWaiting };
}

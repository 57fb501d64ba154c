import type { Db } from './database';
import { writeTransaction } from './database';
import { stmt } from './statements';
import { foldVietnamese, nameSuffixes } from '../core/text-fold';

// The outbox as the sync worker sees it. The rules of docs/sync.md live here as SQL: an entry
// leaves only with a positive acknowledgement; one dossier's entries go in order (only the
// oldest entry of a dossier is ever due); a rejected entry holds back its own dossier only.

export type OutboxKind = 'dossier.create' | 'dossier.update' | 'file.upload';

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
  | Readonly<{ kind: 'rejected'; entryId: number; error: string; status: number }>
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

/** The portal's answer to a dossier's creation: its id and version, and its final code. */
export function recordDossierAck(db: Db, dossierId: number, ack: Readonly<{ portalId: string; code: string; version: number }>): void {
  const row = stmt(db, 'SELECT code FROM dossiers WHERE id = ?').get(dossierId) as { code: string };
  stmt(db, 'UPDATE dossiers SET portal_id = ?, portal_version = ?, code = ?, code_is_provisional = 0 WHERE id = ?').run(
    ack.portalId, ack.version, ack.code, dossierId,
  );
  if (row.code !== ack.code) {
    // The final code replaces the provisional one in later payloads too (they name the dossier).
    for (const r of stmt(db, 'SELECT id, payload FROM outbox WHERE dossier_id = ?').all(dossierId) as Array<{ id: number; payload: string }>) {
      stmt(db, 'UPDATE outbox SET payload = ? WHERE id = ?').run(r.payload.split(JSON.stringify(row.code)).join(JSON.stringify(ack.code)), r.id);
    }
  }
}

export function setSyncState(db: Db, key: string, value: string): void {
  stmt(db, 'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function getSyncState(db: Db, key: string): string | undefined {
  return (stmt(db, 'SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export type QueueCounts = Readonly<{ pending: number; active: number; rejected: number; dossiersWaiting: number }>;

export function queueCounts(db: Db): QueueCounts {
  return stmt(
    db,
    `SELECT coalesce(sum(state = 'pending'), 0) AS pending, coalesce(sum(state = 'active'), 0) AS active,
            coalesce(sum(state = 'rejected'), 0) AS rejected, count(DISTINCT dossier_id) AS dossiersWaiting FROM outbox`,
  ).get() as QueueCounts;
}

export type QueueEntryView = Readonly<{
  id: number; code: string; ownerName: string; kind: string; state: 'pending' | 'active' | 'rejected' | 'sent';
  attempts: number; nextAttemptAt: number | null; lastError: string | null; at: number;
}>;

export function listQueue(db: Db, state: 'waiting' | 'rejected' | 'sent', limit: number): QueueEntryView[] {
  if (state === 'sent') {
    return stmt(
      db,
      `SELECT s.id, d.code, d.owner_name AS ownerName, s.kind, 'sent' AS state, 0 AS attempts, NULL AS nextAttemptAt, NULL AS lastError, s.sent_at AS at
       FROM sync_sent s JOIN dossiers d ON d.id = s.dossier_id ORDER BY s.id DESC LIMIT ?`,
    ).all(limit) as QueueEntryView[];
  }
  const where = state === 'rejected' ? "o.state = 'rejected'" : "o.state IN ('pending', 'active')";
  return stmt(
    db,
    `SELECT o.id, d.code, d.owner_name AS ownerName, o.kind, o.state, o.attempts, o.next_attempt_at AS nextAttemptAt, o.last_error AS lastError,
            o.created_at AS at FROM outbox o JOIN dossiers d ON d.id = o.dossier_id WHERE ${where} ORDER BY o.id LIMIT ?`,
  ).all(limit) as QueueEntryView[];
}

/** "Retry now": everything waiting is due at once. */
export function makeAllDue(db: Db, now: number): number {
  return stmt(db, "UPDATE outbox SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?").run(now, now).changes;
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

export type DossierSyncState = Readonly<{
  state: 'synced' | 'waiting' | 'rejected';
  reason: string | null;
  portalId: string | null;
  provisionalCode: string | null;
}>;

export function dossierSyncState(db: Db, dossierId: number): DossierSyncState {
  const d = stmt(db, 'SELECT portal_id, provisional_code FROM dossiers WHERE id = ?').get(dossierId) as { portal_id: string | null; provisional_code: string | null };
  const rejected = stmt(db, "SELECT last_error FROM outbox WHERE dossier_id = ? AND state = 'rejected' ORDER BY id LIMIT 1").get(dossierId) as { last_error: string | null } | undefined;
  const waiting = stmt(db, 'SELECT 1 FROM outbox WHERE dossier_id = ? LIMIT 1').get(dossierId);
  return {
    state: rejected ? 'rejected' : waiting ? 'waiting' : 'synced',
    reason: rejected?.last_error ?? null,
    portalId: d.portal_id,
    provisionalCode: d.provisional_code,
  };
}

/**
 * A file of a dossier to upload (a scan, a signed slip), recorded with its outbox entry in the
 * caller's transaction — the same transaction that links the file to the dossier.
 */
export function queueDossierFile(
  db: Db,
  file: Readonly<{ dossierId: number; kind: string; documentCode: string | null; fileName: string; mime: string; path: string; size: number; sha256: string }>,
  idempotencyKey: string,
  now: number,
): number {
  const { lastInsertRowid } = stmt(
    db,
    'INSERT INTO dossier_files (dossier_id, kind, document_code, file_name, mime, path, size, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(file.dossierId, file.kind, file.documentCode, file.fileName, file.mime, file.path, file.size, file.sha256, now);
  const fileId = Number(lastInsertRowid);
  stmt(db, "INSERT INTO outbox (dossier_id, kind, idempotency_key, payload, next_attempt_at, created_at, dossier_file_id) VALUES (?, 'file.upload', ?, '{}', ?, ?, ?)").run(
    file.dossierId, idempotencyKey, now, now, fileId,
  );
  return fileId;
}

export type DossierFile = Readonly<{
  id: number; dossierId: number; kind: string; documentCode: string | null; fileName: string; mime: string; path: string; size: number;
  sha256: string; uploadId: string | null; portalAttachmentId: string | null;
}>;

export function getDossierFile(db: Db, id: number): DossierFile | undefined {
  return stmt(
    db,
    `SELECT id, dossier_id AS dossierId, kind, document_code AS documentCode, file_name AS fileName, mime, path, size, sha256,
            upload_id AS uploadId, portal_attachment_id AS portalAttachmentId FROM dossier_files WHERE id = ?`,
  ).get(id) as DossierFile | undefined;
}

export function portalIdOf(db: Db, dossierId: number): string | null {
  return (stmt(db, 'SELECT portal_id FROM dossiers WHERE id = ?').get(dossierId) as { portal_id: string | null } | undefined)?.portal_id ?? null;
}

export type ProgressEvent = Readonly<{ cursor: string; portalId: string; status: number; unit: string; officer: string; at: string; note: string }>;

/** Applies feed events to our dossiers and moves the cursor, in one transaction. */
export function applyFeed(db: Db, events: readonly ProgressEvent[], next: string): number {
  return writeTransaction(db, () => {
    let applied = 0;
    for (const e of events) {
      const d = stmt(db, 'SELECT id FROM dossiers WHERE portal_id = ?').get(e.portalId) as { id: number } | undefined;
      if (!d) continue; // another station's dossier
      const inserted = stmt(
        db,
        'INSERT OR IGNORE INTO dossier_progress (dossier_id, cursor, status, unit, officer, at, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(d.id, e.cursor, e.status, e.unit, e.officer, e.at, e.note).changes;
      if (inserted) {
        stmt(db, 'UPDATE dossiers SET status = ? WHERE id = ?').run(e.status, d.id);
        applied++;
      }
    }
    setSyncState(db, 'feedCursor', next);
    return applied;
  });
}

export function dossierProgress(db: Db, dossierId: number) {
  return stmt(db, 'SELECT status, unit, officer, at, note FROM dossier_progress WHERE dossier_id = ? ORDER BY id').all(dossierId) as Array<{
    status: number; unit: string; officer: string; at: string; note: string;
  }>;
}

/** Corrected owner details: the dossier row and its name search keys, together. */
export function correctOwner(
  db: Db,
  dossierId: number,
  owner: Readonly<{ fullName: string; idNumber: string; birthDate: string; phone: string; email?: string | undefined; address: string }>,
  now: number,
): void {
  stmt(
    db,
    `UPDATE dossiers SET owner_name = ?, owner_id_number = ?, owner_birth_date = ?, owner_phone = ?, owner_email = ?, owner_address = ?,
       updated_at = ? WHERE id = ?`,
  ).run(owner.fullName, owner.idNumber, owner.birthDate, owner.phone, owner.email ?? null, owner.address, now, dossierId);
  stmt(db, 'DELETE FROM dossier_search_names WHERE dossier_id = ?').run(dossierId);
  const submitter = stmt(db, 'SELECT submitter_name FROM dossiers WHERE id = ?').get(dossierId) as { submitter_name: string | null };
  for (const name of [owner.fullName, submitter.submitter_name].filter((n): n is string => !!n)) {
    for (const suffix of nameSuffixes(foldVietnamese(name))) stmt(db, 'INSERT OR IGNORE INTO dossier_search_names (suffix, dossier_id) VALUES (?, ?)').run(suffix, dossierId);
  }
}

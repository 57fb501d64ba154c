import type { Db } from './db';
import { stmt } from './statements';

// Small facts the sync worker keeps between runs: the feed cursor, catalogue and calendar
// versions, the time of the last acknowledgement.

export function setSyncState(db: Db, key: string, value: string): void {
  stmt(db, 'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function getSyncState(db: Db, key: string): string | undefined {
  return (stmt(db, 'SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

// The audit log's way to the portal (main/sync/sync-worker.ts): the cursor is the last entry the
// portal said it holds (`DaNhan`), and a refusal the worker may not retry stays recorded until
// the technician points the station at another portal.

const AUDIT_CURSOR = 'auditCursor';
const AUDIT_PROBLEM = 'auditProblem';

/** Why the portal would not take the audit log: its code, the entry it names, its own words. */
export type AuditSyncProblem = Readonly<{ code: string; seq: number | null; detail: string; at: number; /** The station's last entry, when the portal holds more. */ head?: number }>;

/** The last audit entry the portal acknowledged (0: none yet). */
export function auditCursor(db: Db): number {
  const value = Number(getSyncState(db, AUDIT_CURSOR) ?? '0');
  return Number.isSafeInteger(value) && value > 0 ? value : 0;
}

export function setAuditCursor(db: Db, seq: number): void {
  setSyncState(db, AUDIT_CURSOR, String(seq));
}

/** Audit entries after the cursor: what waits to go, and the last one the station holds. */
export function auditBacklog(db: Db, cursor: number): Readonly<{ pending: number; head: number }> {
  const row = stmt(db, 'SELECT count(*) AS pending, (SELECT coalesce(max(seq), 0) FROM audit_log) AS head FROM audit_log WHERE seq > ?').get(cursor) as { pending: number; head: number };
  return { pending: row.pending, head: row.head };
}

export function auditSyncProblem(db: Db): AuditSyncProblem | null {
  const raw = getSyncState(db, AUDIT_PROBLEM);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as AuditSyncProblem;
  } catch {
    return { code: 'UNREADABLE', seq: null, detail: raw.slice(0, 200), at: 0 };
  }
}

/** Records the refusal, or (null) forgets it. */
export function setAuditSyncProblem(db: Db, problem: AuditSyncProblem | null): void {
  if (problem) setSyncState(db, AUDIT_PROBLEM, JSON.stringify(problem));
  else stmt(db, 'DELETE FROM sync_state WHERE key = ?').run(AUDIT_PROBLEM);
}

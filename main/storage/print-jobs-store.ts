import type { Db } from './database';
import { writeTransaction } from './database';
import { stmt } from './statements';

// The print queue's rows (migration 0010). Every change of state is one statement guarded by the
// state it leaves, so two workers (or a worker and an officer's cancel) cannot both move a job.

export type PrintJobKind = 'slip' | 'form' | 'receipt' | 'other';
export type PrintJobState = 'waiting' | 'sending' | 'sent' | 'printed' | 'failed' | 'cancelled';

export type PrintJobRecord = Readonly<{
  id: number;
  key: string;
  title: string;
  kind: PrintJobKind;
  dossierCode: string | null;
  ref: string | null;
  printer: string | null;
  copies: number;
  state: PrintJobState;
  attempts: number;
  handoffName: string | null;
  spoolJobId: string | null;
  reasonCode: string | null;
  reasonDetail: string;
  nextAttemptAt: number;
  createdAt: number;
  updatedAt: number;
  handedAt: number | null;
  finishedAt: number | null;
  officerName: string | null;
}>;

export type NewPrintJob = Readonly<{
  key: string;
  title: string;
  kind: PrintJobKind;
  dossierCode?: string | null | undefined;
  ref?: string | null | undefined;
  printer?: string | null | undefined;
  copies: number;
  pdf: Uint8Array;
  officer?: Readonly<{ id: string; name: string }> | null | undefined;
}>;

type Row = {
  id: number; job_key: string; title: string; kind: PrintJobKind; dossier_code: string | null; ref: string | null; printer: string | null;
  copies: number; state: PrintJobState; attempts: number; handoff_name: string | null; spool_job_id: string | null;
  reason_code: string | null; reason_detail: string; next_attempt_at: number; created_at: number; updated_at: number;
  handed_at: number | null; finished_at: number | null; officer_name: string | null;
};

const COLUMNS = `id, job_key, title, kind, dossier_code, ref, printer, copies, state, attempts, handoff_name, spool_job_id,
  reason_code, reason_detail, next_attempt_at, created_at, updated_at, handed_at, finished_at, officer_name`;

const record = (r: Row): PrintJobRecord => ({
  id: r.id, key: r.job_key, title: r.title, kind: r.kind, dossierCode: r.dossier_code, ref: r.ref, printer: r.printer, copies: r.copies,
  state: r.state, attempts: r.attempts, handoffName: r.handoff_name, spoolJobId: r.spool_job_id, reasonCode: r.reason_code,
  reasonDetail: r.reason_detail, nextAttemptAt: r.next_attempt_at, createdAt: r.created_at, updatedAt: r.updated_at,
  handedAt: r.handed_at, finishedAt: r.finished_at, officerName: r.officer_name,
});

export const printJobSql = {
  unfinished: `SELECT ${COLUMNS} FROM print_jobs WHERE state IN ('waiting', 'sending', 'sent') ORDER BY id`,
  latest: `SELECT ${COLUMNS} FROM print_jobs ORDER BY id DESC LIMIT ?`,
  counts: `SELECT state, count(*) AS n FROM print_jobs WHERE state IN ('waiting', 'sending', 'sent', 'failed') GROUP BY state`,
} as const;

/** Writes the job before anything is sent: what the officer asked to print is on disk first. */
export function insertPrintJob(db: Db, j: NewPrintJob, now: number): PrintJobRecord {
  const id = Number(stmt(db, `INSERT INTO print_jobs (job_key, title, kind, dossier_code, ref, printer, copies, pdf, state, next_attempt_at, created_at, updated_at, officer_id, officer_name)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?, ?, ?)`).run(
    j.key, j.title, j.kind, j.dossierCode ?? null, j.ref ?? null, j.printer ?? null, j.copies, Buffer.from(j.pdf), now, now, now, j.officer?.id ?? null, j.officer?.name ?? null,
  ).lastInsertRowid);
  return printJobById(db, id)!;
}

export function printJobById(db: Db, id: number): PrintJobRecord | undefined {
  const row = stmt(db, `SELECT ${COLUMNS} FROM print_jobs WHERE id = ?`).get(id) as Row | undefined;
  return row && record(row);
}

export function printJobPdf(db: Db, id: number): Buffer | null {
  return (stmt(db, 'SELECT pdf FROM print_jobs WHERE id = ?').get(id) as { pdf: Buffer | null } | undefined)?.pdf ?? null;
}

export function unfinishedPrintJobs(db: Db): PrintJobRecord[] {
  return (stmt(db, printJobSql.unfinished).all() as Row[]).map(record);
}

export function latestPrintJobs(db: Db, limit: number): PrintJobRecord[] {
  return (stmt(db, printJobSql.latest).all(limit) as Row[]).map(record);
}

/** How many jobs wait (waiting, being handed, held by the spooler) and how many failed. */
export function printJobCounts(db: Db): Readonly<{ waiting: number; failed: number }> {
  let waiting = 0;
  let failed = 0;
  for (const r of stmt(db, printJobSql.counts).all() as Array<{ state: PrintJobState; n: number }>) {
    if (r.state === 'failed') failed += r.n;
    else waiting += r.n;
  }
  return { waiting, failed };
}

/**
 * The intent, persisted before `lp` runs: the attempt's name is written, the attempt counted.
 * False when the job is no longer waiting (cancelled meanwhile).
 */
export function beginHandoff(db: Db, id: number, handoffName: string, now: number): boolean {
  return stmt(db, `UPDATE print_jobs SET state = 'sending', attempts = attempts + 1, handoff_name = ?, spool_job_id = NULL, updated_at = ?
    WHERE id = ? AND state = 'waiting'`).run(handoffName, now, id).changes === 1;
}

/** The spooler took the job (its id recorded); without a spooler, the backend's word is final. */
export function recordHanded(db: Db, id: number, spoolJobId: string | null, printer: string, now: number): boolean {
  const state: PrintJobState = spoolJobId ? 'sent' : 'printed';
  return stmt(db, `UPDATE print_jobs SET state = ?, spool_job_id = ?, printer = coalesce(printer, nullif(?, '')), handed_at = ?, updated_at = ?,
    finished_at = CASE WHEN ? = 'printed' THEN ? END, reason_code = NULL, reason_detail = ''
    WHERE id = ? AND state = 'sending'`).run(state, spoolJobId, printer, now, now, state, now, id).changes === 1;
}

/** Back to waiting: the spooler never took this attempt (refused, not running, no such printer). */
export function returnToWaiting(db: Db, id: number, reasonCode: string, detail: string, nextAttemptAt: number, now: number): boolean {
  return stmt(db, `UPDATE print_jobs SET state = 'waiting', reason_code = ?, reason_detail = ?, next_attempt_at = ?, updated_at = ?
    WHERE id = ? AND state IN ('sending', 'waiting')`).run(reasonCode, detail, nextAttemptAt, now, id).changes === 1;
}

/** Why a job the spooler holds is not printing yet (the printer paused); clears with null. */
export function noteReason(db: Db, id: number, reasonCode: string | null, detail: string, now: number): boolean {
  return stmt(db, `UPDATE print_jobs SET reason_code = ?, reason_detail = ?, updated_at = ?
    WHERE id = ? AND state IN ('waiting', 'sent') AND (reason_code IS NOT ? OR reason_detail IS NOT ?)`).run(reasonCode, detail, now, id, reasonCode, detail).changes === 1;
}

export function markPrinted(db: Db, id: number, now: number): boolean {
  return stmt(db, `UPDATE print_jobs SET state = 'printed', finished_at = ?, updated_at = ?, reason_code = NULL, reason_detail = ''
    WHERE id = ? AND state IN ('sent', 'sending')`).run(now, now, id).changes === 1;
}

export function markFailed(db: Db, id: number, reasonCode: string, detail: string, now: number): boolean {
  return stmt(db, `UPDATE print_jobs SET state = 'failed', reason_code = ?, reason_detail = ?, finished_at = ?, updated_at = ?
    WHERE id = ? AND state IN ('waiting', 'sending', 'sent')`).run(reasonCode, detail, now, now, id).changes === 1;
}

/** The officer asks again: a failed or waiting job is sent at once, as a new attempt. */
export function requeuePrintJob(db: Db, id: number, now: number): boolean {
  return stmt(db, `UPDATE print_jobs SET state = 'waiting', reason_code = NULL, reason_detail = '', next_attempt_at = ?, finished_at = NULL, updated_at = ?
    WHERE id = ? AND state IN ('failed', 'waiting') AND pdf IS NOT NULL`).run(now, now, id).changes === 1;
}

export function cancelPrintJob(db: Db, id: number, now: number): boolean {
  return stmt(db, `UPDATE print_jobs SET state = 'cancelled', finished_at = ?, updated_at = ?
    WHERE id = ? AND state IN ('waiting', 'sent', 'failed')`).run(now, now, id).changes === 1;
}

/** Drops the PDF of jobs finished before `before` (the rows stay for the panel and the record). */
export function pruneFinishedPdfs(db: Db, before: number): number {
  // Read first: opening the station should not take the write lock when there is nothing to drop.
  const due = stmt(db, `SELECT 1 FROM print_jobs WHERE state IN ('printed', 'cancelled') AND finished_at < ? AND pdf IS NOT NULL LIMIT 1`).get(before);
  if (!due) return 0;
  return writeTransaction(db, () => stmt(db, `UPDATE print_jobs SET pdf = NULL
    WHERE state IN ('printed', 'cancelled') AND finished_at < ? AND pdf IS NOT NULL`).run(before).changes);
}

import type { Migration } from './migration';

// The print queue: a slip, form or receipt is written here before it goes to the printer, so
// that a printer outage or a crash never loses it and a retry never prints it twice. Each
// hand-off to the spooler has its own name (`handoff_name`, unique per attempt) written BEFORE
// `lp` runs, and the spooler's job id is recorded as soon as it answers: after a crash the queue
// asks the spooler for that name instead of guessing. The PDF is kept in the (encrypted)
// database, not beside it: slips carry citizens' names and numbers.
export const m0009PrintQueue: Migration = {
  version: 9,
  name: 'print-queue',
  up(db) {
    db.exec(`
      CREATE TABLE print_jobs (
        id INTEGER PRIMARY KEY,
        -- Random, made at enqueue: part of every hand-off name, unique across the stations
        -- sharing one print server.
        job_key TEXT NOT NULL UNIQUE CHECK (length(job_key) BETWEEN 8 AND 40),
        title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        kind TEXT NOT NULL CHECK (kind IN ('slip', 'form', 'receipt', 'other')),
        dossier_code TEXT,
        -- The form's or receipt's id, for the panel to name it.
        ref TEXT,
        -- NULL: the system's default printer.
        printer TEXT,
        copies INTEGER NOT NULL CHECK (copies BETWEEN 1 AND 10),
        -- Dropped once printed and old (print-jobs-store.ts pruneFinished); NULL only then.
        pdf BLOB,
        state TEXT NOT NULL CHECK (state IN ('waiting', 'sending', 'sent', 'printed', 'failed', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        handoff_name TEXT,
        spool_job_id TEXT,
        -- Why it waits or failed: a message code of main/printing/messages.ts and its detail.
        reason_code TEXT,
        reason_detail TEXT NOT NULL DEFAULT '',
        next_attempt_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        handed_at INTEGER,
        finished_at INTEGER,
        officer_id TEXT,
        officer_name TEXT,
        -- Being handed off means a name was chosen first; handed means the spooler answered.
        CHECK (state NOT IN ('sending', 'sent') OR handoff_name IS NOT NULL),
        CHECK (pdf IS NOT NULL OR state IN ('printed', 'cancelled', 'failed'))
      ) STRICT;
      -- The worker reads the unfinished jobs; the panel, the latest.
      CREATE INDEX print_jobs_unfinished ON print_jobs (state, next_attempt_at) WHERE state IN ('waiting', 'sending', 'sent');
      CREATE INDEX print_jobs_by_dossier ON print_jobs (dossier_code, id) WHERE dossier_code IS NOT NULL;
    `);
  },
};

import type { PrintFailure, TicketState } from '../contract/queue-channels';
import type { Db } from '../storage/database';
import { stmt } from '../storage/statements';

// The queue's tables (migration 6): tickets, their prints, transfers and linked dossiers. Plain
// functions; the feature composes them in one writeTransaction where they belong together (a
// number is allocated in the transaction that writes its ticket).

export type TicketRow = Readonly<{
  id: number;
  day: string;
  number_group: string;
  seq: number;
  number: string;
  group_letter: string;
  group_name: string;
  state: TicketState;
  issued_at: number;
  issued_by: 'kiosk' | 'officer';
  waiting_before: number;
  follow_url: string;
  target_counter: number | null;
  requeued_at: number | null;
  first_called_at: number | null;
  called_at: number | null;
  counter: number | null;
  calls: number;
  transfers: number;
  served_at: number | null;
  finished_at: number | null;
  skipped_at: number | null;
  officer_id: string | null;
  officer_name: string | null;
  print_state: 'pending' | 'printed' | 'failed';
  print_reason: PrintFailure | null;
  print_detail: string | null;
  printed: number;
  reprints: number;
  paper_near_end: number;
}>;

export type Officer = Readonly<{ id: string; name: string }> | null;

export const queueSql = {
  /** One day's tickets in one state, in the order they were taken. */
  byDayState: 'SELECT * FROM queue_tickets WHERE day = ? AND state = ? ORDER BY id',
  indicators: `SELECT day, group_letter AS grp, max(group_name) AS group_name, counter,
      count(*) AS issued,
      sum(state = 'finished') AS finished,
      sum(state = 'skipped') AS skipped,
      sum(first_called_at IS NULL) AS never_called,
      sum(transfers > 0) AS transferred,
      avg(first_called_at - issued_at) AS avg_wait,
      max(first_called_at - issued_at) AS max_wait,
      avg(CASE WHEN finished_at IS NOT NULL THEN finished_at - coalesce(served_at, called_at) END) AS avg_service
    FROM queue_tickets WHERE day >= ? AND day <= ?
    GROUP BY day, group_letter, counter`,
} as const;

export type NewTicket = Readonly<{
  day: string;
  letter: string;
  groupName: string;
  at: number;
  by: 'kiosk' | 'officer';
  followUrl: (number: string) => string;
}>;

/** "A015": the group's letter and the sequence, three digits at least. */
export function ticketNumber(letter: string, seq: number): string {
  return `${letter}${String(seq).padStart(3, '0')}`;
}

/** Writes a ticket with the next number of its day and group. Call inside a write transaction. */
export function insertTicket(db: Db, t: NewTicket): number {
  const { last } = stmt(db, 'SELECT coalesce(max(seq), 0) AS last FROM queue_tickets WHERE day = ? AND number_group = ?').get(t.day, t.letter) as { last: number };
  const seq = last + 1;
  const number = ticketNumber(t.letter, seq);
  const { before } = stmt(db, "SELECT count(*) AS before FROM queue_tickets WHERE day = ? AND state = 'waiting' AND group_letter = ?").get(t.day, t.letter) as { before: number };
  const { lastInsertRowid } = stmt(
    db,
    `INSERT INTO queue_tickets (day, number_group, seq, number, group_letter, group_name, issued_at, issued_by, waiting_before, follow_url)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(t.day, t.letter, seq, number, t.letter, t.groupName, t.at, t.by, before, t.followUrl(number));
  return Number(lastInsertRowid);
}

export function getTicket(db: Db, id: number): TicketRow | undefined {
  return stmt(db, 'SELECT * FROM queue_tickets WHERE id = ?').get(id) as TicketRow | undefined;
}

export function ticketsOf(db: Db, day: string, state: TicketState): TicketRow[] {
  return stmt(db, queueSql.byDayState).all(day, state) as TicketRow[];
}

/** The ticket a counter is calling or serving. */
export function currentOfCounter(db: Db, day: string, counter: number): TicketRow | undefined {
  return [...ticketsOf(db, day, 'serving'), ...ticketsOf(db, day, 'called')].find((t) => t.counter === counter);
}

export function dossierCodesOf(db: Db, ticketId: number): string[] {
  return (stmt(db, 'SELECT d.code FROM queue_ticket_dossiers l JOIN dossiers d ON d.id = l.dossier_id WHERE l.ticket_id = ? ORDER BY l.linked_at, d.id').all(ticketId) as Array<{ code: string }>).map((r) => r.code);
}

export function markCalled(db: Db, id: number, counter: number, at: number, officer: Officer): void {
  stmt(
    db,
    `UPDATE queue_tickets SET state = 'called', counter = ?, called_at = ?, first_called_at = coalesce(first_called_at, ?), calls = calls + 1,
       target_counter = NULL, skipped_at = NULL, officer_id = ?, officer_name = ? WHERE id = ?`,
  ).run(counter, at, at, officer?.id ?? null, officer?.name ?? null, id);
}

export function markSkipped(db: Db, id: number, at: number): void {
  stmt(db, "UPDATE queue_tickets SET state = 'skipped', skipped_at = ? WHERE id = ?").run(at, id);
}

export function markServing(db: Db, id: number, at: number): void {
  stmt(db, "UPDATE queue_tickets SET state = 'serving', served_at = ? WHERE id = ?").run(at, id);
}

export function markFinished(db: Db, id: number, at: number): void {
  stmt(db, "UPDATE queue_tickets SET state = 'finished', finished_at = ? WHERE id = ?").run(at, id);
}

export function markTransferred(
  db: Db,
  t: TicketRow,
  to: Readonly<{ counter: number | null; letter: string; groupName: string }>,
  at: number,
  officer: Officer,
): void {
  stmt(
    db,
    `UPDATE queue_tickets SET state = 'waiting', target_counter = ?, group_letter = ?, group_name = ?, requeued_at = ?, transfers = transfers + 1,
       counter = NULL, called_at = NULL, served_at = NULL, skipped_at = NULL WHERE id = ?`,
  ).run(to.counter, to.letter, to.groupName, at, t.id);
  stmt(db, 'INSERT INTO queue_transfers (ticket_id, at, from_counter, to_counter, from_group, to_group, officer_name) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    t.id, at, t.counter, to.counter, t.group_letter, to.letter, officer?.name ?? null,
  );
}

export function linkDossier(db: Db, ticketId: number, dossierId: number, at: number): void {
  stmt(db, 'INSERT OR IGNORE INTO queue_ticket_dossiers (ticket_id, dossier_id, linked_at) VALUES (?, ?, ?)').run(ticketId, dossierId, at);
}

/** Marks a print under way; false when one already is (a second click must not print twice). */
export function beginPrint(db: Db, id: number): boolean {
  return stmt(db, "UPDATE queue_tickets SET print_state = 'pending' WHERE id = ? AND print_state <> 'pending'").run(id).changes === 1;
}

export type PrintRecord = Readonly<{
  kind: 'first' | 'retry' | 'reprint';
  at: number;
  bytes: number;
  officerName: string | null;
}> & (Readonly<{ ok: true; paperNearEnd: boolean }> | Readonly<{ ok: false; reason: PrintFailure; detail?: string }>);

export function recordPrint(db: Db, id: number, p: PrintRecord): void {
  if (p.ok) {
    stmt(
      db,
      `UPDATE queue_tickets SET print_state = 'printed', print_reason = NULL, print_detail = NULL, printed = printed + 1,
         reprints = reprints + ?, paper_near_end = ? WHERE id = ?`,
    ).run(p.kind === 'reprint' ? 1 : 0, p.paperNearEnd ? 1 : 0, id);
  } else {
    // `printed` keeps counting the prints that came out: a failed reprint still shows the citizen had one.
    stmt(db, "UPDATE queue_tickets SET print_state = 'failed', print_reason = ?, print_detail = ? WHERE id = ?").run(p.reason, p.detail?.slice(0, 300) ?? null, id);
  }
  stmt(db, 'INSERT INTO queue_prints (ticket_id, at, kind, outcome, reason, bytes, officer_name) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    id, p.at, p.kind, p.ok ? 'printed' : 'failed', p.ok ? null : p.reason, p.bytes, p.officerName,
  );
}

/** At start: a print the station was in the middle of when it stopped is not known to have come out. */
export function markInterruptedPrints(db: Db): number {
  return stmt(db, "UPDATE queue_tickets SET print_state = 'failed', print_reason = 'interrupted' WHERE print_state = 'pending'").run().changes;
}

export type PrintHistoryRow = Readonly<{ kind: 'first' | 'retry' | 'reprint'; outcome: 'printed' | 'failed'; reason: string | null; bytes: number; at: number }>;

export function printsOf(db: Db, ticketId: number): PrintHistoryRow[] {
  return stmt(db, 'SELECT kind, outcome, reason, bytes, at FROM queue_prints WHERE ticket_id = ? ORDER BY id').all(ticketId) as PrintHistoryRow[];
}

export type IndicatorRow = Readonly<{
  day: string; grp: string; group_name: string; counter: number | null; issued: number; finished: number; skipped: number; never_called: number;
  transferred: number; avg_wait: number | null; max_wait: number | null; avg_service: number | null;
}>;

export function queueIndicators(db: Db, from: string, to: string): IndicatorRow[] {
  return stmt(db, queueSql.indicators).all(from, to) as IndicatorRow[];
}

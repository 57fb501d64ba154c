import type { Db } from './database';
import { stmt } from './statements';
import type { LocalDate } from '../core/model';

// How a dossier gets its code, inside the intake transaction (so a rolled-back intake gives its
// number back). Two sources: a block of the day's range reserved for this station (no portal
// configured), or numbers leased from the portal, with a provisional code when none are left.

export type CodeAllocation = Readonly<{ code: string; provisional: boolean }>;
export type CodeAllocator = (db: Db, day: LocalDate) => CodeAllocation;

/** Next number of a counter, starting at `first`; the caller's transaction makes it atomic. */
function nextInCounter(db: Db, scope: string, day: LocalDate, first: number): number {
  const { last } = stmt(
    db,
    `INSERT INTO dossier_sequences (scope, day, last) VALUES (?, ?, ?)
     ON CONFLICT (scope, day) DO UPDATE SET last = last + 1 RETURNING last`,
  ).get(scope, day, first) as { last: number };
  return last;
}

/** The station's own block of the day's numbers (see sequenceRange). */
export function stationBlocks(o: Readonly<{
  scope: string;
  first: number;
  last: number;
  format: (seq: number, day: LocalDate) => string;
  onExhausted: () => never;
}>): CodeAllocator {
  return (db, day) => {
    const seq = nextInCounter(db, o.scope, day, o.first);
    if (seq > o.last) o.onExhausted(); // throws: the transaction rolls back, the counter too
    return { code: o.format(seq, day), provisional: false };
  };
}

/**
 * Numbers leased from the portal for the day, oldest lease first; when none is left, a provisional
 * code from the station's own counter. Provisional codes carry a "T" and the station number, so
 * they can never equal a final code nor another station's provisional one.
 */
export function leasedNumbers(o: Readonly<{
  agency: string;
  format: (seq: number, day: LocalDate) => string;
  provisionalFormat: (seq: number, day: LocalDate) => string;
  provisionalScope: string;
}>): CodeAllocator {
  return (db, day) => {
    const lease = stmt(db, 'SELECT id, next FROM number_leases WHERE agency = ? AND day = ? AND next <= last ORDER BY first LIMIT 1').get(
      o.agency,
      day,
    ) as { id: string; next: number } | undefined;
    if (lease) {
      stmt(db, 'UPDATE number_leases SET next = next + 1 WHERE id = ?').run(lease.id);
      return { code: o.format(lease.next, day), provisional: false };
    }
    return { code: o.provisionalFormat(nextInCounter(db, o.provisionalScope, day, 1), day), provisional: true };
  };
}

/** Leased numbers not used yet for a day (the sync worker tops the stock up while online). */
export function leasedNumbersLeft(db: Db, agency: string, day: LocalDate): number {
  const row = stmt(db, 'SELECT coalesce(sum(last - next + 1), 0) AS n FROM number_leases WHERE agency = ? AND day = ? AND next <= last').get(agency, day) as { n: number };
  return row.n;
}

export function addLease(db: Db, lease: Readonly<{ id: string; agency: string; day: LocalDate; first: number; last: number }>, now: number): void {
  stmt(db, 'INSERT OR IGNORE INTO number_leases (id, agency, day, first, last, next, obtained_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    lease.id, lease.agency, lease.day, lease.first, lease.last, lease.first, now,
  );
}

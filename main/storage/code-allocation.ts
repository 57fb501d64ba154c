import { writeTransaction, type Db } from './database';
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
  /**
   * The agency whose portal leases this station holds: numbers inside a lease of the day are
   * skipped (a station whose portal was switched off again must not mint what it leased).
   */
  agency?: string;
}>): CodeAllocator {
  return (db, day) => {
    let seq = nextInCounter(db, o.scope, day, o.first);
    const agency = o.agency;
    if (agency !== undefined) {
      for (let lease = leaseHolding(db, agency, day, seq); lease; lease = leaseHolding(db, agency, day, seq)) {
        seq = lease.last + 1;
        stmt(db, 'UPDATE dossier_sequences SET last = ? WHERE scope = ? AND day = ?').run(seq, o.scope, day);
      }
    }
    if (seq > o.last) o.onExhausted(); // throws: the transaction rolls back, the counter too
    return { code: o.format(seq, day), provisional: false };
  };
}

function leaseHolding(db: Db, agency: string, day: LocalDate, seq: number): { last: number } | undefined {
  return stmt(db, 'SELECT last FROM number_leases WHERE agency = ? AND day = ? AND ? BETWEEN first AND last ORDER BY last DESC LIMIT 1').get(agency, day, seq) as
    | { last: number }
    | undefined;
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

// ── What the station has used: a lease request says it, and a lease answer is checked against it ──

/** Numbers `first`–`last`, both included. */
export type NumberRange = Readonly<{ first: number; last: number }>;

/** The counter of the station's own block and where the block starts (core/dossier-code.ts sequenceRange). */
export type OwnBlock = Readonly<{ scope: string; first: number }>;

/** At most this many ranges go in a lease request; more are merged into one covering them all. */
export const MAX_USED_RANGES = 100;

/** Sorted, overlapping and touching ranges merged: 1–3, 4–9, 20–20 → 1–9, 20–20. */
export function mergeRanges(ranges: readonly NumberRange[]): NumberRange[] {
  const sorted = [...ranges].filter((r) => r.last >= r.first).sort((a, b) => a.first - b.first || a.last - b.last);
  const merged: Array<{ first: number; last: number }> = [];
  for (const r of sorted) {
    const top = merged.at(-1);
    if (top && r.first <= top.last + 1) top.last = Math.max(top.last, r.last);
    else merged.push({ first: r.first, last: r.last });
  }
  return merged;
}

function ownNumbers(db: Db, day: LocalDate, own: OwnBlock | null): NumberRange[] {
  if (!own) return [];
  const row = stmt(db, 'SELECT last FROM dossier_sequences WHERE scope = ? AND day = ?').get(own.scope, day) as { last: number } | undefined;
  return row && row.last >= own.first ? [{ first: own.first, last: row.last }] : [];
}

/**
 * The numbers this station used for `day` (what a lease request tells the portal): those of its
 * own block (before a portal was configured) and those of its leases. A list too long to send
 * becomes one range from the lowest to the highest: more than used, never less.
 */
export function numbersUsed(db: Db, agency: string, day: LocalDate, own: OwnBlock | null): NumberRange[] {
  const leased = stmt(db, 'SELECT first, next - 1 AS last FROM number_leases WHERE agency = ? AND day = ? AND next > first').all(agency, day) as NumberRange[];
  const used = mergeRanges([...ownNumbers(db, day, own), ...leased]);
  if (used.length <= MAX_USED_RANGES) return used;
  return [{ first: used[0]!.first, last: used.at(-1)!.last }];
}

/** The numbers the station holds for `day`, used or not: its own used numbers and every lease whole. */
export function numbersHeld(db: Db, agency: string, day: LocalDate, own: OwnBlock | null): NumberRange[] {
  const leased = stmt(db, 'SELECT first, last FROM number_leases WHERE agency = ? AND day = ?').all(agency, day) as NumberRange[];
  return mergeRanges([...ownNumbers(db, day, own), ...leased]);
}

/** What became of a lease the portal answered. */
export type LeaseAcceptance =
  | Readonly<{ kind: 'stored' }>
  /** The same lease again (same id and numbers): nothing to do. */
  | Readonly<{ kind: 'known' }>
  /** It overlaps numbers the station used or holds: refused, not stored. */
  | Readonly<{ kind: 'overlap'; lease: NumberRange; held: NumberRange }>
  /** For another agency or day, or an empty or negative range: refused, not stored. */
  | Readonly<{ kind: 'invalid'; detail: string }>;

/**
 * Stores a lease the portal answered, after checking it in the same write transaction as its
 * insert (an intake in between cannot slip a number past the check): a lease overlapping a number
 * this station used or holds is refused, so no number is ever handed out twice.
 */
export function acceptLease(
  db: Db,
  lease: Readonly<{ id: string; agency: string; day: LocalDate; first: number; last: number }>,
  asked: Readonly<{ agency: string; day: LocalDate }>,
  own: OwnBlock | null,
  now: number,
): LeaseAcceptance {
  return writeTransaction(db, (): LeaseAcceptance => {
    if (lease.agency !== asked.agency) return { kind: 'invalid', detail: `MaCoQuan ${lease.agency} ≠ ${asked.agency}` };
    if (lease.day !== asked.day) return { kind: 'invalid', detail: `Ngay ${lease.day} ≠ ${asked.day}` };
    if (!Number.isSafeInteger(lease.first) || !Number.isSafeInteger(lease.last) || lease.first < 1 || lease.last < lease.first) {
      return { kind: 'invalid', detail: `TuSo ${lease.first}, DenSo ${lease.last}` };
    }
    const same = stmt(db, 'SELECT first, last FROM number_leases WHERE id = ?').get(lease.id) as NumberRange | undefined;
    if (same) {
      return same.first === lease.first && same.last === lease.last
        ? { kind: 'known' }
        : { kind: 'invalid', detail: `IdCapSo ${lease.id}: ${same.first}–${same.last} ≠ ${lease.first}–${lease.last}` };
    }
    const held = numbersHeld(db, asked.agency, asked.day, own).find((r) => r.first <= lease.last && lease.first <= r.last);
    if (held) return { kind: 'overlap', lease: { first: lease.first, last: lease.last }, held };
    addLease(db, lease, now);
    return { kind: 'stored' };
  });
}

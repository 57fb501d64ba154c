import type { Db } from '../storage/db';
import { DUE_SQL, READY_SQL, RECORD_COLUMNS, toLifecycleRecord, WATCHED_SQL, type LifecycleRecord } from '../storage/lifecycle-store';
import { stmt } from '../storage/statements';
import { foldVietnamese, prefixUpperBound } from '../core/text-fold';
import type { LocalDateTime } from '../core/model';

// The overdue watch and the results waiting to be handed back, each served by a partial
// expression index of migration 0008: the date in force while the dossier is in the agency's
// hands (2, 4, 6), the time its result became ready while it waits (9).

export type WatchFilter = Readonly<{ procedureCode?: string | undefined; field?: string | undefined; officer?: string | undefined }>;

const FROM = 'FROM dossiers d LEFT JOIN procedures p ON p.code = d.procedure_code';
/** Who answers for a dossier in the agency's hands: whoever holds it now, else who received it. */
const HOLDER = 'coalesce(d.handler_name, d.officer_name)';
const FILTERS = `AND (@procedure IS NULL OR d.procedure_code = @procedure) AND (@field IS NULL OR p.field = @field) AND (@officer IS NULL OR ${HOLDER} = @officer)`;
const RANGE = `${WATCHED_SQL} AND ${DUE_SQL} >= @from AND ${DUE_SQL} < @to`;

export const watchSql = {
  list: `SELECT ${RECORD_COLUMNS} ${FROM} WHERE ${RANGE} ${FILTERS} ORDER BY ${DUE_SQL} LIMIT @limit OFFSET @offset`,
  /** One pass over the watch's index (it holds the procedure and the holder): the groupings are counted from it. */
  groups: `SELECT d.procedure_code AS procedure, ${HOLDER} AS holder, count(*) AS count ${FROM} WHERE ${RANGE} ${FILTERS} GROUP BY d.procedure_code, ${HOLDER}`,
  count: `SELECT count(*) AS n FROM dossiers d WHERE ${WATCHED_SQL} AND ${DUE_SQL} >= ? AND ${DUE_SQL} < ?`,
  nextDue: `SELECT min(${DUE_SQL}) AS at FROM dossiers d WHERE ${WATCHED_SQL} AND ${DUE_SQL} > ?`,
  ready: `SELECT ${RECORD_COLUMNS}, ${READY_SQL} AS ready_since ${FROM} WHERE d.status = 9 ORDER BY ${READY_SQL} LIMIT ? OFFSET ?`,
  readyCount: 'SELECT count(*) AS n FROM dossiers d WHERE d.status = 9',
  /** The search keys of the results waiting (migration 0008's ready_search, kept by triggers): "n" names, "c" codes, "i" identity numbers, "p" phones. */
  readyByKey: `SELECT ${RECORD_COLUMNS}, ${READY_SQL} AS ready_since FROM ready_search k JOIN dossiers d ON d.id = k.dossier_id
               LEFT JOIN procedures p ON p.code = d.procedure_code WHERE k.key >= ? AND k.key < ? AND d.status = 9 LIMIT ?`,
} as const;

export type WatchRange = Readonly<{ from: LocalDateTime; toExclusive: LocalDateTime }>;

const params = (range: WatchRange, f: WatchFilter) => ({
  from: range.from, to: range.toExclusive, procedure: f.procedureCode ?? null, field: f.field ?? null, officer: f.officer ?? null,
});

export function watchList(db: Db, range: WatchRange, f: WatchFilter, limit: number, offset: number): LifecycleRecord[] {
  return (stmt(db, watchSql.list).all({ ...params(range, f), limit, offset }) as Parameters<typeof toLifecycleRecord>[0][]).map(toLifecycleRecord);
}

export type Group = Readonly<{ key: string; label: string; count: number }>;

const sorted = (groups: Group[]) => groups.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'vi'));

/** The watch's dossiers counted by procedure, field and officer. `procedures`: the catalogue's names and fields. */
export function watchGroups(db: Db, range: WatchRange, f: WatchFilter, procedures: ReadonlyMap<string, Readonly<{ name: string; field: string }>>): { byProcedure: Group[]; byField: Group[]; byOfficer: Group[] } {
  const byProcedure = new Map<string, number>();
  const byField = new Map<string, number>();
  const byOfficer = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  for (const r of stmt(db, watchSql.groups).all(params(range, f)) as Array<{ procedure: string; holder: string; count: number }>) {
    add(byProcedure, r.procedure, r.count);
    add(byField, procedures.get(r.procedure)?.field ?? '', r.count);
    add(byOfficer, r.holder, r.count);
  }
  const groups = (m: Map<string, number>, label: (k: string) => string) => sorted([...m].map(([key, count]) => ({ key, label: label(key), count })));
  return {
    byProcedure: groups(byProcedure, (k) => procedures.get(k)?.name ?? k),
    byField: groups(byField, (k) => k),
    byOfficer: groups(byOfficer, (k) => k),
  };
}

export function watchCount(db: Db, range: WatchRange): number {
  return (stmt(db, watchSql.count).get(range.from, range.toExclusive) as { n: number }).n;
}

/** When the next dossier of the watch passes its date (a list changes then without any write). */
export function nextWatchDue(db: Db, after: LocalDateTime): LocalDateTime | null {
  return (stmt(db, watchSql.nextDue).get(after) as { at: string | null }).at;
}

export type ReadyRecord = LifecycleRecord & Readonly<{ readySince: LocalDateTime }>;
type ReadyRow = Parameters<typeof toLifecycleRecord>[0] & { ready_since: string };
const toReady = (r: ReadyRow): ReadyRecord => ({ ...toLifecycleRecord(r), readySince: r.ready_since });

/** How many matches a search of the results waiting looks at (then sorted oldest first). */
const SEARCH_CAP = 500;

/** Results waiting to be handed back, oldest first; a query looks up names, identity numbers, phones and codes among them. */
export function readyResults(db: Db, query: string, limit: number, offset: number): { total: number; rows: ReadyRecord[] } {
  const q = query.trim();
  if (q === '') {
    return {
      total: (stmt(db, watchSql.readyCount).get() as { n: number }).n,
      rows: (stmt(db, watchSql.ready).all(limit, offset) as ReadyRow[]).map(toReady),
    };
  }
  const compact = q.replace(/[\s.\-()]/g, '');
  const run = (kind: 'n' | 'c' | 'i' | 'p', prefix: string) => {
    const key = `${kind}${prefix}`;
    return stmt(db, watchSql.readyByKey).all(key, prefixUpperBound(key), SEARCH_CAP) as ReadyRow[];
  };
  let rows: ReadyRow[];
  if (/^\+?\d{3,}$/.test(compact)) {
    const digits = compact.replace(/^\+84/, '0');
    rows = [...run('i', digits), ...run('p', digits), ...run('c', q.replace(/\s+/g, '').toUpperCase())];
  } else if (/\d/.test(q) && /[-.]/.test(q)) {
    rows = run('c', q.replace(/\s+/g, '').toUpperCase());
  } else {
    const folded = foldVietnamese(q);
    rows = folded === '' ? [] : run('n', folded);
  }
  const seen = new Set<number>();
  const unique = rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).sort((a, b) => (a.ready_since < b.ready_since ? -1 : a.ready_since > b.ready_since ? 1 : a.id - b.id));
  return { total: unique.length, rows: unique.slice(offset, offset + limit).map(toReady) };
}

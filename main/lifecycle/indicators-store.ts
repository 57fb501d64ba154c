import type { Db } from '../storage/db';
import { DUE_SQL, HANDLED_SQL, RECORD_COLUMNS, TIMELINESS_SQL, toLifecycleRecord, WATCHED_SQL, type LifecycleRecord } from '../storage/lifecycle-store';
import { stmt } from '../storage/statements';
import type { DossierStatus } from '../core/lifecycle';
import type { LocalDate, LocalDateTime } from '../core/model';
import { addDays } from '../core/time';
import type { LogBookEntry } from '../forms/log-book';
import { formatDate } from '../forms/form-layout';
import type { DossierFact, FieldCounts, SubmissionChannel } from '../reports/results-report';

// The unit's indicators (the dashboard reads the counts the triggers of migration 0008 keep in
// lifecycle_daily, never the million dossiers), the dossiers behind each number, the log book's
// lines and the periodic report's counts per field.

// ---------------------------------------------------------------------------------------------
// The dashboard

export type DailyRow = Readonly<{
  procedureCode: string; procedureName: string | null; field: string | null; officer: string;
  received: number; digitised: number; signed: number; early: number; onTime: number; late: number; processingMinutes: number; timed: number;
}>;

export const indicatorsSql = {
  daily: `SELECT l.procedure_code AS procedureCode, p.name AS procedureName, p.field AS field, l.officer AS officer,
            sum(l.received) AS received, sum(l.digitised) AS digitised, sum(l.signed) AS signed, sum(l.early) AS early, sum(l.on_time) AS onTime,
            sum(l.late) AS late, sum(l.processing_minutes) AS processingMinutes, sum(l.timed) AS timed
          FROM lifecycle_daily l LEFT JOIN procedures p ON p.code = l.procedure_code
          WHERE l.day >= ? AND l.day <= ? GROUP BY l.procedure_code, l.officer`,
  series: `SELECT l.day AS day, sum(l.received) AS received, sum(l.early + l.on_time + l.late) AS handled, sum(l.late) AS late
           FROM lifecycle_daily l WHERE l.day >= ? AND l.day <= ? GROUP BY l.day`,
  overdueNow: `SELECT d.procedure_code AS procedureCode, coalesce(d.handler_name, d.officer_name) AS officer, count(*) AS n
               FROM dossiers d WHERE ${WATCHED_SQL} AND ${DUE_SQL} < ? GROUP BY d.procedure_code, coalesce(d.handler_name, d.officer_name)`,
  procedureNames: 'SELECT code, name, field FROM procedures',
} as const;

export function dailyRows(db: Db, from: LocalDate, to: LocalDate): DailyRow[] {
  return stmt(db, indicatorsSql.daily).all(from, to) as DailyRow[];
}

export function dailySeries(db: Db, from: LocalDate, to: LocalDate): Array<{ day: LocalDate; received: number; handled: number; late: number }> {
  return stmt(db, indicatorsSql.series).all(from, to) as Array<{ day: LocalDate; received: number; handled: number; late: number }>;
}

export function overdueNow(db: Db, now: LocalDateTime): Array<{ procedureCode: string; officer: string; n: number }> {
  return stmt(db, indicatorsSql.overdueNow).all(now) as Array<{ procedureCode: string; officer: string; n: number }>;
}

export function procedureIndex(db: Db): Map<string, { name: string; field: string }> {
  return new Map((stmt(db, indicatorsSql.procedureNames).all() as Array<{ code: string; name: string; field: string }>).map((p) => [p.code, { name: p.name, field: p.field }]));
}

// ---------------------------------------------------------------------------------------------
// The dossiers behind a number

export type Measure = 'received' | 'digitised' | 'not_digitised' | 'signed' | 'handled' | 'early' | 'on_time' | 'late' | 'overdue_now';

const FROM = 'FROM dossiers d LEFT JOIN procedures p ON p.code = d.procedure_code';
const filters = (officer: string) =>
  `AND (@procedure IS NULL OR d.procedure_code = @procedure) AND (@field IS NULL OR p.field = @field) AND (@officer IS NULL OR ${officer} = @officer)`;
const RECEIVED = `d.received_date >= @from AND d.received_date <= @to ${filters('d.officer_name')}`;
const HANDLED = `${HANDLED_SQL} >= @start AND ${HANDLED_SQL} < @end ${filters('coalesce(d.finished_by, d.officer_name)')}`;
const OVERDUE = `${WATCHED_SQL} AND ${DUE_SQL} < @now ${filters('coalesce(d.handler_name, d.officer_name)')}`;

const MEASURE_WHERE: Readonly<Record<Measure, Readonly<{ where: string; order: string }>>> = {
  received: { where: RECEIVED, order: 'd.received_date, d.received_at' },
  digitised: { where: `${RECEIVED} AND d.digitised = 1`, order: 'd.received_date, d.received_at' },
  not_digitised: { where: `${RECEIVED} AND d.digitised = 0`, order: 'd.received_date, d.received_at' },
  signed: { where: `${RECEIVED} AND d.signed = 1`, order: 'd.received_date, d.received_at' },
  handled: { where: HANDLED, order: HANDLED_SQL },
  early: { where: `${HANDLED} AND ${TIMELINESS_SQL} = 'early'`, order: HANDLED_SQL },
  on_time: { where: `${HANDLED} AND ${TIMELINESS_SQL} = 'on_time'`, order: HANDLED_SQL },
  late: { where: `${HANDLED} AND ${TIMELINESS_SQL} = 'late'`, order: HANDLED_SQL },
  overdue_now: { where: OVERDUE, order: DUE_SQL },
};

export const drillDownSql = Object.fromEntries(
  Object.entries(MEASURE_WHERE).flatMap(([measure, q]) => [
    [`${measure}.list`, `SELECT ${RECORD_COLUMNS} ${FROM} WHERE ${q.where} ORDER BY ${q.order} LIMIT @limit OFFSET @offset`],
    [`${measure}.count`, `SELECT count(*) AS n ${FROM} WHERE ${q.where}`],
  ]),
) as Readonly<Record<string, string>>;

export type DrillDownQuery = Readonly<{
  measure: Measure; from: LocalDate; to: LocalDate; now: LocalDateTime;
  procedureCode?: string | undefined; field?: string | undefined; officer?: string | undefined; limit: number; offset: number;
}>;

export function drillDown(db: Db, q: DrillDownQuery): { total: number; rows: LifecycleRecord[] } {
  const p = {
    from: q.from, to: q.to, start: `${q.from}T00:00`, end: `${addDays(q.to, 1)}T00:00`, now: q.now,
    procedure: q.procedureCode ?? null, field: q.field ?? null, officer: q.officer ?? null,
  };
  // Each statement binds only the parameters it names.
  const named = (sql: string, extra: Record<string, unknown> = {}) => {
    const all = { ...p, ...extra } as Record<string, unknown>;
    return Object.fromEntries(Object.entries(all).filter(([k]) => sql.includes(`@${k}`)));
  };
  const list = drillDownSql[`${q.measure}.list`] as string;
  const count = drillDownSql[`${q.measure}.count`] as string;
  return {
    total: (stmt(db, count).get(named(count)) as { n: number }).n,
    rows: (stmt(db, list).all(named(list, { limit: q.limit, offset: q.offset })) as Parameters<typeof toLifecycleRecord>[0][]).map(toLifecycleRecord),
  };
}

// ---------------------------------------------------------------------------------------------
// The log book (Mẫu 06)

type LogRow = {
  log_book_line: number; code: string; procedure_name: string; owner_name: string; owner_address: string; owner_phone: string; received_local: string;
  appointment_local: string; rescheduled_local: string | null; finished_local: string | null; returned_local: string | null; returned_to: string | null;
  return_note: string | null; status: number;
};

export const logBookSql = {
  entries: `SELECT d.log_book_line, d.code, d.procedure_name, d.owner_name, d.owner_address, d.owner_phone, d.received_local, d.appointment_local,
              d.rescheduled_local, d.finished_local, d.returned_local, d.returned_to, d.return_note, d.status
            FROM dossiers d WHERE d.received_date >= ? AND d.received_date <= ? ORDER BY d.received_date, d.received_at LIMIT ?`,
} as const;

function noteOf(r: LogRow): string | undefined {
  const parts: string[] = [];
  if (r.status === 7) parts.push('Rút hồ sơ');
  if (r.status === 8) parts.push('Dừng xử lý');
  if (r.status === 5) parts.push('Chờ bổ sung');
  if (r.rescheduled_local !== null) parts.push(`Hẹn lại ${r.rescheduled_local.slice(11, 16)} ${formatDate(r.rescheduled_local)}`);
  if (r.return_note !== null) parts.push(r.return_note);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** The lines of the log book of the days [from, to], in the order received (at most `limit`). */
export function logBookEntries(db: Db, from: LocalDate, to: LocalDate, limit: number): LogBookEntry[] {
  return (stmt(db, logBookSql.entries).all(from, to, limit) as LogRow[]).map((r) => {
    const note = noteOf(r);
    return {
      line: r.log_book_line, dossierCode: r.code, procedureName: r.procedure_name, ownerName: r.owner_name, address: r.owner_address, phone: r.owner_phone,
      receivedAt: r.received_local, appointmentAt: r.appointment_local,
      ...(r.finished_local !== null ? { resultAt: r.finished_local } : {}),
      ...(r.returned_local !== null ? { returnedAt: r.returned_local } : {}),
      ...(r.returned_to !== null ? { receiverName: r.returned_to } : {}),
      ...(note !== undefined ? { note } : {}),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The periodic report's counts per field (reports/results-report.ts `aggregateResults` is the
// reference: the same rules as one GROUP BY, tested equal on the same dossiers)

/** The field a dossier is counted under when its procedure has left the catalogue. */
export const UNKNOWN_FIELD = 'Chưa phân loại';

const ENDED = `coalesce(${HANDLED_SQL}, CASE WHEN d.status IN (7, 8) THEN d.closed_local END)`;

export const resultsSql = {
  counts: `SELECT coalesce(p.field, '${UNKNOWN_FIELD}') AS field,
      coalesce(sum(d.received_local < @start), 0) AS carriedOver,
      coalesce(sum(d.received_local >= @start AND d.channel = 2), 0) AS newOnline,
      coalesce(sum(d.received_local >= @start AND d.channel = 1), 0) AS newCounter,
      coalesce(sum(d.received_local >= @start AND d.channel = 3), 0) AS newPost,
      coalesce(sum(${HANDLED_SQL} < @end AND ${TIMELINESS_SQL} = 'early'), 0) AS early,
      coalesce(sum(${HANDLED_SQL} < @end AND ${TIMELINESS_SQL} = 'on_time'), 0) AS onTime,
      coalesce(sum(${HANDLED_SQL} < @end AND ${TIMELINESS_SQL} = 'late'), 0) AS late,
      coalesce(sum(NOT coalesce(${ENDED} < @end, 0) AND d.appointment_local >= @end), 0) AS inProgressWithinTime,
      coalesce(sum(NOT coalesce(${ENDED} < @end, 0) AND d.appointment_local < @end), 0) AS inProgressOverdue,
      coalesce(sum(${HANDLED_SQL} IS NULL AND d.status IN (7, 8) AND d.closed_local < @end), 0) AS withdrawnOrStopped
    FROM dossiers d LEFT JOIN procedures p ON p.code = d.procedure_code
    WHERE d.received_local < @end AND coalesce(${ENDED} >= @start, 1)
    GROUP BY coalesce(p.field, '${UNKNOWN_FIELD}')`,
  facts: `SELECT coalesce(p.field, '${UNKNOWN_FIELD}') AS field, d.channel, d.status, d.received_local, d.appointment_local, d.finished_local,
            d.returned_local, d.closed_local FROM dossiers d LEFT JOIN procedures p ON p.code = d.procedure_code`,
} as const;

const collator = new Intl.Collator('vi');

/** Per field for [start, end): `end` is the end of the period, or the moment the figures are taken when earlier. */
export function resultsCounts(db: Db, start: LocalDateTime, end: LocalDateTime): FieldCounts[] {
  return (stmt(db, resultsSql.counts).all({ start, end }) as FieldCounts[]).sort((a, b) => collator.compare(a.field, b.field));
}

/** Every dossier as the report's reference aggregation reads it (tests; a full recount). */
export function* reportFacts(db: Db): Generator<DossierFact> {
  type Row = { field: string; channel: number; status: number; received_local: string; appointment_local: string; finished_local: string | null; returned_local: string | null; closed_local: string | null };
  for (const r of stmt(db, resultsSql.facts).iterate() as IterableIterator<Row>) {
    yield {
      field: r.field, channel: r.channel as SubmissionChannel, status: r.status as DossierStatus, receivedAt: r.received_local, appointmentAt: r.appointment_local,
      ...(r.finished_local !== null ? { finishedAt: r.finished_local } : {}),
      ...(r.returned_local !== null ? { returnedAt: r.returned_local } : {}),
      ...(r.closed_local !== null ? { closedAt: r.closed_local } : {}),
    };
  }
}

import type { Db } from '../storage/db';
import { stmt } from '../storage/statements';
import type { DossierDraft } from '../contract/schemas';
import { foldVietnamese, nameSuffixes, prefixUpperBound } from '../core/text-fold';
import type { LocalDateTime } from '../core/model';

// Requests handled at the counter without receiving a dossier. Incomplete papers: the form as
// typed is kept, so that when the citizen comes back — found by name (diacritics optional) or
// identity number — the intake resumes with everything typed; the dossier received then carries
// the same intake key, which is how the request knows it was resumed. Refusals: the form and
// the reason, for the record and Mẫu 03.

export type CounterRequestKind = 'supplement' | 'refusal';

export type CounterRequest = Readonly<{
  id: number;
  intakeKey: string;
  kind: CounterRequestKind;
  procedureCode: string;
  procedureName: string;
  ownerName: string;
  ownerIdNumber: string;
  draft: DossierDraft;
  items: readonly string[];
  reason: string;
  officerName: string;
  at: LocalDateTime;
  closedAt: LocalDateTime | null;
  /** The code of the dossier received from the same form, once it was. */
  resumedAs: string | null;
}>;

type Row = {
  id: number; intake_key: string; kind: CounterRequestKind; procedure_code: string; procedure_name: string; owner_name: string; owner_id_number: string;
  draft: string; items: string; reason: string; officer_name: string; at_local: string; closed_local: string | null; resumed_as: string | null;
};

const COLUMNS = `r.id, r.intake_key, r.kind, r.procedure_code, r.procedure_name, r.owner_name, r.owner_id_number, r.draft, r.items, r.reason,
  r.officer_name, r.at_local, r.closed_local, (SELECT d.code FROM dossiers d WHERE d.intake_key = r.intake_key) AS resumed_as`;

const toRequest = (r: Row): CounterRequest => ({
  id: r.id, intakeKey: r.intake_key, kind: r.kind, procedureCode: r.procedure_code, procedureName: r.procedure_name, ownerName: r.owner_name,
  ownerIdNumber: r.owner_id_number, draft: JSON.parse(r.draft) as DossierDraft, items: JSON.parse(r.items) as string[], reason: r.reason,
  officerName: r.officer_name, at: r.at_local, closedAt: r.closed_local, resumedAs: r.resumed_as,
});

/** Open, not yet received: what the search at the start of an intake looks for. */
const OPEN = "r.kind = 'supplement' AND r.closed_local IS NULL AND NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.intake_key = r.intake_key)";

export const counterRequestSql = {
  openByName: `SELECT DISTINCT ${COLUMNS} FROM counter_request_names n JOIN counter_requests r ON r.id = n.request_id
               WHERE n.suffix >= ? AND n.suffix < ? AND ${OPEN} ORDER BY n.suffix, n.request_id DESC LIMIT ?`,
  openByIdNumber: `SELECT ${COLUMNS} FROM counter_requests r WHERE r.owner_id_number >= ? AND r.owner_id_number < ?
                   AND r.kind = 'supplement' AND r.closed_local IS NULL AND NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.intake_key = r.intake_key)
                   ORDER BY r.owner_id_number, r.id LIMIT ?`,
  recentOpen: `SELECT ${COLUMNS} FROM counter_requests r WHERE r.kind = 'supplement' AND r.closed_local IS NULL AND r.at_local >= ?
               AND NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.intake_key = r.intake_key) ORDER BY r.at_local DESC LIMIT ?`,
  byIntakeKey: `SELECT ${COLUMNS} FROM counter_requests r WHERE r.intake_key = ? ORDER BY r.intake_key, r.kind`,
} as const;

export type NewCounterRequest = Readonly<{
  kind: CounterRequestKind;
  draft: DossierDraft;
  procedureName: string;
  items: readonly string[];
  reason: string;
  officer: Readonly<{ id: string; name: string }>;
  at: LocalDateTime;
  createdAt: number;
}>;

/**
 * Keeps a request, in the caller's transaction: a new one, or — the same form asked again
 * (the citizen came back still without everything) — the open one brought up to date.
 */
export function saveCounterRequest(db: Db, r: NewCounterRequest): number {
  const existing = stmt(db, 'SELECT id FROM counter_requests WHERE intake_key = ? AND kind = ?').get(r.draft.intakeKey, r.kind) as { id: number } | undefined;
  const owner = r.draft.owner;
  const idNumber = owner.idNumber.replace(/\s+/g, '');
  let id: number;
  if (existing) {
    id = existing.id;
    stmt(db, `UPDATE counter_requests SET procedure_code = ?, procedure_name = ?, owner_name = ?, owner_id_number = ?, draft = ?, items = ?, reason = ?,
                officer_id = ?, officer_name = ?, at_local = ?, closed_local = NULL WHERE id = ?`).run(
      r.draft.procedureCode, r.procedureName, owner.fullName, idNumber, JSON.stringify(r.draft), JSON.stringify(r.items), r.reason,
      r.officer.id, r.officer.name, r.at, id,
    );
    stmt(db, 'DELETE FROM counter_request_names WHERE request_id = ?').run(id);
  } else {
    const { lastInsertRowid } = stmt(db, `INSERT INTO counter_requests (intake_key, kind, procedure_code, procedure_name, owner_name, owner_id_number, draft,
                items, reason, officer_id, officer_name, at_local, created_at, closed_local) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      r.draft.intakeKey, r.kind, r.draft.procedureCode, r.procedureName, owner.fullName, idNumber, JSON.stringify(r.draft), JSON.stringify(r.items),
      r.reason, r.officer.id, r.officer.name, r.at, r.createdAt, r.kind === 'refusal' ? r.at : null,
    );
    id = Number(lastInsertRowid);
  }
  const insert = stmt(db, 'INSERT OR IGNORE INTO counter_request_names (suffix, request_id) VALUES (?, ?)');
  for (const name of [owner.fullName, r.draft.submitter?.fullName]) if (name) for (const suffix of nameSuffixes(foldVietnamese(name))) insert.run(suffix, id);
  return id;
}

/** A refusal closes the same form's open supplement request: the citizen will not come back with it. */
export function closeOpenSupplement(db: Db, intakeKey: string, at: LocalDateTime): void {
  stmt(db, "UPDATE counter_requests SET closed_local = ? WHERE intake_key = ? AND kind = 'supplement' AND closed_local IS NULL").run(at, intakeKey);
}

export function counterRequestById(db: Db, id: number): CounterRequest | undefined {
  const row = stmt(db, `SELECT ${COLUMNS} FROM counter_requests r WHERE r.id = ?`).get(id) as Row | undefined;
  return row ? toRequest(row) : undefined;
}

export function counterRequestsOfIntake(db: Db, intakeKey: string): CounterRequest[] {
  return (stmt(db, counterRequestSql.byIntakeKey).all(intakeKey) as Row[]).map(toRequest);
}

/** Open requests by identity number (digits) or name (any word's start, diacritics optional); the latest when the query is empty. */
export function findOpenRequests(db: Db, query: string, limit: number, sinceLocal: LocalDateTime): CounterRequest[] {
  const compact = query.replace(/\s+/g, '');
  let rows: Row[];
  if (compact === '') rows = stmt(db, counterRequestSql.recentOpen).all(sinceLocal, limit) as Row[];
  else if (/^\d+$/.test(compact)) rows = stmt(db, counterRequestSql.openByIdNumber).all(compact, prefixUpperBound(compact), limit) as Row[];
  else {
    const folded = foldVietnamese(query);
    if (!folded) return [];
    rows = stmt(db, counterRequestSql.openByName).all(folded, prefixUpperBound(folded), limit) as Row[];
  }
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).map(toRequest);
}

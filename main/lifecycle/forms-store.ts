import type { Db } from '../storage/db';
import { auditAction } from '../storage/audit-log';
import { stmt } from '../storage/statements';
import type { LocalDateTime } from '../core/model';
import { toVietnamLocal } from '../core/time';

// The forms the counter issues (Mẫu 02–05, the stop notice, the handover note, the log book):
// each issued once with its number and the data it was laid out from, so a reprint is the same
// document; each print recorded with when, by whom and where.

export type FormKindName = 'receipt_slip' | 'supplement_request' | 'refusal' | 'apology' | 'processing_control' | 'stop_notice' | 'result_handover' | 'log_book';

/** The suffix of a form's number ("01-0012/PYCBS"); forms without one print no "Số". */
const NUMBER_SUFFIX: Readonly<Partial<Record<FormKindName, string>>> = {
  supplement_request: 'PYCBS',
  refusal: 'PTC',
  apology: 'PXL',
  stop_notice: 'TB-DXL',
  result_handover: 'GNKQ',
};

export type IssuedFormRecord = Readonly<{
  id: number;
  dossierId: number | null;
  requestId: number | null;
  eventId: number | null;
  kind: FormKindName;
  formSet: string;
  number: string | null;
  title: string;
  issuedAt: LocalDateTime;
  officerName: string;
  data: unknown;
}>;

export type FormPrint = Readonly<{ at: LocalDateTime; officerName: string; printer: string | null; copies: number }>;

type FormRow = {
  id: number; dossier_id: number | null; request_id: number | null; event_id: number | null; kind: FormKindName; form_set: string; number: string | null;
  title: string; issued_local: string; officer_name: string; data: string;
};

const toRecord = (r: FormRow): IssuedFormRecord => ({
  id: r.id, dossierId: r.dossier_id, requestId: r.request_id, eventId: r.event_id, kind: r.kind, formSet: r.form_set, number: r.number, title: r.title,
  issuedAt: r.issued_local, officerName: r.officer_name, data: JSON.parse(r.data) as unknown,
});

export const formsSql = {
  ofDossier: 'SELECT * FROM issued_forms WHERE dossier_id = ? ORDER BY dossier_id, id',
  ofRequest: 'SELECT * FROM issued_forms WHERE request_id = ? ORDER BY request_id, id',
  printsOf: 'SELECT printed_local, officer_name, printer, copies FROM form_prints WHERE form_id = ? ORDER BY form_id, id',
} as const;

/**
 * The next number of a kind of form this year, "SS-NNNN/SUFFIX" (SS the station, so that two
 * stations of an agency offline never print the same number); null for forms without a number.
 */
export function nextFormNumber(db: Db, kind: FormKindName, year: string, stationNumber: number): string | null {
  const suffix = NUMBER_SUFFIX[kind];
  if (suffix === undefined) return null;
  const { last } = stmt(db, `INSERT INTO form_numbers (kind, year, last) VALUES (?, ?, 1)
            ON CONFLICT (kind, year) DO UPDATE SET last = last + 1 RETURNING last`).get(kind, year) as { last: number };
  return `${String(stationNumber).padStart(2, '0')}-${String(last).padStart(4, '0')}/${suffix}`;
}

export type NewIssuedForm = Readonly<{
  dossierId?: number;
  requestId?: number;
  eventId?: number;
  kind: FormKindName;
  formSet: string;
  number: string | null;
  title: string;
  officer: Readonly<{ id: string; name: string }>;
  at: Date;
  data: unknown;
}>;

/** Records a form issued, in the caller's transaction (the transition's, when it goes with one). */
export function insertIssuedForm(db: Db, f: NewIssuedForm): number {
  const { lastInsertRowid } = stmt(db, `INSERT INTO issued_forms (dossier_id, request_id, event_id, kind, form_set, number, title, issued_local, issued_at,
              officer_id, officer_name, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    f.dossierId ?? null, f.requestId ?? null, f.eventId ?? null, f.kind, f.formSet, f.number, f.title, toVietnamLocal(f.at), f.at.getTime(),
    f.officer.id, f.officer.name, JSON.stringify(f.data),
  );
  const id = Number(lastInsertRowid);
  auditAction(db, f.officer, f.at, 'form.issue', { dossierId: f.dossierId ?? null, after: { form: id, kind: f.kind, number: f.number } });
  return id;
}

export function issuedFormById(db: Db, id: number): IssuedFormRecord | undefined {
  const row = stmt(db, 'SELECT * FROM issued_forms WHERE id = ?').get(id) as FormRow | undefined;
  return row ? toRecord(row) : undefined;
}

export function formsOfDossier(db: Db, dossierId: number): IssuedFormRecord[] {
  return (stmt(db, formsSql.ofDossier).all(dossierId) as FormRow[]).map(toRecord);
}

/** The latest form of a kind issued for a dossier. */
export function lastFormOf(db: Db, dossierId: number, kind: FormKindName): IssuedFormRecord | undefined {
  const row = stmt(db, 'SELECT * FROM issued_forms WHERE dossier_id = ? AND kind = ? ORDER BY dossier_id DESC, id DESC LIMIT 1').get(dossierId, kind) as FormRow | undefined;
  return row ? toRecord(row) : undefined;
}

export function formsOfRequest(db: Db, requestId: number): IssuedFormRecord[] {
  return (stmt(db, formsSql.ofRequest).all(requestId) as FormRow[]).map(toRecord);
}

export function printsOf(db: Db, formId: number): FormPrint[] {
  return (stmt(db, formsSql.printsOf).all(formId) as Array<{ printed_local: string; officer_name: string; printer: string | null; copies: number }>).map((p) => ({
    at: p.printed_local, officerName: p.officer_name, printer: p.printer, copies: p.copies,
  }));
}

/** One print of a form (a PDF made for the browser's print dialog has no printer), with its audit entry. */
export function recordPrint(db: Db, formId: number, dossierId: number | null, officer: Readonly<{ id: string; name: string }>, at: Date, printer: string | null, copies: number): void {
  stmt(db, 'INSERT INTO form_prints (form_id, printed_at, printed_local, officer_id, officer_name, printer, copies) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    formId, at.getTime(), toVietnamLocal(at), officer.id, officer.name, printer, copies,
  );
  auditAction(db, officer, at, 'form.print', { dossierId, after: { form: formId, printer, copies } });
}

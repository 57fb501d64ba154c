import type { Db } from './db';
import { stmt } from './statements';
import type { CodeAllocator } from './code-allocation';
import { writeTransaction } from './database';
import { auditAction } from './audit-log';
import { enqueue, pendingCount, replaceInPayloads } from './outbox-store';
import { StationError } from '../core/errors';
import type { Dossier, DossierSummary, NewDossier, Person, ProcessingTime, SubmissionChannel } from '../core/model';
import { codeSearchKeys, foldVietnamese, nameSuffixes, prefixUpperBound } from '../core/text-fold';

// The dossiers: receiving one (code, log-book line, documents, search keys and its outbox entry
// in one transaction), reading them, finding them, and what the portal's answers change in them.

export type { NewDossier } from '../core/model';

/** A dossier as the contract shows it: the domain dossier, its list columns, what waits to sync. */
export type DossierView = Dossier & DossierSummary & Readonly<{ pendingSync: number }>;

/** The outbox entry that goes with a new dossier; its payload needs the code allocated. */
export type OutboxEntry = Readonly<{ kind: 'dossier.create'; idempotencyKey: string; payload: (code: string, provisional: boolean) => unknown }>;

type DossierRow = {
  id: number; code: string; procedure_code: string; procedure_name: string; processing_time: string; status: number; channel: number;
  owner_name: string; owner_id_number: string; owner_birth_date: string; owner_phone: string; owner_email: string | null; owner_address: string;
  submitter_name: string | null; submitter_id_number: string | null; submitter_phone: string | null;
  result_delivery: 'counter' | 'post'; postal_address: string | null; sets: number; notes: string | null;
  received_local: string; counting_from_local: string; appointment_local: string; log_book_volume: string; log_book_line: number;
  officer_name: string; code_is_provisional: number;
};

const SUMMARY_COLUMNS = `d.code, d.procedure_code, d.procedure_name, d.status, d.owner_name, d.owner_id_number, d.owner_phone,
  d.owner_address, d.received_local, d.appointment_local, d.log_book_line`;

type SummaryRow = Pick<DossierRow, 'code' | 'procedure_code' | 'procedure_name' | 'status' | 'owner_name' | 'owner_id_number' |
  'owner_phone' | 'owner_address' | 'received_local' | 'appointment_local' | 'log_book_line'>;

function toSummary(r: SummaryRow): DossierSummary {
  return {
    code: r.code, procedureCode: r.procedure_code, procedureName: r.procedure_name, status: r.status, ownerName: r.owner_name,
    ownerIdNumber: r.owner_id_number, ownerPhone: r.owner_phone, ownerAddress: r.owner_address, receivedAt: r.received_local,
    appointmentAt: r.appointment_local, logBookLine: r.log_book_line,
  };
}

function writeNameKeys(db: Db, dossierId: number, names: ReadonlyArray<string | null | undefined>): void {
  const insert = stmt(db, 'INSERT OR IGNORE INTO dossier_search_names (suffix, dossier_id) VALUES (?, ?)');
  for (const name of names) if (name) for (const suffix of nameSuffixes(foldVietnamese(name))) insert.run(suffix, dossierId);
}

function writeCodeKeys(db: Db, dossierId: number, codes: ReadonlyArray<string | null>): void {
  const insert = stmt(db, 'INSERT OR IGNORE INTO dossier_search_codes (key, dossier_id) VALUES (?, ?)');
  for (const code of codes) if (code) for (const key of codeSearchKeys(code)) insert.run(key, dossierId);
}

/**
 * Receives a dossier: allocates its code and log-book line, writes it with its documents, its
 * search keys and its outbox entry — all in one write transaction, so a crash leaves either
 * all of it or none. Saving the same intake key again answers the dossier already saved.
 */
export function insertDossier(
  db: Db, d: NewDossier, allocate: CodeAllocator, outbox: OutboxEntry, officer?: Readonly<{ id: string }> | null,
): { id: number; created: boolean } {
  return writeTransaction(db, () => {
    const existing = stmt(db, 'SELECT id FROM dossiers WHERE intake_key = ?').get(d.intakeKey) as { id: number } | undefined;
    if (existing) return { id: existing.id, created: false };

    const day = d.receivedAt.slice(0, 10);
    const { code: dossierCode, provisional } = allocate(db, day);
    const { last: line } = stmt(db, `INSERT INTO log_book_lines (volume, last) VALUES (?, 1)
                ON CONFLICT (volume) DO UPDATE SET last = last + 1 RETURNING last`)
      .get(d.logBookVolume) as { last: number };

    const { lastInsertRowid } = stmt(db,
        `INSERT INTO dossiers (code, intake_key, procedure_code, procedure_name, processing_time, status, channel,
           owner_name, owner_id_number, owner_birth_date, owner_phone, owner_email, owner_address,
           submitter_name, submitter_id_number, submitter_phone, result_delivery, postal_address, sets, notes,
           received_at, received_local, received_date, counting_from_local, appointment_local,
           log_book_volume, log_book_line, officer_name, updated_at, provisional_code, code_is_provisional)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        dossierCode, d.intakeKey, d.procedureCode, d.procedureName, JSON.stringify(d.processingTime), d.status, d.channel,
        d.owner.fullName, d.owner.idNumber, d.owner.birthDate, d.owner.phone, d.owner.email ?? null, d.owner.address,
        d.submitter?.fullName ?? null, d.submitter?.idNumber ?? null, d.submitter?.phone ?? null,
        d.resultDelivery.method, d.resultDelivery.method === 'post' ? d.resultDelivery.address : null, d.sets, d.notes,
        d.receivedAtMs, d.receivedAt, day, d.countingFrom, d.appointmentAt, d.logBookVolume, line, d.officerName, d.receivedAtMs,
        provisional ? dossierCode : null, provisional ? 1 : 0,
      );
    const id = Number(lastInsertRowid);

    const insertDocument = stmt(db,
      `INSERT INTO dossier_documents (dossier_id, position, document_code, name, originals, certified_copies, copies)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    d.documents.forEach((doc, i) => insertDocument.run(id, i, doc.code, doc.name, doc.originals, doc.certifiedCopies, doc.copies));
    writeNameKeys(db, id, [d.owner.fullName, d.submitter?.fullName]);
    writeCodeKeys(db, id, [dossierCode]);
    enqueue(db, { dossierId: id, kind: outbox.kind, idempotencyKey: outbox.idempotencyKey, payload: outbox.payload(dossierCode, provisional), at: d.receivedAtMs });
    if (officer) stmt(db, 'UPDATE dossiers SET officer_id = ? WHERE id = ?').run(officer.id, id);
    auditAction(db, officer, new Date(d.receivedAtMs), 'dossier.receive', { dossierId: id, after: { code: dossierCode, procedure: d.procedureCode } });
    return { id, created: true };
  });
}

/** The dossier's row id from its code or its provisional code (slips printed offline show it). */
export function dossierIdOf(db: Db, code: string): number | undefined {
  return (stmt(db, 'SELECT id FROM dossiers WHERE code = ? OR provisional_code = ?').get(code, code) as { id: number } | undefined)?.id;
}

/** As dossierIdOf, or the typed DOSSIER_NOT_FOUND a person reads. */
export function requireDossierId(db: Db, code: string): number {
  const id = dossierIdOf(db, code);
  if (id === undefined) throw new StationError('DOSSIER_NOT_FOUND', { code });
  return id;
}

export function getDossier(db: Db, by: { code: string } | { id: number }): DossierView | undefined {
  const id = 'code' in by ? dossierIdOf(db, by.code) : by.id;
  const row = id === undefined ? undefined : (stmt(db, 'SELECT * FROM dossiers WHERE id = ?').get(id) as DossierRow | undefined);
  if (!row) return undefined;
  const documents = stmt(db, 'SELECT document_code AS code, name, originals, certified_copies AS certifiedCopies, copies FROM dossier_documents WHERE dossier_id = ? ORDER BY position')
    .all(row.id) as Dossier['documents'];
  const owner: Person = {
    fullName: row.owner_name, idNumber: row.owner_id_number, birthDate: row.owner_birth_date, phone: row.owner_phone,
    address: row.owner_address, ...(row.owner_email ? { email: row.owner_email } : {}),
  };
  return {
    ...toSummary(row),
    codeIsProvisional: row.code_is_provisional === 1,
    channel: row.channel as SubmissionChannel,
    processingTime: JSON.parse(row.processing_time) as ProcessingTime,
    owner,
    submitter: row.submitter_name
      ? { fullName: row.submitter_name, ...(row.submitter_id_number ? { idNumber: row.submitter_id_number } : {}), ...(row.submitter_phone ? { phone: row.submitter_phone } : {}) }
      : null,
    resultDelivery: row.result_delivery === 'post' ? { method: 'post', address: row.postal_address ?? '' } : { method: 'counter' },
    documents,
    sets: row.sets,
    notes: row.notes ?? '',
    countingFrom: row.counting_from_local,
    logBookVolume: row.log_book_volume,
    officerName: row.officer_name,
    pendingSync: pendingCount(db, row.id),
  };
}

/** A saved dossier by code, or the typed DOSSIER_NOT_FOUND. */
export function requireDossier(db: Db, code: string): DossierView {
  const dossier = getDossier(db, { code });
  if (!dossier) throw new StationError('DOSSIER_NOT_FOUND', { code });
  return dossier;
}

// Every search the UI makes, each served by an index (see the query-plan tests).
export const dossierSearchSql = {
  logbook: `SELECT ${SUMMARY_COLUMNS} FROM dossiers d WHERE d.received_date = ? ORDER BY d.received_at`,
  byName: `SELECT DISTINCT ${SUMMARY_COLUMNS} FROM dossier_search_names n JOIN dossiers d ON d.id = n.dossier_id
           WHERE n.suffix >= ? AND n.suffix < ? ORDER BY n.suffix, n.dossier_id DESC LIMIT ?`,
  byIdNumber: `SELECT ${SUMMARY_COLUMNS} FROM dossiers d WHERE d.owner_id_number >= ? AND d.owner_id_number < ?
               ORDER BY d.owner_id_number DESC, d.received_at DESC LIMIT ?`,
  byPhone: `SELECT ${SUMMARY_COLUMNS} FROM dossiers d WHERE d.owner_phone >= ? AND d.owner_phone < ?
            ORDER BY d.owner_phone DESC, d.received_at DESC LIMIT ?`,
  byCode: `SELECT ${SUMMARY_COLUMNS} FROM dossiers d WHERE d.code >= ? AND d.code < ? ORDER BY d.code DESC LIMIT ?`,
  /** The slip of a dossier received offline shows its provisional code: it still finds the dossier. */
  byProvisionalCode: `SELECT ${SUMMARY_COLUMNS} FROM dossiers d WHERE d.provisional_code >= ? AND d.provisional_code < ?
                      ORDER BY d.provisional_code DESC LIMIT ?`,
  /** The end of a code as read off a slip: "0361", "231027-0361" (keys: core/text-fold codeSearchKeys). */
  byCodeTail: `SELECT ${SUMMARY_COLUMNS} FROM dossier_search_codes k JOIN dossiers d ON d.id = k.dossier_id
               WHERE k.key >= ? AND k.key < ? ORDER BY k.key, k.dossier_id DESC LIMIT ?`,
  /** The same person's dossiers for one procedure since a time, newest first. */
  recent: `SELECT ${SUMMARY_COLUMNS} FROM dossiers d WHERE d.owner_id_number = ? AND d.received_at >= ?
           AND d.procedure_code = ? ORDER BY d.owner_id_number DESC, d.received_at DESC LIMIT ?`,
} as const;

export function logbook(db: Db, date: string): DossierSummary[] {
  return (stmt(db, dossierSearchSql.logbook).all(date) as SummaryRow[]).map(toSummary);
}

/**
 * One search box: digits look up identity numbers, phones and the end of codes; anything with a
 * dash or a dot and digits looks up codes (from their start or from any dash); the rest looks up
 * names (owner or submitter) from the start of any word, diacritics optional.
 */
export function searchDossiers(db: Db, query: string, limit: number): DossierSummary[] {
  const compact = query.replace(/[\s.\-()]/g, '');
  const run = (sql: string, prefix: string) => stmt(db, sql).all(prefix, prefixUpperBound(prefix), limit) as SummaryRow[];
  let rows: SummaryRow[];
  if (/^\+?\d{3,}$/.test(compact)) {
    // "+84912…" and "84912…" are how people read a phone number off a foreign-style card.
    const digits = compact.replace(/^\+84/, '0').replace(/^84(?=\d{9,10}$)/, '0');
    const people = [...run(dossierSearchSql.byIdNumber, digits), ...run(dossierSearchSql.byPhone, digits)];
    // The end of a code as read off a slip: "0361" or "231027-0361".
    const tail = query.trim().replace(/\s+/g, '');
    const codes = run(dossierSearchSql.byCodeTail, tail.toUpperCase());
    // A short number, or one with a dash, is more likely the number off a slip than the start of a phone.
    rows = compact.length <= 7 || tail.includes('-') ? [...codes, ...people] : [...people, ...codes];
  } else if (/\d/.test(query) && /[-.]/.test(query)) {
    const prefix = query.trim().toUpperCase();
    rows = [...run(dossierSearchSql.byCode, prefix), ...run(dossierSearchSql.byProvisionalCode, prefix), ...run(dossierSearchSql.byCodeTail, prefix)];
  } else {
    const folded = foldVietnamese(query);
    if (!folded) return [];
    rows = run(dossierSearchSql.byName, folded);
  }
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.code) && seen.add(r.code)).slice(0, limit).map(toSummary);
}

/** The same person's dossiers for the same procedure since `since` (a warning at intake). */
export function recentDossiers(db: Db, idNumber: string, procedureCode: string, sinceMs: number, limit = 10): DossierSummary[] {
  return (stmt(db, dossierSearchSql.recent).all(idNumber, sinceMs, procedureCode, limit) as SummaryRow[]).map(toSummary);
}

export function dossierCodeOf(db: Db, dossierId: number): string {
  return (stmt(db, 'SELECT code FROM dossiers WHERE id = ?').get(dossierId) as { code: string }).code;
}

/** The portal's answer to a dossier's creation: its id and version, and its final code. */
export function applyPortalAck(db: Db, dossierId: number, ack: Readonly<{ portalId: string; code: string; version: number }>): void {
  const before = dossierCodeOf(db, dossierId);
  stmt(db, 'UPDATE dossiers SET portal_id = ?, portal_version = ?, code = ?, code_is_provisional = 0 WHERE id = ?').run(
    ack.portalId, ack.version, ack.code, dossierId,
  );
  if (before !== ack.code) {
    writeCodeKeys(db, dossierId, [ack.code]);
    // Later changes of the dossier name it by code in their payloads: the final one from now on.
    replaceInPayloads(db, dossierId, JSON.stringify(before), JSON.stringify(ack.code));
  }
}

export type PortalLink = Readonly<{ portalId: string | null; version: number | null; provisionalCode: string | null; codeIsProvisional: boolean }>;

export function portalLinkOf(db: Db, dossierId: number): PortalLink {
  const r = stmt(db, 'SELECT portal_id, portal_version, provisional_code, code_is_provisional FROM dossiers WHERE id = ?').get(dossierId) as
    { portal_id: string | null; portal_version: number | null; provisional_code: string | null; code_is_provisional: number };
  return { portalId: r.portal_id, version: r.portal_version, provisionalCode: r.provisional_code, codeIsProvisional: r.code_is_provisional === 1 };
}

export function setPortalVersion(db: Db, dossierId: number, version: number): void {
  stmt(db, 'UPDATE dossiers SET portal_version = ? WHERE id = ?').run(version, dossierId);
}

export function dossierIdByPortalId(db: Db, portalId: string): number | undefined {
  return (stmt(db, 'SELECT id FROM dossiers WHERE portal_id = ?').get(portalId) as { id: number } | undefined)?.id;
}

export function setDossierStatus(db: Db, dossierId: number, status: number, at: number): void {
  stmt(db, 'UPDATE dossiers SET status = ?, updated_at = ? WHERE id = ?').run(status, at, dossierId);
}

/** Corrected owner details: the dossier row and its name search keys, together. */
export function correctOwner(db: Db, dossierId: number, owner: Person, now: number): void {
  stmt(
    db,
    `UPDATE dossiers SET owner_name = ?, owner_id_number = ?, owner_birth_date = ?, owner_phone = ?, owner_email = ?, owner_address = ?,
       updated_at = ? WHERE id = ?`,
  ).run(owner.fullName, owner.idNumber, owner.birthDate, owner.phone, owner.email ?? null, owner.address, now, dossierId);
  stmt(db, 'DELETE FROM dossier_search_names WHERE dossier_id = ?').run(dossierId);
  const { submitter_name: submitter } = stmt(db, 'SELECT submitter_name FROM dossiers WHERE id = ?').get(dossierId) as { submitter_name: string | null };
  writeNameKeys(db, dossierId, [owner.fullName, submitter]);
}

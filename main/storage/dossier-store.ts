import type { Db } from './database';
import { stmt } from './statements';
import type { CodeAllocator } from './code-allocation';
import { writeTransaction } from './database';
import type { ProcessingTime } from '../core/model';
import type { DossierSummary, DossierView } from '../contract/schemas';
import { foldVietnamese, nameSuffixes, prefixUpperBound } from '../core/text-fold';

/** A dossier as intake hands it to storage: everything but what storage allocates. */
export type NewDossier = Readonly<{
  intakeKey: string;
  procedureCode: string;
  procedureName: string;
  processingTime: ProcessingTime;
  status: number;
  channel: 1 | 2 | 3;
  owner: Readonly<{ fullName: string; idNumber: string; birthDate: string; phone: string; email?: string | undefined; address: string }>;
  submitter: Readonly<{ fullName: string; idNumber?: string | undefined; phone?: string | undefined }> | null;
  resultDelivery: Readonly<{ method: 'counter' } | { method: 'post'; address: string }>;
  documents: ReadonlyArray<Readonly<{ code: string; name: string; originals: number; certifiedCopies: number; copies: number }>>;
  sets: number;
  notes: string;
  receivedAtMs: number;
  receivedAt: string; // local
  countingFrom: string;
  appointmentAt: string;
  logBookVolume: string;
  officerName: string;
}>;

export type OutboxEntry = Readonly<{ kind: string; idempotencyKey: string; payload: (code: string, provisional: boolean) => unknown }>;

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

/**
 * Receives a dossier: allocates its code and log-book line, writes it with its documents, its
 * search keys and its outbox entry — all in one write transaction, so a crash leaves either
 * all of it or none. Saving the same intake key again answers the dossier already saved.
 */
export function insertDossier(db: Db, d: NewDossier, allocate: CodeAllocator, outbox: OutboxEntry): { id: number; created: boolean } {
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

    const insertName = stmt(db, 'INSERT OR IGNORE INTO dossier_search_names (suffix, dossier_id) VALUES (?, ?)');
    const names = [d.owner.fullName, d.submitter?.fullName].filter((n): n is string => !!n);
    for (const name of names) for (const suffix of nameSuffixes(foldVietnamese(name))) insertName.run(suffix, id);

    stmt(db, 
      `INSERT INTO outbox (dossier_id, kind, idempotency_key, payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(id, outbox.kind, outbox.idempotencyKey, JSON.stringify(outbox.payload(dossierCode, provisional)), d.receivedAtMs, d.receivedAtMs);
    return { id, created: true };
  });
}

export function getDossier(db: Db, by: { code: string } | { id: number }): DossierView | undefined {
  const row = ('code' in by
    ? stmt(db, 'SELECT * FROM dossiers WHERE code = ? OR provisional_code = ?').get(by.code, by.code)
    : stmt(db, 'SELECT * FROM dossiers WHERE id = ?').get(by.id)) as DossierRow | undefined;
  if (!row) return undefined;
  const documents = stmt(db, 'SELECT document_code AS code, name, originals, certified_copies AS certifiedCopies, copies FROM dossier_documents WHERE dossier_id = ? ORDER BY position')
    .all(row.id) as DossierView['documents'];
  const { n: pendingSync } = stmt(db, 'SELECT count(*) AS n FROM outbox WHERE dossier_id = ?').get(row.id) as { n: number };
  return {
    ...toSummary(row),
    channel: row.channel,
    processingTime: JSON.parse(row.processing_time) as ProcessingTime,
    owner: {
      fullName: row.owner_name, idNumber: row.owner_id_number, birthDate: row.owner_birth_date, phone: row.owner_phone,
      address: row.owner_address, ...(row.owner_email ? { email: row.owner_email } : {}),
    },
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
    pendingSync,
    codeIsProvisional: row.code_is_provisional === 1,
  };
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
} as const;

export function logbook(db: Db, date: string): DossierSummary[] {
  return (stmt(db, dossierSearchSql.logbook).all(date) as SummaryRow[]).map(toSummary);
}

/**
 * One search box: digits look up identity numbers and phones, anything with a dash or a dot and
 * digits looks up codes, the rest looks up names (owner or submitter) from the start of any word.
 */
export function searchDossiers(db: Db, query: string, limit: number): DossierSummary[] {
  const compact = query.replace(/[\s.\-()]/g, '');
  const run = (sql: string, prefix: string) => stmt(db, sql).all(prefix, prefixUpperBound(prefix), limit) as SummaryRow[];
  let rows: SummaryRow[];
  if (/^\+?\d{3,}$/.test(compact)) {
    // "+84912…" and "84912…" are how people read a phone number off a foreign-style card.
    const digits = compact.replace(/^\+84/, '0').replace(/^84(?=\d{9,10}$)/, '0');
    rows = [...run(dossierSearchSql.byIdNumber, digits), ...run(dossierSearchSql.byPhone, digits)];
  } else if (/[\d]/.test(query) && /[-.]/.test(query)) {
    const prefix = query.trim().toUpperCase();
    rows = [...run(dossierSearchSql.byCode, prefix), ...run(dossierSearchSql.byProvisionalCode, prefix)];
  } else {
    const folded = foldVietnamese(query);
    if (!folded) return [];
    rows = run(dossierSearchSql.byName, folded);
  }
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.code) && seen.add(r.code)).slice(0, limit).map(toSummary);
}

export function outboxCount(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
}

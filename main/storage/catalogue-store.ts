import type { Db } from './database';
import { stmt } from './statements';
import type { Procedure, ProcessingTime, RequiredDocument, Fee } from '../core/model';
import { foldVietnamese, nameSuffixes, prefixUpperBound } from '../core/text-fold';

type ProcedureRow = {
  code: string; name: string; name_folded: string; field: string; level: Procedure['level'];
  processing_time: string; fees: string; sets: number; demo: number;
};
type DocumentRow = { code: string; name: string; originals: number; certified_copies: number; copies: number; mandatory: number };

/** Replaces the whole catalogue in one transaction (seed, or a download from the portal). */
export function replaceCatalogue(db: Db, procedures: readonly Procedure[]): void {
  const insertProcedure = stmt(db, 
    'INSERT INTO procedures (code, name, name_folded, field, level, processing_time, fees, sets, demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertDocument = stmt(db, 
    `INSERT INTO procedure_documents (procedure_code, position, code, name, originals, certified_copies, copies, mandatory)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertKey = stmt(db, 'INSERT OR IGNORE INTO procedure_search_keys (suffix, procedure_code) VALUES (?, ?)');
  db.transaction(() => {
    // Dossiers keep a snapshot of their procedure, but reference its code: keep codes still in use.
    stmt(db, 'DELETE FROM procedure_search_keys').run();
    stmt(db, 'DELETE FROM procedure_documents').run();
    stmt(db, 'DELETE FROM procedures WHERE code NOT IN (SELECT DISTINCT procedure_code FROM dossiers)').run();
    const upsert = stmt(db, 
      `UPDATE procedures SET name = ?, name_folded = ?, field = ?, level = ?, processing_time = ?, fees = ?, sets = ?, demo = ? WHERE code = ?`,
    );
    for (const p of procedures) {
      const values = [p.name, foldVietnamese(p.name), p.field, p.level, JSON.stringify(p.processingTime), JSON.stringify(p.fees), p.sets, p.demo ? 1 : 0] as const;
      if (upsert.run(...values, p.code).changes === 0) insertProcedure.run(p.code, ...values);
      p.documents.forEach((d, i) =>
        insertDocument.run(p.code, i, d.code, d.name, d.originals, d.certifiedCopies, d.copies, d.mandatory ? 1 : 0),
      );
      for (const suffix of nameSuffixes(foldVietnamese(p.name))) insertKey.run(suffix, p.code);
    }
  }).immediate();
}

export function catalogueSize(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM procedures').get() as { n: number }).n;
}

function toProcedure(row: ProcedureRow, documents: DocumentRow[]): Procedure {
  return {
    code: row.code,
    name: row.name,
    field: row.field,
    level: row.level,
    processingTime: JSON.parse(row.processing_time) as ProcessingTime,
    fees: JSON.parse(row.fees) as Fee[],
    sets: row.sets,
    demo: row.demo === 1,
    documents: documents.map(
      (d): RequiredDocument => ({
        code: d.code, name: d.name, originals: d.originals, certifiedCopies: d.certified_copies, copies: d.copies, mandatory: d.mandatory === 1,
      }),
    ),
  };
}

export function getProcedure(db: Db, code: string): Procedure | undefined {
  const row = stmt(db, 'SELECT * FROM procedures WHERE code = ?').get(code) as ProcedureRow | undefined;
  if (!row) return undefined;
  const docs = stmt(db, 'SELECT code, name, originals, certified_copies, copies, mandatory FROM procedure_documents WHERE procedure_code = ? ORDER BY position')
    .all(code) as DocumentRow[];
  return toProcedure(row, docs);
}

const MATCHES_TO_RANK = 500;

export const catalogueSearchSql = {
  byName: `SELECT k.suffix, p.* FROM procedure_search_keys k JOIN procedures p ON p.code = k.procedure_code
           WHERE k.suffix >= ? AND k.suffix < ? ORDER BY k.suffix LIMIT ?`,
  byCode: `SELECT * FROM procedures WHERE code >= ? AND code < ? ORDER BY code LIMIT ?`,
};

/**
 * "dang ky khai sinh", "chứng thực", "khai sinh" or "1.0011…": names match from the start of any
 * word (diacritics optional), codes by prefix. Names that start with the query come first.
 */
export function searchProcedures(db: Db, query: string, limit: number): Procedure[] {
  const folded = foldVietnamese(query);
  if (!folded) {
    const rows = stmt(db, 'SELECT * FROM procedures ORDER BY field, name LIMIT ?').all(limit) as ProcedureRow[];
    return rows.map((r) => toProcedure(r, []));
  }
  if (/^[\d.]+$/.test(folded)) {
    return (stmt(db, catalogueSearchSql.byCode).all(folded, prefixUpperBound(folded), limit) as ProcedureRow[]).map((r) => toProcedure(r, []));
  }
  // Rank in code (the index serves the range, not the ranking): a match nearer the start of the
  // name first ("khai sinh" → "Đăng ký khai sinh" before "Liên thông … khai sinh …"), then by name.
  const rows = stmt(db, catalogueSearchSql.byName).all(folded, prefixUpperBound(folded), MATCHES_TO_RANK) as Array<ProcedureRow & { suffix: string }>;
  const best = new Map<string, { row: ProcedureRow; offset: number }>();
  for (const row of rows) {
    const offset = row.name_folded.length - row.suffix.length;
    const seen = best.get(row.code);
    if (!seen || offset < seen.offset) best.set(row.code, { row, offset });
  }
  return [...best.values()]
    .sort((a, b) => a.offset - b.offset || a.row.name.localeCompare(b.row.name, 'vi'))
    .slice(0, limit)
    .map(({ row }) => toProcedure(row, []));
}

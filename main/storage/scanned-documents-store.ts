import type { Db } from './db';
import { writeTransaction } from './database';
import { queueDossierFile } from './dossier-files-store';
import { stmt } from './statements';

// The scans attached to dossier documents. The PDF is a dossier file (path, size, SHA-256) queued
// for upload; scanned_documents says which file is the current scan of each document. Both are
// written in one transaction, with the outbox entry: either all of it or none.

/** dossier_files.kind of a scanned document. */
export const SCAN_FILE_KIND = 'scan';

export type ScanColorMode = 'color' | 'gray' | 'lineart' | 'mixed';

export type ScanRecord = Readonly<{
  dossierId: number;
  documentCode: string;
  fileId: number;
  fileName: string;
  path: string;
  size: number;
  sha256: string;
  pages: number;
  colorMode: ScanColorMode;
  resolution: number;
  scanner: string;
  scannedAt: number;
}>;

type Row = {
  dossier_id: number; document_code: string; dossier_file_id: number; file_name: string; path: string; size: number; sha256: string;
  pages: number; color_mode: ScanColorMode; resolution: number; scanner: string; scanned_at: number;
};

const SELECT = `SELECT s.dossier_id, s.document_code, s.dossier_file_id, f.file_name, f.path, f.size, f.sha256, s.pages, s.color_mode,
  s.resolution, s.scanner, s.scanned_at
  FROM scanned_documents s JOIN dossier_files f ON f.id = s.dossier_file_id`;

const toRecord = (r: Row): ScanRecord => ({
  dossierId: r.dossier_id, documentCode: r.document_code, fileId: r.dossier_file_id, fileName: r.file_name, path: r.path, size: r.size,
  sha256: r.sha256, pages: r.pages, colorMode: r.color_mode, resolution: r.resolution, scanner: r.scanner, scannedAt: r.scanned_at,
});

export function scansOfDossier(db: Db, dossierId: number): ScanRecord[] {
  return (stmt(db, `${SELECT} WHERE s.dossier_id = ? ORDER BY s.document_code`).all(dossierId) as Row[]).map(toRecord);
}

export function scanOfDocument(db: Db, dossierId: number, documentCode: string): ScanRecord | undefined {
  const row = stmt(db, `${SELECT} WHERE s.dossier_id = ? AND s.document_code = ?`).get(dossierId, documentCode) as Row | undefined;
  return row ? toRecord(row) : undefined;
}

export type NewScan = Readonly<{
  dossierId: number;
  documentCode: string;
  fileName: string;
  path: string;
  size: number;
  sha256: string;
  pages: number;
  colorMode: ScanColorMode;
  resolution: number;
  scanner: string;
  scannedAt: number;
  idempotencyKey: string;
}>;

/**
 * Attaches a stored PDF to a document: its dossier file and upload entry, and the document's
 * current scan, in one write transaction. The file must already be on disk, complete.
 */
export function attachScan(db: Db, scan: NewScan): ScanRecord {
  return writeTransaction(db, () => {
    const fileId = queueDossierFile(db, {
      dossierId: scan.dossierId, kind: SCAN_FILE_KIND, documentCode: scan.documentCode, fileName: scan.fileName, mime: 'application/pdf',
      path: scan.path, size: scan.size, sha256: scan.sha256,
    }, scan.idempotencyKey, scan.scannedAt);
    stmt(db, `INSERT INTO scanned_documents (dossier_id, document_code, dossier_file_id, pages, color_mode, resolution, scanner, scanned_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)
              ON CONFLICT (dossier_id, document_code) DO UPDATE SET dossier_file_id = excluded.dossier_file_id, pages = excluded.pages,
                color_mode = excluded.color_mode, resolution = excluded.resolution, scanner = excluded.scanner, scanned_at = excluded.scanned_at`)
      .run(scan.dossierId, scan.documentCode, fileId, scan.pages, scan.colorMode, scan.resolution, scan.scanner, scan.scannedAt);
    return scanOfDocument(db, scan.dossierId, scan.documentCode)!;
  });
}

/**
 * Makes another file the document's scan (its signed copy), in the caller's transaction; false
 * when the scan changed meanwhile (a rescan, another signature) and nothing was done.
 */
export function replaceScanFile(db: Db, dossierId: number, documentCode: string, expectedFileId: number, newFileId: number): boolean {
  return stmt(db, 'UPDATE scanned_documents SET dossier_file_id = ? WHERE dossier_id = ? AND document_code = ? AND dossier_file_id = ?')
    .run(newFileId, dossierId, documentCode, expectedFileId).changes === 1;
}

import type { Db } from './db';
import { enqueue } from './outbox-store';
import { stmt } from './statements';

// The files of a dossier (scans, signed slips, signed scans): where each is on disk, its size
// and SHA-256, and what the portal answered for its upload. A file is recorded with its upload
// entry in the caller's transaction — the same transaction that links it to the dossier.

export type DossierFile = Readonly<{
  id: number; dossierId: number; kind: string; documentCode: string | null; fileName: string; mime: string; path: string; size: number;
  sha256: string; createdAt: number; uploadId: string | null; portalAttachmentId: string | null;
}>;

export type NewDossierFile = Readonly<{
  dossierId: number; kind: string; documentCode: string | null; fileName: string; mime: string; path: string; size: number; sha256: string;
}>;

export function queueDossierFile(db: Db, file: NewDossierFile, idempotencyKey: string, now: number): number {
  const { lastInsertRowid } = stmt(
    db,
    'INSERT INTO dossier_files (dossier_id, kind, document_code, file_name, mime, path, size, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(file.dossierId, file.kind, file.documentCode, file.fileName, file.mime, file.path, file.size, file.sha256, now);
  const fileId = Number(lastInsertRowid);
  enqueue(db, { dossierId: file.dossierId, kind: 'file.upload', idempotencyKey, payload: {}, at: now, dossierFileId: fileId });
  return fileId;
}

const SELECT = `SELECT id, dossier_id AS dossierId, kind, document_code AS documentCode, file_name AS fileName, mime, path, size, sha256,
  created_at AS createdAt, upload_id AS uploadId, portal_attachment_id AS portalAttachmentId FROM dossier_files`;

export function getDossierFile(db: Db, id: number): DossierFile | undefined {
  return stmt(db, `${SELECT} WHERE id = ?`).get(id) as DossierFile | undefined;
}

/** The files of one kind of a dossier, oldest first. */
export function filesOfDossier(db: Db, dossierId: number, kind: string): DossierFile[] {
  return stmt(db, `${SELECT} WHERE dossier_id = ? AND kind = ? ORDER BY id`).all(dossierId, kind) as DossierFile[];
}

/** The portal took the file: its upload and attachment ids. */
export function setFileUploaded(db: Db, fileId: number, uploadId: string, attachmentId: string): void {
  stmt(db, 'UPDATE dossier_files SET upload_id = ?, portal_attachment_id = ? WHERE id = ?').run(uploadId, attachmentId, fileId);
}

/** Every path the database knows for these kinds, for the start-up sweep of files a crash left behind. */
export function knownFilePaths(db: Db, kinds: readonly string[]): Set<string> {
  const rows = stmt(db, `SELECT path FROM dossier_files WHERE kind IN (${kinds.map(() => '?').join(', ')})`).all(...kinds) as Array<{ path: string }>;
  return new Set(rows.map((r) => r.path));
}

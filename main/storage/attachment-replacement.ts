import type { Db } from './db';
import { stmt } from './statements';

// Which attachment at the portal a dossier file replaces. A document of the dossier has one
// current file: scanned again, or its scan signed (again), the newer file takes the place of the
// one the portal holds; a slip signed again replaces the slip signed before. The portal applies a
// replacement when the new file's upload completes (PROTOCOL.md, "Attachments": ThayThe), so the
// dossier's record holds exactly one of the two at any moment.
//
// The kinds are those of the files' owners (storage/scanned-documents-store.ts SCAN_FILE_KIND,
// signing/signing-feature.ts SIGNED_SCAN_KIND and SIGNED_SLIP_KIND; test/sync/attachments-replace
// checks they still agree). Other kinds never replace anything.

/** Files of one document: a scan and its signed copies. */
export const DOCUMENT_FILE_KINDS: readonly string[] = ['scan', 'scan-signed'];
/** The signed appointment slip: one per dossier at the portal. */
export const SLIP_FILE_KIND = 'signed-slip';

/**
 * The portal's id of the attachment this file replaces: the newest earlier file of the same
 * document (or the earlier signed slip) that the portal confirmed. One dossier's uploads go in
 * order, so every earlier file of the document is confirmed (or holds the dossier back) by the
 * time this one is sent, and the answer is the same on every retry. null: a new attachment.
 */
export function attachmentReplacedBy(db: Db, fileId: number): string | null {
  const documentKinds = DOCUMENT_FILE_KINDS.map(() => '?').join(', ');
  const row = stmt(
    db,
    `SELECT p.portal_attachment_id AS id FROM dossier_files f
       JOIN dossier_files p ON p.dossier_id = f.dossier_id AND p.id < f.id AND p.portal_attachment_id IS NOT NULL
      WHERE f.id = ?
        AND ((f.kind IN (${documentKinds}) AND p.kind IN (${documentKinds}) AND f.document_code IS NOT NULL AND p.document_code = f.document_code)
          OR (f.kind = ? AND p.kind = ?))
      ORDER BY p.id DESC LIMIT 1`,
  ).get(fileId, ...DOCUMENT_FILE_KINDS, ...DOCUMENT_FILE_KINDS, SLIP_FILE_KIND, SLIP_FILE_KIND) as { id: string } | undefined;
  return row?.id ?? null;
}

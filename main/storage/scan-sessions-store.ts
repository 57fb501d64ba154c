import type { Db } from './db';
import { writeTransaction } from './database';
import { stmt } from './statements';

// The scan sessions kept across a crash or a restart (migration 9): which document each is for,
// its pages in order with their rotation and whether they are left out, and the page files'
// names and SHA-256. Only rows here: the files are written (durably, before their row) and
// removed by the scanning feature.

export type StoredSessionState = 'open' | 'abandoned' | 'refused';

export type StoredSession = Readonly<{
  id: string;
  dossierId: number;
  documentCode: string;
  title: string;
  scanner: string | null;
  state: StoredSessionState;
  createdAt: number;
  lastUsedAt: number;
  endedAt: number | null;
  /** Pages (kept ones) when the session was swept. */
  pagesAtEnd: number | null;
  /** Pages now in the session, left-out ones included (open sessions). */
  pages: number;
  /** Pages now kept (not blank, not removed). */
  keptPages: number;
}>;

export type StoredPage = Readonly<{
  pageId: string;
  position: number;
  rotation: 0 | 90 | 180 | 270;
  removed: 'blank' | 'officer' | null;
  file: string;
  sha256: string;
  size: number;
  addedAt: number;
}>;

type SessionRow = {
  id: string; dossier_id: number; document_code: string; title: string; scanner: string | null; state: StoredSessionState;
  created_at: number; last_used_at: number; ended_at: number | null; pages_at_end: number | null; pages: number; kept: number;
};
type PageRow = { page_id: string; position: number; rotation: 0 | 90 | 180 | 270; removed: 'blank' | 'officer' | null; file: string; sha256: string; size: number; added_at: number };

const SELECT_SESSION = `SELECT s.*, (SELECT count(*) FROM scan_session_pages p WHERE p.session_id = s.id) AS pages,
  (SELECT count(*) FROM scan_session_pages p WHERE p.session_id = s.id AND p.removed IS NULL) AS kept FROM scan_sessions s`;

const toSession = (r: SessionRow): StoredSession => ({
  id: r.id, dossierId: r.dossier_id, documentCode: r.document_code, title: r.title, scanner: r.scanner, state: r.state, createdAt: r.created_at,
  lastUsedAt: r.last_used_at, endedAt: r.ended_at, pagesAtEnd: r.pages_at_end, pages: r.pages, keptPages: r.kept,
});
const toPage = (r: PageRow): StoredPage => ({
  pageId: r.page_id, position: r.position, rotation: r.rotation, removed: r.removed, file: r.file, sha256: r.sha256, size: r.size, addedAt: r.added_at,
});

export function insertScanSession(db: Db, s: Readonly<{ id: string; dossierId: number; documentCode: string; title: string; at: number }>): void {
  stmt(db, 'INSERT INTO scan_sessions (id, dossier_id, document_code, title, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(s.id, s.dossierId, s.documentCode, s.title, s.at, s.at);
}

export function scanSessionById(db: Db, id: string): StoredSession | undefined {
  const row = stmt(db, `${SELECT_SESSION} WHERE s.id = ?`).get(id) as SessionRow | undefined;
  return row ? toSession(row) : undefined;
}

/** A dossier's sessions still open, and those swept but not yet told to an officer; newest first. */
export function scanSessionsOfDossier(db: Db, dossierId: number): StoredSession[] {
  return (stmt(db, `${SELECT_SESSION} WHERE s.dossier_id = ? ORDER BY s.last_used_at DESC, s.id`).all(dossierId) as SessionRow[]).map(toSession);
}

export function scanSessionPages(db: Db, sessionId: string): StoredPage[] {
  return (stmt(db, 'SELECT * FROM scan_session_pages WHERE session_id = ? ORDER BY position, page_id').all(sessionId) as PageRow[]).map(toPage);
}

/**
 * Records a page whose file is already on disk, complete: at the end, or in the place of the
 * page it replaces (a rescan; that row goes, its file is the caller's to remove). One transaction.
 */
export function insertScanPage(
  db: Db,
  sessionId: string,
  page: Readonly<{ pageId: string; removed: 'blank' | null; file: string; sha256: string; size: number; at: number; scanner: string | null }>,
  replacing: string | null,
): void {
  writeTransaction(db, () => {
    const old = replacing
      ? stmt(db, 'SELECT position FROM scan_session_pages WHERE session_id = ? AND page_id = ?').get(sessionId, replacing) as { position: number } | undefined
      : undefined;
    if (old) stmt(db, 'DELETE FROM scan_session_pages WHERE session_id = ? AND page_id = ?').run(sessionId, replacing);
    const position = old?.position
      ?? (stmt(db, 'SELECT coalesce(max(position) + 1, 0) AS n FROM scan_session_pages WHERE session_id = ?').get(sessionId) as { n: number }).n;
    stmt(db, `INSERT INTO scan_session_pages (session_id, page_id, position, removed, file, sha256, size, added_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(sessionId, page.pageId, position, page.removed, page.file, page.sha256, page.size, page.at);
    stmt(db, 'UPDATE scan_sessions SET last_used_at = ?, scanner = coalesce(?, scanner) WHERE id = ?').run(page.at, page.scanner, sessionId);
  });
}

/** The officer's edits: every page's place, rotation and left-out state as the session now has them. */
export function updateScanPages(
  db: Db,
  sessionId: string,
  pages: ReadonlyArray<Readonly<{ pageId: string; rotation: 0 | 90 | 180 | 270; removed: 'blank' | 'officer' | null }>>,
  at: number,
): void {
  writeTransaction(db, () => {
    pages.forEach((p, i) => {
      stmt(db, 'UPDATE scan_session_pages SET position = ?, rotation = ?, removed = ? WHERE session_id = ? AND page_id = ?').run(i, p.rotation, p.removed, sessionId, p.pageId);
    });
    stmt(db, 'UPDATE scan_sessions SET last_used_at = ? WHERE id = ?').run(at, sessionId);
  });
}

export function touchScanSession(db: Db, sessionId: string, at: number): void {
  stmt(db, 'UPDATE scan_sessions SET last_used_at = max(last_used_at, ?) WHERE id = ?').run(at, sessionId);
}

/** Pages dropped from an open session (damaged files found when it is resumed). */
export function dropScanPages(db: Db, sessionId: string, pageIds: readonly string[]): void {
  writeTransaction(db, () => {
    for (const id of pageIds) stmt(db, 'DELETE FROM scan_session_pages WHERE session_id = ? AND page_id = ?').run(sessionId, id);
  });
}

/**
 * Deletes a session and its page rows (saved: call inside the transaction that attaches the
 * PDF; closed by the officer; a sweep's notice read). Answers the page files to remove.
 */
export function deleteScanSession(db: Db, sessionId: string): string[] {
  return writeTransaction(db, () => {
    const files = (stmt(db, 'SELECT file FROM scan_session_pages WHERE session_id = ?').all(sessionId) as Array<{ file: string }>).map((r) => r.file);
    stmt(db, 'DELETE FROM scan_session_pages WHERE session_id = ?').run(sessionId);
    stmt(db, 'DELETE FROM scan_sessions WHERE id = ?').run(sessionId);
    return files;
  });
}

/**
 * Ends an open session without saving it (abandoned too long, its dossier refused): its page
 * rows go, the session stays as a notice with how many pages were lost. Answers the page files
 * to remove, or null when the session was not open (another sweep, a save) and nothing changed.
 */
export function endScanSession(db: Db, sessionId: string, state: Exclude<StoredSessionState, 'open'>, at: number): string[] | null {
  return writeTransaction(db, () => {
    const s = scanSessionById(db, sessionId);
    if (!s || s.state !== 'open') return null;
    const files = scanSessionPages(db, sessionId).map((p) => p.file);
    stmt(db, 'DELETE FROM scan_session_pages WHERE session_id = ?').run(sessionId);
    stmt(db, 'UPDATE scan_sessions SET state = ?, ended_at = ?, pages_at_end = ? WHERE id = ?').run(state, at, s.keptPages, sessionId);
    return files;
  });
}

/** Open sessions last used before `before` (the sweep of abandoned sessions). */
export function abandonedScanSessions(db: Db, before: number): string[] {
  return (stmt(db, "SELECT id FROM scan_sessions WHERE state = 'open' AND last_used_at < ? ORDER BY last_used_at").all(before) as Array<{ id: string }>).map((r) => r.id);
}

/** Notices of swept sessions older than `before`: nobody opened the dossier since; forget them. */
export function forgetEndedScanSessions(db: Db, before: number): number {
  return stmt(db, "DELETE FROM scan_sessions WHERE state <> 'open' AND ended_at < ?").run(before).changes;
}

/** Every page file the database knows (the rest in the sessions folder is what a crash left). */
export function knownScanPageFiles(db: Db): Set<string> {
  return new Set((stmt(db, 'SELECT file FROM scan_session_pages').all() as Array<{ file: string }>).map((r) => r.file));
}

/** The code and status of a session's dossier (a refused dossier takes no scan any more). */
export function dossierOfScanSession(db: Db, dossierId: number): Readonly<{ code: string; status: number }> | undefined {
  return stmt(db, 'SELECT code, status FROM dossiers WHERE id = ?').get(dossierId) as { code: string; status: number } | undefined;
}

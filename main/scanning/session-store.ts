import { readdir, readFile, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import type { Db } from '../storage/db';
import { writePrivateFileDurably } from '../storage/private-files';
import {
  abandonedScanSessions, deleteScanSession, dropScanPages, endScanSession, forgetEndedScanSessions, insertScanPage, insertScanSession, knownScanPageFiles,
  scanSessionById, scanSessionPages, touchScanSession, updateScanPages, type StoredSession,
} from '../storage/scan-sessions-store';
import { decodePageFile, encodePageFile, pageFileSha256, PageFileDamaged } from './page-file';
import type { ScanSession, SessionPage, SessionPersistence } from './scan-sessions';

// Scan sessions on disk: each page a file in <data>/scans/.sessions/<session id>/, written
// durably (temp file, fsync, rename, folder fsync; 0600 in a 0700 folder) before its row is
// committed; the rows (scan-sessions-store.ts) keep order, rotations and removed pages. What a
// crash can leave — a page file without its row, a saved session's files — is removed at start.

export const SESSIONS_FOLDER = '.sessions';

/** How long a notice of a session removed unsaved is kept when nobody opens its dossier. */
const NOTICE_KEEP_MS = 30 * 24 * 3_600_000;

export type RestoredPage = Omit<SessionPage, 'rev'>;

export type Restored = Readonly<{
  session: StoredSession;
  pages: RestoredPage[];
  /** Pages found damaged and left out: their place (1-based, as the officer saw it) and why. */
  damaged: ReadonlyArray<Readonly<{ position: number; detail: string }>>;
}>;

export function createSessionStore(options: Readonly<{ db: Db; scansDir: string; now: () => Date }>) {
  const { db } = options;
  const folder = join(options.scansDir, SESSIONS_FOLDER);
  const fileName = (sessionId: string, pageId: string) => `${sessionId}/${pageId}.page`;
  const pathOf = (file: string) => join(folder, file);
  const now = () => options.now().getTime();

  /** Files of pages whose rows are gone; a file that stays is removed at the next start anyway. */
  const removeFiles = (files: readonly string[]) => {
    for (const f of files) rmSync(pathOf(f), { force: true });
  };
  const removeSessionFolder = (sessionId: string) => rm(join(folder, sessionId), { recursive: true, force: true }).catch(() => {});

  const persistence: SessionPersistence = {
    async pageAdded(s, page, replacing) {
      const data = encodePageFile(page.page);
      const file = fileName(s.id, page.id);
      await writePrivateFileDurably(pathOf(file), data);
      try {
        insertScanPage(db, s.id, {
          pageId: page.id, removed: page.removed === 'blank' ? 'blank' : null, file, sha256: pageFileSha256(data), size: data.length, at: now(), scanner: s.lastDevice,
        }, replacing);
      } catch (e) {
        rmSync(pathOf(file), { force: true }); // no file the database does not know about
        throw e;
      }
      if (replacing) removeFiles([fileName(s.id, replacing)]);
    },
    pagesEdited(s, pages) {
      updateScanPages(db, s.id, pages.map((p) => ({ pageId: p.id, rotation: p.rotation, removed: p.removed })), now());
    },
    closed(sessionId) {
      removeFiles(deleteScanSession(db, sessionId));
      void removeSessionFolder(sessionId);
    },
  };

  return {
    persistence,
    opened(s: ScanSession, dossierId: number, documentCode: string): void {
      insertScanSession(db, { id: s.id, dossierId, documentCode, title: s.title, at: now() });
    },
    touched: (sessionId: string) => touchScanSession(db, sessionId, now()),
    stored: (sessionId: string) => scanSessionById(db, sessionId),
    /**
     * Reads an open session's pages back, each checked against its SHA-256 and decoded; a
     * damaged one is dropped from the session (row and file) and reported, the rest come back.
     */
    async restore(session: StoredSession): Promise<Restored> {
      const pages: RestoredPage[] = [];
      const damaged: Array<{ position: number; detail: string; pageId: string; file: string }> = [];
      const rows = scanSessionPages(db, session.id);
      for (const [i, row] of rows.entries()) {
        try {
          const data = await readFile(pathOf(row.file)).catch(() => { throw new PageFileDamaged('không tìm thấy tệp'); });
          if (data.length !== row.size || pageFileSha256(data) !== row.sha256) throw new PageFileDamaged('mã SHA-256 không khớp');
          pages.push({ id: row.pageId, page: decodePageFile(data), rotation: row.rotation, removed: row.removed });
        } catch (e) {
          damaged.push({ position: i + 1, detail: e instanceof PageFileDamaged ? e.message : String(e), pageId: row.pageId, file: row.file });
        }
      }
      if (damaged.length) {
        dropScanPages(db, session.id, damaged.map((d) => d.pageId));
        removeFiles(damaged.map((d) => d.file));
      }
      touchScanSession(db, session.id, now());
      return { session, pages, damaged: damaged.map(({ position, detail }) => ({ position, detail })) };
    },
    /** Ends an open session unsaved (abandoned, refused): true when it was open and now is not. */
    end(sessionId: string, state: 'abandoned' | 'refused'): boolean {
      const files = endScanSession(db, sessionId, state, now());
      if (!files) return false;
      removeFiles(files);
      void removeSessionFolder(sessionId);
      return true;
    },
    /** After the PDF's transaction committed (its rows went with it): the page files go. */
    saved(sessionId: string, files: readonly string[]): void {
      removeFiles(files);
      void removeSessionFolder(sessionId);
    },
    /** Sessions not used for `days` days: ended as abandoned (their ids), old notices forgotten. */
    sweepAbandoned(days: number): string[] {
      const cutoff = now() - days * 24 * 3_600_000;
      const swept = abandonedScanSessions(db, cutoff).filter((id) => this.end(id, 'abandoned'));
      forgetEndedScanSessions(db, now() - NOTICE_KEEP_MS);
      return swept;
    },
    /**
     * Removes what a crash left in the sessions folder: page files no row names and folders of
     * sessions that ended. Only files older than `startedAt`: a page written since may not have
     * its row yet.
     */
    async sweepOrphans(startedAt: number): Promise<number> {
      const known = knownScanPageFiles(db);
      let removed = 0;
      for (const dir of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
        const sessionDir = join(folder, dir.name);
        if (!dir.isDirectory()) {
          await rm(sessionDir, { force: true });
          removed++;
          continue;
        }
        for (const f of await readdir(sessionDir).catch(() => [] as string[])) {
          if (known.has(`${dir.name}/${f}`)) continue;
          const modified = (await stat(join(sessionDir, f)).catch(() => undefined))?.mtimeMs ?? Infinity;
          if (modified < startedAt) {
            await rm(join(sessionDir, f), { force: true });
            removed++;
          }
        }
        // An empty folder of a session that is not open any more (ENOTEMPTY otherwise: kept).
        if (!scanSessionById(db, dir.name) || scanSessionById(db, dir.name)?.state !== 'open') await rmdir(sessionDir).catch(() => {});
      }
      return removed;
    },
    pageFiles: (sessionId: string) => scanSessionPages(db, sessionId).map((p) => p.file),
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

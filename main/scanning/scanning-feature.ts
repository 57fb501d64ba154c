import { createHash, randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Handlers } from '../contract/dispatch';
import { scannerSettings, type ScannerSettings, type ScanSessionView, type StoredScan, type UnfinishedScans, type scanningChannels } from '../contract/scanning-channels';
import { StationError } from '../core/errors';
import { sweepOrphanFiles } from '../storage/durable-file';
import { writePrivateFileDurably } from '../storage/private-files';
import { writeTransaction } from '../storage/database';
import { deleteScanSession, dossierOfScanSession, scanSessionsOfDossier, type StoredSession } from '../storage/scan-sessions-store';
import { toVietnamLocal } from '../core/time';
import type { StationContext } from '../feature';
import { knownFilePaths } from '../storage/dossier-files-store';
import { requireDossier, requireDossierId } from '../storage/dossier-store';
import { readSetting, writeSetting } from '../storage/settings-store';
import type { DiscoveryOptions } from '../../hardware/scanners/escl-discovery';
import type { ScannerDriver } from '../../hardware/scanners/scanner';
import { buildScanPdf } from './scan-pdf';
import { outboxCounts } from '../storage/outbox-store';
import { safeFileName } from '../core/text-safety';
import { createScanSessions, type ScanSession } from './scan-sessions';
import { createSessionStore } from './session-store';
import { attachScan, scanOfDocument, scansOfDossier, SCAN_FILE_KIND, type ScanColorMode, type ScanRecord } from '../storage/scanned-documents-store';
import { createScannerHub } from './scanner-hub';
import './messages'; // the texts of the errors thrown here

// The scanning feature of the station: its channels, the technician's scanner settings, the scan
// sessions, and the PDFs it stores under <data>/scans and attaches to dossier documents.
// Sessions of a dossier's document are kept on disk (session-store.ts) until saved or
// discarded: after a crash or a restart `scan.unfinished` offers them and `scan.resume` brings
// one back; a session id the renderer still holds is read back from disk on its next call.

type ScanningChannel = keyof typeof scanningChannels;

export const SCANNER_SETTINGS_KEY = 'scanning';
export const SCANS_FOLDER = 'scans';

export const defaultScannerSettings: ScannerSettings = {
  deviceId: null,
  profile: { source: 'feeder', mode: 'gray', resolution: 200, pageSize: 'A4' },
  deviceOptions: {},
  networkScanners: [],
  discoverNetwork: true,
  dropBlankPages: true,
  unfinishedSessionDays: 7,
};

/** Status 3, "Không được tiếp nhận" (main/core/lifecycle.ts): nothing can be saved to the dossier any more. */
const REFUSED_STATUS = 3;
/** How often abandoned sessions are looked for while the station runs (also once at start). */
const SWEEP_EVERY_MS = 3_600_000;

export type ScanningOptions = Readonly<{ drivers?: readonly ScannerDriver[]; discovery?: DiscoveryOptions }>;

export function scanningHandlers(context: StationContext, options: ScanningOptions = {}): Pick<Handlers, ScanningChannel> {
  const { db, dataDir } = context;
  const scansDir = join(dataDir, SCANS_FOLDER);
  const settings = () => readSetting(db, SCANNER_SETTINGS_KEY, scannerSettings, defaultScannerSettings);
  const hub = createScannerHub({ settings, ...(options.drivers ? { drivers: options.drivers } : {}), ...(options.discovery ? { discovery: options.discovery } : {}) });
  // Pages a crash left in the work folder go first; jobs wait for that (scan-sessions).
  const workDir = join(scansDir, '.work');
  const workDirReady = rm(workDir, { recursive: true, force: true }).catch(() => {});
  const store = createSessionStore({ db, scansDir, now: context.now });
  const sessions = createScanSessions({
    hub,
    workDir,
    workDirReady,
    language: context.language,
    formatError: context.messages.error,
    changed: (session) => context.events.emit('scan.changed', { sessionId: session.id, rev: session.rev }),
    persistence: store.persistence,
    defaults: () => settings(),
  });

  // Sessions nobody saved for the configured days go (their pages with them); the dossier's
  // next `scan.unfinished` says so. Not one whose job is running now.
  const sweepAbandoned = () => {
    const running = new Set(sessions.running().map((s) => s.id));
    for (const id of running) store.touched(id);
    for (const id of store.sweepAbandoned(settings().unfinishedSessionDays)) {
      sessions.forget(id);
      context.events.emit('scan.changed', { sessionId: id, rev: 0 });
    }
  };
  const sweepTimer = setInterval(() => { try { sweepAbandoned(); } catch { /* the database is closing */ } }, SWEEP_EVERY_MS);
  sweepTimer.unref();
  context.onClose(() => clearInterval(sweepTimer));
  context.onClose(() => sessions.closeAll());

  // A crash between writing a PDF and committing its row leaves a file no row names, and one
  // between a page's file and its row (or after a save, before its page files went) leaves page
  // files: remove such files (and temp files) in the background at start.
  const startedAt = Date.now();
  const known = knownFilePaths(db, [SCAN_FILE_KIND]);
  const swept = workDirReady
    .then(() => sweepOrphanFiles(scansDir, known, startedAt))
    .then(() => store.sweepOrphans(startedAt))
    .then(() => sweepAbandoned())
    .catch(() => {});

  const dossierAndDocument = (code: string, documentCode: string) => {
    const dossier = requireDossier(db, code);
    const document = dossier.documents.find((d) => d.code === documentCode);
    const id = requireDossierId(db, dossier.code);
    if (!document) throw new StationError('SCAN_DOCUMENT_UNKNOWN', { document: documentCode, code: dossier.code });
    return { dossier, document, id };
  };

  const storedView = (r: ScanRecord, documentName: string): StoredScan => ({
    documentCode: r.documentCode, documentName, pages: r.pages, bytes: r.size, sha256: r.sha256, colorMode: r.colorMode, resolution: r.resolution,
    scanner: r.scanner, scannedAt: toVietnamLocal(new Date(r.scannedAt)), fileId: r.fileId,
  });

  const storedOf = (s: ScanSession): StoredScan | null => {
    if (s.target.kind !== 'document') return null;
    const { document, id } = dossierAndDocument(s.target.dossierCode, s.target.documentCode);
    const r = scanOfDocument(db, id, document.code);
    return r ? storedView(r, document.name) : null;
  };

  const viewOf = (s: ScanSession, since = 0, notices?: string[]): ScanSessionView => ({
    ...sessions.view(s, since, storedOf(s)),
    ...(notices?.length ? { notices } : {}),
  });
  const tell = (code: Parameters<typeof context.messages.error>[0], params: Record<string, string | number>) => context.messages.error(code, params, context.language());

  const dossierRefused = (dossierId: number): boolean =>
    dossierOfScanSession(db, dossierId)?.status === REFUSED_STATUS;

  /** Ends an open session whose dossier was refused: its job stopped, its pages removed. */
  const endRefused = async (stored: StoredSession): Promise<void> => {
    const live = sessions.find(stored.id);
    if (live?.job?.state === 'scanning') {
      live.job.controller.abort();
      await sessions.settled(stored.id);
    }
    sessions.forget(stored.id);
    if (store.end(stored.id, 'refused')) context.events.emit('scan.changed', { sessionId: stored.id, rev: 0 });
  };

  const refusedError = (dossierCode: string, pages: number) => new StationError('SCAN_SESSION_DOSSIER_REFUSED', { code: dossierCode, pages });

  /**
   * The session by id: in memory, or read back from disk (after a restart, or dropped from
   * memory), its damaged pages left out and told. A session whose dossier was refused since is
   * ended and refused.
   */
  const live = async (id: string): Promise<{ session: ScanSession; notices: string[] }> => {
    const inMemory = sessions.find(id);
    if (inMemory) return { session: sessions.get(id), notices: [] };
    const stored = store.stored(id);
    if (!stored || stored.state !== 'open') throw new StationError('SCAN_SESSION_NOT_FOUND', {});
    const dossierCode = dossierOfScanSession(db, stored.dossierId)?.code ?? '';
    if (dossierRefused(stored.dossierId)) {
      await endRefused(stored);
      throw refusedError(dossierCode, stored.keptPages);
    }
    const restored = await store.restore(stored);
    const again = sessions.find(id); // resumed by another call meanwhile
    if (again) return { session: sessions.get(id), notices: [] };
    const session = sessions.adopt({
      id, target: { kind: 'document', dossierCode, documentCode: stored.documentCode }, title: stored.title, lastDevice: stored.scanner, pages: restored.pages,
    });
    return { session, notices: restored.damaged.map((d) => tell('SCAN_SESSION_PAGE_DAMAGED', { page: d.position, detail: d.detail })) };
  };
  const sessionOf = async (id: string) => (await live(id)).session;

  /** The stored PDF, checked against its SHA-256 (a file changed on disk is not sent as the scan). */
  const readVerified = async (r: ScanRecord, documentName: string): Promise<Buffer> => {
    const bytes = await readFile(r.path).catch(() => undefined);
    if (!bytes || createHash('sha256').update(bytes).digest('hex') !== r.sha256) throw new StationError('SCAN_FILE_DAMAGED', { document: documentName });
    return bytes;
  };

  return {
    'scanners.list': ({ refresh }) => hub.list(refresh),
    'scanners.capabilities': ({ deviceId }) => hub.capabilities(deviceId),
    'scanners.settings': () => settings(),
    'scanners.configure': (input) => writeSetting(db, SCANNER_SETTINGS_KEY, scannerSettings, { ...settings(), ...input }),

    'scan.open': ({ target }) => {
      if (target.kind === 'test') return viewOf(sessions.open(target, 'Quét thử'));
      const { dossier, document, id } = dossierAndDocument(target.dossierCode, target.documentCode);
      const s = sessions.open({ ...target, dossierCode: dossier.code }, `${document.name} · ${dossier.code}`);
      try {
        store.opened(s, id, document.code);
      } catch (e) {
        sessions.forget(s.id);
        throw e;
      }
      return viewOf(s);
    },
    'scan.start': async ({ sessionId, deviceId, profile, replacePageId }) => {
      await sessionOf(sessionId);
      const s = await sessions.start(sessionId, { deviceId, profile, replacePageId });
      if (s.persisted) store.touched(s.id);
      return viewOf(s);
    },
    'scan.status': async ({ sessionId, since }) => viewOf(await sessionOf(sessionId), since),
    'scan.cancel': async ({ sessionId }) => {
      await sessionOf(sessionId);
      return viewOf(sessions.cancel(sessionId));
    },
    'scan.page': async ({ sessionId, pageId }) => {
      const p = (await sessionOf(sessionId)).pages.find((x) => x.id === pageId);
      if (!p) throw new StationError('SCAN_PAGE_NOT_FOUND', {});
      return { id: p.id, preview: `data:image/jpeg;base64,${p.page.preview.toString('base64')}`, rotation: p.rotation };
    },
    'scan.edit': async ({ sessionId, edit }) => {
      await sessionOf(sessionId);
      return viewOf(sessions.edit(sessionId, edit));
    },
    'scan.close': async ({ sessionId }) => {
      await sessions.close(sessionId);
      // A notice of a session removed unsaved is dismissed the same way.
      deleteScanSession(db, sessionId);
      return { closed: true as const };
    },
    'scan.resume': async ({ sessionId }) => {
      const { session, notices } = await live(sessionId);
      return viewOf(session, 0, notices);
    },
    'scan.unfinished': async ({ dossierCode }): Promise<UnfinishedScans> => {
      const dossier = requireDossier(db, dossierCode);
      const id = requireDossierId(db, dossier.code);
      await swept; // what the start sweeps is gone before anything is offered
      let stored = scanSessionsOfDossier(db, id);
      if (dossier.status === REFUSED_STATUS) {
        for (const s of stored.filter((x) => x.state === 'open')) await endRefused(s);
        stored = scanSessionsOfDossier(db, id);
      }
      const names = new Map(dossier.documents.map((d) => [d.code, d.name]));
      const nameOf = (code: string) => names.get(code) ?? code;
      return {
        sessions: stored.flatMap((s) => {
          const inMemory = sessions.find(s.id);
          const scanning = inMemory?.job?.state === 'scanning';
          if (s.state !== 'open' || (s.pages === 0 && !scanning)) return [];
          return [{
            sessionId: s.id, documentCode: s.documentCode, documentName: nameOf(s.documentCode), pages: s.pages, keptPages: s.keptPages,
            scanner: s.scanner, lastUsedAt: toVietnamLocal(new Date(s.lastUsedAt)), scanning,
          }];
        }),
        ended: stored.flatMap((s) => {
          switch (s.state) {
            case 'open': return [];
            case 'abandoned': return [{
              sessionId: s.id, documentCode: s.documentCode,
              message: tell('SCAN_SESSION_ABANDONED', {
                document: nameOf(s.documentCode), pages: s.pagesAtEnd ?? 0, at: toVietnamLocal(new Date(s.lastUsedAt)).replace('T', ' '), days: settings().unfinishedSessionDays,
              }),
            }];
            case 'refused': return [{ sessionId: s.id, documentCode: s.documentCode, message: tell('SCAN_SESSION_DOSSIER_REFUSED', { code: dossier.code, pages: s.pagesAtEnd ?? 0 }) }];
            default: throw new StationError('INTERNAL', {});
          }
        }),
      };
    },

    'scan.save': async ({ sessionId, mode }) => {
      const s = await sessionOf(sessionId);
      if (s.job?.state === 'scanning') throw new StationError('SCAN_JOB_RUNNING', {});
      if (s.target.kind !== 'document') throw new StationError('SCAN_NO_PAGES', {});
      const kept = s.pages.filter((p) => !p.removed);
      if (kept.length === 0) throw new StationError('SCAN_NO_PAGES', {});
      const { dossier, document, id } = dossierAndDocument(s.target.dossierCode, s.target.documentCode);
      if (s.persisted && dossierRefused(id)) {
        const stored = store.stored(s.id);
        if (stored) await endRefused(stored);
        throw refusedError(dossier.code, kept.length);
      }
      const existing = scanOfDocument(db, id, document.code);
      const before = mode === 'append' && existing ? await readVerified(existing, document.name) : undefined;
      const at = context.now();
      const { agency } = context.settings();
      const { pdf, pageCount } = await buildScanPdf(
        kept.map((p) => ({ parts: p.page.parts, dpi: p.page.dpi, rotation: p.rotation })),
        {
          title: `${document.name} — hồ sơ ${dossier.code}`,
          subject: dossier.procedureName,
          author: agency.name,
          createdAt: at,
          keywords: [dossier.code, document.code],
        },
        before,
      );
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      const modes = new Set<ScanColorMode>(kept.map((p) => p.page.mode));
      if (before && existing) modes.add(existing.colorMode);
      const path = join(scansDir, dossier.receivedAt.slice(0, 4), safeFileName(dossier.code), `${safeFileName(document.code)}-${at.getTime()}-${sha256.slice(0, 12)}.pdf`);
      try {
        await writePrivateFileDurably(path, pdf);
      } catch (e) {
        throw new StationError('SCAN_STORE_FAILED', { detail: (e as NodeJS.ErrnoException).code ?? String(e) });
      }
      let record: ScanRecord;
      let pageFiles: string[] = [];
      try {
        // The PDF attached and the session's rows gone in one transaction: after a crash the
        // session is either still there, whole, or saved — never both, never neither.
        record = writeTransaction(db, () => {
          const r = attachScan(db, {
            dossierId: id, documentCode: document.code, fileName: `${safeFileName(dossier.code)}_${safeFileName(document.code)}.pdf`, path, size: pdf.length, sha256,
            pages: pageCount, colorMode: modes.size === 1 ? [...modes][0]! : 'mixed',
            resolution: Math.max(...kept.map((p) => p.page.dpi)), scanner: s.lastDevice ?? '', scannedAt: at.getTime(),
            idempotencyKey: s.persisted ? `scan-session:${s.id}` : randomUUID(),
          });
          if (s.persisted) pageFiles = deleteScanSession(db, s.id);
          return r;
        });
      } catch (e) {
        await rm(path, { force: true }); // no file the database does not know about
        throw e;
      }
      sessions.forget(sessionId);
      store.saved(sessionId, pageFiles);
      context.events.emit('dossier.changed', { code: dossier.code });
      context.events.emit('outbox.changed', outboxCounts(db));
      return storedView(record, document.name);
    },

    'scan.documents': ({ dossierCode }) => {
      const dossier = requireDossier(db, dossierCode);
      const id = requireDossierId(db, dossier.code);
      const names = new Map(dossier.documents.map((d) => [d.code, d.name]));
      return scansOfDossier(db, id).map((r) => storedView(r, names.get(r.documentCode) ?? r.documentCode));
    },
    'scan.pdf': async ({ dossierCode, documentCode }) => {
      const { dossier, document, id } = dossierAndDocument(dossierCode, documentCode);
      const r = scanOfDocument(db, id, document.code);
      if (!r) throw new StationError('SCAN_FILE_DAMAGED', { document: document.name });
      const bytes = await readVerified(r, document.name);
      return { fileName: `${safeFileName(dossier.code)}_${safeFileName(document.code)}.pdf`, base64: bytes.toString('base64') };
    },
  };
}

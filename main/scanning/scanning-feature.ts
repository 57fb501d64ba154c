import { createHash, randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Handlers } from '../contract/dispatch';
import { scannerSettings, type ScannerSettings, type ScanSessionView, type StoredScan, type scanningChannels } from '../contract/scanning-channels';
import { StationError } from '../core/errors';
import { sweepOrphanFiles, writeFileDurably } from '../storage/durable-file';
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
import { attachScan, scanOfDocument, scansOfDossier, SCAN_FILE_KIND, type ScanColorMode, type ScanRecord } from '../storage/scanned-documents-store';
import { createScannerHub } from './scanner-hub';
import './messages'; // the texts of the errors thrown here

// The scanning feature of the station: its channels, the technician's scanner settings, the scan
// sessions, and the PDFs it stores under <data>/scans and attaches to dossier documents.

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
};

export type ScanningOptions = Readonly<{ drivers?: readonly ScannerDriver[]; discovery?: DiscoveryOptions }>;

export function scanningHandlers(context: StationContext, options: ScanningOptions = {}): Pick<Handlers, ScanningChannel> {
  const { db, dataDir } = context;
  const scansDir = join(dataDir, SCANS_FOLDER);
  const settings = () => readSetting(db, SCANNER_SETTINGS_KEY, scannerSettings, defaultScannerSettings);
  const hub = createScannerHub({ settings, ...(options.drivers ? { drivers: options.drivers } : {}), ...(options.discovery ? { discovery: options.discovery } : {}) });
  // Pages a crash left in the work folder go first; jobs wait for that (scan-sessions).
  const workDir = join(scansDir, '.work');
  const workDirReady = rm(workDir, { recursive: true, force: true }).catch(() => {});
  const sessions = createScanSessions({
    hub,
    workDir,
    workDirReady,
    language: context.language,
    formatError: context.messages.error,
    changed: (session) => context.events.emit('scan.changed', { sessionId: session.id, rev: session.rev }),
    defaults: () => settings(),
  });
  context.onClose(() => sessions.closeAll());

  // A crash between writing a PDF and committing its row leaves a file no row names: remove
  // such files (and temp files) in the background at start.
  const startedAt = Date.now();
  const known = knownFilePaths(db, [SCAN_FILE_KIND]);
  void workDirReady.then(() => sweepOrphanFiles(scansDir, known, startedAt)).catch(() => {});

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

  const viewOf = (s: ScanSession, since = 0): ScanSessionView => sessions.view(s, since, storedOf(s));

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
      const { dossier, document } = dossierAndDocument(target.dossierCode, target.documentCode);
      return viewOf(sessions.open({ ...target, dossierCode: dossier.code }, `${document.name} · ${dossier.code}`));
    },
    'scan.start': async ({ sessionId, deviceId, profile, replacePageId }) =>
      viewOf(await sessions.start(sessionId, { deviceId, profile, replacePageId })),
    'scan.status': ({ sessionId, since }) => viewOf(sessions.get(sessionId), since),
    'scan.cancel': ({ sessionId }) => viewOf(sessions.cancel(sessionId)),
    'scan.page': ({ sessionId, pageId }) => {
      const p = sessions.get(sessionId).pages.find((x) => x.id === pageId);
      if (!p) throw new StationError('SCAN_PAGE_NOT_FOUND', {});
      return { id: p.id, preview: `data:image/jpeg;base64,${p.page.preview.toString('base64')}`, rotation: p.rotation };
    },
    'scan.edit': ({ sessionId, edit }) => viewOf(sessions.edit(sessionId, edit)),
    'scan.close': ({ sessionId }) => {
      sessions.close(sessionId);
      return { closed: true as const };
    },

    'scan.save': async ({ sessionId, mode }) => {
      const s = sessions.get(sessionId);
      if (s.job?.state === 'scanning') throw new StationError('SCAN_JOB_RUNNING', {});
      if (s.target.kind !== 'document') throw new StationError('SCAN_NO_PAGES', {});
      const kept = s.pages.filter((p) => !p.removed);
      if (kept.length === 0) throw new StationError('SCAN_NO_PAGES', {});
      const { dossier, document, id } = dossierAndDocument(s.target.dossierCode, s.target.documentCode);
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
        await writeFileDurably(path, pdf);
      } catch (e) {
        throw new StationError('SCAN_STORE_FAILED', { detail: (e as NodeJS.ErrnoException).code ?? String(e) });
      }
      let record: ScanRecord;
      try {
        record = attachScan(db, {
          dossierId: id, documentCode: document.code, fileName: `${safeFileName(dossier.code)}_${safeFileName(document.code)}.pdf`, path, size: pdf.length, sha256,
          pages: pageCount, colorMode: modes.size === 1 ? [...modes][0]! : 'mixed',
          resolution: Math.max(...kept.map((p) => p.page.dpi)), scanner: s.lastDevice ?? '', scannedAt: at.getTime(), idempotencyKey: randomUUID(),
        });
      } catch (e) {
        await rm(path, { force: true }); // no file the database does not know about
        throw e;
      }
      sessions.close(sessionId);
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

import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { StationError, type ErrorCode, type ErrorParams, type Language } from '../core/errors';
import type { ScanProfile, ScanSessionView, ScanTarget } from '../contract/scanning-channels';
import { ScannerError, nearestResolution, type RawPage, type ScannerDevice } from '../../hardware/scanners/scanner';
import { processPage, type ProcessedPage } from './page-compress';
import { decodePage } from './raster';
import { scannerProblem } from './scan-errors';
import type { ScannerHub } from './scanner-hub';
import './messages'; // the texts of the errors thrown here

// Scan sessions: one per document being scanned, held in memory by the station while the
// officer works. A job runs the scanner in the background; each page is decoded and compressed
// as it arrives (the next one is scanned meanwhile) and joins the session's pages, where the
// officer rotates, reorders, removes, restores or rescans it. Whatever stops a job — the
// officer, a jam, a scanner that vanishes, a damaged page — the pages already in stay.
// A session for a dossier's document is also kept on disk (SessionPersistence, given by the
// scanning feature): a page joins the session, and is shown, only once its file is written
// durably and its row committed, so a crash or a restart loses no page the officer saw; the
// officer's edits are written before they are answered. Memory is then a cache: a session
// dropped from it (idle, too many) is read back from disk when asked for again.

export const MAX_PAGES = 300;
const MAX_SESSIONS = 12;
const IDLE_MS = 4 * 60 * 60_000;
/** Thumbnails per status answer: the answer stays small; the renderer asks again for the rest. */
const THUMBNAILS_PER_ANSWER = 12;
/** Raw pages waiting to be processed before the scanner is made to wait. */
const MAX_PENDING = 4;

export type SessionPage = {
  id: string;
  page: ProcessedPage;
  rotation: 0 | 90 | 180 | 270;
  removed: 'blank' | 'officer' | null;
  rev: number;
};

type Job = {
  state: 'scanning' | 'done' | 'failed' | 'cancelled';
  device: ScannerDevice;
  profile: ScanProfile;
  received: number;
  page: number;
  fraction: number | null;
  error: { code: string; message: string } | null;
  replacing: string | null;
  controller: AbortController;
  finished: Promise<void>;
};

export type ScanSession = {
  id: string;
  /** Kept on disk (a dossier's document); a test scan is not. */
  persisted: boolean;
  target: ScanTarget;
  title: string;
  pages: SessionPage[];
  rev: number;
  job: Job | null;
  lastUsed: number;
  /** The scanner and profile of the latest job (recorded with the stored PDF). */
  lastDevice: string | null;
};

export type SessionDeps = Readonly<{
  hub: ScannerHub;
  workDir: string;
  /** Settles once what a crash left in workDir is removed: a job must not start before (its
   *  temporary folder would be removed under the scanner's feet). */
  workDirReady: Promise<void>;
  language: () => Language;
  /** The station's message registry: how a job's error reads. */
  formatError: (code: ErrorCode, params: ErrorParams, lang: Language) => string;
  /** A session changed (pages, progress, an ending): told once per turn of the event loop. */
  changed?: (session: ScanSession) => void;
  /** Where sessions of dossier documents are kept; none: in memory only (tests of the rules). */
  persistence?: SessionPersistence;
  /** Default scanner and profile, and whether blank pages are dropped. */
  defaults: () => Readonly<{ deviceId: string | null; profile: ScanProfile; deviceOptions: Readonly<Record<string, string>>; dropBlankPages: boolean }>;
}>;

/** How the scanning feature keeps sessions on disk (session-store.ts). Each call finishes (or
 *  throws, changing nothing) before the session in memory changes. */
export type SessionPersistence = Readonly<{
  /** Writes the page's file durably, then its row (at the end, or in the place of `replacing`). */
  pageAdded: (s: ScanSession, page: SessionPage, replacing: string | null) => Promise<void>;
  /** The pages' order, rotations and left-out states as `pages` has them. */
  pagesEdited: (s: ScanSession, pages: readonly SessionPage[]) => void;
  /** The officer discarded the session: its rows and files go. */
  closed: (sessionId: string) => void;
}>;

const dataUrl = (jpeg: Buffer) => `data:image/jpeg;base64,${jpeg.toString('base64')}`;

export function createScanSessions(deps: SessionDeps) {
  const sessions = new Map<string, ScanSession>();
  /** Device id → session whose job is running on it. */
  const busy = new Map<string, string>();

  const errorView = (e: unknown): { code: string; message: string } => {
    const lang = deps.language();
    if (e instanceof StationError) return { code: e.code, message: deps.formatError(e.code, e.params, lang) };
    return { code: 'INTERNAL', message: deps.formatError('INTERNAL', {}, lang) };
  };

  // Progress moves many times a page: one notice per session and turn of the event loop.
  const noticePending = new Set<ScanSession>();
  const bump = (s: ScanSession): number => {
    s.rev++;
    if (deps.changed && !noticePending.has(s)) {
      noticePending.add(s);
      setImmediate(() => { noticePending.delete(s); deps.changed?.(s); });
    }
    return s.rev;
  };

  const sweep = () => {
    const now = Date.now();
    // Only memory: a session kept on disk is read back when asked for again.
    for (const s of sessions.values()) if (now - s.lastUsed > IDLE_MS && s.job?.state !== 'scanning') sessions.delete(s.id);
    if (sessions.size < MAX_SESSIONS) return;
    const idle = [...sessions.values()].filter((s) => s.job?.state !== 'scanning').sort((a, b) => a.lastUsed - b.lastUsed);
    for (const s of idle.slice(0, sessions.size - MAX_SESSIONS + 1)) sessions.delete(s.id);
  };

  const get = (id: string): ScanSession => {
    const s = sessions.get(id);
    if (!s) throw new StationError('SCAN_SESSION_NOT_FOUND', {});
    s.lastUsed = Date.now();
    return s;
  };

  const pageOf = (s: ScanSession, pageId: string): SessionPage => {
    const p = s.pages.find((x) => x.id === pageId);
    if (!p) throw new StationError('SCAN_PAGE_NOT_FOUND', {});
    return p;
  };

  const view = (s: ScanSession, since: number, stored: ScanSessionView['stored'] = null): ScanSessionView => {
    const changed = s.pages.filter((p) => p.rev > since).sort((a, b) => a.rev - b.rev);
    const sent = new Set(changed.slice(0, THUMBNAILS_PER_ANSWER).map((p) => p.id));
    const truncated = changed.length > THUMBNAILS_PER_ANSWER;
    const rev = truncated ? changed[THUMBNAILS_PER_ANSWER - 1]!.rev : s.rev;
    const mm = (px: number, dpi: number) => Math.round((px / dpi) * 254) / 10;
    const kept = s.pages.filter((p) => !p.removed);
    const job = s.job;
    return {
      sessionId: s.id,
      target: s.target,
      title: s.title,
      rev,
      job: job
        ? {
          state: job.state, deviceName: job.device.name, profile: job.profile, received: job.received, page: job.page, fraction: job.fraction,
          error: job.error, replacing: job.replacing,
        }
        : null,
      pages: s.pages.map((p) => ({
        id: p.id, rotation: p.rotation, removed: p.removed, widthMm: mm(p.page.width, p.page.dpi), heightMm: mm(p.page.height, p.page.dpi),
        dpi: p.page.dpi, mode: p.page.mode, bytes: p.page.bytes, rev: p.rev, ...(sent.has(p.id) ? { thumbnail: dataUrl(p.page.thumbnail) } : {}),
      })),
      stored,
      estimatedBytes: kept.reduce((n, p) => n + p.page.bytes + 900, kept.length ? 1500 : 0),
    };
  };

  /** Runs one job to its end; never throws (the outcome is in the job's state). */
  const run = async (s: ScanSession, job: Job, settings: Parameters<ReturnType<ScannerHub['driverFor']>['scan']>[1]) => {
    const { device, controller } = job;
    let processing: Promise<void> = Promise.resolve();
    let pending = 0;
    let pageError: unknown;
    let received = 0;
    const add = async (raw: RawPage, n: number) => {
      const raster = await decodePage(raw, n);
      const page = await processPage(raster, job.profile.mode);
      const dropBlank = deps.defaults().dropBlankPages;
      const entry: SessionPage = { id: randomUUID().slice(0, 12), page, rotation: 0, removed: dropBlank && page.blank ? 'blank' : null, rev: 0 };
      const replacing = job.replacing && s.pages.some((p) => p.id === job.replacing) ? job.replacing : null;
      if (!replacing && s.pages.length >= MAX_PAGES) throw new StationError('SCAN_TOO_MANY_PAGES', { max: MAX_PAGES });
      // On disk first: the page is shown only once a crash can no longer take it away.
      if (s.persisted && deps.persistence) {
        try {
          await deps.persistence.pageAdded(s, entry, replacing);
        } catch (e) {
          throw e instanceof StationError ? e : new StationError('SCAN_PAGE_STORE_FAILED', { page: n, detail: (e as NodeJS.ErrnoException).code ?? String(e) });
        }
      }
      // Its revision after the write: a status answered meanwhile must not have passed it already.
      entry.rev = bump(s);
      job.replacing = null;
      if (replacing) s.pages.splice(s.pages.findIndex((p) => p.id === replacing), 1, entry);
      else s.pages.push(entry);
    };
    try {
      await deps.workDirReady;
      await mkdir(deps.workDir, { recursive: true });
      const pages = deps.hub.driverFor(device).scan(device, settings, {
        signal: controller.signal,
        workDir: deps.workDir,
        onProgress: (p) => { job.page = p.page; job.fraction = p.fraction ?? null; bump(s); },
      });
      for await (const raw of pages) {
        const n = ++received;
        job.received = n;
        pending++;
        processing = processing.then(() => (pageError ? undefined : add(raw, n))).catch((e: unknown) => {
          // A damaged page stops the job: the officer rescans from that sheet on.
          pageError ??= e;
          controller.abort();
        }).finally(() => { pending--; });
        if (pending >= MAX_PENDING) await processing;
      }
      await processing;
      if (pageError) throw pageError;
      job.state = 'done';
    } catch (e) {
      await processing;
      const cause = pageError ?? e;
      const cancelled = !pageError && ((cause instanceof ScannerError && cause.reason === 'cancelled') || controller.signal.aborted);
      job.state = cancelled ? 'cancelled' : 'failed';
      const kept = s.pages.filter((p) => !p.removed).length;
      job.error = errorView(cancelled ? new StationError('SCAN_CANCELLED', { pages: kept }) : scannerProblem(cause, { device: device.name, pages: kept }));
    } finally {
      job.fraction = null;
      job.replacing = null;
      busy.delete(device.id);
      bump(s);
    }
  };

  return {
    open(target: ScanTarget, title: string): ScanSession {
      sweep();
      const s: ScanSession = { id: randomUUID(), persisted: target.kind === 'document', target, title, pages: [], rev: 0, job: null, lastUsed: Date.now(), lastDevice: null };
      sessions.set(s.id, s);
      return s;
    },
    /** A session read back from disk (after a restart, or dropped from memory): pages in order. */
    adopt(restored: Readonly<{ id: string; target: ScanTarget; title: string; lastDevice: string | null; pages: ReadonlyArray<Omit<SessionPage, 'rev'>> }>): ScanSession {
      const existing = sessions.get(restored.id);
      if (existing) return existing;
      sweep();
      // Revisions go on from above any the session had before the restart (they count from 0,
      // at most one per turn of the event loop): a renderer that kept its last revision takes
      // the answers as newer and gets every thumbnail again.
      const s: ScanSession = {
        id: restored.id, persisted: true, target: restored.target, title: restored.title, pages: [], rev: Date.now(), job: null, lastUsed: Date.now(), lastDevice: restored.lastDevice,
      };
      for (const p of restored.pages) s.pages.push({ ...p, rev: ++s.rev });
      sessions.set(s.id, s);
      return s;
    },
    /** The session if it is in memory (not touched). */
    find: (id: string): ScanSession | undefined => sessions.get(id),
    /** Sessions in memory whose job is running. */
    running: (): ScanSession[] => [...sessions.values()].filter((s) => s.job?.state === 'scanning'),
    get,
    view,
    /** Starts a job on the session (the default scanner and profile unless given). */
    async start(id: string, request: Readonly<{ deviceId?: string | undefined; profile?: Partial<ScanProfile> | undefined; replacePageId?: string | undefined }>): Promise<ScanSession> {
      const s = get(id);
      if (s.job?.state === 'scanning') throw new StationError('SCAN_JOB_RUNNING', {});
      if (request.replacePageId) pageOf(s, request.replacePageId);
      const defaults = deps.defaults();
      const deviceId = request.deviceId ?? defaults.deviceId;
      if (!deviceId) throw new StationError('SCANNER_NOT_CHOSEN', {});
      if (busy.has(deviceId)) throw new StationError('SCAN_JOB_RUNNING', {});
      const caps = await deps.hub.capabilities(deviceId);
      const device = caps.device;
      const wanted: ScanProfile = { ...defaults.profile, ...request.profile };
      // The profile as this scanner can do it: its nearest source, mode and resolution.
      const source = caps.sources.find((x) => x.kind === wanted.source) ?? caps.sources[0]!;
      const mode = source.colorModes.includes(wanted.mode) ? wanted.mode : source.colorModes.includes('gray') ? 'gray' : source.colorModes[0]!;
      const pageSize = source.pageSizes.includes(wanted.pageSize) ? wanted.pageSize : source.pageSizes[0] ?? wanted.pageSize;
      const profile: ScanProfile = { source: source.kind, mode, resolution: nearestResolution(source, wanted.resolution), pageSize };
      const options = request.deviceId === undefined || request.deviceId === defaults.deviceId ? defaults.deviceOptions : {};
      let finish: () => void = () => {};
      const job: Job = {
        state: 'scanning', device, profile, received: 0, page: 1, fraction: 0, error: null, replacing: request.replacePageId ?? null,
        controller: new AbortController(), finished: new Promise<void>((resolve) => { finish = resolve; }),
      };
      s.job = job;
      s.lastDevice = device.name;
      bump(s);
      busy.set(device.id, s.id);
      void run(s, job, { ...profile, options, ...(request.replacePageId ? { maxPages: 1 } : {}) }).finally(finish);
      return s;
    },
    cancel(id: string): ScanSession {
      const s = get(id);
      if (s.job?.state === 'scanning') s.job.controller.abort();
      return s;
    },
    edit(id: string, edit: Readonly<{ op: 'rotate'; pageId: string; quarterTurns: 1 | -1 | 2 } | { op: 'move'; pageId: string; to: number } | { op: 'remove' | 'restore'; pageId: string }>): ScanSession {
      const s = get(id);
      const original = pageOf(s, edit.pageId);
      // The edit is made on a copy, written, and only then becomes the session's.
      const p: SessionPage = { ...original };
      const pages = s.pages.map((x) => (x === original ? p : x));
      switch (edit.op) {
        case 'rotate':
          p.rotation = ((((p.rotation + edit.quarterTurns * 90) % 360) + 360) % 360) as SessionPage['rotation'];
          break;
        case 'move': {
          const from = pages.indexOf(p);
          pages.splice(from, 1);
          pages.splice(Math.min(edit.to, pages.length), 0, p);
          break;
        }
        case 'remove':
          p.removed = 'officer';
          break;
        case 'restore':
          p.removed = null;
          break;
      }
      if (s.persisted) deps.persistence?.pagesEdited(s, pages);
      s.pages.splice(0, s.pages.length, ...pages);
      bump(s);
      return s;
    },
    /** Waits for a running job to end (tests, saving right after a scan). */
    async settled(id: string): Promise<ScanSession> {
      const s = get(id);
      await s.job?.finished;
      return s;
    },
    /** Discards a session: stops its job, and its pages on disk go (also when not in memory). */
    async close(id: string): Promise<void> {
      const s = sessions.get(id);
      if (s) {
        s.job?.controller.abort();
        sessions.delete(id);
        // Its last page may be being written: the rows go after it, or that page would stay.
        await s.job?.finished;
      }
      if (!s || s.persisted) deps.persistence?.closed(id);
    },
    /** Forgets a session kept on disk (saved: its rows went with the PDF's transaction). */
    forget(id: string): void {
      sessions.delete(id);
    },
    /** Stops every job (station closing) and waits for the scanners to be released. */
    async closeAll(): Promise<void> {
      const running = [...sessions.values()].flatMap((s) => (s.job?.state === 'scanning' ? [s.job] : []));
      for (const j of running) j.controller.abort();
      await Promise.all(running.map((j) => j.finished));
      sessions.clear();
    },
  };
}

export type ScanSessions = ReturnType<typeof createScanSessions>;

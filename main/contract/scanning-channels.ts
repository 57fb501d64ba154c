import { z } from 'zod';
import { channel, none, withAccess, COUNTER, READERS, RECEPTION, TECHNICIAN } from './channel';
import { localDateTime } from './schemas';
import { isSafeDeviceId } from '../core/text-safety';

// Scanning paper documents into a dossier (issue 4): the scanners the station sees, the
// technician's default scanner and profile, and scan sessions — one per document being scanned —
// whose pages arrive while the scanner runs. The renderer polls `scan.status`; thumbnails come
// once per page (only those changed since the revision the renderer already has), so each
// answer stays small however many pages a document has.

export const sourceKind = z.enum(['flatbed', 'feeder', 'duplex']);
export const colorMode = z.enum(['color', 'gray', 'lineart']);
export const pageSize = z.enum(['A4', 'A5', 'Letter', 'Legal']);

export const scanProfile = z.object({
  source: sourceKind,
  mode: colorMode,
  resolution: z.number().int().min(50).max(1200),
  pageSize,
});

/** A scanner id as drivers report it; refused before it reaches scanimage, PowerShell or a URL
 *  when it holds a NUL, a control or invisible character, or starts with "-". */
const deviceId = z.string().min(1).max(500).refine(isSafeDeviceId, 'mã máy quét chứa ký tự không được phép (ký tự điều khiển, ký tự ẩn, hoặc bắt đầu bằng "-")');

const optionName = z.string().min(1).max(60).regex(/^[A-Za-z0-9][\w-]*$/);

export const scannerSettings = z.object({
  /** The default scanner ("sane:…", "escl:…", "wia:…"); null until the technician chooses. */
  deviceId: deviceId.nullable(),
  profile: scanProfile,
  /** Backend options for the default scanner (SANE: `--name=value`), checked against the device. */
  deviceOptions: z.record(optionName, z.string().max(100)).refine((o) => Object.keys(o).length <= 20, 'tối đa 20 tuỳ chọn'),
  /** eSCL scanners entered by address, for networks where mDNS does not reach. */
  networkScanners: z.array(z.url({ protocol: /^https?$/ }).max(300)).max(20),
  /** Look for eSCL scanners on the LAN (mDNS). */
  discoverNetwork: z.boolean(),
  /** Drop blank pages automatically (they can be brought back). */
  dropBlankPages: z.boolean(),
  /** A scan session nobody saved is kept on disk this many days after its last page or edit, then removed (the officer is told). */
  unfinishedSessionDays: z.number().int().min(1).max(90),
});

export const scannerDevice = z.object({
  id: z.string(),
  driver: z.enum(['sane', 'escl', 'wia']),
  name: z.string(),
  address: z.string().optional(),
});

export const scannerCapabilities = z.object({
  device: scannerDevice,
  sources: z.array(z.object({
    kind: sourceKind,
    colorModes: z.array(colorMode),
    resolutions: z.array(z.number().int()),
    maxWidthMm: z.number(),
    maxHeightMm: z.number(),
    pageSizes: z.array(pageSize),
  })),
  options: z.array(z.object({
    name: z.string(),
    values: z.array(z.string()).optional(),
    range: z.object({ min: z.number(), max: z.number() }).optional(),
    current: z.string().optional(),
  })),
});

export const scanTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('document'), dossierCode: z.string().min(1).max(60), documentCode: z.string().min(1).max(20) }).strict(),
  /** The technician's test scan: pages are shown, never stored. */
  z.object({ kind: z.literal('test') }).strict(),
]);

/** A JPEG as a data URL (img-src allows data:). */
const jpegDataUrl = z.string().startsWith('data:image/jpeg;base64,').max(400_000);

export const scanPageView = z.object({
  id: z.string(),
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  /** Why the page is left out of the PDF: found blank, or removed by the officer. Both can be undone. */
  removed: z.enum(['blank', 'officer']).nullable(),
  widthMm: z.number(),
  heightMm: z.number(),
  dpi: z.number().int(),
  mode: colorMode,
  /** What the page adds to the PDF. */
  bytes: z.number().int(),
  /** Changes when the page's picture changes (new, rescanned). */
  rev: z.number().int(),
  /** Only when the page changed since the revision asked about. */
  thumbnail: jpegDataUrl.optional(),
});

export const scanJobView = z.object({
  state: z.enum(['scanning', 'done', 'failed', 'cancelled']),
  deviceName: z.string(),
  profile: scanProfile,
  /** Pages received in this job (blank ones included). */
  received: z.number().int(),
  /** The page being scanned (1-based) and how far through it, when the scanner tells. */
  page: z.number().int(),
  fraction: z.number().min(0).max(1).nullable(),
  /** Why the job stopped early, for the officer. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** A rescan of one page replaces it. */
  replacing: z.string().nullable(),
});

export const storedScan = z.object({
  documentCode: z.string(),
  documentName: z.string(),
  pages: z.number().int(),
  bytes: z.number().int(),
  sha256: z.string().length(64),
  colorMode: z.enum(['color', 'gray', 'lineart', 'mixed']),
  resolution: z.number().int(),
  scanner: z.string(),
  scannedAt: localDateTime,
  /** The dossier file the sync uploads. */
  fileId: z.number().int(),
});

export const scanSessionView = z.object({
  sessionId: z.string(),
  target: scanTarget,
  /** What is being scanned, for the dialog's title. */
  title: z.string(),
  /** Answers with thumbnails of every page changed after this revision; ask again with it. */
  rev: z.number().int(),
  job: scanJobView.nullable(),
  pages: z.array(scanPageView),
  /** The PDF already stored for this document, if any (a new scan replaces it or is appended). */
  stored: storedScan.nullable(),
  /** Size of the PDF the kept pages would make, about. */
  estimatedBytes: z.number().int(),
  /** What the officer must know about a session read back from disk (a damaged page left out). */
  notices: z.array(z.string()).optional(),
});

/** A session of a dossier's document not yet saved (kept across restarts), offered to carry on. */
export const unfinishedScan = z.object({
  sessionId: z.string(),
  documentCode: z.string(),
  documentName: z.string(),
  /** Pages in the session, and those that will go into the PDF. */
  pages: z.number().int(),
  keptPages: z.number().int(),
  scanner: z.string().nullable(),
  lastUsedAt: localDateTime,
  /** A job of it is running now (the dialog was closed or the window reloaded meanwhile). */
  scanning: z.boolean(),
});

export const unfinishedScans = z.object({
  sessions: z.array(unfinishedScan),
  /** Sessions removed without being saved (abandoned too long, the dossier refused): told until dismissed with scan.close. */
  ended: z.array(z.object({ sessionId: z.string(), documentCode: z.string(), message: z.string() })),
});

const sessionRef = { sessionId: z.string().min(1).max(64) };

export const scanningChannels = withAccess({
  'scanners.list': channel(
    z.object({ refresh: z.boolean().default(false) }).strict(),
    z.object({ devices: z.array(scannerDevice), notes: z.array(z.string()) }),
    'Scanners the station sees (SANE, eSCL on the LAN or by address, WIA); cached for a minute unless refresh',
  ),
  'scanners.capabilities': channel(z.object({ deviceId }).strict(), scannerCapabilities, 'Sources, colour modes, resolutions and page sizes of one scanner'),
  'scanners.settings': channel(none, scannerSettings, "The station's default scanner and scan profile"),
  'scanners.configure': channel(scannerSettings.partial().strict(), scannerSettings, 'Change the default scanner, profile or scanner list'),
  'scan.open': channel(z.object({ target: scanTarget }).strict(), scanSessionView, 'Open a scan session for one document of a saved dossier (or a test scan)'),
  'scan.start': channel(
    z.object({
      ...sessionRef,
      deviceId: deviceId.optional(),
      profile: scanProfile.partial().optional(),
      /** Rescan one page: the next page scanned takes its place. */
      replacePageId: z.string().max(64).optional(),
    }).strict(),
    scanSessionView,
    'Start scanning into the session (pages are added at the end, or replace one page)',
  ),
  'scan.status': channel(z.object({ ...sessionRef, since: z.number().int().min(0).default(0) }).strict(), scanSessionView, 'Progress, pages and new thumbnails of a session'),
  'scan.cancel': channel(z.object(sessionRef).strict(), scanSessionView, 'Stop the scanner; pages already scanned are kept'),
  'scan.page': channel(
    z.object({ ...sessionRef, pageId: z.string().min(1).max(64) }).strict(),
    z.object({ id: z.string(), preview: jpegDataUrl, rotation: z.number().int() }),
    'A larger picture of one page',
  ),
  'scan.edit': channel(
    z.object({
      ...sessionRef,
      edit: z.discriminatedUnion('op', [
        z.object({ op: z.literal('rotate'), pageId: z.string().max(64), quarterTurns: z.union([z.literal(1), z.literal(-1), z.literal(2)]) }).strict(),
        z.object({ op: z.literal('move'), pageId: z.string().max(64), to: z.number().int().min(0).max(10_000) }).strict(),
        z.object({ op: z.literal('remove'), pageId: z.string().max(64) }).strict(),
        z.object({ op: z.literal('restore'), pageId: z.string().max(64) }).strict(),
      ]),
    }).strict(),
    scanSessionView,
    'Rotate, move, remove or bring back a page',
  ),
  'scan.save': channel(
    z.object({ ...sessionRef, mode: z.enum(['replace', 'append']).default('replace') }).strict(),
    storedScan,
    'Make the PDF of the kept pages, store it and attach it to the document (one transaction); closes the session',
  ),
  'scan.close': channel(
    z.object(sessionRef).strict(),
    z.object({ closed: z.literal(true) }),
    'Discard a session and its pages (stops the scanner if running); for a session already removed, dismiss the notice of it',
  ),
  'scan.unfinished': channel(
    z.object({ dossierCode: z.string().min(1).max(60) }).strict(),
    unfinishedScans,
    "The dossier's scan sessions not yet saved (kept across restarts), and those removed unsaved",
  ),
  'scan.resume': channel(
    z.object(sessionRef).strict(),
    scanSessionView,
    'Carry on an unfinished session: its pages back from disk, in order, checked against their SHA-256',
  ),
  'scan.documents': channel(z.object({ dossierCode: z.string().min(1).max(60) }).strict(), z.array(storedScan), 'The scans attached to the documents of a dossier'),
  'scan.pdf': channel(
    z.object({ dossierCode: z.string().min(1).max(60), documentCode: z.string().min(1).max(20) }).strict(),
    z.object({ fileName: z.string(), base64: z.string() }),
    'The stored PDF of one document (checked against its SHA-256)',
  ),
}, {
  'scanners.list': COUNTER,
  'scanners.capabilities': COUNTER,
  'scanners.settings': COUNTER,
  'scanners.configure': TECHNICIAN,
  'scan.open': COUNTER,
  'scan.start': COUNTER,
  'scan.status': COUNTER,
  'scan.cancel': COUNTER,
  'scan.page': COUNTER,
  'scan.edit': COUNTER,
  'scan.save': RECEPTION,
  'scan.close': COUNTER,
  'scan.unfinished': COUNTER,
  'scan.resume': COUNTER,
  'scan.documents': READERS,
  'scan.pdf': READERS,
});

export type ScannerSettings = z.infer<typeof scannerSettings>;
export type ScanProfile = z.infer<typeof scanProfile>;
export type ScanSessionView = z.infer<typeof scanSessionView>;
export type StoredScan = z.infer<typeof storedScan>;
export type UnfinishedScans = z.infer<typeof unfinishedScans>;
export type ScanTarget = z.infer<typeof scanTarget>;

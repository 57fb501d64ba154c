// The port through which the station drives a document scanner. One implementation per backend:
// SANE through `scanimage` (Linux), eSCL/AirScan over HTTP (any OS), WIA through PowerShell
// (Windows). Drivers speak in the driver's own names ("ADF Duplex", "Grayscale8"…) only inside;
// what crosses this interface is the station's vocabulary below.

/** Where the paper is: the glass, the feeder one side, the feeder both sides. */
export type SourceKind = 'flatbed' | 'feeder' | 'duplex';
export type ColorMode = 'color' | 'gray' | 'lineart';
export type PageSizeName = 'A4' | 'A5' | 'Letter' | 'Legal';

export const SOURCE_KINDS: readonly SourceKind[] = ['flatbed', 'feeder', 'duplex'];
export const COLOR_MODES: readonly ColorMode[] = ['color', 'gray', 'lineart'];

/** Width × height in millimetres, portrait. */
export const PAGE_SIZES_MM: Readonly<Record<PageSizeName, readonly [number, number]>> = {
  A4: [210, 297],
  A5: [148, 210],
  Letter: [215.9, 279.4],
  Legal: [215.9, 355.6],
};

export type DriverKind = 'sane' | 'escl' | 'wia';

export type ScannerDevice = Readonly<{
  /** Unique across drivers: "sane:test:0", "escl:http://10.0.0.5:80/eSCL", "wia:{6BDD1FC6-…}\\0000". */
  id: string;
  driver: DriverKind;
  /** What a person reads: vendor and model. */
  name: string;
  /** Where it is, when it is on the network. */
  address?: string;
}>;

export type SourceCapabilities = Readonly<{
  kind: SourceKind;
  /** The driver's own name for this source, sent back when scanning from it. */
  driverName: string;
  colorModes: readonly ColorMode[];
  /** Dots per inch the device accepts from this source, ascending. */
  resolutions: readonly number[];
  maxWidthMm: number;
  maxHeightMm: number;
}>;

/** A backend-specific option the technician may set (SANE's `--test-picture`, `--swdeskew`…). */
export type DeviceOption = Readonly<{ name: string; values?: readonly string[]; range?: Readonly<{ min: number; max: number }>; current?: string }>;

export type ScannerCapabilities = Readonly<{
  device: ScannerDevice;
  sources: readonly SourceCapabilities[];
  options: readonly DeviceOption[];
}>;

export type ScanSettings = Readonly<{
  source: SourceKind;
  mode: ColorMode;
  resolution: number;
  pageSize: PageSizeName;
  /** Stop after this many pages (a rescan of one page asks for 1). */
  maxPages?: number;
  /** Backend options by name (checked against the device's own list before use). */
  options?: Readonly<Record<string, string>>;
}>;

/** One page as the scanner delivered it: bytes in some image format, not yet trusted. */
export type RawPage = Readonly<{
  data: Buffer;
  /** What the driver believes it asked for; the core checks the bytes anyway. */
  format: 'pnm' | 'jpeg' | 'png' | 'tiff' | 'unknown';
  /** The resolution the page was scanned at (dpi), when the image itself does not say. */
  resolution: number;
}>;

export type ScanProgress = Readonly<{
  /** 1-based number of the page being scanned. */
  page: number;
  /** How far through that page, 0..1, when the backend tells. */
  fraction?: number;
}>;

export type ScanOptions = Readonly<{
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
  /** Where a driver may put temporary files (one folder per job is made inside). */
  workDir: string;
}>;

export interface ScannerDriver {
  readonly kind: DriverKind;
  /** Devices this backend sees now. Never throws for "none found": answers []. */
  list(): Promise<ScannerDevice[]>;
  capabilities(device: ScannerDevice): Promise<ScannerCapabilities>;
  /**
   * Scans with the given settings, yielding each page as soon as it is complete. Ends normally
   * when the flatbed page is done or the feeder runs out after at least one page. Failing after
   * some pages, it throws a ScannerError: the pages already yielded remain the caller's.
   * Aborting the signal stops the device and throws ScannerError('cancelled').
   */
  scan(device: ScannerDevice, settings: ScanSettings, options: ScanOptions): AsyncIterable<RawPage>;
}

/** Why a scan or a query failed, in the station's terms; the core turns each into a message. */
export type ScannerFailure =
  | 'not_found'
  | 'busy'
  | 'jammed'
  | 'feeder_empty'
  | 'cover_open'
  | 'gone'
  | 'io'
  | 'access_denied'
  | 'cancelled'
  | 'unsupported_setting'
  | 'capabilities_invalid'
  | 'pdf_instead_of_image'
  | 'timeout'
  | 'no_backend';

export class ScannerError extends Error {
  constructor(
    readonly reason: ScannerFailure,
    /** What the device or backend said, for the technician (not translated). */
    readonly detail = '',
    /** Pages delivered before the failure. */
    readonly pagesDelivered = 0,
  ) {
    super(`Scanner ${reason}${detail ? `: ${detail}` : ''}`);
    this.name = 'ScannerError';
  }
}

/** Resolutions outside this range are not document scanning; a device offering only those is refused. */
export const MIN_DPI = 50;
export const MAX_DPI = 1200;

/**
 * Keeps the sources someone can scan with (a known kind, a usable mode and resolution, a sane
 * area); refuses the device when none is left, naming what was wrong.
 */
export function checkCapabilities(caps: ScannerCapabilities): ScannerCapabilities {
  const problems: string[] = [];
  const sources = caps.sources.filter((s) => {
    const before = problems.length;
    if (s.colorModes.length === 0) problems.push(`${s.kind}: no colour mode`);
    if (s.resolutions.length === 0) problems.push(`${s.kind}: no resolution between ${MIN_DPI} and ${MAX_DPI} dpi`);
    if (!(s.maxWidthMm >= 20 && s.maxWidthMm <= 1000 && s.maxHeightMm >= 20 && s.maxHeightMm <= 5000)) {
      problems.push(`${s.kind}: scan area ${s.maxWidthMm}×${s.maxHeightMm} mm`);
    }
    return problems.length === before;
  });
  if (caps.sources.length === 0) problems.push('no flatbed or feeder');
  if (sources.length === 0) throw new ScannerError('capabilities_invalid', problems.join('; '));
  return { ...caps, sources };
}

/** The largest standard page size that fits the source, or the source's maximum when smaller than A5. */
export function scanAreaMm(source: SourceCapabilities, pageSize: PageSizeName): { widthMm: number; heightMm: number } {
  const [w, h] = PAGE_SIZES_MM[pageSize];
  return { widthMm: Math.min(w, source.maxWidthMm), heightMm: Math.min(h, source.maxHeightMm) };
}

/** The page sizes a source can take whole. */
export function pageSizesFor(source: SourceCapabilities): PageSizeName[] {
  return (Object.keys(PAGE_SIZES_MM) as PageSizeName[]).filter((p) => {
    const [w, h] = PAGE_SIZES_MM[p];
    return w <= source.maxWidthMm + 0.5 && h <= source.maxHeightMm + 0.5;
  });
}

/** The nearest resolution a source offers to the one asked for (never zero). */
export function nearestResolution(source: SourceCapabilities, wanted: number): number {
  let best = source.resolutions[0] ?? wanted;
  for (const r of source.resolutions) if (Math.abs(r - wanted) < Math.abs(best - wanted) || (Math.abs(r - wanted) === Math.abs(best - wanted) && r > best)) best = r;
  return best;
}

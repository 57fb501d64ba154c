import { pickModeName } from './names';
import { HttpFailure, httpRequest, type HttpResponse } from './http';
import {
  COLOR_MODES, MAX_DPI, MIN_DPI, ScannerError, checkCapabilities, scanAreaMm,
  type ColorMode, type ScanOptions, type ScannerCapabilities, type ScannerDevice, type ScannerDriver, type ScanSettings,
  type SourceCapabilities, type SourceKind,
} from './scanner';
import { sniffImage } from './formats';
import { escapeXml, find, findAll, numberOf, parseXml, textOf, type XmlElement } from './xml';

// eSCL ("AirScan", Mopria): driverless scanning over HTTP, found by mDNS as _uscan._tcp /
// _uscans._tcp. A job is POST /ScanJobs (201 + Location), then GET {job}/NextDocument once per
// page until 404, DELETE {job} to cancel. ScannerStatus tells jams and an empty feeder.
// Lengths are in 1/300 inch.

const NS = 'xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm"';
const UNITS_PER_MM = 300 / 25.4;
const DOCUMENT_RESOLUTIONS = [75, 100, 150, 200, 240, 300, 400, 600];

export type EsclCapabilities = ScannerCapabilities & {
  version: string;
  /** Image formats the scanner offers, in the order we prefer them. */
  imageFormats: string[];
  /** Every document format it offers (to tell "PDF only" apart). */
  documentFormats: string[];
  /** eSCL colour mode name per station mode, per source kind. */
  modeNames: Partial<Record<SourceKind, Partial<Record<ColorMode, string>>>>;
};

function resolutionsOf(profile: XmlElement | undefined): number[] {
  const found = new Set<number>();
  for (const d of findAll(profile, 'DiscreteResolution')) {
    const x = numberOf(d, 'XResolution');
    const y = numberOf(d, 'YResolution') ?? x;
    if (x !== undefined && x === y) found.add(x);
  }
  const range = find(profile, 'XResolutionRange');
  if (range) {
    const min = numberOf(range, 'Min');
    const max = numberOf(range, 'Max');
    if (min !== undefined && max !== undefined) for (const r of DOCUMENT_RESOLUTIONS) if (r >= min && r <= max) found.add(r);
  }
  return [...found].filter((r) => r >= MIN_DPI && r <= MAX_DPI).sort((a, b) => a - b);
}

function sourceOf(kind: SourceKind, driverName: string, caps: XmlElement | undefined, modeNames: EsclCapabilities['modeNames']): SourceCapabilities | undefined {
  if (!caps) return undefined;
  const names = findAll(caps, 'ColorMode').map((c) => c.text);
  const byMode: Partial<Record<ColorMode, string>> = {};
  for (const mode of COLOR_MODES) {
    const name = pickModeName(names, mode);
    if (name) byMode[mode] = name;
  }
  modeNames[kind] = byMode;
  const mm = (v: number | undefined) => (v === undefined ? Number.NaN : Math.round((v / UNITS_PER_MM) * 10) / 10);
  return {
    kind,
    driverName,
    colorModes: COLOR_MODES.filter((m) => byMode[m] !== undefined),
    resolutions: resolutionsOf(caps),
    maxWidthMm: mm(numberOf(caps, 'MaxWidth')),
    maxHeightMm: mm(numberOf(caps, 'MaxHeight')),
  };
}

/** ScannerCapabilities XML → what the station can use; refuses a document no one can scan with. */
export function parseEsclCapabilities(xml: string, device: ScannerDevice): EsclCapabilities {
  const doc = parseXml(xml);
  const root = find(doc, 'ScannerCapabilities');
  if (!root) throw new ScannerError('capabilities_invalid', 'no ScannerCapabilities element');
  const modeNames: EsclCapabilities['modeNames'] = {};
  const adf = find(root, 'Adf');
  const simplex = find(adf, 'AdfSimplexInputCaps');
  const duplexCaps = find(adf, 'AdfDuplexInputCaps');
  const adfOptions = findAll(adf, 'AdfOption').map((o) => o.text);
  const sources = [
    sourceOf('flatbed', 'Platen', find(find(root, 'Platen'), 'PlatenInputCaps'), modeNames),
    sourceOf('feeder', 'Feeder', simplex, modeNames),
    sourceOf('duplex', 'Feeder', duplexCaps ?? (adfOptions.includes('Duplex') ? simplex : undefined), modeNames),
  ].filter((s): s is SourceCapabilities => s !== undefined);
  const documentFormats = [...new Set([...findAll(root, 'DocumentFormatExt'), ...findAll(root, 'DocumentFormat')].map((f) => f.text.toLowerCase()))];
  const imageFormats = ['image/jpeg', 'image/png', 'image/tiff'].filter((f) => documentFormats.includes(f));
  const model = textOf(root, 'MakeAndModel');
  const checked = checkCapabilities({ device: model ? { ...device, name: model } : device, sources, options: [] });
  return { ...checked, version: textOf(root, 'Version') || '2.0', imageFormats, documentFormats, modeNames };
}

export type EsclStatus = Readonly<{
  state: string;
  adfState?: string;
  jobs: ReadonlyArray<Readonly<{ uri: string; state: string; reasons: string[] }>>;
}>;

export function parseEsclStatus(xml: string): EsclStatus {
  const root = find(parseXml(xml), 'ScannerStatus');
  const adfState = textOf(root, 'AdfState');
  return {
    state: textOf(root, 'State') ?? 'Unknown',
    ...(adfState ? { adfState } : {}),
    jobs: findAll(root, 'JobInfo').map((j) => ({
      uri: textOf(j, 'JobUri') ?? textOf(j, 'JobUuid') ?? '',
      state: textOf(j, 'JobState') ?? '',
      reasons: findAll(j, 'JobStateReason').map((r) => r.text),
    })),
  };
}

/** The ScanSettings document for one job. */
export function esclScanSettings(caps: EsclCapabilities, settings: ScanSettings): string {
  const source = caps.sources.find((s) => s.kind === settings.source);
  if (!source) throw new ScannerError('unsupported_setting', `source ${settings.source}`);
  const colorMode = caps.modeNames[settings.source]?.[settings.mode];
  if (!colorMode) throw new ScannerError('unsupported_setting', `mode ${settings.mode}`);
  if (!source.resolutions.includes(settings.resolution)) throw new ScannerError('unsupported_setting', `resolution ${settings.resolution}`);
  const format = caps.imageFormats[0];
  if (!format) throw new ScannerError('pdf_instead_of_image', `offers only ${caps.documentFormats.join(', ') || 'no format'}`);
  const { widthMm, heightMm } = scanAreaMm(source, settings.pageSize);
  const units = (mm: number) => Math.round(mm * UNITS_PER_MM);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<scan:ScanSettings ${NS}>`,
    `  <pwg:Version>${escapeXml(caps.version)}</pwg:Version>`,
    '  <scan:Intent>Document</scan:Intent>',
    '  <pwg:ScanRegions>',
    '    <pwg:ScanRegion>',
    `      <pwg:Height>${units(heightMm)}</pwg:Height>`,
    '      <pwg:ContentRegionUnits>escl:ThreeHundredthsOfInches</pwg:ContentRegionUnits>',
    `      <pwg:Width>${units(widthMm)}</pwg:Width>`,
    '      <pwg:XOffset>0</pwg:XOffset>',
    '      <pwg:YOffset>0</pwg:YOffset>',
    '    </pwg:ScanRegion>',
    '  </pwg:ScanRegions>',
    `  <pwg:InputSource>${source.driverName}</pwg:InputSource>`,
    ...(settings.source === 'flatbed' ? [] : [`  <scan:Duplex>${settings.source === 'duplex'}</scan:Duplex>`]),
    `  <scan:ColorMode>${escapeXml(colorMode)}</scan:ColorMode>`,
    `  <scan:XResolution>${settings.resolution}</scan:XResolution>`,
    `  <scan:YResolution>${settings.resolution}</scan:YResolution>`,
    `  <pwg:DocumentFormat>${format}</pwg:DocumentFormat>`,
    `  <scan:DocumentFormatExt>${format}</scan:DocumentFormatExt>`,
    '</scan:ScanSettings>',
  ].join('\n');
}

export type EsclDriverOptions = Readonly<{
  /** Scanners the technician entered by address ("http://10.0.0.5/eSCL"). */
  manualUrls: () => readonly string[];
  /** mDNS discovery; none when not given. */
  discover?: () => Promise<ScannerDevice[]>;
  /** Longest wait for one answer of the scanner. */
  timeoutMs?: number;
  /** Longest wait for one page to be ready (a slow scanner warming up, a long page). */
  pageTimeoutMs?: number;
  /** Pause between asks while a page is not ready (503). */
  retryMs?: number;
}>;

export function esclDevice(url: string, name?: string): ScannerDevice {
  const base = url.replace(/\/+$/, '');
  let address = base;
  try {
    address = new URL(base).host;
  } catch { /* shown as typed */ }
  return { id: `escl:${base}`, driver: 'escl', name: name ?? address, address };
}

const baseOf = (device: ScannerDevice) => device.id.replace(/^escl:/, '');
const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });

export function esclDriver(config: EsclDriverOptions): ScannerDriver {
  const timeoutMs = config.timeoutMs ?? 15_000;
  const pageTimeoutMs = config.pageTimeoutMs ?? 120_000;
  const retryMs = config.retryMs ?? 500;

  /** One request; a network failure becomes `not_found` before a job and `gone` during one. */
  const call = async (url: string, init: Parameters<typeof httpRequest>[1], during: 'query' | 'job', pages = 0): Promise<HttpResponse> => {
    try {
      return await httpRequest(url, { timeoutMs, ...init });
    } catch (e) {
      if (e instanceof HttpFailure) {
        if (e.kind === 'aborted') throw new ScannerError('cancelled', '', pages);
        if (e.kind === 'too_large') throw new ScannerError('io', e.detail, pages);
        if (e.kind === 'timeout') throw new ScannerError(during === 'job' ? 'gone' : 'timeout', e.detail, pages);
        throw new ScannerError(during === 'job' ? 'gone' : 'not_found', e.detail, pages);
      }
      throw e;
    }
  };

  const capabilities = async (device: ScannerDevice): Promise<EsclCapabilities> => {
    const res = await call(`${baseOf(device)}/ScannerCapabilities`, {}, 'query');
    if (res.status !== 200) throw new ScannerError(res.status === 404 ? 'not_found' : 'io', `ScannerCapabilities: HTTP ${res.status}`);
    return parseEsclCapabilities(res.body.toString('utf8'), device);
  };

  const status = async (device: ScannerDevice, pages = 0): Promise<EsclStatus | undefined> => {
    try {
      const res = await call(`${baseOf(device)}/ScannerStatus`, {}, 'job', pages);
      return res.status === 200 ? parseEsclStatus(res.body.toString('utf8')) : undefined;
    } catch {
      return undefined;
    }
  };

  /** Why the scanner stopped, from its status: a jam, an empty feeder, an open cover, busy. */
  const diagnose = (s: EsclStatus | undefined, jobUri: string | undefined): { reason: 'jammed' | 'feeder_empty' | 'cover_open' | 'busy'; detail: string } | undefined => {
    if (!s) return undefined;
    const job = jobUri ? s.jobs.find((j) => j.uri && (jobUri.endsWith(j.uri) || j.uri.endsWith(jobUri.replace(/^https?:\/\/[^/]+/, '')))) : undefined;
    const reasons = [...(job?.reasons ?? []), s.adfState ?? ''].join(' ');
    if (/jam/i.test(reasons)) return { reason: 'jammed', detail: reasons.trim() };
    if (/door ?open|cover ?open|hatch/i.test(reasons)) return { reason: 'cover_open', detail: reasons.trim() };
    if (/empty|nomedia|no ?media|media ?empty|not ?loaded/i.test(reasons)) return { reason: 'feeder_empty', detail: reasons.trim() };
    return undefined;
  };

  return {
    kind: 'escl',
    async list() {
      // Scanners entered by address are named by their model when they answer quickly.
      const manual = await Promise.all([...new Set(config.manualUrls().map((u) => esclDevice(u).id))].map(async (id) => {
        const d = esclDevice(id.replace(/^escl:/, ''));
        try {
          const res = await httpRequest(`${baseOf(d)}/ScannerCapabilities`, { timeoutMs: 2000 });
          const model = res.status === 200 ? textOf(parseXml(res.body.toString('utf8')), 'MakeAndModel') : undefined;
          return model ? { ...d, name: model } : d;
        } catch {
          return d;
        }
      }));
      const found = config.discover ? await config.discover().catch(() => []) : [];
      const seen = new Set(manual.map((d) => d.id));
      return [...manual, ...found.filter((d) => !seen.has(d.id))];
    },
    capabilities,
    async *scan(device, settings, options: ScanOptions) {
      const { signal, onProgress } = options;
      const caps = await capabilities(device);
      const body = esclScanSettings(caps, settings);
      if (settings.source !== 'flatbed') {
        const before = diagnose(await status(device), undefined);
        if (before?.reason === 'feeder_empty' || before?.reason === 'jammed' || before?.reason === 'cover_open') throw new ScannerError(before.reason, before.detail);
      }
      if (signal?.aborted) throw new ScannerError('cancelled');
      const created = await call(`${baseOf(device)}/ScanJobs`, { method: 'POST', body, headers: { 'content-type': 'text/xml; charset=utf-8' }, ...(signal ? { signal } : {}) }, 'query');
      if (created.status === 503) throw new ScannerError('busy', 'ScanJobs: HTTP 503');
      if (created.status === 409) {
        const why = diagnose(await status(device), undefined);
        throw new ScannerError(why?.reason ?? 'busy', why?.detail ?? 'ScanJobs: HTTP 409');
      }
      const location = created.headers.location;
      if (created.status !== 201 || !location) throw new ScannerError(created.status === 400 ? 'unsupported_setting' : 'io', `ScanJobs: HTTP ${created.status}`);
      const jobUrl = new URL(location, `${baseOf(device)}/`).href.replace(/\/+$/, '');
      const cancelJob = () => call(jobUrl, { method: 'DELETE' }, 'job').catch(() => undefined);

      let pages = 0;
      let finished = false;
      const max = settings.source === 'flatbed' ? 1 : settings.maxPages;
      try {
        while (max === undefined || pages < max) {
          onProgress?.({ page: pages + 1, fraction: 0 });
          const asked = Date.now();
          let res: HttpResponse;
          for (;;) {
            res = await call(`${jobUrl}/NextDocument`, {
              ...(signal ? { signal } : {}),
              timeoutMs: pageTimeoutMs,
              onData: (received, total) => { if (total) onProgress?.({ page: pages + 1, fraction: Math.min(1, received / total) }); },
            }, 'job', pages);
            if (res.status !== 503) break;
            // Not ready yet (warming up, a slow page): ask again, up to the page timeout.
            if (Date.now() - asked > pageTimeoutMs) throw new ScannerError('timeout', `page ${pages + 1} not ready after ${Math.round(pageTimeoutMs / 1000)} s`, pages);
            const after = Number(res.headers['retry-after']);
            await wait(Number.isFinite(after) && after > 0 ? Math.min(after * 1000, 5000) : retryMs, signal);
            if (signal?.aborted) throw new ScannerError('cancelled', '', pages);
          }
          if (res.status === 404) {
            finished = true;
            const why = diagnose(await status(device, pages), jobUrl);
            if (why && (why.reason !== 'feeder_empty' || pages === 0)) throw new ScannerError(why.reason, why.detail, pages);
            if (pages === 0) throw new ScannerError(settings.source === 'flatbed' ? 'io' : 'feeder_empty', 'NextDocument: HTTP 404 before any page', 0);
            return;
          }
          if (res.status !== 200) {
            const why = diagnose(await status(device, pages), jobUrl);
            throw new ScannerError(why?.reason ?? (res.status === 409 ? 'busy' : 'io'), why?.detail ?? `NextDocument: HTTP ${res.status}`, pages);
          }
          const format = sniffImage(res.body);
          if (format === 'pdf' || /application\/pdf/i.test(String(res.headers['content-type'] ?? ''))) {
            throw new ScannerError('pdf_instead_of_image', String(res.headers['content-type'] ?? 'application/pdf'), pages);
          }
          pages++;
          yield { data: res.body, format: format === 'pnm' ? 'pnm' : format, resolution: settings.resolution };
        }
      } finally {
        // Stopped early (cancelled, enough pages, an error, the consumer left): free the scanner.
        if (!finished) await cancelJob();
      }
    },
  };
}

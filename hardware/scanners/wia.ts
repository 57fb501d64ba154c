import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { PageQueue } from './page-queue';
import {
  COLOR_MODES, MAX_DPI, MIN_DPI, ScannerError, checkCapabilities, scanAreaMm,
  type ColorMode, type RawPage, type ScanOptions, type ScannerCapabilities, type ScannerDevice, type ScannerDriver, type ScannerFailure,
  type ScanSettings, type SourceCapabilities, type SourceKind,
} from './scanner';

// WIA (Windows Image Acquisition) through its scripting COM objects (WIA.DeviceManager), driven
// by a PowerShell script this module writes. Each page is one `Item.Transfer` saved as PNG and
// announced as a JSON line on stdout; an empty feeder after a page is the normal end
// (WIA_ERROR_PAPER_EMPTY). This cannot run on the Linux CI machines: the scripts built and the
// parsing of their output are unit-tested, and the runner is tested against a stand-in command.

/** WIA property ids (wiadef.h). */
export const WIA = {
  DPS_DOCUMENT_HANDLING_CAPABILITIES: 3086,
  DPS_DOCUMENT_HANDLING_STATUS: 3087,
  DPS_DOCUMENT_HANDLING_SELECT: 3088,
  DPS_PAGES: 3096,
  DPS_HORIZONTAL_BED_SIZE: 3074,
  DPS_VERTICAL_BED_SIZE: 3075,
  DPS_HORIZONTAL_SHEET_FEED_SIZE: 3076,
  DPS_VERTICAL_SHEET_FEED_SIZE: 3077,
  IPA_DATATYPE: 4103,
  IPA_DEPTH: 4104,
  IPS_CUR_INTENT: 6146,
  IPS_XRES: 6147,
  IPS_YRES: 6148,
  IPS_XPOS: 6149,
  IPS_YPOS: 6150,
  IPS_XEXTENT: 6151,
  IPS_YEXTENT: 6152,
} as const;

/** WIA_DPS_DOCUMENT_HANDLING_SELECT / _CAPABILITIES bits. */
export const HANDLING = { FEEDER: 0x001, FLATBED: 0x002, DUPLEX: 0x004 } as const;
const WIA_FORMAT_PNG = '{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}';

/** WIA HRESULTs (wiadef.h) and common COM ones, as station reasons. */
export const WIA_ERRORS: Record<string, ScannerFailure> = {
  '0x80210001': 'io', // WIA_ERROR_GENERAL_ERROR
  '0x80210002': 'jammed', // WIA_ERROR_PAPER_JAM
  '0x80210003': 'feeder_empty', // WIA_ERROR_PAPER_EMPTY
  '0x80210004': 'jammed', // WIA_ERROR_PAPER_PROBLEM (misfeed)
  '0x80210005': 'gone', // WIA_ERROR_OFFLINE
  '0x80210006': 'busy', // WIA_ERROR_BUSY
  '0x80210007': 'busy', // WIA_ERROR_WARMING_UP
  '0x80210008': 'io', // WIA_ERROR_USER_INTERVENTION
  '0x80210009': 'gone', // WIA_ERROR_ITEM_DELETED
  '0x8021000A': 'gone', // WIA_ERROR_DEVICE_COMMUNICATION
  '0x8021000B': 'unsupported_setting', // WIA_ERROR_INVALID_COMMAND
  '0x8021000C': 'unsupported_setting', // WIA_ERROR_INCORRECT_HARDWARE_SETTING
  '0x8021000D': 'busy', // WIA_ERROR_DEVICE_LOCKED
  '0x8021000E': 'io', // WIA_ERROR_EXCEPTION_IN_DRIVER
  '0x8021000F': 'io', // WIA_ERROR_INVALID_DRIVER_RESPONSE
  '0x80210015': 'not_found', // WIA_S_NO_DEVICE_AVAILABLE
  '0x80210016': 'cover_open', // WIA_ERROR_COVER_OPEN
  '0x80210017': 'io', // WIA_ERROR_LAMP_OFF
  '0x80070005': 'access_denied', // E_ACCESSDENIED
  '0x80070057': 'unsupported_setting', // E_INVALIDARG
};

/** A string literal for PowerShell (single quotes: no expansion; a quote is doubled). */
export const psString = (s: string) => `'${s.replace(/'/g, "''")}'`;

const PRELUDE = [
  "$ErrorActionPreference = 'Stop'",
  '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8',
  'function Emit($o) { [Console]::Out.WriteLine((ConvertTo-Json -InputObject $o -Compress -Depth 5)); [Console]::Out.Flush() }',
  'function HResult($err) { $e = $err.Exception; while ($e.InnerException) { $e = $e.InnerException }; return (\'0x{0:X8}\' -f $e.HResult) }',
  'function Prop($props, $id) { foreach ($p in $props) { if ($p.PropertyID -eq $id) { return $p } }; return $null }',
  'function SetProp($props, $id, $value) { $p = Prop $props $id; if ($p -ne $null) { $p.Value = $value } }',
  'function Connect($id) {',
  '  $dm = New-Object -ComObject WIA.DeviceManager',
  '  foreach ($i in $dm.DeviceInfos) { if ($i.DeviceID -eq $id) { return $i.Connect() } }',
  "  Emit @{ type = 'error'; hresult = '0x80210015'; message = 'device not found' }; exit 2",
  '}',
];

/** Lists the WIA scanners: one JSON line per device. */
export function wiaListScript(): string {
  return [
    ...PRELUDE,
    'try {',
    '  $dm = New-Object -ComObject WIA.DeviceManager',
    '  foreach ($info in $dm.DeviceInfos) {',
    '    if ($info.Type -ne 1) { continue } # ScannerDeviceType',
    "    Emit @{ type = 'device'; id = $info.DeviceID; name = $info.Properties.Item('Name').Value; manufacturer = $info.Properties.Item('Manufacturer').Value }",
    '  }',
    "} catch { Emit @{ type = 'error'; hresult = (HResult $_); message = $_.Exception.Message }; exit 3 }",
  ].join('\r\n');
}

/** Reads what a device offers: handling capabilities, bed and feeder sizes, resolutions, data types. */
export function wiaCapabilitiesScript(deviceId: string): string {
  return [
    ...PRELUDE,
    'function Valid($p) {',
    "  if ($p -eq $null) { return @{ kind = 'none' } }",
    "  if ($p.SubType -eq 1) { return @{ kind = 'range'; min = $p.SubTypeMin; max = $p.SubTypeMax; step = $p.SubTypeStep } }",
    "  if ($p.SubType -eq 2 -or $p.SubType -eq 3) { return @{ kind = 'list'; values = @($p.SubTypeValues) } }",
    "  return @{ kind = 'list'; values = @($p.Value) }",
    '}',
    'try {',
    `  $dev = Connect ${psString(deviceId)}`,
    '  $item = $dev.Items.Item(1)',
    `  $h = Prop $dev.Properties ${WIA.DPS_DOCUMENT_HANDLING_CAPABILITIES}`,
    "  Emit @{ type = 'caps'",
    '    handling = $(if ($h -ne $null) { $h.Value } else { 2 })',
    `    bedWidth = (Prop $dev.Properties ${WIA.DPS_HORIZONTAL_BED_SIZE}).Value`,
    `    bedHeight = (Prop $dev.Properties ${WIA.DPS_VERTICAL_BED_SIZE}).Value`,
    `    feedWidth = (Prop $dev.Properties ${WIA.DPS_HORIZONTAL_SHEET_FEED_SIZE}).Value`,
    `    feedHeight = (Prop $dev.Properties ${WIA.DPS_VERTICAL_SHEET_FEED_SIZE}).Value`,
    `    resolutions = (Valid (Prop $item.Properties ${WIA.IPS_XRES}))`,
    `    dataTypes = (Valid (Prop $item.Properties ${WIA.IPA_DATATYPE}))`,
    '  }',
    "} catch { Emit @{ type = 'error'; hresult = (HResult $_); message = $_.Exception.Message }; exit 3 }",
  ].join('\r\n');
}

/** Data type, depth and intent per colour mode (WIA_IPA_DATATYPE: 0 threshold, 2 grey, 3 colour). */
const MODE_PROPS: Record<ColorMode, { dataType: number; depth: number; intent: number }> = {
  lineart: { dataType: 0, depth: 1, intent: 4 },
  gray: { dataType: 2, depth: 8, intent: 2 },
  color: { dataType: 3, depth: 24, intent: 1 },
};

/** The scan script: sets the source, mode, resolution and area, then transfers page after page. */
export function wiaScanScript(deviceId: string, settings: ScanSettings, source: SourceCapabilities, outDir: string): string {
  const handling = settings.source === 'flatbed' ? HANDLING.FLATBED : settings.source === 'duplex' ? HANDLING.FEEDER | HANDLING.DUPLEX : HANDLING.FEEDER;
  const mode = MODE_PROPS[settings.mode];
  const { widthMm, heightMm } = scanAreaMm(source, settings.pageSize);
  const px = (mm: number) => Math.floor((mm / 25.4) * settings.resolution);
  const max = settings.source === 'flatbed' ? 1 : settings.maxPages ?? 0;
  return [
    ...PRELUDE,
    `$png = ${psString(WIA_FORMAT_PNG)}`,
    `$outDir = ${psString(outDir)}`,
    `$max = ${max}`,
    '$page = 0',
    'try {',
    `  $dev = Connect ${psString(deviceId)}`,
    `  SetProp $dev.Properties ${WIA.DPS_DOCUMENT_HANDLING_SELECT} ${handling}`,
    `  SetProp $dev.Properties ${WIA.DPS_PAGES} 1`,
    '  $item = $dev.Items.Item(1)',
    `  SetProp $item.Properties ${WIA.IPS_CUR_INTENT} ${mode.intent}`,
    `  SetProp $item.Properties ${WIA.IPA_DATATYPE} ${mode.dataType}`,
    `  SetProp $item.Properties ${WIA.IPA_DEPTH} ${mode.depth}`,
    `  SetProp $item.Properties ${WIA.IPS_XRES} ${settings.resolution}`,
    `  SetProp $item.Properties ${WIA.IPS_YRES} ${settings.resolution}`,
    `  SetProp $item.Properties ${WIA.IPS_XPOS} 0`,
    `  SetProp $item.Properties ${WIA.IPS_YPOS} 0`,
    `  SetProp $item.Properties ${WIA.IPS_XEXTENT} ${px(widthMm)}`,
    `  SetProp $item.Properties ${WIA.IPS_YEXTENT} ${px(heightMm)}`,
    "} catch { Emit @{ type = 'error'; hresult = (HResult $_); message = $_.Exception.Message; pages = 0 }; exit 3 }",
    'while ($max -eq 0 -or $page -lt $max) {',
    "  Emit @{ type = 'progress'; page = ($page + 1) }",
    '  try { $img = $item.Transfer($png) }',
    '  catch {',
    '    $code = HResult $_',
    "    if ($code -eq '0x80210003' -and $page -gt 0) { break } # the feeder ran out after some pages: done",
    "    Emit @{ type = 'error'; hresult = $code; message = $_.Exception.Message; pages = $page }; exit 3",
    '  }',
    '  if ($img.FormatID -ne $png) {',
    '    $ip = New-Object -ComObject WIA.ImageProcess',
    "    $ip.Filters.Add($ip.FilterInfos.Item('Convert').FilterID)",
    "    $ip.Filters.Item(1).Properties.Item('FormatID').Value = $png",
    '    $img = $ip.Apply($img)',
    '  }',
    '  $page++',
    "  $file = Join-Path $outDir ('p{0:D4}.png' -f $page)",
    '  $img.SaveFile($file)',
    "  Emit @{ type = 'page'; file = $file; page = $page }",
    '}',
    "Emit @{ type = 'done'; pages = $page }",
  ].join('\r\n');
}

/** powershell.exe arguments running a script without quoting trouble (-EncodedCommand is UTF-16LE base64). */
export function powershellArgs(script: string): string[] {
  return ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', Buffer.from(script, 'utf16le').toString('base64')];
}

export type WiaEvent =
  | { type: 'device'; id: string; name: string; manufacturer: string }
  | { type: 'caps'; handling: number; bedWidth?: number; bedHeight?: number; feedWidth?: number; feedHeight?: number; resolutions: WiaValid; dataTypes: WiaValid }
  | { type: 'progress'; page: number }
  | { type: 'page'; file: string; page: number }
  | { type: 'done'; pages: number }
  | { type: 'error'; hresult: string; message: string; pages: number };

type WiaValid = { kind: 'range'; min: number; max: number; step: number } | { kind: 'list'; values: number[] } | { kind: 'none' };

/** One line of a script's output; anything else PowerShell printed (warnings) is ignored. */
export function parseWiaLine(line: string): WiaEvent | undefined {
  const t = line.trim();
  if (!t.startsWith('{')) return undefined;
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(t) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);
  const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
  const valid = (v: unknown): WiaValid => {
    const x = (v ?? {}) as Record<string, unknown>;
    if (x.kind === 'range' && num(x.min) !== undefined && num(x.max) !== undefined) return { kind: 'range', min: num(x.min)!, max: num(x.max)!, step: num(x.step) ?? 1 };
    if (x.kind === 'list') {
      const values = (Array.isArray(x.values) ? x.values : [x.values]).map(num).filter((n): n is number => n !== undefined);
      return { kind: 'list', values };
    }
    return { kind: 'none' };
  };
  switch (o.type) {
    case 'device': return typeof o.id === 'string' ? { type: 'device', id: o.id, name: str(o.name), manufacturer: str(o.manufacturer) } : undefined;
    case 'caps': {
      const sizes = Object.fromEntries((['bedWidth', 'bedHeight', 'feedWidth', 'feedHeight'] as const).flatMap((k) => (num(o[k]) !== undefined ? [[k, num(o[k])!]] : [])));
      return { type: 'caps', handling: num(o.handling) ?? HANDLING.FLATBED, ...sizes, resolutions: valid(o.resolutions), dataTypes: valid(o.dataTypes) };
    }
    case 'progress': return { type: 'progress', page: num(o.page) ?? 1 };
    case 'page': return typeof o.file === 'string' ? { type: 'page', file: o.file, page: num(o.page) ?? 0 } : undefined;
    case 'done': return { type: 'done', pages: num(o.pages) ?? 0 };
    case 'error': return { type: 'error', hresult: str(o.hresult).toUpperCase().replace(/^0X/, '0x'), message: str(o.message), pages: num(o.pages) ?? 0 };
    default: return undefined;
  }
}

const DOCUMENT_RESOLUTIONS = [75, 100, 150, 200, 240, 300, 400, 600];

/** The station's view of a WIA device from its capabilities line (sizes in 1/1000 inch). */
export function wiaCapabilities(device: ScannerDevice, caps: Extract<WiaEvent, { type: 'caps' }>): ScannerCapabilities {
  const resolutions = caps.resolutions.kind === 'list'
    ? [...new Set(caps.resolutions.values)].filter((r) => r >= MIN_DPI && r <= MAX_DPI).sort((a, b) => a - b)
    : caps.resolutions.kind === 'range' ? DOCUMENT_RESOLUTIONS.filter((r) => r >= (caps.resolutions as { min: number }).min && r <= (caps.resolutions as { max: number }).max)
    : [];
  const types = caps.dataTypes.kind === 'list' ? caps.dataTypes.values : [0, 2, 3];
  const colorModes = COLOR_MODES.filter((m) => types.includes(MODE_PROPS[m].dataType));
  const mm = (thousandths: number | undefined) => (thousandths === undefined ? Number.NaN : Math.round((thousandths / 1000) * 254) / 10);
  const sources: SourceCapabilities[] = [];
  const add = (kind: SourceKind, w: number | undefined, h: number | undefined) =>
    sources.push({ kind, driverName: kind, colorModes, resolutions, maxWidthMm: mm(w), maxHeightMm: mm(h) });
  if (caps.handling & HANDLING.FLATBED) add('flatbed', caps.bedWidth, caps.bedHeight);
  if (caps.handling & HANDLING.FEEDER) add('feeder', caps.feedWidth ?? caps.bedWidth, caps.feedHeight ?? caps.bedHeight);
  if (caps.handling & HANDLING.DUPLEX) add('duplex', caps.feedWidth ?? caps.bedWidth, caps.feedHeight ?? caps.bedHeight);
  return checkCapabilities({ device, sources, options: [] });
}

export type WiaOptions = Readonly<{
  /** powershell.exe, or a stand-in in tests. */
  command?: string;
  /** Arguments for a script (tests give the script to a stand-in as they like). */
  args?: (script: string) => string[];
  timeoutMs?: number;
}>;

export function wiaDriver(config: WiaOptions = {}): ScannerDriver {
  const command = config.command ?? 'powershell.exe';
  const argsFor = config.args ?? powershellArgs;
  const timeout = config.timeoutMs ?? 60_000;

  const failure = (e: Extract<WiaEvent, { type: 'error' }>, pages: number) => {
    let reason = WIA_ERRORS[e.hresult] ?? 'io';
    if (reason === 'gone' && pages === 0) reason = 'not_found';
    return new ScannerError(reason, `${e.hresult} ${e.message}`.trim(), pages);
  };

  const run = (script: string) =>
    new Promise<WiaEvent[]>((resolve, reject) => {
      execFile(command, argsFor(script), { timeout, maxBuffer: 4 << 20, encoding: 'utf8', windowsHide: true }, (error, stdout) => {
        const events = stdout.split(/\r?\n/).map(parseWiaLine).filter((e): e is WiaEvent => e !== undefined);
        const err = events.find((e) => e.type === 'error');
        if (err?.type === 'error') return reject(failure(err, 0));
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') return reject(new ScannerError('no_backend', `${command} not found`));
        if (error) return reject(new ScannerError('io', error.message));
        resolve(events);
      });
    });

  const capabilities = async (device: ScannerDevice) => {
    const caps = (await run(wiaCapabilitiesScript(device.id.replace(/^wia:/, '')))).find((e) => e.type === 'caps');
    if (caps?.type !== 'caps') throw new ScannerError('capabilities_invalid', 'no capabilities answered');
    return wiaCapabilities(device, caps);
  };

  return {
    kind: 'wia',
    async list() {
      try {
        return (await run(wiaListScript())).flatMap((e) =>
          e.type === 'device' ? [{ id: `wia:${e.id}`, driver: 'wia' as const, name: [e.manufacturer, e.name].filter(Boolean).join(' ') || e.id }] : [],
        );
      } catch (e) {
        if (e instanceof ScannerError && e.reason === 'no_backend') return [];
        throw e;
      }
    },
    capabilities,
    scan(device, settings, options: ScanOptions) {
      let child: ReturnType<typeof spawn> | undefined;
      let cancelled = false;
      const stop = () => { cancelled = true; child?.kill(); };
      const queue = new PageQueue<RawPage>(stop);
      void (async () => {
        let dir: string | undefined;
        let pages = 0;
        try {
          const caps = await capabilities(device);
          const source = caps.sources.find((s) => s.kind === settings.source);
          if (!source) throw new ScannerError('unsupported_setting', `source ${settings.source}`);
          if (!source.colorModes.includes(settings.mode)) throw new ScannerError('unsupported_setting', `mode ${settings.mode}`);
          dir = await mkdtemp(join(options.workDir, 'wia-'));
          if (options.signal?.aborted) throw new ScannerError('cancelled');
          options.signal?.addEventListener('abort', stop, { once: true });
          const proc = spawn(command, argsFor(wiaScanScript(device.id.replace(/^wia:/, ''), settings, source, dir)), { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
          child = proc;
          let rest = '';
          let error: ScannerError | undefined;
          let reading = Promise.resolve();
          proc.stdout.setEncoding('utf8');
          proc.stdout.on('data', (chunk: string) => {
            const lines = (rest + chunk).split(/\r?\n/);
            rest = lines.pop() ?? '';
            for (const event of lines.map(parseWiaLine)) {
              if (event?.type === 'progress') options.onProgress?.({ page: event.page });
              else if (event?.type === 'error') error = failure(event, pages);
              else if (event?.type === 'page') {
                pages++;
                const file = event.file;
                reading = reading.then(async () => {
                  const data = await readFile(file);
                  await unlink(file).catch(() => {});
                  queue.push({ data, format: 'png', resolution: settings.resolution });
                });
              }
            }
          });
          proc.stderr.resume();
          const code = await new Promise<number | null>((resolve, reject) => {
            proc.once('error', reject);
            proc.once('close', resolve);
          }).catch((e: NodeJS.ErrnoException) => {
            throw e.code === 'ENOENT' ? new ScannerError('no_backend', `${command} not found`) : e;
          });
          await reading;
          if (cancelled) throw new ScannerError('cancelled', '', pages);
          if (error) throw error;
          if (code !== 0) throw new ScannerError(pages > 0 ? 'gone' : 'io', `exit code ${String(code)}`, pages);
          if (pages === 0) throw new ScannerError(settings.source === 'flatbed' ? 'io' : 'feeder_empty', 'no page', 0);
          queue.end();
        } catch (e) {
          queue.fail(e instanceof ScannerError ? e : new ScannerError('io', e instanceof Error ? e.message : String(e), pages));
        } finally {
          options.signal?.removeEventListener('abort', stop);
          if (dir) await rm(dir, { recursive: true, force: true }).catch(() => {});
        }
      })();
      return queue;
    },
  };
}

import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { classifyMode, classifySource, pickModeName, pickSourceName } from './names';
import { PageQueue } from './page-queue';
import {
  COLOR_MODES, MAX_DPI, MIN_DPI, ScannerError, checkCapabilities, scanAreaMm,
  type ColorMode, type DeviceOption, type RawPage, type ScanOptions, type ScannerCapabilities, type ScannerDevice, type ScannerDriver,
  type ScannerFailure, type ScanSettings, type SourceCapabilities, type SourceKind,
} from './scanner';

// SANE through its command-line frontend `scanimage` (package sane-utils). Pages are written by
// `--batch` one file each and announced on stdout by `--batch-print` as soon as each is complete,
// so they reach the station while the feeder is still running. The end of the feeder is exit
// code 0 with "Document feeder out of documents"; other failures are SANE status codes, which
// scanimage also uses as its exit code.

export type SaneOptions = Readonly<{
  /** The scanimage binary; `STATION_SCANIMAGE` overrides it (tests, unusual installs). */
  command?: string;
  /** Time allowed for listing devices and reading options (network backends can be slow). */
  queryTimeoutMs?: number;
}>;

/** One option as `scanimage -A` prints it. */
export type SaneOption = {
  /** "--mode", "-x". */
  flag: string;
  /** "mode", "x". */
  name: string;
  kind: 'list' | 'range' | 'bool' | 'other';
  values?: string[];
  range?: { min: number; max: number; step?: number };
  unit?: string;
  default?: string;
  inactive: boolean;
  advanced: boolean;
};

/** The SANE status codes scanimage exits with, as station reasons. */
const EXIT_REASONS: Record<number, ScannerFailure> = {
  1: 'unsupported_setting', // SANE_STATUS_UNSUPPORTED
  3: 'busy', // SANE_STATUS_DEVICE_BUSY
  4: 'unsupported_setting', // SANE_STATUS_INVAL
  6: 'jammed', // SANE_STATUS_JAMMED
  7: 'feeder_empty', // SANE_STATUS_NO_DOCS
  8: 'cover_open', // SANE_STATUS_COVER_OPEN
  9: 'io', // SANE_STATUS_IO_ERROR
  10: 'io', // SANE_STATUS_NO_MEM
  11: 'access_denied', // SANE_STATUS_ACCESS_DENIED
};

/** scanimage's messages (sane_strstatus), for when the exit code says less than the text. */
const MESSAGE_REASONS: Array<[RegExp, ScannerFailure]> = [
  [/feeder jammed/i, 'jammed'],
  [/out of documents/i, 'feeder_empty'],
  [/cover is open/i, 'cover_open'],
  [/device busy/i, 'busy'],
  [/access to resource has been denied/i, 'access_denied'],
  [/open of device .* failed|no SANE devices found|Invalid argument.*open/i, 'not_found'],
  [/setting of option .* failed|is not a valid|unrecognized option|invalid option/i, 'unsupported_setting'],
  [/error during device i\/o/i, 'io'],
];

/** `scanimage -f "%d\t%v\t%m\t%t%n"` → devices (network eSCL devices are left to the eSCL driver). */
export function parseSaneDeviceList(stdout: string): ScannerDevice[] {
  const devices: ScannerDevice[] = [];
  for (const line of stdout.split('\n')) {
    const [name, vendor = '', model = '', type = ''] = line.split('\t').map((f) => f.trim());
    if (!name || /^(escl|airscan):/i.test(name)) continue;
    const label = [vendor === 'Noname' ? '' : vendor, model].filter(Boolean).join(' ') || name;
    devices.push({ id: `sane:${name}`, driver: 'sane', name: type && /virtual/i.test(type) ? `${label} (${name})` : label });
  }
  return devices;
}

/** Splits "… [default] [inactive]" from the end: values themselves may hold brackets ("Gray[Error Diffusion]"). */
function trailingGroups(line: string): { rest: string; groups: string[] } {
  const groups: string[] = [];
  let rest = line.trimEnd();
  while (rest.endsWith(']')) {
    let depth = 0;
    let i = rest.length - 1;
    for (; i >= 0; i--) {
      if (rest[i] === ']') depth++;
      else if (rest[i] === '[' && --depth === 0) break;
    }
    if (i <= 0 || rest[i - 1] !== ' ') break; // "--preview[=(yes|no)]" is part of the flag
    groups.unshift(rest.slice(i + 1, -1));
    rest = rest.slice(0, i).trimEnd();
  }
  return { rest, groups };
}

/** The options of one device from `scanimage -A -d DEV`. */
export function parseSaneOptions(stdout: string): SaneOption[] {
  const options: SaneOption[] = [];
  for (const raw of stdout.split('\n')) {
    if (!/^ {2,6}-/.test(raw)) continue; // option lines; descriptions are indented deeper
    const { rest, groups } = trailingGroups(raw.trim());
    const flags = new Set(groups.filter((g) => /^(inactive|advanced|read-only|hardware|software)$/.test(g)));
    const defaultValue = groups.find((g) => !flags.has(g));
    const m = /^(--?[A-Za-z0-9][\w-]*)(\[=\((.*?)\)\])?\s*(.*)$/.exec(rest);
    if (!m) continue;
    const flag = m[1]!;
    const option: SaneOption = {
      flag,
      name: flag.replace(/^-+/, ''),
      kind: 'other',
      inactive: flags.has('inactive'),
      advanced: flags.has('advanced'),
      ...(defaultValue !== undefined ? { default: defaultValue } : {}),
    };
    const spec = (m[4] ?? '').trim();
    const range = /^(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)([A-Za-z%"]*)(?:,\.\.\.)?(?:\s*\(in steps of (\d+(?:\.\d+)?)\))?$/.exec(spec);
    if (m[2]) {
      option.kind = 'bool';
      option.values = m[3]!.split('|');
    } else if (range) {
      option.kind = 'range';
      option.range = { min: Number(range[1]), max: Number(range[2]), ...(range[4] ? { step: Number(range[4]) } : {}) };
      if (range[3]) option.unit = range[3];
    } else if (spec && !/^<.*>$/.test(spec)) {
      option.kind = 'list';
      const values = spec.split('|');
      const last = values[values.length - 1]!;
      const unit = /^-?\d+(?:\.\d+)?([A-Za-z%"]+)$/.exec(last)?.[1];
      if (unit && values.slice(0, -1).every((v) => /^-?\d+(?:\.\d+)?$/.test(v))) {
        values[values.length - 1] = last.slice(0, -unit.length);
        option.unit = unit;
      }
      option.values = values;
    }
    options.push(option);
  }
  return options;
}

const STANDARD_RESOLUTIONS = [75, 100, 150, 200, 240, 300, 400, 600];

const find = (options: readonly SaneOption[], ...names: string[]) => options.find((o) => names.includes(o.name));

/** Resolutions a device offers, limited to what documents need; [] when it says nothing usable. */
function resolutionsOf(option: SaneOption | undefined): number[] {
  if (!option) return [];
  if (option.kind === 'list') return [...new Set((option.values ?? []).map(Number).filter((r) => Number.isFinite(r) && r >= MIN_DPI && r <= MAX_DPI))].sort((a, b) => a - b);
  if (option.kind === 'range' && option.range) {
    const { min, max } = option.range;
    return STANDARD_RESOLUTIONS.filter((r) => r >= min && r <= max);
  }
  return [];
}

function maxMm(option: SaneOption | undefined): number | undefined {
  if (option?.kind !== 'range' || !option.range) return undefined;
  const { max } = option.range;
  if (option.unit === 'in' || option.unit === '"') return max * 25.4;
  return option.unit === undefined || option.unit === 'mm' ? max : undefined;
}

/** How a station setting is expressed for one SANE device. */
export type SaneSourcePlan = { kind: SourceKind; source?: string; adfMode?: { flag: string; value: string } };

/** The station's view of a SANE device's options: sources, modes, resolutions, scan area. */
export function saneCapabilities(device: ScannerDevice, options: readonly SaneOption[]): ScannerCapabilities & { plans: SaneSourcePlan[] } {
  const source = find(options, 'source');
  const mode = find(options, 'mode');
  const depth = find(options, 'depth');
  const adfMode = options.find((o) => /^(adf-?mode|duplex|adf_mode)$/.test(o.name) && o.kind !== 'range');

  const plans: SaneSourcePlan[] = [];
  const sourceNames = source?.values ?? [];
  for (const kind of ['flatbed', 'feeder', 'duplex'] as const) {
    const name = pickSourceName(sourceNames, kind);
    if (name !== undefined) plans.push({ kind, source: name });
  }
  if (!source) plans.push({ kind: 'flatbed' }); // a device without a source option has one source: its glass
  // Epson and others: the feeder is a source, duplex a separate option ("--adf-mode Simplex|Duplex").
  const duplexValue = adfMode?.kind === 'bool' ? 'yes' : adfMode?.values?.find((v) => classifySource(v) === 'duplex');
  const feeder = plans.find((p) => p.kind === 'feeder');
  if (feeder && duplexValue && !plans.some((p) => p.kind === 'duplex')) {
    plans.push({ kind: 'duplex', ...(feeder.source !== undefined ? { source: feeder.source } : {}), adfMode: { flag: adfMode!.flag, value: duplexValue } });
  }

  const modes = new Set<ColorMode>();
  for (const v of mode?.values ?? []) {
    const m = classifyMode(v);
    if (m) modes.add(m);
  }
  if (!mode) modes.add('gray');
  if (!modes.has('lineart') && modes.has('gray') && depth?.values?.includes('1')) modes.add('lineart'); // lineart as 1-bit grey
  const colorModes = COLOR_MODES.filter((m) => modes.has(m));

  const resolutions = resolutionsOf(find(options, 'resolution', 'x-resolution'));
  const width = maxMm(find(options, 'page-width')) ?? maxMm(find(options, 'x'));
  const height = maxMm(find(options, 'page-height')) ?? maxMm(find(options, 'y'));

  const sources: SourceCapabilities[] = plans.map((p) => ({
    kind: p.kind,
    driverName: p.source ?? '',
    colorModes,
    resolutions,
    maxWidthMm: width ?? 215.9,
    maxHeightMm: height ?? 297,
  }));
  const managed = new Set(['source', 'mode', 'depth', 'resolution', 'x-resolution', 'y-resolution', 'l', 't', 'x', 'y', 'page-width', 'page-height', 'format', 'batch', 'device-name', 'help', 'preview', adfMode?.name]);
  const extra: DeviceOption[] = options
    .filter((o) => !managed.has(o.name) && (o.kind === 'list' || o.kind === 'range' || o.kind === 'bool') && o.flag.startsWith('--'))
    .map((o) => ({
      name: o.name,
      ...(o.kind === 'range' && o.range ? { range: { min: o.range.min, max: o.range.max } } : { values: o.values ?? [] }),
      ...(o.default !== undefined ? { current: o.default } : {}),
    }));
  return { device, sources, options: extra, plans };
}

/** A backend option the technician set, checked against what the device offers. */
function extraArgs(options: readonly SaneOption[], extras: Readonly<Record<string, string>>, managed: readonly string[]): string[] {
  const args: string[] = [];
  for (const [name, value] of Object.entries(extras)) {
    const o = options.find((x) => x.name === name && x.flag.startsWith('--'));
    if (!o || managed.includes(name)) throw new ScannerError('unsupported_setting', `--${name}`);
    const ok =
      o.kind === 'list' || o.kind === 'bool' ? (o.values ?? []).includes(value)
      : o.kind === 'range' && o.range ? Number.isFinite(Number(value)) && Number(value) >= o.range.min && Number(value) <= o.range.max
      : false;
    if (!ok) throw new ScannerError('unsupported_setting', `--${name}=${value}`);
    args.push(`--${name}=${value}`);
  }
  return args;
}

/**
 * The scanimage arguments for one job. Order matters to some backends: the source first (it
 * changes which modes and sizes are valid), the page size before the scan area.
 */
export function saneScanArgs(deviceName: string, options: readonly SaneOption[], settings: ScanSettings, batchPattern: string): string[] {
  const caps = saneCapabilities({ id: `sane:${deviceName}`, driver: 'sane', name: deviceName }, options);
  const plan = caps.plans.find((p) => p.kind === settings.source);
  const source = caps.sources.find((s) => s.kind === settings.source);
  if (!plan || !source) throw new ScannerError('unsupported_setting', `source ${settings.source}`);
  if (!source.colorModes.includes(settings.mode)) throw new ScannerError('unsupported_setting', `mode ${settings.mode}`);
  // A device with a resolution range takes any value in it; one with a list, only those.
  const resolution = find(options, 'resolution');
  const resolutionOk = resolution?.kind === 'range' && resolution.range
    ? settings.resolution >= resolution.range.min && settings.resolution <= resolution.range.max
    : source.resolutions.length === 0 || source.resolutions.includes(settings.resolution);
  if (!resolutionOk) throw new ScannerError('unsupported_setting', `resolution ${settings.resolution}`);

  const args = ['-d', deviceName, '--format=pnm', '-p', `--batch=${batchPattern}`, '--batch-print'];
  const count = settings.source === 'flatbed' ? 1 : settings.maxPages;
  if (count !== undefined) args.push(`--batch-count=${count}`);
  if (plan.source !== undefined) args.push('--source', plan.source);
  if (plan.adfMode) args.push(plan.adfMode.flag, plan.adfMode.value);

  const modeOption = find(options, 'mode');
  const depth = find(options, 'depth');
  const modeName = modeOption ? pickModeName(modeOption.values ?? [], settings.mode) : undefined;
  if (modeOption) {
    const name = modeName ?? (settings.mode === 'lineart' ? pickModeName(modeOption.values ?? [], 'gray') : undefined);
    if (name === undefined) throw new ScannerError('unsupported_setting', `mode ${settings.mode}`);
    args.push('--mode', name);
  }
  if (depth?.values) {
    // Lineart without a lineart mode: 1-bit grey. Otherwise 8 bits: 16-bit pages are twice the data for nothing.
    if (settings.mode === 'lineart' && !modeName) args.push('--depth', '1');
    else if (settings.mode !== 'lineart' && depth.values.includes('8') && !depth.inactive) args.push('--depth', '8');
  }
  if (resolution) args.push('--resolution', String(settings.resolution));

  const { widthMm, heightMm } = scanAreaMm(source, settings.pageSize);
  const mm = (x: number) => String(Math.round(x * 10) / 10);
  if (find(options, 'page-width')) args.push('--page-width', mm(widthMm));
  if (find(options, 'page-height')) args.push('--page-height', mm(heightMm));
  if (find(options, 'l')) args.push('-l', '0');
  if (find(options, 't')) args.push('-t', '0');
  if (find(options, 'x')) args.push('-x', mm(widthMm));
  if (find(options, 'y')) args.push('-y', mm(heightMm));
  args.push(...extraArgs(options, settings.options ?? {}, ['source', 'mode', 'depth', 'resolution', 'page-width', 'page-height', 'format', 'batch']));
  return args;
}

/** The reason for scanimage's failure, from its exit code and its last error line. */
export function saneFailure(exitCode: number | null, stderr: string): { reason: ScannerFailure; detail: string } | undefined {
  const errorLines = stderr.split(/[\r\n]+/).filter((l) => /^scanimage: /.test(l));
  // The device's own status lines first: a warning ("rounded value of br-x…") is not the reason.
  const statusLines = errorLines.filter((l) => /sane_\w+:|open of device|setting of option|no SANE devices|out of documents/i.test(l));
  const detail = (statusLines[statusLines.length - 1] ?? errorLines[errorLines.length - 1] ?? '').replace(/^scanimage: /, '').trim();
  if (exitCode === 0) return /out of documents/i.test(detail) ? { reason: 'feeder_empty', detail } : undefined;
  const byMessage = MESSAGE_REASONS.find(([re]) => re.test(detail))?.[1];
  const byCode = exitCode === null ? undefined : EXIT_REASONS[exitCode];
  return { reason: byMessage ?? byCode ?? 'io', detail: detail || `exit code ${String(exitCode)}` };
}

export function saneDriver(config: SaneOptions = {}): ScannerDriver {
  const command = () => process.env.STATION_SCANIMAGE ?? config.command ?? 'scanimage';
  const timeout = config.queryTimeoutMs ?? 30_000;
  const optionCache = new Map<string, { at: number; options: SaneOption[] }>();

  const query = (args: string[]) =>
    new Promise<string>((resolve, reject) => {
      execFile(command(), args, { timeout, maxBuffer: 4 << 20, encoding: 'utf8' }, (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return reject(new ScannerError('no_backend', `${command()} not found`));
        if ((error as { killed?: boolean }).killed) return reject(new ScannerError('timeout', `${command()} ${args.join(' ')}`));
        const failure = saneFailure(typeof code === 'number' ? code : 1, stderr) ?? { reason: 'io' as const, detail: stderr.trim() };
        reject(new ScannerError(failure.reason, failure.detail));
      });
    });

  const deviceName = (device: ScannerDevice) => device.id.replace(/^sane:/, '');

  const readOptions = async (name: string): Promise<SaneOption[]> => {
    const cached = optionCache.get(name);
    if (cached && Date.now() - cached.at < 60_000) return cached.options;
    const options = parseSaneOptions(await query(['-A', '-d', name]));
    if (options.length === 0) throw new ScannerError('not_found', name);
    optionCache.set(name, { at: Date.now(), options });
    return options;
  };

  return {
    kind: 'sane',
    async list() {
      try {
        return parseSaneDeviceList(await query(['-f', '%d\t%v\t%m\t%t%n']));
      } catch (e) {
        if (e instanceof ScannerError && e.reason === 'no_backend') return [];
        throw e;
      }
    },
    async capabilities(device) {
      const { plans: _plans, ...caps } = saneCapabilities(device, await readOptions(deviceName(device)));
      return checkCapabilities(caps);
    },
    scan(device, settings, options: ScanOptions) {
      let child: ReturnType<typeof spawn> | undefined;
      let cancelled = false;
      const stop = () => {
        if (!child || child.exitCode !== null) return;
        child.kill('SIGINT'); // scanimage cancels the device on the first SIGINT
        const hard = setTimeout(() => child?.kill('SIGKILL'), 3000);
        child.once('close', () => clearTimeout(hard));
      };
      const queue = new PageQueue<RawPage>(() => { cancelled = true; stop(); });
      const onAbort = () => { cancelled = true; stop(); };

      void (async () => {
        let dir: string | undefined;
        try {
          const name = deviceName(device);
          const optionsOfDevice = await readOptions(name);
          dir = await mkdtemp(join(options.workDir, 'sane-'));
          const args = saneScanArgs(name, optionsOfDevice, settings, join(dir, 'p%04d.pnm'));
          if (options.signal?.aborted) throw new ScannerError('cancelled');
          options.signal?.addEventListener('abort', onAbort, { once: true });
          const proc = spawn(command(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
          child = proc;
          let stderr = '';
          let pages = 0;
          let reading = Promise.resolve();
          let stdoutRest = '';
          proc.stdout.setEncoding('utf8');
          proc.stderr.setEncoding('utf8');
          proc.stdout.on('data', (chunk: string) => {
            const lines = (stdoutRest + chunk).split('\n');
            stdoutRest = lines.pop() ?? '';
            for (const line of lines.map((l) => l.trim()).filter(Boolean)) {
              const file = isAbsolute(line) ? line : join(process.cwd(), line);
              pages++;
              options.onProgress?.({ page: pages + 1, fraction: 0 });
              reading = reading.then(async () => {
                const data = await readFile(file);
                await unlink(file).catch(() => {});
                queue.push({ data, format: 'pnm', resolution: settings.resolution });
              });
            }
          });
          proc.stderr.on('data', (chunk: string) => {
            stderr = (stderr + chunk).slice(-8000);
            const progress = /Progress: (\d+(?:\.\d+)?)%[^%]*$/.exec(chunk);
            if (progress) options.onProgress?.({ page: pages + 1, fraction: Math.min(1, Number(progress[1]) / 100) });
          });
          const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
            proc.once('error', reject);
            proc.once('close', (code, signal) => resolve({ code, signal }));
          }).catch((e: NodeJS.ErrnoException) => {
            throw e.code === 'ENOENT' ? new ScannerError('no_backend', `${command()} not found`) : e;
          });
          await reading;
          if (cancelled) throw new ScannerError('cancelled', '', pages);
          const failure = exit.signal ? { reason: 'gone' as const, detail: `scanimage ended by ${exit.signal}` } : saneFailure(exit.code, stderr);
          if (failure && !(failure.reason === 'feeder_empty' && pages > 0)) {
            // An I/O error after pages arrived: the scanner went away (cable, power) mid-job.
            const reason = failure.reason === 'io' && pages > 0 ? 'gone' : failure.reason;
            throw new ScannerError(reason, failure.detail, pages);
          }
          // Ended well but nothing came: the feeder had no paper (some backends say nothing).
          if (pages === 0) throw new ScannerError(settings.source === 'flatbed' ? 'io' : 'feeder_empty', stderr.trim().split('\n').pop() ?? 'no page', 0);
          queue.end();
        } catch (e) {
          queue.fail(e instanceof ScannerError ? e : new ScannerError('io', e instanceof Error ? e.message : String(e)));
        } finally {
          options.signal?.removeEventListener('abort', onAbort);
          if (dir) await rm(dir, { recursive: true, force: true }).catch(() => {});
        }
      })();
      return queue;
    },
  };
}

/** A device name as the technician may type it ("test", "epson2:libusb:001:004"), as a device. */
export function saneDevice(name: string): ScannerDevice {
  return { id: `sane:${name}`, driver: 'sane', name };
}

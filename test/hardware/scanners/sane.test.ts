import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseSaneDeviceList, parseSaneOptions, saneCapabilities, saneDevice, saneDriver, saneFailure, saneScanArgs } from '../../../hardware/scanners/sane';
import { ScannerError, checkCapabilities, type RawPage, type ScanSettings } from '../../../hardware/scanners/scanner';
import { decodePnm } from '../../../main/scanning/raster';
import { saneTestConfig } from './sane-rig';

// Parsing what scanimage prints (fixtures of real backends' output), then real jobs on SANE's
// test backend: flatbed, a feeder of 10 pages, colour/grey/line-art, cancelling, the backend's
// simulated faults, and — through a stand-in scanimage — duplex and a scanner vanishing.

const HPAIO = `
All options specific to device \`hpaio:/usb/OfficeJet_Pro_8710?serial=TH6CL3K0XB':
  Scan mode:
    --mode Lineart|Gray|Color [Lineart]
        Selects the scan mode (e.g., lineart, monochrome, or color).
    --resolution 75|100|200|300|600|1200dpi [75]
        Sets the resolution of the scanned image.
    --source Flatbed|ADF|Duplex [Flatbed]
        Selects the scan source (such as a document-feeder).
  Advanced:
    --brightness -1000..1000 [0]
        Controls the brightness of the acquired image.
    --compression None|JPEG [JPEG]
    --jpeg-quality 0..100 [10] [inactive]
        Sets the scanner JPEG compression factor.
  Geometry:
    -l 0..215.9mm [0]
    -t 0..381mm [0]
    -x 0..215.9mm [215.9]
    -y 0..381mm [381]
`;

const FUJITSU = `
All options specific to device \`fujitsu:fi-7160:10713':
  Standard:
    --source Flatbed|ADF Front|ADF Back|ADF Duplex [ADF Front]
    --mode Lineart|Halftone|Gray|Color [Lineart]
    --resolution 50..600dpi (in steps of 1) [600]
  Geometry:
    -l 0..224.846mm (in steps of 0.0211639) [0]
    -t 0..863.489mm (in steps of 0.0211639) [0]
    -x 0..224.846mm (in steps of 0.0211639) [215.872]
    -y 0..863.489mm (in steps of 0.0211639) [279.364]
    --page-width 0..228.6mm (in steps of 0.0211639) [215.872]
    --page-height 0..863.489mm (in steps of 0.0211639) [279.364]
  Advanced:
    --swdeskew[=(yes|no)] [no]
        Request driver to rotate skewed pages digitally.
    --df-action Default|Continue|Stop [Default]
`;

const EPSON = `
  Scan Mode:
    --mode Lineart|Gray|Color [Lineart]
    --depth 8|16 [8]
    --resolution 75|150|300|600|1200dpi [75]
    --source Flatbed|Automatic Document Feeder [Flatbed]
    --adf-mode Simplex|Duplex [inactive]
    -x 0..215.9mm [215.9]
    -y 0..297.18mm [297.18]
`;

const BROTHER = `
    --mode Black & White|Gray[Error Diffusion]|True Gray|24bit Color|24bit Color[Fast] [24bit Color]
    --resolution 100|150|200|300|400|600|1200|2400|4800|9600dpi [200]
    --source FlatBed|Automatic Document Feeder(left aligned)|Automatic Document Feeder(left aligned,Duplex)|Automatic Document Feeder(centrally aligned)|Automatic Document Feeder(centrally aligned,Duplex) [Automatic Document Feeder(left aligned)]
    -x 0..215.9mm (in steps of 0.0999908) [215.88]
    -y 0..355.6mm (in steps of 0.0999908) [355.567]
`;

const ONE_PAGE: ScanSettings = { source: 'flatbed', mode: 'gray', resolution: 50, pageSize: 'A5' };
const FAKE = resolve('test/hardware/scanners/fake-scanimage.mjs');

let work: string;
let restoreEnv: () => void;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'sane-test-'));
  restoreEnv = saneTestConfig(work);
  chmodSync(FAKE, 0o755);
});
afterAll(() => {
  restoreEnv();
  rmSync(work, { recursive: true, force: true });
});

async function scan(settings: ScanSettings, options: { abortAfter?: number; fake?: string } = {}): Promise<{ pages: RawPage[]; progress: number[]; error?: ScannerError }> {
  const driver = saneDriver(options.fake ? { command: FAKE } : {});
  if (options.fake) process.env.FAKE_SCANIMAGE = options.fake;
  const controller = new AbortController();
  const pages: RawPage[] = [];
  const progress: number[] = [];
  try {
    for await (const p of driver.scan(saneDevice('test'), settings, { workDir: work, signal: controller.signal, onProgress: (x) => progress.push(x.page) })) {
      pages.push(p);
      if (options.abortAfter !== undefined && pages.length >= options.abortAfter) controller.abort();
    }
    return { pages, progress };
  } catch (e) {
    if (!(e instanceof ScannerError)) throw e;
    return { pages, progress, error: e };
  } finally {
    delete process.env.FAKE_SCANIMAGE;
  }
}

describe('reading what scanimage prints', () => {
  it('lists devices with vendor and model, leaving network eSCL devices to the eSCL driver', () => {
    expect(parseSaneDeviceList('test:0\tNoname\tfrontend-tester\tvirtual device\nfujitsu:fi-7160:10713\tFUJITSU\tfi-7160\tsheetfed scanner\nairscan:e0:HP\teSCL\tHP\tip=1.2.3.4\nescl:http://1.2.3.4:80\tHP\tX\tflatbed scanner\n')).toEqual([
      { id: 'sane:test:0', driver: 'sane', name: 'frontend-tester (test:0)' },
      { id: 'sane:fujitsu:fi-7160:10713', driver: 'sane', name: 'FUJITSU fi-7160' },
    ]);
  });

  it('reads lists with units, ranges with steps, booleans, defaults and inactive options', () => {
    const options = parseSaneOptions(HPAIO);
    expect(options.find((o) => o.name === 'resolution')).toMatchObject({ kind: 'list', values: ['75', '100', '200', '300', '600', '1200'], unit: 'dpi', default: '75' });
    expect(options.find((o) => o.name === 'source')).toMatchObject({ kind: 'list', values: ['Flatbed', 'ADF', 'Duplex'], default: 'Flatbed' });
    expect(options.find((o) => o.name === 'jpeg-quality')).toMatchObject({ kind: 'range', range: { min: 0, max: 100 }, default: '10', inactive: true });
    expect(options.find((o) => o.name === 'y')).toMatchObject({ flag: '-y', kind: 'range', range: { min: 0, max: 381 }, unit: 'mm' });
    const fujitsu = parseSaneOptions(FUJITSU);
    expect(fujitsu.find((o) => o.name === 'resolution')).toMatchObject({ kind: 'range', range: { min: 50, max: 600, step: 1 }, unit: 'dpi' });
    expect(fujitsu.find((o) => o.name === 'swdeskew')).toMatchObject({ kind: 'bool', values: ['yes', 'no'], default: 'no' });
    // Values with brackets inside (Brother) keep them.
    expect(parseSaneOptions(BROTHER).find((o) => o.name === 'mode')).toMatchObject({
      values: ['Black & White', 'Gray[Error Diffusion]', 'True Gray', '24bit Color', '24bit Color[Fast]'], default: '24bit Color',
    });
  });

  it('maps each backend to sources, modes, resolutions and scan area in the station terms', () => {
    const hp = saneCapabilities(saneDevice('hp'), parseSaneOptions(HPAIO));
    expect(hp.sources.map((s) => [s.kind, s.driverName])).toEqual([['flatbed', 'Flatbed'], ['feeder', 'ADF'], ['duplex', 'Duplex']]);
    expect(hp.sources[0]).toMatchObject({ colorModes: ['color', 'gray', 'lineart'], resolutions: [75, 100, 200, 300, 600, 1200], maxWidthMm: 215.9, maxHeightMm: 381 });
    const fujitsu = saneCapabilities(saneDevice('fi'), parseSaneOptions(FUJITSU));
    expect(fujitsu.sources.map((s) => [s.kind, s.driverName])).toEqual([['flatbed', 'Flatbed'], ['feeder', 'ADF Front'], ['duplex', 'ADF Duplex']]);
    expect(fujitsu.sources[0]!.maxWidthMm).toBe(228.6); // the page width, not the area
    expect(fujitsu.options.map((o) => o.name)).toEqual(['swdeskew', 'df-action']);
    const epson = saneCapabilities(saneDevice('ep'), parseSaneOptions(EPSON));
    expect(epson.plans).toContainEqual({ kind: 'duplex', source: 'Automatic Document Feeder', adfMode: { flag: '--adf-mode', value: 'Duplex' } });
    const brother = saneCapabilities(saneDevice('br'), parseSaneOptions(BROTHER));
    expect(brother.sources.map((s) => [s.kind, s.driverName])).toEqual([
      ['flatbed', 'FlatBed'], ['feeder', 'Automatic Document Feeder(left aligned)'], ['duplex', 'Automatic Document Feeder(left aligned,Duplex)'],
    ]);
    expect(brother.sources[0]!.colorModes).toEqual(['color', 'gray', 'lineart']);
  });

  it('builds the job arguments: source first, page size before the area, 8-bit, backend options checked', () => {
    const args = saneScanArgs('fujitsu:fi-7160', parseSaneOptions(FUJITSU), { source: 'duplex', mode: 'gray', resolution: 200, pageSize: 'A4', options: { swdeskew: 'yes' } }, '/w/p%04d.pnm');
    expect(args).toEqual([
      '-d', 'fujitsu:fi-7160', '--format=pnm', '-p', '--batch=/w/p%04d.pnm', '--batch-print', '--source', 'ADF Duplex', '--mode', 'Gray', '--resolution', '200',
      '--page-width', '210', '--page-height', '297', '-l', '0', '-t', '0', '-x', '210', '-y', '297', '--swdeskew=yes',
    ]);
    const epson = saneScanArgs('epson2:net:1.2.3.4', parseSaneOptions(EPSON), { source: 'duplex', mode: 'color', resolution: 300, pageSize: 'A4' }, '/w/p%04d.pnm');
    expect(epson.join(' ')).toContain('--source Automatic Document Feeder --adf-mode Duplex --mode Color --depth 8 --resolution 300');
    const flatbed = saneScanArgs('hp', parseSaneOptions(HPAIO), { source: 'flatbed', mode: 'lineart', resolution: 300, pageSize: 'A4' }, '/w/p%04d.pnm');
    expect(flatbed).toContain('--batch-count=1');
    expect(() => saneScanArgs('hp', parseSaneOptions(HPAIO), { ...ONE_PAGE, options: { 'no-such': 'x' } }, '/w/p')).toThrow(expect.objectContaining({ reason: 'unsupported_setting' }));
    expect(() => saneScanArgs('fi', parseSaneOptions(FUJITSU), { ...ONE_PAGE, resolution: 300, options: { 'df-action': 'Explode' } }, '/w/p')).toThrow(expect.objectContaining({ reason: 'unsupported_setting' }));
    expect(() => saneScanArgs('hp', parseSaneOptions(HPAIO), { ...ONE_PAGE, resolution: 50 }, '/w/p')).toThrow(expect.objectContaining({ reason: 'unsupported_setting' }));
  });

  it('tells the end of the feeder from failures, by exit code and message', () => {
    expect(saneFailure(0, 'Scanned page 10.\nscanimage: sane_start: Document feeder out of documents\n')).toEqual({ reason: 'feeder_empty', detail: 'sane_start: Document feeder out of documents' });
    expect(saneFailure(0, 'Scanned page 1.\n')).toBeUndefined();
    expect(saneFailure(6, 'scanimage: sane_read: Document feeder jammed\n')?.reason).toBe('jammed');
    expect(saneFailure(3, 'scanimage: sane_start: Device busy\n')?.reason).toBe('busy');
    expect(saneFailure(8, 'scanimage: sane_read: Scanner cover is open\n')?.reason).toBe('cover_open');
    expect(saneFailure(1, 'scanimage: open of device nosuch failed: Invalid argument\n')?.reason).toBe('not_found');
    expect(saneFailure(1, 'scanimage: setting of option --mode failed (Invalid argument)\n')?.reason).toBe('unsupported_setting');
    expect(saneFailure(9, '')?.reason).toBe('io');
    // A warning printed after the status does not hide it.
    expect(saneFailure(0, 'scanimage: sane_start: Document feeder out of documents\nscanimage: rounded value of br-x from 215.9 to 215.872\n')?.reason).toBe('feeder_empty');
  });

  it('refuses absurd capabilities: no source, no usable resolution, no area', () => {
    const absurd = parseSaneOptions('    --resolution 2000..9600dpi [4800]\n    -x 0..0mm [0]\n    -y 0..0mm [0]\n');
    expect(() => checkCapabilities(saneCapabilities(saneDevice('x'), absurd))).toThrow(expect.objectContaining({ reason: 'capabilities_invalid', detail: expect.stringMatching(/no resolution.*scan area 0×0/) }));
  });
});

describe("SANE's test backend through scanimage", () => {
  it('lists the test devices when SANE is configured to load the test backend', async () => {
    expect((await saneDriver().list()).map((d) => d.id)).toEqual(['sane:test:0', 'sane:test:1']);
  });

  it("reads the test device's capabilities: flatbed and feeder, colour/grey/line-art, a 200 mm area", async () => {
    const caps = await saneDriver().capabilities(saneDevice('test'));
    expect(caps.sources.map((s) => s.kind)).toEqual(['flatbed', 'feeder']);
    expect(caps.sources[0]).toMatchObject({ colorModes: ['color', 'gray', 'lineart'], maxWidthMm: 200, maxHeightMm: 200 });
    expect(caps.options.find((o) => o.name === 'test-picture')?.values).toContain('Grid');
  });

  it('scans one flatbed page', async () => {
    const { pages, error } = await scan({ ...ONE_PAGE, options: { 'test-picture': 'Grid' } });
    expect(error).toBeUndefined();
    expect(pages).toHaveLength(1);
    const raster = decodePnm(pages[0]!.data, 50, 1);
    // A5 width; the test device's area stops at 200 mm (pixels are whole: within one of the exact size).
    expect(raster.width).toBeCloseTo((148 / 25.4) * 50, -0.5);
    expect(raster.height).toBeCloseTo((200 / 25.4) * 50, -0.5);
    expect(raster.channels).toBe(1);
  });

  it('empties a feeder of 10 pages, each announced as it is written, and ends normally', async () => {
    const { pages, progress, error } = await scan({ ...ONE_PAGE, source: 'feeder' });
    expect(error).toBeUndefined();
    expect(pages).toHaveLength(10);
    expect(Math.max(...progress)).toBe(11); // asked for an eleventh: the feeder was empty
  });

  it.each([['color', 3], ['gray', 1], ['lineart', 1]] as const)('scans in %s', async (mode, channels) => {
    const { pages } = await scan({ ...ONE_PAGE, mode, options: { 'test-picture': 'Color pattern' } });
    const magic = pages[0]!.data.subarray(0, 2).toString();
    expect(magic).toBe(mode === 'color' ? 'P6' : mode === 'gray' ? 'P5' : 'P4');
    expect(decodePnm(pages[0]!.data, 50, 1).channels).toBe(channels);
  });

  it('stops the scanner when cancelled and keeps the pages received', async () => {
    const { pages, error } = await scan({ ...ONE_PAGE, source: 'feeder', resolution: 100, options: { 'read-delay': 'yes', 'read-delay-duration': '20000' } }, { abortAfter: 2 });
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.length).toBeLessThan(10);
    expect(error?.reason).toBe('cancelled');
  });

  it.each([
    ['SANE_STATUS_JAMMED', 'jammed'], ['SANE_STATUS_COVER_OPEN', 'cover_open'], ['SANE_STATUS_DEVICE_BUSY', 'busy'], ['SANE_STATUS_NO_DOCS', 'feeder_empty'],
    ['SANE_STATUS_ACCESS_DENIED', 'access_denied'], ['SANE_STATUS_IO_ERROR', 'io'],
  ] as const)('turns the device status %s into %s', async (status, reason) => {
    const { pages, error } = await scan({ ...ONE_PAGE, source: 'feeder', options: { 'read-return-value': status } });
    expect(pages).toHaveLength(0);
    expect(error?.reason).toBe(reason);
  });

  it('says when a device does not exist, and when scanimage is not installed', async () => {
    await expect(saneDriver().capabilities(saneDevice('nosuch'))).rejects.toMatchObject({ reason: 'not_found' });
    expect(await saneDriver({ command: '/nonexistent/scanimage' }).list()).toEqual([]);
    await expect(saneDriver({ command: '/nonexistent/scanimage' }).capabilities(saneDevice('test'))).rejects.toMatchObject({ reason: 'no_backend' });
  });

  it('scans duplex through a driver that names it "ADF Duplex": fronts and backs in order', async () => {
    process.env.FAKE_SCANIMAGE = 'duplex';
    const caps = await saneDriver({ command: FAKE }).capabilities(saneDevice('test'));
    delete process.env.FAKE_SCANIMAGE;
    expect(caps.sources.map((s) => [s.kind, s.driverName])).toEqual([['flatbed', 'Flatbed'], ['feeder', 'ADF Front'], ['duplex', 'ADF Duplex']]);
    const { pages, error } = await scan({ ...ONE_PAGE, source: 'duplex', maxPages: 6 }, { fake: 'duplex' });
    expect(error).toBeUndefined();
    expect(pages).toHaveLength(6);
    const mean = (p: RawPage) => { const r = decodePnm(p.data, 50, 1); return r.data.reduce((a, b) => a + b, 0) / r.data.length; };
    expect(pages.map((p) => mean(p) > 254)).toEqual([false, true, false, true, false, true]); // backs are white
  });

  it('keeps the pages scanned before the scanner vanished and says it is gone', async () => {
    const { pages, error } = await scan({ ...ONE_PAGE, source: 'feeder' }, { fake: 'vanish' });
    expect(pages).toHaveLength(3);
    expect(error?.reason).toBe('gone');
    expect(error?.pagesDelivered).toBe(3);
  });

  it('passes a truncated page on as it is (the core refuses it)', async () => {
    const { pages } = await scan({ ...ONE_PAGE, source: 'feeder' }, { fake: 'truncated' });
    expect(pages).toHaveLength(10);
    expect(() => decodePnm(pages[1]!.data, 50, 2)).toThrow(/cắt cụt/);
  });

  it('runs scanimage itself for the same job the station runs (the bench compares the two)', () => {
    const out = execFileSync('scanimage', ['-d', 'test', '--format=pnm', '--resolution', '50', '-x', '20', '-y', '20'], { maxBuffer: 1 << 20 });
    expect(out.subarray(0, 2).toString()).toBe('P5');
  });
});

import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { esclDevice, esclDriver, esclScanSettings, parseEsclCapabilities, parseEsclStatus } from '../../../hardware/scanners/escl';
import { ScannerError, type RawPage, type ScanSettings } from '../../../hardware/scanners/scanner';
import { parseXml, textOf } from '../../../hardware/scanners/xml';
import { capabilitiesXml, startEsclSimulator, type EsclSimulator, type SimulatorOptions } from './escl-simulator';

const LOW: ScanSettings = { source: 'feeder', mode: 'gray', resolution: 75, pageSize: 'A5' };
const device = (url: string) => esclDevice(url);

let sim: EsclSimulator | undefined;
const work = mkdtempSync(join(tmpdir(), 'escl-test-'));
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function simulator(options: SimulatorOptions = {}): Promise<EsclSimulator> {
  sim = await startEsclSimulator(options);
  return sim;
}

const driver = (extra: Partial<Parameters<typeof esclDriver>[0]> = {}) => esclDriver({ manualUrls: () => [], retryMs: 20, ...extra });

/** Runs a job to its end: the pages delivered, then the error if it failed. */
async function scanAll(url: string, settings: ScanSettings, options: { abortAfter?: number } = {}): Promise<{ pages: RawPage[]; error?: ScannerError }> {
  const controller = new AbortController();
  const pages: RawPage[] = [];
  try {
    for await (const page of driver().scan(device(url), settings, { workDir: work, signal: controller.signal })) {
      pages.push(page);
      if (options.abortAfter !== undefined && pages.length >= options.abortAfter) controller.abort();
    }
    return { pages };
  } catch (e) {
    if (!(e instanceof ScannerError)) throw e;
    return { pages, error: e };
  }
}

describe('eSCL capabilities and status documents', () => {
  it('reads sources, colour modes, resolutions and the scan area from a typical device', () => {
    const caps = parseEsclCapabilities(capabilitiesXml(), device('http://10.0.0.5/eSCL'));
    expect(caps.device.name).toBe('Trạm Sim eSCL 2000');
    expect(caps.sources.map((s) => s.kind)).toEqual(['flatbed', 'feeder', 'duplex']);
    const feeder = caps.sources.find((s) => s.kind === 'feeder')!;
    expect(feeder.colorModes).toEqual(['color', 'gray', 'lineart']);
    expect(feeder.resolutions).toEqual([75, 100, 150, 200, 300, 600]);
    expect(feeder.maxWidthMm).toBeCloseTo(215.9, 1);
    expect(feeder.maxHeightMm).toBeCloseTo(297, 0);
    expect(caps.imageFormats).toEqual(['image/jpeg']);
    expect(caps.modeNames.feeder).toEqual({ color: 'RGB24', gray: 'Grayscale8', lineart: 'BlackAndWhite1' });
  });

  it('copes with other shapes: no prefixes, comments, CDATA, resolution ranges, duplex as an ADF option only', () => {
    const xml = `<?xml version="1.0"?><!-- vendor X -->
      <ScannerCapabilities xmlns="http://schemas.hp.com/imaging/escl/2011/05/03"><Version>2.0</Version><MakeAndModel><![CDATA[Canon & Co MF-1]]></MakeAndModel>
        <Adf><AdfSimplexInputCaps><MaxWidth>2480</MaxWidth><MaxHeight>4200</MaxHeight>
          <SettingProfile><ColorModes><ColorMode> Grayscale8 </ColorMode><ColorMode>RGB24</ColorMode><ColorMode>RGB48</ColorMode></ColorModes>
          <SupportedResolutions><ResolutionRange><XResolutionRange><Min>100</Min><Max>300</Max><Normal>200</Normal><Step>1</Step></XResolutionRange></ResolutionRange></SupportedResolutions>
          <DocumentFormats><DocumentFormat>image/jpeg</DocumentFormat></DocumentFormats></SettingProfile>
        </AdfSimplexInputCaps><AdfOptions><AdfOption>Duplex</AdfOption></AdfOptions></Adf>
      </ScannerCapabilities>`;
    const caps = parseEsclCapabilities(xml, device('http://h/eSCL'));
    expect(caps.device.name).toBe('Canon & Co MF-1');
    expect(caps.sources.map((s) => s.kind)).toEqual(['feeder', 'duplex']);
    expect(caps.sources[0]!.resolutions).toEqual([100, 150, 200, 240, 300]);
    expect(caps.sources[0]!.colorModes).toEqual(['color', 'gray']);
    expect(caps.modeNames.feeder?.color).toBe('RGB24'); // the 24-bit name, not RGB48
  });

  it('refuses absurd capabilities with the reason, and keeps the usable sources of a half-broken device', () => {
    const absurd = capabilitiesXml().replace(/<scan:MaxWidth>2550<\/scan:MaxWidth>/g, '<scan:MaxWidth>0</scan:MaxWidth>');
    expect(() => parseEsclCapabilities(absurd, device('http://h/eSCL'))).toThrow(expect.objectContaining({ reason: 'capabilities_invalid', detail: expect.stringContaining('scan area 0') }));
    const noResolutions = capabilitiesXml().replace(/<scan:XResolution>\d+<\/scan:XResolution>/g, '<scan:XResolution>99999</scan:XResolution>');
    expect(() => parseEsclCapabilities(noResolutions, device('http://h/eSCL'))).toThrow(expect.objectContaining({ reason: 'capabilities_invalid' }));
    expect(() => parseEsclCapabilities('<html>not a scanner</html>', device('http://h/eSCL'))).toThrow(expect.objectContaining({ reason: 'capabilities_invalid' }));
    const platenBroken = capabilitiesXml().replace(/<scan:Platen>[\s\S]*<\/scan:Platen>/, '<scan:Platen><scan:PlatenInputCaps><scan:MaxWidth>-5</scan:MaxWidth></scan:PlatenInputCaps></scan:Platen>');
    expect(parseEsclCapabilities(platenBroken, device('http://h/eSCL')).sources.map((s) => s.kind)).toEqual(['feeder', 'duplex']);
  });

  it('reads the scanner and feeder state and the jobs with their reasons', () => {
    const status = parseEsclStatus(`<scan:ScannerStatus xmlns:scan="s" xmlns:pwg="p"><pwg:State>Idle</pwg:State><scan:AdfState>ScannerAdfJam</scan:AdfState>
      <scan:Jobs><scan:JobInfo><pwg:JobUri>/eSCL/ScanJobs/1</pwg:JobUri><pwg:JobState>Aborted</pwg:JobState>
      <pwg:JobStateReasons><pwg:JobStateReason>AdfJam</pwg:JobStateReason></pwg:JobStateReasons></scan:JobInfo></scan:Jobs></scan:ScannerStatus>`);
    expect(status).toEqual({ state: 'Idle', adfState: 'ScannerAdfJam', jobs: [{ uri: '/eSCL/ScanJobs/1', state: 'Aborted', reasons: ['AdfJam'] }] });
  });

  it('asks for the source, duplex, colour mode, resolution, JPEG and the page area in 1/300 inch', () => {
    const caps = parseEsclCapabilities(capabilitiesXml(), device('http://h/eSCL'));
    const doc = parseXml(esclScanSettings(caps, { source: 'duplex', mode: 'color', resolution: 200, pageSize: 'A4' }));
    expect(textOf(doc, 'InputSource')).toBe('Feeder');
    expect(textOf(doc, 'Duplex')).toBe('true');
    expect(textOf(doc, 'ColorMode')).toBe('RGB24');
    expect(textOf(doc, 'XResolution')).toBe('200');
    expect(textOf(doc, 'DocumentFormatExt')).toBe('image/jpeg');
    expect(textOf(doc, 'Width')).toBe('2480');
    expect(textOf(doc, 'Height')).toBe('3508');
    expect(textOf(doc, 'Version')).toBe('2.63');
    expect(() => esclScanSettings(caps, { source: 'feeder', mode: 'gray', resolution: 250, pageSize: 'A4' })).toThrow(expect.objectContaining({ reason: 'unsupported_setting' }));
    const pdfOnly = parseEsclCapabilities(capabilitiesXml(['application/pdf']), device('http://h/eSCL'));
    expect(() => esclScanSettings(pdfOnly, LOW)).toThrow(expect.objectContaining({ reason: 'pdf_instead_of_image' }));
  });
});

describe('eSCL scan jobs against the simulator', () => {
  it('scans the flatbed: one page, a JPEG at the resolution asked', async () => {
    const s = await simulator();
    const { pages, error } = await scanAll(s.url, { ...LOW, source: 'flatbed' });
    expect(error).toBeUndefined();
    expect(pages).toHaveLength(1);
    const meta = await sharp(pages[0]!.data).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.width).toBe(Math.round((1748 / 300) * 75)); // A5 width in 1/300 in
    expect(s.jobs[0]!.settings).toMatchObject({ source: 'Platen', colorMode: 'Grayscale8', resolution: 75, format: 'image/jpeg' });
  });

  it('empties the feeder page by page until NextDocument answers 404', async () => {
    const s = await simulator({ sheets: 5 });
    const { pages, error } = await scanAll(s.url, LOW);
    expect(error).toBeUndefined();
    expect(pages).toHaveLength(5);
    expect(s.requests.filter((r) => r.endsWith('/NextDocument'))).toHaveLength(6);
    expect(s.requests.some((r) => r.startsWith('DELETE'))).toBe(false);
  });

  it('scans both sides in duplex: two pages per sheet', async () => {
    const s = await simulator({ sheets: 2 });
    const { pages } = await scanAll(s.url, { ...LOW, source: 'duplex', mode: 'color' });
    expect(pages).toHaveLength(4);
    expect(s.jobs[0]!.settings).toMatchObject({ source: 'Feeder', duplex: true, colorMode: 'RGB24' });
  });

  it('says the feeder is empty before starting a job', async () => {
    const s = await simulator({ sheets: 0 });
    const { pages, error } = await scanAll(s.url, LOW);
    expect(pages).toHaveLength(0);
    expect(error?.reason).toBe('feeder_empty');
    expect(s.jobs).toHaveLength(0);
  });

  it('reports a jam after the pages it delivered, which stay with the caller', async () => {
    const s = await simulator({ sheets: 6, jamAfter: 2 });
    const { pages, error } = await scanAll(s.url, LOW);
    expect(pages).toHaveLength(2);
    expect(error?.reason).toBe('jammed');
    expect(error?.pagesDelivered).toBe(2);
  });

  it('says the scanner is busy when it refuses the job', async () => {
    const s = await simulator({ busy: true });
    expect((await scanAll(s.url, LOW)).error?.reason).toBe('busy');
  });

  it('cancels with DELETE on the job and keeps the pages received', async () => {
    const s = await simulator({ sheets: 8 });
    const { pages, error } = await scanAll(s.url, LOW, { abortAfter: 2 });
    expect(pages).toHaveLength(2);
    expect(error?.reason).toBe('cancelled');
    expect(s.jobs[0]!.deleted).toBe(true);
    expect(s.requests).toContain(`DELETE /eSCL/ScanJobs/${s.jobs[0]!.id}`);
  });

  it('waits for slow pages (503 until ready) and stops waiting after the page timeout', async () => {
    const s = await simulator({ sheets: 2, pageDelayMs: 150 });
    const { pages, error } = await scanAll(s.url, LOW);
    expect(error).toBeUndefined();
    expect(pages).toHaveLength(2);
    expect(s.requests.filter((r) => r.endsWith('/NextDocument')).length).toBeGreaterThan(3);

    const slow = await startEsclSimulator({ sheets: 1, pageDelayMs: 5000 });
    try {
      const impatient = esclDriver({ manualUrls: () => [], retryMs: 20, pageTimeoutMs: 200 });
      const run = async () => { for await (const _ of impatient.scan(device(slow.url), LOW, { workDir: work })) { /* none */ } };
      await expect(run()).rejects.toMatchObject({ reason: 'timeout' });
      expect(slow.jobs[0]!.deleted).toBe(true);
    } finally {
      await slow.close();
    }
  });

  it('refuses a PDF sent where a JPEG was asked', async () => {
    const s = await simulator({ deliver: 'pdf' });
    const { pages, error } = await scanAll(s.url, LOW);
    expect(pages).toHaveLength(0);
    expect(error?.reason).toBe('pdf_instead_of_image');
  });

  it('tells a scanner that vanished mid-job from one never found, keeping the pages already received', async () => {
    const s = await simulator({ sheets: 5, vanishAfter: 2 });
    const { pages, error } = await scanAll(s.url, LOW);
    expect(pages).toHaveLength(2);
    expect(error?.reason).toBe('gone');
    expect(error?.pagesDelivered).toBe(2);
    await expect(driver().capabilities(device('http://127.0.0.1:9/eSCL'))).rejects.toMatchObject({ reason: 'not_found' });
  });

  it('lists the scanners entered by address', async () => {
    const s = await simulator();
    const list = await esclDriver({ manualUrls: () => [s.url, `${s.url}/`] }).list();
    expect(list).toEqual([{ id: `escl:${s.url}`, driver: 'escl', name: 'Trạm Sim eSCL 2000', address: new URL(s.url).host }]);
    // One that does not answer is still listed, by its address.
    expect(await esclDriver({ manualUrls: () => ['http://127.0.0.1:9/eSCL'] }).list()).toEqual([expect.objectContaining({ name: '127.0.0.1:9' })]);
  });
});

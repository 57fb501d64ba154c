import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ScannerError, type RawPage, type ScanSettings } from '../../../hardware/scanners/scanner';
import { HANDLING, WIA, parseWiaLine, powershellArgs, psString, wiaCapabilities, wiaCapabilitiesScript, wiaDriver, wiaListScript, wiaScanScript } from '../../../hardware/scanners/wia';

// WIA runs only on Windows: these tests check the PowerShell the driver writes, the parsing of
// what such a script prints, and the driver's process handling against a stand-in for
// powershell.exe. Nothing here has talked to a real WIA device.

const DEVICE_ID = "{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001";
const A4_FEEDER = { kind: 'feeder' as const, driverName: 'feeder', colorModes: ['color', 'gray', 'lineart'] as const, resolutions: [200], maxWidthMm: 215.9, maxHeightMm: 355.6 };
const work = mkdtempSync(join(tmpdir(), 'wia-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const standIn = () => wiaDriver({ command: process.execPath, args: (script) => [resolve('test/hardware/scanners/wia-standin.mjs'), Buffer.from(script, 'utf16le').toString('base64')] });

describe('the PowerShell the WIA driver writes', () => {
  it('selects the feeder with duplex, one page per transfer, grey 8-bit, the resolution and the A4 extent in pixels', () => {
    const script = wiaScanScript(DEVICE_ID, { source: 'duplex', mode: 'gray', resolution: 200, pageSize: 'A4' }, { ...A4_FEEDER, kind: 'duplex' }, 'C:\\Temp\\wia-1');
    expect(script).toContain(`$dev = Connect '${DEVICE_ID}'`);
    expect(script).toContain(`SetProp $dev.Properties ${WIA.DPS_DOCUMENT_HANDLING_SELECT} ${HANDLING.FEEDER | HANDLING.DUPLEX}`);
    expect(script).toContain(`SetProp $dev.Properties ${WIA.DPS_PAGES} 1`);
    expect(script).toContain(`SetProp $item.Properties ${WIA.IPA_DATATYPE} 2`);
    expect(script).toContain(`SetProp $item.Properties ${WIA.IPA_DEPTH} 8`);
    expect(script).toContain(`SetProp $item.Properties ${WIA.IPS_XRES} 200`);
    expect(script).toContain(`SetProp $item.Properties ${WIA.IPS_XEXTENT} 1653`);
    expect(script).toContain(`SetProp $item.Properties ${WIA.IPS_YEXTENT} 2338`);
    expect(script).toContain('$max = 0'); // until the feeder is empty
    expect(script).toContain("if ($code -eq '0x80210003' -and $page -gt 0) { break }");
    expect(script).toContain("$outDir = 'C:\\Temp\\wia-1'");
  });

  it('takes one page from the flatbed, in colour or black and white', () => {
    const color = wiaScanScript(DEVICE_ID, { source: 'flatbed', mode: 'color', resolution: 300, pageSize: 'A4' }, { ...A4_FEEDER, kind: 'flatbed' }, 'C:\\t');
    expect(color).toContain(`${WIA.DPS_DOCUMENT_HANDLING_SELECT} ${HANDLING.FLATBED}`);
    expect(color).toContain(`${WIA.IPA_DATATYPE} 3`);
    expect(color).toContain('$max = 1');
    const bw = wiaScanScript(DEVICE_ID, { source: 'feeder', mode: 'lineart', resolution: 300, pageSize: 'A4', maxPages: 1 }, A4_FEEDER, 'C:\\t');
    expect(bw).toContain(`${WIA.IPA_DATATYPE} 0`);
    expect(bw).toContain(`${WIA.IPA_DEPTH} 1`);
    expect(bw).toContain('$max = 1');
  });

  it('quotes device ids and folders so nothing in them runs', () => {
    expect(psString("O'Brien $(rm -r C:\\)")).toBe("'O''Brien $(rm -r C:\\)'");
    expect(wiaScanScript("x'; Remove-Item C:\\ ;'", { source: 'flatbed', mode: 'gray', resolution: 200, pageSize: 'A4' }, A4_FEEDER, "C:\\a'b")).toContain("Connect 'x''; Remove-Item C:\\ ;'''");
  });

  it('runs the script as -EncodedCommand (UTF-16LE, base64)', () => {
    const args = powershellArgs(wiaListScript());
    expect(args.slice(0, 5)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    expect(Buffer.from(args[5]!, 'base64').toString('utf16le')).toBe(wiaListScript());
    expect(wiaCapabilitiesScript(DEVICE_ID)).toContain(`Prop $item.Properties ${WIA.IPS_XRES}`);
  });
});

describe("reading what the scripts print", () => {
  it('parses devices, capabilities, pages, the end and errors, and ignores other lines', () => {
    expect(parseWiaLine('{"type":"device","id":"X\\\\0001","name":"fi-7160","manufacturer":"FUJITSU"}')).toEqual({ type: 'device', id: 'X\\0001', name: 'fi-7160', manufacturer: 'FUJITSU' });
    expect(parseWiaLine('{"type":"page","file":"C:\\\\t\\\\p0001.png","page":1}')).toEqual({ type: 'page', file: 'C:\\t\\p0001.png', page: 1 });
    expect(parseWiaLine('{"type":"error","hresult":"0X80210002","message":"Paper jam","pages":"2"}')).toEqual({ type: 'error', hresult: '0x80210002', message: 'Paper jam', pages: 2 });
    expect(parseWiaLine('{"type":"caps","handling":"3","resolutions":{"kind":"range","min":75,"max":600,"step":1},"dataTypes":{"kind":"list","values":2}}')).toEqual({
      type: 'caps', handling: 3, resolutions: { kind: 'range', min: 75, max: 600, step: 1 }, dataTypes: { kind: 'list', values: [2] },
    });
    expect(parseWiaLine('WARNING: something')).toBeUndefined();
    expect(parseWiaLine('{broken')).toBeUndefined();
  });

  it('maps handling capabilities and sizes (1/1000 inch) to sources', () => {
    const caps = wiaCapabilities({ id: 'wia:X', driver: 'wia', name: 'X' }, {
      type: 'caps', handling: HANDLING.FEEDER | HANDLING.FLATBED | HANDLING.DUPLEX, bedWidth: 8500, bedHeight: 11690, feedWidth: 8500, feedHeight: 14000,
      resolutions: { kind: 'range', min: 100, max: 600, step: 1 }, dataTypes: { kind: 'list', values: [2, 3] },
    });
    expect(caps.sources.map((s) => s.kind)).toEqual(['flatbed', 'feeder', 'duplex']);
    expect(caps.sources[0]).toMatchObject({ colorModes: ['color', 'gray'], resolutions: [100, 150, 200, 240, 300, 400, 600], maxWidthMm: 215.9, maxHeightMm: 296.9 });
    expect(caps.sources[1]!.maxHeightMm).toBe(355.6);
    expect(() => wiaCapabilities({ id: 'wia:X', driver: 'wia', name: 'X' }, { type: 'caps', handling: 0, resolutions: { kind: 'none' }, dataTypes: { kind: 'none' } })).toThrow(expect.objectContaining({ reason: 'capabilities_invalid' }));
  });
});

describe('the WIA driver against a stand-in for powershell.exe', () => {
  const device = { id: `wia:${DEVICE_ID}`, driver: 'wia' as const, name: 'FUJITSU fi-7160' };
  const settings: ScanSettings = { source: 'feeder', mode: 'gray', resolution: 200, pageSize: 'A4' };
  const scanAll = async (s: ScanSettings): Promise<{ pages: RawPage[]; error?: ScannerError }> => {
    const pages: RawPage[] = [];
    try {
      for await (const p of standIn().scan(device, s, { workDir: work })) pages.push(p);
      return { pages };
    } catch (e) {
      if (e instanceof ScannerError) return { pages, error: e };
      throw e;
    }
  };

  it('lists the device and reads its capabilities', async () => {
    expect(await standIn().list()).toEqual([{ id: `wia:${DEVICE_ID}`, driver: 'wia', name: 'FUJITSU fi-7160' }]);
    expect((await standIn().capabilities(device)).sources.map((s) => s.kind)).toEqual(['flatbed', 'feeder', 'duplex']);
  });

  it('delivers each page saved by the script, and ends when the feeder runs out', async () => {
    process.env.WIA_STANDIN_PAGES = '4';
    const { pages, error } = await scanAll(settings);
    delete process.env.WIA_STANDIN_PAGES;
    expect(error).toBeUndefined();
    expect(pages.map((p) => p.data.subarray(8).toString())).toEqual(['page 1', 'page 2', 'page 3', 'page 4']);
    expect(pages[0]!.format).toBe('png');
  });

  it('turns a jam after two pages into a jam, keeping the two pages', async () => {
    process.env.WIA_STANDIN_PAGES = '2';
    process.env.WIA_STANDIN_FAIL = '0x80210002';
    const { pages, error } = await scanAll(settings);
    delete process.env.WIA_STANDIN_PAGES;
    delete process.env.WIA_STANDIN_FAIL;
    expect(pages).toHaveLength(2);
    expect(error).toMatchObject({ reason: 'jammed', pagesDelivered: 2 });
  });

  it('says the feeder is empty when it gave nothing, and that the device is gone when it stops answering mid-job', async () => {
    process.env.WIA_STANDIN_PAGES = '0';
    process.env.WIA_STANDIN_FAIL = '0x80210003';
    expect((await scanAll(settings)).error?.reason).toBe('feeder_empty');
    process.env.WIA_STANDIN_PAGES = '1';
    process.env.WIA_STANDIN_FAIL = '0x8021000A';
    const { pages, error } = await scanAll(settings);
    delete process.env.WIA_STANDIN_PAGES;
    delete process.env.WIA_STANDIN_FAIL;
    expect(pages).toHaveLength(1);
    expect(error?.reason).toBe('gone');
  });

  it('has no devices where PowerShell does not exist', async () => {
    expect(await wiaDriver({ command: '/nonexistent/powershell.exe' }).list()).toEqual([]);
  });
});

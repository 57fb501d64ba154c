import jsQR from 'jsqr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { align, concatBytes, cut, feedLines, initialize, qrCode, rasterImage } from '../../../../hardware/printers/escpos/commands';
import { PAPER_DOTS, rasterText } from '../../../../hardware/printers/escpos/raster-text';
import { printJob } from '../../../../hardware/printers/escpos/thermal-printer';
import { openNetworkPrinter, openSerialPrinter, type PrinterTransport } from '../../../../hardware/printers/escpos/transport';
import { inkIn, pngPixels, startFakePrinter, type FakePrinter, type FakePrinterState } from '../escpos-fake';

const URL = 'https://dichvucong.gov.vn/hang-doi?so=A015&ngay=20261201';

/** A small receipt: a bold centred heading, a QR code, a line, feed and cut. */
async function testReceipt(widthDots: number): Promise<Uint8Array> {
  const heading = await rasterText('Phiếu thử máy in', widthDots, { bold: true, align: 'center', size: 'large' });
  const footer = await rasterText('Vui lòng chờ đến lượt', widthDots, { align: 'center' });
  return concatBytes([initialize(), align('center'), rasterImage(heading), feedLines(1), qrCode(URL, { moduleSize: 5 }), feedLines(1), rasterImage(footer), feedLines(2), cut()]);
}

async function readQr(png: Buffer): Promise<string | undefined> {
  const { data, width, height } = await pngPixels(png);
  return jsQR(data, width, height)?.data;
}

describe('printing through the fake ESC/POS printer', () => {
  let fake: FakePrinter;
  let transport: PrinterTransport | undefined;

  beforeEach(async () => {
    fake = await startFakePrinter({ paper: 58 });
  });

  afterEach(async () => {
    await transport?.close();
    transport = undefined;
    await fake.stop();
  });

  it('prints a receipt over the serial line: every byte written, decoded, on paper, QR readable', async () => {
    transport = await openSerialPrinter({ path: fake.serialPath });
    const job = await testReceipt(PAPER_DOTS[58]);
    const result = await printJob(transport, job, { statusTimeoutMs: 5000 });
    expect(result).toMatchObject({ ok: true, bytesWritten: job.length, warnings: [] });
    const receipt = await fake.nextReceipt();
    expect(fake.errors()).toEqual([]);
    expect(receipt.via).toBe('serial');
    // The job, after the status requests (3 bytes each) that came before it.
    expect(receipt.bytes).toBe(job.length + 3 * fake.statusRequests().length);
    expect(receipt.commands.filter((c) => !c.startsWith('status'))[0]).toBe('init');
    expect(receipt.commands).toContain('qr print');
    expect(receipt.commands.at(-1)).toBe('cut partial 64');
    expect(receipt.width).toBe(384);
    expect(receipt.qrTexts).toEqual([URL]);
    // The heading's band has ink in the middle, none at the edges.
    expect(inkIn(receipt, { x: 100, y: 0, width: 184, height: 40 })).toBeGreaterThan(300);
    expect(inkIn(receipt, { x: 0, y: 0, width: 8, height: receipt.height })).toBe(0);
    expect(await readQr(receipt.png)).toBe(URL);
  });

  it('prints over TCP to an 80 mm printer', async () => {
    await fake.stop();
    fake = await startFakePrinter({ paper: 80 });
    transport = await openNetworkPrinter({ host: '127.0.0.1', port: fake.tcpPort });
    const job = await testReceipt(PAPER_DOTS[80]);
    expect(await printJob(transport, job, { statusTimeoutMs: 5000 })).toMatchObject({ ok: true, bytesWritten: job.length });
    const receipt = await fake.nextReceipt();
    expect(fake.errors()).toEqual([]);
    expect([receipt.via, receipt.width]).toEqual(['tcp', 576]);
    expect(await readQr(receipt.png)).toBe(URL);
  });

  const refusals: ReadonlyArray<[FakePrinterState, string]> = [
    ['paper_out', 'paper_out'],
    ['cover_open', 'cover_open'],
    ['offline', 'offline'],
    ['error', 'offline'],
    ['silent', 'no_answer'],
    ['garbage', 'garbage'],
  ];

  it.each(refusals)('a printer in state %s: refused as %s, not a byte of the job sent', async (state, reason) => {
    fake.setState(state);
    transport = await openNetworkPrinter({ host: '127.0.0.1', port: fake.tcpPort });
    const job = await testReceipt(PAPER_DOTS[58]);
    const result = await printJob(transport, job, { statusTimeoutMs: state === 'silent' ? 300 : 5000 });
    expect(result).toMatchObject({ ok: false, reason, bytesWritten: 0 });
    // Only status requests reached the printer (3 bytes each).
    expect(fake.bytesReceived()).toBe(3 * fake.statusRequests().length);
    expect(fake.receipts).toHaveLength(0);
  });

  it('says why an offline printer is in error (the cutter)', async () => {
    fake.setState('error');
    transport = await openSerialPrinter({ path: fake.serialPath });
    const result = await printJob(transport, await testReceipt(384), { statusTimeoutMs: 5000 });
    expect(result).toMatchObject({ ok: false, reason: 'offline', condition: { online: false, error: 'cutter' } });
  });

  it('prints with a warning when the paper is nearly out', async () => {
    fake.setState('paper_near_end');
    transport = await openSerialPrinter({ path: fake.serialPath });
    const result = await printJob(transport, await testReceipt(384), { statusTimeoutMs: 5000 });
    expect(result).toMatchObject({ ok: true, warnings: ['paper_near_end'], condition: { paperNearEnd: true, paperOut: false } });
    expect((await fake.nextReceipt()).qrTexts).toEqual([URL]);
  });

  it('prints to a printer that never answers status when told to (a model silent on its interface)', async () => {
    fake.setState('silent');
    transport = await openNetworkPrinter({ host: '127.0.0.1', port: fake.tcpPort });
    const job = await testReceipt(384);
    expect(await printJob(transport, job, { statusTimeoutMs: 200, whenSilent: 'print' })).toMatchObject({ ok: true, bytesWritten: job.length });
    expect((await fake.nextReceipt()).bytes).toBe(job.length + 3 * fake.statusRequests().length);
  });

  it('a printer that stops taking bytes on the serial line: write_failed, with the bytes that went', async () => {
    fake.stallReading();
    transport = await openSerialPrinter({ path: fake.serialPath, writeTimeoutMs: 300 });
    const job = new Uint8Array(512 * 1024); // far more than the pty and socat buffers hold
    const result = await printJob(transport, job, { statusTimeoutMs: 200, whenSilent: 'print' });
    expect(result).toMatchObject({ ok: false, reason: 'write_failed' });
    expect(result.bytesWritten).toBeGreaterThan(0);
    expect(result.bytesWritten).toBeLessThan(job.length);
  });

  it('a serial printer unplugged after the port was opened: write_failed, nothing counted', async () => {
    transport = await openSerialPrinter({ path: fake.serialPath });
    await fake.unplugSerial();
    const result = await printJob(transport, await testReceipt(384), { statusTimeoutMs: 5000 });
    expect(result).toMatchObject({ ok: false, reason: 'write_failed', bytesWritten: 0 });
  });

  it('a network printer dropping the connection mid-job: write_failed, never counted as printed', async () => {
    fake.resetTcpAfter(4096);
    transport = await openNetworkPrinter({ host: '127.0.0.1', port: fake.tcpPort });
    const job = concatBytes([initialize(), new Uint8Array(64 * 1024 * 1024)]);
    const result = await printJob(transport, job, { statusTimeoutMs: 5000 });
    expect(result).toMatchObject({ ok: false, reason: 'write_failed' });
    expect(result.bytesWritten).toBeLessThan(job.length);
    expect(fake.receipts).toHaveLength(0);
  });
});

import { describe, expect, it } from 'vitest';
import {
  align,
  concatBytes,
  cut,
  feedDots,
  feedLines,
  initialize,
  isStatusByte,
  parseStatus,
  qrCode,
  rasterImage,
  statusRequest,
  type MonoBitmap,
} from '../../../../hardware/printers/escpos/commands';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** A test pattern: row y has byte value y (mod 256) in every column. */
function pattern(width: number, height: number): MonoBitmap {
  const rowBytes = width / 8;
  const data = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y += 1) data.fill(y & 0xff, y * rowBytes, (y + 1) * rowBytes);
  return { width, height, data };
}

/** Splits a run of GS v 0 commands back into their headers and data. */
function bands(bytes: Uint8Array) {
  const out: Array<{ rowBytes: number; rows: number; data: Uint8Array }> = [];
  let at = 0;
  while (at < bytes.length) {
    expect(hex(bytes.subarray(at, at + 4))).toBe('1d763000');
    const rowBytes = bytes[at + 4]! + bytes[at + 5]! * 256;
    const rows = bytes[at + 6]! + bytes[at + 7]! * 256;
    out.push({ rowBytes, rows, data: bytes.subarray(at + 8, at + 8 + rowBytes * rows) });
    at += 8 + rowBytes * rows;
  }
  return out;
}

describe('ESC/POS command bytes', () => {
  it('init, alignment, feeds and cut', () => {
    expect(hex(initialize())).toBe('1b40');
    expect([align('left'), align('center'), align('right')].map(hex)).toEqual(['1b6100', '1b6101', '1b6102']);
    expect(hex(feedLines(3))).toBe('1b6403');
    expect(hex(feedDots(24))).toBe('1b4a18');
    expect(hex(cut())).toBe('1d564240');
    expect(hex(cut({ partial: false, feedDots: 0 }))).toBe('1d564100');
    expect(() => feedLines(256)).toThrow(RangeError);
    expect(() => feedDots(-1)).toThrow(RangeError);
  });

  it('GS v 0 splits an image into bands of whole rows within the byte budget, data unchanged', () => {
    const image = pattern(384, 300); // 48 bytes a row
    const split = bands(rasterImage(image, { maxBandBytes: 4096 }));
    expect(split.map((b) => b.rows)).toEqual([85, 85, 85, 45]); // 85 × 48 = 4080 ≤ 4096
    expect(split.every((b) => b.rowBytes === 48)).toBe(true);
    expect(Buffer.concat(split.map((b) => b.data)).equals(Buffer.from(image.data))).toBe(true);
    // 576 dots: 72 bytes a row, 56 rows a band by default.
    expect(bands(rasterImage(pattern(576, 112))).map((b) => b.rows)).toEqual([56, 56]);
    expect(bands(rasterImage(pattern(576, 10), { maxBandBytes: 1 })).map((b) => b.rows)).toEqual(Array(10).fill(1));
  });

  it('GS v 0 refuses a width that is not a multiple of 8 or data of the wrong size', () => {
    expect(() => rasterImage({ width: 100, height: 1, data: new Uint8Array(13) })).toThrow(/multiple of 8/);
    expect(() => rasterImage({ width: 64, height: 2, data: new Uint8Array(15) })).toThrow(/expected 16/);
    expect(rasterImage({ width: 64, height: 0, data: new Uint8Array(0) })).toHaveLength(0);
  });

  it('GS ( k: model 2, module size, error correction, store and print, with exact lengths', () => {
    const url = 'https://dichvucong.gov.vn/q/A015';
    const bytes = qrCode(url, { moduleSize: 5, errorCorrection: 'Q' });
    const expected = concatBytes([
      Uint8Array.of(0x1d, 0x28, 0x6b, 4, 0, 0x31, 0x41, 50, 0),
      Uint8Array.of(0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x43, 5),
      Uint8Array.of(0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x45, 50),
      Uint8Array.of(0x1d, 0x28, 0x6b, url.length + 3, 0, 0x31, 0x50, 0x30),
      new TextEncoder().encode(url),
      Uint8Array.of(0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30),
    ]);
    expect(hex(bytes)).toBe(hex(expected));
    // A store of more than 252 bytes uses the high length byte.
    const long = qrCode('x'.repeat(300));
    const store = long.indexOf(0x50) - 6;
    expect([long[store + 3], long[store + 4]]).toEqual([(303) & 0xff, 303 >> 8]);
    expect(() => qrCode('')).toThrow(RangeError);
    expect(() => qrCode('x', { moduleSize: 17 })).toThrow(RangeError);
    expect(() => qrCode('x'.repeat(3000))).toThrow(/2953/);
  });

  it('DLE EOT requests and the answers of each kind', () => {
    expect([statusRequest('printer'), statusRequest('offline_cause'), statusRequest('error_cause'), statusRequest('paper')].map(hex)).toEqual([
      '100401',
      '100402',
      '100403',
      '100404',
    ]);
    expect(parseStatus('printer', 0x12)).toEqual({ kind: 'printer', offline: false, waitingForRecovery: false, feedButton: false });
    expect(parseStatus('printer', 0x1a)).toMatchObject({ offline: true });
    expect(parseStatus('printer', 0x3a)).toMatchObject({ offline: true, waitingForRecovery: true });
    expect(parseStatus('offline_cause', 0x16)).toEqual({ kind: 'offline_cause', coverOpen: true, feedingByButton: false, paperEndStop: false, error: false });
    expect(parseStatus('offline_cause', 0x32)).toMatchObject({ paperEndStop: true, coverOpen: false });
    expect(parseStatus('offline_cause', 0x52)).toMatchObject({ error: true });
    expect(parseStatus('error_cause', 0x1a)).toEqual({ kind: 'error_cause', cutterError: true, unrecoverable: false, autoRecoverable: false });
    expect(parseStatus('error_cause', 0x32)).toMatchObject({ unrecoverable: true });
    expect(parseStatus('paper', 0x12)).toEqual({ kind: 'paper', nearEnd: false, paperEnd: false });
    expect(parseStatus('paper', 0x1e)).toEqual({ kind: 'paper', nearEnd: true, paperEnd: false });
    expect(parseStatus('paper', 0x72)).toEqual({ kind: 'paper', nearEnd: false, paperEnd: true });
    expect(parseStatus('paper', 0x7e)).toEqual({ kind: 'paper', nearEnd: true, paperEnd: true });
  });

  it('refuses bytes that are not status answers', () => {
    for (const noise of [0x00, 0xff, 0x41, 0x13, 0x92, 0x10]) {
      expect(isStatusByte(noise), noise.toString(16)).toBe(false);
      expect(parseStatus('printer', noise)).toBeUndefined();
    }
    expect(parseStatus('paper', 300)).toBeUndefined();
  });
});

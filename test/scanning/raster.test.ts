import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { StationError } from '../../main/core/errors';
import { decodePage, decodePnm } from '../../main/scanning/raster';
import { asJpeg, asPnm, scannedPage } from './pages';

const pnm = (header: string, body: Buffer) => Buffer.concat([Buffer.from(header, 'latin1'), body]);
const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'decoded';
  } catch (e) {
    return e instanceof StationError ? `${e.code}: ${String(e.params.detail ?? '')}` : String(e);
  }
};

describe('decoding a page from the scanner', () => {
  it('reads grey, colour, 1-bit and 16-bit PNM as scanimage writes them', () => {
    const body = Buffer.alloc(16 * 16, 200);
    body.set([0, 64, 128, 255], 0);
    const grey = decodePnm(pnm('P5\n# SANE data follows\n16 16\n255\n', body), 200, 1);
    expect(grey).toMatchObject({ width: 16, height: 16, channels: 1, dpi: 200 });
    expect([...grey.data.subarray(0, 5)]).toEqual([0, 64, 128, 255, 200]);
    // P4: 1 = black, rows padded to whole bytes (18 pixels: 3 bytes a row).
    const rows = Buffer.alloc(3 * 16);
    rows.set([0b10100000, 0b00000000, 0b01000000]);
    const bits = decodePnm(pnm('P4\n18 16\n', rows), 100, 1);
    expect([...bits.data.subarray(0, 18)]).toEqual([0, 255, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0]);
    const wideBody = Buffer.alloc(16 * 16 * 2);
    wideBody.set([0xff, 0xff, 0x80, 0x00]);
    const wide = decodePnm(pnm('P5\n16 16\n65535\n', wideBody), 100, 1);
    expect([...wide.data.subarray(0, 3)]).toEqual([255, 128, 0]);
    const colour = decodePnm(pnm('P6\n16 16\n255\n', Buffer.alloc(16 * 16 * 3, 9)), 100, 1);
    expect(colour.channels).toBe(3);
  });

  it('refuses a PNM cut short, with how much arrived', () => {
    expect(() => decodePnm(pnm('P5\n100 100\n255\n', Buffer.alloc(5000)), 100, 3)).toThrow(
      expect.objectContaining({ code: 'SCAN_BAD_IMAGE', params: expect.objectContaining({ page: 3, detail: expect.stringContaining('5000 trên 10000 byte') }) }),
    );
    expect(() => decodePnm(Buffer.from('P5\n100'), 100, 1)).toThrow(expect.objectContaining({ code: 'SCAN_BAD_IMAGE' }));
    expect(() => decodePnm(Buffer.from('P7\nWIDTH 4\n'), 100, 1)).toThrow(expect.objectContaining({ code: 'SCAN_BAD_IMAGE' }));
  });

  it('refuses sizes no paper has', () => {
    expect(() => decodePnm(pnm('P5\n2 2\n255\n', Buffer.alloc(4)), 100, 1)).toThrow(/kích thước 2×2/);
    expect(() => decodePnm(pnm('P5\n100000 20\n255\n', Buffer.alloc(0)), 100, 1)).toThrow(/khổ 25400×5 mm/);
    expect(() => decodePnm(pnm('P5\n100 100\n255\n', Buffer.alloc(10000)), 5000, 1)).toThrow(/5000 dpi/);
    expect(() => decodePnm(pnm('P5\n16 16\n0\n', Buffer.alloc(256)), 100, 1)).toThrow(/giá trị tối đa 0/);
  });

  it('decodes JPEG, PNG and TIFF whatever the driver said, taking the resolution from the file', async () => {
    const page = await scannedPage('text', 75);
    const jpeg = await asJpeg(page);
    const decoded = await decodePage({ data: jpeg, format: 'png', resolution: 300 }, 1);
    expect(decoded).toMatchObject({ width: page.width, height: page.height, channels: 1, dpi: 300 });
    const withDensity = await sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } }).withMetadata({ density: 75 }).png().toBuffer();
    expect((await decodePage({ data: withDensity, format: 'png', resolution: 300 }, 1)).dpi).toBe(75);
    const tiff = await sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } }).tiff().toBuffer();
    expect((await decodePage({ data: tiff, format: 'tiff', resolution: 75 }, 1)).width).toBe(page.width);
    const colour = await sharp({ create: { width: 200, height: 300, channels: 4, background: { r: 200, g: 20, b: 20, alpha: 1 } } }).png().toBuffer();
    expect((await decodePage({ data: colour, format: 'png', resolution: 50 }, 1)).channels).toBe(3);
    expect((await decodePage({ data: asPnm(page), format: 'pnm', resolution: 75 }, 1)).width).toBe(page.width);
  });

  it('refuses truncated and corrupt images, PDFs and empty pages, each with its own message', async () => {
    const jpeg = await asJpeg(await scannedPage('text', 75));
    expect(await codeOf(decodePage({ data: jpeg.subarray(0, Math.floor(jpeg.length / 2)), format: 'jpeg', resolution: 75 }, 2))).toMatch(/^SCAN_BAD_IMAGE: dữ liệu ảnh bị cắt cụt/);
    const corrupt = Buffer.from(jpeg);
    corrupt.fill(0x41, 200, 2000);
    expect(await codeOf(decodePage({ data: corrupt, format: 'jpeg', resolution: 75 }, 2))).toMatch(/^SCAN_BAD_IMAGE/);
    expect(await codeOf(decodePage({ data: Buffer.from('%PDF-1.7\n...'), format: 'jpeg', resolution: 75 }, 1))).toBe('SCAN_PDF_NOT_IMAGE: ');
    expect(await codeOf(decodePage({ data: Buffer.alloc(0), format: 'jpeg', resolution: 75 }, 1))).toBe('SCAN_BAD_IMAGE: trang rỗng');
    expect(await codeOf(decodePage({ data: Buffer.from('<html>error 500</html>'), format: 'jpeg', resolution: 75 }, 1))).toBe('SCAN_BAD_IMAGE: định dạng ảnh không nhận ra được');
  });
});

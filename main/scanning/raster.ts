import sharp from 'sharp';
import { StationError } from '../core/errors';
import { sniffImage } from '../../hardware/scanners/formats';
import type { RawPage } from '../../hardware/scanners/scanner';
import './messages'; // the texts of the errors thrown here

// A page as pixels: what the scanner sent, decoded and checked. Nothing a scanner sends is
// trusted: the format is read from the bytes, sizes are checked against the header and against
// paper, and a truncated or corrupt page is refused with a reason.

export type Raster = Readonly<{
  width: number;
  height: number;
  /** 1 grey, 3 RGB; 8 bits per sample. */
  channels: 1 | 3;
  data: Buffer;
  /** Dots per inch, the same across and down. */
  dpi: number;
}>;

/** Largest paper side accepted, in mm (a scan longer than this is a driver fault, not a document). */
const MAX_SIDE_MM = 1000;
const MIN_SIDE_PX = 16;

const bad = (page: number, detail: string) => new StationError('SCAN_BAD_IMAGE', { page, detail });

function checkSize(page: number, width: number, height: number, dpi: number): void {
  if (!(width >= MIN_SIDE_PX && height >= MIN_SIDE_PX)) throw bad(page, `kích thước ${width}×${height} điểm ảnh`);
  if (!(dpi >= 50 && dpi <= 1200)) throw bad(page, `độ phân giải ${dpi} dpi`);
  const mm = (px: number) => (px / dpi) * 25.4;
  if (mm(width) > MAX_SIDE_MM || mm(height) > MAX_SIDE_MM) throw bad(page, `khổ ${Math.round(mm(width))}×${Math.round(mm(height))} mm`);
}

/** Netpbm as scanimage writes it: P4 (1-bit), P5 (grey), P6 (RGB), 8 or 16 bits per sample. */
export function decodePnm(data: Buffer, dpi: number, page: number): Raster {
  const magic = data.subarray(0, 2).toString('latin1');
  if (!/^P[456]$/.test(magic)) throw bad(page, 'không phải ảnh PNM');
  // Header: magic, width, height[, maxval], separated by whitespace, with # comments.
  const fields: number[] = [];
  let i = 2;
  const want = magic === 'P4' ? 2 : 3;
  while (fields.length < want && i < data.length) {
    const c = data[i]!;
    if (c === 0x23) { while (i < data.length && data[i] !== 0x0a) i++; continue; } // '#'
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) { i++; continue; }
    let j = i;
    while (j < data.length && data[j]! >= 0x30 && data[j]! <= 0x39) j++;
    if (j === i) throw bad(page, 'phần đầu ảnh PNM hỏng');
    fields.push(Number(data.subarray(i, j).toString('latin1')));
    i = j;
  }
  if (fields.length < want) throw bad(page, 'phần đầu ảnh PNM không đầy đủ');
  i++; // the single whitespace byte before the samples
  const [width = 0, height = 0, maxval = 1] = fields;
  if (!(maxval >= 1 && maxval <= 65535)) throw bad(page, `giá trị tối đa ${maxval}`);
  checkSize(page, width, height, dpi);
  const channels = magic === 'P6' ? 3 : 1;
  const bytesPerSample = maxval > 255 ? 2 : 1;
  const rowBytes = magic === 'P4' ? Math.ceil(width / 8) : width * channels * bytesPerSample;
  const expected = rowBytes * height;
  const body = data.subarray(i);
  if (body.length < expected) throw bad(page, `dữ liệu ảnh bị cắt cụt (có ${body.length} trên ${expected} byte)`);

  const out = Buffer.allocUnsafe(width * height * channels);
  if (magic === 'P4') {
    for (let y = 0; y < height; y++) {
      const src = y * rowBytes;
      const dst = y * width;
      for (let x = 0; x < width; x++) out[dst + x] = (body[src + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 0 : 255;
    }
  } else if (bytesPerSample === 2) {
    for (let k = 0, n = width * height * channels; k < n; k++) out[k] = Math.round((body.readUInt16BE(k * 2) * 255) / maxval);
  } else if (maxval === 255) {
    body.copy(out, 0, 0, expected);
  } else {
    for (let k = 0; k < expected; k++) out[k] = Math.round((body[k]! * 255) / maxval);
  }
  return { width, height, channels, data: out, dpi };
}

/** Any page a driver delivers → pixels, or a typed error saying what is wrong with it. */
export async function decodePage(raw: RawPage, page: number): Promise<Raster> {
  const format = sniffImage(raw.data);
  if (format === 'pdf') throw new StationError('SCAN_PDF_NOT_IMAGE', {});
  if (format === 'pnm') return decodePnm(raw.data, raw.resolution, page);
  if (format === 'unknown') throw bad(page, raw.data.length === 0 ? 'trang rỗng' : 'định dạng ảnh không nhận ra được');
  try {
    // 'warning': a truncated JPEG ("premature end of data") is refused, not padded with grey.
    const image = sharp(raw.data, { failOn: 'warning', limitInputPixels: 30_000 * 30_000 });
    const meta = await image.metadata();
    // The file's own resolution when it has one; 72 and 96 are what encoders write when they know none.
    const density = meta.density ? Math.round(meta.density) : undefined;
    const dpi = density && density >= 50 && density <= 1200 && density !== 72 && density !== 96 ? density : raw.resolution;
    const colour = (meta.channels ?? 1) >= 3 && meta.space !== 'b-w';
    const { data, info } = await image
      .removeAlpha()
      .toColourspace(colour ? 'srgb' : 'b-w')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    checkSize(page, info.width, info.height, dpi);
    const channels = info.channels === 3 ? 3 : 1;
    if (info.channels !== channels) throw bad(page, `${info.channels} kênh màu`);
    return { width: info.width, height: info.height, channels, data, dpi };
  } catch (e) {
    if (e instanceof StationError) throw e;
    const message = e instanceof Error ? e.message.split('\n')[0]!.slice(0, 160) : String(e);
    throw bad(page, /premature|truncat|end of|short read|unexpected end/i.test(message) ? `dữ liệu ảnh bị cắt cụt (${message})` : message);
  }
}

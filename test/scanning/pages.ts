import sharp from 'sharp';
import type { Raster } from '../../main/scanning/raster';

// Pages as a scanner would deliver them, made here: an A4 page of Vietnamese administrative text
// (13 pt, 1.5 line spacing, the margins of Decree 30) on slightly grey paper with sensor noise
// and a little optical blur; a blank page; its back with the text faintly showing through.

const WORDS = 'căn cứ luật hộ tịch ngày tháng năm nghị định số quy định chi tiết một số điều và biện pháp thi hành theo đề nghị của công chức tư pháp hộ tịch xã chứng nhận việc đăng ký khai sinh cho người có tên dưới đây tại sổ đăng ký'.split(' ');

export type PageKind = 'text' | 'blank' | 'bleed' | 'signature' | 'photo';

/** A 1-channel (or RGB) raster of an A4 page at `dpi`. Deterministic. */
export async function scannedPage(kind: PageKind, dpi = 200, channels: 1 | 3 = 1): Promise<Raster> {
  const width = Math.round((210 / 25.4) * dpi);
  const height = Math.round((297 / 25.4) * dpi);
  const mm = (x: number) => Math.round((x / 25.4) * dpi);
  const pt = (x: number) => (x / 72) * dpi;
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const shapes: string[] = [];
  if (kind === 'text' || kind === 'bleed') {
    let y = mm(20) + pt(13);
    shapes.push(`<text x="${width / 2}" y="${y}" text-anchor="middle" font-family="Liberation Serif, DejaVu Serif, serif" font-weight="bold" font-size="${pt(13)}">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</text>`);
    y += pt(13) * 1.3;
    shapes.push(`<text x="${width / 2}" y="${y}" text-anchor="middle" font-family="Liberation Serif, DejaVu Serif, serif" font-weight="bold" font-size="${pt(14)}">Độc lập - Tự do - Hạnh phúc</text>`);
    y += pt(14) * 3;
    while (y < height - mm(25)) {
      let line = '';
      while (line.length < 78) line += `${WORDS[Math.floor(rnd() * WORDS.length)]} `;
      shapes.push(`<text x="${mm(30)}" y="${y}" font-family="Liberation Serif, DejaVu Serif, serif" font-size="${pt(13)}" textLength="${width - mm(50)}" fill="#111">${line.trim()}</text>`);
      y += pt(13) * 1.5;
    }
  }
  if (kind === 'signature') {
    shapes.push(`<path d="M ${mm(120)} ${mm(240)} c ${mm(5)} -${mm(12)} ${mm(12)} ${mm(10)} ${mm(18)} -${mm(4)} s ${mm(6)} ${mm(9)} ${mm(14)} -${mm(2)}" stroke="#123" stroke-width="${Math.max(2, dpi / 60)}" fill="none"/>`);
  }
  if (kind === 'photo') {
    shapes.push(`<defs><radialGradient id="g"><stop offset="0" stop-color="#ddd"/><stop offset="1" stop-color="#333"/></radialGradient></defs>`);
    shapes.push(`<rect x="${mm(30)}" y="${mm(40)}" width="${mm(60)}" height="${mm(80)}" fill="url(#g)"/>`);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${shapes.join('')}</svg>`;
  let image = sharp(Buffer.from(svg)).blur(0.7);
  if (kind === 'bleed') image = image.flop().linear(0.12, 255 * 0.88); // the other side, seen through the paper
  const { data } = await image.toColourspace(channels === 3 ? 'srgb' : 'b-w').removeAlpha().raw().toBuffer({ resolveWithObject: true });
  // Paper tint and sensor noise.
  for (let i = 0; i < data.length; i++) {
    const n = (rnd() + rnd() + rnd() - 1.5) * 5;
    data[i] = Math.max(0, Math.min(255, data[i]! * 0.93 + 8 + n));
  }
  return { width, height, channels, data, dpi };
}

/** The same page encoded as a scanner would send it over the network. */
export async function asJpeg(r: Raster, quality = 85): Promise<Buffer> {
  return sharp(r.data, { raw: { width: r.width, height: r.height, channels: r.channels } })
    .toColourspace(r.channels === 1 ? 'b-w' : 'srgb')
    .jpeg({ quality })
    .toBuffer();
}

/** The same page as scanimage writes it (P5 / P6). */
export function asPnm(r: Raster): Buffer {
  return Buffer.concat([Buffer.from(`${r.channels === 3 ? 'P6' : 'P5'}\n# SANE data follows\n${r.width} ${r.height}\n255\n`, 'latin1'), r.data]);
}

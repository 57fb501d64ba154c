import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { processPage, type ProcessedPage } from '../../main/scanning/page-compress';
import type { Raster } from '../../main/scanning/raster';
import { buildScanPdf } from '../../main/scanning/scan-pdf';
import { tempDir } from '../helpers/station';
import { scannedPage } from './pages';

/** The page as a PDF, rendered back by poppler at the scan's resolution (grey). */
async function renderBack(p: ProcessedPage): Promise<{ pdfBytes: number; pixels: Buffer; width: number; height: number }> {
  const dir = tempDir();
  const { pdf } = await buildScanPdf([{ parts: p.parts, dpi: p.dpi, rotation: 0 }], { title: 't', subject: 's', author: 'a', createdAt: new Date(0) });
  writeFileSync(join(dir, 'p.pdf'), pdf);
  execFileSync('pdftoppm', ['-r', String(p.dpi), '-gray', '-png', '-singlefile', join(dir, 'p.pdf'), join(dir, 'page')]);
  const { data, info } = await sharp(join(dir, 'page.png')).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { pdfBytes: pdf.length, pixels: data, width: info.width, height: info.height };
}

/**
 * How well the ink of the rendered page matches the scan: the share of ink pixels of each that
 * have ink of the other within one pixel (renderers place image edges to a pixel or so).
 */
function inkMatch(source: Uint8Array, rendered: Uint8Array, width: number, height: number, threshold = 128): { recall: number; precision: number } {
  const near = (img: Uint8Array, x: number, y: number) => {
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      const xx = x + dx;
      const yy = y + dy;
      if (xx >= 0 && yy >= 0 && xx < width && yy < height && img[yy * width + xx]! < threshold) return true;
    }
    return false;
  };
  let src = 0;
  let srcFound = 0;
  let out = 0;
  let outFound = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (source[i]! < threshold) { src++; if (near(rendered, x, y)) srcFound++; }
      if (rendered[i]! < threshold) { out++; if (near(source, x, y)) outFound++; }
    }
  }
  return { recall: srcFound / Math.max(1, src), precision: outFound / Math.max(1, out) };
}

describe('compressing a scanned page', () => {
  it('stores a 200 dpi grey text page in at most 80 KB, readable: the ink is where it was', async () => {
    const page = await scannedPage('text', 200);
    const started = performance.now();
    const processed = await processPage(page, 'gray');
    const ms = performance.now() - started;
    const back = await renderBack(processed);
    expect(back.pdfBytes).toBeLessThanOrEqual(80_000);
    expect([back.width, back.height]).toEqual([page.width, page.height]);
    const match = inkMatch(page.data, back.pixels, page.width, page.height);
    expect(match.recall).toBeGreaterThan(0.97);
    expect(match.precision).toBeGreaterThan(0.97);
    expect(processed.blank).toBe(false);
    expect(ms).toBeLessThan(3000);
  });

  it('stores the same page in black and white in less, and in colour close to grey', async () => {
    const page = await scannedPage('text', 200);
    const grey = await processPage(page, 'gray');
    const bw = await processPage(page, 'lineart');
    expect(bw.parts.kind).toBe('bilevel');
    expect(bw.bytes).toBeLessThan(grey.bytes);
    const match = inkMatch(page.data, (await renderBack(bw)).pixels, page.width, page.height);
    expect(Math.min(match.recall, match.precision)).toBeGreaterThan(0.97);
    const colourPage = await scannedPage('text', 200, 3);
    const colour = await processPage(colourPage, 'color');
    expect(colour.parts.kind === 'layered' && colour.parts.channels).toBe(3);
    expect(colour.bytes).toBeLessThan(100_000);
  });

  it('whitens the paper: the background of a text page is white, not grey noise', async () => {
    const processed = await processPage(await scannedPage('text', 150), 'gray');
    const back = await renderBack(processed);
    let paper = 0;
    for (const v of back.pixels) if (v >= 250) paper++;
    expect(paper / back.pixels.length).toBeGreaterThan(0.8);
  });

  it('keeps the tones of a photograph in the background instead of cutting it into black and white', async () => {
    const page = await scannedPage('photo', 150);
    const processed = await processPage(page, 'gray');
    const back = await renderBack(processed);
    // Mid-grey in the middle of the photo stays mid-grey (not pushed to black or white).
    const mm = (x: number) => Math.round((x / 25.4) * 150);
    const sample = (img: Uint8Array, w: number) => img[mm(95) * w + mm(60)]!;
    expect(Math.abs(sample(back.pixels, back.width) - sample(page.data, page.width))).toBeLessThan(40);
    expect(processed.blank).toBe(false);
  });

  it('keeps a red seal red and the black text crossing it black', async () => {
    const [w, h] = [1200, 1600];
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="#f4f2ee"/>
      <circle cx="600" cy="800" r="300" fill="none" stroke="#d0202a" stroke-width="9"/>
      <rect x="80" y="796" width="1040" height="7" fill="#151515"/></svg>`;
    const { data } = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const processed = await processPage({ width: w, height: h, channels: 3, data, dpi: 200 }, 'color');
    expect(processed.parts.kind === 'layered' && processed.parts.inks).toHaveLength(2); // neutral ink, coloured ink
    const dir = tempDir();
    const { pdf } = await buildScanPdf([{ parts: processed.parts, dpi: 200, rotation: 0 }], { title: 't', subject: 's', author: 'a', createdAt: new Date(0) });
    writeFileSync(join(dir, 'p.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '200', '-png', '-singlefile', join(dir, 'p.pdf'), join(dir, 'page')]);
    const { data: out, info } = await sharp(join(dir, 'page.png')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const rgb = (x: number, y: number) => [...out.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    const [r, g] = rgb(600, 500); // on the ring, above the bar
    expect(r).toBeGreaterThan(150);
    expect(g).toBeLessThan(90);
    expect(Math.max(...rgb(300, 799))).toBeLessThan(90); // the bar, where it crosses the ring
    expect(Math.max(...rgb(150, 799))).toBeLessThan(90); // the bar, away from the ring
    expect(Math.min(...rgb(600, 1000))).toBeGreaterThan(240); // paper inside the ring: white
  });

  it('keeps faint pencil marks in grey (they are lost only in black and white)', async () => {
    const [w, h] = [600, 800];
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="#fff"/>
      <rect x="100" y="300" width="400" height="6" fill="#b4b4b4"/></svg>`;
    const { data } = await sharp(Buffer.from(svg)).greyscale().raw().toBuffer({ resolveWithObject: true });
    const page: Raster = { width: w, height: h, channels: 1, data, dpi: 100 };
    const grey = await renderBack(await processPage(page, 'gray'));
    expect(grey.pixels[302 * w + 300]!).toBeLessThan(215);
    const bw = await renderBack(await processPage(page, 'lineart'));
    expect(bw.pixels[302 * w + 300]!).toBe(255);
  });

  it.each([
    ['a blank sheet', 'blank', true],
    ['the back of a thin sheet, its text showing through', 'bleed', true],
    ['a page holding only a signature', 'signature', false],
    ['a text page', 'text', false],
  ] as const)('tells %s blank: %s', async (_name, kind, blank) => {
    expect((await processPage(await scannedPage(kind, 100), 'gray')).blank).toBe(blank);
  });

  it('does not call a dark page blank', async () => {
    const dark: Raster = { width: 400, height: 560, channels: 1, data: Buffer.alloc(400 * 560, 0), dpi: 50 };
    expect((await processPage(dark, 'gray')).blank).toBe(false);
  });

  it('gives a thumbnail small enough for a status answer and a preview to look at', async () => {
    const p = await processPage(await scannedPage('text', 200), 'gray');
    expect(p.thumbnail.length).toBeLessThan(12_000);
    expect((await sharp(p.thumbnail).metadata()).height).toBe(160);
    expect((await sharp(p.preview).metadata()).width).toBe(900);
  });
});

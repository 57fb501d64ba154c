import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Comparing what a printer queue wrote with what the station sent, as pictures: cups-pdf
// re-renders through Ghostscript (its fonts become Type 3, so its text does not extract
// reliably), but the page looks the same.

export type GrayPage = Readonly<{ width: number; height: number; pixels: Uint8Array }>;

/** Page `page` of a PDF as 8-bit grey at `dpi` (pdftoppm -gray, a binary PGM). */
export function grayPage(file: string, page = 1, dpi = 30): GrayPage {
  const dir = mkdtempSync(join(tmpdir(), 'gray-'));
  try {
    execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, join(dir, 'p')]);
    const data = readFileSync(join(dir, 'p.pgm'));
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(data.toString('latin1', 0, 40));
    if (!header) throw new Error('not a binary PGM');
    const width = Number(header[1]);
    const height = Number(header[2]);
    return { width, height, pixels: data.subarray(header[0].length, header[0].length + width * height) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The share of pixels darker than mid-grey: how much ink is on the page. */
export const inkShare = (p: GrayPage): number => p.pixels.reduce((n, v) => n + (v < 128 ? 1 : 0), 0) / p.pixels.length;

/**
 * Mean absolute difference of two pages of the same paper, 0 (identical) to 255. A pixel of
 * rounding is allowed (pdfmake's A4 is 595.28 × 841.89 pt, Ghostscript's 595 × 842): the common
 * area is compared.
 */
export function meanDifference(a: GrayPage, b: GrayPage): number {
  if (Math.abs(a.width - b.width) > 1 || Math.abs(a.height - b.height) > 1) throw new Error(`pages differ in size: ${a.width}×${a.height} and ${b.width}×${b.height}`);
  const width = Math.min(a.width, b.width);
  const height = Math.min(a.height, b.height);
  let sum = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) sum += Math.abs(a.pixels[y * a.width + x]! - b.pixels[y * b.width + x]!);
  }
  return sum / (width * height);
}

export function pageCount(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? 0);
}

/** A PNG of page 1 at 60 dpi beside the file, for a person to look at. */
export function pngOf(file: string, out: string): string {
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, out]);
  return `${out}.png`;
}

/**
 * Like meanDifference, over cells of `cell`×`cell` pixels averaged first: where the ink is on the
 * page, insensitive to how a renderer smooths the edges of small glyphs (cups-pdf's Type 3 fonts).
 */
export function layoutDifference(a: GrayPage, b: GrayPage, cell = 8): number {
  const blocks = (p: GrayPage, width: number, height: number) => {
    const cols = Math.floor(width / cell);
    const rows = Math.floor(height / cell);
    const out = new Float64Array(cols * rows);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        let sum = 0;
        for (let y = 0; y < cell; y++) for (let x = 0; x < cell; x++) sum += p.pixels[(r * cell + y) * p.width + c * cell + x]!;
        out[r * cols + c] = sum / (cell * cell);
      }
    }
    return out;
  };
  if (Math.abs(a.width - b.width) > 1 || Math.abs(a.height - b.height) > 1) throw new Error(`pages differ in size: ${a.width}×${a.height} and ${b.width}×${b.height}`);
  const width = Math.min(a.width, b.width);
  const height = Math.min(a.height, b.height);
  const x = blocks(a, width, height);
  const y = blocks(b, width, height);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.abs(x[i]! - y[i]!);
  return sum / x.length;
}

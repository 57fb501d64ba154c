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

/** Mean absolute difference of two pages of the same size, 0 (identical) to 255. */
export function meanDifference(a: GrayPage, b: GrayPage): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`pages differ in size: ${a.width}×${a.height} and ${b.width}×${b.height}`);
  let sum = 0;
  for (let i = 0; i < a.pixels.length; i++) sum += Math.abs(a.pixels[i]! - b.pixels[i]!);
  return sum / a.pixels.length;
}

export function pageCount(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? 0);
}

/** A PNG of page 1 at 60 dpi beside the file, for a person to look at. */
export function pngOf(file: string, out: string): string {
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, out]);
  return `${out}.png`;
}

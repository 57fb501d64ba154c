import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { G4_TABLES, encodeG4 } from '../../main/scanning/ccitt-g4';
import { buildScanPdf } from '../../main/scanning/scan-pdf';
import { tempDir } from '../helpers/station';

/** Decodes the image back with poppler (pdfimages writes the bilevel image as PBM). */
async function decodeWithPoppler(pixels: Uint8Array, width: number, height: number): Promise<Uint8Array> {
  const dir = tempDir();
  const g4 = encodeG4(pixels, width, height);
  const { pdf } = await buildScanPdf([{ parts: { kind: 'bilevel', width, height, g4 }, dpi: 72, rotation: 0 }], { title: 't', subject: 's', author: 'a', createdAt: new Date(0) });
  writeFileSync(join(dir, 'g4.pdf'), pdf);
  execFileSync('pdfimages', [join(dir, 'g4.pdf'), join(dir, 'img')]);
  const pbm = readFileSync(join(dir, 'img-000.pbm'));
  const rowBytes = Math.ceil(width / 8);
  const body = pbm.subarray(pbm.length - rowBytes * height);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = (body[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
  return out;
}

function randomRuns(width: number, height: number, maxRun: (y: number) => number, seed: number): Uint8Array {
  let s = seed;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const p = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    let x = 0;
    let c = rnd() < 0.5 ? 1 : 0;
    while (x < width) {
      const run = Math.floor(rnd() * maxRun(y));
      for (let k = 0; k < run && x < width; k++) p[y * width + x++] = c;
      c ^= 1;
    }
  }
  return p;
}

describe('CCITT G4 encoding', () => {
  it('uses complete, prefix-free code tables (T.4)', () => {
    const { tables, PASS, HORIZONTAL, VERTICAL, EOL } = G4_TABLES;
    for (const colour of ['white', 'black'] as const) {
      expect(tables[colour].terminating).toHaveLength(64);
      expect(tables[colour].makeup).toHaveLength(40); // 64…1728 and the shared 1792…2560
      const codes = [...tables[colour].terminating, ...tables[colour].makeup].map(([bits, len]) => bits.toString(2).padStart(len, '0'));
      for (const a of codes) for (const b of codes) if (a !== b) expect(b.startsWith(a)).toBe(false);
    }
    const modes = [PASS, HORIZONTAL, ...VERTICAL, EOL].map(([bits, len]) => bits.toString(2).padStart(len, '0'));
    for (const a of modes) for (const b of modes) if (a !== b) expect(b.startsWith(a)).toBe(false);
  });

  it.each([
    ['short runs, dense changes', 300, 40, () => 6, 3],
    ['text-like runs', 1654, 30, () => 40, 5],
    ['runs longer than 2560 pixels', 6000, 8, (y: number) => (y % 2 ? 5000 : 3), 11],
    ['a mixture line by line', 900, 60, (y: number) => (y % 3 === 0 ? 900 : 12), 17],
  ])('decodes back exactly in poppler: %s', async (_name, width, height, maxRun, seed) => {
    const pixels = randomRuns(width, height, maxRun, seed);
    expect(Array.from(await decodeWithPoppler(pixels, width, height))).toEqual(Array.from(pixels));
  });

  it('decodes back exactly for all-white, all-black and a rectangle', async () => {
    for (const f of [() => 0, () => 1, (x: number, y: number) => (x > 20 && x < 61 && y > 4 && y < 15 ? 1 : 0)]) {
      const p = new Uint8Array(100 * 20);
      for (let y = 0; y < 20; y++) for (let x = 0; x < 100; x++) p[y * 100 + x] = f(x, y);
      expect(Array.from(await decodeWithPoppler(p, 100, 20))).toEqual(Array.from(p));
    }
  });
});

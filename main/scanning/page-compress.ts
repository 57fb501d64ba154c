import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { ColorMode } from '../../hardware/scanners/scanner';
import { encodeG4 } from './ccitt-g4';
import type { Raster } from './raster';

// How a scanned page becomes a small PDF page. A text page at 200 dpi as one grey JPEG is
// 150–300 KB; the station stores it the way document scanners' "compact PDF" does instead:
//   - the paper is whitened (its grey level, found from the histogram, becomes white);
//   - ink (text, lines, stamps) becomes a full-resolution black-and-white mask, coded CCITT G4,
//     painted through a low-resolution image that carries the ink's colour or grey tone; in
//     colour, coloured ink (a red seal, a blue signature) has its own mask and colours, so black
//     text crossing a seal stays black;
//   - everything else (the paper, photos, shading) is a background JPEG at about 100 dpi.
// Blocks that look like photographs (many mid-tones) stay out of the mask and keep their tones
// in the background. Black-and-white pages are the mask alone. A page with no visible content
// is reported blank (the backs of one-sided sheets in a duplex job).

export type PageParts =
  | Readonly<{ kind: 'bilevel'; width: number; height: number; g4: Buffer }>
  | Readonly<{
    kind: 'layered';
    width: number;
    height: number;
    channels: 1 | 3;
    /** Absent when the page background is plain white. */
    background?: Readonly<{ width: number; height: number; jpeg: Buffer }>;
    /** Ink layers, each a full-resolution mask and the low-resolution colour seen through it:
     *  neutral ink (text), then coloured ink (stamps, pen) when there is any. None on an empty page. */
    inks: ReadonlyArray<InkLayer>;
  }>;

export type InkLayer = Readonly<{ width: number; height: number; flate: Buffer; maskG4: Buffer }>;

export type ProcessedPage = Readonly<{
  width: number;
  height: number;
  dpi: number;
  mode: ColorMode;
  blank: boolean;
  /** Share of the page's 2 mm cells holding something (ink, a picture, shading). */
  contentRatio: number;
  parts: PageParts;
  /** Bytes the page adds to the PDF (image streams). */
  bytes: number;
  /** Small JPEG for the page strip (about 160 px high). */
  thumbnail: Buffer;
  /** Larger JPEG to look at one page (about 900 px wide). */
  preview: Buffer;
}>;

/** Luma below this (after whitening) is ink… */
const INK = 140;
/** …or below this in a cell holding nothing darker than faint marks. */
const FAINT = 215;
/** Ink whose channels differ by more than this is coloured (a seal, a ballpoint), not black. */
const SATURATED = 70;
/** Pixels at least this light (after whitening) are paper, what the background is made of. */
const PAPER = 235;
/** A cell with a mean luma below this holds something even without ink (a photo, shading). */
const SHADED = 235;
/** Rows handled between two returns to the event loop: the host keeps answering while pages are processed. */
const BAND = 192;
const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

async function bands(height: number, fn: (y0: number, y1: number) => void): Promise<void> {
  for (let y0 = 0; y0 < height; y0 += BAND) {
    fn(y0, Math.min(height, y0 + BAND));
    if (y0 + BAND < height) await yieldNow();
  }
}

/**
 * The paper's level in one channel: the brightest strong peak of the histogram, and the point
 * below it where the peak falls to a quarter (paper grain and noise). Answers 255 (leave as is)
 * when no bright peak dominates (a photo, a dark page).
 */
export function whitePoint(data: Uint8Array, channels: number, channel: number): number {
  const hist = new Uint32Array(256);
  const step = channels * 3; // every third pixel is plenty
  let n = 0;
  for (let i = channel; i < data.length; i += step) { hist[data[i]!] = hist[data[i]!]! + 1; n++; }
  let peak = 128;
  for (let v = 129; v < 256; v++) if (hist[v]! > hist[peak]!) peak = v;
  // The paper must cover a good share of the page for its level to be trusted.
  let around = 0;
  for (let v = Math.max(0, peak - 12); v <= Math.min(255, peak + 12); v++) around += hist[v]!;
  if (around < n * 0.25) return 255;
  let low = peak;
  while (low > 128 && hist[low - 1]! > hist[peak]! / 4) low--;
  return Math.max(160, low);
}

/** The page in the requested mode, whitened: grey (1 channel) or RGB (3). */
async function normalize(raster: Raster, mode: ColorMode): Promise<{ data: Uint8Array; channels: 1 | 3 }> {
  const { width, height } = raster;
  const colour = mode === 'color' && raster.channels === 3;
  let data: Uint8Array = raster.data;
  if (!colour && raster.channels === 3) {
    const grey = new Uint8Array(width * height);
    const src = raster.data;
    await bands(height, (y0, y1) => {
      for (let i = y0 * width, end = y1 * width; i < end; i++) grey[i] = (src[i * 3]! * 77 + src[i * 3 + 1]! * 150 + src[i * 3 + 2]! * 29) >> 8;
    });
    data = grey;
  }
  const channels = colour ? 3 : 1;
  const luts = Array.from({ length: channels }, (_, c) => {
    const white = whitePoint(data, channels, c);
    const lut = new Uint8Array(256);
    for (let v = 0; v < 256; v++) lut[v] = Math.min(255, Math.round((v * 255) / white));
    return lut;
  });
  const out = data === raster.data ? new Uint8Array(data.length) : data;
  await bands(height, (y0, y1) => {
    const end = y1 * width * channels;
    if (channels === 1) {
      const lut = luts[0]!;
      for (let i = y0 * width; i < end; i++) out[i] = lut[data[i]!]!;
    } else {
      const [r, g, b] = luts as [Uint8Array, Uint8Array, Uint8Array];
      for (let i = y0 * width * 3; i < end; i += 3) {
        out[i] = r[data[i]!]!;
        out[i + 1] = g[data[i + 1]!]!;
        out[i + 2] = b[data[i + 2]!]!;
      }
    }
  });
  return { data: out, channels };
}

/** Column → block index, so the per-pixel loops never divide. */
function columnMap(width: number, block: number): Uint32Array {
  const map = new Uint32Array(width);
  for (let x = 0; x < width; x++) map[x] = (x / block) | 0;
  return map;
}

/** The preview (about 900 px wide) and the thumbnail (160 px high) of a page, as JPEG. */
async function pictures(data: Uint8Array, width: number, height: number, channels: 1 | 3): Promise<{ preview: Buffer; thumbnail: Buffer }> {
  const { data: small, info } = await sharp(data, { raw: { width, height, channels } })
    .resize({ width: 900, height: 900, fit: 'outside', withoutEnlargement: true, kernel: 'linear' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels as 1 | 3 } };
  const space = channels === 1 ? 'b-w' : 'srgb';
  const [preview, thumbnail] = await Promise.all([
    sharp(small, raw).toColourspace(space).jpeg({ quality: 60 }).toBuffer(),
    sharp(small, raw).resize({ height: 160, kernel: 'linear' }).toColourspace(space).jpeg({ quality: 60 }).toBuffer(),
  ]);
  return { preview, thumbnail };
}

/** Turns a decoded page into its PDF parts, its blank verdict and its pictures for the screen. */
export async function processPage(raster: Raster, mode: ColorMode): Promise<ProcessedPage> {
  const { width, height, dpi } = raster;
  const { data, channels } = await normalize(raster, mode);
  const pixels = width * height;

  // Luma, one byte per pixel (the grey page itself when grey).
  const luma = channels === 1 ? data : new Uint8Array(pixels);
  if (channels === 3) {
    await bands(height, (y0, y1) => {
      for (let i = y0 * width, end = y1 * width; i < end; i++) luma[i] = (data[i * 3]! * 77 + data[i * 3 + 1]! * 150 + data[i * 3 + 2]! * 29) >> 8;
    });
  }

  // 2 mm cells: what is in them decides photos versus text, and blank versus not.
  const cell = Math.max(4, Math.round((dpi * 2) / 25.4));
  const cw = Math.ceil(width / cell);
  const ch = Math.ceil(height / cell);
  const cellInk = new Uint32Array(cw * ch);
  const cellMid = new Uint32Array(cw * ch);
  const cellPaper = new Uint32Array(cw * ch);
  const cellSum = new Uint32Array(cw * ch);
  const cellMin = new Uint8Array(cw * ch).fill(255);
  const cellCol = columnMap(width, cell);
  await bands(height, (y0, y1) => {
    for (let y = y0; y < y1; y++) {
      const row = ((y / cell) | 0) * cw;
      for (let x = 0, i = y * width; x < width; x++, i++) {
        const v = luma[i]!;
        const c = row + cellCol[x]!;
        cellSum[c] = cellSum[c]! + v;
        if (v < cellMin[c]!) cellMin[c] = v;
        if (v < INK) cellInk[c] = cellInk[c]! + 1;
        if (v < 200 && v > 60) cellMid[c] = cellMid[c]! + 1;
        else if (v >= PAPER) cellPaper[c] = cellPaper[c]! + 1;
      }
    }
  });
  const cellArea = (cx: number, cy: number) => (Math.min(width, (cx + 1) * cell) - cx * cell) * (Math.min(height, (cy + 1) * cell) - cy * cell);

  // Blank: no cell with ink or shading, away from the edges (scanner shadows, punched holes).
  const marginX = Math.ceil(cw * 0.04);
  const marginY = Math.ceil(ch * 0.04);
  let content = 0;
  let inner = 0;
  for (let cy = marginY; cy < ch - marginY; cy++) {
    for (let cx = marginX; cx < cw - marginX; cx++) {
      const c = cy * cw + cx;
      const area = cellArea(cx, cy);
      inner++;
      if (cellInk[c]! >= area * 0.06 || cellSum[c]! / area <= SHADED) content++;
    }
  }
  const blank = content <= 2;
  const contentRatio = inner > 0 ? content / inner : 0;

  // Photo cells stay out of the mask: their tones go to the background. A photo cell is full of
  // mid-tones or shadow with little paper, and has such cells around it (letters are small,
  // photos are not).
  const picture = new Uint8Array(cw * ch);
  if (mode !== 'lineart') {
    const candidate = new Uint8Array(cw * ch);
    for (let cy = 0; cy < ch; cy++) {
      for (let cx = 0; cx < cw; cx++) {
        const c = cy * cw + cx;
        const area = cellArea(cx, cy);
        // Mid-tones (a photo's body) or solid dark (its shadows), with little paper between.
        if ((cellMid[c]! > area * 0.35 || cellInk[c]! > area * 0.7) && cellPaper[c]! < area * 0.25) candidate[c] = 1;
      }
    }
    const around = (cx: number, cy: number, grid: Uint8Array) => {
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const x = cx + dx;
        const y = cy + dy;
        if ((dx || dy) && x >= 0 && y >= 0 && x < cw && y < ch && grid[y * cw + x]) n++;
      }
      return n;
    };
    for (let cy = 0; cy < ch; cy++) {
      for (let cx = 0; cx < cw; cx++) {
        if (!candidate[cy * cw + cx] || around(cx, cy, candidate) < 5) continue;
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
          const x = cx + dx;
          const y = cy + dy;
          if (x >= 0 && y >= 0 && x < cw && y < ch) picture[y * cw + x] = 1;
        }
      }
    }
    // Light or dark patches inside a photo (a highlight, a dark coat) belong to it: a cell with
    // photo on all four sides within a few cells joins it.
    const reach = 8;
    const hit = (cx: number, cy: number, dx: number, dy: number) => {
      for (let k = 1; k <= reach; k++) {
        const x = cx + dx * k;
        const y = cy + dy * k;
        if (x < 0 || y < 0 || x >= cw || y >= ch) return false;
        if (picture[y * cw + x]) return true;
      }
      return false;
    };
    const holes: number[] = [];
    for (let cy = 0; cy < ch; cy++) {
      for (let cx = 0; cx < cw; cx++) {
        if (!picture[cy * cw + cx] && hit(cx, cy, 1, 0) && hit(cx, cy, -1, 0) && hit(cx, cy, 0, 1) && hit(cx, cy, 0, -1)) holes.push(cy * cw + cx);
      }
    }
    for (const c of holes) picture[c] = 1;
  }
  const mask = new Uint8Array(pixels);
  if (mode === 'lineart') {
    for (let i = 0; i < pixels; i++) if (luma[i]! < INK) mask[i] = 1;
    const g4 = encodeG4(mask, width, height);
    const bw = new Uint8Array(pixels);
    for (let i = 0; i < pixels; i++) bw[i] = mask[i] ? 0 : 255;
    const { thumbnail, preview } = await pictures(bw, width, height, 1);
    return { width, height, dpi, mode, blank, contentRatio, parts: { kind: 'bilevel', width, height, g4 }, bytes: g4.length, thumbnail, preview };
  }

  // Background at about 100 dpi: the mean of the paper-light pixels of each block (ink and its
  // anti-aliased edge are left out, so no grey halo follows the text); photo cells keep all.
  const f = Math.max(1, Math.round(dpi / 100));
  const bw = Math.ceil(width / f);
  const bh = Math.ceil(height / f);
  const bgSum = new Uint32Array(bw * bh * channels);
  const bgCount = new Uint32Array(bw * bh);
  const edgeSum = new Uint32Array(bw * bh * channels);
  const edgeCount = new Uint32Array(bw * bh);
  // Ink colour at about 25 dpi: the mean of the ink pixels of each block.
  const g = f * 4;
  const iw = Math.ceil(width / g);
  const ih = Math.ceil(height / g);
  // Layer 0 neutral ink, layer 1 coloured ink (colour pages only).
  const fgSum = [new Uint32Array(iw * ih * channels), new Uint32Array(iw * ih * channels)] as const;
  const fgCount = [new Uint32Array(iw * ih), new Uint32Array(iw * ih)] as const;
  const inkCount = [0, 0];
  // Ink where a cell has real ink; where it has only faint marks (pencil, a pale ballpoint) those
  // are the ink, in their own light tone, rather than lost between text and paper.
  const threshold = new Uint8Array(cw * ch);
  for (let c = 0; c < cw * ch; c++) threshold[c] = cellMin[c]! < 110 ? INK : FAINT;
  const bgCol = columnMap(width, f);
  const fgCol = columnMap(width, g);
  await bands(height, (y0, y1) => {
    for (let y = y0; y < y1; y++) {
      const crow = ((y / cell) | 0) * cw;
      const brow = ((y / f) | 0) * bw;
      const frow = ((y / g) | 0) * iw;
      for (let x = 0, i = y * width; x < width; x++, i++) {
        const v = luma[i]!;
        const c = crow + cellCol[x]!;
        const isPicture = picture[c];
        if (v < threshold[c]! && !isPicture) {
          const b = frow + fgCol[x]!;
          if (channels === 1) {
            mask[i] = 1;
            inkCount[0]!++;
            fgCount[0][b] = fgCount[0][b]! + 1;
            fgSum[0][b] = fgSum[0][b]! + data[i]!;
          } else {
            const r = data[i * 3]!;
            const gr = data[i * 3 + 1]!;
            const bl = data[i * 3 + 2]!;
            const layer = Math.max(r, gr, bl) - Math.min(r, gr, bl) > SATURATED ? 1 : 0;
            mask[i] = layer + 1;
            inkCount[layer]!++;
            const counts = fgCount[layer];
            const sums = fgSum[layer];
            counts[b] = counts[b]! + 1;
            sums[b * 3] = sums[b * 3]! + r;
            sums[b * 3 + 1] = sums[b * 3 + 1]! + gr;
            sums[b * 3 + 2] = sums[b * 3 + 2]! + bl;
          }
        } else if (v < PAPER && !isPicture) {
          // The anti-aliased edge of ink: used only where a block has nothing else.
          const b = brow + bgCol[x]!;
          edgeCount[b] = edgeCount[b]! + 1;
          if (channels === 1) edgeSum[b] = edgeSum[b]! + data[i]!;
          else { edgeSum[b * 3] = edgeSum[b * 3]! + data[i * 3]!; edgeSum[b * 3 + 1] = edgeSum[b * 3 + 1]! + data[i * 3 + 1]!; edgeSum[b * 3 + 2] = edgeSum[b * 3 + 2]! + data[i * 3 + 2]!; }
        } else {
          const b = brow + bgCol[x]!;
          bgCount[b] = bgCount[b]! + 1;
          if (channels === 1) bgSum[b] = bgSum[b]! + data[i]!;
          else { bgSum[b * 3] = bgSum[b * 3]! + data[i * 3]!; bgSum[b * 3 + 1] = bgSum[b * 3 + 1]! + data[i * 3 + 1]!; bgSum[b * 3 + 2] = bgSum[b * 3 + 2]! + data[i * 3 + 2]!; }
        }
      }
    }
  });
  // Next to a photo, a block with only edge pixels takes their colour (no light seam along the
  // photo); elsewhere such a block is text and stays paper.
  const nearPicture = new Uint8Array(cw * ch);
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      if (!picture[cy * cw + cx]) continue;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const x = cx + dx;
        const y = cy + dy;
        if (x >= 0 && y >= 0 && x < cw && y < ch) nearPicture[y * cw + x] = 1;
      }
    }
  }
  // Blocks with no paper-light pixel (all ink or edge) take the mean of their neighbourhood, or
  // white: they are under the ink anyway. Near-white becomes white: paper grain is not content.
  const bg = new Uint8Array(bw * bh * channels);
  let plainWhite = true;
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const b = by * bw + bx;
      let n = bgCount[b]!;
      let sums = bgSum;
      let src = b;
      const cell0 = (((by * f) / cell) | 0) * cw + (((bx * f) / cell) | 0);
      if (n === 0 && edgeCount[b] && nearPicture[cell0]) {
        n = edgeCount[b]!;
        sums = edgeSum;
      } else if (n === 0) {
        // under the ink: the nearest known block on the row to the left, else white
        src = -1;
        for (let k = 1; k <= 8 && bx - k >= 0; k++) if (bgCount[b - k]) { src = b - k; n = bgCount[src]!; break; }
      }
      for (let k = 0; k < channels; k++) {
        let v = src < 0 ? 255 : Math.round(sums[src * channels + k]! / n);
        const cellIsPicture = picture[cell0];
        if (v >= 236 && !cellIsPicture) v = 255;
        bg[b * channels + k] = v;
        if (v !== 255) plainWhite = false;
      }
    }
  }

  const inks: InkLayer[] = [];
  for (const layer of [0, 1] as const) {
    if (inkCount[layer] === 0) continue;
    const fg = new Uint8Array(iw * ih * channels);
    const last = new Uint8Array(channels);
    for (let b = 0; b < iw * ih; b++) {
      const n = fgCount[layer][b]!;
      for (let k = 0; k < channels; k++) {
        // Quantised: steadier values deflate better; blocks without ink repeat the last colour.
        if (n) last[k] = Math.min(255, Math.round(fgSum[layer][b * channels + k]! / n / 8) * 8);
        fg[b * channels + k] = last[k]!;
      }
    }
    let layerMask = mask;
    if (inkCount[1]! > 0) {
      layerMask = new Uint8Array(pixels);
      for (let i = 0; i < pixels; i++) if (mask[i] === layer + 1) layerMask[i] = 1;
    }
    inks.push({ width: iw, height: ih, flate: deflateSync(fg, { level: 9 }), maskG4: encodeG4(layerMask, width, height) });
    await yieldNow();
  }

  // The JPEG must have as many components as the PDF image says (sharp would write grey as RGB).
  const background = plainWhite ? undefined : {
    width: bw,
    height: bh,
    jpeg: await sharp(bg, { raw: { width: bw, height: bh, channels } }).toColourspace(channels === 1 ? 'b-w' : 'srgb').jpeg({ quality: 45, mozjpeg: true }).toBuffer(),
  };
  const { thumbnail, preview } = await pictures(data, width, height, channels);
  const parts: PageParts = { kind: 'layered', width, height, channels, ...(background ? { background } : {}), inks };
  const bytes = (background?.jpeg.length ?? 0) + inks.reduce((n, l) => n + l.flate.length + l.maskG4.length, 0);
  return { width, height, dpi, mode, blank, contentRatio, parts, bytes, thumbnail, preview };
}

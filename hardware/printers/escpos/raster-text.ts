import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import type { Alignment, MonoBitmap } from './commands';

// Vietnamese text → a 1-bit bitmap for GS v 0. A thermal printer's code pages (TCVN-3, CP1258,
// or none) mangle Vietnamese, so every line is drawn here with Roboto (the font the PDF forms use,
// shipped with pdfmake; it covers Vietnamese) through sharp's Pango text renderer, wrapped to the
// paper width, and thresholded to black and white.

/** Printable dots across the paper at 203 dpi: 48 mm on 58 mm rolls, 72 mm on 80 mm rolls. */
export const PAPER_DOTS = { 58: 384, 80: 576 } as const;
export type PaperWidth = keyof typeof PAPER_DOTS;

/** Font sizes in dots (203 dpi: 24 dots ≈ 3 mm, the size of a printer's own font A). */
export const TEXT_SIZES = { small: 20, normal: 24, large: 34, huge: 120 } as const;
export type TextSize = keyof typeof TEXT_SIZES;

export type TextStyle = Readonly<{ size?: TextSize; bold?: boolean; align?: Alignment }>;

const require = createRequire(import.meta.url);
const ROBOTO_DIR = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const FONT_FILES = { regular: join(ROBOTO_DIR, 'Roboto-Regular.ttf'), bold: join(ROBOTO_DIR, 'Roboto-Medium.ttf') } as const;

// Pango's image is cropped to the ink, so "a" and "Ấy" would come out with different heights and
// lines would not sit on one baseline. An invisible line of the tallest and the deepest Vietnamese
// letters before and after the text, cut off again afterwards, gives every block the same top
// and bottom.
const STRUT_TOP = '<span alpha="1">ẪẨ</span>';
const STRUT_BOTTOM = '<span alpha="1">ỵgỵ</span>';
const INK_THRESHOLD = 128;
/** Dots kept blank at each side, so that text never touches the paper's edge. */
const SIDE_MARGIN = 8;

function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function fontOf(style: TextStyle): { font: string; fontfile: string } {
  const size = TEXT_SIZES[style.size ?? 'normal'];
  return style.bold
    ? { font: `Roboto Medium ${size}`, fontfile: FONT_FILES.bold }
    : { font: `Roboto ${size}`, fontfile: FONT_FILES.regular };
}

type Grey = { data: Buffer; width: number; height: number; channels: number };

async function render(markup: string, style: TextStyle, wrapWidth: number): Promise<Grey> {
  const align = style.align === 'center' ? 'centre' : (style.align ?? 'left');
  const { data, info } = await sharp({ text: { text: markup, ...fontOf(style), dpi: 72, width: wrapWidth, align, wrap: 'word-char' } })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

const pitchCache = new Map<string, number>();

/** Distance between two lines' baselines for a style, measured once with the invisible struts. */
async function linePitch(style: TextStyle, wrapWidth: number): Promise<number> {
  const key = fontOf(style).font;
  const known = pitchCache.get(key);
  if (known !== undefined) return known;
  const one = await render(STRUT_TOP, style, wrapWidth);
  const two = await render(`${STRUT_TOP}\n${STRUT_TOP}`, style, wrapWidth);
  const pitch = two.height - one.height;
  pitchCache.set(key, pitch);
  return pitch;
}

/**
 * Draws `text` (NFC-normalised first; line breaks kept, long lines wrapped at word boundaries,
 * or inside a word longer than the line) across `widthDots` and answers a MonoBitmap of that
 * width. Empty text gives a bitmap of height 0.
 */
export async function rasterText(text: string, widthDots: number, style: TextStyle = {}): Promise<MonoBitmap> {
  if (!Number.isInteger(widthDots) || widthDots <= 0 || widthDots % 8 !== 0) throw new RangeError(`Line width must be a positive multiple of 8 dots, got ${widthDots}`);
  const clean = text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/[\t ]+/g, ' ').trim();
  if (clean === '') return { width: widthDots, height: 0, data: new Uint8Array(0) };
  const wrapWidth = widthDots - 2 * SIDE_MARGIN;
  const pitch = await linePitch(style, wrapWidth);
  const grey = await render(`${STRUT_TOP}\n${escapeMarkup(clean)}\n${STRUT_BOTTOM}`, style, wrapWidth);
  // Cut the strut lines off: one line pitch at the top and one at the bottom.
  const top = pitch;
  const height = Math.max(0, grey.height - 2 * pitch);
  const rowBytes = widthDots / 8;
  const data = new Uint8Array(rowBytes * height);
  const offsetX =
    style.align === 'center' ? Math.floor((widthDots - grey.width) / 2) : style.align === 'right' ? widthDots - SIDE_MARGIN - grey.width : SIDE_MARGIN;
  for (let y = 0; y < height; y += 1) {
    const source = (top + y) * grey.width * grey.channels;
    for (let x = 0; x < grey.width; x += 1) {
      const dx = x + offsetX;
      if (dx < 0 || dx >= widthDots) continue;
      if (grey.data[source + x * grey.channels]! >= INK_THRESHOLD) data[y * rowBytes + (dx >> 3)]! |= 0x80 >> (dx & 7);
    }
  }
  return { width: widthDots, height, data };
}

/** Blank rows (a gap between blocks). */
export function blankRows(widthDots: number, rows: number): MonoBitmap {
  return { width: widthDots, height: rows, data: new Uint8Array((widthDots / 8) * rows) };
}

/** Stacks bitmaps of the same width into one (one GS v 0 run prints without gaps between them). */
export function stackBitmaps(parts: readonly MonoBitmap[]): MonoBitmap {
  const width = parts[0]?.width ?? 8;
  if (parts.some((p) => p.width !== width)) throw new RangeError('Only bitmaps of the same width can be stacked');
  const height = parts.reduce((n, p) => n + p.height, 0);
  const data = new Uint8Array((width / 8) * height);
  let at = 0;
  for (const p of parts) {
    data.set(p.data, at);
    at += p.data.length;
  }
  return { width, height, data };
}

/** A horizontal rule of `thickness` rows across the middle `fraction` of the width. */
export function ruleRows(widthDots: number, thickness = 2, fraction = 1): MonoBitmap {
  const rowBytes = widthDots / 8;
  const data = new Uint8Array(rowBytes * thickness);
  const span = Math.round(widthDots * fraction);
  const from = Math.floor((widthDots - span) / 2);
  for (let y = 0; y < thickness; y += 1) {
    for (let x = from; x < from + span; x += 1) data[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
  }
  return { width: widthDots, height: thickness, data };
}

// A long table over many pages, drawn straight on pdfkit: the log book (Mẫu 06) of a busy month
// is thousands of lines. pdfmake lays such a table out cell by cell and word by word (every
// word a separate text object with its own colour and opacity, every cell its own border
// strokes): 2,000 lines took 3–5 s of CPU here. This draws each wrapped line of a cell as one
// text object and each page's vertical rules once, about three times faster, on the very same
// engine: pdfkit through pdfmake's own document class (so no other PDF library), the Roboto
// files pdf.ts uses, every string in NFC.
//
// What it does: a first-page heading (agency block and motto, title lines), header rows with
// column and row spans repeated on every page, rows that never split across pages, a running
// line above the table on later pages, "Trang x/y" under every page, PDF metadata.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as pdfDocumentModule from 'pdfmake/js/PDFDocument.js';
import { fontDirectoryInUse } from './pdf';

export type Align = 'left' | 'center' | 'right';

export type TextStyle = Readonly<{ bold?: boolean; italics?: boolean; align?: Align }>;

/** A cell: text ("\n" starts a new line) and optional style. */
export type PagedCell = string | (Readonly<{ text: string }> & TextStyle);

export type HeaderCell = Readonly<{ text: string; colSpan?: number; rowSpan?: number; italics?: boolean; bold?: boolean }>;

export type HeadingLine = Readonly<{
  text: string;
  size?: number;
  bold?: boolean;
  italics?: boolean;
  /** A centred rule of this length (pt) under the line, as under the agency name and the motto. */
  ruleAfter?: number;
  gapBefore?: number;
}>;

export type HeadingBlock =
  | Readonly<{ kind: 'columns'; columns: ReadonlyArray<Readonly<{ width: number | '*'; lines: readonly HeadingLine[] }>>; gap: number }>
  | Readonly<{ kind: 'line'; line: HeadingLine; align: Align }>;

export type PagedTableSpec = Readonly<{
  orientation: 'portrait' | 'landscape';
  /** left, top, right, bottom (pt), A4. */
  margins: readonly [number, number, number, number];
  fontSize: number;
  /** Multiplies the font's natural line height. */
  lineHeight: number;
  /** Cell padding, horizontal and vertical (pt). */
  padding: readonly [number, number];
  info: Readonly<{ title: string; author: string; subject?: string }>;
  /** Drawn on the first page above the table. */
  heading: readonly HeadingBlock[];
  /** Small line above the table: on page 1 and on the following pages. */
  runningHeader?: Readonly<{ first?: string; others?: string }>;
  /** Column widths (pt; one "*" takes the rest) and default alignment. */
  columns: ReadonlyArray<Readonly<{ width: number | '*'; align?: Align }>>;
  /** Header rows; `null` where a cell is covered by a span. Repeated on every page. */
  headerRows: ReadonlyArray<ReadonlyArray<HeaderCell | null>>;
  rows: ReadonlyArray<ReadonlyArray<PagedCell>>;
}>;

// ---------------------------------------------------------------------------------------------
// pdfkit, reached through pdfmake

type Kit = {
  registerFont(name: string, src: Buffer): Kit;
  font(name: string): Kit;
  fontSize(size: number): Kit;
  text(text: string, x: number, y: number, options: Record<string, unknown>): Kit;
  widthOfString(text: string): number;
  currentLineHeight(includeGap?: boolean): number;
  moveTo(x: number, y: number): Kit;
  lineTo(x: number, y: number): Kit;
  rect(x: number, y: number, w: number, h: number): Kit;
  lineWidth(w: number): Kit;
  strokeColor(c: string): Kit;
  fillColor(c: string): Kit;
  stroke(): Kit;
  addPage(options?: Record<string, unknown>): Kit;
  bufferedPageRange(): { start: number; count: number };
  switchToPage(n: number): Kit;
  end(): void;
  on(event: 'data', cb: (chunk: Buffer) => void): void;
  on(event: 'end' | 'error', cb: (e?: unknown) => void): void;
};
type KitClass = new (...args: unknown[]) => Kit;

function kitClass(): KitClass {
  const candidates: unknown[] = [pdfDocumentModule];
  const ns = pdfDocumentModule as { default?: { default?: unknown } };
  candidates.push(ns.default, ns.default?.default);
  for (const c of candidates) if (typeof c === 'function') return c as KitClass;
  throw new Error("pdfmake's PDF document class not found (pdfmake/js/PDFDocument.js changed shape)");
}

const FACES = { R: 'Roboto-Regular.ttf', B: 'Roboto-Medium.ttf', I: 'Roboto-Italic.ttf', BI: 'Roboto-MediumItalic.ttf' } as const;
type Face = keyof typeof FACES;
let fontFiles: { dir: string; files: Record<Face, Buffer> } | undefined;

function fonts(): Record<Face, Buffer> {
  const dir = fontDirectoryInUse();
  if (fontFiles?.dir !== dir) {
    const files = {} as Record<Face, Buffer>;
    for (const [face, file] of Object.entries(FACES) as Array<[Face, string]>) files[face] = readFileSync(path.join(dir, file));
    fontFiles = { dir, files };
  }
  return fontFiles.files;
}

const faceOf = (s: Readonly<{ bold?: boolean; italics?: boolean }>): Face => (s.bold ? (s.italics ? 'BI' : 'B') : s.italics ? 'I' : 'R');
const nfc = (s: string): string => s.normalize('NFC');

// ---------------------------------------------------------------------------------------------
// Measuring and wrapping

class Measure {
  private readonly cache = new Map<string, number>();
  private face: Face = 'R';
  private size = 0;

  constructor(private readonly kit: Kit) {}

  use(face: Face, size: number): void {
    if (face !== this.face || size !== this.size) {
      this.kit.font(face).fontSize(size);
      this.face = face;
      this.size = size;
    }
  }

  width(text: string): number {
    const key = `${this.face}${this.size}|${text}`;
    let w = this.cache.get(key);
    if (w === undefined) {
      w = this.kit.widthOfString(text);
      if (this.cache.size > 200_000) this.cache.clear();
      this.cache.set(key, w);
    }
    return w;
  }

  /**
   * Lines of `text` within `width`: breaks at spaces, after "-" and "/" (dossier codes, dates),
   * and inside a word only when the word alone is wider than the column.
   */
  wrap(text: string, width: number): string[] {
    const out: string[] = [];
    const space = this.width(' ');
    for (const para of text.split('\n')) {
      let line = '';
      let lineWidth = 0;
      const push = (): void => {
        out.push(line);
        line = '';
        lineWidth = 0;
      };
      for (const word of para.split(' ')) {
        if (word === '') continue;
        const parts = word.match(/[^-/]+[-/]*|[-/]+/g) ?? [word];
        parts.forEach((part, i) => {
          // Parts after the first are glued to the one before (the break falls after "-" or "/").
          const spaced = i === 0 && line !== '';
          const w = this.width(part);
          if (line !== '' && lineWidth + (spaced ? space : 0) + w > width) push();
          if (w > width) {
            for (const ch of part) {
              const cw = this.width(ch);
              if (line !== '' && lineWidth + cw > width) push();
              line += ch;
              lineWidth += cw;
            }
            return;
          }
          if (i === 0 && line !== '') {
            line += ' ';
            lineWidth += space;
          }
          line += part;
          lineWidth += w;
        });
      }
      out.push(line);
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Drawing

const A4 = { portrait: [595.28, 841.89], landscape: [841.89, 595.28] } as const;
const RULE_COLOUR = '#444444';
const RULE_WIDTH = 0.4;

function resolveWidths(widths: ReadonlyArray<number | '*'>, total: number): number[] {
  const fixed = widths.reduce<number>((s, w) => s + (w === '*' ? 0 : w), 0);
  const stars = widths.filter((w) => w === '*').length;
  const star = stars > 0 ? Math.max(0, (total - fixed) / stars) : 0;
  return widths.map((w) => (w === '*' ? star : w));
}

/** The x positions of the column rules, left edge first (pt). */
export function columnEdges(spec: Pick<PagedTableSpec, 'orientation' | 'margins' | 'columns'>): number[] {
  const [pageWidth] = A4[spec.orientation];
  const [ml, , mr] = spec.margins;
  const xs = [ml];
  for (const w of resolveWidths(spec.columns.map((c) => c.width), pageWidth - ml - mr)) xs.push((xs[xs.length - 1] as number) + w);
  return xs;
}

/** Renders the table to PDF bytes. */
export async function renderPagedTable(spec: PagedTableSpec): Promise<Buffer> {
  const [pageWidth, pageHeight] = A4[spec.orientation];
  const [ml, mt, mr, mb] = spec.margins;
  const Cls = kitClass();
  const kit = new Cls({}, {}, {}, {}, {
    size: 'A4',
    layout: spec.orientation,
    margin: 0,
    autoFirstPage: false,
    bufferPages: true,
    compress: true,
    lang: 'vi-VN',
    info: {
      Title: nfc(spec.info.title),
      Author: nfc(spec.info.author),
      ...(spec.info.subject !== undefined ? { Subject: nfc(spec.info.subject) } : {}),
      Creator: 'Trạm tiếp nhận một cửa',
      Producer: 'Trạm tiếp nhận một cửa (pdfkit)',
    },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<void>((resolve, reject) => {
    kit.on('data', (c) => chunks.push(c));
    kit.on('end', () => resolve());
    kit.on('error', (e) => reject(e instanceof Error ? e : new Error(String(e))));
  });
  const files = fonts();
  for (const face of Object.keys(FACES) as Face[]) kit.registerFont(face, files[face]);
  const m = new Measure(kit);

  const innerWidth = pageWidth - ml - mr;
  const widths = resolveWidths(spec.columns.map((c) => c.width), innerWidth);
  const xs = columnEdges(spec);
  const [padH, padV] = spec.padding;
  m.use('R', spec.fontSize);
  const lineGap = kit.currentLineHeight(true) * spec.lineHeight;
  const bottom = pageHeight - mb;

  const drawText = (text: string, x: number, y: number, w: number, align: Align): void => {
    const t = nfc(text);
    if (t === '') return;
    const tw = align === 'left' ? 0 : m.width(t);
    const dx = align === 'center' ? (w - tw) / 2 : align === 'right' ? w - tw : 0;
    kit.text(t, x + Math.max(0, dx), y, { lineBreak: false });
  };
  const hline = (x1: number, x2: number, y: number): void => {
    kit.moveTo(x1, y).lineTo(x2, y);
  };
  const vline = (x: number, y1: number, y2: number): void => {
    kit.moveTo(x, y1).lineTo(x, y2);
  };

  // Header rows: wrapped once, heights fitted to the spans.
  const header = spec.headerRows.map((row) =>
    row.map((cell, col) => {
      if (cell === null) return null;
      const span = Math.max(1, cell.colSpan ?? 1);
      const w = (xs[Math.min(col + span, widths.length)] as number) - (xs[col] as number);
      m.use(faceOf({ bold: cell.bold ?? true, italics: cell.italics }), spec.fontSize);
      const lines = m.wrap(nfc(cell.text), w - 2 * padH);
      return { cell, col, span, rowSpan: Math.max(1, cell.rowSpan ?? 1), w, lines };
    }),
  );
  const headerHeights = header.map((row) =>
    Math.max(lineGap + 2 * padV, ...row.filter((c) => c !== null && c.rowSpan === 1).map((c) => (c?.lines.length ?? 1) * lineGap + 2 * padV)),
  );
  header.forEach((row, r) =>
    row.forEach((c) => {
      if (c === null || c.rowSpan === 1) return;
      const need = c.lines.length * lineGap + 2 * padV;
      const have = headerHeights.slice(r, r + c.rowSpan).reduce((s, h) => s + h, 0);
      const last = Math.min(r + c.rowSpan, headerHeights.length) - 1;
      if (need > have) headerHeights[last] = (headerHeights[last] as number) + need - have;
    }),
  );

  const drawHeaderRows = (top: number): number => {
    kit.lineWidth(RULE_WIDTH).strokeColor(RULE_COLOUR).fillColor('#000000');
    let y = top;
    header.forEach((row, r) => {
      for (const c of row) {
        if (c === null) continue;
        const h = headerHeights.slice(r, r + c.rowSpan).reduce((s, x) => s + x, 0);
        const x = xs[c.col] as number;
        kit.rect(x, y, c.w, h);
        m.use(faceOf({ bold: c.cell.bold ?? true, italics: c.cell.italics }), spec.fontSize);
        const textTop = y + (h - c.lines.length * lineGap) / 2;
        c.lines.forEach((line, k) => drawText(line, x + padH, textTop + k * lineGap, c.w - 2 * padH, 'center'));
      }
      y += headerHeights[r] as number;
    });
    kit.stroke();
    return y;
  };

  const drawHeading = (top: number): number => {
    let y = top;
    kit.fillColor('#000000').strokeColor('#000000');
    for (const block of spec.heading) {
      if (block.kind === 'line') {
        const l = block.line;
        const size = l.size ?? spec.fontSize;
        m.use(faceOf(l), size);
        y += l.gapBefore ?? 0;
        const lh = kit.currentLineHeight(true);
        for (const line of m.wrap(nfc(l.text), innerWidth)) {
          drawText(line, ml, y, innerWidth, block.align);
          y += lh;
        }
        continue;
      }
      const colWidths = resolveWidths(block.columns.map((c) => c.width), innerWidth - block.gap * (block.columns.length - 1));
      let x = ml;
      let lowest = y;
      block.columns.forEach((col, i) => {
        const w = colWidths[i] as number;
        let cy = y;
        for (const l of col.lines) {
          const size = l.size ?? spec.fontSize;
          m.use(faceOf(l), size);
          cy += l.gapBefore ?? 0;
          const lh = kit.currentLineHeight(true);
          for (const line of m.wrap(nfc(l.text), w)) {
            drawText(line, x, cy, w, 'center');
            cy += lh;
          }
          if (l.ruleAfter !== undefined) {
            const rx = x + (w - l.ruleAfter) / 2;
            kit.lineWidth(0.7);
            hline(rx, rx + l.ruleAfter, cy + 1);
            kit.stroke();
            cy += 4;
          }
        }
        lowest = Math.max(lowest, cy);
        x += w + block.gap;
      });
      y = lowest;
    }
    return y + 4;
  };

  let page = 0;
  let bodyTop = 0;
  let y = 0;
  const startPage = (): void => {
    kit.addPage({ size: 'A4', layout: spec.orientation, margin: 0 });
    page += 1;
    y = mt;
    if (page === 1) y = drawHeading(y);
    y = drawHeaderRows(y);
    bodyTop = y;
  };
  const closePage = (): void => {
    kit.lineWidth(RULE_WIDTH).strokeColor(RULE_COLOUR);
    for (const x of xs) vline(x, bodyTop, y);
    kit.stroke();
  };

  startPage();
  kit.lineWidth(RULE_WIDTH).strokeColor(RULE_COLOUR).fillColor('#000000');
  for (const row of spec.rows) {
    const cells = row.map((cell, i) => {
      const c = typeof cell === 'string' ? { text: cell } : cell;
      const face = faceOf(c);
      m.use(face, spec.fontSize);
      return { face, align: c.align ?? spec.columns[i]?.align ?? 'left', lines: m.wrap(nfc(c.text), (widths[i] ?? 0) - 2 * padH) };
    });
    const h = Math.max(1, ...cells.map((c) => c.lines.length)) * lineGap + 2 * padV;
    // A row never splits; one taller than a whole page is drawn on its own page and overflows.
    if (y + h > bottom && y > bodyTop) {
      closePage();
      startPage();
      kit.lineWidth(RULE_WIDTH).strokeColor(RULE_COLOUR).fillColor('#000000');
    }
    cells.forEach((c, i) => {
      m.use(c.face, spec.fontSize);
      const x = (xs[i] as number) + padH;
      const w = (widths[i] ?? 0) - 2 * padH;
      c.lines.forEach((line, k) => drawText(line, x, y + padV + k * lineGap, w, c.align));
    });
    y += h;
    hline(ml, ml + innerWidth, y);
  }
  kit.stroke();
  closePage();

  // Running lines and page numbers, now that the number of pages is known.
  const range = kit.bufferedPageRange();
  m.use('I', Math.max(6, spec.fontSize));
  for (let i = 0; i < range.count; i++) {
    kit.switchToPage(range.start + i);
    kit.fillColor('#555555');
    const run = i === 0 ? spec.runningHeader?.first : spec.runningHeader?.others;
    if (run !== undefined && run !== '') drawText(run, ml, Math.max(8, mt / 2 - spec.fontSize), innerWidth, 'right');
    drawText(`Trang ${i + 1}/${range.count}`, ml, pageHeight - mb / 2 - spec.fontSize / 2, innerWidth, 'center');
  }
  kit.end();
  await finished;
  return Buffer.concat(chunks);
}

import { inflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFObject, type PDFPage } from 'pdf-lib';

// Where a piece of text is on a page, to put the signature stamp where a person signs (under
// "NGƯỜI TIẾP NHẬN HỒ SƠ" on the appointment slip). A small reader of content streams:
// q/Q/cm, BT/Tm/Td/TD/T*/TL, Tf and Tj/TJ/'/", with the fonts' ToUnicode maps. Enough for
// the PDFs the station makes (pdfmake) and for most others; a page it cannot read simply has
// no text, and the stamp goes to the default corner.

export type TextLine = Readonly<{ text: string; x: number; y: number; right: number; fontSize: number }>;

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m × n (PDF row-vector convention: a point is transformed by m first, then n). */
function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

type Token = { kind: 'num'; value: number } | { kind: 'name'; value: string } | { kind: 'str'; value: Uint8Array } | { kind: 'array'; value: Token[] };

// Byte classes of PDF syntax (ISO 32000-1 §7.2.2): 1 white-space, 2 delimiter.
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;
const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) { HEX['0123456789abcdef'.charCodeAt(i)] = i; HEX['0123456789ABCDEF'.charCodeAt(i)] = i; }

/** Reads a number token (digits, one dot, a sign); NaN when the bytes are not one. */
function parseNumber(src: Uint8Array, from: number, to: number): number {
  let i = from;
  let sign = 1;
  if (src[i] === 0x2d) { sign = -1; i++; } else if (src[i] === 0x2b) i++;
  let value = 0;
  let scale = 0;
  let digits = 0;
  for (; i < to; i++) {
    const c = src[i]!;
    if (c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
      if (scale) scale *= 10;
      digits++;
    } else if (c === 0x2e && !scale) scale = 1;
    else return Number.NaN;
  }
  if (!digits) return Number.NaN;
  return (sign * value) / (scale || 1);
}

/**
 * Walks a content stream and calls `onOperator` with each operator and its operands. One pass,
 * no intermediate token list: content streams of text-heavy pages run to hundreds of KB.
 */
function interpret(src: Uint8Array, onOperator: (op: string, operands: Token[]) => void): void {
  const stack: Token[][] = [[]];
  let operands = stack[0]!;
  const n = src.length;
  let i = 0;
  while (i < n) {
    const c = src[i]!;
    const cls = CLASS[c]!;
    if (cls === 1) { i++; continue; }
    if (c === 0x25) { while (i < n && src[i] !== 0x0a && src[i] !== 0x0d) i++; continue; } // % comment
    if (c === 0x5b) { operands = []; stack.push(operands); i++; continue; } // [
    if (c === 0x5d) { // ]
      const arr = stack.length > 1 ? stack.pop()! : [];
      operands = stack[stack.length - 1]!;
      operands.push({ kind: 'array', value: arr });
      i++;
      continue;
    }
    if (c === 0x2f) { // /Name
      let j = i + 1;
      while (j < n && CLASS[src[j]!] === 0) j++;
      operands.push({ kind: 'name', value: Buffer.from(src.buffer, src.byteOffset + i + 1, j - i - 1).toString('latin1') });
      i = j;
      continue;
    }
    if (c === 0x3c && src[i + 1] === 0x3c) { i += 2; continue; } // << inline dictionaries: their contents are skipped as operands
    if (c === 0x3e && src[i + 1] === 0x3e) { i += 2; continue; }
    if (c === 0x3c) { // <hex>
      let j = i + 1;
      const out: number[] = [];
      let high = -1;
      for (; j < n && src[j] !== 0x3e; j++) {
        const h = HEX[src[j]!]!;
        if (h < 0) continue;
        if (high < 0) high = h;
        else { out.push((high << 4) | h); high = -1; }
      }
      if (high >= 0) out.push(high << 4);
      operands.push({ kind: 'str', value: Uint8Array.from(out) });
      i = j + 1;
      continue;
    }
    if (c === 0x28) { // (literal)
      const bytes: number[] = [];
      let depth = 1;
      let j = i + 1;
      while (j < n && depth > 0) {
        const d = src[j]!;
        if (d === 0x5c) {
          const e = src[j + 1]!;
          const map: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };
          if (map[e] !== undefined) { bytes.push(map[e]); j += 2; continue; }
          if (e >= 0x30 && e <= 0x37) {
            let k = j + 1;
            let oct = 0;
            let count = 0;
            while (k < n && count < 3 && src[k]! >= 0x30 && src[k]! <= 0x37) { oct = oct * 8 + (src[k++]! - 0x30); count++; }
            bytes.push(oct & 0xff);
            j = k;
            continue;
          }
          if (e === 0x0a || e === 0x0d) { j += 2; continue; }
          bytes.push(e);
          j += 2;
          continue;
        }
        if (d === 0x28) depth++;
        if (d === 0x29) { depth--; if (depth === 0) break; }
        bytes.push(d);
        j++;
      }
      operands.push({ kind: 'str', value: Uint8Array.from(bytes) });
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < n && CLASS[src[j]!] === 0) j++;
    if (j === i) { i++; continue; }
    const num = c === 0x2d || c === 0x2b || c === 0x2e || (c >= 0x30 && c <= 0x39) ? parseNumber(src, i, j) : Number.NaN;
    if (!Number.isNaN(num)) operands.push({ kind: 'num', value: num });
    else if (stack.length === 1) {
      onOperator(Buffer.from(src.buffer, src.byteOffset + i, j - i).toString('latin1'), operands);
      operands.length = 0;
    }
    i = j;
  }
}

type FontMap = { bytes: 1 | 2; map: Map<number, string>; widths: Map<number, number>; defaultWidth: number };

/** Reads a ToUnicode CMap: bfchar and bfrange (both forms). */
function parseToUnicode(data: Uint8Array): Pick<FontMap, 'bytes' | 'map'> {
  const text = Buffer.from(data).toString('latin1');
  const map = new Map<number, string>();
  const utf16 = (hex: string) => {
    const b = Buffer.from(hex, 'hex');
    let s = '';
    for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
    return s;
  };
  let bytes: 1 | 2 = 1;
  const range = /begincodespacerange\s*<([0-9a-fA-F]+)>/.exec(text);
  if (range && range[1]!.length >= 4) bytes = 2;
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) map.set(parseInt(m[1]!, 16), utf16(m[2]!));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      const dst = m[3]!;
      if (dst.startsWith('[')) {
        const items = [...dst.matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]!);
        for (let c = lo; c <= hi && c - lo < items.length; c++) map.set(c, utf16(items[c - lo]!));
      } else {
        const base = Buffer.from(dst.slice(1, -1), 'hex');
        for (let c = lo; c <= hi && c - lo < 65536; c++) {
          const b = Buffer.from(base);
          b.writeUInt16BE((b.readUInt16BE(b.length - 2) + (c - lo)) & 0xffff, b.length - 2);
          map.set(c, utf16(b.toString('hex')));
        }
      }
    }
  }
  return { bytes, map };
}

function streamBytes(doc: PDFDocument, obj: PDFObject | undefined): Uint8Array | undefined {
  const o = obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
  if (o instanceof PDFRawStream) {
    // Plain Flate (what nearly every writer uses): zlib is many times faster than pdf-lib's decoder.
    const filter = o.dict.get(PDFName.of('Filter'));
    if (filter === PDFName.of('FlateDecode') && !o.dict.has(PDFName.of('DecodeParms'))) {
      try {
        return inflateSync(o.getContents());
      } catch {
        // fall through to pdf-lib
      }
    }
    return decodePDFRawStream(o).decode();
  }
  const contents = (o as { getContents?: () => Uint8Array } | undefined)?.getContents;
  return contents ? contents.call(o) : undefined;
}

const numberOf = (o: PDFObject | undefined): number | undefined => {
  const v = (o as { asNumber?: () => number } | undefined)?.asNumber;
  return v ? v.call(o) : undefined;
};

/** Glyph advances in thousandths of an em: /W of a CID font, /Widths of a simple font. */
function fontWidths(doc: PDFDocument, font: PDFDict, type0: boolean): Pick<FontMap, 'widths' | 'defaultWidth'> {
  const widths = new Map<number, number>();
  const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  if (type0) {
    const descendants = lookup(font.get(PDFName.of('DescendantFonts')));
    const cid = descendants instanceof PDFArray ? lookup(descendants.get(0)) : undefined;
    if (!(cid instanceof PDFDict)) return { widths, defaultWidth: 1000 };
    const w = lookup(cid.get(PDFName.of('W')));
    if (w instanceof PDFArray) {
      const items = w.asArray().map(lookup);
      for (let i = 0; i < items.length; ) {
        const start = numberOf(items[i]);
        const next = items[i + 1];
        if (start === undefined) break;
        if (next instanceof PDFArray) {
          next.asArray().forEach((x, k) => widths.set(start + k, numberOf(lookup(x)) ?? 0));
          i += 2;
        } else {
          const end = numberOf(next) ?? start;
          const width = numberOf(items[i + 2]) ?? 0;
          for (let c = start; c <= end && c - start < 65536; c++) widths.set(c, width);
          i += 3;
        }
      }
    }
    return { widths, defaultWidth: numberOf(lookup(cid.get(PDFName.of('DW')))) ?? 1000 };
  }
  const first = numberOf(lookup(font.get(PDFName.of('FirstChar')))) ?? 0;
  const list = lookup(font.get(PDFName.of('Widths')));
  if (list instanceof PDFArray) list.asArray().forEach((x, k) => widths.set(first + k, numberOf(lookup(x)) ?? 0));
  return { widths, defaultWidth: 500 };
}

function fontMaps(doc: PDFDocument, page: PDFPage): Map<string, FontMap> {
  const maps = new Map<string, FontMap>();
  const resources = page.node.Resources();
  const fonts = resources?.lookupMaybe(PDFName.of('Font'), PDFDict);
  if (!fonts) return maps;
  for (const [name, ref] of fonts.entries()) {
    const font = doc.context.lookup(ref);
    if (!(font instanceof PDFDict)) continue;
    const toUnicode = streamBytes(doc, font.get(PDFName.of('ToUnicode')));
    const type0 = font.get(PDFName.of('Subtype'))?.toString() === '/Type0';
    const parsed = toUnicode ? parseToUnicode(toUnicode) : { bytes: 1 as const, map: new Map<number, string>() };
    maps.set(name.decodeText(), { bytes: type0 ? 2 : parsed.bytes, map: parsed.map, ...fontWidths(doc, font, type0) });
  }
  return maps;
}

/** The text of a string operand and its advance in thousandths of an em. */
function decodeString(bytes: Uint8Array, font: FontMap | undefined): { text: string; advance: number } {
  let text = '';
  let advance = 0;
  const width = font?.bytes ?? 1;
  for (let i = 0; i + width - 1 < bytes.length; i += width) {
    const code = width === 2 ? (bytes[i]! << 8) | bytes[i + 1]! : bytes[i]!;
    text += font?.map.get(code) ?? (width === 1 ? String.fromCharCode(code) : '');
    advance += font?.widths.get(code) ?? font?.defaultWidth ?? 500;
  }
  return { text, advance };
}

/** The text of a page as lines (runs on one baseline joined left to right), in page coordinates. */
export function pageTextLines(doc: PDFDocument, pageIndex: number): TextLine[] {
  const page = doc.getPage(pageIndex);
  const contents = page.node.Contents();
  const parts: Uint8Array[] = [];
  if (contents instanceof PDFArray) for (const item of contents.asArray()) { const b = streamBytes(doc, item); if (b) parts.push(b, Uint8Array.of(0x0a)); }
  else { const b = streamBytes(doc, contents); if (b) parts.push(b); }
  if (parts.length === 0) return [];
  const fonts = fontMaps(doc, page);

  const runs: Array<{ text: string; x: number; y: number; right: number; size: number }> = [];
  let ctm: Matrix = IDENTITY;
  const stack: Matrix[] = [];
  let tm: Matrix = IDENTITY;
  let tlm: Matrix = IDENTITY;
  let font: FontMap | undefined;
  let size = 0;
  let leading = 0;
  let operands: Token[] = [];
  const num = (k: number) => { const t = operands[operands.length - k]; return t?.kind === 'num' ? t.value : 0; };
  /** `advance` in thousandths of an em, as glyph widths and TJ adjustments are given. */
  const show = (text: string, advance: number) => {
    const m = multiply(tm, ctm);
    const scale = Math.hypot(m[0], m[1]) || 1;
    const distance = (advance / 1000) * size;
    if (text !== '') runs.push({ text, x: m[4], y: m[5], right: m[4] + distance * scale, size: size * scale });
    tm = multiply([1, 0, 0, 1, distance, 0], tm);
  };
  interpret(Buffer.concat(parts), (op, args) => {
    operands = args;
    switch (op) {
      case 'q': stack.push(ctm); break;
      case 'Q': ctm = stack.pop() ?? IDENTITY; break;
      case 'cm': ctm = multiply([num(6), num(5), num(4), num(3), num(2), num(1)], ctm); break;
      case 'BT': tm = IDENTITY; tlm = IDENTITY; break;
      case 'Tm': tm = tlm = [num(6), num(5), num(4), num(3), num(2), num(1)]; break;
      case 'Td': tm = tlm = multiply([1, 0, 0, 1, num(2), num(1)], tlm); break;
      case 'TD': leading = -num(1); tm = tlm = multiply([1, 0, 0, 1, num(2), num(1)], tlm); break;
      case 'TL': leading = num(1); break;
      case 'T*': tm = tlm = multiply([1, 0, 0, 1, 0, -leading], tlm); break;
      case 'Tf': {
        const name = operands[operands.length - 2];
        font = name?.kind === 'name' ? fonts.get(name.value) : undefined;
        size = num(1);
        break;
      }
      case 'Tj': case "'": case '"': {
        if (op !== 'Tj') tm = tlm = multiply([1, 0, 0, 1, 0, -leading], tlm);
        const s = operands[operands.length - 1];
        if (s?.kind === 'str') { const d = decodeString(s.value, font); show(d.text, d.advance); }
        break;
      }
      case 'TJ': {
        const arr = operands[operands.length - 1];
        if (arr?.kind !== 'array') break;
        let text = '';
        let advance = 0;
        for (const x of arr.value) {
          if (x.kind === 'str') { const d = decodeString(x.value, font); text += d.text; advance += d.advance; }
          else if (x.kind === 'num') { advance -= x.value; if (x.value < -200) text += ' '; }
        }
        show(text, advance);
        break;
      }
      default: break;
    }
  });

  // Runs on the same baseline (within a tenth of the font size) form a line when they are
  // close; columns far apart stay separate lines.
  runs.sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Array<{ text: string; x: number; y: number; right: number; fontSize: number }> = [];
  let last: (typeof lines)[number] | undefined;
  for (const r of runs) {
    if (last && Math.abs(last.y - r.y) < Math.max(1, r.size * 0.1) && r.x - last.right < r.size * 1.5 && r.x >= last.x) {
      last.text += r.text;
      last.right = Math.max(last.right, r.right);
      last.fontSize = Math.max(last.fontSize, r.size);
    } else {
      last = { text: r.text, x: r.x, y: r.y, right: r.right, fontSize: r.size };
      lines.push(last);
    }
  }
  return lines.map((l) => ({ ...l, text: l.text.replace(/\s+/g, ' ').trim().normalize('NFC') })).filter((l) => l.text !== '');
}

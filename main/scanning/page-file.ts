import { createHash } from 'node:crypto';
import type { ColorMode } from '../../hardware/scanners/scanner';
import type { InkLayer, PageParts, ProcessedPage } from './page-compress';

// One page of an unfinished scan session as a file: the page exactly as the PDF will use it
// (its G4 masks, JPEGs and flate streams) with its thumbnail and preview, so that after a
// restart the session comes back without scanning or compressing anything again.
//
//   "MCSP1\n" · header length (4 bytes, big-endian) · header (JSON) · the buffers, one after another
//
// The header names each buffer by offset and length. The file's SHA-256 is kept in the database
// row of the page: a file changed on disk (a crash of the disk rather than the station, a
// careless hand) is found before it is used.

const MAGIC = Buffer.from('MCSP1\n', 'latin1');
const MAX_HEADER = 64 * 1024;

type Span = readonly [offset: number, length: number];

type Header = {
  width: number; height: number; dpi: number; mode: ColorMode; blank: boolean; contentRatio: number; bytes: number;
  thumbnail: Span; preview: Span;
  parts:
    | { kind: 'bilevel'; width: number; height: number; g4: Span }
    | {
      kind: 'layered'; width: number; height: number; channels: 1 | 3;
      background?: { width: number; height: number; jpeg: Span };
      inks: Array<{ width: number; height: number; flate: Span; maskG4: Span }>;
    };
};

/** The page file was cut short, altered or is not a page file at all. */
export class PageFileDamaged extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'PageFileDamaged';
  }
}

export const pageFileSha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

export function encodePageFile(page: ProcessedPage): Buffer {
  const buffers: Buffer[] = [];
  let at = 0;
  const put = (b: Buffer): Span => {
    buffers.push(b);
    const span: Span = [at, b.length];
    at += b.length;
    return span;
  };
  const p = page.parts;
  const parts: Header['parts'] = p.kind === 'bilevel'
    ? { kind: 'bilevel', width: p.width, height: p.height, g4: put(p.g4) }
    : {
      kind: 'layered', width: p.width, height: p.height, channels: p.channels,
      ...(p.background ? { background: { width: p.background.width, height: p.background.height, jpeg: put(p.background.jpeg) } } : {}),
      inks: p.inks.map((ink) => ({ width: ink.width, height: ink.height, flate: put(ink.flate), maskG4: put(ink.maskG4) })),
    };
  const header: Header = {
    width: page.width, height: page.height, dpi: page.dpi, mode: page.mode, blank: page.blank, contentRatio: page.contentRatio, bytes: page.bytes,
    thumbnail: put(page.thumbnail), preview: put(page.preview), parts,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, length, json, ...buffers]);
}

const isInt = (x: unknown, min = 0): x is number => typeof x === 'number' && Number.isInteger(x) && x >= min;

/** The page back from its file; throws PageFileDamaged for anything that does not add up. */
export function decodePageFile(data: Buffer): ProcessedPage {
  if (data.length < MAGIC.length + 4 || !data.subarray(0, MAGIC.length).equals(MAGIC)) throw new PageFileDamaged('không phải tệp trang quét');
  const headerLength = data.readUInt32BE(MAGIC.length);
  const body = MAGIC.length + 4 + headerLength;
  if (headerLength > MAX_HEADER || body > data.length) throw new PageFileDamaged('tệp bị cắt cụt');
  let h: Header;
  try {
    h = JSON.parse(data.subarray(MAGIC.length + 4, body).toString('utf8')) as Header;
  } catch {
    throw new PageFileDamaged('phần đầu tệp hỏng');
  }
  const take = (span: unknown): Buffer => {
    if (!Array.isArray(span) || !isInt(span[0]) || !isInt(span[1]) || body + span[0] + span[1] > data.length) throw new PageFileDamaged('tệp bị cắt cụt');
    return Buffer.from(data.subarray(body + span[0], body + span[0] + span[1]));
  };
  if (typeof h !== 'object' || h === null || !isInt(h.width, 1) || !isInt(h.height, 1) || !isInt(h.dpi, 1) || !isInt(h.bytes)
    || !['color', 'gray', 'lineart'].includes(h.mode) || typeof h.blank !== 'boolean' || typeof h.contentRatio !== 'number' || typeof h.parts !== 'object' || h.parts === null) {
    throw new PageFileDamaged('thông số trang không hợp lệ');
  }
  let parts: PageParts;
  const p = h.parts;
  if (p.kind === 'bilevel') {
    parts = { kind: 'bilevel', width: p.width, height: p.height, g4: take(p.g4) };
  } else if (p.kind === 'layered' && Array.isArray(p.inks) && (p.channels === 1 || p.channels === 3)) {
    const inks: InkLayer[] = p.inks.map((ink) => ({ width: ink.width, height: ink.height, flate: take(ink.flate), maskG4: take(ink.maskG4) }));
    parts = {
      kind: 'layered', width: p.width, height: p.height, channels: p.channels, inks,
      ...(p.background ? { background: { width: p.background.width, height: p.background.height, jpeg: take(p.background.jpeg) } } : {}),
    };
  } else {
    throw new PageFileDamaged('thông số trang không hợp lệ');
  }
  return {
    width: h.width, height: h.height, dpi: h.dpi, mode: h.mode, blank: h.blank, contentRatio: h.contentRatio, bytes: h.bytes,
    thumbnail: take(h.thumbnail), preview: take(h.preview), parts,
  };
}

import {
  PDFDocument, PDFName, concatTransformationMatrix, degrees, drawObject, popGraphicsState, pushGraphicsState,
  type PDFPage, type PDFRef,
} from 'pdf-lib';
import type { PageParts } from './page-compress';

// One PDF per scanned document: each page the size of the paper scanned (pixels ÷ dpi), its
// image streams written as produced (DCT, CCITT G4, Flate) — nothing is decoded or re-encoded
// here — and the officer's rotation as the page's /Rotate.

export type PdfPage = Readonly<{ parts: PageParts; dpi: number; rotation: 0 | 90 | 180 | 270 }>;

export type PdfInfo = Readonly<{ title: string; subject: string; author: string; createdAt: Date; keywords?: readonly string[] }>;

const PRODUCER = 'Trạm tiếp nhận hồ sơ một cửa';

function g4Params(width: number, height: number) {
  return { K: -1, Columns: width, Rows: height, BlackIs1: false, EndOfBlock: true };
}

function drawFull(page: PDFPage, name: PDFName, w: number, h: number): void {
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(w, 0, 0, h, 0, 0), drawObject(name), popGraphicsState());
}

function addPage(doc: PDFDocument, { parts, dpi, rotation }: PdfPage): void {
  const w = (parts.width / dpi) * 72;
  const h = (parts.height / dpi) * 72;
  const page = doc.addPage([w, h]);
  const ctx = doc.context;
  const register = (data: Buffer, dict: Record<string, unknown>): PDFRef =>
    ctx.register(ctx.stream(data, { Type: 'XObject', Subtype: 'Image', Length: data.length, ...dict } as never));

  if (parts.kind === 'bilevel') {
    const ref = register(parts.g4, {
      Width: parts.width, Height: parts.height, ColorSpace: 'DeviceGray', BitsPerComponent: 1,
      Filter: 'CCITTFaxDecode', DecodeParms: g4Params(parts.width, parts.height),
    });
    drawFull(page, page.node.newXObject('Scan', ref), w, h);
  } else {
    const colorSpace = parts.channels === 3 ? 'DeviceRGB' : 'DeviceGray';
    if (parts.background) {
      const bg = parts.background;
      const ref = register(bg.jpeg, { Width: bg.width, Height: bg.height, ColorSpace: colorSpace, BitsPerComponent: 8, Filter: 'DCTDecode', Interpolate: true });
      drawFull(page, page.node.newXObject('Paper', ref), w, h);
    }
    parts.inks.forEach((ink, i) => {
      // The full-resolution mask decides where ink is; the low-resolution image gives its colour.
      // Ink is black in CCITT terms and decodes as 0; an explicit mask paints where it is 0.
      const mask = register(ink.maskG4, {
        Width: parts.width, Height: parts.height, ImageMask: true, BitsPerComponent: 1,
        Filter: 'CCITTFaxDecode', DecodeParms: g4Params(parts.width, parts.height),
      });
      const ref = register(ink.flate, {
        Width: ink.width, Height: ink.height, ColorSpace: colorSpace, BitsPerComponent: 8, Filter: 'FlateDecode', Interpolate: true, Mask: mask,
      });
      drawFull(page, page.node.newXObject(`Ink${i}`, ref), w, h);
    });
  }
  if (rotation) page.setRotation(degrees(rotation));
}

/**
 * Builds the PDF of a document from its pages, after the pages of an earlier PDF when appending.
 * Deterministic for the same pages and info (dates come from the station's clock).
 */
export async function buildScanPdf(pages: readonly PdfPage[], info: PdfInfo, before?: Uint8Array): Promise<{ pdf: Buffer; pageCount: number }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  if (before) {
    const earlier = await PDFDocument.load(before, { updateMetadata: false });
    for (const p of await doc.copyPages(earlier, earlier.getPageIndices())) {
      // A signed scan's pages carry signature widgets; the new file is a different document and
      // is not signed — keeping them would show a stamp whose signature no longer matches.
      p.node.delete(PDFName.of('Annots'));
      doc.addPage(p);
    }
  }
  for (const page of pages) addPage(doc, page);
  doc.setTitle(info.title.normalize('NFC'), { showInWindowTitleBar: true });
  doc.setSubject(info.subject.normalize('NFC'));
  doc.setAuthor(info.author.normalize('NFC'));
  doc.setProducer(PRODUCER);
  doc.setCreator(PRODUCER);
  doc.setLanguage('vi-VN');
  if (info.keywords) doc.setKeywords(info.keywords.map((k) => k.normalize('NFC')));
  doc.setCreationDate(info.createdAt);
  doc.setModificationDate(info.createdAt);
  const bytes = await doc.save({ useObjectStreams: true });
  return { pdf: Buffer.from(bytes), pageCount: doc.getPageCount() };
}

import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';
import { pageTextLines } from './pdf-text';

// A PDF signature written as an incremental update (ISO 32000-1 §7.5.6): the original bytes
// stay as they are — earlier signatures remain valid — and the signature field, its widget
// with the visible stamp, the signature dictionary and a new cross-reference section are
// appended. The signature dictionary has a placeholder /Contents; its /ByteRange is filled in
// once the offsets are known, and the CMS goes into the placeholder after the token signed.

/**
 * Where a stamp goes: the widget's /Rect in the page's user space. On a page shown turned
 * (/Rotate, as an officer's rotation of a scanned page is stored), `rotation` is that turn: the
 * stamp is drawn turned back so it reads upright, and its own width and height are the Rect's
 * swapped for a quarter turn (stampSize).
 */
export type StampPlacement = Readonly<{ pageIndex: number; x: number; y: number; width: number; height: number; rotation?: PageRotation }>;

export type PageRotation = 0 | 90 | 180 | 270;

/** The size of the stamp itself, as the reader sees it on the page. */
export function stampSize(p: StampPlacement): { width: number; height: number } {
  return p.rotation === 90 || p.rotation === 270 ? { width: p.height, height: p.width } : { width: p.width, height: p.height };
}

export type SignatureFields = Readonly<{
  /** Signer's name for /Name. */
  name: string;
  reason: string;
  location: string;
  /** /M: the claimed signing time (PAdES puts it here, not in the CMS). */
  signedAt: Date;
  /** Bytes reserved for the CMS (the hex placeholder is twice as long). */
  contentsBytes: number;
  /** The stamp: a one-page PDF (stamp.ts) drawn at `placement`; none for an invisible signature. */
  stamp?: Readonly<{ pdf: Uint8Array; placement: StampPlacement }>;
}>;

export type PreparedPdf = Readonly<{
  bytes: Uint8Array;
  byteRange: readonly [number, number, number, number];
  /** SHA-256 of the bytes the signature covers. */
  digest: Uint8Array;
}>;

const latin1 = (s: string): Uint8Array => Buffer.from(s, 'latin1');

/** A PDF text string in UTF-16BE with its byte-order mark, as hex: safe for any Vietnamese text. */
function textString(s: string): string {
  const utf16 = Buffer.from(s.normalize('NFC'), 'utf16le').swap16();
  return `<FEFF${utf16.toString('hex').toUpperCase()}>`;
}

/** D:YYYYMMDDHHmmSS+07'00' in Vietnam time. */
export function pdfDate(d: Date): string {
  const local = new Date(d.getTime() + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `D:${local.getUTCFullYear()}${p(local.getUTCMonth() + 1)}${p(local.getUTCDate())}${p(local.getUTCHours())}${p(local.getUTCMinutes())}${p(local.getUTCSeconds())}+07'00'`;
}

/** Offset of the last cross-reference section of a file (its final `startxref`). */
function lastStartXref(bytes: Uint8Array): number {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail) ?? [...tail.matchAll(/startxref\s+(\d+)/g)].pop();
  if (!m) throw new Error('no startxref');
  return Number(m[1]);
}

/**
 * The highest object number the file uses. pdf-lib forgets the objects it unpacks (object
 * streams, cross-reference streams), so its count can be lower than the file's: a new object
 * must not reuse one of those numbers. The last trailer's /Size and the "N G obj" headers say.
 */
function highestObjectNumber(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let max = 0;
  const sizes = [...text.slice(-65536).matchAll(/\/Size\s+(\d+)/g)];
  if (sizes.length > 0) max = Number(sizes[sizes.length - 1]![1]) - 1;
  for (const m of text.matchAll(/(?:^|[\r\n\s])(\d{1,9})\s+\d{1,5}\s+obj\b/g)) max = Math.max(max, Number(m[1]));
  return max;
}

function serialize(ref: PDFRef, object: PDFObject): Uint8Array {
  const head = latin1(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
  const body = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(body, 0);
  return Buffer.concat([head, body, latin1('\nendobj\n')]);
}

/** A page's /Rotate as one of the four turns (it may be stored negative or past 360). */
export function pageRotation(doc: PDFDocument, pageIndex: number): PageRotation {
  const angle = (((Math.round(doc.getPage(pageIndex).getRotation().angle / 90) * 90) % 360) + 360) % 360;
  return angle as PageRotation;
}

type Box = Readonly<{ x: number; y: number; width: number; height: number }>;

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The rectangles of the widgets already on a page (earlier signatures' stamps). */
function widgetRects(doc: PDFDocument, pageIndex: number): Box[] {
  const annots = doc.getPage(pageIndex).node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  const out: Box[] = [];
  for (let i = 0; i < (annots?.size() ?? 0); i++) {
    const annot = annots!.lookupMaybe(i, PDFDict);
    if (annot?.get(PDFName.of('Subtype')) !== PDFName.of('Widget')) continue;
    const rect = annot.lookupMaybe(PDFName.of('Rect'), PDFArray)?.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : NaN));
    if (!rect || rect.length !== 4 || rect.some((n) => !Number.isFinite(n))) continue;
    const [x1, y1, x2, y2] = rect as [number, number, number, number];
    out.push({ x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) });
  }
  return out;
}

/**
 * Where the stamp goes on a page without a known signing place (a scan has no text to anchor
 * on): the bottom right corner as the page is shown — its /Rotate taken into account — inside
 * the usual margins, smaller on a small page (an ID card scanned at its size). When earlier
 * stamps are there (a countersignature) it moves left of them, then up a row.
 */
export function defaultPlacement(doc: PDFDocument, pageIndex: number, width: number, height: number): StampPlacement {
  const page = doc.getPage(pageIndex);
  const box = page.getCropBox();
  const rotation = pageRotation(doc, pageIndex);
  const quarter = rotation === 90 || rotation === 270;
  // The page as the reader sees it.
  const seenWidth = quarter ? box.height : box.width;
  const seenHeight = quarter ? box.width : box.height;
  const margin = Math.min(40, Math.max(6, Math.round(Math.min(seenWidth, seenHeight) * 0.06)));
  const w = Math.max(40, Math.min(width, seenWidth - 2 * margin));
  const h = Math.max(20, Math.min(height, seenHeight - 2 * margin));
  // A rectangle as seen → the widget's /Rect in user space.
  const toUser = (sx: number, sy: number): Box => {
    switch (rotation) {
      case 90: return { x: box.x + box.width - sy - h, y: box.y + sx, width: h, height: w };
      case 180: return { x: box.x + box.width - sx - w, y: box.y + box.height - sy - h, width: w, height: h };
      case 270: return { x: box.x + sy, y: box.y + box.height - sx - w, width: h, height: w };
      default: return { x: box.x + sx, y: box.y + sy, width: w, height: h };
    }
  };
  const taken = widgetRects(doc, pageIndex);
  const gap = 6;
  const first = toUser(seenWidth - margin - w, margin);
  for (let sy = margin; sy + h <= seenHeight - margin; sy += h + gap) {
    for (let sx = seenWidth - margin - w; sx >= margin - 0.01; sx -= w + gap) {
      const rect = toUser(sx, sy);
      if (!taken.some((t) => overlaps(t, rect))) return { pageIndex, ...rect, ...(rotation ? { rotation } : {}) };
    }
  }
  return { pageIndex, ...first, ...(rotation ? { rotation } : {}) }; // the corner is full: on top of the earlier stamps
}

/**
 * The place where a person signs under a heading such as "NGƯỜI TIẾP NHẬN HỒ SƠ": centred on
 * the heading, between the line below it ("(Ký và ghi rõ họ tên)") and the signer's printed
 * name further down. Undefined when the page has no such heading.
 */
export function signaturePlaceUnder(doc: PDFDocument, pageIndex: number, heading: string, size: { width: number; maxHeight: number }): StampPlacement | undefined {
  const lines = pageTextLines(doc, pageIndex);
  const head = lines.find((l) => l.text.toLocaleUpperCase('vi').includes(heading.toLocaleUpperCase('vi')));
  if (!head) return undefined;
  const centre = (head.x + head.right) / 2;
  const column = lines.filter((l) => l.y < head.y && l.x <= centre && l.right >= centre).sort((a, b) => b.y - a.y);
  const hint = column[0] && head.y - column[0].y < head.fontSize * 2.2 ? column[0] : undefined;
  const top = (hint ?? head).y - (hint ?? head).fontSize * 0.45;
  const name = column.find((l) => l !== hint);
  const bottom = name ? name.y + name.fontSize * 1.05 : top - size.maxHeight - 4;
  const height = Math.min(size.maxHeight, top - bottom - 4);
  if (height < 30) return undefined;
  // No wider than the heading's column: as far from the centre as the nearer page edge, less a margin.
  const pageWidth = doc.getPage(pageIndex).getSize().width;
  const width = Math.min(size.width, 2 * (Math.min(centre, pageWidth - centre) - 24));
  if (width < 100) return undefined;
  return { pageIndex, x: centre - width / 2, y: bottom + (top - bottom - height) / 2, width, height };
}

const PLACEHOLDER_RANGE = '/ByteRange [0 0000000000 0000000000 0000000000]';

/** Appends the signature field and placeholder; computes the byte range and its digest. */
export async function preparePdfSignature(original: Uint8Array, fields: SignatureFields, existing?: PDFDocument): Promise<PreparedPdf> {
  const doc = existing ?? (await PDFDocument.load(original, { updateMetadata: false }));
  if (doc.isEncrypted) throw new Error('encrypted PDF');
  const context = doc.context;
  context.largestObjectNumber = Math.max(context.largestObjectNumber, highestObjectNumber(original));
  const firstNew = context.largestObjectNumber + 1;
  const modified = new Set<PDFRef>();
  const catalogRef = context.trailerInfo.Root;
  if (!(catalogRef instanceof PDFRef)) throw new Error('no document catalog');
  const catalog = doc.catalog;

  // The appearance: the stamp page as a form XObject.
  let appearance: PDFRef | undefined;
  const placement = fields.stamp?.placement;
  if (fields.stamp && placement) {
    const [embedded] = await doc.embedPdf(fields.stamp.pdf, [0]);
    if (!embedded) throw new Error('empty stamp');
    await embedded.embed();
    appearance = embedded.ref;
    if (placement.rotation) {
      // Turned against the page's /Rotate so that it reads upright: the form's /Matrix turns it
      // a quarter (or half) counter-clockwise, and the viewer fits the turned box into /Rect.
      const form = context.lookup(appearance, PDFStream);
      const current = form.dict.lookupMaybe(PDFName.of('Matrix'), PDFArray)?.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : 0));
      const [a, b, c, d, e, f] = current?.length === 6 ? (current as [number, number, number, number, number, number]) : [1, 0, 0, 1, 0, 0];
      const rad = (placement.rotation * Math.PI) / 180;
      const cos = Math.round(Math.cos(rad));
      const sin = Math.round(Math.sin(rad));
      // [a b c d e f] × [cos sin −sin cos 0 0]
      const turned = [a * cos - b * sin, a * sin + b * cos, c * cos - d * sin, c * sin + d * cos, e * cos - f * sin, e * sin + f * cos];
      form.dict.set(PDFName.of('Matrix'), context.obj(turned.map((n) => PDFNumber.of(Object.is(n, -0) ? 0 : n))));
    }
  }
  const pageIndex = placement?.pageIndex ?? 0;
  const page = doc.getPage(pageIndex);

  const acroFormEntry = catalog.get(PDFName.of('AcroForm'));
  const acroForm = acroFormEntry instanceof PDFRef ? context.lookup(acroFormEntry, PDFDict) : (acroFormEntry as PDFDict | undefined);
  const fieldsEntry = acroForm?.get(PDFName.of('Fields'));
  const fieldList = fieldsEntry instanceof PDFRef ? context.lookup(fieldsEntry, PDFArray) : (fieldsEntry as PDFArray | undefined);
  const fieldName = `Signature${(fieldList?.size() ?? 0) + 1}`;

  const signatureRef = context.nextRef(); // written by hand below, with the placeholders
  const rect = placement ? [placement.x, placement.y, placement.x + placement.width, placement.y + placement.height] : [0, 0, 0, 0];
  const widget = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFHexString.fromText(fieldName),
    V: signatureRef,
    F: 132, // Print + Locked
    P: page.ref,
    Rect: rect.map((n) => PDFNumber.of(Math.round(n * 100) / 100)),
    ...(appearance ? { AP: context.obj({ N: appearance }) } : {}),
    ...(placement?.rotation ? { MK: context.obj({ R: placement.rotation }) } : {}),
  });
  const widgetRef = context.register(widget);

  // The page lists the widget among its annotations.
  const annots = page.node.get(PDFName.of('Annots'));
  if (annots instanceof PDFRef) {
    context.lookup(annots, PDFArray).push(widgetRef);
    modified.add(annots);
  } else {
    const list = annots instanceof PDFArray ? annots : context.obj([]);
    list.push(widgetRef);
    page.node.set(PDFName.of('Annots'), list);
    modified.add(page.ref);
  }

  // The document's form lists the field; SigFlags 3: signatures exist, append only.
  if (!acroForm) {
    catalog.set(PDFName.of('AcroForm'), context.register(context.obj({ Fields: [widgetRef], SigFlags: 3 })));
    modified.add(catalogRef);
  } else {
    if (fieldsEntry instanceof PDFRef) {
      fieldList!.push(widgetRef);
      modified.add(fieldsEntry);
    } else {
      const list = fieldList ?? context.obj([]);
      list.push(widgetRef);
      acroForm.set(PDFName.of('Fields'), list);
    }
    acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(3));
    modified.add(acroFormEntry instanceof PDFRef ? acroFormEntry : catalogRef);
  }

  const contentsPlaceholder = `<${'0'.repeat(fields.contentsBytes * 2)}>`;
  const signatureDict = [
    '<<', '/Type /Sig', '/Filter /Adobe.PPKLite', '/SubFilter /ETSI.CAdES.detached',
    PLACEHOLDER_RANGE,
    `/Contents ${contentsPlaceholder}`,
    `/M (${pdfDate(fields.signedAt)})`,
    `/Name ${textString(fields.name)}`,
    `/Reason ${textString(fields.reason)}`,
    `/Location ${textString(fields.location)}`,
    '/Prop_Build << /App << /Name /Tram.Tiep.Nhan.Mot.Cua >> >>',
    '>>',
  ].join('\n');

  // The update: objects new since loading, and the ones changed, then the xref and trailer.
  const objects = new Map<number, Uint8Array>();
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (ref.objectNumber >= firstNew || modified.has(ref)) objects.set(ref.objectNumber, serialize(ref, object));
  }
  objects.set(signatureRef.objectNumber, Buffer.concat([latin1(`${signatureRef.objectNumber} 0 obj\n`), latin1(signatureDict), latin1('\nendobj\n')]));

  const parts: Uint8Array[] = [original];
  let offset = original.length;
  const needsNewline = original[original.length - 1] !== 0x0a;
  if (needsNewline) {
    parts.push(latin1('\n'));
    offset += 1;
  }
  const offsets = new Map<number, number>();
  for (const [num, bytes] of [...objects].sort((a, b) => a[0] - b[0])) {
    offsets.set(num, offset);
    parts.push(bytes);
    offset += bytes.length;
  }
  const xrefOffset = offset;
  let xref = 'xref\n';
  const numbers = [...offsets.keys()].sort((a, b) => a - b);
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    xref += `${numbers[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) xref += `${String(offsets.get(numbers[k]!)).padStart(10, '0')} 00000 n\r\n`;
    i = j + 1;
  }
  const size = context.largestObjectNumber + 1;
  const info = context.trailerInfo.Info;
  const id = context.trailerInfo.ID;
  const trailer = [
    'trailer', '<<', `/Size ${size}`, `/Root ${catalogRef.toString()}`,
    ...(info ? [`/Info ${info.toString()}`] : []),
    ...(id ? [`/ID ${id.toString()}`] : []),
    `/Prev ${lastStartXref(original)}`,
    '>>', 'startxref', String(xrefOffset), '%%EOF', '',
  ].join('\n');
  parts.push(latin1(xref), latin1(trailer));
  const bytes = Buffer.concat(parts);

  // Fill in the byte range: everything but the hex string of /Contents, brackets included.
  const sigStart = offsets.get(signatureRef.objectNumber)!;
  const text = bytes.subarray(sigStart, sigStart + objects.get(signatureRef.objectNumber)!.length).toString('latin1');
  const contentsAt = sigStart + text.indexOf(contentsPlaceholder);
  const contentsEnd = contentsAt + contentsPlaceholder.length;
  const byteRange = [0, contentsAt, contentsEnd, bytes.length - contentsEnd] as const;
  const rangeText = `/ByteRange [${byteRange.join(' ')}]`.padEnd(PLACEHOLDER_RANGE.length, ' ');
  if (rangeText.length !== PLACEHOLDER_RANGE.length) throw new Error('byte range does not fit');
  bytes.write(rangeText, sigStart + text.indexOf(PLACEHOLDER_RANGE), 'latin1');

  const digest = createHash('sha256').update(bytes.subarray(0, contentsAt)).update(bytes.subarray(contentsEnd)).digest();
  return { bytes: new Uint8Array(bytes), byteRange, digest: new Uint8Array(digest) };
}

/** The signed file: the CMS written into the reserved /Contents, nothing else changed. */
export function embedSignature(prepared: PreparedPdf, cms: Uint8Array): Uint8Array {
  const [, start, end] = prepared.byteRange;
  const room = (end - start - 2) / 2;
  if (cms.length > room) throw new Error(`signature of ${cms.length} bytes does not fit the ${room} reserved`);
  const out = Buffer.from(prepared.bytes);
  out.write(Buffer.from(cms).toString('hex').toUpperCase(), start + 1, 'latin1');
  return new Uint8Array(out);
}

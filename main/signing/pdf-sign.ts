import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, type PDFObject } from 'pdf-lib';
import { pageTextLines } from './pdf-text';

// A PDF signature written as an incremental update (ISO 32000-1 §7.5.6): the original bytes
// stay as they are — earlier signatures remain valid — and the signature field, its widget
// with the visible stamp, the signature dictionary and a new cross-reference section are
// appended. The signature dictionary has a placeholder /Contents; its /ByteRange is filled in
// once the offsets are known, and the CMS goes into the placeholder after the token signed.

export type StampPlacement = Readonly<{ pageIndex: number; x: number; y: number; width: number; height: number }>;

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

/**
 * Where the stamp goes on a page without a known signing place: bottom right, inside the
 * usual margins.
 */
export function defaultPlacement(doc: PDFDocument, pageIndex: number, width: number, height: number): StampPlacement {
  const { width: pw } = doc.getPage(pageIndex).getSize();
  return { pageIndex, x: pw - 40 - width, y: 40, width, height };
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

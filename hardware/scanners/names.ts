import type { ColorMode, SourceKind } from './scanner';

// Drivers name the same things differently: "ADF", "Automatic Document Feeder", "ADF Front",
// "ADF Duplex", "Duplex", "Document Table", "Flatbed", "Glass", "Platen" (eSCL); "Color",
// "Colour", "RGB24", "24bit Color", "Gray", "Grayscale8", "True Gray", "Lineart", "Black & White",
// "BlackAndWhite1", "Binary"… These helpers match them loosely, in one place.

/** Lower case, no diacritics, words separated by single spaces ("ADF-Duplex" → "adf duplex"). */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'd')
    .replace(/([a-z])([A-Z])/g, '$1 $2') // "BlackAndWhite1" → "Black And White1"
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const has = (words: string, ...patterns: RegExp[]) => patterns.some((p) => p.test(words));

/** What kind of source a driver's source name means; undefined for film adapters and the unknown. */
export function classifySource(name: string): SourceKind | undefined {
  const n = normalizeName(name);
  if (has(n, /\b(transparency|film|slide|negative|positive|tma|tpu)\b/)) return undefined;
  if (has(n, /\bduplex\b/, /\bboth sides?\b/, /\b2 sided\b/, /\btwo sided\b/, /\bhai mat\b/, /\bfront and back\b/)) return 'duplex';
  if (has(n, /\badf\b/, /\bfeeder\b/, /\bfeed\b/, /\bsheet ?fed\b/, /\bautomatic document\b/, /\bkhay nap\b/, /\bsimplex\b/, /\bcard\b/)) return 'feeder';
  if (has(n, /\bflatbed\b/, /\bflat bed\b/, /\bplaten\b/, /\bglass\b/, /\bdocument table\b/, /\bnormal\b/, /\bmat kinh\b/, /\bbed\b/)) return 'flatbed';
  return undefined;
}

/** What colour mode a driver's mode name means; undefined for halftone/dither and the unknown. */
export function classifyMode(name: string): ColorMode | undefined {
  const n = normalizeName(name);
  if (has(n, /\bhalftone\b/, /\bdither/, /\bdiffusion\b/, /\bipc\b/)) return undefined;
  if (has(n, /\bline ?art\b/, /\bbinary\b/, /\bblack (and )?white\b/, /\bb w\b/, /\bbw\b/, /\bmonochrome\b/, /\bmono\b/, /\b1 ?bit\b/, /\bthreshold\b/, /\bden trang\b/)) return 'lineart';
  if (has(n, /\bgr[ae]y/, /\bgrayscale\b/, /\bgreyscale\b/, /\bxam\b/)) return 'gray';
  if (has(n, /\bcolou?r\b/, /\brgb/, /\b(24|48) ?bit\b/, /\bmau\b/)) return 'color';
  return undefined;
}

/**
 * The driver's name to use for a kind, among the names it offers. When several match, the most
 * plain one wins: "ADF Front" before "ADF Back", "Automatic Document Feeder" before "ADF Card".
 */
export function pickName<K extends string>(available: readonly string[], kind: K, classify: (name: string) => K | undefined): string | undefined {
  const candidates = available.filter((a) => classify(a) === kind);
  const penalty = (name: string) => {
    const n = normalizeName(name);
    let p = n.length / 100; // shorter is plainer
    if (/\bback\b/.test(n)) p += 10;
    if (/\bcard\b/.test(n)) p += 5;
    if (/\b(16|48)\b/.test(n)) p += 2; // 16-bit grey, 48-bit colour: large for documents
    return p;
  };
  return [...candidates].sort((a, b) => penalty(a) - penalty(b))[0];
}

export const pickSourceName = (available: readonly string[], kind: SourceKind) => pickName(available, kind, classifySource);
export const pickModeName = (available: readonly string[], mode: ColorMode) => pickName(available, mode, classifyMode);

// The one place that turns a pdfmake document definition into PDF bytes on Node.
//
// - pdfmake 0.3 on Node: the package exports a ready instance (`createPdf`, `addFonts`,
//   `setUrlAccessPolicy`, …); `createPdf(doc).getBuffer()` returns a Promise<Buffer>.
// - Fonts: Roboto as shipped in node_modules/pdfmake/fonts/Roboto (covers Vietnamese). The
//   files are read once into pdfmake's virtual file system, so renders never touch the disk,
//   and the parsed fonts are shared between documents (see "Keeping the fonts warm").
//   When the code is bundled (esbuild → one CJS file for Electron) node_modules may not be
//   there: call `setFontDirectory(dir)` with the folder the build copied the .ttf files to.
// - Every string of the definition is normalised to NFC before layout (docs/domain.md, "The printed forms": NFD
//   Vietnamese renders as loose combining marks).
// - The station never fetches anything while printing: URL access is denied and local file
//   access is limited to the font folder.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as pdfmakeModule from 'pdfmake';
import * as pdfDocumentModule from 'pdfmake/js/PDFDocument.js';
import type { TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces';

export type { TDocumentDefinitions } from 'pdfmake/interfaces';

type PdfMake = typeof pdfmakeModule & {
  /** Present at run time on Node (pdfmake/js/virtual-fs.js), not in the type declarations. */
  virtualfs?: { writeFileSync(name: string, content: Buffer): void; existsSync(name: string): boolean };
};

// pdfmake is CommonJS (`module.exports = new pdfmake()`, methods on the prototype): Node's ESM
// loader, vitest and esbuild's CJS interop all expose that instance as `default`.
const pdfmake: PdfMake =
  ((pdfmakeModule as unknown as { default?: PdfMake }).default ?? (pdfmakeModule as PdfMake));

/** The four faces pdfmake asks for, and the Roboto files that provide them. */
const FONT_FILES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
} as const;

/** Prefix of our entries in pdfmake's (process-wide) virtual file system. */
const VFS_PREFIX = 'station-fonts';

// ---------------------------------------------------------------------------------------------
// Keeping the fonts warm
//
// pdfmake opens each font afresh for every document: fontkit parses the font again and the
// first layout of every word decodes glyphs and the GSUB/GPOS tables again, which is most of
// the time of a render. pdfkit keeps one `EmbeddedFont` per document (its subset and PDF
// objects belong to that document), but the fontkit font inside it is read-only and can be
// shared, and so can the cache of laid-out words. `provideFont` of pdfmake's document class is
// wrapped so that, for our Roboto files, a document gets a fresh EmbeddedFont around the shared
// fontkit font. Anything unexpected (another pdfmake/pdfkit shape) falls back to pdfmake's own
// path, which is slower but correct.

type EmbeddedFontLike = {
  font: unknown;
  layoutCache?: Record<string, unknown>;
  constructor: new (document: unknown, font: unknown, id: string) => EmbeddedFontLike;
};
type PdfKitDocumentLike = {
  fonts?: Record<string, Record<string, unknown>>;
  fontCache?: Record<string, Record<string, unknown>>;
  getFontType(bold: boolean, italics: boolean): string;
  _fontFamilies?: Record<string, unknown>;
  _fontCount?: number;
};
type ProvideFont = (this: PdfKitDocumentLike, family: string, bold: boolean, italics: boolean) => unknown;

const sharedFonts = new Map<string, { font: unknown; make: EmbeddedFontLike['constructor']; layoutCache?: Record<string, unknown> }>();
let fontSharing = false;
/** Distinct words kept laid out per font face before the cache is started again. */
const LAYOUT_CACHE_LIMIT = 20_000;

function pdfDocumentClass(): { prototype: { provideFont?: ProvideFont } } | undefined {
  const candidates: unknown[] = [pdfDocumentModule];
  const ns = pdfDocumentModule as { default?: { default?: unknown } };
  candidates.push(ns.default, ns.default?.default);
  for (const c of candidates) {
    if (typeof c === 'function' && typeof (c.prototype as { provideFont?: unknown }).provideFont === 'function') {
      return c as { prototype: { provideFont?: ProvideFont } };
    }
  }
  return undefined;
}

function installFontSharing(): void {
  if (fontSharing) return;
  const cls = pdfDocumentClass();
  const original = cls?.prototype.provideFont;
  if (!cls || !original) return;
  cls.prototype.provideFont = function provideFont(family, bold, italics) {
    const type = this.getFontType(bold, italics);
    const cached = this.fontCache?.[family]?.[type];
    if (cached) return cached;
    const src = this.fonts?.[family]?.[type];
    const key = typeof src === 'string' && src.startsWith(`${VFS_PREFIX}/`) ? src : undefined;
    const shared = key === undefined ? undefined : sharedFonts.get(key);
    if (shared && this.fontCache && this._fontFamilies && typeof this._fontCount === 'number') {
      const embedded = new shared.make(this, shared.font, `F${++this._fontCount}`);
      if (shared.layoutCache && embedded.layoutCache) {
        // Words (names, numbers) accumulate over months of printing: start afresh now and then.
        if (Object.keys(shared.layoutCache).length > LAYOUT_CACHE_LIMIT) shared.layoutCache = embedded.layoutCache;
        else embedded.layoutCache = shared.layoutCache;
      }
      // Registered like pdfkit's own font(): written into the PDF when the document ends.
      this._fontFamilies[`${key}#${type}`] = embedded;
      (this.fontCache[family] ??= {})[type] = embedded;
      return embedded;
    }
    const made = original.call(this, family, bold, italics) as Partial<EmbeddedFontLike> | undefined;
    if (key !== undefined && made && made.font && typeof made.constructor === 'function' && keepCodePoints(made.font)) {
      sharedFonts.set(key, { font: made.font, make: made.constructor as EmbeddedFontLike['constructor'], layoutCache: made.layoutCache });
    }
    return made;
  };
  fontSharing = true;
}

/**
 * fontkit caches glyph objects with the code points of the call that created them. Subsetting
 * (at the end of a document) creates the components of composite glyphs ("a" inside "ả")
 * without code points; in a shared font such a glyph would later be laid out with no Unicode
 * mapping, and the text of the next PDFs could not be copied or searched. Fill them in when a
 * layout call supplies them.
 */
function keepCodePoints(font: unknown): boolean {
  const f = font as { getGlyph?: (id: number, chars?: number[]) => { codePoints?: number[] } | null };
  const getGlyph = f.getGlyph;
  if (typeof getGlyph !== 'function') return false;
  f.getGlyph = function (this: unknown, id: number, chars: number[] = []) {
    const glyph = getGlyph.call(this, id, chars);
    if (glyph && chars.length > 0 && (glyph.codePoints === undefined || glyph.codePoints.length === 0)) {
      glyph.codePoints = chars;
    }
    return glyph;
  };
  return true;
}

let fontDirectory: string | undefined;
let fontsReady = false;

/** Where pdfmake's Roboto fonts are when node_modules is present. */
export function defaultFontDirectory(): string {
  // In an ES module `import.meta.url` is set; in an esbuild CJS bundle `import.meta` is empty
  // and the bundle's own `require` is used instead.
  const metaUrl = (import.meta as { url?: string }).url;
  const req: NodeJS.Require =
    typeof metaUrl === 'string' && metaUrl !== ''
      ? createRequire(metaUrl)
      : typeof require === 'function'
        ? require
        : createRequire(path.join(process.cwd(), 'index.js'));
  let pkg: string;
  try {
    pkg = req.resolve('pdfmake/package.json');
  } catch (cause) {
    throw new Error('Roboto fonts not found: pdfmake is not installed next to this code; call setFontDirectory(dir)', { cause });
  }
  return path.join(path.dirname(pkg), 'fonts', 'Roboto');
}

/**
 * Use the Roboto .ttf files from `dir` (Roboto-Regular, -Medium, -Italic, -MediumItalic).
 * For packaged builds where node_modules/pdfmake is not on disk. Takes effect on the next render.
 */
export function setFontDirectory(dir: string): void {
  fontDirectory = path.resolve(dir);
  fontsReady = false;
}

/** The folder fonts are (or will be) loaded from. */
export function fontDirectoryInUse(): string {
  return fontDirectory ?? defaultFontDirectory();
}

function ensureFonts(): void {
  if (fontsReady) return;
  const dir = fontDirectoryInUse();
  const vfs = pdfmake.virtualfs;
  const fonts: Record<string, string> = {};
  for (const [face, file] of Object.entries(FONT_FILES)) {
    const full = path.join(dir, file);
    if (!existsSync(full)) {
      throw new Error(`Font file missing: ${full} (set the font folder with setFontDirectory())`);
    }
    if (vfs) {
      const name = `${VFS_PREFIX}/${file}`;
      vfs.writeFileSync(name, readFileSync(full));
      fonts[face] = name;
    } else {
      fonts[face] = full;
    }
  }
  pdfmake.setFonts({ Roboto: fonts } as TFontDictionary);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((p: string) => path.resolve(p).startsWith(dir + path.sep));
  sharedFonts.clear();
  installFontSharing();
  fontsReady = true;
}

const isPlainObject = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * A deep copy of `value` with every string normalised to NFC. Arrays and plain objects are
 * copied (so pdfmake's in-place bookkeeping never touches the caller's objects, and a node used
 * twice is laid out twice); functions (dynamic headers, table layouts) are wrapped so what they
 * return is normalised too; buffers, dates and other class instances are kept as they are.
 */
export function normalizeNfc<T>(value: T): T {
  const seen = new Set<object>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.normalize('NFC');
    if (typeof v === 'function') {
      const fn = v as (...args: unknown[]) => unknown;
      return function (this: unknown, ...args: unknown[]) {
        return normalizeNfc(fn.apply(this, args));
      };
    }
    if (v === null || typeof v !== 'object') return v;
    if (ArrayBuffer.isView(v) || !(Array.isArray(v) || isPlainObject(v))) return v;
    if (seen.has(v)) throw new TypeError('Document definition contains a cycle');
    seen.add(v);
    let out: unknown;
    if (Array.isArray(v)) {
      out = v.map(walk);
    } else {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) o[k] = walk(x);
      out = o;
    }
    seen.delete(v);
    return out;
  };
  return walk(value) as T;
}

/**
 * Lays out and renders a pdfmake document definition to PDF bytes. Fonts default to Roboto
 * (set as `defaultStyle.font` when the definition names none).
 */
export async function renderPdf(docDefinition: TDocumentDefinitions): Promise<Buffer> {
  ensureFonts();
  const doc = normalizeNfc(docDefinition);
  doc.defaultStyle = { font: 'Roboto', ...doc.defaultStyle };
  return pdfmake.createPdf(doc).getBuffer();
}

/** Loads the fonts and lays out a small page, so the first real print is fast. */
export async function warmUpPdf(): Promise<void> {
  await renderPdf({
    content: [{ text: 'Khởi động – Trạm tiếp nhận một cửa', bold: true }, { text: 'ấầẩẫậ ếềểễệ ốồổỗộ ướừửữự', italics: true }],
  });
}

import { missingCaseError } from './errors';
import { SecurityError, type SecurityErrorCode } from './security-errors';

// Text that people type (or paste, or that arrives from the portal) before it is stored, printed
// on a slip or used as a name on disk. What is refused and what is silently cleaned:
//
// - Refused: NUL, other control characters (C0, DEL, C1), bidi embeddings/overrides/isolates,
//   lone surrogates, noncharacters, private-use characters, and letters buried under more than
//   two combining marks. Each of these makes the text say something other than what the officer
//   saw: an override (U+202E) shows "Nguyễn" reversed while storing it forwards, so stripping it
//   would store what nobody saw — a person must retype; NUL cuts the text in C-side tools
//   (printer drivers, the portal's systems); ESC and friends are commands to ESC/POS printers;
//   private-use and broken characters print as empty boxes.
// - Stripped: invisible characters that change nothing a person sees — zero-width spaces and
//   joiners, word joiner, BOM, the direction marks LRM/RLM/ALM and other format characters (soft
//   hyphen, tag characters). They come with copy-paste from Word, web pages and chat apps, and
//   left in place they make "Nguyễn Văn An" differ from itself in searches and duplicate checks.
// - Per kind: a note keeps its tabs and line breaks; an address joins pasted lines with spaces;
//   a name or a setting refuses an inner line break (a name on two lines is two things pasted);
//   single-line kinds turn tabs and odd spaces (NBSP, ideographic space) into one plain space.
//   Every kind is trimmed (a cell copied from Excel ends with "\r\n") and NFC-normalised, which
//   keeps Vietnamese marks and composes them (NFD "ê" + "̃" becomes "ễ").

export type TextKind = 'name' | 'address' | 'note' | 'setting';

type Policy = Readonly<{ lineBreaks: 'keep' | 'space' | 'refuse'; tabs: 'keep' | 'space' }>;

const POLICIES: Readonly<Record<TextKind, Policy>> = {
  name: { lineBreaks: 'refuse', tabs: 'space' },
  address: { lineBreaks: 'space', tabs: 'space' },
  setting: { lineBreaks: 'refuse', tabs: 'space' },
  note: { lineBreaks: 'keep', tabs: 'keep' },
};

/** More than this many combining marks on one letter is not writing but an overflowing smear. */
const MAX_MARKS_PER_LETTER = 2;

export type TextCheck =
  | Readonly<{ ok: true; text: string; /** invisible characters removed */ removed: number }>
  | Readonly<{ ok: false; error: SecurityError }>;

type CharClass = 'plain' | 'nul' | 'control' | 'bidi' | 'invisible' | 'lineBreak' | 'tab' | 'space' | 'invalid';

const LINE_BREAKS = new Set([0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0x2028, 0x2029]);
const DIRECTION_MARKS = new Set([0x200e, 0x200f, 0x061c]);
const FORMAT = /^\p{Cf}$/u;
const SPACE = /^\p{Zs}$/u;
const PRIVATE_USE = /^\p{Co}$/u;
const MARK = /^\p{M}$/u;

function classify(cp: number, ch: string): CharClass {
  if (cp === 0) return 'nul';
  if (cp === 0x09) return 'tab';
  if (LINE_BREAKS.has(cp)) return 'lineBreak';
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return 'control';
  if (cp < 0x7f) return 'plain'; // the common case, before any regular expression
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return 'bidi';
  if (DIRECTION_MARKS.has(cp)) return 'invisible';
  if (cp >= 0xd800 && cp <= 0xdfff) return 'invalid'; // a lone surrogate: for..of yields pairs joined
  if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) return 'invalid'; // noncharacters
  if (PRIVATE_USE.test(ch)) return 'invalid';
  if (FORMAT.test(ch)) return 'invisible'; // zero-width space/joiners, word joiner, BOM, soft hyphen, tags
  if (SPACE.test(ch)) return 'space';
  return 'plain';
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

function refusal(code: SecurityErrorCode, cp: number, position: number, field: string | undefined): TextCheck {
  return { ok: false, error: new SecurityError(code, { codePoint: hex(cp), position }, field) };
}

/**
 * Checks and cleans one field of text a person typed: refuses what would make it lie about
 * itself (see the top of this file), strips invisible characters, normalises spaces and line
 * breaks for its kind, trims and NFC-normalises. Never throws.
 */
export function checkPersonText(input: string, kind: TextKind = 'name', field?: string): TextCheck {
  const policy = POLICIES[kind];
  let out = '';
  let removed = 0;
  let position = 0;
  let previous = 0;
  // Where the first line break between two pieces of text was (a leading or trailing one is trimmed).
  let contentSeen = false;
  let pendingBreak = 0;
  let innerBreak = 0;
  for (const ch of input) {
    position++;
    const cp = ch.codePointAt(0)!;
    const cls = classify(cp, ch);
    switch (cls) {
      case 'plain':
        if (ch !== ' ') {
          if (pendingBreak && !innerBreak) innerBreak = pendingBreak;
          contentSeen = true;
        }
        out += ch;
        break;
      case 'nul':
        return refusal('TEXT_NUL', cp, position, field);
      case 'control':
        return refusal('TEXT_CONTROL_CHARACTER', cp, position, field);
      case 'bidi':
        return refusal('TEXT_BIDI_CONTROL', cp, position, field);
      case 'invalid':
        return refusal('TEXT_INVALID_CHARACTER', cp, position, field);
      case 'invisible':
        removed++;
        break;
      case 'space':
        out += ' ';
        break;
      case 'tab':
        out += policy.tabs === 'keep' ? '\t' : ' ';
        break;
      case 'lineBreak':
        if (cp === 0x0a && previous === 0x0d) break; // "\r\n" is one break
        if (contentSeen && !pendingBreak) pendingBreak = position;
        out += '\n';
        break;
      default:
        throw missingCaseError(cls);
    }
    previous = cp;
  }
  let text = out.normalize('NFC');
  text = text.replace(/^[ \t\n]+|[ \t\n]+$/g, ''); // ends first: a trailing "\r\n" is no inner break
  if (policy.lineBreaks === 'refuse' && innerBreak) return refusal('TEXT_LINE_BREAK', [...input][innerBreak - 1]!.codePointAt(0)!, innerBreak, field);
  if (policy.lineBreaks === 'space') text = text.replace(/ *\n */g, ' ');
  if (kind !== 'note') text = text.replace(/ {2,}/g, ' ');
  else text = text.replace(/[ \t]+$/gm, ''); // trailing blanks of a line print as nothing
  const stacked = firstOverStackedMark(text);
  if (stacked > 0) return { ok: false, error: new SecurityError('TEXT_TOO_MANY_MARKS', { position: stacked }, field) };
  return { ok: true, text, removed };
}

/** Like checkPersonText, for code that has no form to show the error on: throws SecurityError. */
export function cleanPersonText(input: string, kind: TextKind = 'name', field?: string): string {
  const checked = checkPersonText(input, kind, field);
  if (!checked.ok) throw checked.error;
  return checked.text;
}

/** 1-based position (in code points of the normalised text) of the first letter with too many marks, or 0. */
function firstOverStackedMark(text: string): number {
  let run = 0;
  let position = 0;
  for (const ch of text) {
    position++;
    if (ch.charCodeAt(0) < 0x300) { run = 0; continue; } // no mark below U+0300
    run = MARK.test(ch) ? run + 1 : 0;
    if (run > MAX_MARKS_PER_LETTER) return position;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Addresses: the lookup address printed in the slip's QR code, and the portal's address.

export type UrlCheck = Readonly<{ ok: true } | { ok: false; error: SecurityError }>;

const PLACEHOLDER = '{code}';
/** Anything invisible or blank has no place in an address a citizen's phone will open. */
const URL_FORBIDDEN = /[\s\p{C}\p{Z}]/u;
const SAMPLE_CODE = '000.00.06.H56-231027-0361';

/** Where the authority (user:pass@host:port) of "scheme://authority/…" ends. */
function authorityEnd(url: string, from: number): number {
  const rest = url.slice(from).search(/[/?#]/);
  return rest < 0 ? url.length : from + rest;
}

/**
 * The slip's QR lookup template: http(s) only (a QR code opening javascript:, data: or file: on
 * a citizen's phone is an attack), one or more {code} placeholders after the host name (the
 * dossier code must never choose the server), no credentials ("https://dichvucong.gov.vn@evil.vn/"
 * shows a trusted name but goes elsewhere), nothing invisible.
 */
export function checkUrlTemplate(template: string): UrlCheck {
  const fail = (code: SecurityErrorCode): UrlCheck => ({ ok: false, error: new SecurityError(code, {}, 'lookupUrlTemplate') });
  if (typeof template !== 'string' || template.length === 0 || template.length > 300) return fail('URL_TEMPLATE_MALFORMED');
  const scheme = /^(https?):\/\//i.exec(template);
  if (!scheme) return fail('URL_TEMPLATE_SCHEME');
  if (URL_FORBIDDEN.test(template)) return fail('URL_TEMPLATE_MALFORMED');
  const withoutPlaceholders = template.split(PLACEHOLDER).join('');
  if (/[{}]/.test(withoutPlaceholders)) return fail('URL_TEMPLATE_PLACEHOLDER');
  const first = template.indexOf(PLACEHOLDER);
  const hostEnd = authorityEnd(template, scheme[0].length);
  if (first < 0 || first < hostEnd) return fail('URL_TEMPLATE_PLACEHOLDER');
  if (template.slice(scheme[0].length, hostEnd).includes('@')) return fail('URL_TEMPLATE_MALFORMED');
  let url: URL;
  try {
    url = new URL(template.split(PLACEHOLDER).join(encodeURIComponent(SAMPLE_CODE)));
  } catch {
    return fail('URL_TEMPLATE_MALFORMED');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname || url.username || url.password) {
    return fail('URL_TEMPLATE_MALFORMED');
  }
  return { ok: true };
}

export const isSafeUrlTemplate = (template: string): boolean => checkUrlTemplate(template).ok;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * The portal's address: https, because the station sends the portal secret and citizens' data;
 * plain http only to this PC itself (the portal simulator, a technician's local test). The host
 * is read after WHATWG parsing, so "http://localhost.evil.vn" or "http://127.0.0.1@evil.vn" are
 * not loopback.
 */
export function checkPortalUrl(address: string): UrlCheck {
  const fail = (code: SecurityErrorCode): UrlCheck => ({ ok: false, error: new SecurityError(code, {}, 'url') });
  if (typeof address !== 'string' || address.length === 0 || address.length > 500 || URL_FORBIDDEN.test(address)) return fail('PORTAL_URL_MALFORMED');
  const scheme = /^(https?):\/\//i.exec(address);
  if (!scheme) return fail('PORTAL_URL_HTTPS_REQUIRED');
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return fail('PORTAL_URL_MALFORMED');
  }
  if (!url.hostname || url.username || url.password) return fail('PORTAL_URL_MALFORMED');
  if (url.protocol === 'https:') return { ok: true };
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return { ok: true };
  return fail('PORTAL_URL_HTTPS_REQUIRED');
}

export const isAllowedPortalUrl = (address: string): boolean => checkPortalUrl(address).ok;

// ---------------------------------------------------------------------------------------------
// Names on disk and device ids.

const FILE_NAME_MAX = 80;
const RESERVED_WINDOWS_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9]|conin\$|conout\$)$/i;

/**
 * A dossier code (from the portal: anything) as one component of a file name that cannot leave
 * its folder: ASCII letters, digits, ".", "_" and "-" only (no "/", "\", ":" — hence no drive
 * letters — no NUL), no leading or trailing dot and no "..", never a reserved Windows device name
 * (CON, NUL, COM1…, with or without an extension), at most 80 characters. Stable: the same code
 * always gives the same name. A code that had to change gets 10 hex digits of a hash of it
 * appended, so two codes that clean to the same text ("a/b", "a_b") still get two names.
 */
export function safeFileName(code: string, maxLength = FILE_NAME_MAX): string {
  const limit = Math.max(16, maxLength);
  let name = String(code)
    .normalize('NFC')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[._]+|[._]+$/g, '');
  if (name === '') name = 'ma';
  const stem = name.split('.')[0] ?? '';
  if (RESERVED_WINDOWS_NAMES.test(stem)) name = `_${name}`;
  if (name === code && name.length <= limit) return name;
  const digest = stableHash(String(code));
  const head = name.slice(0, limit - digest.length - 1).replace(/[.]+$/, '');
  return `${head}-${digest}`;
}

/**
 * 40 bits of cyrb53 (a fast, well-mixed non-cryptographic hash) as 10 hex digits. Plain
 * TypeScript, so this module also runs in the renderer; no security rests on it — the name is
 * safe without it — it only keeps distinct codes apart.
 */
function stableHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return ((h2 >>> 0) & 0xff).toString(16).padStart(2, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

const DEVICE_ID_MAX = 500;

/**
 * A scanner or token id as drivers report it ("escl:http://192.168.1.20:80/eSCL",
 * "pixma:04A91912_ABCDEF", "{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001"), before it is passed
 * to scanimage, PowerShell or a URL: printable, no NUL, no control or invisible characters, not
 * starting with "-" (scanimage would read it as an option), 1–500 characters.
 */
export function isSafeDeviceId(id: unknown): boolean {
  if (typeof id !== 'string' || id.length === 0 || id.length > DEVICE_ID_MAX) return false;
  if (id.startsWith('-') || id.trim() !== id) return false;
  for (const ch of id) {
    const cls = classify(ch.codePointAt(0)!, ch);
    if (cls !== 'plain' && cls !== 'space') return false;
  }
  return true;
}

// Code 128 (ISO/IEC 15417) encoder for the dossier code printed on the forms.
//
// Code sets B (printable ASCII) and C (digit pairs) are used; code set A (control characters)
// is never needed for dossier codes and is not implemented. The encoder picks the shortest
// sequence of B/C symbols (digit runs become code set C when that saves symbols), adds the
// modulo-103 check symbol and the stop pattern, and returns the pattern as module widths.
// `code128Bars` turns it into bar rectangles to draw as vectors (pdfmake canvas rects).

/**
 * Widths of bar, space, bar, space, bar, space (in modules) of the symbols 0–105;
 * index 106 is the stop pattern (bar, space, bar, space, bar, space, bar: 13 modules).
 */
export const CODE128_PATTERNS: readonly string[] = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
];

export const CODE128_CODE_B = 100;
export const CODE128_CODE_C = 99;
export const CODE128_START_A = 103;
export const CODE128_START_B = 104;
export const CODE128_START_C = 105;
export const CODE128_STOP = 106;

/** Which code sets the encoder may use: only B, or B with C for runs of digits. */
export type Code128Mode = 'B' | 'auto';

export type Code128Encoding = Readonly<{
  /** Symbol values from the start symbol to the check symbol (the stop is not a value). */
  values: readonly number[];
  /** The modulo-103 check symbol (also the last entry of `values`). */
  checksum: number;
  /**
   * Module widths of the whole symbol, alternating bar and space and starting with a bar,
   * from the start pattern to the end of the stop pattern (quiet zones not included).
   */
  widths: readonly number[];
  /** Total width in modules (11 per symbol, 13 for the stop), quiet zones not included. */
  modules: number;
}>;

/** A dark bar, in modules from the left edge of the start pattern. */
export type Code128Bar = Readonly<{ start: number; width: number }>;

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

function checkEncodable(text: string): void {
  if (text.length === 0) throw new RangeError('Code 128: nothing to encode');
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c > 127) {
      throw new RangeError(
        `Code 128 (code set B) cannot encode ${JSON.stringify(text[i])} at position ${i} of ${JSON.stringify(text)}`,
      );
    }
  }
}

/**
 * The symbol values (without start, check and stop) for `text`, and the start set.
 * In 'auto' mode a small dynamic programme finds the fewest symbols over code sets B and C;
 * on a tie it stays in the current set (fewer switches).
 */
function plan(text: string, mode: Code128Mode): { start: 'B' | 'C'; values: number[] } {
  const toB = (i: number): number => text.charCodeAt(i) - 32;
  if (mode === 'B') {
    return { start: 'B', values: Array.from(text, (_, i) => toB(i)) };
  }
  const n = text.length;
  // cost[set][i]: fewest symbols to encode text[i..] when currently in `set` (0 = B, 1 = C).
  const INF = Number.MAX_SAFE_INTEGER;
  const costB = new Array<number>(n + 1).fill(INF);
  const costC = new Array<number>(n + 1).fill(INF);
  costB[n] = 0;
  costC[n] = 0;
  const pairAt = (i: number): boolean => i + 1 < n && isDigit(text.charCodeAt(i)) && isDigit(text.charCodeAt(i + 1));
  for (let i = n - 1; i >= 0; i--) {
    // In C: a digit pair costs 1; otherwise switch to B (1) and encode there.
    const stayC = pairAt(i) ? 1 + (costC[i + 2] as number) : INF;
    // In B: any character costs 1.
    const stayB = 1 + (costB[i + 1] as number);
    costC[i] = Math.min(stayC, stayB === INF ? INF : 1 + stayB);
    costB[i] = Math.min(stayB, stayC === INF ? INF : 1 + stayC);
  }
  const start: 'B' | 'C' = (costC[0] as number) < (costB[0] as number) ? 'C' : 'B';
  const values: number[] = [];
  let set = start;
  let i = 0;
  while (i < n) {
    const stayC = pairAt(i) ? 1 + (costC[i + 2] as number) : INF;
    const stayB = 1 + (costB[i + 1] as number);
    if (set === 'C') {
      if (stayC <= 1 + stayB) {
        values.push(Number(text.slice(i, i + 2)));
        i += 2;
      } else {
        values.push(CODE128_CODE_B);
        set = 'B';
      }
    } else if (stayB <= 1 + stayC) {
      values.push(toB(i));
      i += 1;
    } else {
      values.push(CODE128_CODE_C);
      set = 'C';
    }
  }
  return { start, values };
}

/**
 * Encodes `text` (printable ASCII) as Code 128. `mode` 'auto' (the default) uses code set C
 * for digit runs where that makes the symbol shorter; 'B' uses code set B only.
 * Throws a RangeError for an empty text or a character outside ASCII 32–127.
 */
export function encodeCode128(text: string, mode: Code128Mode = 'auto'): Code128Encoding {
  checkEncodable(text);
  const { start, values: data } = plan(text, mode);
  const values = [start === 'C' ? CODE128_START_C : CODE128_START_B, ...data];
  let sum = values[0] as number;
  for (let k = 1; k < values.length; k++) sum += k * (values[k] as number);
  const checksum = sum % 103;
  values.push(checksum);
  const widths: number[] = [];
  for (const v of [...values, CODE128_STOP]) {
    for (const ch of CODE128_PATTERNS[v] as string) widths.push(ch.charCodeAt(0) - 48);
  }
  const modules = widths.reduce((a, b) => a + b, 0);
  return { values, checksum, widths, modules };
}

/** The dark bars of an encoding, each as its start and width in modules. */
export function code128Bars(encoding: Code128Encoding): Code128Bar[] {
  const bars: Code128Bar[] = [];
  let x = 0;
  encoding.widths.forEach((w, k) => {
    if (k % 2 === 0) bars.push({ start: x, width: w });
    x += w;
  });
  return bars;
}

/** The pattern as a string of '1' (bar module) and '0' (space module), as reference tables print it. */
export function code128ModuleString(encoding: Code128Encoding): string {
  return encoding.widths.map((w, k) => (k % 2 === 0 ? '1' : '0').repeat(w)).join('');
}

const PATTERN_VALUE = new Map<string, number>(CODE128_PATTERNS.map((p, v) => [p, v]));

/**
 * Decodes module widths (bar first, start pattern to stop pattern) back to the text, checking
 * the start, the check symbol and the stop. Handles code sets B and C (not A, not FNC codes).
 * Used by the tests to read back bars measured in a rendered page.
 */
export function decodeCode128(widths: readonly number[]): string {
  if (widths.length < 6 * 3 + 7 || (widths.length - 7) % 6 !== 0) {
    throw new Error(`Code 128: ${widths.length} elements is not a whole number of symbols`);
  }
  const values: number[] = [];
  for (let k = 0; k + 7 < widths.length; k += 6) {
    const key = widths.slice(k, k + 6).join('');
    const v = PATTERN_VALUE.get(key);
    if (v === undefined || v > 105) throw new Error(`Code 128: unknown symbol pattern ${key} at element ${k}`);
    values.push(v);
  }
  if (widths.slice(-7).join('') !== CODE128_PATTERNS[CODE128_STOP]) throw new Error('Code 128: no stop pattern');
  const checksum = values.pop() as number;
  let sum = values[0] as number;
  for (let k = 1; k < values.length; k++) sum += k * (values[k] as number);
  if (sum % 103 !== checksum) throw new Error(`Code 128: check symbol ${checksum} ≠ ${sum % 103}`);
  let set: 'B' | 'C';
  if (values[0] === CODE128_START_B) set = 'B';
  else if (values[0] === CODE128_START_C) set = 'C';
  else throw new Error(`Code 128: unsupported start symbol ${values[0]}`);
  let text = '';
  for (const v of values.slice(1)) {
    if (set === 'C') {
      if (v < 100) text += String(v).padStart(2, '0');
      else if (v === CODE128_CODE_B) set = 'B';
      else throw new Error(`Code 128: unsupported symbol ${v} in code set C`);
    } else if (v < 96) text += String.fromCharCode(v + 32);
    else if (v === CODE128_CODE_C) set = 'C';
    else throw new Error(`Code 128: unsupported symbol ${v} in code set B`);
  }
  return text;
}

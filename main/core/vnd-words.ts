// Amounts of money in Vietnamese words, as a receipt writes them under the figures
// ("Số tiền bằng chữ: Một triệu không trăm linh năm nghìn đồng"). Pure: the renderer shows the
// same words the printed receipt carries.
//
// The rules of the spoken number:
// - groups of three digits, named nghìn, triệu, tỷ; above a tỷ the groups start again
//   ("một nghìn tỷ", "một triệu tỷ"); a group of zeros is left out;
// - a group after a higher one says its hundreds even when zero ("một triệu không trăm linh năm
//   nghìn") and "linh" for a zero ten before a unit ("một trăm linh năm");
// - ten is "mười" ("mười lăm"), twenty and above "… mươi" ("hai mươi");
// - after "mươi" a one is "mốt" ("hai mươi mốt") and a four "tư" ("hai mươi tư");
// - after "mười" or "mươi" a five is "lăm" ("mười lăm", "hai mươi lăm").

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

/** The largest amount written: beyond it money is not counted at a counter (and floats lose integers). */
export const MAX_WORDED_AMOUNT = Number.MAX_SAFE_INTEGER;

const digit = (d: number): string => DIGITS[d]!;

/** One group of three digits (0–999). `full`: a group after a higher one says its hundreds and "linh". */
function group(n: number, full: boolean): string[] {
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const units = n % 10;
  const words: string[] = [];
  if (hundreds > 0 || full) words.push(digit(hundreds), 'trăm');
  if (tens === 0) {
    if (units > 0 && words.length > 0) words.push('linh');
  } else if (tens === 1) {
    words.push('mười');
  } else {
    words.push(digit(tens), 'mươi');
  }
  if (units > 0) {
    if (units === 1 && tens >= 2) words.push('mốt');
    else if (units === 4 && tens >= 2) words.push('tư');
    else if (units === 5 && tens >= 1) words.push('lăm');
    else words.push(digit(units));
  }
  return words;
}

/** 0 ≤ n < 10⁹, after a higher part when `full`. */
function belowBillion(n: number, full: boolean): string[] {
  const parts: Array<[number, string]> = [
    [Math.floor(n / 1_000_000), 'triệu'],
    [Math.floor((n % 1_000_000) / 1000), 'nghìn'],
    [n % 1000, ''],
  ];
  const words: string[] = [];
  let higher = full;
  for (const [value, name] of parts) {
    if (value === 0) continue;
    words.push(...group(value, higher));
    if (name) words.push(name);
    higher = true;
  }
  return words;
}

/** A whole number (0 … 2⁵³−1) in Vietnamese words, lower case: 1005000 → "một triệu không trăm linh năm nghìn". */
export function numberInWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Not a whole amount of money: ${n}`);
  if (n === 0) return digit(0);
  const words: string[] = [];
  // Billions are themselves a number ("một nghìn tỷ"); what follows them is a full part.
  const billions = Math.floor(n / 1_000_000_000);
  const rest = n % 1_000_000_000;
  if (billions > 0) words.push(numberInWords(billions), 'tỷ');
  words.push(...belowBillion(rest, billions > 0));
  return words.join(' ');
}

/** What a receipt prints: "Hai mươi nghìn đồng" (capitalised, with the currency). */
export function vndInWords(amount: number): string {
  const words = `${numberInWords(amount)} đồng`;
  return words.charAt(0).toLocaleUpperCase('vi') + words.slice(1);
}

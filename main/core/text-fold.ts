// Diacritics-insensitive search keys for Vietnamese. NFD + stripping combining marks
// folds "ễ" to "e", but not "đ"/"Đ" (a letter of its own, not a d with a mark), so it is
// mapped explicitly.

const COMBINING_MARKS = /[\u0300-\u036f]/g;

export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Every word-suffix of a folded name: "nguyen van an" → ["nguyen van an", "van an", "an"].
 * Stored with an index, a prefix range over them finds a person by the start of the full
 * name or of any later part (given name first, as officers often type it).
 */
export function nameSuffixes(folded: string): string[] {
  const words = folded.split(' ').filter(Boolean);
  return words.map((_, i) => words.slice(i).join(' '));
}

/** The exclusive upper bound for a prefix range scan: "ngu" → "ngv". */
export function prefixUpperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/**
 * Search keys of a dossier code: the code and each tail that starts after a dash, upper-case:
 * "000.00.06.H56-231027-0361" → ["000.00.06.H56-231027-0361", "231027-0361", "0361"]. A
 * prefix range over them finds a dossier by its start, by its date-and-number or by its number.
 */
export function codeSearchKeys(code: string): string[] {
  const upper = code.trim().toUpperCase();
  const keys = [upper];
  for (let i = upper.indexOf('-'); i >= 0; i = upper.indexOf('-', i + 1)) if (i + 1 < upper.length) keys.push(upper.slice(i + 1));
  return [...new Set(keys)];
}

// Test data about people: identity numbers consistent with a date of birth, phone numbers.
// No vitest import: the concurrency workers (plain Node + tsx) use this module too.

export type Gender = 'male' | 'female';

/**
 * A valid 12-digit personal identity number for someone born on `birthDate` ("YYYY-MM-DD"):
 * province code, the century/gender digit (0/1 → 1900s, 2/3 → 2000s, even = male), the last
 * two digits of the birth year, then a 6-digit serial.
 */
export function idNumberFor(
  birthDate: string,
  gender: Gender = 'male',
  options: { province?: string; serial?: number } = {},
): string {
  const year = Number(birthDate.slice(0, 4));
  const centuryDigit = ((Math.floor(year / 100) - 19) * 2) + (gender === 'female' ? 1 : 0);
  if (centuryDigit < 0 || centuryDigit > 9) throw new RangeError(`No identity number for birth year ${year}`);
  const serial = String(options.serial ?? 12345).padStart(6, '0');
  return `${options.province ?? '001'}${centuryDigit}${birthDate.slice(2, 4)}${serial}`;
}

/** A distinct valid mobile number per index (Viettel 098x range). */
export function mobileFor(index: number): string {
  return `098${String(index).padStart(7, '0')}`;
}

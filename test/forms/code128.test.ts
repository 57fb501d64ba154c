import { describe, expect, it } from 'vitest';
import {
  CODE128_PATTERNS,
  code128Bars,
  code128ModuleString,
  decodeCode128,
  encodeCode128,
} from '../../main/forms/code128';

describe('Code 128 symbol table', () => {
  it('has 106 symbols of 11 modules and a 13-module stop, bars even and spaces odd', () => {
    expect(CODE128_PATTERNS).toHaveLength(107);
    CODE128_PATTERNS.forEach((pattern, value) => {
      const w = Array.from(pattern, Number);
      const bars = w.filter((_, k) => k % 2 === 0).reduce((a, b) => a + b, 0);
      const spaces = w.filter((_, k) => k % 2 === 1).reduce((a, b) => a + b, 0);
      expect(w.length, `symbol ${value}`).toBe(value === 106 ? 7 : 6);
      expect(bars + spaces, `symbol ${value}`).toBe(value === 106 ? 13 : 11);
      expect(bars % 2, `symbol ${value}`).toBe(0);
      expect(spaces % 2, `symbol ${value}`).toBe(1);
      expect(w.every((x) => x >= 1 && x <= 4)).toBe(true);
    });
    expect(new Set(CODE128_PATTERNS).size).toBe(107);
  });
});

describe('encodeCode128', () => {
  // Reference module strings: ISO/IEC 15417:2007 figure 1 ("AIM") and the zint test suite.
  const reference: Array<[string, 'B' | 'auto', string]> = [
    ['AIM', 'auto', '11010010000101000110001100010001010111011000101110110001100011101011'],
    ['1234567890', 'auto', '110100111001011001110010001011000111000101101100001010011011110110100111100101100011101011'],
    [
      '1234567890',
      'B',
      '1101001000010011100110110011100101100101110011001001110110111001001100111010011101101110111010011001110010110010011101100101000110001100011101011',
    ],
  ];
  it.each(reference)('encodes %s (%s) as the reference pattern', (text, mode, modules) => {
    const enc = encodeCode128(text, mode);
    expect(code128ModuleString(enc)).toBe(modules);
    expect(enc.modules).toBe(modules.length);
    expect(decodeCode128(enc.widths)).toBe(text);
  });

  it('computes the modulo-103 check symbol (worked by hand)', () => {
    // "AIM" in set B: 104 + 1×33 + 2×41 + 3×45 = 354; 354 mod 103 = 45.
    expect(encodeCode128('AIM', 'B')).toMatchObject({ values: [104, 33, 41, 45, 45], checksum: 45 });
    // "PJJ123C": 104 + 48 + 2×42 + 3×42 + 4×17 + 5×18 + 6×19 + 7×35 = 879; 879 mod 103 = 55.
    const pjj = encodeCode128('PJJ123C', 'B');
    expect(pjj.values).toEqual([104, 48, 42, 42, 17, 18, 19, 35, 55]);
    expect(pjj.checksum).toBe(55);
    // Start C: 105 + 1×12 + 2×34 + 3×56 + 4×78 + 5×90 = 1115; 1115 mod 103 = 85.
    expect(encodeCode128('1234567890').checksum).toBe(85);
  });

  it('switches to code set C only for digit runs where that saves symbols', () => {
    const code = '000.00.06.H56-231027-0361';
    const auto = encodeCode128(code);
    const b = encodeCode128(code, 'B');
    expect(b.values).toHaveLength(code.length + 2);
    expect(auto.values.length).toBeLessThan(b.values.length);
    expect(auto.values).toContain(99); // Code C for "231027" / "0361"
    expect(decodeCode128(auto.widths)).toBe(code);
    // A short digit run stays in code set B.
    expect(encodeCode128('A12B').values).toEqual(encodeCode128('A12B', 'B').values);
    // Odd digit runs: one digit stays in B.
    expect(decodeCode128(encodeCode128('12345').widths)).toBe('12345');
    expect(encodeCode128('12').values[0]).toBe(105);
  });

  it('round-trips every printable ASCII character and mixed codes', () => {
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    for (const text of [ascii, 'G09.20-20260609-0092637', 'H56.22-250101-0001', 'x', '0', '00', '1234567', 'AB1234567890CD']) {
      for (const mode of ['B', 'auto'] as const) {
        const enc = encodeCode128(text, mode);
        expect(decodeCode128(enc.widths)).toBe(text);
        expect(enc.modules).toBe(11 * (enc.values.length) + 13);
        expect(encodeCode128(text).values.length).toBeLessThanOrEqual(encodeCode128(text, 'B').values.length);
      }
    }
  });

  it('gives bars whose widths and gaps match the pattern', () => {
    const enc = encodeCode128('AIM');
    const bars = code128Bars(enc);
    expect(bars[0]).toEqual({ start: 0, width: 2 }); // start B: 2 1 1 2 1 4
    expect(bars[1]).toEqual({ start: 3, width: 1 });
    const last = bars[bars.length - 1];
    expect(last && last.start + last.width).toBe(enc.modules);
    const ones = bars.reduce((n, bar) => n + bar.width, 0);
    expect(ones).toBe(code128ModuleString(enc).split('').filter((c) => c === '1').length);
  });

  it('refuses what code set B cannot carry', () => {
    expect(() => encodeCode128('')).toThrow(RangeError);
    expect(() => encodeCode128('Đ-01')).toThrow(RangeError);
    expect(() => encodeCode128('a\tb')).toThrow(RangeError);
  });

  it('detects a misread symbol when decoding', () => {
    const widths = [...encodeCode128('AIM').widths];
    // Read "I" (41) as "J" (42): a valid symbol, caught by the check symbol.
    widths.splice(12, 6, ...Array.from(CODE128_PATTERNS[42] as string, Number));
    expect(() => decodeCode128(widths)).toThrow(/check symbol/);
    // A pattern that is no symbol at all.
    const bad = [...encodeCode128('AIM').widths];
    bad.splice(6, 6, 1, 1, 1, 1, 1, 6);
    expect(() => decodeCode128(bad)).toThrow(/unknown symbol/);
  });
});

import { describe, expect, it } from 'vitest';
import { numberInWords, vndInWords } from '../../main/core/vnd-words';

// Amounts in words as a receipt prints them under the figures.

describe('numbers in Vietnamese words', () => {
  it.each([
    [0, 'không'],
    [1, 'một'],
    [4, 'bốn'],
    [5, 'năm'],
    [10, 'mười'],
    [11, 'mười một'],
    [14, 'mười bốn'],
    [15, 'mười lăm'],
    [20, 'hai mươi'],
    [21, 'hai mươi mốt'],
    [24, 'hai mươi tư'],
    [25, 'hai mươi lăm'],
    [91, 'chín mươi mốt'],
    [100, 'một trăm'],
    [101, 'một trăm linh một'],
    [104, 'một trăm linh bốn'],
    [105, 'một trăm linh năm'],
    [110, 'một trăm mười'],
    [115, 'một trăm mười lăm'],
    [1000, 'một nghìn'],
    [1001, 'một nghìn không trăm linh một'],
    [1010, 'một nghìn không trăm mười'],
    [2024, 'hai nghìn không trăm hai mươi tư'],
    [10_000, 'mười nghìn'],
    [15_000, 'mười lăm nghìn'],
    [21_000, 'hai mươi mốt nghìn'],
    [105_000, 'một trăm linh năm nghìn'],
    [1_000_000, 'một triệu'],
    [1_005_000, 'một triệu không trăm linh năm nghìn'],
    [1_000_005, 'một triệu không trăm linh năm'],
    [5_050_000, 'năm triệu không trăm năm mươi nghìn'],
    [1_000_000_000, 'một tỷ'],
    [1_000_000_001, 'một tỷ không trăm linh một'],
    [2_500_000_000, 'hai tỷ năm trăm triệu'],
    [1_000_000_000_000, 'một nghìn tỷ'],
    [123_456_789, 'một trăm hai mươi ba triệu bốn trăm năm mươi sáu nghìn bảy trăm tám mươi chín'],
  ])('%i → "%s"', (n, words) => {
    expect(numberInWords(n)).toBe(words);
  });

  it('writes a receipt amount capitalised with the currency', () => {
    expect(vndInWords(20_000)).toBe('Hai mươi nghìn đồng');
    expect(vndInWords(1_005_000)).toBe('Một triệu không trăm linh năm nghìn đồng');
    expect(vndInWords(0)).toBe('Không đồng');
  });

  it('refuses what is not a whole amount of money', () => {
    expect(() => numberInWords(-1)).toThrow(RangeError);
    expect(() => numberInWords(1.5)).toThrow(RangeError);
    expect(() => numberInWords(Number.NaN)).toThrow(RangeError);
    expect(() => numberInWords(2 ** 53)).toThrow(RangeError);
  });
});

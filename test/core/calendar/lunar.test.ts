import { describe, it, expect } from 'vitest';
import { leapMonthOf, lunarToSolar, solarToLunar } from '../../../main/core/calendar/lunar';
import { addDays } from '../../../main/core/time';

// Tết Nguyên Đán (lunar 1/1) as published in Vietnamese calendars.
const TET: ReadonlyArray<[number, string]> = [
  [2020, '2020-01-25'],
  [2023, '2023-01-22'],
  [2024, '2024-02-10'],
  [2025, '2025-01-29'],
  [2026, '2026-02-17'],
  [2027, '2027-02-06'],
  [2028, '2028-01-26'],
];

// Giỗ Tổ Hùng Vương (lunar 10/3).
const HUNG_KINGS: ReadonlyArray<[number, string]> = [
  [2024, '2024-04-18'],
  [2025, '2025-04-07'],
  [2026, '2026-04-26'],
];

describe('lunarToSolar', () => {
  it.each(TET)('puts Tết %i on %s', (year, date) => {
    expect(lunarToSolar(1, 1, year)).toBe(date);
  });

  it.each(HUNG_KINGS)('puts Giỗ Tổ Hùng Vương %i on %s', (year, date) => {
    expect(lunarToSolar(10, 3, year)).toBe(date);
  });

  it('puts Tết Trung thu (15/8) on the published dates', () => {
    expect(lunarToSolar(15, 8, 2024)).toBe('2024-09-17');
    expect(lunarToSolar(15, 8, 2025)).toBe('2025-10-06');
  });

  it('uses Vietnam time (UTC+7), where Tết differs from Chinese New Year (UTC+8)', () => {
    expect(lunarToSolar(1, 1, 1968)).toBe('1968-01-29'); // China: 1968-01-30
    expect(lunarToSolar(1, 1, 1985)).toBe('1985-01-21'); // China: 1985-02-20
    expect(lunarToSolar(1, 1, 2007)).toBe('2007-02-17'); // China: 2007-02-18
  });
});

describe('solarToLunar', () => {
  it.each(TET)('reads Tết %i (%s) as 1/1', (year, date) => {
    expect(solarToLunar(date)).toEqual({ day: 1, month: 1, year, leap: false });
  });

  it('gives the last day of the old year on the eve of Tết', () => {
    // Month 12 of Ất Tỵ has 29 days: the eve of Tết 2026 is 29 tháng Chạp.
    expect(solarToLunar('2026-02-16')).toEqual({ day: 29, month: 12, year: 2025, leap: false });
    expect(solarToLunar('2024-02-09')).toEqual({ day: 30, month: 12, year: 2023, leap: false });
  });

  it('reads the production receipt date', () => {
    expect(solarToLunar('2023-10-27')).toEqual({ day: 13, month: 9, year: 2023, leap: false });
  });
});

describe('leap months', () => {
  it('gives lunar 2025 a leap 6th month', () => {
    expect(leapMonthOf(2025)).toBe(6);
    expect(lunarToSolar(1, 6, 2025)).toBe('2025-06-25');
    expect(lunarToSolar(1, 6, 2025, true)).toBe('2025-07-25');
    expect(lunarToSolar(1, 7, 2025)).toBe('2025-08-23');
    expect(solarToLunar('2025-07-25')).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    expect(solarToLunar('2025-08-22')).toEqual({ day: 29, month: 6, year: 2025, leap: true });
  });

  it('knows which years have a leap month', () => {
    expect(leapMonthOf(2020)).toBe(4);
    expect(leapMonthOf(2023)).toBe(2);
    expect(leapMonthOf(2028)).toBe(5);
    expect(leapMonthOf(2024)).toBeNull();
    expect(leapMonthOf(2026)).toBeNull();
  });

  it('rejects a leap flag on a month that is not leap', () => {
    expect(() => lunarToSolar(1, 6, 2024, true)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 5, 2025, true)).toThrow(/no leap month 5/);
  });
});

describe('consistency', () => {
  it('round-trips every day from 2000 to 2040, one lunar day at a time', () => {
    let date = '2000-01-01';
    let previous = solarToLunar(date);
    while (date <= '2040-12-31') {
      const lunar = solarToLunar(date);
      expect(lunarToSolar(lunar.day, lunar.month, lunar.year, lunar.leap)).toBe(date);
      if (date !== '2000-01-01') {
        // Either the next day of the month, or day 1 after day 29 or 30.
        if (lunar.day === 1) expect([29, 30]).toContain(previous.day);
        else expect(lunar.day).toBe(previous.day + 1);
      }
      previous = lunar;
      date = addDays(date, 1);
    }
  });

  it('rejects dates that do not exist', () => {
    expect(() => lunarToSolar(30, 12, 2025)).toThrow(/only 29 days/); // eve of Tết 2026 is the 29th
    expect(() => lunarToSolar(0, 1, 2025)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 13, 2025)).toThrow(RangeError);
    expect(() => lunarToSolar(1.5, 1, 2025)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 1, 1700)).toThrow(RangeError);
    expect(() => solarToLunar('2023-02-30')).toThrow(RangeError);
  });
});

import { describe, it, expect } from 'vitest';
import { defaultCalendarDays, defaultHolidays, withCompensatoryDays } from '../../../main/core/calendar/holidays';
import { lunarToSolar, solarToLunar } from '../../../main/core/calendar/lunar';
import type { CalendarDay } from '../../../main/core/calendar/types';
import { addDays, dayOfWeek } from '../../../main/core/time';

const brief = (days: CalendarDay[]) => days.map((d) => `${d.date} ${d.kind} ${d.name}`);

describe('defaultCalendarDays', () => {
  it('lays out 2026', () => {
    expect(brief(defaultCalendarDays(2026))).toEqual([
      '2026-01-01 holiday Tết Dương lịch',
      '2026-02-16 holiday Tết Nguyên Đán',
      '2026-02-17 holiday Tết Nguyên Đán',
      '2026-02-18 holiday Tết Nguyên Đán',
      '2026-02-19 holiday Tết Nguyên Đán',
      '2026-02-20 holiday Tết Nguyên Đán',
      '2026-04-26 holiday Giỗ Tổ Hùng Vương',
      '2026-04-27 compensatory Nghỉ bù Giỗ Tổ Hùng Vương', // 26/4 is a Sunday
      '2026-04-30 holiday Ngày Chiến thắng',
      '2026-05-01 holiday Ngày Quốc tế Lao động',
      '2026-09-01 holiday Quốc khánh (ngày liền kề)',
      '2026-09-02 holiday Quốc khánh',
    ]);
  });

  it('gives Monday 2/1/2023 for Tết Dương lịch on a Sunday', () => {
    expect(dayOfWeek('2023-01-01')).toBe(0);
    expect(defaultCalendarDays(2023)).toContainEqual({
      date: '2023-01-02',
      kind: 'compensatory',
      name: 'Nghỉ bù Tết Dương lịch',
    });
  });

  it('gives two days after the 2023 weekend holidays, skipping Monday 1/5 which is itself a holiday', () => {
    // Giỗ Tổ 29/4/2023 Saturday, 30/4 Sunday, 1/5 Monday: the government gave 2/5 and 3/5 off.
    const spring = defaultCalendarDays(2023).filter((d) => d.date >= '2023-04-29' && d.date <= '2023-05-05');
    expect(brief(spring)).toEqual([
      '2023-04-29 holiday Giỗ Tổ Hùng Vương',
      '2023-04-30 holiday Ngày Chiến thắng',
      '2023-05-01 holiday Ngày Quốc tế Lao động',
      '2023-05-02 compensatory Nghỉ bù Giỗ Tổ Hùng Vương',
      '2023-05-03 compensatory Nghỉ bù Ngày Chiến thắng',
    ]);
  });

  it('puts Quốc khánh 2029 (a Sunday) with Monday 3/9 and a compensatory Tuesday 4/9', () => {
    expect(dayOfWeek('2029-09-02')).toBe(0);
    const september = defaultCalendarDays(2029).filter((d) => d.date.startsWith('2029-09'));
    expect(brief(september)).toEqual([
      '2029-09-02 holiday Quốc khánh',
      '2029-09-03 holiday Quốc khánh (ngày liền kề)',
      '2029-09-04 compensatory Nghỉ bù Quốc khánh',
    ]);
  });

  it.each([
    [2021, ['2021-09-02', '2021-09-03']],
    [2022, ['2022-09-01', '2022-09-02']],
    [2023, ['2023-09-01', '2023-09-02', '2023-09-04']],
    [2024, ['2024-09-02', '2024-09-03']],
    [2025, ['2025-09-01', '2025-09-02']],
  ])('matches the government decision on the 2/9 days off in %i', (year, expected) => {
    const days = defaultCalendarDays(year).filter((d) => d.date.startsWith(`${year}-09`));
    expect(days.map((d) => d.date)).toEqual(expected);
  });

  it('places Tết on the last day of the lunar year and lunar 1/1–1/4, with compensatory days for a weekend', () => {
    // Tết 2024: 1/1 lunar = Saturday 10/2, so Saturday and Sunday give Wednesday 14/2 and Thursday 15/2.
    const feb = defaultCalendarDays(2024).filter((d) => d.date.startsWith('2024-02'));
    expect(brief(feb)).toEqual([
      '2024-02-09 holiday Tết Nguyên Đán',
      '2024-02-10 holiday Tết Nguyên Đán',
      '2024-02-11 holiday Tết Nguyên Đán',
      '2024-02-12 holiday Tết Nguyên Đán',
      '2024-02-13 holiday Tết Nguyên Đán',
      '2024-02-14 compensatory Nghỉ bù Tết Nguyên Đán',
      '2024-02-15 compensatory Nghỉ bù Tết Nguyên Đán',
    ]);
  });

  it.each(Array.from({ length: 41 }, (_, i) => 2020 + i))('keeps the statutory shape in %i', (year) => {
    const days = defaultCalendarDays(year);
    const holidays = days.filter((d) => d.kind === 'holiday');
    const compensatory = days.filter((d) => d.kind === 'compensatory');
    expect(holidays).toHaveLength(11); // 1 + 5 + 1 + 1 + 1 + 2 days (art. 112)
    expect(new Set(days.map((d) => d.date)).size).toBe(days.length);
    expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort());
    // One compensatory weekday per weekend holiday.
    const onWeekend = holidays.filter((d) => [0, 6].includes(dayOfWeek(d.date)));
    expect(compensatory).toHaveLength(onWeekend.length);
    for (const c of compensatory) expect([0, 6]).not.toContain(dayOfWeek(c.date));
    // Tết: the eve is the last day of the old lunar year.
    const tet = lunarToSolar(1, 1, year);
    const eve = addDays(tet, -1);
    expect(holidays.filter((d) => d.name === 'Tết Nguyên Đán').map((d) => d.date)).toEqual([
      eve,
      tet,
      addDays(tet, 1),
      addDays(tet, 2),
      addDays(tet, 3),
    ]);
    expect(solarToLunar(eve)).toMatchObject({ month: 12, year: year - 1 });
    expect(holidays.find((d) => d.name === 'Giỗ Tổ Hùng Vương')?.date).toBe(lunarToSolar(10, 3, year));
  });
});

describe('withCompensatoryDays', () => {
  it('skips days already given off', () => {
    const days = withCompensatoryDays([
      { date: '2024-06-01', kind: 'holiday', name: 'Ngày lễ thử' }, // Saturday
      { date: '2024-06-03', kind: 'compensatory', name: 'Nghỉ hoán đổi' }, // Monday already off
    ]);
    expect(brief(days)).toEqual([
      '2024-06-01 holiday Ngày lễ thử',
      '2024-06-03 compensatory Nghỉ hoán đổi',
      '2024-06-04 compensatory Nghỉ bù Ngày lễ thử',
    ]);
  });

  it('adds nothing for weekday holidays', () => {
    expect(withCompensatoryDays(defaultHolidays(2026).filter((d) => d.date !== '2026-04-26'))).toHaveLength(10);
  });
});

import { describe, it, expect } from 'vitest';
import {
  addDays,
  dayNumberToLocalDate,
  dayOfWeek,
  formatLocalDate,
  formatTimeOfDay,
  fromVietnamLocal,
  isValidLocalDate,
  isValidLocalDateTime,
  isValidTimeOfDay,
  joinLocalDateTime,
  localDateOf,
  localDateToDayNumber,
  parseLocalDate,
  parseLocalDateTime,
  parseTimeOfDay,
  timeOfDayOf,
  toVietnamLocal,
} from '../../main/core/time';
import { formatDate } from '../../main/core/format';

describe('toVietnamLocal / fromVietnamLocal', () => {
  it('shows an instant on the Vietnam wall clock (UTC+7)', () => {
    expect(toVietnamLocal(new Date('2023-10-27T02:32:00Z'))).toBe('2023-10-27T09:32');
  });

  it('moves to the next day when UTC is still on the previous evening', () => {
    expect(toVietnamLocal(new Date('2023-12-31T17:30:00Z'))).toBe('2024-01-01T00:30');
    expect(toVietnamLocal(new Date('2024-02-28T17:00:00Z'))).toBe('2024-02-29T00:00');
  });

  it('drops seconds instead of rounding them up', () => {
    expect(toVietnamLocal(new Date('2023-10-27T02:32:59.999Z'))).toBe('2023-10-27T09:32');
  });

  it('handles instants before 1970', () => {
    expect(toVietnamLocal(new Date('1969-12-31T16:59:00Z'))).toBe('1969-12-31T23:59');
  });

  it('converts a wall-clock time back to the instant', () => {
    expect(fromVietnamLocal('2024-01-01T00:30').toISOString()).toBe('2023-12-31T17:30:00.000Z');
    expect(fromVietnamLocal('2023-10-27T09:32').toISOString()).toBe('2023-10-27T02:32:00.000Z');
  });

  it('round-trips every 37 minutes over several years', () => {
    const start = Date.UTC(2019, 11, 25);
    for (let ms = start; ms < start + 3 * 366 * 86_400_000; ms += 37 * 60_000) {
      const local = toVietnamLocal(new Date(ms));
      expect(fromVietnamLocal(local).getTime()).toBe(ms);
    }
  });

  it('does not depend on the machine time zone', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/New_York', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = tz;
        expect(toVietnamLocal(new Date('2023-10-27T17:05:00Z'))).toBe('2023-10-28T00:05');
        expect(fromVietnamLocal('2023-10-28T00:05').toISOString()).toBe('2023-10-27T17:05:00.000Z');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('rejects an invalid Date and an invalid wall-clock string', () => {
    expect(() => toVietnamLocal(new Date('nope'))).toThrow(RangeError);
    expect(() => fromVietnamLocal('2023-02-30T09:00')).toThrow(RangeError);
    expect(() => fromVietnamLocal('2023-10-27T09:32:00')).toThrow(RangeError);
  });
});

describe('validation', () => {
  it('accepts only real dates in YYYY-MM-DD', () => {
    expect(isValidLocalDate('2024-02-29')).toBe(true);
    expect(isValidLocalDate('2000-02-29')).toBe(true);
    expect(isValidLocalDate('2023-02-29')).toBe(false);
    expect(isValidLocalDate('1900-02-29')).toBe(false);
    expect(isValidLocalDate('2023-02-30')).toBe(false);
    expect(isValidLocalDate('2023-04-31')).toBe(false);
    expect(isValidLocalDate('2023-13-01')).toBe(false);
    expect(isValidLocalDate('2023-00-10')).toBe(false);
    expect(isValidLocalDate('2023-2-01')).toBe(false);
    expect(isValidLocalDate('27/10/2023')).toBe(false);
    expect(isValidLocalDate('')).toBe(false);
    expect(isValidLocalDate(20231027)).toBe(false);
  });

  it('accepts only real date-times in YYYY-MM-DDTHH:mm', () => {
    expect(isValidLocalDateTime('2023-10-27T09:32')).toBe(true);
    expect(isValidLocalDateTime('2023-10-27T23:59')).toBe(true);
    expect(isValidLocalDateTime('2023-10-27T24:00')).toBe(false);
    expect(isValidLocalDateTime('2023-10-27T09:60')).toBe(false);
    expect(isValidLocalDateTime('2023-10-27 09:32')).toBe(false);
    expect(isValidLocalDateTime('2023-10-27T09:32:00')).toBe(false);
    expect(isValidLocalDateTime('2023-02-30T09:32')).toBe(false);
  });

  it('accepts only HH:mm times of day', () => {
    expect(isValidTimeOfDay('00:00')).toBe(true);
    expect(isValidTimeOfDay('15:00')).toBe(true);
    expect(isValidTimeOfDay('7:00')).toBe(false);
    expect(isValidTimeOfDay('24:00')).toBe(false);
    expect(isValidTimeOfDay('3pm')).toBe(false);
  });

  it('throws RangeError from the parsers', () => {
    expect(() => parseLocalDate('2023-02-30')).toThrow(RangeError);
    expect(() => parseLocalDateTime('2023-10-27')).toThrow(RangeError);
    expect(() => parseTimeOfDay('25:00')).toThrow(RangeError);
    expect(() => formatLocalDate(2023, 2, 29)).toThrow(RangeError);
    expect(() => formatTimeOfDay(1440)).toThrow(RangeError);
  });
});

describe('parse and format helpers', () => {
  it('splits and joins date-times', () => {
    expect(parseLocalDate('2023-10-27')).toEqual({ year: 2023, month: 10, day: 27 });
    expect(parseLocalDateTime('2023-10-27T13:30')).toEqual({ date: '2023-10-27', minuteOfDay: 810 });
    expect(localDateOf('2023-10-27T13:30')).toBe('2023-10-27');
    expect(timeOfDayOf('2023-10-27T07:05')).toBe('07:05');
    expect(joinLocalDateTime('2023-11-03', 540)).toBe('2023-11-03T09:00');
    expect(joinLocalDateTime('2023-11-03', '17:00')).toBe('2023-11-03T17:00');
    expect(formatLocalDate(2026, 2, 7)).toBe('2026-02-07');
    expect(parseTimeOfDay('13:30')).toBe(810);
    expect(formatTimeOfDay(7 * 60)).toBe('07:00');
  });

  it('prints dates the Vietnamese way', () => {
    expect(formatDate('2023-11-03')).toBe('03/11/2023');
  });
});

describe('days and weekdays', () => {
  it('knows the weekday of a date (0 = Sunday)', () => {
    expect(dayOfWeek('2023-10-27')).toBe(5); // Friday, the production receipt
    expect(dayOfWeek('2026-02-17')).toBe(2); // Tết Bính Ngọ, a Tuesday
    expect(dayOfWeek('2029-09-02')).toBe(0); // Quốc khánh 2029, a Sunday
    expect(dayOfWeek('2000-01-01')).toBe(6);
    expect(dayOfWeek('1970-01-01')).toBe(4);
  });

  it('agrees with Date.UTC on day numbers and weekdays from 1900 to 2100', () => {
    for (let ms = Date.UTC(1900, 0, 1); ms <= Date.UTC(2100, 11, 31); ms += 86_400_000 * 13) {
      const d = new Date(ms);
      const date = d.toISOString().slice(0, 10);
      expect(localDateToDayNumber(date)).toBe(ms / 86_400_000);
      expect(dayNumberToLocalDate(ms / 86_400_000)).toBe(date);
      expect(dayOfWeek(date)).toBe(d.getUTCDay());
    }
  });

  it('adds days across months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2023-10-27', 7)).toBe('2023-11-03');
    expect(() => addDays('2023-10-27', 1.5)).toThrow(RangeError);
  });
});

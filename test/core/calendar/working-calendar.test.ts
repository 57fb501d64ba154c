import { describe, it, expect } from 'vitest';
import { defaultCalendarDays } from '../../../main/core/calendar/holidays';
import type { CalendarDay } from '../../../main/core/calendar/types';
import { WorkingCalendar } from '../../../main/core/calendar/working-calendar';
import type { ProcessingTime } from '../../../main/core/model';
import { dayOfWeek, localDateOf, parseLocalDateTime } from '../../../main/core/time';

const days = (n: number): ProcessingTime => ({ unit: 'day', amount: n });
const hours = (n: number): ProcessingTime => ({ unit: 'hour', amount: n });
const sameDay: ProcessingTime = { unit: 'same_day', cutoff: '15:00' };

const defaults = [2023, 2024, 2025, 2026, 2027, 2029].flatMap(defaultCalendarDays);
const calendar = new WorkingCalendar({ days: defaults });

describe('computeAppointment with working days', () => {
  it('reproduces the production receipt: Friday 27/10/2023 09:32 + 5 days → 03/11/2023 09:00', () => {
    expect(calendar.computeAppointment('2023-10-27T09:32', days(5))).toEqual({
      countingFrom: '2023-10-27T09:32',
      appointmentAt: '2023-11-03T09:00',
    });
  });

  it('gives the exact time without rounding', () => {
    expect(calendar.computeAppointment('2023-10-27T09:32', days(5), { roundingMinutes: 1 }).appointmentAt).toBe(
      '2023-11-03T09:32',
    );
  });

  it('counts from the next working morning when received after closing', () => {
    // Monday 17:30 → counts from Tuesday 07:00; one day ends at 17:00 and stays there.
    expect(calendar.computeAppointment('2023-10-23T17:30', days(1))).toEqual({
      countingFrom: '2023-10-24T07:00',
      appointmentAt: '2023-10-24T17:00',
    });
  });

  it('counts from opening when received before it', () => {
    expect(calendar.computeAppointment('2023-10-24T06:00', days(1))).toEqual({
      countingFrom: '2023-10-24T07:00',
      appointmentAt: '2023-10-24T17:00',
    });
  });

  it('counts from 13:30 when received at lunch', () => {
    // 13:30 Tue + 2 days: 210 min Tue, 480 Wed, 270 Thu morning → Thursday 11:30, the end of the
    // morning period, which is kept as is rather than floored to 11:00.
    expect(calendar.computeAppointment('2023-10-24T12:00', days(2))).toEqual({
      countingFrom: '2023-10-24T13:30',
      appointmentAt: '2023-10-26T11:30',
    });
  });

  it('counts from Monday morning when received on a Saturday', () => {
    expect(dayOfWeek('2023-10-28')).toBe(6);
    expect(calendar.computeAppointment('2023-10-28T09:00', days(2))).toEqual({
      countingFrom: '2023-10-30T07:00',
      appointmentAt: '2023-10-31T17:00',
    });
  });

  it('skips a weekend', () => {
    // Thursday 14:00 + 2 days: 180 min Thu, 480 Fri, then Monday 07:00 + 300 min → 14:00.
    expect(calendar.computeAppointment('2023-10-26T14:00', days(2)).appointmentAt).toBe('2023-10-30T14:00');
  });

  it('skips Tết 2026 (16–20/2) and the weekends around it', () => {
    // Friday 13/2 10:00 + 3 days: 300 min Fri, next working days Mon 23/2 and Tue 24/2, then Wed 25/2 10:00.
    expect(calendar.computeAppointment('2026-02-13T10:00', days(3))).toEqual({
      countingFrom: '2026-02-13T10:00',
      appointmentAt: '2026-02-25T10:00',
    });
  });

  it('skips the Monday given for Giỗ Tổ 2026 on a Sunday', () => {
    expect(calendar.isWorkingDay('2026-04-27')).toBe(false);
    // Friday 24/4 16:00 + 1 day: 60 min Fri; Sat, Sun (holiday), Mon (compensatory) off; Tuesday 16:00.
    expect(calendar.computeAppointment('2026-04-24T16:00', days(1)).appointmentAt).toBe('2026-04-28T16:00');
  });

  it('skips 3/9 and the compensatory 4/9 of Quốc khánh 2029 (a Sunday)', () => {
    expect(calendar.computeAppointment('2029-08-31T08:00', days(1)).appointmentAt).toBe('2029-09-05T08:00');
  });

  it('counts a make-up Saturday as a working day', () => {
    // 2024: Monday 29/4 swapped off, Saturday 4/5 worked instead.
    const swapped = new WorkingCalendar({
      days: [
        ...defaultCalendarDays(2024),
        { date: '2024-04-29', kind: 'compensatory', name: 'Nghỉ hoán đổi' },
        { date: '2024-05-04', kind: 'makeup_workday', name: 'Làm bù cho ngày 29/4' },
      ],
    });
    expect(swapped.isWorkingDay('2024-04-29')).toBe(false);
    expect(swapped.isWorkingDay('2024-05-04')).toBe(true);
    expect(swapped.computeAppointment('2024-05-03T15:00', days(1)).appointmentAt).toBe('2024-05-04T15:00');
    expect(calendar.computeAppointment('2024-05-03T15:00', days(1)).appointmentAt).toBe('2024-05-06T15:00');
    expect(swapped.nextWorkingStart('2024-05-04T06:30')).toBe('2024-05-04T07:00');
  });

  it('counts fractional days in working minutes', () => {
    // Half a day = 4 hours: 09:00 → 11:30 (150) then 13:30 + 90 = 15:00.
    expect(calendar.computeAppointment('2023-10-24T09:00', days(0.5)).appointmentAt).toBe('2023-10-24T15:00');
  });

  it('gives the receipt time itself for zero days, floored no earlier than the receipt', () => {
    expect(calendar.computeAppointment('2023-10-24T09:32', days(0)).appointmentAt).toBe('2023-10-24T09:32');
  });
});

describe('computeAppointment with hours', () => {
  it('crosses lunch: 10:00 + 4 hours → 16:00 (90 min before lunch, 150 after 13:30)', () => {
    expect(calendar.computeAppointment('2023-10-24T10:00', hours(4)).appointmentAt).toBe('2023-10-24T16:00');
  });

  it('moves to the next morning past closing', () => {
    // 16:00 + 3 hours: 60 min today, 120 min from 07:00 tomorrow.
    expect(calendar.computeAppointment('2023-10-24T16:00', hours(3)).appointmentAt).toBe('2023-10-25T09:00');
  });

  it('never rounds below the start of the segment', () => {
    // 11:15 + 30 min: 15 min to 11:30, 15 min after 13:30 → 13:45, floored to 13:30, not 13:00.
    expect(calendar.computeAppointment('2023-10-24T11:15', hours(0.5)).appointmentAt).toBe('2023-10-24T13:30');
    expect(calendar.computeAppointment('2023-10-24T11:15', hours(0.5), { roundingMinutes: 1 }).appointmentAt).toBe(
      '2023-10-24T13:45',
    );
    expect(calendar.computeAppointment('2023-10-24T14:20', hours(1), { roundingMinutes: 30 }).appointmentAt).toBe(
      '2023-10-24T15:00',
    );
  });

  it('keeps a result that lands on the end of the morning at 11:30 (exact)', () => {
    expect(calendar.computeAppointment('2023-10-24T07:00', hours(4.5), { roundingMinutes: 1 }).appointmentAt).toBe(
      '2023-10-24T11:30',
    );
  });
});

describe('computeAppointment for same-day procedures', () => {
  it('returns the end of the day when received at or before the cut-off', () => {
    expect(calendar.computeAppointment('2023-11-01T14:59', sameDay)).toEqual({
      countingFrom: '2023-11-01T14:59',
      appointmentAt: '2023-11-01T17:00',
    });
    expect(calendar.computeAppointment('2023-11-01T15:00', sameDay).appointmentAt).toBe('2023-11-01T17:00');
    expect(calendar.computeAppointment('2023-11-01T12:00', sameDay).appointmentAt).toBe('2023-11-01T17:00');
  });

  it('treats a receipt before opening as that day', () => {
    expect(calendar.computeAppointment('2023-11-01T06:30', sameDay)).toEqual({
      countingFrom: '2023-11-01T07:00',
      appointmentAt: '2023-11-01T17:00',
    });
  });

  it('moves to the end of the next working day after the cut-off', () => {
    expect(calendar.computeAppointment('2023-11-01T15:01', sameDay)).toEqual({
      countingFrom: '2023-11-02T07:00',
      appointmentAt: '2023-11-02T17:00',
    });
    expect(calendar.computeAppointment('2023-11-01T17:30', sameDay).appointmentAt).toBe('2023-11-02T17:00');
  });

  it('moves a Friday receipt after the cut-off to Monday', () => {
    expect(dayOfWeek('2023-11-03')).toBe(5);
    expect(calendar.computeAppointment('2023-11-03T15:30', sameDay)).toEqual({
      countingFrom: '2023-11-06T07:00',
      appointmentAt: '2023-11-06T17:00',
    });
  });

  it('moves a weekend or holiday receipt to the next working day', () => {
    expect(calendar.computeAppointment('2023-11-04T09:00', sameDay).appointmentAt).toBe('2023-11-06T17:00');
    expect(calendar.computeAppointment('2026-02-17T09:00', sameDay).appointmentAt).toBe('2026-02-23T17:00');
  });
});

describe('working days and working time', () => {
  it('knows working days', () => {
    expect(calendar.isWorkingDay('2023-10-27')).toBe(true); // Friday
    expect(calendar.isWorkingDay('2023-10-28')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2023-10-29')).toBe(false); // Sunday
    expect(calendar.isWorkingDay('2026-02-18')).toBe(false); // Tết
    expect(calendar.isWorkingDay('2029-09-04')).toBe(false); // compensatory for Quốc khánh on Sunday
    expect(calendar.calendarDay('2026-09-01')?.name).toBe('Quốc khánh (ngày liền kề)');
    expect(calendar.calendarDay('2026-09-03')).toBeUndefined();
  });

  it('counts a Sunday only when declared a make-up working day', () => {
    const cal = new WorkingCalendar({ days: [{ date: '2023-10-29', kind: 'makeup_workday', name: 'Làm bù' }] });
    expect(cal.isWorkingDay('2023-10-29')).toBe(true);
    expect(cal.computeAppointment('2023-10-27T16:00', days(1)).appointmentAt).toBe('2023-10-29T16:00');
  });

  it('lets a later entry for the same date override an earlier one', () => {
    const cal = new WorkingCalendar({
      days: [...defaultCalendarDays(2026), { date: '2026-02-20', kind: 'makeup_workday', name: 'Điều chỉnh' }],
    });
    expect(cal.isWorkingDay('2026-02-20')).toBe(true);
  });

  it('finds the next working start', () => {
    expect(calendar.nextWorkingStart('2023-10-24T09:15')).toBe('2023-10-24T09:15');
    expect(calendar.nextWorkingStart('2023-10-24T11:30')).toBe('2023-10-24T13:30');
    expect(calendar.nextWorkingStart('2023-10-24T17:00')).toBe('2023-10-25T07:00');
    expect(calendar.nextWorkingStart('2023-10-27T23:59')).toBe('2023-10-30T07:00');
    expect(calendar.nextWorkingStart('2026-02-13T17:01')).toBe('2026-02-23T07:00');
  });

  it('measures working minutes between two times', () => {
    expect(calendar.workingMinutesBetween('2023-10-24T11:00', '2023-10-24T14:00')).toBe(60);
    expect(calendar.workingMinutesBetween('2023-10-27T16:00', '2023-10-30T08:00')).toBe(120);
    expect(calendar.workingMinutesBetween('2023-10-27T09:32', '2023-11-03T09:32')).toBe(5 * 480);
    expect(calendar.workingMinutesBetween('2023-10-30T08:00', '2023-10-27T16:00')).toBe(0);
  });

  it('agrees with itself on many receipts: due at working time, exactly the requested minutes later', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647; // MINSTD
    for (let i = 0; i < 500; i++) {
      const day = 1 + Math.floor(random() * 28);
      const month = 1 + Math.floor(random() * 12);
      const minute = Math.floor(random() * 1440);
      const receivedAt = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(
        Math.floor(minute / 60),
      ).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
      const amount = Math.floor(random() * 30) * 60 + Math.floor(random() * 60);
      const exact = calendar.addWorkingMinutes(receivedAt, amount);
      const { countingFrom } = calendar.computeAppointment(receivedAt, hours(amount / 60));
      expect(calendar.workingMinutesBetween(countingFrom, exact)).toBe(amount);
      expect(calendar.isWorkingDay(localDateOf(exact))).toBe(true);
      const t = parseLocalDateTime(exact).minuteOfDay;
      expect((t >= 420 && t <= 690) || (t >= 810 && t <= 1020)).toBe(true);
    }
  });
});

describe('configurable working hours', () => {
  it('uses the segments total as one working day', () => {
    // A 6-hour agency day: 08:00–11:00 and 14:00–17:00.
    const short = new WorkingCalendar({
      segments: [
        { start: '08:00', end: '11:00' },
        { start: '14:00', end: '17:00' },
      ],
      days: [],
    });
    expect(short.minutesPerDay).toBe(360);
    expect(short.computeAppointment('2023-10-23T08:00', days(1)).appointmentAt).toBe('2023-10-23T17:00');
    // Monday 10:00 + 2 days: 60 + 180 Mon, 360 Tue, 120 Wed → Wednesday 10:00.
    expect(short.computeAppointment('2023-10-23T10:00', days(2)).appointmentAt).toBe('2023-10-25T10:00');
    expect(short.nextWorkingStart('2023-10-23T12:00')).toBe('2023-10-23T14:00');
  });

  it('has 8 working hours a day by default', () => {
    expect(calendar.minutesPerDay).toBe(480);
  });
});

describe('invalid input', () => {
  it('rejects bad receipt times', () => {
    expect(() => calendar.computeAppointment('2023-02-30T09:00', days(1))).toThrow(RangeError);
    expect(() => calendar.computeAppointment('2023-10-27 09:32', days(1))).toThrow(RangeError);
    expect(() => calendar.computeAppointment('2023-10-27T25:00', days(1))).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2023-13-01')).toThrow(RangeError);
    expect(() => calendar.nextWorkingStart('soon')).toThrow(RangeError);
  });

  it('rejects negative, non-finite and absurd amounts', () => {
    expect(() => calendar.computeAppointment('2023-10-27T09:32', days(-1))).toThrow(/finite number of days/);
    expect(() => calendar.computeAppointment('2023-10-27T09:32', days(Number.NaN))).toThrow(RangeError);
    expect(() => calendar.computeAppointment('2023-10-27T09:32', hours(Number.POSITIVE_INFINITY))).toThrow(RangeError);
    expect(() => calendar.computeAppointment('2023-10-27T09:32', days(1e9))).toThrow(RangeError);
    expect(() => calendar.addWorkingMinutes('2023-10-27T09:32', -5)).toThrow(RangeError);
  });

  it('rejects unknown units, bad cut-offs and bad rounding', () => {
    const bogus = { unit: 'week', amount: 1 } as unknown as ProcessingTime;
    expect(() => calendar.computeAppointment('2023-10-27T09:32', bogus)).toThrow(/Unknown processing-time unit/);
    expect(() => calendar.computeAppointment('2023-10-27T09:32', { unit: 'same_day', cutoff: '3pm' })).toThrow(
      RangeError,
    );
    expect(() => calendar.computeAppointment('2023-10-27T09:32', days(1), { roundingMinutes: 0 })).toThrow(RangeError);
    expect(() => calendar.computeAppointment('2023-10-27T09:32', days(1), { roundingMinutes: 2.5 })).toThrow(
      RangeError,
    );
  });

  it('rejects bad working hours and calendar entries', () => {
    expect(() => new WorkingCalendar({ segments: [], days: [] })).toThrow(RangeError);
    expect(() => new WorkingCalendar({ segments: [{ start: '11:30', end: '07:00' }], days: [] })).toThrow(
      /must end after it starts/,
    );
    expect(
      () =>
        new WorkingCalendar({
          segments: [
            { start: '07:00', end: '12:00' },
            { start: '11:00', end: '17:00' },
          ],
          days: [],
        }),
    ).toThrow(/overlaps/);
    expect(() => new WorkingCalendar({ segments: [{ start: '7:00', end: '11:30' }], days: [] })).toThrow(RangeError);
    const badDay = { date: '2026-02-30', kind: 'holiday', name: 'Sai' } as CalendarDay;
    expect(() => new WorkingCalendar({ days: [badDay] })).toThrow(/invalid date/);
    const badKind = { date: '2026-02-20', kind: 'vacation', name: 'Sai' } as unknown as CalendarDay;
    expect(() => new WorkingCalendar({ days: [badKind] })).toThrow(/unknown kind/);
  });
});

describe('speed', () => {
  it('computes an appointment in microseconds', () => {
    const n = 20_000;
    const start = performance.now();
    let last = '';
    for (let i = 0; i < n; i++) last = calendar.computeAppointment('2023-10-27T09:32', days(30)).appointmentAt;
    const perCallMicros = ((performance.now() - start) * 1000) / n;
    expect(last).toBe('2023-12-08T09:00');
    expect(perCallMicros).toBeLessThan(50); // ~2 µs on a laptop; generous for a busy CI machine
  });
});

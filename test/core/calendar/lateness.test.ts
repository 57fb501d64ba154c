import { describe, expect, it } from 'vitest';
import { defaultCalendarDays } from '../../../main/core/calendar/holidays';
import { formatLateness, latenessAt, timeliness } from '../../../main/core/calendar/lateness';
import { WorkingCalendar } from '../../../main/core/calendar/working-calendar';

// Fixed dates only: 2026 with Tết on Monday 16 – Friday 20 February (defaultCalendarDays).
const calendar = new WorkingCalendar({ days: [2025, 2026, 2027].flatMap(defaultCalendarDays) });

describe('latenessAt', () => {
  it('is zero up to and at the appointment minute, and one minute after it', () => {
    expect(latenessAt(calendar, '2026-11-23T09:00', '2026-11-23T08:10')).toMatchObject({ late: false, workingMinutes: 0 });
    expect(latenessAt(calendar, '2026-11-23T09:00', '2026-11-23T09:00')).toMatchObject({ late: false, workingMinutes: 0 });
    expect(latenessAt(calendar, '2026-11-23T09:00', '2026-11-23T09:01')).toMatchObject({
      late: true,
      workingMinutes: 1,
      workingDays: 0,
      workingHours: 0,
      minutes: 1,
    });
  });

  it('leaves the lunch break out', () => {
    // 11:00–11:30 and 13:30–14:00: one working hour, not three.
    expect(latenessAt(calendar, '2026-11-23T11:00', '2026-11-23T14:00')).toMatchObject({ workingMinutes: 60, workingHours: 1, minutes: 0 });
  });

  it('splits into working days of 8 hours and the rest', () => {
    // Mon 09:00 → Thu 10:00: Mon 360 + Tue 480 + Wed 480 + Thu 180 = 1500 min = 3 days 1 hour.
    expect(latenessAt(calendar, '2026-11-23T09:00', '2026-11-26T10:00')).toEqual({
      late: true,
      workingMinutes: 1500,
      workingDays: 3,
      workingHours: 1,
      minutes: 0,
      minutesPerDay: 480,
    });
  });

  it('is late but by no working time over the weekend and through Tết', () => {
    // Due Friday 13/2/2026 at 17:00, the last working minute before Tết and its weekends.
    expect(latenessAt(calendar, '2026-02-13T17:00', '2026-02-14T10:00')).toMatchObject({ late: true, workingMinutes: 0 });
    expect(latenessAt(calendar, '2026-02-13T17:00', '2026-02-18T10:00')).toMatchObject({ late: true, workingMinutes: 0 });
    // The first morning after Tết, Monday 23/2 at 09:30: 2 h 30 min.
    expect(latenessAt(calendar, '2026-02-13T17:00', '2026-02-23T09:30')).toMatchObject({ workingDays: 0, workingHours: 2, minutes: 30 });
    // After hours the same evening: the whole afternoon, no more.
    expect(latenessAt(calendar, '2026-11-23T14:00', '2026-11-23T20:45')).toMatchObject({ workingMinutes: 180 });
  });

  it('counts a make-up Saturday as working time', () => {
    const plain = latenessAt(calendar, '2026-11-27T16:00', '2026-11-30T08:00');
    expect(plain).toMatchObject({ workingMinutes: 120, workingDays: 0, workingHours: 2 });
    const withMakeUp = new WorkingCalendar({
      days: [...defaultCalendarDays(2026), { date: '2026-11-28', kind: 'makeup_workday', name: 'Làm bù' }],
    });
    // Friday 60 + Saturday 480 + Monday 60.
    expect(latenessAt(withMakeUp, '2026-11-27T16:00', '2026-11-30T08:00')).toMatchObject({ workingMinutes: 600, workingDays: 1, workingHours: 2 });
  });

  it("uses the agency's own working day as the unit", () => {
    const short = new WorkingCalendar({
      segments: [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '16:30' }],
      days: defaultCalendarDays(2026),
    });
    // Mon 09:00–11:30 150 + 13:00–16:30 210 + Tue 07:30–09:00 90 = 450 min: one 7½-hour day.
    expect(latenessAt(short, '2026-11-23T09:00', '2026-11-24T09:00')).toMatchObject({ workingMinutes: 450, workingDays: 1, workingHours: 0, minutesPerDay: 450 });
  });

  it('rejects impossible times', () => {
    expect(() => latenessAt(calendar, '2026-02-30T09:00', '2026-03-02T09:00')).toThrow(RangeError);
    expect(() => latenessAt(calendar, '2026-03-02T09:00', '2026-03-02 10:00')).toThrow(RangeError);
  });
});

describe('timeliness', () => {
  it('is early before the appointment day, on time up to the appointment, late after it', () => {
    expect(timeliness('2026-11-25T09:00', '2026-11-24T16:00')).toBe('early');
    expect(timeliness('2026-11-25T09:00', '2026-11-20T07:00')).toBe('early');
    expect(timeliness('2026-11-25T09:00', '2026-11-25T07:30')).toBe('on_time');
    expect(timeliness('2026-11-25T09:00', '2026-11-25T09:00')).toBe('on_time');
    expect(timeliness('2026-11-25T09:00', '2026-11-25T09:01')).toBe('late');
    expect(timeliness('2026-11-25T09:00', '2027-01-04T07:00')).toBe('late');
    // Year and month boundaries compare as times too.
    expect(timeliness('2027-01-04T08:00', '2026-12-31T16:00')).toBe('early');
    expect(() => timeliness('2026-11-25T09:00', 'hôm nay')).toThrow(RangeError);
  });
});

describe('formatLateness', () => {
  it('says it in Vietnamese and English', () => {
    const l = latenessAt(calendar, '2026-11-23T09:00', '2026-11-26T10:20');
    expect(formatLateness(l, 'vi')).toBe('trễ hẹn 3 ngày 1 giờ 20 phút làm việc');
    expect(formatLateness(l, 'en')).toBe('late by 3 working days 1 hour 20 minutes of working time');
    expect(formatLateness(latenessAt(calendar, '2026-11-23T09:00', '2026-11-23T09:00'), 'vi')).toBe('không trễ hẹn');
    expect(formatLateness(latenessAt(calendar, '2026-02-13T17:00', '2026-02-14T10:00'), 'vi')).toBe('trễ hẹn (chưa qua phút làm việc nào)');
  });
});

import { describe, expect, it } from 'vitest';
import { defaultCalendarDays } from '../../../main/core/calendar/holidays';
import { appointmentAfterSupplement, DEFAULT_SUPPLEMENT_CLOCK_RULE } from '../../../main/core/calendar/supplement-clock';
import { WorkingCalendar } from '../../../main/core/calendar/working-calendar';
import type { ProcessingTime } from '../../../main/core/model';

const calendar = new WorkingCalendar({ days: [2025, 2026, 2027].flatMap(defaultCalendarDays) });
const fiveDays: ProcessingTime = { unit: 'day', amount: 5 };

// Received Monday 23/11/2026 09:32 for 5 working days: due Monday 30/11 at 09:00 (rounded).
const received = calendar.computeAppointment('2026-11-23T09:32', fiveDays);

describe('appointmentAfterSupplement', () => {
  it('pauses the clock by default', () => {
    expect(DEFAULT_SUPPLEMENT_CLOCK_RULE).toBe('pause');
    expect(received.appointmentAt).toBe('2026-11-30T09:00');
  });

  it('pause: resumes with the working time that was left', () => {
    // Asked Wed 25/11 10:00: left Wed 300 + Thu 480 + Fri 480 + Mon 07:00–09:00 120 = 1380 min.
    // Papers back Tue 1/12 14:10: Tue 170, Wed 480, Thu 480, Fri 07:00 + 250 = 11:10 → 11:00.
    const r = appointmentAfterSupplement(calendar, {
      rule: 'pause',
      processingTime: fiveDays,
      requestedAt: '2026-11-25T10:00',
      completedAt: '2026-12-01T14:10',
      appointmentAt: received.appointmentAt,
    });
    expect(r).toEqual({
      rule: 'pause',
      countingFrom: '2026-12-01T14:10',
      appointmentAt: '2026-12-04T11:00',
      remainingWorkingMinutes: 1380,
      alreadyLate: false,
    });
  });

  it('restart: counts the whole processing time again from the complete dossier', () => {
    const r = appointmentAfterSupplement(calendar, {
      rule: 'restart',
      processingTime: fiveDays,
      requestedAt: '2026-11-25T10:00',
      completedAt: '2026-12-01T14:10',
      appointmentAt: received.appointmentAt,
    });
    // As a new dossier received Tuesday 1/12 14:10: five working days later, Tue 8/12 14:10 → 14:00.
    expect(r).toMatchObject({ rule: 'restart', countingFrom: '2026-12-01T14:10', appointmentAt: '2026-12-08T14:00', alreadyLate: false });
    expect(r.appointmentAt).toBe(calendar.computeAppointment('2026-12-01T14:10', fiveDays).appointmentAt);
  });

  it('pause across Tết 2026 leaves the holidays out of the time that was left', () => {
    // Received Thu 5/2/2026 10:00 for 10 days: Thu 300, Fri 6, Mon 9 – Thu 12 (till 10:00), Fri 13,
    // then Tết and its weekends, Mon 23 – Wed 25, Thu 26/2 07:00 + 180 = 10:00.
    const tenDays = calendar.computeAppointment('2026-02-05T10:00', { unit: 'day', amount: 10 });
    expect(tenDays.appointmentAt).toBe('2026-02-26T10:00');
    // Asked Thu 12/2 15:00: left Thu 120 + Fri 480 + Mon–Wed 1440 + Thu 26/2 07:00–10:00 180 = 2220.
    // Back Wed 4/3 07:00: Wed, Thu, Fri, Mon 9/3 (1920), Tue 10/3 07:00 + 300 → 14:00.
    const r = appointmentAfterSupplement(calendar, {
      rule: 'pause',
      processingTime: { unit: 'day', amount: 10 },
      requestedAt: '2026-02-12T15:00',
      completedAt: '2026-03-04T07:00',
      appointmentAt: tenDays.appointmentAt,
    });
    expect(r).toMatchObject({ remainingWorkingMinutes: 2220, appointmentAt: '2026-03-10T14:00' });
  });

  it('papers brought after hours or at lunch count from the next working start', () => {
    // 60 minutes left; back on Friday 27/11 at 18:00 → Monday 30/11 from 07:00 → 08:00.
    const evening = appointmentAfterSupplement(calendar, {
      rule: 'pause',
      processingTime: fiveDays,
      requestedAt: '2026-11-27T16:00',
      completedAt: '2026-11-27T18:00',
      appointmentAt: '2026-11-27T17:00',
    });
    expect(evening).toMatchObject({ countingFrom: '2026-11-30T07:00', appointmentAt: '2026-11-30T08:00', remainingWorkingMinutes: 60 });
    const lunch = appointmentAfterSupplement(calendar, {
      rule: 'pause',
      processingTime: fiveDays,
      requestedAt: '2026-11-27T16:00',
      completedAt: '2026-12-01T12:15',
      appointmentAt: '2026-11-27T17:00',
    });
    // 13:30 + 60 min = 14:30, floored to the agency's whole hour.
    expect(lunch).toMatchObject({ countingFrom: '2026-12-01T13:30', appointmentAt: '2026-12-01T14:00' });
  });

  it('a dossier never received gets a fresh appointment under either rule', () => {
    for (const rule of ['pause', 'restart'] as const) {
      const r = appointmentAfterSupplement(calendar, { rule, processingTime: fiveDays, requestedAt: '2026-11-23T09:32', completedAt: '2026-11-24T08:05' });
      expect(r.appointmentAt, rule).toBe(calendar.computeAppointment('2026-11-24T08:05', fiveDays).appointmentAt);
      expect(r.appointmentAt).toBe('2026-12-01T08:00');
    }
  });

  it('a request made after the appointment had passed keeps the dossier late', () => {
    const r = appointmentAfterSupplement(calendar, {
      rule: 'pause',
      processingTime: fiveDays,
      requestedAt: '2026-11-25T10:00',
      completedAt: '2026-11-26T09:00',
      appointmentAt: '2026-11-24T09:00',
    });
    expect(r).toMatchObject({ appointmentAt: '2026-11-24T09:00', alreadyLate: true, remainingWorkingMinutes: 0 });
  });

  it('rejects papers back before they were asked for, and impossible times', () => {
    const base = { rule: 'pause' as const, processingTime: fiveDays, appointmentAt: '2026-11-30T09:00' };
    expect(() => appointmentAfterSupplement(calendar, { ...base, requestedAt: '2026-11-25T10:00', completedAt: '2026-11-25T09:00' })).toThrow(RangeError);
    expect(() => appointmentAfterSupplement(calendar, { ...base, requestedAt: '2026-11-25', completedAt: '2026-11-26T09:00' })).toThrow(RangeError);
  });
});

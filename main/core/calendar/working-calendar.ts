// Working time of an agency (docs/domain.md, "Working time"): which days are working days, when the working
// segments of a day are, and the appointment time (ngày hẹn trả) of a dossier.
//
// Positions are (day number, minute of day) pairs of integers; strings are parsed once on the
// way in and formatted once on the way out, so an appointment costs a few microseconds.

import type { LocalDate, LocalDateTime, ProcessingTime } from '../model';
import {
  dayOfWeekOfDayNumber,
  formatDayNumberMinute,
  isValidLocalDate,
  localDateToDayNumber,
  parseLocalDateTime,
  parseTimeOfDay,
} from '../time';
import type { CalendarDay, CalendarDayKind } from './types';

/** One working period of a day, "HH:mm"–"HH:mm" (end exclusive). */
export type WorkingSegment = Readonly<{ start: string; end: string }>;

export type WorkingCalendarConfig = Readonly<{
  /** Working periods of every working day, in order; default 07:00–11:30 and 13:30–17:00. */
  segments?: readonly WorkingSegment[];
  /** Holidays, compensatory days and make-up working days. A later entry for a date wins. */
  days: readonly CalendarDay[];
}>;

export type AppointmentOptions = Readonly<{
  /** The appointment is floored to a multiple of this many minutes (default 60; 1 = exact). */
  roundingMinutes?: number;
}>;

export type Appointment = Readonly<{
  /** When the processing time starts counting (the first working minute at or after receipt). */
  countingFrom: LocalDateTime;
  /** When the result is due (ngày hẹn trả). */
  appointmentAt: LocalDateTime;
}>;

export const DEFAULT_WORKING_SEGMENTS: readonly WorkingSegment[] = Object.freeze([
  Object.freeze({ start: '07:00', end: '11:30' }),
  Object.freeze({ start: '13:30', end: '17:00' }),
]);
export const DEFAULT_ROUNDING_MINUTES = 60;
/** Longest processing time accepted, in working days: a guard against typing errors (≈ 10 years). */
export const MAX_PROCESSING_WORKING_DAYS = 2600;

const DAY_KINDS: ReadonlySet<string> = new Set<CalendarDayKind>(['holiday', 'compensatory', 'makeup_workday']);

type Position = { day: number; minute: number };

export class WorkingCalendar {
  readonly segments: readonly WorkingSegment[];
  /** Working minutes in one working day (the sum of the segments); 480 by default. */
  readonly minutesPerDay: number;
  private readonly starts: readonly number[];
  private readonly ends: readonly number[];
  private readonly kinds = new Map<number, CalendarDayKind>();
  private readonly entries = new Map<number, CalendarDay>();

  constructor(config: WorkingCalendarConfig) {
    const segments = config.segments ?? DEFAULT_WORKING_SEGMENTS;
    if (!Array.isArray(segments) || segments.length === 0) {
      throw new RangeError('Working hours need at least one segment such as {start: "07:00", end: "11:30"}.');
    }
    const starts: number[] = [];
    const ends: number[] = [];
    for (const [i, seg] of segments.entries()) {
      const start = parseTimeOfDay(seg.start);
      const end = parseTimeOfDay(seg.end);
      if (end <= start) {
        throw new RangeError(`Working segment ${i + 1} (${seg.start}–${seg.end}) must end after it starts.`);
      }
      const previousEnd = ends[ends.length - 1];
      if (previousEnd !== undefined && start < previousEnd) {
        throw new RangeError(`Working segment ${i + 1} (${seg.start}–${seg.end}) overlaps or precedes the one before it.`);
      }
      starts.push(start);
      ends.push(end);
    }
    this.segments = Object.freeze(segments.map((s) => Object.freeze({ start: s.start, end: s.end })));
    this.starts = starts;
    this.ends = ends;
    this.minutesPerDay = starts.reduce((sum, start, i) => sum + (ends[i] ?? start) - start, 0);

    for (const entry of config.days) {
      if (!isValidLocalDate(entry.date)) {
        throw new RangeError(`Calendar entry "${entry.name}" has an invalid date ${JSON.stringify(entry.date)}.`);
      }
      if (!DAY_KINDS.has(entry.kind)) {
        throw new RangeError(`Calendar entry ${entry.date} has an unknown kind ${JSON.stringify(entry.kind)}.`);
      }
      const dayNumber = localDateToDayNumber(entry.date);
      this.kinds.set(dayNumber, entry.kind);
      this.entries.set(dayNumber, entry);
    }
  }

  /** Mon–Fri unless a holiday or compensatory day; Sat/Sun only when declared a make-up working day. */
  isWorkingDay(date: LocalDate): boolean {
    return this.isWorkingDayNumber(localDateToDayNumber(date));
  }

  /** The calendar entry in force for a date, if any (the last one given for it). */
  calendarDay(date: LocalDate): CalendarDay | undefined {
    return this.entries.get(localDateToDayNumber(date));
  }

  /**
   * The first working moment at or after `t`: `t` itself during working time, the opening time
   * before opening, the next segment's start at lunch, the next working morning after closing
   * or on a non-working day.
   */
  nextWorkingStart(t: LocalDateTime): LocalDateTime {
    return format(this.nextStart(parsePosition(t)));
  }

  /** Adds `minutes` working minutes to `from` (counting from nextWorkingStart(from)); not rounded. */
  addWorkingMinutes(from: LocalDateTime, minutes: number): LocalDateTime {
    return format(this.add(this.nextStart(parsePosition(from)), this.checkMinutes(minutes)));
  }

  /** Working minutes in [from, to); 0 when `to` is not after `from`. For pausing the clock. */
  workingMinutesBetween(from: LocalDateTime, to: LocalDateTime): number {
    const a = this.nextStart(parsePosition(from));
    const b = this.nextStart(parsePosition(to));
    if (b.day < a.day || (b.day === a.day && b.minute <= a.minute)) return 0;
    if (a.day === b.day) return this.minutesWithin(a.minute, b.minute);
    let total = this.minutesWithin(a.minute, Number.POSITIVE_INFINITY);
    for (let day = a.day + 1; day < b.day; day++) {
      if (this.isWorkingDayNumber(day)) total += this.minutesPerDay;
    }
    return total + this.minutesWithin(Number.NEGATIVE_INFINITY, b.minute);
  }

  /**
   * The appointment for a dossier received at `receivedAt` with processing time `time`.
   * Days count as `minutesPerDay` working minutes, hours as 60. The result is floored to
   * `roundingMinutes`, but never before the start of its segment nor before `countingFrom`.
   * Same-day procedures: received at or before the cut-off on a working day (before opening
   * counts as that day) → end of that day's last segment; after the cut-off, after closing or on
   * a non-working day → end of the next working day, counting from its opening.
   */
  computeAppointment(receivedAt: LocalDateTime, time: ProcessingTime, opts?: AppointmentOptions): Appointment {
    const received = parsePosition(receivedAt);
    const rounding = opts?.roundingMinutes ?? DEFAULT_ROUNDING_MINUTES;
    if (!Number.isInteger(rounding) || rounding < 1 || rounding > 24 * 60) {
      throw new RangeError(`roundingMinutes must be an integer from 1 to 1440, got ${String(rounding)}.`);
    }
    const lastEnd = this.ends[this.ends.length - 1] ?? 0;
    let countingFrom = this.nextStart(received);
    let due: Position;

    if (time === null || typeof time !== 'object') {
      throw new RangeError('Processing time is missing.');
    }
    switch (time.unit) {
      case 'day':
        due = this.add(countingFrom, this.checkMinutes(checkAmount(time.amount, 'days') * this.minutesPerDay));
        break;
      case 'hour':
        due = this.add(countingFrom, this.checkMinutes(checkAmount(time.amount, 'hours') * 60));
        break;
      case 'same_day': {
        const cutoff = parseTimeOfDay(time.cutoff);
        if (countingFrom.day === received.day && received.minute > cutoff) {
          countingFrom = { day: this.nextWorkingDay(countingFrom.day), minute: this.starts[0] ?? 0 };
        }
        due = { day: countingFrom.day, minute: lastEnd };
        break;
      }
      default:
        throw new RangeError(`Unknown processing-time unit ${JSON.stringify((time as { unit: unknown }).unit)}.`);
    }

    const appointmentAt = this.roundDown(due, rounding, countingFrom);
    return { countingFrom: format(countingFrom), appointmentAt: format(appointmentAt) };
  }

  private isWorkingDayNumber(day: number): boolean {
    const kind = this.kinds.get(day);
    if (kind !== undefined) return kind === 'makeup_workday';
    const dow = dayOfWeekOfDayNumber(day);
    return dow !== 0 && dow !== 6;
  }

  /** The next working day strictly after `day`. Terminates: the table is finite. */
  private nextWorkingDay(day: number): number {
    let d = day + 1;
    while (!this.isWorkingDayNumber(d)) d++;
    return d;
  }

  private nextStart(p: Position): Position {
    if (this.isWorkingDayNumber(p.day)) {
      for (let i = 0; i < this.starts.length; i++) {
        const end = this.ends[i] ?? 0;
        if (p.minute < end) return { day: p.day, minute: Math.max(p.minute, this.starts[i] ?? 0) };
      }
    }
    return { day: this.nextWorkingDay(p.day), minute: this.starts[0] ?? 0 };
  }

  /** `from` must be a working position (from nextStart). A landing on a segment end stays there. */
  private add(from: Position, minutes: number): Position {
    if (minutes === 0) return from;
    let remaining = minutes;
    for (let i = 0; i < this.starts.length; i++) {
      const end = this.ends[i] ?? 0;
      if (from.minute >= end) continue;
      const start = Math.max(from.minute, this.starts[i] ?? 0);
      if (remaining <= end - start) return { day: from.day, minute: start + remaining };
      remaining -= end - start;
    }
    let day = from.day;
    for (;;) {
      day = this.nextWorkingDay(day);
      if (remaining > this.minutesPerDay) {
        remaining -= this.minutesPerDay; // skip the whole day
        continue;
      }
      for (let i = 0; i < this.starts.length; i++) {
        const start = this.starts[i] ?? 0;
        const length = (this.ends[i] ?? 0) - start;
        if (remaining <= length) return { day, minute: start + remaining };
        remaining -= length;
      }
    }
  }

  /** Working minutes of one working day between two minutes of day. */
  private minutesWithin(fromMinute: number, toMinute: number): number {
    let total = 0;
    for (let i = 0; i < this.starts.length; i++) {
      const lo = Math.max(fromMinute, this.starts[i] ?? 0);
      const hi = Math.min(toMinute, this.ends[i] ?? 0);
      if (hi > lo) total += hi - lo;
    }
    return total;
  }

  private roundDown(p: Position, rounding: number, notBefore: Position): Position {
    // The end of a working period is already a time people are given ("trước 16 giờ 30"): keep it.
    if (this.ends.includes(p.minute)) return p;
    let minute = Math.floor(p.minute / rounding) * rounding;
    for (let i = 0; i < this.starts.length; i++) {
      const start = this.starts[i] ?? 0;
      if (p.minute >= start && p.minute <= (this.ends[i] ?? 0)) {
        minute = Math.max(minute, start);
        break;
      }
    }
    if (p.day === notBefore.day) minute = Math.max(minute, notBefore.minute);
    return { day: p.day, minute };
  }

  private checkMinutes(minutes: number): number {
    if (!Number.isFinite(minutes) || minutes < 0) {
      throw new RangeError(`A working duration must be a finite number ≥ 0, got ${String(minutes)}.`);
    }
    if (minutes > MAX_PROCESSING_WORKING_DAYS * this.minutesPerDay) {
      throw new RangeError(`A working duration over ${MAX_PROCESSING_WORKING_DAYS} working days is not accepted.`);
    }
    return Math.round(minutes);
  }
}

function checkAmount(amount: unknown, unit: string): number {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
    throw new RangeError(`Processing time must be a finite number of ${unit} ≥ 0, got ${String(amount)}.`);
  }
  return amount;
}

function parsePosition(t: LocalDateTime): Position {
  const { date, minuteOfDay } = parseLocalDateTime(t);
  return { day: localDateToDayNumber(date), minute: minuteOfDay };
}

function format(p: Position): LocalDateTime {
  const s = formatDayNumberMinute(p.day, p.minute);
  if (s.length !== 16) throw new RangeError('The computed time falls outside years 0001–9999.');
  return s;
}

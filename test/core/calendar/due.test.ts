import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dueCategory, dueRanges, nextWorkingDayAfter, type DueCategory } from '../../../main/core/calendar/due';
import { defaultCalendarDays } from '../../../main/core/calendar/holidays';
import { WorkingCalendar } from '../../../main/core/calendar/working-calendar';
import { addDays, formatDayNumberMinute, localDateToDayNumber } from '../../../main/core/time';

const calendar = new WorkingCalendar({
  days: [...[2025, 2026, 2027].flatMap(defaultCalendarDays), { date: '2026-11-28', kind: 'makeup_workday', name: 'Làm bù' }],
});

describe('dueRanges', () => {
  it('on the Friday before Tết 2026 the next working day is Monday 23/2', () => {
    expect(nextWorkingDayAfter(calendar, '2026-02-13')).toBe('2026-02-23');
    expect(dueRanges(calendar, '2026-02-13T10:00')).toEqual({
      now: '2026-02-13T10:00',
      today: '2026-02-13',
      nextWorkingDay: '2026-02-23',
      overdue: { toExclusive: '2026-02-13T10:00' },
      dueToday: { from: '2026-02-13T10:00', toExclusive: '2026-02-14T00:00' },
      dueNextWorkingDay: { from: '2026-02-14T00:00', toExclusive: '2026-02-24T00:00' },
      later: { from: '2026-02-24T00:00' },
    });
  });

  it('a make-up Saturday is the next working day after a Friday', () => {
    expect(dueRanges(calendar, '2026-11-27T16:30').nextWorkingDay).toBe('2026-11-28');
    expect(dueRanges(calendar, '2026-11-28T08:00').nextWorkingDay).toBe('2026-11-30');
    // On a Sunday, "today" is still the Sunday and the next working day is Monday.
    expect(dueRanges(calendar, '2026-11-29T09:00')).toMatchObject({ today: '2026-11-29', nextWorkingDay: '2026-11-30' });
  });

  it('puts an appointment in exactly one bucket', () => {
    const r = dueRanges(calendar, '2026-11-23T09:32');
    const cases: Array<[string, DueCategory]> = [
      ['2026-11-20T17:00', 'overdue'],
      ['2026-11-23T09:31', 'overdue'],
      ['2026-11-23T09:32', 'due_today'], // on time at the appointment minute itself
      ['2026-11-23T17:00', 'due_today'],
      ['2026-11-23T23:59', 'due_today'],
      ['2026-11-24T00:00', 'due_next_working_day'],
      ['2026-11-24T17:00', 'due_next_working_day'],
      ['2026-11-25T07:00', 'later'],
    ];
    for (const [at, expected] of cases) expect(dueCategory(at, r), at).toBe(expected);
    expect(() => dueCategory('2026-11-31T09:00', r)).toThrow(RangeError);
  });

  it('gives bounds that SQLite turns into the same lists on an index', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE dossiers (id INTEGER PRIMARY KEY, appointment_at TEXT NOT NULL) STRICT; CREATE INDEX dossiers_appointment ON dossiers (appointment_at);');
    const insert = db.prepare('INSERT INTO dossiers (appointment_at) VALUES (?)');
    // Every half hour from 10 days before to 20 days after the Friday before Tết, plus the edges.
    const start = localDateToDayNumber('2026-02-03');
    const all: string[] = [];
    for (let day = 0; day < 30; day++) for (let m = 0; m < 24 * 60; m += 30) all.push(formatDayNumberMinute(start + day, m));
    all.push('2026-02-13T09:59', '2026-02-13T10:00', '2026-02-13T23:59', '2026-02-23T23:59');
    for (const a of all) insert.run(a);

    for (const now of ['2026-02-13T10:00', '2026-02-12T16:45', '2026-02-23T07:00', '2026-02-15T12:00']) {
      const r = dueRanges(calendar, now);
      const q = (sql: string, ...args: string[]) => (db.prepare(sql).all(...args) as Array<{ appointment_at: string }>).map((x) => x.appointment_at).sort();
      const sql = {
        overdue: q('SELECT appointment_at FROM dossiers WHERE appointment_at < ?', r.overdue.toExclusive),
        due_today: q('SELECT appointment_at FROM dossiers WHERE appointment_at >= ? AND appointment_at < ?', r.dueToday.from, r.dueToday.toExclusive),
        due_next_working_day: q('SELECT appointment_at FROM dossiers WHERE appointment_at >= ? AND appointment_at < ?', r.dueNextWorkingDay.from, r.dueNextWorkingDay.toExclusive),
        later: q('SELECT appointment_at FROM dossiers WHERE appointment_at >= ?', r.later.from),
      };
      for (const category of ['overdue', 'due_today', 'due_next_working_day', 'later'] as const) {
        expect(sql[category], `${now} ${category}`).toEqual(all.filter((a) => dueCategory(a, r) === category).sort());
      }
      expect(Object.values(sql).reduce((n, l) => n + l.length, 0)).toBe(all.length);
      const plan = db.prepare('EXPLAIN QUERY PLAN SELECT appointment_at FROM dossiers WHERE appointment_at >= ? AND appointment_at < ?').all(r.dueToday.from, r.dueToday.toExclusive);
      expect(JSON.stringify(plan)).toContain('dossiers_appointment');
    }
    expect(addDays('2026-02-13', 1)).toBe('2026-02-14');
    db.close();
  });
});

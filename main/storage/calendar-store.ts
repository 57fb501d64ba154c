import type { Db } from './database';
import { stmt } from './statements';
import type { CalendarDay } from '../core/calendar/types';

export function listCalendarDays(db: Db, year?: number): CalendarDay[] {
  const rows = year === undefined
    ? stmt(db, 'SELECT date, kind, name FROM calendar_days ORDER BY date').all()
    : stmt(db, 'SELECT date, kind, name FROM calendar_days WHERE date >= ? AND date < ? ORDER BY date').all(`${year}-01-01`, `${year + 1}-01-01`);
  return rows as CalendarDay[];
}

export function putCalendarDay(db: Db, day: CalendarDay): void {
  stmt(db, 
    'INSERT INTO calendar_days (date, kind, name) VALUES (?, ?, ?) ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name',
  ).run(day.date, day.kind, day.name);
}

export function removeCalendarDay(db: Db, date: string): void {
  stmt(db, 'DELETE FROM calendar_days WHERE date = ?').run(date);
}

/** Replaces a year's days with the given ones (the statutory defaults), in one transaction. */
export function replaceCalendarYear(db: Db, year: number, days: readonly CalendarDay[]): void {
  db.transaction(() => {
    stmt(db, 'DELETE FROM calendar_days WHERE date >= ? AND date < ?').run(`${year}-01-01`, `${year + 1}-01-01`);
    for (const day of days) putCalendarDay(db, day);
  }).immediate();
}

export function hasCalendarYear(db: Db, year: number): boolean {
  return stmt(db, 'SELECT 1 FROM calendar_days WHERE date >= ? AND date < ? LIMIT 1').get(`${year}-01-01`, `${year + 1}-01-01`) !== undefined;
}

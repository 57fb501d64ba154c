import { demoCatalogue } from '../catalogue/demo-catalogue';
import { defaultCalendarDays } from '../core/calendar/holidays';
import { vietnamToday } from '../core/time';
import type { Db } from '../storage/db';
import { hasCalendarYear, replaceCalendarYear } from '../storage/calendar-store';
import { catalogueSize, replaceCatalogue } from '../storage/catalogue-store';

/** First start: the demo catalogue, and the statutory calendar of this year and the next (by the station's clock). */
export function seedOnFirstStart(db: Db, now: Date): void {
  if (catalogueSize(db) === 0) replaceCatalogue(db, demoCatalogue);
  const year = Number(vietnamToday(now).slice(0, 4));
  for (const y of [year, year + 1]) if (!hasCalendarYear(db, y)) replaceCalendarYear(db, y, defaultCalendarDays(y));
}

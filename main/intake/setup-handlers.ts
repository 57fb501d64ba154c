import type { Handlers } from '../contract/dispatch';
import { defaultCalendarDays } from '../core/calendar/holidays';
import { WorkingCalendar } from '../core/calendar/working-calendar';
import { sequenceRange } from '../core/dossier-code';
import { StationError } from '../core/errors';
import { toVietnamLocal } from '../core/time';
import type { StationContext } from '../feature';
import { schemaVersion } from '../storage/migrate';
import { listCalendarDays, putCalendarDay, removeCalendarDay, replaceCalendarYear } from '../storage/calendar-store';
import { getProcedure, searchProcedures } from '../storage/catalogue-store';
import { saveSettings } from '../storage/settings-store';
import { noPrinter } from '../../hardware/printers/printer';

// What the counter is set up with: the station and agency settings, the working calendar and
// the procedure catalogue. Changes are announced as events: intake's own caches, the other
// features and the renderers all follow them.

type SetupChannel = 'app.info' | 'settings.get' | 'settings.update' | 'catalogue.search' | 'catalogue.get' | 'calendar.list' | 'calendar.put' | 'calendar.remove' | 'calendar.reseed';

export function setupHandlers(ctx: StationContext): Pick<Handlers, SetupChannel> {
  const { db } = ctx;
  const calendarChanged = (year: number) => {
    ctx.events.emit('calendar.changed', {});
    return listCalendarDays(db, year);
  };
  return {
    'app.info': () => ({
      version: ctx.version, host: ctx.host, dataDir: ctx.dataDir, schemaVersion: schemaVersion(db),
      now: toVietnamLocal(ctx.now()), canPrint: ctx.printer !== noPrinter,
    }),
    'settings.get': () => ctx.settings(),
    'settings.update': (input) => {
      const current = ctx.settings();
      const next = { agency: { ...current.agency, ...input.agency }, station: { ...current.station, ...input.station } };
      sequenceRange(next.station.codeFormat, next.agency.agencyId, next.station.stationNumber); // refuses a format this station cannot use
      try {
        new WorkingCalendar({ segments: next.station.workingHours, days: [] });
      } catch {
        throw new StationError('WORKING_HOURS_INVALID', {}, 'station.workingHours');
      }
      saveSettings(db, next);
      ctx.events.emit('settings.changed', {});
      return ctx.settings();
    },
    'catalogue.search': ({ query, limit }) => searchProcedures(db, query, limit).map(({ code, name, field, processingTime, demo }) => ({ code, name, field, processingTime, demo })),
    'catalogue.get': ({ code }) => {
      const procedure = getProcedure(db, code);
      if (!procedure) throw new StationError('PROCEDURE_UNKNOWN', { code }, 'procedureCode');
      return procedure;
    },
    'calendar.list': ({ year }) => ({ days: listCalendarDays(db, year), workingHours: ctx.settings().station.workingHours }),
    'calendar.put': (day) => {
      putCalendarDay(db, day);
      return calendarChanged(Number(day.date.slice(0, 4)));
    },
    'calendar.remove': ({ date }) => {
      removeCalendarDay(db, date);
      return calendarChanged(Number(date.slice(0, 4)));
    },
    'calendar.reseed': ({ year }) => {
      replaceCalendarYear(db, year, defaultCalendarDays(year));
      return calendarChanged(year);
    },
  };
}

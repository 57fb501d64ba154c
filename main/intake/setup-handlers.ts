import type { CallContext, Handlers } from '../contract/dispatch';
import { writeTransaction } from '../storage/database';
import { auditAction } from '../storage/audit-log';
import { defaultCalendarDays } from '../core/calendar/holidays';
import { WorkingCalendar } from '../core/calendar/working-calendar';
import { sequenceRange } from '../core/dossier-code';
import { StationError } from '../core/errors';
import { checkPersonText, checkUrlTemplate } from '../core/text-safety';
import type { AgencyProfile, StationSettings } from '../contract/schemas';
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

/**
 * Settings are printed on every slip and sent to the portal: their text must not lie about
 * itself, and the lookup address in the QR code must be a web address (never javascript:).
 */
function safeSettings(s: { agency: AgencyProfile; station: StationSettings }): { agency: AgencyProfile; station: StationSettings } {
  const text = (value: string, field: string) => {
    const checked = checkPersonText(value, 'setting', field);
    if (!checked.ok) throw checked.error;
    return checked.text;
  };
  const agency = { ...s.agency };
  for (const key of ['parentName', 'name', 'unitName', 'placeName', 'resultCounter'] as const) agency[key] = text(agency[key], `agency.${key}`);
  const station = { ...s.station, officerName: text(s.station.officerName, 'station.officerName') };
  const url = checkUrlTemplate(station.lookupUrlTemplate);
  if (!url.ok) throw new StationError(url.error.code, url.error.params, 'station.lookupUrlTemplate');
  return { agency, station };
}

type SetupChannel = 'app.info' | 'settings.get' | 'settings.update' | 'catalogue.search' | 'catalogue.get' | 'calendar.list' | 'calendar.put' | 'calendar.remove' | 'calendar.reseed';

export function setupHandlers(ctx: StationContext): Pick<Handlers, SetupChannel> {
  const { db } = ctx;
  /** A change of the calendar and its audit entry, in one transaction; then everyone is told. */
  const changeCalendar = (year: number, call: CallContext | undefined, change: Record<string, string | number>, apply: () => void) => {
    writeTransaction(db, () => {
      apply();
      auditAction(db, call?.officer, ctx.now(), 'calendar.change', { after: change });
    });
    ctx.events.emit('calendar.changed', {});
    return listCalendarDays(db, year);
  };
  return {
    'app.info': () => ({
      version: ctx.version, host: ctx.host, dataDir: ctx.dataDir, schemaVersion: schemaVersion(db),
      now: toVietnamLocal(ctx.now()), canPrint: ctx.printer !== noPrinter,
    }),
    'settings.get': () => ctx.settings(),
    'settings.update': (input, call) => {
      const current = ctx.settings();
      const next = safeSettings({ agency: { ...current.agency, ...input.agency }, station: { ...current.station, ...input.station } });
      sequenceRange(next.station.codeFormat, next.agency.agencyId, next.station.stationNumber); // refuses a format this station cannot use
      try {
        new WorkingCalendar({ segments: next.station.workingHours, days: [] });
      } catch {
        throw new StationError('WORKING_HOURS_INVALID', {}, 'station.workingHours');
      }
      writeTransaction(db, () => {
        saveSettings(db, next);
        auditAction(db, call?.officer, ctx.now(), 'settings.change', { before: current, after: next });
      });
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
    'calendar.put': (day, call) =>
      changeCalendar(Number(day.date.slice(0, 4)), call, { put: day.date, kind: day.kind, name: day.name }, () => putCalendarDay(db, day)),
    'calendar.remove': ({ date }, call) =>
      changeCalendar(Number(date.slice(0, 4)), call, { removed: date }, () => removeCalendarDay(db, date)),
    'calendar.reseed': ({ year }, call) =>
      changeCalendar(year, call, { reseeded: year }, () => replaceCalendarYear(db, year, defaultCalendarDays(year))),
  };
}

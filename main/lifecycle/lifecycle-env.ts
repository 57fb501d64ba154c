import type { CallContext, Officer } from '../contract/dispatch';
import type { LifecycleSettings } from '../contract/lifecycle-channels';
import { WorkingCalendar } from '../core/calendar/working-calendar';
import { StationError } from '../core/errors';
import type { StationContext } from '../feature';
import type { FormAgency } from '../forms/form-layout';
import { listCalendarDays } from '../storage/calendar-store';
import { readLifecycleSettings, type LifecycleContext } from '../storage/lifecycle-store';
import './messages'; // the texts of the errors thrown here

// What every handler of the lifecycle shares: the working calendar and the agency's lifecycle
// settings (read once, forgotten when the calendar or the settings change), the agency's
// header for the forms, and the officer of the call.

export type LifecycleEnv = Readonly<{
  ctx: StationContext;
  calendar: () => WorkingCalendar;
  settings: () => LifecycleSettings;
  /** The calendar and rules transitions are checked with. */
  rules: () => LifecycleContext;
  /** The header of the counter's forms (with the unit line) and of the agency's letters (without). */
  counterAgency: () => FormAgency;
  letterAgency: () => FormAgency;
  /** Settings changed (lifecycle.configure): forget them. */
  forgetSettings: () => void;
}>;

export function lifecycleEnv(ctx: StationContext): LifecycleEnv {
  let calendar: WorkingCalendar | undefined;
  let settings: LifecycleSettings | undefined;
  ctx.events.on('calendar.changed', () => { calendar = undefined; });
  ctx.events.on('settings.changed', () => { calendar = undefined; settings = undefined; });
  const cal = () => (calendar ??= new WorkingCalendar({ segments: ctx.settings().station.workingHours, days: listCalendarDays(ctx.db) }));
  const lifecycle = () => (settings ??= readLifecycleSettings(ctx.db));
  return {
    ctx,
    calendar: cal,
    settings: lifecycle,
    rules: () => ({ calendar: cal(), settings: lifecycle(), roundingMinutes: ctx.settings().station.appointmentRoundingMinutes }),
    counterAgency: () => {
      const a = ctx.settings().agency;
      return { parentName: a.parentName, name: a.name, unitName: a.unitName, placeName: a.placeName };
    },
    letterAgency: () => {
      const a = ctx.settings().agency;
      return { parentName: a.parentName, name: a.name, placeName: a.placeName };
    },
    forgetSettings: () => { settings = undefined; },
  };
}

/** The officer the call is made for: every change and every form is attributed to them, never to a setting. */
export function officerOf(call: CallContext | undefined): Officer {
  const officer = call?.officer;
  if (!officer || officer.name.trim() === '') throw new StationError('LIFECYCLE_OFFICER_MISSING');
  return officer;
}

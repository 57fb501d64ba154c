// The working calendar: lunar dates, default holidays and working-time arithmetic.
export type { CalendarDay, CalendarDayKind } from './types';
export { solarToLunar, lunarToSolar, leapMonthOf, type LunarDate } from './lunar';
export { defaultCalendarDays, defaultHolidays, withCompensatoryDays, HOLIDAY_NAMES } from './holidays';
export {
  WorkingCalendar,
  DEFAULT_WORKING_SEGMENTS,
  DEFAULT_ROUNDING_MINUTES,
  type Appointment,
  type AppointmentOptions,
  type WorkingCalendarConfig,
  type WorkingSegment,
} from './working-calendar';

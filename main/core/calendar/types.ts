import type { LocalDate } from '../model';

/**
 * One entry of the working calendar table (the technician or the portal edits it):
 * - holiday: a public holiday (ngày nghỉ lễ, tết);
 * - compensatory: a day off given because a holiday fell on a weekend (nghỉ bù), or a weekday
 *   swapped off by a government decision;
 * - makeup_workday: a Saturday or Sunday declared a working day (làm bù).
 */
export type CalendarDayKind = 'holiday' | 'compensatory' | 'makeup_workday';

export type CalendarDay = Readonly<{
  date: LocalDate;
  kind: CalendarDayKind;
  /** Vietnamese name shown to officers, e.g. "Quốc khánh", "Nghỉ bù Giỗ Tổ Hùng Vương". */
  name: string;
}>;

import { formatInstant } from '../../../main/core/format';

/** An instant as "15:27" when it is today in Vietnam, "15:27 22/11/2026" otherwise. */
export function formatRecent(ms: number, nowMs: number = Date.now()): string {
  const [time = '', day = ''] = formatInstant(ms).split(' ');
  return day === formatInstant(nowMs).split(' ')[1] ? time : `${time} ${day}`;
}

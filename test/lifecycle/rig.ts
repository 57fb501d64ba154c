import type { Envelope } from '../../main/contract/channels';
import type { DossierView } from '../../main/contract/schemas';
import type { TestStation } from '../helpers/station';

// What the lifecycle's tests share: calls that must succeed, the rows a change writes (a refused
// change must leave every one of them as it was), and the procedures of the demo catalogue.

/** "Thủ tục đăng ký lại khai sinh", 5 working days: processed in the back office. */
export const FIVE_DAYS = '1.004884';
/** "Thủ tục đăng ký khai sinh", same day: handled at the counter itself. */
export const SAME_DAY = '1.001193';

export async function ok<T = Record<string, unknown>>(station: TestStation, channel: string, payload: unknown): Promise<T> {
  const answer: Envelope<unknown> = await station.call(channel, payload);
  if (!answer.ok) throw new Error(`${channel} refused: ${JSON.stringify(answer.error)}`);
  return answer.value as T;
}

export async function receive(station: TestStation, procedureCode = FIVE_DAYS, owner: Record<string, string> = {}): Promise<DossierView> {
  return station.save(await station.validDraft({ owner }, procedureCode));
}

/** Every table a change of a dossier writes, with the dossier's own lifecycle columns. */
export function lifecycleRows(station: TestStation): Record<string, unknown> {
  const count = (t: string) => (station.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return {
    tables: Object.fromEntries(
      ['dossier_events', 'outbox', 'audit_log', 'issued_forms', 'form_prints', 'form_numbers', 'counter_requests', 'lifecycle_conflicts', 'dossier_documents']
        .map((t) => [t, count(t)]),
    ),
    dossiers: station.db.prepare(
      `SELECT code, status, appointment_local, rescheduled_local, finished_local, returned_local, closed_local, last_changed_local FROM dossiers ORDER BY id`,
    ).all(),
    daily: station.db.prepare('SELECT * FROM lifecycle_daily ORDER BY day, procedure_code, officer').all(),
  };
}

export type Line = { code: string; status: number; dueAt: string; lateness: { late: boolean; workingDays: number; workingHours: number; text: string } | null };

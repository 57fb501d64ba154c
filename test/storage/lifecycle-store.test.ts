import { describe, expect, it } from 'vitest';
import { feedPath } from '../../main/storage/lifecycle-store';
import { applyFeedEvents } from '../../main/storage/progress-store';
import { openTestStation, type TestStation } from '../helpers/station';

// The portal's progress feed through the lifecycle's transition table (the store the sync
// worker calls): a change the table allows is applied with its history row; a report that
// skipped a step implies it; a hand-off between units is a note; a status the dossier already
// passed through is no disagreement; anything else is a conflict and changes nothing.

async function received(station: TestStation, portalId: string): Promise<string> {
  const d = await station.save(await station.validDraft({}, '1.004884'));
  station.db.prepare('UPDATE dossiers SET portal_id = ? WHERE code = ?').run(portalId, d.code);
  return d.code;
}

let cursor = 0;
function report(station: TestStation, portalId: string, status: number, at: string, unit = 'Phòng Tư pháp', note = '') {
  const c = String(++cursor);
  return applyFeedEvents(station.db, [{ cursor: c, portalId, status, unit, officer: 'Lê Văn Cường', at, note }], c, station.clock.now().getTime());
}

const history = (station: TestStation, code: string) =>
  station.db.prepare('SELECT e.event, e.cause, e.from_status AS "from", e.to_status AS "to", e.details FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE d.code = ? ORDER BY e.id').all(code) as Array<{ event: string; from: number; to: number; details: string | null }>;
const statusOf = (station: TestStation, code: string) => (station.db.prepare('SELECT status FROM dossiers WHERE code = ?').get(code) as { status: number }).status;

describe('the feed through the transition table', () => {
  it('finds the shortest chain of the back office\'s changes between two statuses, none out of a final one', () => {
    expect(feedPath(2, 4)).toEqual(['start_processing']);
    expect(feedPath(2, 9)).toEqual(['start_processing', 'finish']);
    expect(feedPath(2, 10)).toEqual(['start_processing', 'finish', 'return_result']);
    expect(feedPath(10, 8)).toBeUndefined();
    expect(feedPath(9, 4)).toBeUndefined();
  });

  it('applies what the table allows, implies a skipped step, and notes a hand-off between units', async () => {
    const station = openTestStation();
    const code = await received(station, 'p1');
    expect(report(station, 'p1', 2, '20261123100000', 'Phòng Tư pháp', 'Đã nhận')).toEqual({ changed: [1], conflicts: [] });
    expect(report(station, 'p1', 9, '20261126150000', 'UBND xã', 'Đã ký')).toEqual({ changed: [1], conflicts: [] });
    expect(statusOf(station, code)).toBe(9);
    expect(history(station, code).map((h) => [h.event, h.from, h.to, h.details !== null && h.details.includes('"implied":true')])).toEqual([
      ['progress', 2, 2, false],
      ['start_processing', 2, 4, true],
      ['finish', 4, 9, false],
    ]);
    expect(station.db.prepare('SELECT finished_local, finished_by FROM dossiers WHERE code = ?').get(code)).toEqual({ finished_local: '2026-11-26T15:00', finished_by: 'Lê Văn Cường' });
  });

  it('takes a status the dossier already passed through as an echo, not a disagreement', async () => {
    const station = openTestStation();
    const code = await received(station, 'p2');
    report(station, 'p2', 4, '20261123100000');
    report(station, 'p2', 9, '20261124100000');
    expect(report(station, 'p2', 4, '20261123110000')).toEqual({ changed: [1], conflicts: [] });
    expect(statusOf(station, code)).toBe(9);
  });

  it('keeps a change the table refuses as a conflict, changes nothing, and holds the later reports with it', async () => {
    const station = openTestStation();
    const code = await received(station, 'p3');
    report(station, 'p3', 7, '20261123100000', 'Phòng Tư pháp', 'Công dân rút');
    expect(statusOf(station, code)).toBe(7);
    const outcome = report(station, 'p3', 9, '20261124100000');
    expect(outcome.conflicts).toEqual([1]);
    expect(statusOf(station, code)).toBe(7);
    const conflict = station.db.prepare('SELECT source, station_status, portal_status, resolved_at FROM lifecycle_conflicts').get();
    expect(conflict).toEqual({ source: 'feed', station_status: 7, portal_status: 9, resolved_at: null });
    // While it is open, what the portal says next is added to it, not applied.
    report(station, 'p3', 10, '20261125100000');
    expect(statusOf(station, code)).toBe(7);
    expect(station.db.prepare('SELECT count(*) AS n, max(portal_status) AS s FROM lifecycle_conflicts').get()).toEqual({ n: 1, s: 10 });
  });

  it('reads each cursor once, however many times a page comes', async () => {
    const station = openTestStation();
    const code = await received(station, 'p4');
    const event = { cursor: 'c-1', portalId: 'p4', status: 4, unit: 'Phòng Tư pháp', officer: 'Lê Văn Cường', at: '20261123100000', note: '' };
    applyFeedEvents(station.db, [event], 'c-1', 0);
    applyFeedEvents(station.db, [event], 'c-1', 0);
    expect(history(station, code)).toHaveLength(1);
  });
});

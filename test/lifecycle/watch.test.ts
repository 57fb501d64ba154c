import { describe, expect, it } from 'vitest';
import type { Officer } from '../../main/contract/dispatch';
import { openTestStation, sessionOf, type TestStation } from '../helpers/station';
import { draftFor } from '../helpers/drafts';
import { ok, receive, SAME_DAY, type Line } from './rig';

// The overdue watch (due today, due on the next working day, overdue with its lateness in
// working time), its badge, and the results waiting to be handed back — oldest first, searchable.

/** "Thủ tục ... 3 ngày" of the demo catalogue. */
const THREE_DAYS = '1.001022';

const MAI: Officer = { id: 'o-mai', name: 'Lê Thị Mai', roles: ['reception'] };
const BINH: Officer = { id: 'o-binh', name: 'Trần Văn Bình', roles: ['reception'] };

async function receiveAs(station: TestStation, officer: Officer, at: string, procedureCode: string, fullName: string): Promise<string> {
  station.clock.setLocal(at);
  const draft = draftFor(await ok(station, 'catalogue.get', { code: procedureCode }) as never, { owner: { fullName } });
  const answer = await station.dispatch('dossier.save', draft, sessionOf(station, officer));
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return (answer.value as { code: string }).code;
}

type WatchList = { total: number; now: string; dossiers: Line[]; byProcedure: Array<{ key: string; count: number }>; byOfficer: Array<{ key: string; count: number }>; byField: Array<{ key: string; count: number }> };

describe('the overdue watch', () => {
  async function counter() {
    const station = openTestStation();
    // Wed 18/11 08:00, 3 working days: due Mon 23/11 08:00. Thu 19/11 14:00: due Tue 24/11 14:00.
    const overdue = await receiveAs(station, MAI, '2026-11-18T08:00', THREE_DAYS, 'Nguyễn Văn Quá');
    const tomorrow = await receiveAs(station, BINH, '2026-11-19T14:00', THREE_DAYS, 'Trần Thị Mai Sau');
    // Mon 23/11 09:32, same day: due today 17:00; 5 days: due next week.
    const today = await receiveAs(station, BINH, '2026-11-23T09:32', SAME_DAY, 'Lê Văn Nay');
    const later = (await receive(station)).code;
    station.clock.setLocal('2026-11-23T10:00');
    return { station, overdue, tomorrow, today, later };
  }

  it('lists the dossiers due today, due on the next working day and overdue, each once, with how late in working time', async () => {
    const { station, overdue, tomorrow, today, later } = await counter();
    const list = (bucket: string, extra = {}) => ok<WatchList>(station, 'watch.list', { bucket, ...extra });
    const o = await list('overdue');
    expect(o.dossiers.map((d) => d.code)).toEqual([overdue]);
    expect(o.dossiers[0]).toMatchObject({ dueAt: '2026-11-23T08:00', lateness: { late: true, workingDays: 0, workingHours: 2, text: 'trễ hẹn 2 giờ làm việc' } });
    expect((await list('due_today')).dossiers.map((d) => d.code)).toEqual([today]);
    expect((await list('due_next_working_day')).dossiers.map((d) => d.code)).toEqual([tomorrow]);
    expect([o, await list('due_today'), await list('due_next_working_day')].flatMap((l) => l.dossiers.map((d) => d.code))).not.toContain(later);
    expect(await ok(station, 'watch.badge', {})).toMatchObject({ overdue: 1, dueToday: 1, dueNextWorkingDay: 1, resultsWaiting: 0, conflicts: 0 });

    // A day later: the 17:00 one is overdue too, the first by a working day and two hours.
    station.clock.setLocal('2026-11-24T10:00');
    const next = await list('overdue');
    expect(next.dossiers.map((d) => [d.code, d.lateness?.text])).toEqual([
      [overdue, 'trễ hẹn 1 ngày 2 giờ làm việc'],
      [today, 'trễ hẹn 3 giờ làm việc'],
    ]);
    expect((await list('due_today')).dossiers.map((d) => d.code)).toEqual([tomorrow]);
  });

  it('groups and filters each list by procedure, field and officer', async () => {
    const { station, overdue } = await counter();
    station.clock.setLocal('2026-11-24T10:00');
    const all = await ok<WatchList>(station, 'watch.list', { bucket: 'overdue' });
    expect(all.byOfficer.map((g) => [g.key, g.count])).toEqual([['Lê Thị Mai', 1], ['Trần Văn Bình', 1]]);
    expect(all.byProcedure.map((g) => [g.key, g.count]).sort()).toEqual([[THREE_DAYS, 1], [SAME_DAY, 1]]);
    expect(all.byField).toEqual([{ key: 'Hộ tịch', label: 'Hộ tịch', count: 2 }]);
    const mine = await ok<WatchList>(station, 'watch.list', { bucket: 'overdue', officer: 'Lê Thị Mai' });
    expect([mine.total, mine.dossiers.map((d) => d.code)]).toEqual([1, [overdue]]);
    const byProcedure = await ok<WatchList>(station, 'watch.list', { bucket: 'overdue', procedureCode: SAME_DAY });
    expect(byProcedure.total).toBe(1);
    expect((await ok<WatchList>(station, 'watch.list', { bucket: 'overdue', field: 'Chứng thực' })).total).toBe(0);
  });

  it('on a Friday, the next working day is Monday', async () => {
    const station = openTestStation();
    // Tue 24/11 10:00, 3 days: due Fri 27/11 10:00; Wed 25/11 10:00: due Mon 30/11 10:00.
    await receiveAs(station, MAI, '2026-11-24T10:00', THREE_DAYS, 'Ngày Thứ Sáu');
    const monday = await receiveAs(station, MAI, '2026-11-25T10:00', THREE_DAYS, 'Ngày Thứ Hai');
    station.clock.setLocal('2026-11-27T08:00');
    const next = await ok<WatchList>(station, 'watch.list', { bucket: 'due_next_working_day' });
    expect(next.dossiers.map((d) => [d.code, d.dueAt])).toEqual([[monday, '2026-11-30T10:00']]);
  });

  it('tells the screens when the clock moves the lists', async () => {
    const { station } = await counter();
    const seen: string[] = [];
    station.events.on('watch.changed', ({ now }) => seen.push(now));
    station.events.emit('clock.changed', { now: '2026-11-24T10:00' });
    expect(seen).toEqual(['2026-11-24T10:00']);
  });
});

describe('results to hand back', () => {
  it('lists the results ready, oldest first, finds them by name without diacritics, phone or the end of the code, and drops the ones handed back', async () => {
    const station = openTestStation();
    const a = await receiveAs(station, MAI, '2026-11-23T08:00', SAME_DAY, 'Phạm Thị Hồng');
    const b = await receiveAs(station, MAI, '2026-11-23T08:10', SAME_DAY, 'Vũ Minh Đức');
    const c = await receiveAs(station, MAI, '2026-11-23T08:20', SAME_DAY, 'Phạm Văn Hùng');
    for (const [code, at] of [[b, '2026-11-23T09:00'], [a, '2026-11-23T09:30'], [c, '2026-11-23T10:00']] as const) {
      station.clock.setLocal(at);
      await ok(station, 'dossier.transition', { code, event: 'finish_at_counter' });
    }
    type Ready = { total: number; dossiers: Array<{ code: string; readySince: string }> };
    const ready = await ok<Ready>(station, 'results.ready', {});
    expect(ready.dossiers.map((d) => [d.code, d.readySince])).toEqual([[b, '2026-11-23T09:00'], [a, '2026-11-23T09:30'], [c, '2026-11-23T10:00']]);
    expect((await ok<Ready>(station, 'results.ready', { query: 'pham' })).dossiers.map((d) => d.code)).toEqual([a, c]);
    expect((await ok<Ready>(station, 'results.ready', { query: b.slice(-4) })).dossiers.map((d) => d.code)).toEqual([b]);
    expect((await ok<Ready>(station, 'results.ready', { query: '0912345678' })).total).toBe(3);
    await ok(station, 'dossier.transition', { code: a, event: 'return_result', receiver: { kind: 'owner' }, delivery: { method: 'counter' } });
    expect((await ok<Ready>(station, 'results.ready', {})).dossiers.map((d) => d.code)).toEqual([b, c]);
    expect((await ok<{ resultsWaiting: number }>(station, 'watch.badge', {})).resultsWaiting).toBe(2);
    expect((await ok<Ready>(station, 'results.ready', { query: 'hong' })).total).toBe(0);
  });

  it('finds a waiting result by the owner\'s corrected name and identity number, not the old ones', async () => {
    const station = openTestStation();
    const code = await receiveAs(station, MAI, '2026-11-23T08:00', SAME_DAY, 'Phạm Thị Cũ');
    await ok(station, 'dossier.transition', { code, event: 'finish_at_counter' });
    const view = await ok<{ owner: Record<string, string> }>(station, 'dossier.get', { code });
    await ok(station, 'dossier.correct', { code, owner: { ...view.owner, fullName: 'Phạm Thị Mới', phone: '0987654321' } });
    type Ready = { total: number; dossiers: Array<{ code: string }> };
    expect((await ok<Ready>(station, 'results.ready', { query: 'pham thi moi' })).dossiers.map((d) => d.code)).toEqual([code]);
    expect((await ok<Ready>(station, 'results.ready', { query: 'pham thi cu' })).total).toBe(0);
    expect((await ok<Ready>(station, 'results.ready', { query: '0987654321' })).dossiers.map((d) => d.code)).toEqual([code]);
    expect((await ok<Ready>(station, 'results.ready', { query: '0912345678' })).total).toBe(0);
  });
});

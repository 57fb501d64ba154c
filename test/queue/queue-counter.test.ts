import { describe, expect, it } from 'vitest';
import type { QueueSettings, QueueTicketView } from '../../main/contract/queue-channels';
import { eventQueue } from '../helpers/events';
import { openTestStation, VIETNAMESE_TEXT, type TestStation } from '../helpers/station';

// The counter's side of the queue: call the next ticket, recall, skip, serve, finish, transfer to
// another counter or group, link the dossier received; and the times the indicators are made of.
// No printer here (tickets are kept unprinted); the clock is the test's.

async function ok<T>(station: TestStation, channel: string, payload: unknown): Promise<T> {
  const answer = await station.call(channel, payload);
  if (!answer.ok) throw new Error(`${channel} refused: ${JSON.stringify(answer.error)}`);
  return answer.value as T;
}

type Today = { day: string; counter: number; current?: QueueTicketView; waiting: QueueTicketView[]; called: QueueTicketView[]; done: QueueTicketView[] };

const COUNTERS: Partial<QueueSettings> = {
  counters: [
    { number: 1, name: 'Quầy 1 – Hộ tịch', groups: ['A'] },
    { number: 2, name: 'Quầy 2 – Đất đai', groups: ['B'] },
    { number: 3, name: 'Quầy 3', groups: [] },
  ],
  counterNumber: 1,
};

async function counterStation() {
  const station = openTestStation();
  await ok(station, 'queue.configure', COUNTERS);
  return station;
}

const take = (station: TestStation, group: string) => ok<QueueTicketView>(station, 'queue.issue', { group });
const numbers = (tickets: readonly QueueTicketView[]) => tickets.map((t) => t.number);

describe('calling tickets at the counter', () => {
  it('calls this counter’s groups in the order taken, and finishes the one being served when calling the next', async () => {
    const station = await counterStation();
    const changes = eventQueue(station.events, 'queue.changed');
    await take(station, 'B');
    const a1 = await take(station, 'A');
    await take(station, 'A');
    const called = await ok<QueueTicketView>(station, 'queue.callNext', {});
    expect(called).toMatchObject({ id: a1.id, number: 'A001', state: 'called', counter: 1, calls: 1, calledAt: '2026-11-23T09:32' });
    expect(changes.seen.at(-1)).toEqual({ day: '2026-11-23', ticketId: a1.id });

    await ok(station, 'queue.serve', { ticketId: a1.id });
    const a2 = await ok<QueueTicketView>(station, 'queue.callNext', {});
    expect(a2.number).toBe('A002');
    const today = await ok<Today>(station, 'queue.today', {});
    expect(today.current).toMatchObject({ number: 'A002', state: 'called' });
    expect(numbers(today.done)).toEqual(['A001']);
    expect(numbers(today.waiting)).toEqual(['B001']); // another counter's group: still waiting
    expect(await station.refused('queue.callNext', {})).toMatchObject({ code: 'QUEUE_COUNTER_BUSY', message: 'Quầy đang gọi số A002 mà công dân chưa tới. Bấm "Gọi lại" hoặc "Bỏ qua" trước khi gọi số tiếp theo.' });
  });

  it('recalls a ticket not answered, skips it, recalls it when the citizen comes back late', async () => {
    const station = await counterStation();
    const a1 = await take(station, 'A');
    await take(station, 'A');
    await ok(station, 'queue.callNext', {});
    station.clock.setLocal('2026-11-23T09:33');
    expect(await ok<QueueTicketView>(station, 'queue.recall', { ticketId: a1.id })).toMatchObject({ state: 'called', calls: 2, calledAt: '2026-11-23T09:33' });
    expect(await ok<QueueTicketView>(station, 'queue.skip', { ticketId: a1.id })).toMatchObject({ state: 'skipped' });
    const a2 = await ok<QueueTicketView>(station, 'queue.callNext', {});
    expect(a2.number).toBe('A002');
    // A002 is at the counter; A001 comes back: it is recalled once A002 is done.
    await ok(station, 'queue.finish', { ticketId: a2.id });
    expect(await ok<QueueTicketView>(station, 'queue.recall', { ticketId: a1.id })).toMatchObject({ state: 'called', calls: 3 });
    expect(await station.refused('queue.skip', { ticketId: a2.id })).toMatchObject({ code: 'QUEUE_CANNOT_SKIP', message: 'Không bỏ qua được số A002: phiếu đã xong. Chỉ bỏ qua số đã gọi mà công dân chưa tới.' });
  });

  it('says so when nobody waits for this counter', async () => {
    const station = await counterStation();
    await take(station, 'B');
    expect(await station.refused('queue.callNext', {})).toMatchObject({ code: 'QUEUE_NOTHING_WAITING', message: 'Không còn ai chờ cho quầy 1.' });
  });

  it('refuses a ticket of another day, and an unknown one', async () => {
    const station = await counterStation();
    const old = await take(station, 'A');
    station.clock.setLocal('2026-11-24T07:30');
    expect(await station.refused('queue.recall', { ticketId: old.id })).toMatchObject({
      code: 'QUEUE_TICKET_OTHER_DAY', message: 'Phiếu A001 là của ngày 23/11/2026, không còn trong hàng đợi hôm nay. Mời công dân lấy số mới.',
    });
    expect(await station.refused('queue.finish', { ticketId: 9999 })).toMatchObject({ code: 'QUEUE_TICKET_UNKNOWN', field: 'ticketId' });
    expect(await station.refused('queue.issue', { group: 'Q' })).toMatchObject({ code: 'QUEUE_GROUP_UNKNOWN', message: expect.stringMatching(VIETNAMESE_TEXT) });
  });
});

describe('transfers', () => {
  it('sends a ticket to another counter, where it is called before the tickets that were waiting there', async () => {
    const station = await counterStation();
    await take(station, 'B');
    await take(station, 'B');
    const a1 = await take(station, 'A');
    await ok(station, 'queue.callNext', {});
    station.clock.setLocal('2026-11-23T09:40');
    const moved = await ok<QueueTicketView>(station, 'queue.transfer', { ticketId: a1.id, counter: 2 });
    expect(moved).toMatchObject({ state: 'waiting', targetCounter: 2, transfers: 1, group: { letter: 'A' } });
    expect(moved.counter).toBeUndefined();

    // The same data folder, as counter 2 sees it.
    await ok(station, 'queue.configure', { counterNumber: 2 });
    const today = await ok<Today>(station, 'queue.today', {});
    expect(numbers(today.waiting)).toEqual(['A001', 'B001', 'B002']);
    expect(await ok<QueueTicketView>(station, 'queue.callNext', {})).toMatchObject({ number: 'A001', counter: 2, calls: 2 });
  });

  it('sends a ticket to another group; it keeps its number', async () => {
    const station = await counterStation();
    const a1 = await take(station, 'A');
    await ok(station, 'queue.callNext', {});
    const moved = await ok<QueueTicketView>(station, 'queue.transfer', { ticketId: a1.id, group: 'B' });
    expect(moved).toMatchObject({ number: 'A001', group: { letter: 'B', name: 'Đất đai' }, state: 'waiting' });
    expect(await station.refused('queue.callNext', {})).toMatchObject({ code: 'QUEUE_NOTHING_WAITING' });
    await ok(station, 'queue.configure', { counterNumber: 2 });
    expect(await ok<QueueTicketView>(station, 'queue.callNext', {})).toMatchObject({ number: 'A001' });
    // The next A ticket still counts from where the numbers were.
    await ok(station, 'queue.configure', { counterNumber: 1 });
    expect(await take(station, 'A')).toMatchObject({ number: 'A002' });
  });

  it('refuses a counter that does not exist, and changes nothing', async () => {
    const station = await counterStation();
    const a1 = await take(station, 'A');
    const called = await ok<QueueTicketView>(station, 'queue.callNext', {});
    const refused = await station.refused('queue.transfer', { ticketId: a1.id, counter: 7 });
    expect(refused).toMatchObject({ code: 'QUEUE_COUNTER_UNKNOWN', field: 'counter', message: 'Không có quầy số 7. Chọn một quầy trong danh sách; cán bộ CNTT thêm quầy ở Cài đặt > Hàng đợi.' });
    expect((await ok<Today>(station, 'queue.today', {})).current).toEqual(called);
    expect(station.db.prepare('SELECT count(*) AS n FROM queue_transfers').get()).toEqual({ n: 0 });
    expect(await station.refused('queue.transfer', { ticketId: a1.id, group: 'Z' })).toMatchObject({ code: 'QUEUE_GROUP_UNKNOWN' });
    expect(await station.refused('queue.transfer', { ticketId: a1.id, counter: 1 })).toMatchObject({ code: 'QUEUE_TRANSFER_SAME' });
    expect(await station.refused('queue.transfer', { ticketId: a1.id })).toMatchObject({ code: 'VALIDATION', field: 'counter' });
    await ok(station, 'queue.finish', { ticketId: a1.id });
    expect(await station.refused('queue.transfer', { ticketId: a1.id, counter: 2 })).toMatchObject({ code: 'QUEUE_CANNOT_TRANSFER' });
  });
});

describe('the dossier received for a ticket', () => {
  it('links the ticket to the dossier; the citizen counts as served from then', async () => {
    const station = await counterStation();
    const a1 = await take(station, 'A');
    await ok(station, 'queue.callNext', {});
    const dossier = await station.save(await station.validDraft());
    station.clock.setLocal('2026-11-23T09:36');
    const linked = await ok<QueueTicketView>(station, 'queue.link', { ticketId: a1.id, dossierCode: dossier.code });
    expect(linked).toMatchObject({ state: 'serving', servedAt: '2026-11-23T09:36', dossiers: [dossier.code] });
    // Linking twice keeps one link; an unknown dossier is refused.
    expect((await ok<QueueTicketView>(station, 'queue.link', { ticketId: a1.id, dossierCode: dossier.code })).dossiers).toEqual([dossier.code]);
    expect(await station.refused('queue.link', { ticketId: a1.id, dossierCode: '000.00.06.H56-261123-9999' })).toMatchObject({ code: 'DOSSIER_NOT_FOUND' });
  });
});

describe('waiting and service times for the indicators', () => {
  it('counts per day, group and counter: issued, finished, skipped, never called, average and longest wait, service time', async () => {
    const station = await counterStation();
    const at = (hhmm: string) => station.clock.setLocal(`2026-11-23T${hhmm}`);
    at('08:00'); const a1 = await take(station, 'A');
    at('08:02'); const a2 = await take(station, 'A');
    at('08:04'); await take(station, 'A');
    at('08:05'); await take(station, 'B');
    at('08:10'); await ok(station, 'queue.callNext', {}); // A001 waited 10 min
    at('08:11'); await ok(station, 'queue.serve', { ticketId: a1.id });
    at('08:21'); await ok(station, 'queue.finish', { ticketId: a1.id }); // served 10 min
    at('08:22'); await ok(station, 'queue.callNext', {}); // A002 waited 20 min
    at('08:25'); await ok(station, 'queue.skip', { ticketId: a2.id });
    at('08:26'); const a3 = await ok<QueueTicketView>(station, 'queue.callNext', {}); // A003 waited 22 min
    at('08:30'); await ok(station, 'queue.finish', { ticketId: a3.id }); // not marked served: from the call, 4 min

    const rows = await ok<Array<Record<string, unknown>>>(station, 'queue.indicators', { from: '2026-11-23', to: '2026-11-23' });
    expect(rows).toEqual([
      { day: '2026-11-23', group: 'A', groupName: 'Hộ tịch', counter: 1, issued: 3, finished: 2, skipped: 1, neverCalled: 0, transferred: 0, averageWaitSeconds: (10 + 20 + 22) * 20, maxWaitSeconds: 22 * 60, averageServiceSeconds: 7 * 60 },
      { day: '2026-11-23', group: 'B', groupName: 'Đất đai', issued: 1, finished: 0, skipped: 0, neverCalled: 1, transferred: 0, averageWaitSeconds: null, maxWaitSeconds: null, averageServiceSeconds: null },
    ]);
    expect(await ok(station, 'queue.indicators', { from: '2026-11-24', to: '2026-11-30' })).toEqual([]);
    expect(await station.refused('queue.indicators', { from: '2026-11-24', to: '2026-11-23' })).toMatchObject({ code: 'VALIDATION' });
  });
});

describe('queue settings', () => {
  it('refuses settings that contradict themselves, with the field and a Vietnamese message, and keeps the old ones', async () => {
    const station = await counterStation();
    const before = await ok<QueueSettings>(station, 'queue.settings', {});
    const cases: Array<[Partial<QueueSettings>, string, string]> = [
      [{ groups: [{ letter: 'A', name: 'Hộ tịch' }, { letter: 'A', name: 'Đất đai' }] }, 'QUEUE_SETTINGS_GROUPS_DUPLICATE', 'groups.1.letter'],
      [{ counters: [{ number: 1, name: 'Quầy 1', groups: [] }, { number: 1, name: 'Quầy 1 bis', groups: [] }] }, 'QUEUE_SETTINGS_COUNTERS_DUPLICATE', 'counters.1.number'],
      [{ counters: [{ number: 1, name: 'Quầy 1', groups: ['X'] }] }, 'QUEUE_SETTINGS_COUNTER_GROUP', 'counters.0.groups'],
      [{ counterNumber: 9 }, 'QUEUE_SETTINGS_THIS_COUNTER', 'counterNumber'],
      [{ followUrlTemplate: 'https://dichvucong.example/hang-doi' }, 'QUEUE_SETTINGS_FOLLOW_URL', 'followUrlTemplate'],
    ];
    for (const [change, code, field] of cases) {
      const refused = await station.refused('queue.configure', change);
      expect(refused, code).toMatchObject({ code, field });
      expect(refused.message, code).toMatch(VIETNAMESE_TEXT);
    }
    expect(await station.refused('queue.configure', { paper: 76 })).toMatchObject({ code: 'VALIDATION' });
    expect(await ok(station, 'queue.settings', {})).toEqual(before);
  });

  it('keeps names in NFC, as they are printed and shown', async () => {
    const station = await counterStation();
    const saved = await ok<QueueSettings>(station, 'queue.configure', { groups: [{ letter: 'A', name: 'Hộ tịch'.normalize('NFD') }, { letter: 'B', name: ' Đất đai ' }] });
    expect(saved.groups).toEqual([{ letter: 'A', name: 'Hộ tịch'.normalize('NFC') }, { letter: 'B', name: 'Đất đai' }]);
    expect((await take(station, 'A')).group.name).toBe('Hộ tịch'.normalize('NFC'));
  });
});

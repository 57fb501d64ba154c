import { describe, expect, it } from 'vitest';
import { eventNames, events, type EventName, type EventPayload } from '../../../../main/contract/events';
import { connectQueryCache, createStationQueryClient, stationKey } from '../../../../renderer/src/common/station/cache';
import { createEventHub } from '../../../../renderer/src/common/station/events';

// What replaced the six polling timers: the station's events refresh exactly the answers the
// contract says they may change, and every answer after the stream comes back from a drop.

function cacheWithAnswers() {
  const client = createStationQueryClient();
  const hub = createEventHub();
  connectQueryCache(client, hub);
  const keys = {
    logbook: stationKey('dossier.logbook', { date: '2026-11-23' }),
    dossier: stationKey('dossier.get', { code: '000.00.06.H56-261123-0001' }),
    status: stationKey('sync.status', {}),
    calendar: stationKey('calendar.list', { year: 2026 }),
    tokens: stationKey('signing.status', {}),
  };
  for (const key of Object.values(keys)) client.setQueryData(key, { cached: true });
  const stale = () => Object.entries(keys).filter(([, key]) => client.getQueryState(key)?.isInvalidated).map(([name]) => name).sort();
  return { client, hub, stale };
}

// One payload per event: a new event does not compile here until it has one.
const SAMPLES: { readonly [E in EventName]: EventPayload<E> } = {
  'outbox.changed': { pending: 0, rejected: 0, dossiersWaiting: 0 },
  'sync.changed': { online: null },
  'dossier.changed': { code: 'x' },
  'catalogue.changed': {},
  'calendar.changed': {},
  'settings.changed': {},
  'tokens.changed': {},
  'fees.changed': { code: null },
  'scan.changed': { sessionId: 's', rev: 1 },
  'identity.scanned': { ok: false, source: 'serial', at: '2026-11-23T09:32', reason: 'garbage', code: 'X', message: 'x' },
  'reader.changed': { mode: 'none', state: 'off' },
  'queue.changed': { day: '2026-11-23' },
  'display.changed': { mode: 'idle', rev: 1, agency: { name: 'a', unitName: 'b' }, welcome: 'x' },
  'rating.changed': { dossierCode: 'x' },
  'watch.changed': { now: '2026-11-23T09:32' },
  'counterRequests.changed': {},
  'conflicts.changed': { open: 0 },
  'clock.changed': { now: '2026-11-23T09:32' },
  'print.changed': { waiting: 0, failed: 0 },
};

describe('the query cache and the station events', () => {
  it('a dossier saved elsewhere refreshes the log book and that dossier, not the calendar or the tokens', () => {
    const { hub, stale } = cacheWithAnswers();
    hub.deliver('dossier.changed', { code: '000.00.06.H56-261123-0001' });
    expect(stale()).toEqual(['dossier', 'logbook']);
  });

  it('the outbox moving refreshes the status bar; a token plugged in refreshes the token list only', () => {
    const a = cacheWithAnswers();
    a.hub.deliver('outbox.changed', { pending: 1, rejected: 0, dossiersWaiting: 1 });
    expect(a.stale()).toEqual(['dossier', 'status']);
    const b = cacheWithAnswers();
    b.hub.deliver('tokens.changed', {});
    expect(b.stale()).toEqual(['tokens']);
  });

  it('follows the contract for every event: each channel it names is refreshed', () => {
    for (const name of eventNames) {
      const client = createStationQueryClient();
      const hub = createEventHub();
      connectQueryCache(client, hub);
      for (const channel of events[name].affects) client.setQueryData([channel, { any: 1 }], 1);
      expect(events[name].payload.safeParse(SAMPLES[name]).success, `the sample of ${name} is one the station could send`).toBe(true);
      hub.deliver(name, SAMPLES[name]);
      for (const channel of events[name].affects) expect(client.getQueryState([channel, { any: 1 }])?.isInvalidated, `${name} → ${channel}`).toBe(true);
    }
  });

  it('when the stream opens, first or after a drop, every answer asked before it is stale (its events may have come before the stream)', () => {
    const first = cacheWithAnswers();
    first.hub.open(false);
    expect(first.stale()).toEqual(['calendar', 'dossier', 'logbook', 'status', 'tokens']);
    const again = cacheWithAnswers();
    again.hub.open(true);
    expect(again.stale()).toEqual(['calendar', 'dossier', 'logbook', 'status', 'tokens']);
  });

  it('ignores an event this renderer does not know and one whose payload breaks its schema', () => {
    const { hub, stale } = cacheWithAnswers();
    hub.deliver('dossier.deleted', { code: 'x' });
    hub.deliver('dossier.changed', { code: 42 });
    expect(stale()).toEqual([]);
  });
});

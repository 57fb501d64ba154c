import { describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../main/contract/channels';
import { eventNames, events } from '../../main/contract/events';
import { createEventBus } from '../../main/event-bus';
import { errorCodes } from '../../main/messages';
import { formatError } from '../../main/core/errors';
import { openTestStation } from '../helpers/station';

// One contract for channels and events: every event names channels that exist, nothing leaves
// the station outside its schema, and every message exists in both languages.

describe('the event contract', () => {
  it('names only real channels in what each event affects', () => {
    for (const name of eventNames) for (const channel of events[name].affects) expect(channelNames, `${name} → ${channel}`).toContain(channel);
  });

  it('does not deliver an event outside its schema, and says so', () => {
    const invalid = vi.fn();
    const bus = createEventBus(invalid);
    const seen: unknown[] = [];
    bus.subscribe((e) => seen.push(e));
    bus.emit('dossier.changed', { code: 42 } as never);
    expect(seen).toEqual([]);
    expect(invalid).toHaveBeenCalledWith('dossier.changed', expect.anything());
    bus.emit('dossier.changed', { code: 'X-1' });
    expect(seen).toEqual([{ name: 'dossier.changed', payload: { code: 'X-1' } }]);
  });

  it('keeps delivering when one listener fails', () => {
    const bus = createEventBus();
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const got: string[] = [];
    bus.on('settings.changed', () => { throw new Error('a broken screen'); });
    bus.on('settings.changed', () => got.push('second'));
    bus.emit('settings.changed', {});
    expect(got).toEqual(['second']);
    quiet.mockRestore();
  });

  it('has every error in Vietnamese and English', () => {
    for (const code of errorCodes().filter((c) => c !== 'INTERNAL')) {
      expect(formatError(code, {}, 'vi'), code).not.toBe(formatError('INTERNAL', {}, 'vi'));
      expect(formatError(code, {}, 'en'), code).not.toBe('');
    }
  });
});

describe('the station tells what changed', () => {
  it('announces a received dossier and the grown queue, once; a repeated save announces nothing', async () => {
    const station = openTestStation();
    const seen: string[] = [];
    station.events.subscribe((e) => seen.push(`${e.name} ${JSON.stringify(e.payload)}`));
    const draft = await station.validDraft();
    const saved = await station.save(draft);
    expect(seen).toEqual([`dossier.changed {"code":"${saved.code}"}`, 'outbox.changed {"pending":1,"rejected":0,"dossiersWaiting":1}']);
    await station.save(draft);
    expect(seen).toHaveLength(2);
  });

  it('forgets its cached settings and calendar when they change', async () => {
    const station = openTestStation();
    expect(await station.call('appointment.preview', { procedureCode: '1.001193', receivedAt: '2026-11-23T07:30' })).toMatchObject({ ok: true, value: { countingFrom: '2026-11-23T07:30' } });
    await station.call('settings.update', { station: { workingHours: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }] } });
    const preview = await station.call('appointment.preview', { procedureCode: '1.001193', receivedAt: '2026-11-23T07:30' });
    expect(preview).toMatchObject({ ok: true, value: { countingFrom: '2026-11-23T08:00' } });
  });
});

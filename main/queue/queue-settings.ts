import { queueSettings, type QueueSettings } from '../contract/queue-channels';
import { StationError } from '../core/errors';
import type { Db } from '../storage/database';
import { readSetting, writeSetting } from '../storage/settings-store';

// The queue's settings: the service groups (a letter and a name each), the agency's counters and
// the groups each one calls, this station's counter, the thermal printer and the address a
// ticket's QR code opens. One settings document, checked as a whole before it is stored.

const KEY = 'queue';

export const defaultQueueSettings: QueueSettings = {
  groups: [
    { letter: 'A', name: 'Hộ tịch' },
    { letter: 'B', name: 'Đất đai' },
    { letter: 'C', name: 'Chứng thực' },
    { letter: 'D', name: 'Lĩnh vực khác' },
  ],
  counters: [{ number: 1, name: 'Quầy 1', groups: [] }],
  counterNumber: 1,
  printer: { kind: 'none' },
  paper: 80,
  whenSilent: 'refuse',
  statusTimeoutMs: 1000,
  followUrlTemplate: 'https://dichvucong.gov.vn/hang-doi?coquan={agency}&ngay={date}&so={number}',
};

export function readQueueSettings(db: Db): QueueSettings {
  return readSetting(db, KEY, queueSettings, defaultQueueSettings);
}

/** Rules across fields (zod checks each field): letters and counter numbers unique, every reference known. */
export function checkQueueSettings(s: QueueSettings): void {
  const letters = new Set<string>();
  s.groups.forEach((g, i) => {
    if (letters.has(g.letter)) throw new StationError('QUEUE_SETTINGS_GROUPS_DUPLICATE', { letter: g.letter }, `groups.${i}.letter`);
    letters.add(g.letter);
  });
  const numbers = new Set<number>();
  s.counters.forEach((c, i) => {
    if (numbers.has(c.number)) throw new StationError('QUEUE_SETTINGS_COUNTERS_DUPLICATE', { counter: c.number }, `counters.${i}.number`);
    numbers.add(c.number);
    const unknown = c.groups.find((g) => !letters.has(g));
    if (unknown) throw new StationError('QUEUE_SETTINGS_COUNTER_GROUP', { counter: c.number, group: unknown }, `counters.${i}.groups`);
  });
  if (!numbers.has(s.counterNumber)) throw new StationError('QUEUE_SETTINGS_THIS_COUNTER', { counter: s.counterNumber }, 'counterNumber');
  if (!s.followUrlTemplate.includes('{number}')) throw new StationError('QUEUE_SETTINGS_FOLLOW_URL', {}, 'followUrlTemplate');
}

export function writeQueueSettings(db: Db, settings: QueueSettings): QueueSettings {
  const input = queueSettings.parse(settings);
  // Names go onto tickets and screens: NFC, as every printed text.
  const parsed: QueueSettings = {
    ...input,
    groups: input.groups.map((g) => ({ ...g, name: g.name.normalize('NFC') })),
    counters: input.counters.map((c) => ({ ...c, name: c.name.normalize('NFC') })),
  };
  checkQueueSettings(parsed);
  return writeSetting(db, KEY, queueSettings, parsed);
}

/** The address in a ticket's QR code. */
export function followUrl(template: string, v: Readonly<{ number: string; group: string; day: string; agency: string }>): string {
  const values: Record<string, string> = { number: v.number, group: v.group, date: v.day.replace(/-/g, ''), agency: v.agency };
  return template.replace(/\{(number|group|date|agency)\}/g, (_, k: string) => encodeURIComponent(values[k] ?? ''));
}

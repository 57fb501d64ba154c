import type { QueueSettings } from '../../../../main/contract/queue-channels';

// The groups and counters as the technician edits them: one a line, "A — Hộ tịch" and
// "1 — Quầy 1 — A, B" (no groups: the counter calls every group). Parsing gives the lines that
// do not fit, so that nothing is saved half-read.

type Group = QueueSettings['groups'][number];
type Counter = QueueSettings['counters'][number];

const SEP = /\s*[—–-]\s*/;
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l !== '');

export const groupsText = (groups: readonly Group[]) => groups.map((g) => `${g.letter} — ${g.name}`).join('\n');
export const countersText = (counters: readonly Counter[]) =>
  counters.map((c) => `${c.number} — ${c.name}${c.groups.length ? ` — ${c.groups.join(', ')}` : ''}`).join('\n');

export function parseGroups(text: string): { groups: Group[]; bad: string[] } {
  const groups: Group[] = [];
  const bad: string[] = [];
  for (const line of lines(text)) {
    const m = /^([A-Za-z])\s*[—–-]\s*(.+)$/.exec(line);
    if (m) groups.push({ letter: m[1]!.toUpperCase(), name: m[2]!.trim() });
    else bad.push(line);
  }
  return { groups, bad };
}

export function parseCounters(text: string): { counters: Counter[]; bad: string[] } {
  const counters: Counter[] = [];
  const bad: string[] = [];
  for (const line of lines(text)) {
    const [number, name, groups = ''] = line.split(SEP);
    const n = Number(number);
    const letters = groups.split(/[\s,;]+/).filter((g) => g !== '').map((g) => g.toUpperCase());
    if (Number.isInteger(n) && n >= 1 && name && letters.every((g) => /^[A-Z]$/.test(g))) counters.push({ number: n, name, groups: letters });
    else bad.push(line);
  }
  return { counters, bad };
}

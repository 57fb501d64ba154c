import { describe, expect, it } from 'vitest';
import { countersText, groupsText, parseCounters, parseGroups } from '../../../../renderer/src/features/queue/settings-text';

describe('the queue groups and counters as the technician types them', () => {
  it('reads groups and counters one a line, with any dash, and writes them back the same', () => {
    const g = parseGroups('A — Hộ tịch\nb - Đất đai\n\n C–Chứng thực ');
    expect(g).toEqual({ groups: [{ letter: 'A', name: 'Hộ tịch' }, { letter: 'B', name: 'Đất đai' }, { letter: 'C', name: 'Chứng thực' }], bad: [] });
    expect(groupsText(g.groups)).toBe('A — Hộ tịch\nB — Đất đai\nC — Chứng thực');
    const c = parseCounters('1 — Quầy 1\n2 — Quầy Một cửa 2 — a, C');
    expect(c).toEqual({ counters: [{ number: 1, name: 'Quầy 1', groups: [] }, { number: 2, name: 'Quầy Một cửa 2', groups: ['A', 'C'] }], bad: [] });
    expect(countersText(c.counters)).toBe('1 — Quầy 1\n2 — Quầy Một cửa 2 — A, C');
  });

  it('gives back the lines that do not fit, so that nothing is saved half-read', () => {
    expect(parseGroups('AB — Hai chữ\nHộ tịch').bad).toEqual(['AB — Hai chữ', 'Hộ tịch']);
    expect(parseCounters('một — Quầy\n3 — Quầy 3 — A, 7\n0 — Quầy 0').bad).toEqual(['một — Quầy', '3 — Quầy 3 — A, 7', '0 — Quầy 0']);
  });
});

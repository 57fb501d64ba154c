import { describe, expect, it } from 'vitest';
import { burstDetector } from '../../../../renderer/src/features/devices/wedge-burst';
import { CCCD_HANOI } from '../../../core/identity-qr-fixtures';

// The keys' times are given: a scanner's burst, a person's typing, a busy PC's pauses.

const rules = { maxKeyGapMs: 35, minLength: 20 };

/** Types `text` one character every `gap` ms from `start`; answers the time of the last key. */
function type(d: ReturnType<typeof burstDetector>, text: string, start: number, gap: number | ((i: number) => number)): number {
  let at = start;
  [...text].forEach((ch, i) => {
    if (i > 0) at += typeof gap === 'number' ? gap : gap(i);
    d.input(ch, at);
  });
  return at;
}

describe('a keyboard wedge told from a person', () => {
  it('a scanner’s burst ending in Enter gives its whole text, once', () => {
    const d = burstDetector(rules);
    const last = type(d, CCCD_HANOI, 1000, 4);
    expect(d.enter(last + 5)).toBe(CCCD_HANOI);
    expect(d.enter(last + 10)).toBeNull();
  });

  it('a person typing the number, however long, is never a burst', () => {
    const d = burstDetector(rules);
    const last = type(d, '001090012345 và một ghi chú dài hơn hai mươi ký tự', 0, 120);
    expect(d.enter(last + 150)).toBeNull();
  });

  it('a burst shorter than the shortest card is the officer’s own Enter', () => {
    const d = burstDetector(rules);
    expect(d.enter(type(d, '0010900123', 0, 3) + 3)).toBeNull();
  });

  it('forgives two pauses of a busy PC in a burst, not a third; never a pause of seconds', () => {
    const twoStalls = burstDetector(rules);
    let last = type(twoStalls, CCCD_HANOI, 0, (i) => (i === 30 || i === 60 ? 400 : 4));
    expect(twoStalls.enter(last + 4)).toBe(CCCD_HANOI);

    const threeStalls = burstDetector(rules);
    last = type(threeStalls, CCCD_HANOI, 0, (i) => (i === 30 || i === 60 || i === 90 ? 400 : 4));
    // The run started again after the third pause: what follows it only.
    expect(threeStalls.enter(last + 4)).toBe(CCCD_HANOI.slice(90));

    const longPause = burstDetector(rules);
    last = type(longPause, CCCD_HANOI, 0, (i) => (i === 50 ? 3000 : 4));
    expect(longPause.enter(last + 4)).toBe(CCCD_HANOI.slice(50));
  });

  it('says when a new run of keys starts (the form is remembered as the officer left it then)', () => {
    const d = burstDetector(rules);
    expect(d.input('0', 0)).toBe(true);
    expect(d.input('0', 4)).toBe(false);
    expect(d.input('1', 5000)).toBe(true);
  });
});

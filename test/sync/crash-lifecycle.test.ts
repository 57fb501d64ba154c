import { describe, expect, it } from 'vitest';
import { crashHarness } from './crash-harness';

describe('power cuts during transitions', () => {
  it('after 100 kills every change the station recorded is at the portal exactly once and in order, every acknowledged one among them', async () => {
    const report = await crashHarness({ kills: 100, transitions: true });
    expect(report.kills).toBe(100);
    expect(report.transitionsAcknowledged).toBeGreaterThan(50); // the kills really hit a counter at work
    expect(report.duplicates).toEqual([]);
    expect(report.missing).toEqual([]);
    expect(report.transitionsMismatched).toEqual([]);
    expect(report.outboxLeft).toBe(0);
  }, 600_000);
});

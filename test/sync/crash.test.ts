import { describe, expect, it } from 'vitest';
import { crashHarness } from './crash-harness';

describe('power cuts while receiving and syncing', () => {
  it('after 200 kills every acknowledged dossier is at the portal exactly once, with its files intact, and nothing is left queued', async () => {
    const report = await crashHarness({ kills: 200 });
    expect(report.kills).toBe(200);
    expect(report.acknowledged).toBeGreaterThan(100); // the kills really hit a station at work
    expect(report.filesAcknowledged).toBeGreaterThan(20);
    expect(report.rescansAcknowledged).toBeGreaterThan(5); // and some documents scanned again
    expect(report.duplicates).toEqual([]);
    expect(report.missing).toEqual([]);
    expect(report.filesMismatched).toEqual([]);
    expect(report.outboxLeft).toBe(0);
    // Dossiers saved but killed before the officer saw the answer may be there too, never fewer.
    expect(report.atPortal).toBeGreaterThanOrEqual(report.acknowledged);
  }, 600_000);
});

import { describe, expect, it } from 'vitest';
import { scanCrashHarness } from './crash-scan-harness';

describe('power cuts while scanning and saving scans', () => {
  it('after 200 kills during feeder jobs and "Lưu vào hồ sơ", every page shown is back after restart, none twice, every PDF whole, no orphan file', async () => {
    const report = await scanCrashHarness({ kills: 200, maxKillMs: 1200 });
    console.log(`scanning crash harness: ${JSON.stringify(report)}`); // the figures, for the record
    expect(report.kills).toBe(200);
    // The kills really hit jobs and saves.
    expect(report.killsDuringJob).toBeGreaterThan(50);
    expect(report.killsDuringSave).toBeGreaterThan(30);
    expect(report.pagesAcknowledged).toBeGreaterThan(500);
    expect(report.resumesChecked).toBeGreaterThan(50);
    expect(report.savesAcknowledged).toBeGreaterThan(20);
    expect(report.problems).toEqual([]);
  }, 2_400_000);
});

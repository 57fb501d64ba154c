import { describe, expect, it } from 'vitest';
import { axisTicks, percent, periodOf } from '../../../../renderer/src/features/indicators/period';

// The dashboard's periods are counted from the station's today, never the PC's clock.

describe("the dashboard's periods", () => {
  const custom = { from: '2026-10-05', to: '2026-10-09' };

  it('names the month, the month before, the quarter and the year around a day', () => {
    expect(periodOf('this_month', '2026-11-24', custom)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(periodOf('last_month', '2026-11-24', custom)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(periodOf('this_quarter', '2026-11-24', custom)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodOf('this_year', '2026-11-24', custom)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodOf('custom', '2026-11-24', custom)).toEqual(custom);
  });

  it('crosses the year back in January and knows February of a leap year', () => {
    expect(periodOf('last_month', '2027-01-03', custom)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(periodOf('this_month', '2028-02-10', custom)).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodOf('last_month', '2028-03-31', custom)).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodOf('this_quarter', '2027-03-31', custom)).toEqual({ from: '2027-01-01', to: '2027-03-31' });
  });

  it('writes shares the Vietnamese way and gives the chart round ticks', () => {
    expect(percent(0.5)).toBe('50 %');
    expect(percent(5 / 6)).toBe('83,3 %');
    expect(percent(5 / 6, 'en')).toBe('83.3 %');
    expect(percent(null)).toBe('—');
    expect(axisTicks(2)).toEqual([0, 1, 2]);
    expect(axisTicks(37)).toEqual([0, 10, 20, 30, 40]);
    expect(axisTicks(0)).toEqual([0, 1]);
  });
});

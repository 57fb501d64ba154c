import { describe, expect, it } from 'vitest';
import { formatReportRefusal, periodWithDays, resolvePeriod, type ReportPeriod } from '../../main/reports/report-period';

describe('resolvePeriod', () => {
  it('gives the days and the half-open time range of a month, quarter, year or range', () => {
    expect(resolvePeriod({ kind: 'month', year: 2028, month: 2 })).toEqual({
      ok: true,
      value: { from: '2028-02-01', to: '2028-02-29', start: '2028-02-01T00:00', endExclusive: '2028-03-01T00:00', label: 'Tháng 2 năm 2028' },
    });
    const q4 = resolvePeriod({ kind: 'quarter', year: 2026, quarter: 4 });
    expect(q4).toMatchObject({ ok: true, value: { from: '2026-10-01', to: '2026-12-31', endExclusive: '2027-01-01T00:00', label: 'Quý IV năm 2026' } });
    expect(resolvePeriod({ kind: 'year', year: 2026 })).toMatchObject({ ok: true, value: { from: '2026-01-01', to: '2026-12-31', label: 'Năm 2026' } });
    const one = resolvePeriod({ kind: 'range', from: '2026-11-23', to: '2026-11-23' });
    expect(one).toMatchObject({ ok: true, value: { start: '2026-11-23T00:00', endExclusive: '2026-11-24T00:00', label: 'Từ ngày 23/11/2026 đến ngày 23/11/2026' } });
    if (q4.ok) expect(periodWithDays(q4.value)).toBe('Quý IV năm 2026 (từ ngày 01/10/2026 đến ngày 31/12/2026)');
  });

  it('refuses a reversed or impossible period, with words that say what to do', () => {
    const reversed = resolvePeriod({ kind: 'range', from: '2026-11-30', to: '2026-11-01' });
    expect(reversed).toEqual({ ok: false, code: 'PERIOD_REVERSED', params: { from: '30/11/2026', to: '01/11/2026' } });
    if (!reversed.ok) {
      expect(formatReportRefusal(reversed, 'vi')).toBe('Ngày bắt đầu (30/11/2026) sau ngày kết thúc (01/11/2026); chưa có gì được xuất. Hãy đổi lại hai ngày.');
      expect(formatReportRefusal(reversed, 'en')).toBe('The start date (30/11/2026) is after the end date (01/11/2026); nothing was exported. Swap the two dates.');
    }
    const bad: unknown[] = [
      { kind: 'month', year: 2026, month: 13 },
      { kind: 'quarter', year: 2026, quarter: 0 },
      { kind: 'year', year: 2026.5 },
      { kind: 'range', from: '2026-02-30', to: '2026-03-01' },
      { kind: 'week', year: 2026 },
      null,
    ];
    for (const p of bad) expect(resolvePeriod(p as ReportPeriod), JSON.stringify(p)).toMatchObject({ ok: false, code: 'PERIOD_INVALID' });
  });
});

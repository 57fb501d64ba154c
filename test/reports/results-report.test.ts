import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { formatReportRefusal, type ReportPeriod } from '../../main/reports/report-period';
import {
  aggregateResults,
  handledTotal,
  inProgressTotal,
  onTimeRate,
  receivedTotal,
  renderResultsReportPdf,
  renderResultsXlsx,
  totalCounts,
  type DossierFact,
  type FieldCounts,
  type ResultsReportData,
} from '../../main/reports/results-report';
import { addDays, formatDayNumberMinute, localDateToDayNumber } from '../../main/core/time';
import { rng } from '../bench/stats';
import { counterAgency } from '../forms/lifecycle-fixtures';

const dir = mkdtempSync(path.join(tmpdir(), 'results-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const november: ReportPeriod = { kind: 'month', year: 2026, month: 11 };
const HT = 'Hộ tịch';
const DD = 'Đất đai';

/** Facts around November 2026, each with the count it must land in (see the comments). */
const facts: DossierFact[] = [
  { field: HT, channel: 1, status: 10, receivedAt: '2026-10-20T09:00', appointmentAt: '2026-11-06T16:00', finishedAt: '2026-11-05T10:00', returnedAt: '2026-11-06T08:00' }, // carried, early
  { field: HT, channel: 2, status: 9, receivedAt: '2026-10-25T09:00', appointmentAt: '2026-11-02T09:00', finishedAt: '2026-11-02T08:00' }, // carried, on time
  { field: HT, channel: 1, status: 10, receivedAt: '2026-10-28T09:00', appointmentAt: '2026-11-03T09:00', finishedAt: '2026-11-10T14:00', returnedAt: '2026-11-11T08:00' }, // carried, late
  { field: HT, channel: 1, status: 10, receivedAt: '2026-10-01T09:00', appointmentAt: '2026-10-08T09:00', finishedAt: '2026-10-20T09:00' }, // finished before: not counted
  { field: HT, channel: 2, status: 4, receivedAt: '2026-11-10T09:00', appointmentAt: '2026-11-17T09:00' }, // new online, overdue at the end
  { field: HT, channel: 1, status: 4, receivedAt: '2026-11-26T09:00', appointmentAt: '2026-12-03T09:00' }, // new counter, within time
  { field: HT, channel: 3, status: 7, receivedAt: '2026-11-12T09:00', appointmentAt: '2026-11-19T09:00', closedAt: '2026-11-13T10:00' }, // new post, withdrawn
  { field: HT, channel: 1, status: 4, receivedAt: '2026-12-01T07:00', appointmentAt: '2026-12-08T07:00' }, // after: not counted
  { field: HT, channel: 2, status: 1 }, // registered, never received
  { field: HT, channel: 2, status: 3 }, // refused
  { field: DD, channel: 1, status: 9, receivedAt: '2026-11-20T09:00', appointmentAt: '2026-12-01T10:00', finishedAt: '2026-12-02T09:00' }, // new counter, in progress at the end, within time
  { field: DD, channel: 1, status: 10, receivedAt: '2026-11-03T09:00', appointmentAt: '2026-11-04T16:00', returnedAt: '2026-11-04T15:00' }, // new counter, on time (returned, no finishing time)
];

const counts = (field: string, c: Partial<Omit<FieldCounts, 'field'>>): FieldCounts => ({
  field,
  carriedOver: 0,
  newOnline: 0,
  newCounter: 0,
  newPost: 0,
  early: 0,
  onTime: 0,
  late: 0,
  inProgressWithinTime: 0,
  inProgressOverdue: 0,
  withdrawnOrStopped: 0,
  ...c,
});

describe('aggregateResults', () => {
  it('counts each dossier once, in the column its dates put it', () => {
    expect(aggregateResults(facts, november)).toEqual({
      ok: true,
      value: [
        counts(DD, { newCounter: 2, onTime: 1, inProgressWithinTime: 1 }),
        counts(HT, { carriedOver: 3, newOnline: 1, newCounter: 1, newPost: 1, early: 1, onTime: 1, late: 1, inProgressWithinTime: 1, inProgressOverdue: 1, withdrawnOrStopped: 1 }),
      ],
    });
  });

  it('judges a period not over yet at the moment given', () => {
    const r = aggregateResults(facts, november, { asOf: '2026-11-15T12:00' });
    expect(r).toEqual({
      ok: true,
      value: [
        counts(DD, { newCounter: 1, onTime: 1 }),
        counts(HT, { carriedOver: 3, newOnline: 1, newPost: 1, early: 1, onTime: 1, late: 1, inProgressWithinTime: 1, withdrawnOrStopped: 1 }),
      ],
    });
  });

  it('refuses a fact it cannot count, naming it, and a bad period', () => {
    expect(aggregateResults([...facts, { field: HT, channel: 1, status: 9, receivedAt: '2026-11-02T09:00', appointmentAt: '2026-11-09T09:00' }], november)).toEqual({
      ok: false,
      code: 'FACT_INVALID',
      params: { index: 13, detail: 'hồ sơ đã có kết quả nhưng thiếu thời gian có kết quả' },
    });
    expect(aggregateResults([{ field: HT, channel: 4 as 1, status: 4, receivedAt: '2026-11-02T09:00', appointmentAt: '2026-11-09T09:00' }], november)).toMatchObject({ ok: false, code: 'FACT_INVALID' });
    expect(aggregateResults(facts, { kind: 'range', from: '2026-11-30', to: '2026-11-01' })).toMatchObject({ ok: false, code: 'PERIOD_REVERSED' });
    expect(aggregateResults([], november)).toEqual({ ok: true, value: [] });
  });

  it('over random dossiers: every row adds up, months add up to their quarter, and what is in progress at the end of a month is carried into the next', () => {
    const random = rng(20261123);
    const fields = ['Hộ tịch', 'Chứng thực', 'Đất đai', 'Xây dựng', 'Bảo trợ xã hội'];
    const base = localDateToDayNumber('2026-09-01');
    const many: DossierFact[] = Array.from({ length: 5000 }, () => {
      const received = formatDayNumberMinute(base + Math.floor(random() * 150), 420 + Math.floor(random() * 600));
      const appointment = formatDayNumberMinute(localDateToDayNumber(received.slice(0, 10)) + 1 + Math.floor(random() * 15), 960);
      const field = fields[Math.floor(random() * fields.length)]!;
      const channel = (1 + Math.floor(random() * 3)) as 1 | 2 | 3;
      const roll = random();
      const end = formatDayNumberMinute(localDateToDayNumber(received.slice(0, 10)) + Math.floor(random() * 25), 480);
      if (roll < 0.6) return { field, channel, status: 10, receivedAt: received, appointmentAt: appointment, finishedAt: end > received ? end : received };
      if (roll < 0.7) return { field, channel, status: roll < 0.65 ? 7 : 8, receivedAt: received, appointmentAt: appointment, closedAt: end > received ? end : received };
      return { field, channel, status: 4, receivedAt: received, appointmentAt: appointment };
    });
    const get = (p: ReportPeriod): FieldCounts[] => {
      const r = aggregateResults(many, p);
      if (!r.ok) throw new Error(r.code);
      return [...r.value];
    };
    const byField = (rows: FieldCounts[]) => new Map(rows.map((r) => [r.field, r]));
    const oct = byField(get({ kind: 'month', year: 2026, month: 10 }));
    const nov = byField(get({ kind: 'month', year: 2026, month: 11 }));
    const dec = byField(get({ kind: 'month', year: 2026, month: 12 }));
    const q4 = byField(get({ kind: 'quarter', year: 2026, quarter: 4 }));
    for (const f of fields) {
      for (const m of [oct, nov, dec, q4]) {
        const c = m.get(f)!;
        expect(receivedTotal(c), f).toBe(handledTotal(c) + inProgressTotal(c) + c.withdrawnOrStopped);
      }
      expect(nov.get(f)!.carriedOver, `${f} into November`).toBe(inProgressTotal(oct.get(f)!));
      expect(dec.get(f)!.carriedOver, `${f} into December`).toBe(inProgressTotal(nov.get(f)!));
      for (const k of ['newOnline', 'newCounter', 'newPost', 'early', 'onTime', 'late', 'withdrawnOrStopped'] as const) {
        expect(q4.get(f)![k], `${f} ${k}`).toBe(oct.get(f)![k] + nov.get(f)![k] + dec.get(f)![k]);
      }
      expect(q4.get(f)!.carriedOver).toBe(oct.get(f)!.carriedOver);
      expect(inProgressTotal(q4.get(f)!)).toBe(inProgressTotal(dec.get(f)!));
    }
    // A range of one day is a period like any other.
    const day = get({ kind: 'range', from: '2026-11-23', to: '2026-11-23' });
    const expectedNew = many.filter((x) => x.receivedAt !== undefined && x.receivedAt >= '2026-11-23T00:00' && x.receivedAt < `${addDays('2026-11-23', 1)}T00:00`).length;
    expect(day.reduce((n, r) => n + r.newOnline + r.newCounter + r.newPost, 0)).toBe(expectedNew);
  });
});

function sampleReport(overrides: Partial<ResultsReportData> = {}): ResultsReportData {
  const r = aggregateResults(facts, november);
  if (!r.ok) throw new Error(r.code);
  return {
    agency: counterAgency,
    period: november,
    rows: r.value,
    preparedAt: '2026-12-02T09:00',
    number: '25/BC-UBND',
    preparedBy: 'Đặng Quốc Bảo',
    signer: { role: 'CHỦ TỊCH', name: 'Phạm Văn Đức' },
    ...overrides,
  };
}

describe('the results report', () => {
  it('as XLSX: heading, grouped header, a row per field with live totals, and the on-time share', async () => {
    const r = await renderResultsXlsx(sampleReport());
    if (!r.ok) throw new Error(r.code);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.value as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('UBND TỈNH BẮC NINH');
    expect(ws.getCell('A3').value).toBe('Số: 25/BC-UBND');
    expect(ws.getCell('H3').value).toBe('Tiên Du, ngày 02 tháng 12 năm 2026');
    expect(ws.getCell('A4').value).toBe('BÁO CÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(ws.getCell('A5').value).toBe('Kỳ báo cáo: Tháng 11 năm 2026 (từ ngày 01/11/2026 đến ngày 30/11/2026)');
    expect(ws.getCell('C8').value).toBe('Số hồ sơ nhận giải quyết');
    expect(ws.getCell('G8').isMerged).toBe(true);
    expect(['E10', 'F10', 'G10'].map((a) => ws.getCell(a).value)).toEqual(['Trực tuyến', 'Trực tiếp', 'Bưu chính công ích']);
    expect(['H9', 'I9', 'J9', 'K9'].map((a) => ws.getCell(a).value)).toEqual(['Tổng số', 'Trước hạn', 'Đúng hạn', 'Quá hạn']);
    expect(ws.getCell('P11').value).toBe('(16)');
    // Row 12: Đất đai; row 13: Hộ tịch; row 14: the totals.
    expect(ws.getCell('B12').value).toBe('Đất đai');
    const ht = ws.getRow(13);
    expect(ht.getCell(2).value).toBe('Hộ tịch');
    expect(ht.getCell(3).value).toEqual({ formula: 'SUM(D13:G13)', result: 6 });
    expect([4, 5, 6, 7].map((c) => ht.getCell(c).value)).toEqual([3, 1, 1, 1]);
    expect(ht.getCell(8).value).toEqual({ formula: 'SUM(I13:K13)', result: 3 });
    expect(ht.getCell(12).value).toEqual({ formula: 'SUM(M13:N13)', result: 2 });
    expect(ht.getCell(15).value).toBe(1);
    expect(ht.getCell(16).value).toEqual({ formula: 'IF(H13=0,"",(I13+J13)/H13)', result: 2 / 3 });
    expect(ht.getCell(16).numFmt).toBe('0.0%');
    const total = ws.getRow(14);
    expect(total.getCell(2).value).toBe('Tổng cộng');
    expect(total.getCell(3).value).toEqual({ formula: 'SUM(C12:C13)', result: 8 });
    expect(total.getCell(10).value).toEqual({ formula: 'SUM(J12:J13)', result: 2 });
    expect(total.font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 11 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '8:11' });
  });

  it('as PDF: A4 landscape, every figure and field in composed Vietnamese', async () => {
    const r = await renderResultsReportPdf(sampleReport({ agency: { ...counterAgency, name: 'UBND xã Tiên Du'.normalize('NFD') } }));
    if (!r.ok) throw new Error(r.code);
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, r.value);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28/);
    const t = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(t).not.toMatch(/[\u0300-\u036f]/);
    for (const expected of ['UBND TỈNH BẮC NINH', 'UBND XÃ TIÊN DU', 'Số: 25/BC-UBND', 'Tiên Du, ngày 02 tháng 12 năm 2026', 'BÁO CÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH', 'Kỳ báo cáo: Tháng 11 năm 2026 (từ ngày 01/11/2026 đến ngày 30/11/2026)', 'NGƯỜI LẬP BIỂU', 'CHỦ TỊCH', 'Phạm Văn Đức', 'Đặng Quốc Bảo']) {
      expect(t, expected).toContain(expected);
    }
    // The figures of each row, in column order.
    expect(t).toMatch(/1\s+Đất đai\s+2\s+0\s+0\s+2\s+0\s+1\s+0\s+1\s+0\s+1\s+1\s+0\s+0\s+100,0%/);
    expect(t).toMatch(/2\s+Hộ tịch\s+6\s+3\s+1\s+1\s+1\s+3\s+1\s+1\s+1\s+2\s+1\s+1\s+1\s+66,7%/);
    expect(t).toMatch(/Tổng cộng\s+8\s+3\s+1\s+3\s+1\s+4\s+1\s+2\s+1\s+3\s+2\s+1\s+1\s+75,0%/);
    const flat = t.replace(/\s+/g, ' ');
    // The narrow columns wrap their headings; the wide ones read whole.
    for (const h of ['Lĩnh vực giải quyết', 'Số hồ sơ nhận giải quyết', 'Mới tiếp nhận', 'Số hồ sơ đã giải quyết', 'Trước hạn', 'Đúng hạn', 'Số hồ sơ đang giải quyết', 'Trong hạn']) expect(flat, h).toContain(h);
  });

  it('says the figures are as of a moment when the period is not over', async () => {
    const r = await renderResultsXlsx(sampleReport({ preparedAt: '2026-11-23T09:32', rows: aggregateResultsOrThrow('2026-11-23T09:32') }));
    if (!r.ok) throw new Error(r.code);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.value as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getCell('A6').value).toBe('Số liệu tính đến 09 giờ 32 phút, ngày 23/11/2026');
  });

  it('refuses an empty period, a reversed one and counts that do not add up', async () => {
    const empty = await renderResultsXlsx(sampleReport({ rows: [] }));
    expect(empty).toEqual({ ok: false, code: 'PERIOD_EMPTY', params: { period: 'Tháng 11 năm 2026' } });
    expect(await renderResultsReportPdf(sampleReport({ rows: [counts(HT, {})] }))).toMatchObject({ ok: false, code: 'PERIOD_EMPTY' });
    expect(await renderResultsReportPdf(sampleReport({ period: { kind: 'range', from: '2026-11-30', to: '2026-11-01' } }))).toMatchObject({ ok: false, code: 'PERIOD_REVERSED' });
    const wrong = await renderResultsXlsx(sampleReport({ rows: [counts(HT, { newCounter: 5, onTime: 3 })] }));
    expect(wrong).toEqual({ ok: false, code: 'COUNTS_INCONSISTENT', params: { field: HT, received: 5, accounted: 3 } });
    if (!wrong.ok) expect(formatReportRefusal(wrong, 'vi')).toContain('Số liệu lĩnh vực "Hộ tịch" không khớp: nhận giải quyết 5 nhưng đã giải quyết, đang giải quyết, rút và dừng cộng lại là 3');
    expect(await renderResultsXlsx(sampleReport({ rows: [counts(HT, { newCounter: -1 })] }))).toMatchObject({ ok: false, code: 'COUNTS_INVALID' });
  });

  it('totals and rates', () => {
    const t = totalCounts([counts(HT, { early: 1, onTime: 2, late: 1 }), counts(DD, { late: 4 })]);
    expect(handledTotal(t)).toBe(8);
    expect(onTimeRate(t)).toBe('37,5%');
    expect(onTimeRate(counts(HT, {}))).toBe('–');
  });
});

function aggregateResultsOrThrow(asOf: string): readonly FieldCounts[] {
  const r = aggregateResults(facts, november, { asOf });
  if (!r.ok) throw new Error(r.code);
  return r.value;
}

// Forms and reports after intake: a month's log book (Mẫu 06) of 2,000 dossiers as PDF and XLSX,
// a year's results report from counts as XLSX and PDF, and the aggregation of 1,000,000
// synthetic dossier facts into those counts. Each figure is wall-clock time (what the officer
// waits) with the process's CPU time beside it: on the shared 2-core machine the wall clock
// also counts other people's work.
//
// Run alone: `npx tsx test/bench/forms.ts` prints the JSON; `benchForms()` returns it for
// test/bench/index.ts.

import { fileURLToPath } from 'node:url';
import { formatDayNumberMinute, localDateToDayNumber } from '../../main/core/time';
import { renderLogBook } from '../../main/forms/log-book';
import { renderLogBookXlsx } from '../../main/reports/logbook-xlsx';
import { aggregateResults, renderResultsReportPdf, renderResultsXlsx, type DossierFact, type FieldCounts } from '../../main/reports/results-report';
import { counterAgency, logBookEntries, sampleLogBook } from '../forms/lifecycle-fixtures';
import { ms, now, progress, rng, summarize, type Summary } from './stats';

type Timed = Readonly<{ wall: Summary; cpuMedianMs: number }>;

async function time(runs: number, fn: () => Promise<unknown> | unknown): Promise<Timed> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = now();
    await fn();
    wall.push(now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  cpu.sort((a, b) => a - b);
  return { wall: summarize(wall), cpuMedianMs: ms(cpu[Math.floor(cpu.length / 2)] ?? Number.NaN) };
}

const FIELDS = [
  'Hộ tịch', 'Chứng thực', 'Đất đai', 'Xây dựng', 'Bảo trợ xã hội', 'Người có công', 'Kinh tế hợp tác', 'Giáo dục', 'Y tế',
  'Lao động – Việc làm', 'Tư pháp', 'Nội vụ', 'Tài nguyên nước', 'Môi trường', 'Giao thông', 'Nông nghiệp', 'Thủy lợi', 'Lâm nghiệp',
  'Văn hóa', 'Thể thao', 'Du lịch', 'Thương mại', 'Công nghiệp', 'Khoa học', 'Thông tin', 'Tôn giáo', 'Thi đua – Khen thưởng',
  'Dân tộc', 'Thanh tra', 'Giải quyết khiếu nại', 'Đăng ký kinh doanh', 'Hộ kinh doanh', 'Phòng cháy', 'Quốc phòng', 'An ninh', 'Bưu chính',
];

/** A year of counts per field that add up (received = handled + in progress + withdrawn). */
function yearCounts(): FieldCounts[] {
  return FIELDS.map((field, i) => {
    const early = 120 + i * 7, onTime = 900 + i * 13, late = 4 + (i % 9), within = 30 + i, overdue = i % 5, withdrawn = 3 + (i % 4);
    const total = early + onTime + late + within + overdue + withdrawn;
    const carriedOver = 40 + i, newOnline = Math.floor(total * 0.35), newPost = 10 + (i % 7);
    return { field, carriedOver, newOnline, newPost, newCounter: total - carriedOver - newOnline - newPost, early, onTime, late, inProgressWithinTime: within, inProgressOverdue: overdue, withdrawnOrStopped: withdrawn };
  });
}

/** `n` facts over 2025–2026 in FIELDS, seeded: deterministic from run to run. */
function syntheticFacts(n: number): DossierFact[] {
  const random = rng(1_000_000);
  const base = localDateToDayNumber('2025-01-01');
  const out: DossierFact[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const day = base + Math.floor(random() * 730);
    const receivedAt = formatDayNumberMinute(day, 420 + Math.floor(random() * 600));
    const appointmentAt = formatDayNumberMinute(day + 1 + Math.floor(random() * 20), 960);
    const field = FIELDS[Math.floor(random() * FIELDS.length)] as string;
    const channel = (1 + Math.floor(random() * 3)) as 1 | 2 | 3;
    const roll = random();
    const endedAt = formatDayNumberMinute(day + Math.floor(random() * 25), 600);
    const end = endedAt > receivedAt ? endedAt : receivedAt;
    out[i] =
      roll < 0.85
        ? { field, channel, status: 10, receivedAt, appointmentAt, finishedAt: end, returnedAt: end }
        : roll < 0.9
          ? { field, channel, status: 7, receivedAt, appointmentAt, closedAt: end }
          : { field, channel, status: 4, receivedAt, appointmentAt };
  }
  return out;
}

export type FormsFigures = Readonly<{
  logBookPdf: Readonly<{ lines: number; pages: number; bytes: number; coldMs: number; timed: Timed; target: string; met: boolean }>;
  logBookXlsx: Readonly<{ lines: number; bytes: number; timed: Timed }>;
  yearReportXlsx: Readonly<{ fields: number; bytes: number; timed: Timed; target: string; met: boolean }>;
  yearReportPdf: Readonly<{ fields: number; bytes: number; timed: Timed }>;
  aggregation: Readonly<{ facts: number; generationMs: number; fieldsOut: number; timed: Timed; perMillionFactsMs: number; target: string; met: boolean }>;
}>;

export async function benchForms(options: Readonly<{ logBookRuns?: number; reportRuns?: number; aggregationRuns?: number; facts?: number }> = {}): Promise<FormsFigures> {
  const lines = 2000;
  const entries = logBookEntries(lines);
  const book = sampleLogBook(entries);

  progress(`forms: log book of ${lines} lines to PDF…`);
  const t0 = now();
  const first = await renderLogBook(book);
  const coldMs = ms(now() - t0);
  const pages = Number(/\/Type\s*\/Pages[^>]*\/Count\s+(\d+)/.exec(first.toString('latin1'))?.[1] ?? Number.NaN);
  const pdfTimed = await time(options.logBookRuns ?? 5, () => renderLogBook(book));

  progress('forms: log book to XLSX…');
  let xlsxBytes = 0;
  const xlsxTimed = await time(3, async () => {
    const r = await renderLogBookXlsx(book);
    if (!r.ok) throw new Error(r.code);
    xlsxBytes = r.value.length;
  });

  progress('forms: a year’s results report from counts…');
  const report = { agency: counterAgency, period: { kind: 'year', year: 2026 } as const, rows: yearCounts(), preparedAt: '2027-01-05T09:00', preparedBy: 'Đặng Quốc Bảo' };
  let reportXlsxBytes = 0;
  const reportXlsx = await time(options.reportRuns ?? 20, async () => {
    const r = await renderResultsXlsx(report);
    if (!r.ok) throw new Error(r.code);
    reportXlsxBytes = r.value.length;
  });
  let reportPdfBytes = 0;
  const reportPdf = await time(5, async () => {
    const r = await renderResultsReportPdf(report);
    if (!r.ok) throw new Error(r.code);
    reportPdfBytes = r.value.length;
  });

  const n = options.facts ?? 1_000_000;
  progress(`forms: aggregating ${n.toLocaleString('en')} dossier facts…`);
  const g0 = now();
  const facts = syntheticFacts(n);
  const generationMs = ms(now() - g0);
  let fieldsOut = 0;
  const aggregation = await time(options.aggregationRuns ?? 3, () => {
    const r = aggregateResults(facts, { kind: 'year', year: 2026 });
    if (!r.ok) throw new Error(r.code);
    fieldsOut = r.value.length;
  });

  return {
    logBookPdf: { lines, pages, bytes: first.length, coldMs, timed: pdfTimed, target: 'month log book, 2,000 lines, PDF <= 2000 ms (median)', met: pdfTimed.wall.median <= 2000 },
    logBookXlsx: { lines, bytes: xlsxBytes, timed: xlsxTimed },
    yearReportXlsx: { fields: FIELDS.length, bytes: reportXlsxBytes, timed: reportXlsx, target: "a year's report from counts to XLSX <= 200 ms (median)", met: reportXlsx.wall.median <= 200 },
    yearReportPdf: { fields: FIELDS.length, bytes: reportPdfBytes, timed: reportPdf },
    aggregation: {
      facts: n,
      generationMs,
      fieldsOut,
      timed: aggregation,
      perMillionFactsMs: ms((aggregation.wall.median * 1_000_000) / n),
      target: 'aggregation of 1,000,000 dossier facts <= 1000 ms (median)',
      met: (aggregation.wall.median * 1_000_000) / n <= 1000,
    },
  };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const figures = await benchForms();
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}

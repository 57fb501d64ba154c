import type { z } from 'zod';
import type { Handlers } from '../contract/dispatch';
import type { indicatorCounts } from '../contract/lifecycle-channels';
import { toVietnamLocal } from '../core/time';
import { resolvePeriod } from '../reports/report-period';
import { dailyRows, dailySeries, drillDown, overdueNow, procedureIndex, resultsCounts, UNKNOWN_FIELD } from './indicators-store';
import type { LifecycleEnv } from './lifecycle-env';
import { officerOf } from './lifecycle-env';
import { reportError } from './refusals';
import { dossierLineOf } from './views';

// The unit's indicators for a period and the dossiers behind each number, and the periodic
// report of results (month, quarter, year) as XLSX and PDF through main/reports.

type Counts = z.output<typeof indicatorCounts>;
type Acc = { received: number; digitised: number; signed: number; early: number; onTime: number; late: number; minutes: number; timed: number; overdueNow: number };

const empty = (): Acc => ({ received: 0, digitised: 0, signed: 0, early: 0, onTime: 0, late: 0, minutes: 0, timed: 0, overdueNow: 0 });

function add(a: Acc, b: Partial<Acc>): void {
  for (const k of Object.keys(b) as Array<keyof Acc>) a[k] += b[k] ?? 0;
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function countsOf(a: Acc, minutesPerDay: number): Counts {
  const handled = a.early + a.onTime + a.late;
  return {
    received: a.received, digitised: a.digitised, signed: a.signed, handled, early: a.early, onTime: a.onTime, late: a.late,
    onTimeRate: share(a.early + a.onTime, handled),
    digitisedShare: share(a.digitised, a.received),
    signedShare: share(a.signed, a.received),
    averageWorkingDays: a.timed === 0 ? null : Math.round((a.minutes / a.timed / minutesPerDay) * 100) / 100,
    overdueNow: a.overdueNow,
  };
}

export function indicatorHandlers(env: LifecycleEnv): Pick<Handlers, 'indicators.dashboard' | 'indicators.dossiers' | 'report.results'> {
  const { ctx } = env;
  const { db } = ctx;
  const checkPeriod = (from: string, to: string) => {
    const resolved = resolvePeriod({ kind: 'range', from, to });
    if (!resolved.ok) throw reportError(resolved);
    return resolved.value;
  };
  return {
    'indicators.dashboard': ({ from, to }) => {
      checkPeriod(from, to);
      const now = toVietnamLocal(ctx.now());
      const procedures = procedureIndex(db);
      const totals = empty();
      const byProcedure = new Map<string, Acc & { label: string; field: string }>();
      const byField = new Map<string, Acc>();
      const byOfficer = new Map<string, Acc>();
      const bucket = <T extends Acc>(map: Map<string, T>, key: string, make: () => T) => {
        let a = map.get(key);
        if (!a) map.set(key, (a = make()));
        return a;
      };
      const procedureBucket = (code: string, name: string | null | undefined, field: string) =>
        bucket(byProcedure, code, () => ({ ...empty(), label: name ?? procedures.get(code)?.name ?? code, field }));
      for (const r of dailyRows(db, from, to)) {
        const field = r.field ?? procedures.get(r.procedureCode)?.field ?? UNKNOWN_FIELD;
        const part = { received: r.received, digitised: r.digitised, signed: r.signed, early: r.early, onTime: r.onTime, late: r.late, minutes: r.processingMinutes, timed: r.timed };
        add(totals, part);
        add(procedureBucket(r.procedureCode, r.procedureName, field), part);
        add(bucket(byField, field, empty), part);
        add(bucket(byOfficer, r.officer, empty), part);
      }
      // Overdue now, whatever the period: the dossiers in the agency's hands past their date.
      for (const o of overdueNow(db, now)) {
        const p = procedures.get(o.procedureCode);
        const field = p?.field ?? UNKNOWN_FIELD;
        add(totals, { overdueNow: o.n });
        add(procedureBucket(o.procedureCode, p?.name, field), { overdueNow: o.n });
        add(bucket(byField, field, empty), { overdueNow: o.n });
        add(bucket(byOfficer, o.officer, empty), { overdueNow: o.n });
      }
      const perDay = env.calendar().minutesPerDay;
      const rows = (map: Map<string, Acc>, label: (key: string) => string) =>
        [...map].map(([key, a]) => ({ key, label: label(key), ...countsOf(a, perDay) })).sort((a, b) => b.received - a.received || b.overdueNow - a.overdueNow || a.label.localeCompare(b.label, 'vi'));
      return {
        from, to, now,
        totals: countsOf(totals, perDay),
        byProcedure: [...byProcedure].map(([key, a]) => ({ key, label: a.label, field: a.field, ...countsOf(a, perDay) }))
          .sort((a, b) => b.received - a.received || b.overdueNow - a.overdueNow || a.label.localeCompare(b.label, 'vi')),
        byField: rows(byField, (k) => k),
        byOfficer: rows(byOfficer, (k) => k),
        daily: dailySeries(db, from, to),
      };
    },
    'indicators.dossiers': ({ measure, from, to, procedureCode, field, officer, limit, offset }) => {
      checkPeriod(from, to);
      const now = toVietnamLocal(ctx.now());
      const calendar = env.calendar();
      const lang = ctx.language();
      const { total, rows } = drillDown(db, { measure, from, to, now, procedureCode, field, officer, limit, offset });
      return { total, dossiers: rows.map((r) => dossierLineOf(r, calendar, now, lang)) };
    },
    'report.results': async ({ period, format }, call) => {
      const officer = officerOf(call);
      const resolved = resolvePeriod(period);
      if (!resolved.ok) throw reportError(resolved);
      const now = toVietnamLocal(ctx.now());
      // A period not over yet is counted as it stands now.
      const end = now < resolved.value.endExclusive ? now : resolved.value.endExclusive;
      const rows = resultsCounts(db, resolved.value.start, end);
      const { agency } = ctx.settings();
      const data = {
        agency: env.counterAgency(), period, rows, preparedAt: now, preparedBy: officer.name, demo: agency.demo,
        ...(env.settings().signer.name.trim() !== '' ? { signer: { role: env.settings().signer.role, name: env.settings().signer.name } } : {}),
      };
      const report = await import('../reports/results-report');
      const made = format === 'xlsx' ? await report.renderResultsXlsx(data) : await report.renderResultsReportPdf(data);
      if (!made.ok) throw reportError(made);
      const slug = `${resolved.value.from}_${resolved.value.to}`;
      return { fileName: `bao-cao-ket-qua-giai-quyet-tthc-${slug}.${format}`, base64: made.value.toString('base64'), rows };
    },
  };
}

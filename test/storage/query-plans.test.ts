import { describe, it, expect } from 'vitest';
import { openDatabase, type Db } from '../../main/storage/database';
import { catalogueSearchSql } from '../../main/storage/catalogue-store';
import { dossierSearchSql } from '../../main/storage/dossier-store';
import { queueSql } from '../../main/queue/queue-store';
import { ratingSql } from '../../main/display/rating-store';
import { ereceiptJobSql } from '../../main/fees/ereceipt-jobs-store';
import { feesListSql } from '../../main/fees/fees-store';

// Every search the UI makes must be served by an index: over a year of dossiers (or the
// million of the benchmark) a full scan or a sort of every match is what makes the search box lag.

/** Sample parameters per query, in the order of its placeholders. */
const samples: Record<string, readonly unknown[]> = {
  'dossier.logbook': ['2026-11-23'],
  'dossier.byName': ['nguyen van', 'nguyen vao', 50],
  'dossier.byIdNumber': ['001090', '001091', 50],
  'dossier.byPhone': ['0912', '0913', 50],
  'dossier.byCode': ['000.00.06.H56-2611', '000.00.06.H56-2612', 50],
  'dossier.byProvisionalCode': ['000.00.06.H56-261123-T', '000.00.06.H56-261123-U', 50],
  'dossier.byCodeTail': ['0361', '0362', 50],
  'dossier.recent': ['001090012345', 1_795_000_000_000, '1.001193', 10],
  'catalogue.byName': ['khai sinh', 'khai sinj', 20],
  'catalogue.byCode': ['1.0011', '1.0012', 20],
  'queue.byDayState': ['2026-11-23', 'waiting'],
  'queue.indicators': ['2026-11-01', '2026-11-30'],
  'rating.askedPerDay': ['2026-11-01', '2026-11-30'],
  'rating.ratedPerDay': ['2026-11-01', '2026-11-30'],
  'fees.receiptsOfDay': ['2026-11-23', 200],
  'fees.receiptsOfDossier': [1, 100],
  'fees.officerTotals': ['2026-11-23'],
  'fees.feeTotals': ['2026-11-23'],
  'fees.voidedOfDay': ['2026-11-23'],
  'ereceipt.due': [1_795_000_000_000, 8],
};

const queries: Array<[string, string]> = [
  ...Object.entries(dossierSearchSql).map(([name, sql]): [string, string] => [`dossier.${name}`, sql]),
  ...Object.entries(catalogueSearchSql).map(([name, sql]): [string, string] => [`catalogue.${name}`, sql]),
  ...Object.entries(queueSql).map(([name, sql]): [string, string] => [`queue.${name}`, sql]),
  ...Object.entries(ratingSql).map(([name, sql]): [string, string] => [`rating.${name}`, sql]),
  ...Object.entries(feesListSql).map(([name, sql]): [string, string] => [`fees.${name}`, sql]),
  ...Object.entries(ereceiptJobSql).map(([name, sql]): [string, string] => [`ereceipt.${name}`, sql]),
];

function plan(db: Db, sql: string, params: readonly unknown[]): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);
}

describe('query plans of the searches', () => {
  const db = openDatabase(':memory:');

  it('has sample parameters for every exported search query', () => {
    expect(queries.map(([name]) => name).sort()).toEqual(Object.keys(samples).sort());
  });

  for (const [name, sql] of queries) {
    it(`${name} reads through an index, never scans a table and never sorts its results`, () => {
      const params = samples[name] ?? [];
      expect(sql.split('?').length - 1).toBe(params.length);
      const steps = plan(db, sql, params);
      const text = steps.join('\n');
      expect(steps.some((s) => /^SEARCH \w+ USING (COVERING INDEX|INDEX|INTEGER PRIMARY KEY|PRIMARY KEY)\b/.test(s)), text).toBe(true);
      expect(steps.filter((s) => /^SCAN\b/.test(s)), text).toEqual([]);
      expect(steps.filter((s) => /USE TEMP B-TREE FOR (.*\b)?ORDER BY/.test(s)), text).toEqual([]);
    });
  }
});

// The lifecycle's lists (main/lifecycle/*-store.ts, main/storage/lifecycle-store.ts): the watch,
// the results to hand back, the drill-downs of the dashboard, the incomplete intakes, a dossier's
// history and forms, the log book. Each reads through an index — over a million dossiers the
// watch answers in milliseconds (test/bench/lifecycle.ts). Parameters are named where a list
// takes optional filters.

import { watchSql } from '../../main/lifecycle/watch-store';
import { drillDownSql, indicatorsSql, logBookSql } from '../../main/lifecycle/indicators-store';
import { counterRequestSql } from '../../main/lifecycle/counter-request-store';
import { formsSql } from '../../main/lifecycle/forms-store';
import { lifecycleStoreSql } from '../../main/storage/lifecycle-store';

const filters = { procedure: null, field: null, officer: null };
const lifecycleSamples: Record<string, unknown[] | Record<string, unknown>> = {
  'watch.list': { from: '2026-11-23T09:32', to: '2026-11-24T00:00', ...filters, limit: 100, offset: 0 },
  'watch.groups': { from: '', to: '2026-11-23T09:32', ...filters },
  'watch.count': ['2026-11-24T00:00', '2026-11-25T00:00'],
  'watch.nextDue': ['2026-11-23T09:32'],
  'watch.ready': [50, 0],
  'watch.readyCount': [],
  'watch.readyByKey': ['nnguyen van', 'nnguyen vao', 500],
  'indicators.daily': ['2026-01-01', '2026-12-31'],
  'indicators.series': ['2026-01-01', '2026-12-31'],
  'indicators.overdueNow': ['2026-11-23T09:32'],
  'logBook.entries': ['2026-11-01', '2026-11-30', 20_001],
  'counterRequest.openByName': ['nguyen van', 'nguyen vao', 20],
  'counterRequest.openByIdNumber': ['001090', '001091', 20],
  'counterRequest.recentOpen': ['2026-10-24T00:00', 20],
  'counterRequest.byIntakeKey': ['7d8c1c55-2f5c-4a8e-9f3a-0d2f8c2b6a11'],
  'forms.ofDossier': [1],
  'forms.ofRequest': [1],
  'forms.printsOf': [1],
  'lifecycle.eventsOfDossier': [1],
  'lifecycle.passedThrough': [1, 9],
  'lifecycle.openConflictOfDossier': [1],
  'lifecycle.conflictsOfDossier': [1],
  ...Object.fromEntries(Object.keys(drillDownSql).map((name) => [`drillDown.${name}`, {
    from: '2026-11-01', to: '2026-11-30', start: '2026-11-01T00:00', end: '2026-12-01T00:00', now: '2026-11-23T09:32', ...filters,
    ...(name.endsWith('.list') ? { limit: 100, offset: 0 } : {}),
  }])),
};

const lifecycleQueries: Array<[string, string]> = [
  ...Object.entries(watchSql).map(([name, sql]): [string, string] => [`watch.${name}`, sql]),
  ...Object.entries(drillDownSql).map(([name, sql]): [string, string] => [`drillDown.${name}`, sql]),
  ...Object.entries(indicatorsSql).filter(([name]) => name !== 'procedureNames').map(([name, sql]): [string, string] => [`indicators.${name}`, sql]),
  ...Object.entries(logBookSql).map(([name, sql]): [string, string] => [`logBook.${name}`, sql]),
  ...Object.entries(counterRequestSql).map(([name, sql]): [string, string] => [`counterRequest.${name}`, sql]),
  ...Object.entries(formsSql).map(([name, sql]): [string, string] => [`forms.${name}`, sql]),
  ...Object.entries(lifecycleStoreSql).map(([name, sql]): [string, string] => [`lifecycle.${name}`, sql]),
];

describe("query plans of the lifecycle's lists", () => {
  const db = openDatabase(':memory:');
  const planOf = (sql: string, params: unknown[] | Record<string, unknown>) => {
    const s = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
    return (Array.isArray(params) ? s.all(...params) : s.all(params)) as Array<{ detail: string }>;
  };

  it('has sample parameters for every list', () => {
    expect(lifecycleQueries.map(([name]) => name).sort()).toEqual(Object.keys(lifecycleSamples).sort());
  });

  for (const [name, sql] of lifecycleQueries) {
    it(`${name} reads through an index, never scans a table and never sorts its results`, () => {
      const steps = planOf(sql, lifecycleSamples[name] ?? []).map((r) => r.detail);
      const text = steps.join('\n');
      // A partial index that holds exactly the list's dossiers (the results waiting) is read from its start.
      const wholeList = (s: string) => /^SCAN d USING (COVERING )?INDEX dossiers_ready$/.test(s);
      expect(steps.some((s) => /^SEARCH \w+ USING (COVERING INDEX|INDEX|INTEGER PRIMARY KEY|PRIMARY KEY)\b/.test(s) || wholeList(s)), text).toBe(true);
      expect(steps.filter((s) => /^SCAN\b/.test(s) && !wholeList(s)), text).toEqual([]);
      expect(steps.filter((s) => /USE TEMP B-TREE FOR (.*\b)?ORDER BY/.test(s)), text).toEqual([]);
    });
  }
});

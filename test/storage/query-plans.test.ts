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

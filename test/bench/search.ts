// 3. Search over the generated dossiers with the real searchDossiers (limit 50, as the log-book
// screen asks), on the file reopened with openDatabase's pragmas (WAL, synchronous=FULL).

import { openDatabase } from '../../main/storage/database';
import { dossierSearchSql, logbook, searchDossiers } from '../../main/storage/dossier-store';
import { prefixUpperBound, foldVietnamese } from '../../main/core/text-fold';
import { defaultAgency } from '../../main/storage/settings-store';
import type { GeneratedDb } from './generate';
import { ms, now, percentile, pick, progress, rng, summarize, type Summary } from './stats';

const LIMIT = 50;
const PER_CATEGORY = 300;
const TARGET_P95_MS = 10;

type Sample = { id: number; code: string; idNumber: string; phone: string; name: string };

type Category = { name: string; description: string; queries: (random: () => number) => string };

export type CategoryFigures = Summary & {
  description: string;
  meanRows: number;
  target: string;
  met: boolean;
  /** Per distinct query string (name mixes): its own median/p95/max and rows. */
  perQuery?: Record<string, { n: number; median: number; p95: number; max: number; rows: number }>;
};

export type SearchFigures = {
  dossiers: number;
  generated: { cached: boolean; generationMs: number | null; fileMB: number; cacheFile: string; skippedTables: string[]; note: string };
  limit: number;
  queriesPerCategory: number;
  firstQueryAfterOpenMs: number;
  categories: Record<string, CategoryFigures>;
  allMet: boolean;
  /** Informational (no target): the log book of one day, as the log-book screen shows it. */
  logbookDay: Summary & { meanRows: number; note: string };
  plans: Record<string, string[]>;
  distribution: { nguyenSharePct: number; searchNameRows: number };
};

const NAME_MIX = [
  'nguyen van', 'tran thi h', 'hoang', 'nguyen', 'tuan', 'huong', 'le thi', 'pham minh', 'Nguyễn Thị', 'Trần Văn Hùng',
  'thu', 'ngoc', 'bui duc', 'do thi thu', 'phan van', 'vo', 'dang thi ngoc', 'ho', 'anh', 'nguyen thi thu h',
];

export function benchSearch(gen: GeneratedDb): SearchFigures {
  const db = openDatabase(gen.file);
  try {
    const random = rng(7);
    const maxId = (db.prepare('SELECT max(id) AS n FROM dossiers').get() as { n: number }).n;
    const sampleStmt = db.prepare('SELECT id, code, owner_id_number AS idNumber, owner_phone AS phone, owner_name AS name FROM dossiers WHERE id = ?');

    let t = now();
    searchDossiers(db, 'nguyen van an', LIMIT);
    const firstQueryAfterOpenMs = ms(now() - t);

    const samples: Sample[] = [];
    for (let i = 0; i < 2000; i++) {
      const row = sampleStmt.get(1 + Math.floor(random() * maxId)) as Sample | undefined;
      if (row) samples.push(row);
    }
    const agency = defaultAgency.agencyId;
    const yymm = (day: string) => day.slice(2, 4) + day.slice(5, 7);
    const yymmdd = (day: string) => yymm(day) + day.slice(8, 10);

    const categories: Category[] = [
      { name: 'namePrefix', description: `name prefixes, a mix of ${NAME_MIX.length}: ${NAME_MIX.join(' | ')}`, queries: (r) => pick(r, NAME_MIX) },
      { name: 'nameSingleFamilyNguyen', description: '"nguyen" alone (≈38 % of owners)', queries: () => 'nguyen' },
      { name: 'nameFullExisting', description: 'the full name of a random existing owner, typed with diacritics', queries: (r) => pick(r, samples).name },
      { name: 'nameFullExistingFolded', description: 'the full name of a random existing owner, typed without diacritics', queries: (r) => foldVietnamese(pick(r, samples).name) },
      { name: 'idNumberPrefix', description: 'first 6 digits (province + century/gender + year) of a random owner\'s identity number', queries: (r) => pick(r, samples).idNumber.slice(0, 6) },
      { name: 'idNumberPrefix9', description: 'first 9 digits of a random owner\'s identity number', queries: (r) => pick(r, samples).idNumber.slice(0, 9) },
      { name: 'idNumberExact', description: 'a random owner\'s full 12-digit identity number', queries: (r) => pick(r, samples).idNumber },
      { name: 'codePrefixMonth', description: `code prefix to the month: "${agency}-yyMM"`, queries: (r) => `${agency}-${yymm(pick(r, gen.days))}` },
      { name: 'codePrefixDay', description: `code prefix to the day: "${agency}-yyMMdd"`, queries: (r) => `${agency}-${yymmdd(pick(r, gen.days))}` },
      { name: 'codeExact', description: 'a random existing dossier code', queries: (r) => pick(r, samples).code },
      { name: 'codeSequence', description: 'the sequence number of a random code as read off a slip ("0361")', queries: (r) => pick(r, samples).code.split('-').pop()! },
      { name: 'codeDaySequence', description: 'the day and sequence of a random code ("261123-0361")', queries: (r) => pick(r, samples).code.split('-').slice(-2).join('-') },
      { name: 'phonePrefix', description: 'first 4–7 digits of a random owner\'s phone, some typed "0912 345"', queries: (r) => { const p = pick(r, samples).phone; const k = 4 + Math.floor(r() * 4); return r() < 0.3 ? `${p.slice(0, 4)} ${p.slice(4, k)}` : p.slice(0, k); } },
      { name: 'phoneExact', description: 'a random owner\'s full phone, some as "+84 9xx xxx xxx"', queries: (r) => { const p = pick(r, samples).phone; return r() < 0.3 ? `+84 ${p.slice(1, 4)} ${p.slice(4, 7)} ${p.slice(7)}` : p; } },
    ];

    const figures: Record<string, CategoryFigures> = {};
    for (const category of categories) {
      const qr = rng(category.name.length * 7919);
      const queries = Array.from({ length: PER_CATEGORY }, () => category.queries(qr));
      for (const q of queries.slice(0, 20)) searchDossiers(db, q, LIMIT); // warm-up: statements and pages
      const times: number[] = [];
      const rows: number[] = [];
      const perQuery = new Map<string, { times: number[]; rows: number }>();
      for (const q of queries) {
        t = now();
        const result = searchDossiers(db, q, LIMIT);
        const dt = now() - t;
        times.push(dt);
        rows.push(result.length);
        if (category.name === 'namePrefix') {
          const entry = perQuery.get(q) ?? { times: [], rows: result.length };
          entry.times.push(dt);
          perQuery.set(q, entry);
        }
      }
      const s = summarize(times);
      figures[category.name] = {
        ...s,
        description: category.description,
        meanRows: Math.round((rows.reduce((a, b) => a + b, 0) / rows.length) * 10) / 10,
        target: `p95 <= ${TARGET_P95_MS} ms`,
        met: s.p95 <= TARGET_P95_MS,
        ...(perQuery.size > 0
          ? {
              perQuery: Object.fromEntries(
                [...perQuery].map(([q, e]) => [q, { n: e.times.length, median: ms(percentile(e.times, 50)), p95: ms(percentile(e.times, 95)), max: ms(Math.max(...e.times)), rows: e.rows }]),
              ),
            }
          : {}),
      };
      progress(`search ${category.name}: p95 ${s.p95} ms, median ${s.median} ms`);
    }

    const logTimes: number[] = [];
    const logRows: number[] = [];
    const lr = rng(99);
    for (let i = 0; i < 60; i++) {
      const day = pick(lr, gen.days);
      t = now();
      const rowsOfDay = logbook(db, day);
      const dt = now() - t;
      if (i >= 10) { logTimes.push(dt); logRows.push(rowsOfDay.length); }
    }
    const logbookDay = {
      ...summarize(logTimes),
      meanRows: Math.round(logRows.reduce((a, b) => a + b, 0) / logRows.length),
      note: 'logbook(db, day) of a random generated day, unbounded (every dossier of the day); the generated days hold ~4,000 dossiers (6 stations), a commune counter has tens',
    };
    progress(`logbook of one day: p95 ${logbookDay.p95} ms for ${logbookDay.meanRows} rows`);

    const plans: Record<string, string[]> = {};
    const plan = (sql: string, ...params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);
    plans.byName = plan(dossierSearchSql.byName, 'nguyen', prefixUpperBound('nguyen'), LIMIT);
    plans.byIdNumber = plan(dossierSearchSql.byIdNumber, '027190', prefixUpperBound('027190'), LIMIT);
    plans.byPhone = plan(dossierSearchSql.byPhone, '0912', prefixUpperBound('0912'), LIMIT);
    plans.byCode = plan(dossierSearchSql.byCode, `${agency}-2611`, prefixUpperBound(`${agency}-2611`), LIMIT);

    const count = (sql: string, ...p: unknown[]) => (db.prepare(sql).get(...p) as { n: number }).n;
    const nguyen = count("SELECT count(*) AS n FROM dossiers WHERE owner_name >= 'Nguyễn ' AND owner_name < 'Nguyễn!'");
    const distribution = {
      nguyenSharePct: Math.round((nguyen / maxId) * 1000) / 10,
      searchNameRows: count('SELECT count(*) AS n FROM dossier_search_names'),
    };

    return {
      dossiers: gen.dossiers,
      generated: {
        cached: gen.cached, generationMs: gen.generationMs, fileMB: gen.fileMB, cacheFile: gen.file, skippedTables: gen.skippedTables,
        note: 'bulk insert (journal_mode=OFF, synchronous=OFF) into the real schema: dossiers + dossier_search_names (foldVietnamese/nameSuffixes), sequences, log-book lines; dossier_documents and outbox skipped for the bulk (searches never read them)',
      },
      limit: LIMIT,
      queriesPerCategory: PER_CATEGORY,
      firstQueryAfterOpenMs,
      categories: figures,
      allMet: Object.values(figures).every((f) => f.met),
      logbookDay,
      plans,
      distribution,
    };
  } finally {
    db.close();
  }
}


// The search benchmark's database: N dossiers (1,000,000 by default) bulk-inserted into the real
// schema, cached under os.tmpdir() by a key of the generator version, the size and the schema
// (the migrations' source), so a second run reuses it.
//
// Fast path, generation only: journal_mode=OFF, synchronous=OFF, a 2 GB page cache, one
// connection in exclusive locking mode, prepared statements in transactions of 50,000 dossiers.
// The benchmark then reopens the file with openDatabase (WAL, synchronous=FULL) for the queries.
//
// Written: dossiers (every column as dossier.save writes it), dossier_search_names (the same
// foldVietnamese/nameSuffixes keys for owner and submitter), dossier_sequences, log_book_lines,
// the demo catalogue and the calendar. Skipped: dossier_documents and outbox (searches never
// read them).

import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { demoCatalogue } from '../../main/catalogue/demo-catalogue';
import { defaultCalendarDays } from '../../main/core/calendar/holidays';
import { WorkingCalendar } from '../../main/core/calendar/working-calendar';
import { formatDossierCode, sequenceRange } from '../../main/core/dossier-code';
import { codeSearchKeys, foldVietnamese, nameSuffixes } from '../../main/core/text-fold';
import { addDays, formatTimeOfDay, fromVietnamLocal, joinLocalDateTime } from '../../main/core/time';
import { listCalendarDays, replaceCalendarYear } from '../../main/storage/calendar-store';
import { replaceCatalogue } from '../../main/storage/catalogue-store';
import { openDatabase } from '../../main/storage/database';
import { migrations } from '../../main/storage/migrations';
import { defaultAgency, defaultStation } from '../../main/storage/settings-store';
import { person, type Person } from './people';
import { progress, rng, weighted } from './stats';

/** Bump when the generated data changes shape. */
const GENERATOR_VERSION = 'g1';
/** The last day of generated data (a Friday); the data spans WORKING_DAYS working days up to it. */
export const LAST_DAY = '2026-11-20';
export const WORKING_DAYS = 250;
const BATCH = 50_000;
const CALENDAR_YEARS = [2025, 2026, 2027];
const REPEAT_APPLICANT = 0.12; // share of dossiers whose owner already came before
const WITH_SUBMITTER = 0.1;
/** ~4,000 dossiers a day: a provincial service centre with this many counter stations, each
 *  minting codes from its own block of the day's range (sequenceRange, as dossier.save does). */
const STATIONS = 6;

export type GeneratedDb = {
  file: string;
  dossiers: number;
  cached: boolean;
  generationMs: number | null;
  fileMB: number;
  days: string[];
  skippedTables: string[];
};

/** Changes with the generator's version, the size, the schema and the sources that shape the data. */
function cacheKey(n: number): string {
  const schema = migrations.map((m) => `${m.version}:${m.up.toString()}`).join('\n');
  const sources = ['./generate.ts', './people.ts', '../../main/core/dossier-code.ts', '../../main/core/text-fold.ts']
    .map((f) => readFileSync(new URL(f, import.meta.url), 'utf8'))
    .join('\n');
  return createHash('sha256').update(`${GENERATOR_VERSION}\n${n}\n${defaultStation.codeFormat}\n${schema}\n${sources}`).digest('hex').slice(0, 12);
}

export function workingDays(calendar: WorkingCalendar): string[] {
  const days: string[] = [];
  for (let d = LAST_DAY; days.length < WORKING_DAYS; d = addDays(d, -1)) if (calendar.isWorkingDay(d)) days.push(d);
  return days.reverse();
}

export function generatedDbPath(n: number): string {
  return join(tmpdir(), `mot-cua-bench-${n}-${cacheKey(n)}.sqlite3`);
}

export function ensureGeneratedDb(n: number, options: { regenerate?: boolean } = {}): GeneratedDb {
  const file = generatedDbPath(n);
  const skippedTables = ['dossier_documents', 'outbox'];
  const calendarFor = (db: Database.Database) => new WorkingCalendar({ segments: defaultStation.workingHours, days: listCalendarDays(db) });
  if (existsSync(file) && !options.regenerate) {
    // The days seeded at generation, without opening the file (a read-only open of a WAL
    // database leaves -wal/-shm files behind).
    const days = workingDays(new WorkingCalendar({ segments: defaultStation.workingHours, days: CALENDAR_YEARS.flatMap(defaultCalendarDays) }));
    return { file, dossiers: n, cached: true, generationMs: null, fileMB: Math.round(statSync(file).size / 1e6), days, skippedTables };
  }
  // Older versions of this cache (another key) and partial files of interrupted runs.
  for (const name of readdirSync(tmpdir())) {
    if (name.startsWith(`mot-cua-bench-${n}-`) && join(tmpdir(), name) !== file && !name.includes('.partial-')) rmSync(join(tmpdir(), name), { force: true });
    if (name.startsWith(`mot-cua-bench-${n}-`) && name.includes('.partial-') && !isAlive(Number.parseInt(name.split('.partial-')[1] ?? '', 10))) rmSync(join(tmpdir(), name), { force: true });
  }
  rmSync(file, { force: true });
  const partial = `${file}.partial-${process.pid}`;
  const started = performance.now();

  // Schema, catalogue and calendar through the station's own code.
  const setup = openDatabase(partial);
  replaceCatalogue(setup, demoCatalogue);
  for (const year of CALENDAR_YEARS) replaceCalendarYear(setup, year, defaultCalendarDays(year));
  setup.close();

  const db = new Database(partial);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('cache_size = -2000000');
  db.pragma('temp_store = MEMORY');
  db.pragma('foreign_keys = OFF');

  const calendar = calendarFor(db);
  const days = workingDays(calendar);
  const random = rng(20261123);

  const procedureOf = weighted(demoCatalogue.map((p, i) => [p, i === 0 ? 30 : 1 / (i + 1) ** 0.7] as const));
  const appointments = new Map<string, { countingFrom: string; appointmentAt: string }>();
  const appointmentOf = (receivedLocal: string, procedure: (typeof demoCatalogue)[number]) => {
    const key = `${receivedLocal}|${procedure.code}`;
    let a = appointments.get(key);
    if (!a) {
      const r = calendar.computeAppointment(receivedLocal, procedure.processingTime, { roundingMinutes: defaultStation.appointmentRoundingMinutes });
      a = { countingFrom: r.countingFrom, appointmentAt: r.appointmentAt };
      appointments.set(key, a);
    }
    return a;
  };

  const insertDossier = db.prepare(
    `INSERT INTO dossiers (id, code, intake_key, procedure_code, procedure_name, processing_time, status, channel,
       owner_name, owner_id_number, owner_birth_date, owner_phone, owner_email, owner_address,
       submitter_name, submitter_id_number, submitter_phone, result_delivery, postal_address, sets, notes,
       received_at, received_local, received_date, counting_from_local, appointment_local,
       log_book_volume, log_book_line, officer_name, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertName = db.prepare('INSERT OR IGNORE INTO dossier_search_names (suffix, dossier_id) VALUES (?, ?)');
  const insertCodeKey = db.prepare('INSERT OR IGNORE INTO dossier_search_codes (key, dossier_id) VALUES (?, ?)');
  const processingJson = new Map(demoCatalogue.map((p) => [p.code, JSON.stringify(p.processingTime)]));
  const officers = ['Nguyễn Thị Hằng', 'Trần Văn Bình', 'Lê Thị Mai', 'Phạm Quốc Huy', 'Đỗ Thu Trang', 'Vũ Minh Đức', 'Hoàng Thị Lan'];

  // Working minutes of a day (07:00–11:30, 13:30–17:00 → 480), to spread a day's dossiers over them.
  const segments = defaultStation.workingHours.map((s) => {
    const [sh, sm] = s.start.split(':').map(Number) as [number, number];
    const [eh, em] = s.end.split(':').map(Number) as [number, number];
    return { start: sh * 60 + sm, length: eh * 60 + em - (sh * 60 + sm) };
  });
  const dayMinutes = segments.reduce((a, s) => a + s.length, 0);
  const clockMinute = (workingMinute: number) => {
    let m = workingMinute;
    for (const s of segments) {
      if (m < s.length) return s.start + m;
      m -= s.length;
    }
    return segments[segments.length - 1]!.start + segments[segments.length - 1]!.length - 1;
  };

  const pool: Person[] = [];
  const POOL_SIZE = 50_000;
  const lineByVolume = new Map<string, number>();
  const seqByDay = new Map<string, number>();
  const perDay = n / days.length;
  const ranges = Array.from({ length: STATIONS }, (_, i) => sequenceRange(defaultStation.codeFormat, defaultAgency.agencyId, i + 1));

  let id = 0;
  const insertBatch = db.transaction((count: number) => {
    for (let k = 0; k < count; k++) {
      id++;
      const dayIndex = Math.min(days.length - 1, Math.floor((id - 1) / perDay));
      const day = days[dayIndex]!;
      const indexInDay = id - 1 - Math.floor(dayIndex * perDay);
      const minute = clockMinute(Math.floor((indexInDay / perDay) * dayMinutes));
      const receivedLocal = joinLocalDateTime(day, formatTimeOfDay(minute));
      const receivedMs = fromVietnamLocal(receivedLocal).getTime() + Math.floor(random() * 60_000);

      let owner: Person;
      if (pool.length > 1000 && random() < REPEAT_APPLICANT) owner = pool[Math.floor(random() * pool.length)]!;
      else {
        owner = person(random);
        if (pool.length < POOL_SIZE) pool.push(owner);
        else pool[Math.floor(random() * POOL_SIZE)] = owner;
      }
      const submitter = random() < WITH_SUBMITTER ? person(random) : null;
      const procedure = procedureOf(random);
      const { countingFrom, appointmentAt } = appointmentOf(receivedLocal, procedure);
      const stationNumber = 1 + (indexInDay % STATIONS);
      const range = ranges[stationNumber - 1]!;
      const seqKey = `${range.scope}|${day}`;
      const seq = seqByDay.has(seqKey) ? seqByDay.get(seqKey)! + 1 : range.first;
      if (seq > range.last) throw new Error(`station ${stationNumber} ran out of numbers on ${day}: raise STATIONS`);
      seqByDay.set(seqKey, seq);
      const volume = day.slice(0, 4);
      const line = (lineByVolume.get(volume) ?? 0) + 1;
      lineByVolume.set(volume, line);
      const age = days.length - 1 - dayIndex;
      const status = age > 20 ? (random() < 0.9 ? 10 : random() < 0.5 ? 9 : random() < 0.5 ? 3 : 7) : pickRecentStatus(random());
      const post = random() < 0.05;

      const code = formatDossierCode(defaultStation.codeFormat, { agency: defaultAgency.agencyId, date: day, station: stationNumber, seq });
      insertDossier.run(
        id,
        code,
        randomUUID(), procedure.code, procedure.name, processingJson.get(procedure.code)!, status, random() < 0.08 ? 3 : 1,
        owner.fullName, owner.idNumber, owner.birthDate, owner.phone, owner.email, owner.address,
        submitter?.fullName ?? null, submitter?.idNumber ?? null, submitter?.phone ?? null,
        post ? 'post' : 'counter', post ? owner.address : null, procedure.sets, '',
        receivedMs, receivedLocal, day, countingFrom, appointmentAt, volume, line, officers[stationNumber % officers.length]!, receivedMs,
      );
      for (const name of submitter ? [owner.fullName, submitter.fullName] : [owner.fullName]) {
        for (const suffix of nameSuffixes(foldVietnamese(name))) insertName.run(suffix, id);
      }
      for (const key of codeSearchKeys(code)) insertCodeKey.run(key, id);
    }
  });

  while (id < n) {
    insertBatch(Math.min(BATCH, n - id));
    if (id % 200_000 === 0 || id === n) progress(`generated ${id.toLocaleString('en')} / ${n.toLocaleString('en')} dossiers (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }

  db.transaction(() => {
    const seqStmt = db.prepare('INSERT OR REPLACE INTO dossier_sequences (scope, day, last) VALUES (?, ?, ?)');
    for (const [key, last] of seqByDay) {
      const [scope, day] = key.split('|') as [string, string];
      seqStmt.run(scope, day, last);
    }
    const lineStmt = db.prepare('INSERT OR REPLACE INTO log_book_lines (volume, last) VALUES (?, ?)');
    for (const [volume, last] of lineByVolume) lineStmt.run(volume, last);
  })();
  db.pragma('journal_mode = DELETE');
  db.close();
  renameSync(partial, file);
  const generationMs = Math.round(performance.now() - started);
  return { file, dossiers: n, cached: false, generationMs, fileMB: Math.round(statSync(file).size / 1e6), days, skippedTables };
}

function pickRecentStatus(x: number): number {
  if (x < 0.55) return 2; // Được tiếp nhận
  if (x < 0.8) return 4; // Đang xử lý
  if (x < 0.87) return 5; // Yêu cầu bổ sung
  if (x < 0.97) return 9; // Đã xử lý xong
  return 10;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

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
// the demo catalogue and the calendar; and each dossier's life after intake (the lifecycle's
// columns: finished, returned, withdrawn or stopped, the officer credited, the working minutes
// spent, a few apologies), judged at LIFECYCLE_NOW — the migration's triggers fill the
// dashboard's daily counts as the rows go in. Skipped: dossier_documents, outbox and the
// lifecycle's history rows (the lists and the dashboard never read them).

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
const GENERATOR_VERSION = 'g2';
/** The last day of generated data (a Friday); the data spans WORKING_DAYS working days up to it. */
export const LAST_DAY = '2026-11-20';
/** The moment the generated lives are judged at (and the lifecycle benchmark's clock): the last day, mid-morning. */
export const LIFECYCLE_NOW = '2026-11-20T10:00';
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
       log_book_volume, log_book_line, officer_name, updated_at,
       last_changed_local, rescheduled_local, finished_local, returned_local, closed_local, finished_by, handler_name, processing_minutes,
       returned_to, return_note, digitised, signed)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
      const post = random() < 0.05;
      const officer = officers[stationNumber % officers.length]!;
      const life = lifeOf(random, receivedLocal, countingFrom, appointmentAt, officer, owner.fullName, post);
      const status = life.status;

      const code = formatDossierCode(defaultStation.codeFormat, { agency: defaultAgency.agencyId, date: day, station: stationNumber, seq });
      insertDossier.run(
        id,
        code,
        randomUUID(), procedure.code, procedure.name, processingJson.get(procedure.code)!, status, random() < 0.08 ? 3 : 1,
        owner.fullName, owner.idNumber, owner.birthDate, owner.phone, owner.email, owner.address,
        submitter?.fullName ?? null, submitter?.idNumber ?? null, submitter?.phone ?? null,
        post ? 'post' : 'counter', post ? owner.address : null, procedure.sets, '',
        receivedMs, receivedLocal, day, countingFrom, appointmentAt, volume, line, officer, receivedMs,
        life.lastChanged, life.rescheduled, life.finished, life.returned, life.closed, life.finishedBy, life.handler, life.minutes,
        life.returnedTo, life.returnNote, random() < 0.6 ? 1 : 0, random() < 0.3 ? 1 : 0,
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

type Life = {
  status: number; lastChanged: string | null; rescheduled: string | null; finished: string | null; returned: string | null; closed: string | null;
  finishedBy: string | null; handler: string | null; minutes: number | null; returnedTo: string | null; returnNote: string | null;
};

const BACK_OFFICE = ['Công chức Tư pháp - Hộ tịch', 'Công chức Địa chính - Xây dựng', 'Công chức Văn hóa - Xã hội', 'Phó Chủ tịch UBND xã'];
const minutesBetween = (a: string, b: string) => Math.max(0, Math.round((fromVietnamLocal(b).getTime() - fromVietnamLocal(a).getTime()) / 60_000));
const plusMinutes = (t: string, m: number) => {
  const d = new Date(fromVietnamLocal(t).getTime() + m * 60_000 + 7 * 3_600_000).toISOString();
  return `${d.slice(0, 10)}T${d.slice(11, 16)}`;
};
const atMost = (t: string, limit: string) => (t < limit ? t : limit);

/**
 * A dossier's life as it stands at LIFECYCLE_NOW: most dossiers due by then are handed back
 * (early or on time mostly, some late), a few wait for the citizen to collect the result, a few
 * were withdrawn or stopped or wait for papers, about one in two hundred is still open and
 * overdue; those due later are in progress or already finished early. Working minutes are
 * approximated by wall-clock minutes × 8/24 (the lists and the dashboard do not depend on them).
 */
function lifeOf(random: () => number, received: string, countingFrom: string, appointment: string, officer: string, owner: string, post: boolean): Life {
  const none: Life = { status: 2, lastChanged: null, rescheduled: null, finished: null, returned: null, closed: null, finishedBy: null, handler: null, minutes: null, returnedTo: null, returnNote: null };
  const unit = BACK_OFFICE[Math.floor(random() * BACK_OFFICE.length)]!;
  const finishAt = (late: boolean) => {
    const span = Math.max(1, minutesBetween(countingFrom, appointment));
    const t = late ? plusMinutes(appointment, 60 + Math.floor(random() * 2 * 1440)) : plusMinutes(countingFrom, Math.floor(span * (0.2 + 0.8 * random())));
    return atMost(t, LIFECYCLE_NOW);
  };
  const handled = (status: 9 | 10, late: boolean): Life => {
    const finished = finishAt(late);
    const minutes = Math.round((minutesBetween(countingFrom, finished) * 8) / 24);
    if (status === 9) return { ...none, status, lastChanged: finished, finished, finishedBy: unit, handler: unit, minutes };
    const returned = atMost(plusMinutes(finished, Math.floor(random() * 3 * 1440)), LIFECYCLE_NOW);
    return { ...none, status, lastChanged: returned, finished, returned, finishedBy: unit, handler: officer, minutes, returnedTo: owner, returnNote: post ? `Bưu chính EE${String(Math.floor(random() * 1e9)).padStart(9, '0')}VN` : 'Tại quầy' };
  };
  const x = random();
  if (appointment < LIFECYCLE_NOW) {
    if (x < 0.8) return handled(10, random() < 0.12);
    if (x < 0.82) return handled(9, random() < 0.12);
    if (x < 0.9) return { ...none, status: random() < 0.5 ? 7 : 8, lastChanged: atMost(plusMinutes(received, 600), LIFECYCLE_NOW), closed: atMost(plusMinutes(received, 600), LIFECYCLE_NOW), handler: unit };
    if (x < 0.995) return handled(10, false);
    // Still in the agency's hands past its date: the overdue watch (some with an apology's later date).
    const rescheduled = random() < 0.3 ? plusMinutes(LIFECYCLE_NOW, 1440 * (1 + Math.floor(random() * 5))) : null;
    return { ...none, status: random() < 0.5 ? 2 : 4, lastChanged: received, rescheduled, handler: unit };
  }
  if (x < 0.45) return none;
  if (x < 0.8) return { ...none, status: 4, lastChanged: received, handler: unit };
  if (x < 0.86) return { ...none, status: 5, lastChanged: received, handler: unit };
  return handled(random() < 0.6 ? 9 : 10, false);
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

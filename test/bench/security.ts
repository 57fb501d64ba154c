// The security building blocks' figures, as one JSON object (progress on stderr):
//   1. an officer's login: argon2id verification, median of 10 (target 100–500 ms);
//   2. the audit chain: appending an entry (its own commit) against a bare single-row insert in
//      the same loop, and verifying a chain of 1,000,000 entries (target ≤ 3 s);
//   3. the encrypted database: a dossier commit (insertDossier: dossier, documents, search keys,
//      outbox entry; WAL, synchronous=FULL) on ChaCha20, SQLCipher-4 and AEGIS-256 files against
//      a clear one, interleaved in one loop (target ratio ≤ 1.3 for the cipher a station made on
//      this machine gets: chooseDatabaseCipher, reported as `chosen` and `choice`), then the
//      conversion of the generated search database (1,000,000 dossiers) with that cipher and
//      indexed prefix searches over it, clear and encrypted (target p95 ≤ 10 ms).
//
//   npx tsx test/bench/security.ts
//   BENCH_SECURITY_DOSSIERS=200000 BENCH_AUDIT_ENTRIES=200000 npx tsx test/bench/security.ts   (shorter)

import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';
import { foldVietnamese } from '../../main/core/text-fold';
import { hashPassword, PASSWORD_HASH_PARAMETERS, verifyPassword } from '../../main/officers/password';
import { appendAudit, createAuditTables, verifyAuditChain } from '../../main/storage/audit-log';
import { applyPragmas, openDatabase, writeTransaction, type Db } from '../../main/storage/database';
import { searchDossiers } from '../../main/storage/dossier-store';
import { chooseDatabaseCipher, type CipherChoice } from '../../main/storage/cipher-choice';
import { encryptExistingDatabase, openEncryptedDatabase, type DatabaseCipher } from '../../main/storage/encryption';
import Database from 'better-sqlite3';
import { dossierOf, receive, seedCatalogue } from '../storage/dossier-rows';
import { ensureGeneratedDb } from './generate';
import { person } from './people';
import { median, ms, now, pick, progress, rng, summarize, type Summary } from './stats';

const CLOCK = new Date('2026-11-23T02:32:00Z');
const round2 = (x: number) => Math.round(x * 100) / 100;

type Target = { target: string; met: boolean; value: number };

export type SecurityFigures = {
  login: { parameters: { memoryMiB: number; timeCost: number; parallelism: number }; hashMs: number; verify: Summary; target: string; met: boolean };
  auditAppend: { append: Summary; bareInsert: Summary; ratio: number; cpu: { appendMedianMs: number; bareInsertMedianMs: number }; note: string };
  auditVerify: { entries: number; generationMs: number; verifyMs: number; perMillionMs: number; heapUsedDeltaMB: number; fileMB: number; target: string; met: boolean };
  encryptedCommit: {
    clear: Summary;
    ciphers: Record<DatabaseCipher, Summary & { ratio: number; overheadMedianMs: number }>;
    /** What a station made on this machine now would get (cipher-choice.ts), and why. */
    chosen: DatabaseCipher;
    choice: CipherChoice;
    bareInsertSynchronousOffVsFull: { fullMedianMs: number; offMedianMs: number; fsyncMedianMs: number };
    target: string;
    met: boolean;
  };
  encryptedSearch: {
    dossiers: number;
    fileMB: number;
    conversionMs: number;
    clear: Summary;
    encrypted: Summary;
    p95Ratio: number;
    perCategory: Record<string, { clearP95: number; encryptedP95: number }>;
    target: string;
    met: boolean;
  };
  targets: Record<string, Target>;
};

async function benchLogin(): Promise<SecurityFigures['login']> {
  progress('security 1: login (argon2id)…');
  let t = now();
  const stored = await hashPassword('Sông Hồng chảy 2026');
  const hashMs = ms(now() - t);
  await verifyPassword(stored, 'Sông Hồng chảy 2026'); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) {
    t = now();
    const ok = await verifyPassword(stored, 'Sông Hồng chảy 2026');
    samples.push(now() - t);
    if (!ok) throw new Error('verification failed');
  }
  const verify = summarize(samples);
  return {
    parameters: { memoryMiB: PASSWORD_HASH_PARAMETERS.memoryCost / 1024, timeCost: PASSWORD_HASH_PARAMETERS.timeCost, parallelism: PASSWORD_HASH_PARAMETERS.parallelism },
    hashMs, verify, target: 'median of 10 verifications in 100–500 ms', met: verify.median >= 100 && verify.median <= 500,
  };
}

function fileDb(file: string, synchronous: 'FULL' | 'OFF'): Db {
  const db = new Database(file) as Db;
  applyPragmas(db);
  if (synchronous === 'OFF') db.pragma('synchronous = OFF');
  return db;
}

function benchAuditAppend(dir: string, rounds: number): SecurityFigures['auditAppend'] {
  progress('security 2a: audit append vs a bare insert…');
  const measure = (synchronous: 'FULL' | 'OFF') => {
    const audited = fileDb(join(dir, `audit-${synchronous}.sqlite3`), synchronous);
    createAuditTables(audited);
    const bare = fileDb(join(dir, `bare-${synchronous}.sqlite3`), synchronous);
    bare.exec('CREATE TABLE bare (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT');
    const insert = bare.prepare('INSERT INTO bare (payload) VALUES (?)');
    const append: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const entry = { at: new Date(CLOCK.getTime() + i), officerId: 'officer-1', action: 'dossier.correct', dossierId: 1 + (i % 500), before: { ownerPhone: '0912345678' }, after: { ownerPhone: '0912345679' } };
      const payload = JSON.stringify(entry);
      let t = now();
      writeTransaction(audited, () => appendAudit(audited, entry));
      const tAppend = now() - t;
      t = now();
      insert.run(payload);
      const tBare = now() - t;
      if (i >= 50) { append.push(tAppend); plain.push(tBare); }
    }
    audited.close();
    bare.close();
    return { append, plain };
  };
  const full = measure('FULL');
  const off = measure('OFF');
  return {
    append: summarize(full.append),
    bareInsert: summarize(full.plain),
    ratio: round2(median(full.append) / median(full.plain)),
    cpu: { appendMedianMs: ms(median(off.append)), bareInsertMedianMs: ms(median(off.plain)) },
    note: 'append: writeTransaction + appendAudit (read head, canonical JSON, SHA-256, insert under 3 guard triggers) committed alone; bare: one autocommit INSERT into another file, same pragmas; cpu: the same with synchronous=OFF',
  };
}

function benchAuditVerify(dir: string, entries: number): SecurityFigures['auditVerify'] {
  progress(`security 2b: a chain of ${entries.toLocaleString('en')} audit entries…`);
  const file = join(dir, 'audit-chain.sqlite3');
  const db = fileDb(file, 'OFF'); // generation only; the chain is the same
  createAuditTables(db);
  let t = now();
  const batch = 20_000;
  for (let done = 0; done < entries; done += batch) {
    writeTransaction(db, () => {
      for (let i = done; i < Math.min(entries, done + batch); i++) {
        appendAudit(db, i % 4 === 0
          ? { at: new Date(CLOCK.getTime() + i * 1000), officerId: `officer-${i % 7}`, action: 'dossier.correct', dossierId: 1 + (i >> 2), before: { ownerAddress: 'Số 12 Lê Lợi' }, after: { ownerAddress: 'Số 21 Lê Lợi' } }
          : { at: new Date(CLOCK.getTime() + i * 1000), officerId: `officer-${i % 7}`, action: 'dossier.create', dossierId: 1 + (i >> 2) });
      }
    });
  }
  const generationMs = ms(now() - t);
  db.close();
  const reader = openDatabase(file);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  t = now();
  const verdict = verifyAuditChain(reader);
  const verifyMs = ms(now() - t);
  const heapUsedDeltaMB = round2((process.memoryUsage().heapUsed - heapBefore) / 1e6);
  reader.close();
  if (!verdict.ok || verdict.entries !== entries) throw new Error(`chain did not verify: ${JSON.stringify(verdict)}`);
  const perMillionMs = ms((verifyMs * 1_000_000) / entries);
  return {
    entries, generationMs, verifyMs, perMillionMs, heapUsedDeltaMB, fileMB: Math.round(statSync(file).size / 1e6),
    target: 'verify 1,000,000 entries <= 3000 ms', met: perMillionMs <= 3000,
  };
}

function benchEncryptedCommit(dir: string, rounds: number, choice: CipherChoice): SecurityFigures['encryptedCommit'] {
  progress('security 3a: dossier commit, encrypted vs clear…');
  const clear = openDatabase(join(dir, 'commit-clear.sqlite3'));
  const encrypted: Record<DatabaseCipher, Db> = {
    chacha20: openEncryptedDatabase(join(dir, 'commit-chacha20.sqlite3'), randomBytes(32), { cipher: 'chacha20' }),
    sqlcipher: openEncryptedDatabase(join(dir, 'commit-sqlcipher.sqlite3'), randomBytes(32), { cipher: 'sqlcipher' }),
    aegis: openEncryptedDatabase(join(dir, 'commit-aegis.sqlite3'), randomBytes(32), { cipher: 'aegis' }),
  };
  const all: Array<[string, Db]> = [['clear', clear], ...Object.entries(encrypted)];
  for (const [, db] of all) seedCatalogue(db);
  const bareFull = fileDb(join(dir, 'commit-bare-full.sqlite3'), 'FULL');
  const bareOff = fileDb(join(dir, 'commit-bare-off.sqlite3'), 'OFF');
  for (const b of [bareFull, bareOff]) b.exec('CREATE TABLE bare (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT');
  const insertFull = bareFull.prepare('INSERT INTO bare (payload) VALUES (?)');
  const insertOff = bareOff.prepare('INSERT INTO bare (payload) VALUES (?)');
  const random = rng(11);
  const samples: Record<string, number[]> = { clear: [], chacha20: [], sqlcipher: [], aegis: [], bareFull: [], bareOff: [] };
  for (let i = 0; i < rounds; i++) {
    const p = person(random);
    const record = dossierOf({ fullName: p.fullName, idNumber: p.idNumber, birthDate: p.birthDate, phone: p.phone, address: p.address });
    // Rotate the order so no database always goes first (right after another one's fsync).
    const order = all.map((_, k) => all[(k + i) % all.length]!);
    for (const [name, db] of order) {
      const t = now();
      receive(db, { ...record, intakeKey: `${name}-${i}` });
      if (i >= 50) samples[name]!.push(now() - t);
    }
    let t = now();
    insertFull.run('x'.repeat(200));
    if (i >= 50) samples.bareFull!.push(now() - t);
    t = now();
    insertOff.run('x'.repeat(200));
    if (i >= 50) samples.bareOff!.push(now() - t);
  }
  for (const [, db] of all) db.close();
  bareFull.close();
  bareOff.close();
  const clearMedian = median(samples.clear!);
  const ciphers = Object.fromEntries((['chacha20', 'sqlcipher', 'aegis'] as const).map((c) => [c, { ...summarize(samples[c]!), ratio: round2(median(samples[c]!) / clearMedian), overheadMedianMs: ms(median(samples[c]!) - clearMedian) }])) as SecurityFigures['encryptedCommit']['ciphers'];
  const fullMedian = median(samples.bareFull!);
  const offMedian = median(samples.bareOff!);
  return {
    clear: summarize(samples.clear!),
    ciphers,
    chosen: choice.cipher,
    choice,
    bareInsertSynchronousOffVsFull: { fullMedianMs: ms(fullMedian), offMedianMs: ms(offMedian), fsyncMedianMs: ms(fullMedian - offMedian) },
    target: `ratio (${choice.cipher} commit median / clear commit median) <= 1.3`,
    met: ciphers[choice.cipher].ratio <= 1.3,
  };
}

function benchEncryptedSearch(dir: string, dossiers: number, cipher: DatabaseCipher): SecurityFigures['encryptedSearch'] {
  progress(`security 3b: search over ${dossiers.toLocaleString('en')} generated dossiers, encrypted vs clear: preparing…`);
  const gen = ensureGeneratedDb(dossiers);
  const clearFile = join(dir, 'search-clear.sqlite3');
  const encryptedFile = join(dir, 'search-encrypted.sqlite3');
  copyFileSync(gen.file, clearFile);
  copyFileSync(gen.file, encryptedFile);
  const key = randomBytes(32);
  progress('converting the copy (encryptExistingDatabase)…');
  const conversion = encryptExistingDatabase(encryptedFile, key, { cipher });
  const clear = openDatabase(clearFile);
  const encrypted = openEncryptedDatabase(encryptedFile, key, { cipher });

  const random = rng(2026);
  const maxId = clear.prepare('SELECT max(id) FROM dossiers').pluck().get() as number;
  const sample = clear.prepare('SELECT owner_name AS name, owner_id_number AS idNumber, owner_phone AS phone FROM dossiers WHERE id = ?');
  const people: Array<{ name: string; idNumber: string; phone: string }> = [];
  while (people.length < 400) {
    const row = sample.get(1 + Math.floor(random() * maxId)) as { name: string; idNumber: string; phone: string } | undefined;
    if (row) people.push(row);
  }
  const categories: Record<string, (r: () => number) => string> = {
    nameFull: (r) => foldVietnamese(pick(r, people).name),
    nameGivenAndMiddle: (r) => foldVietnamese(pick(r, people).name).split(' ').slice(-2).join(' '),
    namePrefix: (r) => { const w = foldVietnamese(pick(r, people).name).split(' '); return `${w[0]} ${(w[1] ?? '').slice(0, 2)}`.trim(); },
    idNumberPrefix9: (r) => pick(r, people).idNumber.slice(0, 9),
    idNumberExact: (r) => pick(r, people).idNumber,
    phonePrefix7: (r) => pick(r, people).phone.slice(0, 7),
  };
  const times = { clear: [] as number[], encrypted: [] as number[] };
  const perCategory: Record<string, { clearP95: number; encryptedP95: number }> = {};
  for (const [name, make] of Object.entries(categories)) {
    const qr = rng(name.length * 131);
    const queries = Array.from({ length: 200 }, () => make(qr));
    for (const q of queries.slice(0, 10)) { searchDossiers(clear, q, 50); searchDossiers(encrypted, q, 50); }
    const c: number[] = [];
    const e: number[] = [];
    for (const q of queries) {
      let t = now();
      const a = searchDossiers(clear, q, 50);
      c.push(now() - t);
      t = now();
      const b = searchDossiers(encrypted, q, 50);
      e.push(now() - t);
      if (a.length !== b.length) throw new Error(`"${q}": ${a.length} rows clear, ${b.length} encrypted`);
    }
    times.clear.push(...c);
    times.encrypted.push(...e);
    perCategory[name] = { clearP95: summarize(c).p95, encryptedP95: summarize(e).p95 };
    progress(`search ${name}: p95 clear ${perCategory[name]!.clearP95} ms, encrypted ${perCategory[name]!.encryptedP95} ms`);
  }
  clear.close();
  encrypted.close();
  const clearSummary = summarize(times.clear);
  const encryptedSummary = summarize(times.encrypted);
  return {
    dossiers: gen.dossiers, fileMB: gen.fileMB, conversionMs: ms(conversion.ms), clear: clearSummary, encrypted: encryptedSummary,
    p95Ratio: round2(encryptedSummary.p95 / clearSummary.p95), perCategory,
    target: 'encrypted p95 <= 10 ms (limit 50, the log-book screen\'s query)', met: encryptedSummary.p95 <= 10,
  };
}

export async function benchSecurity(options: { dossiers?: number; auditEntries?: number; commitRounds?: number; appendRounds?: number } = {}): Promise<SecurityFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'mot-cua-bench-security-'));
  try {
    const login = await benchLogin();
    const auditAppend = benchAuditAppend(dir, options.appendRounds ?? 400);
    const auditVerify = benchAuditVerify(dir, options.auditEntries ?? 1_000_000);
    // The cipher a station made on this machine would get: the one the targets are for.
    const choice = chooseDatabaseCipher();
    progress(`security 3: the chosen cipher is ${choice.cipher} (${choice.basis}: ${choice.detail})`);
    const encryptedCommit = benchEncryptedCommit(dir, options.commitRounds ?? 1000, choice);
    const encryptedSearch = benchEncryptedSearch(dir, options.dossiers ?? 1_000_000, choice.cipher);
    const targets: Record<string, Target> = {
      loginVerifyMedianMs: { target: login.target, met: login.met, value: login.verify.median },
      auditVerifyPerMillionMs: { target: auditVerify.target, met: auditVerify.met, value: auditVerify.perMillionMs },
      encryptedCommitRatio: { target: encryptedCommit.target, met: encryptedCommit.met, value: encryptedCommit.ciphers[encryptedCommit.chosen].ratio },
      encryptedSearchP95Ms: { target: encryptedSearch.target, met: encryptedSearch.met, value: encryptedSearch.encrypted.p95 },
    };
    return { login, auditAppend, auditVerify, encryptedCommit, encryptedSearch, targets };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npx tsx test/bench/security.ts`: the figures on stdout.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const started = now();
  const figures = await benchSecurity({
    dossiers: Number(process.env.BENCH_SECURITY_DOSSIERS ?? 1_000_000),
    auditEntries: Number(process.env.BENCH_AUDIT_ENTRIES ?? 1_000_000),
  });
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version };
  process.stdout.write(`${JSON.stringify({ machine, ...figures, allTargetsMet: Object.values(figures.targets).every((t) => t.met), totalRuntimeMs: ms(now() - started) }, null, 2)}\n`);
}

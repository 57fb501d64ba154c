// `npm run bench`: the figures of issue #2's "Benchmarks" section, as ONE JSON object on stdout
// (progress on stderr). Each figure carries its target and whether it is met.
//
// Environment knobs (defaults are the issue's figures):
//   BENCH_DOSSIERS=1000000   size of the generated search database
//   BENCH_REGENERATE=1       rebuild the cached search database
//   BENCH_ONLY=intake,search,web,sync,signing,scanning,devices,desk,fees,forms,lifecycle,security,printing,scansessions
//                            run only some sections
//   BENCH_LIFECYCLE_KILLS=0  kills of the crash harness during transitions (lifecycle section)
//   BENCH_CRASH_KILLS=2000   kills of the crash harness in the sync section
//   BENCH_SCAN_CRASH_KILLS=2000   kills of the scanning crash harness in the scansessions section

import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ensureGeneratedDb } from './generate';
import { benchIntake, benchIntakeOnLargeDb } from './intake';
import { benchSearch } from './search';
import { ms, now, progress } from './stats';
import { benchWebHost } from './webhost';
import { benchSync } from './sync';
import { benchSigning } from './signing';
import { benchScanning } from './scanning';
import { benchDevices } from './devices';
import { benchDesk } from './desk';
import { benchFees } from './fees';
import { benchForms } from './forms';
import { benchLifecycle } from './lifecycle';
import { benchSecurity } from './security';
import { benchPrintQueue } from './print-queue.bench';
import { benchScanSessions } from './scan-sessions.bench';

// Each group of sections runs in a process of its own: one section's leftovers (workers, child
// processes, a loaded database) can neither skew nor stall the next one's figures.
const GROUPS = [['intake', 'search'], ['web'], ['sync'], ['signing'], ['scanning'], ['devices', 'desk'], ['fees'], ['forms'], ['lifecycle'], ['security'], ['printing'], ['scansessions']];
if (!process.env.BENCH_IN_CHILD) {
  const started = now();
  const wanted = new Set((process.env.BENCH_ONLY ?? GROUPS.flat().join(',')).split(',').map((x) => x.trim()));
  const merged: Record<string, unknown> = {};
  const targets: Record<string, { met: boolean }> = {};
  for (const group of GROUPS.map((g) => g.filter((x) => wanted.has(x))).filter((g) => g.length > 0)) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
      env: { ...process.env, BENCH_IN_CHILD: '1', BENCH_ONLY: group.join(',') },
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
    if (child.status !== 0) throw new Error(`bench section ${group.join(',')} failed with ${child.status}`);
    const { targets: t, allTargetsMet: _all, totalRuntimeMs: _ms, ...rest } = JSON.parse(child.stdout.toString('utf8')) as Record<string, unknown>;
    Object.assign(merged, rest);
    Object.assign(targets, t);
  }
  merged.targets = targets;
  merged.allTargetsMet = Object.values(targets).every((t) => t.met);
  merged.totalRuntimeMs = ms(now() - started);
  process.stdout.write(`${JSON.stringify(merged, null, 2)}\n`);
  process.exit(0);
}

const started = now();
const only = new Set((process.env.BENCH_ONLY ?? GROUPS.flat().join(',')).split(',').map((s) => s.trim()));
const dossiers = Number(process.env.BENCH_DOSSIERS ?? 1_000_000);

const figures: Record<string, unknown> = {
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGB: Math.round(totalmem() / 1e9), node: process.version, platform: `${process.platform}-${process.arch}` },
};
const targets: Record<string, { target: string; met: boolean; value: number | string }> = {};

if (only.has('intake')) {
  progress('1–2. intake commit and appointment slip…');
  const { intake, slip } = await benchIntake({ warmup: 30, timed: 300 });
  figures.intakeCommit = intake;
  figures.slipPdfWarm = slip;
  targets.intakeCommitRatio = { target: intake.target, met: intake.met, value: intake.ratio };
  targets.slipPdfWarmMedianMs = { target: slip.target, met: slip.met, value: slip.timed.median };
}

if (only.has('search')) {
  progress(`3. search over ${dossiers.toLocaleString('en')} dossiers: preparing the database…`);
  const gen = ensureGeneratedDb(dossiers, { regenerate: process.env.BENCH_REGENERATE === '1' });
  progress(gen.cached ? `reusing the cached database ${gen.file} (${gen.fileMB} MB)` : `generated ${gen.file} in ${((gen.generationMs ?? 0) / 1000).toFixed(1)} s (${gen.fileMB} MB)`);
  const search = benchSearch(gen);
  figures.search = search;
  for (const [name, c] of Object.entries(search.categories)) targets[`searchP95Ms.${name}`] = { target: c.target, met: c.met, value: c.p95 };
  if (only.has('intake')) {
    progress('intake commit on a copy of the generated database…');
    figures.intakeCommitOnGeneratedDb = await benchIntakeOnLargeDb(gen.file, gen.dossiers, { warmup: 20, timed: 150 });
  }
}

if (only.has('web')) {
  progress('4. web host start → first answered request…');
  const web = await benchWebHost();
  figures.webHostStart = web;
  targets.webHostSpawnToFirst200Ms = { target: web.target, met: web.met, value: Math.max(web.spawned.freshDataDirMedianMs, web.spawned.restartExistingDataDir.spawnToFirst200Ms) };
  targets.eventPushP99Ms = { target: web.eventPush.target, met: web.eventPush.met, value: web.eventPush.p99 };
  targets.webHostInProcessMs = { target: 'startWebHost → first 200 <= 1000 ms', met: web.metInProcess, value: Math.max(web.inProcess.freshDataDirMs, web.inProcess.existingDataDirMs) };
}

if (only.has('sync')) {
  progress('5. sync: drain, intake under drain, crash harness…');
  const sync = await benchSync({ dossiers: 10_000, kills: Number(process.env.BENCH_CRASH_KILLS ?? 2000) });
  figures.sync = sync;
  targets.syncDrainPerSecond = { target: sync.drain.target, met: sync.drain.met, value: sync.drain.perSecond };
  targets.syncIntakeP99Ratio = { target: sync.intakeWhileDraining.target, met: sync.intakeWhileDraining.met, value: sync.intakeWhileDraining.p99Ratio };
  if (sync.crash) targets.syncCrashKills = { target: sync.crash.target, met: sync.crash.met, value: sync.crash.kills };
}

if (only.has('signing')) {
  const signing = await benchSigning({ warmup: 20, timed: 200, channelTimed: 30 });
  figures.signing = signing;
  targets.signingStepMedianMs = { target: signing.target, met: signing.met, value: signing.signStep.median };
}

if (only.has('scanning')) {
  const scanning = await benchScanning({ repeat: 2, unpacedRepeat: 3 });
  figures.scanning = scanning;
  targets.scanningPacedRatio = { target: scanning.paced.target, met: scanning.paced.met, value: scanning.paced.ratio };
  targets.scanningTextPageGrayBytes = { target: scanning.textPage.target, met: scanning.textPage.met, value: scanning.textPage.grayBytes };
}

/** A section's own `{ target, met }` figure as one line of the targets table. */
function targetOf(name: string, f: { target: string; met: boolean }, value: number | string): void {
  targets[name] = { target: f.target, met: f.met, value };
}

if (only.has('devices')) {
  const devices = (await benchDevices()) as { queueTicket: { target: string; met: boolean; p95Ms: number }; identityQrParse: { target: string; met: boolean; perParseUs: { median: number } } };
  figures.devices = devices;
  targetOf('queueTicketToPrinterP95Ms', devices.queueTicket, devices.queueTicket.p95Ms);
  targetOf('identityQrParseMedianUs', devices.identityQrParse, devices.identityQrParse.perParseUs.median);
}

if (only.has('desk')) {
  const desk = (await benchDesk()) as { identityBurst: { target: string; met: boolean; p95Ms: number }; queueIssue: { target: string; met: boolean; medianMs: number } };
  figures.desk = desk;
  targetOf('identityBurstToEventP95Ms', desk.identityBurst, desk.identityBurst.p95Ms);
  targetOf('queueIssueToPrinterMedianMs', desk.queueIssue, desk.queueIssue.medianMs);
}

if (only.has('fees')) {
  const fees = await benchFees();
  figures.fees = fees;
  targetOf('receiptNumberingGapless', fees.numbering, `${fees.numbering.distinct} distinct, gapless ${fees.numbering.gapless}`);
  targetOf('receiptCommitRatio', fees.receiptCommit, fees.receiptCommit.ratio);
  targetOf('receiptPdfWarmMedianMs', fees.receiptPdf, fees.receiptPdf.warm.median);
}

if (only.has('forms')) {
  const forms = await benchForms();
  figures.forms = forms;
  targetOf('logBookPdfMedianMs', forms.logBookPdf, forms.logBookPdf.timed.wall.median);
  targetOf('yearReportXlsxMedianMs', forms.yearReportXlsx, forms.yearReportXlsx.timed.wall.median);
  targetOf('aggregationPerMillionFactsMs', forms.aggregation, forms.aggregation.perMillionFactsMs);
}

if (only.has('lifecycle')) {
  const life = await benchLifecycle();
  figures.lifecycle = life;
  targetOf('transitionCommitRatio', life.transitionCommit, life.transitionCommit.ratio);
  targetOf('lifecycleLogBookPdfMedianMs', life.logBookPdf, life.logBookPdf.warm.median);
  if (life.crash) targets.lifecycleCrashMismatches = { target: 'every acknowledged transition there after restart, none twice', met: life.crash.met, value: life.crash.mismatched };
}

if (only.has('security')) {
  const security = await benchSecurity();
  figures.security = security;
  for (const [name, t] of Object.entries(security.targets)) targets[`security.${name}`] = t;
}

if (only.has('printing')) {
  progress('print queue: In → handed to CUPS…');
  const printing = await benchPrintQueue({ warmup: 10, timed: 100 });
  figures.printQueue = printing;
  const handed = printing.inToHandedMs as { median: number } | undefined;
  targets.printQueueInToHandedMedianMs = { target: String(printing.target), met: printing.met === true, value: handed?.median ?? String(printing.skipped) };
}

if (only.has('scansessions')) {
  const sessions = await benchScanSessions({ pages: 100, jobRepeat: 2, kills: Number(process.env.BENCH_SCAN_CRASH_KILLS ?? 2000) });
  figures.scanSessions = sessions;
  targets.scanSessionsPacedRatio = { target: sessions.job.target, met: sessions.job.met, value: sessions.job.pacedRatio };
  if (sessions.crash) targets.scanSessionsCrashKills = { target: sessions.crash.target, met: sessions.crash.met, value: sessions.crash.kills };
}

figures.targets = targets;
figures.allTargetsMet = Object.values(targets).every((t) => t.met);
figures.totalRuntimeMs = ms(now() - started);
process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);

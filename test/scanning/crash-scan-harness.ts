import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { PDFDocument } from 'pdf-lib';
import { fileKeySealer, loadDatabaseKeySync, userWrappingKeyFile } from '../../main/storage/database-key';
import { openEncryptedDatabase } from '../../main/storage/encryption';

// Kills the station with SIGKILL at random moments while it scans feeder jobs, edits pages and
// saves them ("Lưu vào hồ sơ"), then checks what the officer was shown against what comes back:
// at every restart the unfinished sessions it offers hold every page the officer saw, in the
// order, rotation and state last shown (or as the edit in flight made them), no page twice; at
// the end every PDF is whole and named by a row, no file lies around that no row names, and
// every save the officer saw (or that committed before the kill) holds the session's pages.
// Shared by the test (200 kills) and `npm run bench` (2,000).

export type ScanCrashReport = Readonly<{
  kills: number;
  /** Kills that hit a feeder job, and "Lưu vào hồ sơ" (pressed, not yet answered). */
  killsDuringJob: number;
  killsDuringSave: number;
  /** Distinct pages shown to the officer. */
  pagesAcknowledged: number;
  /** Sessions offered again after a restart, each checked against what was on screen. */
  resumesChecked: number;
  savesAcknowledged: number;
  /** Saves that committed though the officer never saw the answer (killed meanwhile). */
  savesCommittedUnseen: number;
  /** Pages on disk after a restart that the officer had not seen yet (scanned just before the kill). */
  unseenPagesKept: number;
  /** What did not add up: a page lost or twice, a wrong order, a save lost or doubled, a bad PDF, an orphan file. */
  problems: string[];
  ms: number;
}>;

type Token = string; // page:rotation:removed

type Track = {
  shown: Token[];
  pendingEdit: { op: string; page: string; arg: number } | null;
  saving: boolean;
  saved: { sha256: string; pages: number } | null;
  closing: boolean;
};

const idOf = (t: Token) => t.split(':')[0]!;
const parse = (list: string | undefined): Token[] => (!list || list === '-' ? [] : list.split(','));
const kept = (list: readonly Token[]) => list.filter((t) => t.endsWith(':-')).length;

/** The page list after an edit, as the station makes it (scan-sessions.ts). */
function applyEdit(list: readonly Token[], e: NonNullable<Track['pendingEdit']>): Token[] {
  const out = [...list];
  const at = out.findIndex((t) => idOf(t) === e.page);
  if (at < 0) return out;
  const [id, rotation, removed] = out[at]!.split(':') as [string, string, string];
  switch (e.op) {
    case 'rotate': out[at] = `${id}:${(Number(rotation) + 90) % 360}:${removed}`; break;
    case 'remove': out[at] = `${id}:${rotation}:officer`; break;
    case 'move': {
      const [t] = out.splice(at, 1);
      out.splice(Math.min(e.arg, out.length), 0, t!);
      break;
    }
    default: break;
  }
  return out;
}

async function bundleChild(): Promise<string> {
  // Under dist/ (ignored by git), where node_modules resolves from the bundle as from the project.
  const out = resolve('dist', 'test-bundles', `crash-scan-child-${process.pid}.mjs`);
  await build({
    entryPoints: [resolve('test/scanning/crash-scan-child.ts')],
    bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out, logLevel: 'error', packages: 'external',
  });
  return out;
}

/** When to kill: some time after READY, or some time after a line starting with `tag` (a job started, a save pressed). */
type Kill = Readonly<{ afterMs: number; tag?: 'JOB' | 'SAVING' }>;

function runChild(script: string, args: string[], kill: Kill | null, onLine: (line: string) => void): Promise<boolean> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: resolve('.') });
    let buffer = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    // A run whose cue never came is killed all the same, late.
    const fallback = kill ? setTimeout(() => child.kill('SIGKILL'), 30_000) : undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        // Once per run: the first line that matches arms the kill.
        if (kill && !timer && (kill.tag ? line.startsWith(`${kill.tag} `) : line === 'READY')) timer = setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
        onLine(line);
      }
    });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (fallback) clearTimeout(fallback);
      // A line cut by the kill was never shown to the officer: it does not count.
      if (signal === 'SIGKILL') done(true);
      else if (code === 0) done(false);
      else fail(new Error(`station process exited with ${code}: ${stderr.slice(-3000)}`));
    });
  });
}

type LaneReport = Omit<ScanCrashReport, 'ms'>;

/**
 * Kills the station `kills` times, then checks; stations on separate data folders run side by
 * side in `lanes` (two cores: one station starting while the other works), their figures added.
 */
export async function scanCrashHarness(options: { kills: number; random?: () => number; maxKillMs?: number; lanes?: number }): Promise<ScanCrashReport> {
  const started = Date.now();
  const lanes = Math.max(1, Math.min(options.lanes ?? 2, options.kills));
  const work = mkdtempSync(join(tmpdir(), 'crash-scan-'));
  const script = await bundleChild();
  try {
    const reports = await Promise.all(Array.from({ length: lanes }, (_, i) => lane(script, join(work, `lane-${i}`), {
      kills: Math.floor(options.kills / lanes) + (i < options.kills % lanes ? 1 : 0), random: options.random ?? Math.random, maxKillMs: options.maxKillMs ?? 2500,
    })));
    const sum = (k: keyof Omit<LaneReport, 'problems'>) => reports.reduce((n, r) => n + r[k], 0);
    return {
      kills: sum('kills'), killsDuringJob: sum('killsDuringJob'), killsDuringSave: sum('killsDuringSave'), pagesAcknowledged: sum('pagesAcknowledged'),
      resumesChecked: sum('resumesChecked'), savesAcknowledged: sum('savesAcknowledged'), savesCommittedUnseen: sum('savesCommittedUnseen'),
      unseenPagesKept: sum('unseenPagesKept'), problems: reports.flatMap((r, i) => r.problems.map((p) => `lane ${i}: ${p}`)), ms: Date.now() - started,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(script, { force: true });
  }
}

async function lane(script: string, work: string, options: { kills: number; random: () => number; maxKillMs: number }): Promise<LaneReport> {
  const { random, maxKillMs } = options;
  const dataDir = join(work, 'station');
  const tracks = new Map<string, Track>();
  const pages = new Set<string>();
  const problems: string[] = [];
  /** Where the station was when killed, as far as its lines tell. */
  const at: { phase: 'job' | 'save' | 'other' } = { phase: 'other' };
  const phaseNow = (): 'job' | 'save' | 'other' => at.phase; // set by onLine while the child runs
  let resumesChecked = 0;
  let unseenPagesKept = 0;
  const track = (id: string): Track => {
    let t = tracks.get(id);
    if (!t) tracks.set(id, (t = { shown: [], pendingEdit: null, saving: false, saved: null, closing: false }));
    return t;
  };
  /** A session read back after a restart against what the officer last saw of it. */
  const checkBack = (id: string, back: Token[], when: string) => {
    const t = track(id);
    resumesChecked++;
    const ids = back.map(idOf);
    if (new Set(ids).size !== ids.length) problems.push(`${when} ${id}: a page twice: ${back.join(',')}`);
    if (t.saved) problems.push(`${when} ${id}: saved, yet offered again`);
    const seenIds = new Set(t.shown.map(idOf));
    const ofShown = back.filter((x) => seenIds.has(idOf(x)));
    const allowed = [t.shown, ...(t.pendingEdit ? [applyEdit(t.shown, t.pendingEdit)] : [])].map((l) => l.join(','));
    if (!allowed.includes(ofShown.join(','))) problems.push(`${when} ${id}: shown ${t.shown.join(',')} (edit ${JSON.stringify(t.pendingEdit)}), back ${back.join(',')}`);
    unseenPagesKept += back.length - ofShown.length;
    t.shown = back;
    t.pendingEdit = null;
    t.saving = false;
  };
  const onLine = (line: string) => {
    const [tag, id, ...rest] = line.split(' ');
    if (!id) return;
    switch (tag) {
      case 'SEEN': {
        const t = track(id);
        t.shown = parse(rest[0]);
        t.pendingEdit = null;
        for (const x of t.shown) pages.add(`${id}/${idOf(x)}`);
        break;
      }
      case 'EDIT': track(id).pendingEdit = { op: rest[0]!, page: rest[1]!, arg: Number(rest[2]) }; at.phase = 'other'; break;
      case 'JOB': at.phase = 'job'; break;
      case 'JOBEND': at.phase = 'other'; break;
      case 'SAVING': track(id).saving = true; at.phase = 'save'; break;
      case 'SAVED': track(id).saved = { sha256: rest[0]!, pages: Number(rest[1]) }; track(id).saving = false; at.phase = 'other'; break;
      case 'CLOSED': tracks.delete(id); break;
      case 'RESUMED': checkBack(id, parse(rest[0]), 'restart'); break;
      case 'UNFINISHED': checkBack(id, parse(rest[0]), 'end'); track(id).closing = true; break;
      case 'ORPHAN': case 'BADPDF': problems.push(line); break;
      default: break;
    }
  };
  const saneDir = join(work, 'sane');
  let killsDuringJob = 0;
  let killsDuringSave = 0;
  for (let run = 0; run < options.kills; run++) {
    at.phase = 'other';
    // A first run long enough to make the dossier; then anywhere after the start, within a
    // feeder job, or within a save (each a third of the runs: a save is a short moment).
    const r = random();
    const kill: Kill = run === 0 ? { afterMs: 4000 }
      : run % 3 === 1 ? { tag: 'JOB', afterMs: Math.floor(r * 900) }
        : run % 3 === 2 ? { tag: 'SAVING', afterMs: Math.floor(r * 120) }
          : { afterMs: Math.floor(r * maxKillMs) };
    const killed = await runChild(script, [dataDir, 'work', String(run), saneDir], kill, onLine);
    if (!killed) problems.push(`run ${run} ended by itself`);
    if (phaseNow() === 'job') killsDuringJob++;
    if (phaseNow() === 'save') killsDuringSave++;
  }
  await runChild(script, [dataDir, 'check', String(options.kills), saneDir], null, onLine);

  // Every session the officer saw pages of is either still unfinished (checked above) or saved once, whole.
  const { key, cipher } = loadDatabaseKeySync(dataDir, fileKeySealer(userWrappingKeyFile()), { now: () => new Date() });
  const db = openEncryptedDatabase(join(dataDir, 'station.sqlite3'), key, { readonly: true, cipher });
  let savesAcknowledged = 0;
  let savesCommittedUnseen = 0;
  try {
    const savedRow = db.prepare(`SELECT f.path, f.sha256 FROM outbox o JOIN dossier_files f ON f.id = o.dossier_file_id WHERE o.idempotency_key = ?`);
    for (const [id, t] of tracks) {
      if (t.closing || t.shown.length === 0) continue; // still unfinished: checked with UNFINISHED
      const row = savedRow.get(`scan-session:${id}`) as { path: string; sha256: string } | undefined;
      if (!row) {
        if (kept(t.shown) > 0 || t.saved) problems.push(`${id}: pages shown (${t.shown.length}) but neither unfinished nor saved`);
        continue;
      }
      const count = (await PDFDocument.load(readFileSync(row.path))).getPageCount();
      if (t.saved) {
        savesAcknowledged++;
        if (t.saved.sha256 !== row.sha256 || t.saved.pages !== count) problems.push(`${id}: saved ${JSON.stringify(t.saved)}, stored ${row.sha256} with ${count} pages`);
      } else {
        savesCommittedUnseen++;
      }
      if (count !== kept(t.shown)) problems.push(`${id}: ${kept(t.shown)} pages kept on screen, ${count} in the PDF`);
    }
  } finally {
    db.close();
  }
  return {
    kills: options.kills, killsDuringJob, killsDuringSave, pagesAcknowledged: pages.size, resumesChecked, savesAcknowledged, savesCommittedUnseen,
    unseenPagesKept, problems,
  };
}

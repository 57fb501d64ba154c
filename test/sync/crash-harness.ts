import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileKeySealer, loadDatabaseKeySync, userWrappingKeyFile } from '../../main/storage/database-key';
import { openEncryptedDatabase } from '../../main/storage/encryption';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { startPortalSimulator } from '../../main/portal/simulator/server';

// Kills the station with SIGKILL at random moments while it receives and syncs dossiers, then
// checks what the officer was told against what the portal holds. Shared by the test (200 kills)
// and `npm run bench` (2,000).

export type CrashReport = Readonly<{
  kills: number;
  acknowledged: number;
  atPortal: number;
  duplicates: string[];
  missing: string[];
  filesAcknowledged: number;
  /** Scans of a document recorded a second time (a rescan, which must replace the first at the portal). */
  rescansAcknowledged: number;
  filesMismatched: string[];
  outboxLeft: number;
  /** With transitions: the changes the officer saw recorded, and what the portal holds of them. */
  transitionsAcknowledged: number;
  /** Dossiers whose changes at the portal are not exactly the station's, in the station's order (none lost, none twice). */
  transitionsMismatched: string[];
  ms: number;
}>;

async function bundleChild(): Promise<string> {
  // Beside the sources, so that node_modules resolves from the bundle as from the project.
  const out = resolve('test/sync', `.crash-child-${process.pid}.mjs`);
  await build({
    entryPoints: [resolve('test/sync/crash-child.ts')],
    bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out, logLevel: 'error',
    // Packages load from node_modules as in the app; only the project's own TypeScript is bundled.
    packages: 'external',
  });
  return out;
}

function runChild(script: string, args: string[], killAfterMs: number | null, onLine: (line: string) => void): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: resolve('.') });
    let buffer = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line === 'READY' && killAfterMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        onLine(line);
      }
    });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      // A line cut by the kill was never shown to the officer: it does not count.
      if (signal === 'SIGKILL' || code === 0) done();
      else fail(new Error(`station process exited with ${code}: ${stderr.slice(-2000)}`));
    });
  });
}

export async function crashHarness(options: { kills: number; random?: () => number; transitions?: boolean }): Promise<CrashReport> {
  const started = Date.now();
  const random = options.random ?? Math.random;
  const work = mkdtempSync(join(tmpdir(), 'crash-'));
  const sim = await startPortalSimulator({ port: 0, dataDir: join(work, 'portal') });
  try {
    // The portal misbehaves too: some answers are lost after it committed.
    sim.faults.set({ dropAfterCommit: 0.05, rate5xx: 0.02 });
    const script = await bundleChild();
    const dataDir = join(work, 'station');
    const acknowledged = new Map<string, string>(); // owner name → code
    const files = new Map<string, string>(); // owner name → sha256 (of the last file reported)
    const rescans = new Map<string, string>(); // owner name → sha256 of a rescan about to be recorded
    let rescansAcknowledged = 0;
    const steps = new Map<string, string[]>(); // owner name → the changes acknowledged, in order
    const onLine = (line: string) => {
      const [tag, a, ...rest] = line.split(' ');
      if (tag === 'ACK') acknowledged.set(rest.join(' '), a!);
      if (tag === 'FILE') {
        if (files.has(rest.join(' '))) rescansAcknowledged += 1;
        files.set(rest.join(' '), a!);
      }
      if (tag === 'RESCAN') rescans.set(rest.join(' '), a!);
      if (tag === 'STEP') steps.set(rest.join(' '), [...(steps.get(rest.join(' ')) ?? []), a!]);
    };
    const args = (mode: string, run: number) => [dataDir, sim.url, sim.clientId, sim.clientSecret, mode, String(run), ...(options.transitions ? ['life'] : [])];
    for (let run = 0; run < options.kills; run++) {
      await runChild(script, args('work', run), Math.floor(random() * 120), onLine);
    }
    sim.faults.reset();
    await runChild(script, args('drain', options.kills), null, onLine);

    type SimDossier = { IdHoSo: string; ChuHoSo: string };
    const atPortal = sim.store.dossiers(null) as unknown as SimDossier[];
    const byName = new Map<string, SimDossier[]>();
    for (const d of atPortal) byName.set(d.ChuHoSo, [...(byName.get(d.ChuHoSo) ?? []), d]);
    const duplicates = [...byName].filter(([, list]) => list.length > 1).map(([name]) => name);
    const missing = [...acknowledged.keys()].filter((name) => !byName.has(name));
    const filesMismatched: string[] = [];
    for (const [name, sha256] of files) {
      const dossier = byName.get(name)?.[0];
      const stored = dossier ? (sim.store.attachments(dossier.IdHoSo) as { attachments: Array<{ Sha256: string }> }).attachments : [];
      // One file of the document, the last one recorded: a rescan replaces the scan, never adds to it
      // (the rescan announced may or may not have been recorded before the kill).
      if (stored.length !== 1 || (stored[0]!.Sha256 !== sha256 && stored[0]!.Sha256 !== rescans.get(name))) filesMismatched.push(name);
    }
    // The station's database is encrypted: opened read-only with its own key, as the station does.
    const { key, cipher } = loadDatabaseKeySync(dataDir, fileKeySealer(userWrappingKeyFile()), { now: () => new Date() });
    const db = openEncryptedDatabase(join(dataDir, 'station.sqlite3'), key, { readonly: true, cipher });
    const outboxLeft = (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
    // Every change the station recorded (acknowledged to the officer or not) is at the portal
    // exactly once, in the station's order; every acknowledged one is among them.
    const transitionsMismatched: string[] = [];
    if (options.transitions) {
      const recorded = db.prepare('SELECT d.owner_name AS name, e.event FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id ORDER BY e.id').all() as Array<{ name: string; event: string }>;
      const local = new Map<string, string[]>();
      for (const r of recorded) local.set(r.name, [...(local.get(r.name) ?? []), r.event]);
      for (const [name, list] of byName) {
        const portal = (sim.store.transitions(list[0]!.IdHoSo) as Array<{ SuKien: string }>).map((t) => t.SuKien);
        const mine = local.get(name) ?? [];
        const seen = steps.get(name) ?? [];
        if (JSON.stringify(portal) !== JSON.stringify(mine) || JSON.stringify(seen) !== JSON.stringify(mine.slice(0, seen.length))) transitionsMismatched.push(name);
      }
    }
    db.close();
    return {
      kills: options.kills, acknowledged: acknowledged.size, atPortal: atPortal.length, duplicates, missing,
      filesAcknowledged: files.size, rescansAcknowledged, filesMismatched, outboxLeft,
      transitionsAcknowledged: [...steps.values()].reduce((n, s) => n + s.length, 0), transitionsMismatched, ms: Date.now() - started,
    };
  } finally {
    await sim.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(resolve('test/sync', `.crash-child-${process.pid}.mjs`), { force: true });
  }
}

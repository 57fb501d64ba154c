import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// A private CUPS scheduler per test file, with a cups-pdf queue that writes PDFs into the rig's
// folder: the real spooler, the real `lp`/`lpstat`/`cupsdisable`, no system cupsd needed.
//
// - cupsd runs from a ServerRoot of its own (cupsd.conf, cups-files.conf, printers.conf) with its
//   spool, cache, state, logs and temp folder in the rig's folder, listening on a unix socket
//   only; `CUPS_SERVER` points lp/lpstat at it.
// - cups-pdf reads its configuration from /etc/cups only (the path is compiled in), but reads
//   /etc/cups/cups-pdf-<name>.conf for a device URI `cups-pdf:/<name>`: each rig writes one such
//   file, named after its own random queue, and removes it when it stops.
// - The cups-pdf backend is mode 0700 (root): cupsd runs it as root, so the rig needs root (CI is).
// - The filters run as user `lp`: the rig's folder is world-readable and its temp folder 1777.

export type CupsRig = Readonly<{
  dir: string;
  queue: string;
  /** The environment for lp/lpstat (and cupsPrinter({ env })). */
  env: NodeJS.ProcessEnv;
  /** The PDFs cups-pdf wrote so far (full paths, oldest first). */
  outputs: () => string[];
  lp: (...args: string[]) => Promise<string>;
  /** Runs a CUPS admin command (cupsdisable, cupsenable, cupsreject, cupsaccept, cancel) on the rig. */
  admin: (command: string, ...args: string[]) => Promise<void>;
  /** Stops the scheduler (a print service that is down); `up` starts it again on the same queue. */
  down: () => Promise<void>;
  up: () => Promise<void>;
  /** Restarts the scheduler without its job history: every job id it gave is unknown after. */
  forgetJobs: () => Promise<void>;
  stop: () => Promise<void>;
}>;

export const CUPS_PDF_BACKEND = '/usr/lib/cups/backend/cups-pdf';
const PPD = '/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd';

/** Why the rig cannot run here, or null. */
export function cupsRigUnavailable(): string | null {
  if (!existsSync('/usr/sbin/cupsd')) return 'cupsd is not installed (apt-get install cups)';
  if (!existsSync(CUPS_PDF_BACKEND) || !existsSync(PPD)) return 'cups-pdf is not installed (apt-get install printer-driver-cups-pdf)';
  if (process.getuid?.() !== 0) return 'the cups-pdf backend runs only as root';
  return null;
}

export async function startCupsRig(): Promise<CupsRig> {
  // Short: a unix socket path is at most 107 bytes.
  const dir = mkdtempSync(join(tmpdir(), 'cups-'));
  chmodSync(dir, 0o755);
  const path = (p: string) => join(dir, p);
  for (const d of ['root', 'spool', 'cache', 'state', 'log', 'tmp', 'out', 'pdf-spool']) mkdirSync(path(d));
  chmodSync(path('tmp'), 0o1777);
  chmodSync(path('out'), 0o777);
  const socket = path('cups.sock');
  writeFileSync(path('root/cupsd.conf'), [
    `Listen ${socket}`,
    'LogLevel info',
    'WebInterface No',
    'Browsing No',
    'DefaultAuthType None',
    // Keep finished jobs in the history: the queue reads a job's end from it.
    'PreserveJobHistory Yes',
    '<Location />', '  Order allow,deny', '  Allow all', '</Location>',
    '<Policy default>', '  JobPrivateAccess all', '  JobPrivateValues none', '  SubscriptionPrivateAccess all', '  SubscriptionPrivateValues none',
    '  <Limit All>', '    Order deny,allow', '  </Limit>', '</Policy>', '',
  ].join('\n'));
  writeFileSync(path('root/cups-files.conf'), [
    `ServerRoot ${path('root')}`, `RequestRoot ${path('spool')}`, `CacheDir ${path('cache')}`, `StateDir ${path('state')}`,
    `TempDir ${path('tmp')}`, `ErrorLog ${path('log/error_log')}`, `AccessLog ${path('log/access_log')}`, `PageLog ${path('log/page_log')}`,
    'Sandboxing Relaxed', 'FileDevice No', '',
  ].join('\n'));
  const queue = `StationPdf_${randomBytes(4).toString('hex')}`;
  const queueConf = `/etc/cups/cups-pdf-${queue}.conf`;
  writeFileSync(queueConf, [`Out ${path('out')}`, `AnonDirName ${path('out')}`, `Spool ${path('pdf-spool')}`, `Log ${path('log')}`, 'Label 0', ''].join('\n'));

  const env: NodeJS.ProcessEnv = { ...process.env, CUPS_SERVER: socket, LANG: 'C', LC_ALL: 'C' };
  let cupsd: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const daemonUp = async () => {
    const child = spawn('/usr/sbin/cupsd', ['-f', '-c', path('root/cupsd.conf'), '-s', path('root/cups-files.conf')], { stdio: 'ignore' });
    cupsd = child;
    exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // Ready when the scheduler answers on its socket (cupsd binds it before it answers).
    const deadline = Date.now() + 20_000;
    for (;;) {
      const answer = await run('lpstat', ['-r'], { env }).then((r) => r.stdout, () => '');
      if (/scheduler is running/.test(answer)) return;
      if (child.exitCode !== null) throw new Error(`cupsd exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error('cupsd did not start within 20 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const daemonDown = async () => {
    if (cupsd && cupsd.exitCode === null) { cupsd.kill('SIGTERM'); await exited; }
  };
  const stop = async () => {
    await daemonDown();
    rmSync(queueConf, { force: true });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await daemonUp();
    await run('lpadmin', ['-p', queue, '-v', `cups-pdf:/${queue}`, '-P', PPD, '-E'], { env });
    await run('lpadmin', ['-d', queue], { env });
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    dir, queue, env,
    outputs: () => readdirSync(path('out')).filter((f) => f.endsWith('.pdf')).sort().map((f) => path(`out/${f}`)),
    lp: async (...args) => (await run('lp', args, { env })).stdout,
    admin: async (command, ...args) => { await run(command, args, { env }); },
    down: daemonDown,
    up: daemonUp,
    forgetJobs: async () => {
      // The spooler's memory of jobs lives in its RequestRoot (c#### attributes, d#### files).
      await daemonDown();
      for (const f of readdirSync(path('spool'))) if (/^[cd]\d/.test(f)) rmSync(path(`spool/${f}`), { force: true });
      rmSync(path('cache/job.cache'), { force: true });
      await daemonUp();
    },
    stop,
  };
}

/** Waits for what a spooler does in its own time (a job to finish), checking `probe` every 50 ms. */
export async function until<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cupsServerOf, encodeRequest, GET_JOB_ATTRIBUTES, GET_JOBS, ippCall, IPP_TAGS, jobStateOf, type CupsServer, type IppGroup } from './ipp';
import { PrintRefused, type PdfPrinter, type PrinterInfo, type PrinterState, type SpooledJob, type Spooler } from './printer';

const run = promisify(execFile);

/** Parses `lpstat -e` (queue names) and `lpstat -d` ("system default destination: X"). */
export function parseLpstat(queues: string, defaultLine: string): PrinterInfo[] {
  const def = /destination:\s*(\S+)/.exec(defaultLine)?.[1];
  return queues
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((name) => ({ name, displayName: name.replace(/[_-]+/g, ' '), isDefault: name === def }));
}

/**
 * Parses `lpstat -p` and `lpstat -a` (in the C locale): "printer Q is idle.  enabled since …" or
 * "printer Q disabled since … -" followed by the reason on an indented line; "Q accepting
 * requests since …" or "Q not accepting requests since … -".
 */
export function parsePrinterStates(printers: string, accepting: string): PrinterState[] {
  const states: Array<{ name: string; enabled: boolean; accepting: boolean; message: string }> = [];
  for (const line of printers.split('\n')) {
    const m = /^printer (\S+) (?:is (\S+)\.\s+(enabled|disabled)|(disabled)) since/.exec(line);
    if (m) states.push({ name: m[1]!, enabled: (m[3] ?? m[4]) === 'enabled', accepting: true, message: '' });
    else if (/^\s+\S/.test(line) && states.length > 0) {
      const last = states[states.length - 1]!;
      last.message = [last.message, line.trim()].filter(Boolean).join(' ');
    }
  }
  for (const line of accepting.split('\n')) {
    const m = /^(\S+) (not )?accepting requests/.exec(line);
    const state = m && states.find((s) => s.name === m[1]);
    if (state) state.accepting = !m[2];
  }
  return states;
}

/**
 * Which of `lp`'s complaints say the job never reached the spooler (so sending it again is safe).
 * With the scheduler down lp says the printer "does not exist" (or that there is no default
 * destination): the spooler's own answer (Spooler.jobs failing) tells the two apart.
 */
export function lpRefusal(stderr: string): PrintRefused['reason'] | undefined {
  if (/does not exist|No default destination|No such (?:destination|printer)|Unknown destination/i.test(stderr)) return 'no_printer';
  if (/not accepting jobs/i.test(stderr)) return 'not_accepting';
  if (/scheduler is not running|Unable to connect|Connection refused|No such file or directory|Bad file descriptor/i.test(stderr)) return 'spooler_down';
  return undefined;
}

export type CupsOptions = Readonly<{
  /** The environment of `lp`/`lpstat` (tests point `CUPS_SERVER` at a private scheduler). */
  env?: NodeJS.ProcessEnv;
}>;

/** Printing through CUPS (`lpstat`, `lp`); lists nothing where CUPS is not installed. */
export function cupsPrinter(options: CupsOptions = {}): PdfPrinter {
  // The C locale: lpstat's texts are parsed.
  const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env), LANG: 'C', LC_ALL: 'C' };
  const server: CupsServer = cupsServerOf(env.CUPS_SERVER, existsSync('/run/cups/cups.sock'));
  return {
    async list() {
      try {
        const [queues, def] = await Promise.all([
          run('lpstat', ['-e'], { timeout: 5000, env }),
          run('lpstat', ['-d'], { timeout: 5000, env }).catch(() => ({ stdout: '' })),
        ]);
        return parseLpstat(queues.stdout, def.stdout);
      } catch {
        return [];
      }
    },
    async print(job) {
      const dir = await mkdtemp(join(tmpdir(), 'station-print-'));
      try {
        const file = join(dir, 'slip.pdf');
        await writeFile(file, job.pdf);
        const args = [...(job.printer ? ['-d', job.printer] : []), '-n', String(job.copies), '-t', job.jobName ?? job.title, file];
        let stdout: string;
        try {
          ({ stdout } = await run('lp', args, { timeout: 15000, env }));
        } catch (e) {
          const err = e as { stderr?: string; code?: unknown; message?: string };
          const text = (err.stderr ?? '').trim() || (err.message ?? String(e));
          if (err.code === 'ENOENT') throw new PrintRefused('Máy này chưa cài CUPS (không có lệnh lp)', 'spooler_down');
          const refusal = lpRefusal(text);
          // Anything else (a timeout, a crash of lp) may have left the job with CUPS: not a refusal.
          if (refusal) throw new PrintRefused(text.replace(/^lp:\s*/, ''), refusal);
          throw new Error(text.replace(/^lp:\s*/, ''));
        }
        // "request id is Queue-12 (1 file(s))"
        const m = /request id is (.+)-(\d+)/.exec(stdout);
        return { printer: m?.[1] ?? job.printer ?? '', ...(m ? { jobId: `${m[1]}-${m[2]}` } : {}) };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    spooler: cupsSpooler(server, env),
  };
}

const JOB_ATTRIBUTES = ['job-id', 'job-name', 'job-state', 'job-state-reasons', 'job-printer-uri'];

function spooledJobOf(group: IppGroup): SpooledJob | undefined {
  const id = group.attributes.get('job-id')?.[0];
  const state = jobStateOf(group.attributes.get('job-state')?.[0]);
  if (typeof id !== 'number' || !state) return undefined;
  const printer = String(group.attributes.get('job-printer-uri')?.[0] ?? '').split('/').pop() ?? '';
  return {
    id: `${printer}-${id}`, printer, state,
    name: String(group.attributes.get('job-name')?.[0] ?? ''),
    reasons: (group.attributes.get('job-state-reasons') ?? []).map(String),
  };
}

function cupsSpooler(server: CupsServer, env: NodeJS.ProcessEnv): Spooler {
  let requestId = 1;
  const ask = async (operation: number, what: string, attributes: Parameters<typeof encodeRequest>[2]) => {
    const answer = await ippCall(server, '/', encodeRequest(operation, requestId++, [
      ...attributes,
      [IPP_TAGS.name, 'requesting-user-name', [userInfo().username]],
      [IPP_TAGS.keyword, 'requested-attributes', JOB_ATTRIBUTES],
    ]));
    // successful-ok and its -ignored-… variants are below 0x0100
    if (answer.status >= 0x0100) throw new Error(`CUPS refused ${what} (status 0x${answer.status.toString(16)})`);
    return answer.groups.filter((g) => g.tag === IPP_TAGS.job).map(spooledJobOf).filter((j) => j !== undefined);
  };
  const jobs = () => ask(GET_JOBS, 'Get-Jobs', [
    [IPP_TAGS.uri, 'printer-uri', ['ipp://localhost/']],
    [IPP_TAGS.keyword, 'which-jobs', ['all']],
    [IPP_TAGS.boolean, 'my-jobs', [false]],
  ]);
  return {
    jobs,
    async findByName(name, depth = 50) {
      const all = await jobs();
      const named = all.find((j) => j.name === name);
      if (named) return named;
      // Finished jobs come without their names from the list; asked one by one, CUPS loads them.
      const unnamed = all.filter((j) => j.name === '').sort((a, b) => jobNumber(b.id) - jobNumber(a.id)).slice(0, depth);
      for (const j of unnamed) {
        const [full] = await ask(GET_JOB_ATTRIBUTES, 'Get-Job-Attributes', [
          [IPP_TAGS.uri, 'printer-uri', ['ipp://localhost/']],
          [IPP_TAGS.integer, 'job-id', [jobNumber(j.id)]],
        ]).catch(() => []);
        if (full?.name === name) return full;
      }
      return undefined;
    },
    async printers() {
      const [p, a] = await Promise.all([
        run('lpstat', ['-p'], { timeout: 5000, env }),
        run('lpstat', ['-a'], { timeout: 5000, env }).catch(() => ({ stdout: '' })),
      ]);
      return parsePrinterStates(p.stdout, a.stdout);
    },
    async cancel(jobId) {
      try {
        await run('cancel', [jobId], { timeout: 5000, env });
        return true;
      } catch {
        return false;
      }
    },
  };
}

const jobNumber = (id: string): number => Number(/-(\d+)$/.exec(id)?.[1] ?? 0);

import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PdfPrinter, PrinterInfo } from './printer';

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

/** Printing through CUPS (`lpstat`, `lp`); lists nothing where CUPS is not installed. */
export function cupsPrinter(): PdfPrinter {
  return {
    async list() {
      try {
        const [queues, def] = await Promise.all([
          run('lpstat', ['-e'], { timeout: 5000 }),
          run('lpstat', ['-d'], { timeout: 5000 }).catch(() => ({ stdout: '' })),
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
        const args = [...(job.printer ? ['-d', job.printer] : []), '-n', String(job.copies), '-t', job.title, file];
        const { stdout } = await run('lp', args, { timeout: 15000 });
        // "request id is Queue-12 (1 file(s))"
        const printer = /request id is (.+)-\d+/.exec(stdout)?.[1] ?? job.printer ?? '';
        return { printer };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

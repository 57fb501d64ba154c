import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeTransaction } from '../../main/storage/database';
import { draftFor } from '../helpers/drafts';
import { idNumberFor, mobileFor } from '../helpers/people';
import { openTestStation, type TestStation } from '../helpers/station';
import { COPY_CERTIFICATION, feesClient } from './helpers';

// Receipt numbers are never reused and never skipped: several station processes writing to one
// database at once, and a station killed in the middle of taking payments, leave one receipt per
// number, 1 … N, and nothing else.

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const WORKER = fileURLToPath(new URL('./workers/issue-receipts.ts', import.meta.url));

/** Dossiers received before the payments, in one transaction (the test is about receipts). */
async function receivedDossiers(station: TestStation, count: number): Promise<string[]> {
  // Seven-digit codes: a day of 2,000 dossiers fits this station's block.
  expect((await station.call('settings.update', { station: { codeFormat: 'G09.20-{yyyy}{MM}{dd}-{seq:7}' } })).ok).toBe(true);
  const procedure = await station.handlers['catalogue.get']({ code: COPY_CERTIFICATION });
  const codes: string[] = [];
  writeTransaction(station.db, () => {
    for (let i = 0; i < count; i++) {
      const draft = draftFor(procedure, { owner: { fullName: `Người Nộp ${i}`, idNumber: idNumberFor('1990-05-17', 'male', { serial: i }), phone: mobileFor(i) } });
      codes.push((station.handlers['dossier.save'](draft) as { code: string }).code);
    }
  });
  return codes;
}

type Worker = Readonly<{
  ready: Promise<void>;
  go: () => void;
  /** Every number the process reported committed so far. */
  numbers: number[];
  /** Resolves when the process has reported `n` numbers (or ended). */
  reported: (n: number) => Promise<void>;
  done: Promise<{ code: number | null; stderr: string }>;
  kill: () => void;
}>;

function startWorker(dataDir: string, worker: number, codes: readonly string[]): Worker {
  const file = join(dataDir, `codes-${worker}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(codes));
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', WORKER, dataDir, String(worker), file], { cwd: REPO, stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
  const numbers: number[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  let markReady!: () => void;
  const ready = new Promise<void>((r) => { markReady = r; });
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => {
    for (const w of waiters.splice(0)) w.resolve();
    markReady();
    resolve({ code, stderr });
  }));
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line === 'ready') markReady();
    const m = /^n (\d+)$/.exec(line);
    if (m) numbers.push(Number(m[1]));
    for (const w of waiters.filter((x) => numbers.length >= x.n)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  return {
    ready,
    go: () => child.stdin.write('go\n'),
    numbers,
    reported: (n) => (numbers.length >= n || child.exitCode !== null ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
    done,
    kill: () => child.kill('SIGKILL'),
  };
}

/** What the database holds: every receipt number in order, and the checks that tie receipts to their fees and the portal queue. */
function ledger(station: TestStation) {
  const q = <T,>(sql: string) => station.db.prepare(sql).all() as T[];
  return {
    numbers: q<{ number: number }>('SELECT number FROM receipts ORDER BY number').map((r) => r.number),
    next: (station.db.prepare('SELECT next FROM receipt_ranges').get() as { next: number }).next,
    receiptsWithoutOneItem: q<{ id: number }>('SELECT r.id FROM receipts r WHERE (SELECT count(*) FROM receipt_items i WHERE i.receipt_id = r.id) <> 1').length,
    receiptsWithoutPaidLine: q<{ id: number }>('SELECT r.id FROM receipts r WHERE NOT EXISTS (SELECT 1 FROM dossier_fees f WHERE f.receipt_id = r.id)').length,
    paidLinesWithoutReceipt: q<{ n: number }>('SELECT 1 AS n FROM dossier_fees WHERE receipt_id IS NOT NULL AND receipt_id NOT IN (SELECT id FROM receipts)').length,
    feeUpdates: (station.db.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'dossier.update'").get() as { n: number }).n,
  };
}

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('receipt numbering under concurrency and crashes', () => {
  it('4 station processes issuing 500 receipts each at once get 2,000 distinct numbers 1–2000, no gaps', async () => {
    const station = openTestStation();
    await feesClient(station).assign({ first: 1, last: 5000 });
    const codes = await receivedDossiers(station, 2000);
    const workers = [0, 1, 2, 3].map((w) => startWorker(station.dir, w, codes.slice(w * 500, (w + 1) * 500)));
    try {
      await Promise.all(workers.map((w) => w.ready));
      for (const w of workers) w.go();
      const ends = await Promise.all(workers.map((w) => w.done));
      for (const end of ends) expect(end.code, end.stderr).toBe(0);

      const reported = workers.flatMap((w) => w.numbers);
      expect(reported).toHaveLength(2000);
      expect([...reported].sort((a, b) => a - b)).toEqual(oneTo(2000));
      // Each process saw its own numbers rise, and the processes really did interleave.
      for (const w of workers) expect(w.numbers).toEqual([...w.numbers].sort((a, b) => a - b));
      expect(workers.filter((w) => w.numbers[w.numbers.length - 1]! - w.numbers[0]! > 499).length).toBeGreaterThan(0);

      const l = ledger(station);
      expect(l.numbers).toEqual(oneTo(2000));
      expect(l.next).toBe(2001);
      expect(l).toMatchObject({ receiptsWithoutOneItem: 0, receiptsWithoutPaidLine: 0, paidLinesWithoutReceipt: 0, feeUpdates: 2000 });
      const officers = station.db.prepare('SELECT officer_id AS o, count(*) AS n FROM receipts GROUP BY officer_id ORDER BY o').all();
      expect(officers).toEqual([0, 1, 2, 3].map((w) => ({ o: `officer-${w}`, n: 500 })));
    } finally {
      for (const w of workers) w.kill();
    }
  }, 180_000);

  it('a station killed while taking payments, again and again, leaves receipts 1…N with no gap and loses none it acknowledged', async () => {
    const station = openTestStation();
    await feesClient(station).assign({ first: 1, last: 5000 });
    const codes = await receivedDossiers(station, 6 * 60);
    await station.close(); // the killed processes own the file now
    const acknowledged: number[] = [];
    for (let run = 0; run < 6; run++) {
      const w = startWorker(station.dir, run, codes.slice(run * 60, (run + 1) * 60));
      await w.ready;
      w.go();
      // Kill it somewhere between its 5th and its 40th receipt: often in the middle of a transaction.
      await w.reported(5 + Math.floor(Math.random() * 35));
      w.kill();
      await w.done;
      acknowledged.push(...w.numbers);
    }
    const reopened = openTestStation({ dir: station.dir, clock: station.clock });
    const l = ledger(reopened);
    const n = l.numbers.length;
    expect(n).toBeGreaterThanOrEqual(acknowledged.length);
    expect(l.numbers).toEqual(oneTo(n));
    expect(l.next).toBe(n + 1);
    expect(acknowledged.filter((a) => !l.numbers.includes(a))).toEqual([]);
    expect(l).toMatchObject({ receiptsWithoutOneItem: 0, receiptsWithoutPaidLine: 0, paidLinesWithoutReceipt: 0, feeUpdates: n });
    // The station goes on from there.
    const f = feesClient(reopened);
    const { receipt } = await f.payNow(codes[codes.length - 1]!, [{ feeName: 'Phí chứng thực bản sao từ bản chính' }], { amountVnd: 2000 });
    expect(receipt?.number).toBe(n + 1);
  }, 180_000);
});

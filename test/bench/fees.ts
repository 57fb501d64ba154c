// Fees and receipts.
//
// - Receipt numbering under contention: 4 station processes on one data folder, each taking 500
//   payments at once through the real fees.record handler (test/fees/workers/issue-receipts.ts);
//   time from "go" to the last commit, receipts per second, and the check that the numbers are
//   1–2000 without a gap.
// - Receipt commit: fees.record with a payment (fee lines, next number, receipt, items, portal
//   update in one BEGIN IMMEDIATE transaction, synchronous=FULL) through the contract dispatcher,
//   median and p99, beside a bare single-row autocommit INSERT on the same disk.
// - Receipt PDF: the first render (fonts loading) and warm renders of a two-copy A5 receipt.
//
// Run alone: npx tsx -e "import('./test/bench/fees.ts').then(async (m) => console.log(JSON.stringify(await m.benchFees(), null, 2)))"

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Officer } from '../../main/contract/dispatch';
import { renderReceipt, type ReceiptFormData } from '../../main/fees/receipt-form';
import { openStation, type Station } from '../../main/station';
import { applyPragmas, writeTransaction } from '../../main/storage/database';
import { draftFor } from '../helpers/drafts';
import { idNumberFor, mobileFor } from '../helpers/people';
import { median, ms, now, progress, summarize, type Summary } from './stats';
import { sessionOf } from '../helpers/station';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const WORKER = fileURLToPath(new URL('../fees/workers/issue-receipts.ts', import.meta.url));
/** Monday 23/11/2026, 09:32 in Vietnam (the tests' clock). */
const CLOCK = new Date('2026-11-23T02:32:00Z');
const FEE = 'Phí chứng thực bản sao từ bản chính';
const OFFICER: Officer = { id: 'bench', name: 'Cán bộ thu', roles: ['reception', 'technician'] };

export type FeesFigures = {
  numbering: { processes: number; receiptsEach: number; elapsedMs: number; receiptsPerSecond: number; distinct: number; gapless: boolean; target: string; met: boolean };
  receiptCommit: { handler: Summary; bareInsert: Summary; ratio: number; target: string; met: boolean };
  receiptPdf: { coldFirstRenderMs: number; warm: Summary; bytes: number; pages: number; target: string; met: boolean };
};

async function call<T>(station: Station, channel: string, payload: unknown): Promise<T> {
  const a = await station.dispatch(channel, payload, sessionOf(station, OFFICER));
  if (!a.ok) throw new Error(`${channel}: ${JSON.stringify(a.error)}`);
  return a.value as T;
}

/** A station on a temp folder with a book of 1–9,999,999 and `count` dossiers received in one transaction. */
async function preparedStation(dir: string, count: number): Promise<{ station: Station; codes: string[] }> {
  const station = openStation({ dataDir: dir, host: 'web', version: 'bench', now: () => CLOCK });
  await call(station, 'settings.update', { station: { codeFormat: 'G09.20-{yyyy}{MM}{dd}-{seq:7}' } });
  await call(station, 'receiptBooks.assign', { formNumber: '01BLP', series: 'AA/26P', first: 1, last: 9_999_999 });
  const procedure = await station.handlers['catalogue.get']({ code: '2.000815' });
  const codes: string[] = [];
  writeTransaction(station.db, () => {
    for (let i = 0; i < count; i++) {
      const draft = draftFor(procedure, { owner: { fullName: `Người Nộp ${i}`, idNumber: idNumberFor('1990-05-17', 'male', { serial: i }), phone: mobileFor(i) } });
      codes.push((station.handlers['dossier.save'](draft) as { code: string }).code);
    }
  });
  return { station, codes };
}

async function benchNumbering(processes: number, each: number): Promise<FeesFigures['numbering']> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-fees-numbering-'));
  try {
    const { station, codes } = await preparedStation(dir, processes * each);
    await station.close();
    const children = Array.from({ length: processes }, (_, w) => {
      const file = join(dir, `codes-${w}.json`);
      writeFileSync(file, JSON.stringify(codes.slice(w * each, (w + 1) * each)));
      const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dir, String(w), file], { cwd: REPO, stdio: ['pipe', 'pipe', 'inherit'] });
      const numbers: number[] = [];
      let onReady!: () => void;
      const ready = new Promise<void>((r) => { onReady = r; });
      const done = new Promise<void>((resolve, reject) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          if (line === 'ready') onReady();
          else if (line === 'done') resolve();
          else if (line.startsWith('n ')) numbers.push(Number(line.slice(2)));
        });
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${w} exited with ${code}`))));
      });
      return { child, numbers, ready, done };
    });
    await Promise.all(children.map((c) => c.ready));
    const started = now();
    for (const c of children) c.child.stdin.write('go\n');
    await Promise.all(children.map((c) => c.done));
    const elapsed = now() - started;
    const all = children.flatMap((c) => c.numbers).sort((a, b) => a - b);
    const gapless = all.length === processes * each && all.every((n, i) => n === i + 1);
    const target = `${processes * each} receipts from ${processes} processes in < 60 s, 1–${processes * each} without a gap`;
    return {
      processes, receiptsEach: each, elapsedMs: ms(elapsed), receiptsPerSecond: Math.round((all.length / elapsed) * 1000),
      distinct: new Set(all).size, gapless, target, met: gapless && elapsed < 60_000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchCommit(warmup: number, timed: number): Promise<FeesFigures['receiptCommit']> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-fees-commit-'));
  const bare = new Database(join(dir, 'bare.sqlite3'));
  try {
    applyPragmas(bare);
    bare.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b INTEGER NOT NULL) STRICT');
    const insert = bare.prepare('INSERT INTO t (a, b) VALUES (?, ?)');
    const { station, codes } = await preparedStation(join(dir, 'station'), warmup + timed);
    const handler: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < warmup + timed; i++) {
      const payload = { code: codes[i], lines: [{ feeName: FEE, quantity: 1 + (i % 5) }], payment: { paymentKey: randomUUID(), method: 'cash', amountVnd: 2000 * (1 + (i % 5)) } };
      let t = now();
      await call(station, 'fees.record', payload);
      const a = now() - t;
      t = now();
      insert.run(`receipt ${i}`, i);
      const b = now() - t;
      if (i >= warmup) { handler.push(a); baseline.push(b); }
    }
    await station.close();
    const h = summarize(handler);
    const ratio = Math.round((median(handler) / median(baseline)) * 100) / 100;
    // Against a bare insert on the same disk, interleaved: what the disk does to both is shared (as the intake bench).
    return { handler: h, bareInsert: summarize(baseline), ratio, target: 'receipt commit median ≤ 3 × a bare single-row insert', met: ratio <= 3 };
  } finally {
    bare.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPdf(warmup: number, timed: number): Promise<FeesFigures['receiptPdf']> {
  const data: ReceiptFormData = {
    agency: { parentName: 'UBND TỈNH BẮC NINH', name: 'UBND XÃ TIÊN DU', unitName: 'Bộ phận Một cửa', placeName: 'Tiên Du' },
    taxCode: '2300123456', formNumber: '01BLP', series: 'AA/26P', number: 123, kind: 'paper', copies: ['Lưu', 'Giao cho người nộp tiền'], paper: 'A5',
    payerName: 'Nguyễn Thị Hồng Nhung', payerAddress: 'Số 12, thôn Đông Khê, xã Tiên Du, tỉnh Bắc Ninh', dossierCode: '000.00.06.H56-261123-0001',
    procedureName: 'Chứng thực bản sao từ bản chính', items: [{ feeName: FEE, quantity: 12, unitAmountVnd: 2000, grossVnd: 24_000, exemptVnd: 0, amountVnd: 24_000, exemption: '' }],
    amountVnd: 24_000, amountInWords: 'Hai mươi tư nghìn đồng', method: 'cash', transferRef: '', issuedAt: '2026-11-23T09:32', officerName: 'Trần Thị Thu',
    void: null, lookupCode: null, demo: false,
  };
  let t = now();
  const first = await renderReceipt(data);
  const cold = now() - t;
  const samples: number[] = [];
  for (let i = 0; i < warmup + timed; i++) {
    t = now();
    await renderReceipt({ ...data, number: 124 + i, payerName: `Người Nộp Tiền ${i}` });
    if (i >= warmup) samples.push(now() - t);
  }
  const warm = summarize(samples);
  const pages = (first.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  return { coldFirstRenderMs: ms(cold), warm, bytes: first.length, pages, target: 'warm two-copy receipt median < 150 ms', met: warm.median < 150 };
}

export async function benchFees(options: { processes?: number; each?: number; commits?: number; pdfs?: number } = {}): Promise<FeesFigures> {
  progress('fees: receipt PDF render…');
  const receiptPdf = await benchPdf(5, options.pdfs ?? 40);
  progress('fees: receipt commit…');
  const receiptCommit = await benchCommit(30, options.commits ?? 300);
  progress('fees: 4 processes × 500 receipts…');
  const numbering = await benchNumbering(options.processes ?? 4, options.each ?? 500);
  return { numbering, receiptCommit, receiptPdf };
}

#!/usr/bin/env node
// A stand-in for `scanimage` around SANE's test backend, for what that backend cannot do:
//   FAKE_SCANIMAGE=duplex     advertises "ADF Front|ADF Duplex" (names of real duplex scanners);
//                             a duplex job gives Grid fronts and blank backs, 2 pages per sheet
//   FAKE_SCANIMAGE=vanish     the feeder gives 3 pages, then the device stops answering (I/O error)
//   FAKE_SCANIMAGE=truncated  page 2 is cut short
//   FAKE_SCANIMAGE=pdf        pages are PDF files
// Everything else goes to the real scanimage unchanged.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REAL = process.env.REAL_SCANIMAGE ?? 'scanimage';
const mode = process.env.FAKE_SCANIMAGE ?? '';
const args = process.argv.slice(2);
const real = (a, opts = {}) => spawnSync(REAL, a, { encoding: 'buffer', ...opts });
const valueOf = (flag) => { const i = args.indexOf(flag); return i >= 0 ? args[i + 1] : undefined; };
const replaceValue = (a, flag, value) => a.map((x, i) => (a[i - 1] === flag ? value : x));
const batchArg = args.find((a) => a.startsWith('--batch='));

if (args.includes('-A')) {
  const out = real(args);
  let text = out.stdout.toString();
  if (mode === 'duplex') text = text.replace('--source Flatbed|Automatic Document Feeder [Flatbed]', '--source Flatbed|ADF Front|ADF Duplex [Flatbed]');
  process.stdout.write(text);
  process.stderr.write(out.stderr);
  process.exit(out.status ?? 1);
}
if (!batchArg) {
  const out = real(args, { stdio: 'inherit' });
  process.exit(out.status ?? 1);
}

const pattern = batchArg.slice('--batch='.length);
const name = (n) => pattern.replace(/%0?(\d*)d/, (_, w) => String(n).padStart(Number(w || 0), '0'));
const source = valueOf('--source');
let a = args.filter((x) => x !== '--batch-print' && !x.startsWith('--batch='));
if (source === 'ADF Front' || source === 'ADF Duplex') a = replaceValue(a, '--source', 'Automatic Document Feeder');
const tmp = mkdtempSync(join(tmpdir(), 'fake-scanimage-'));
// Cancelled (the driver sends SIGINT): leave no temporary folder behind.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { rmSync(tmp, { recursive: true, force: true }); process.exit(130); });
const scanInto = (prefix, extra) => {
  real([...a, ...extra, `--batch=${join(tmp, `${prefix}%04d.pnm`)}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  return readdirSync(tmp).filter((f) => f.startsWith(prefix)).sort().map((f) => join(tmp, f));
};
let pages = [];
let exit = 0;
let error = 'scanimage: sane_start: Document feeder out of documents\n';
if (mode === 'duplex' && source === 'ADF Duplex') {
  const count = Number((a.find((x) => x.startsWith('--batch-count=')) ?? '--batch-count=10').split('=')[1]);
  const sheets = Math.ceil(Math.min(count, 10) / 2);
  const fronts = scanInto('f', ['--test-picture', 'Grid', `--batch-count=${sheets}`]);
  const backs = scanInto('b', ['--test-picture', 'Solid white', `--batch-count=${sheets}`]);
  pages = fronts.flatMap((f, i) => [f, backs[i]]).slice(0, count);
} else if (mode === 'vanish') {
  pages = scanInto('p', ['--batch-count=3']);
  exit = 9;
  error = 'scanimage: sane_read: Error during device I/O\n';
} else {
  pages = scanInto('p', []);
}
pages.forEach((file, i) => {
  const target = name(i + 1);
  if (mode === 'truncated' && i === 1) writeFileSync(file, readFileSync(file).subarray(0, 1000));
  if (mode === 'pdf') writeFileSync(file, '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n');
  renameSync(file, target);
  process.stdout.write(`${target}\n`);
  process.stderr.write(`Scanned page ${i + 1}. (scanner status = 5)\n`);
});
rmSync(tmp, { recursive: true, force: true });
process.stderr.write(error);
process.exit(exit);

// A station process on a shared data folder, for the receipt-numbering tests: it opens the
// station, says "ready", waits for "go" on stdin, then takes payment for each dossier of its
// list through the real fees.record handler (fees and payment in one transaction) and prints each
// receipt number as soon as its transaction committed ("n <number>"), then "done".
// Run: node --import tsx test/fees/workers/issue-receipts.ts <dataDir> <worker> <codes.json>
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { openStation } from '../../../main/station';

const [dataDir, workerArg, codesFile] = process.argv.slice(2);
if (!dataDir || !workerArg || !codesFile) throw new Error('usage: issue-receipts <dataDir> <worker> <codes.json>');
const worker = Number(workerArg);
const codes = JSON.parse(readFileSync(codesFile, 'utf8')) as string[];

// Same fixed clock as the tests.
const station = openStation({ dataDir, host: 'web', version: 'test', now: () => new Date('2026-11-23T02:32:00Z') });
const officer = { id: `officer-${worker}`, name: `Cán bộ thu ${worker}`, roles: ['reception' as const] };

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) {
  if (line.trim() !== 'go') continue;
  for (const code of codes) {
    const { receipt } = await station.handlers['fees.record']({
      code,
      lines: [{ feeName: 'Phí chứng thực bản sao từ bản chính', quantity: 1, exemption: null }],
      payment: { paymentKey: randomUUID(), method: 'cash', amountVnd: 2000 },
    }, { officer });
    process.stdout.write(`n ${receipt!.number}\n`);
  }
  process.stdout.write('done\n');
  break;
}
lines.close();
await station.close();

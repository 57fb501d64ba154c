// A second station process on the same data folder, for the concurrency test: it opens the
// station, says "ready", waits for "go" on stdin, then saves `count` dossiers through the
// real dossier.save handler and prints the codes it got as one JSON line.
// Run: node --import tsx test/storage/workers/save-dossiers.ts <dataDir> <worker> <count>
import { createInterface } from 'node:readline';
import { openStation } from '../../../main/station';
import { BIRTH_REGISTRATION, draftFor } from '../../helpers/drafts';
import { idNumberFor, mobileFor } from '../../helpers/people';
import { TEST_OFFICER } from '../../helpers/station';

const [dataDir, workerArg, countArg] = process.argv.slice(2);
if (!dataDir || !workerArg || !countArg) throw new Error('usage: save-dossiers <dataDir> <worker> <count>');
const worker = Number(workerArg);
const count = Number(countArg);

// Same fixed clock as the tests: all workers mint numbers for the same day.
const station = openStation({ callsWithoutSession: TEST_OFFICER, dataDir, host: 'web', version: 'test', now: () => new Date('2026-11-23T02:32:00Z') });
const procedure = station.handlers['catalogue.get']({ code: BIRTH_REGISTRATION });

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) {
  if (line.trim() !== 'go') continue;
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = worker * 1000 + i;
    const draft = draftFor(await procedure, {
      owner: { fullName: `Người Thử ${worker} ${i}`, idNumber: idNumberFor('1990-05-17', 'male', { serial: n }), phone: mobileFor(n) },
    });
    const saved = await station.handlers['dossier.save'](draft);
    codes.push(saved.code);
  }
  process.stdout.write(`${JSON.stringify({ worker, codes })}\n`);
  break;
}
lines.close();
station.close();

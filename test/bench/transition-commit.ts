// Only section 1 of the lifecycle benchmark (a transition's commit against a bare insert, in the
// same run), without generating the million dossiers of sections 2–5:
//   npx tsx test/bench/transition-commit.ts [commits=300] [runs=1]
// Each run is a fresh station; the ratio is only meaningful within one run (same machine load).

import { benchCommit } from './lifecycle';

const commits = Number(process.argv[2] ?? 300);
const runs = Number(process.argv[3] ?? 1);
for (let i = 0; i < runs; i++) {
  const f = await benchCommit(30, commits);
  process.stdout.write(`${JSON.stringify({ run: i + 1, handlerMedian: f.handler.median, handlerP99: f.handler.p99, bareMedian: f.bareInsert.median, bareP99: f.bareInsert.p99, ratio: f.ratio, handoverMedian: f.returnWithHandoverNote.median, met: f.met })}\n`);
}

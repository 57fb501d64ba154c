// Child process of the web-host benchmark: where the time from `node --import tsx` to the first
// answered request goes. Run: node --import tsx test/bench/web-probe.ts <dataDir> <rendererDir>
// Prints one JSON line of milliseconds; performance.now() counts from the process start.

import { performance } from 'node:perf_hooks';

const bootMs = performance.now(); // node start + tsx loader registration + this file transpiled
const [dataDir, rendererDir] = process.argv.slice(2);
if (!dataDir || !rendererDir) throw new Error('usage: web-probe <dataDir> <rendererDir>');

const step = async (load: () => Promise<unknown>) => {
  const t = performance.now();
  await load();
  return Math.round((performance.now() - t) * 10) / 10;
};

// Third-party modules first (plain JS, no transpile), then the project's own TypeScript.
const imports = {
  betterSqlite3: await step(() => import('better-sqlite3')),
  zod: await step(() => import('zod')),
  pdfmake: await step(() => import('pdfmake')),
  projectModulesViaTsx: 0,
};
let webHost: typeof import('../../main/hosts/web/web-host') | undefined;
imports.projectModulesViaTsx = await step(async () => { webHost = await import('../../main/hosts/web/web-host'); });

const token = 'bench-probe-token-0123456789';
let host: Awaited<ReturnType<NonNullable<typeof webHost>['startWebHost']>> | undefined;
const startWebHostMs = await step(async () => {
  host = await webHost!.startWebHost({ port: 0, dataDir, rendererDir, version: 'bench', token });
});
const firstRequestMs = await step(async () => {
  const res = await fetch(`${host!.url}api/app.info`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{}' });
  if (res.status !== 200) throw new Error(`app.info answered ${res.status}`);
  await res.json();
});
const totalMs = Math.round(performance.now() * 10) / 10;
await host!.close();
process.stdout.write(`${JSON.stringify({ bootMs: Math.round(bootMs * 10) / 10, imports, startWebHostMs, firstRequestMs, totalMs })}\n`);

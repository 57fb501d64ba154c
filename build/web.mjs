// `npm run web -- --port P --data DIR [--demo-portal]`: the browser host.
// Builds what is missing or out of date — the renderer bundle (vite) and the host bundle
// (esbuild, dist/web/web-cli.cjs, the same way as the Electron build) — then runs the host in
// this process. Nothing is compiled at run time: the host starts from plain JavaScript.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { build, buildPkcs11Worker, common } from './bundle.mjs';

const root = resolve(import.meta.dirname, '..');
process.chdir(root);

/** The newest modification time under the given folders (0 when none exists). */
function newest(dirs) {
  let latest = 0;
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else latest = Math.max(latest, statSync(path).mtimeMs);
    }
  };
  dirs.forEach(walk);
  return latest;
}

const builtAt = (file) => (existsSync(file) ? statSync(file).mtimeMs : -1);

const require = createRequire(import.meta.url);

// The renderer imports the contract and the core besides its own folder. A rebuild goes to a
// folder of its own and then takes the place of the old one, so that a host already serving
// dist/renderer (another test, another window) never sees it half written.
const rendererDir = 'dist/renderer';
if (builtAt(join(rendererDir, 'index.html')) < newest(['renderer', 'main/contract', 'main/core'])) {
  console.error('Đang dựng giao diện (vite build)… / Building the renderer…');
  const vitePkg = require.resolve('vite/package.json');
  const viteBin = join(dirname(vitePkg), JSON.parse(readFileSync(vitePkg, 'utf8')).bin.vite);
  const next = `${rendererDir}.next-${process.pid}`;
  const vite = spawnSync(process.execPath, [viteBin, 'build', '--config', 'renderer/vite.config.ts', '--outDir', resolve(next), '--emptyOutDir', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (vite.status !== 0) process.exit(vite.status ?? 1);
  const old = `${rendererDir}.old-${process.pid}`;
  if (existsSync(rendererDir)) renameSync(rendererDir, old);
  renameSync(next, rendererDir);
  rmSync(old, { recursive: true, force: true });
}

const hostBundle = 'dist/web/web-cli.cjs';
if (builtAt(hostBundle) < newest(['main', 'hardware', 'build'])) {
  await build({ ...common, entryPoints: { 'web-cli': 'main/hosts/web/web-cli.ts' }, outdir: 'dist/web', packages: 'external' });
  await buildPkcs11Worker('dist/web');
}

// `--build-only`: build what is out of date and stop (benchmarks time the bundle itself).
if (process.argv.includes('--build-only')) process.exit(0);
require(resolve(hostBundle));

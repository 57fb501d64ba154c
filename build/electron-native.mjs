// Builds better-sqlite3 for Electron's ABI into .electron-native/better_sqlite3.node, leaving the
// Node build in node_modules untouched: `npm test` (Node) and `npm start` (Electron) share one
// checkout. The Electron host loads this file through better-sqlite3's `nativeBinding` option;
// electron-builder ships it as an extra resource (see electron-builder.yml).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const sqliteDir = require.resolve('better-sqlite3/package.json').replace(/package\.json$/, '');
const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
const outDir = '.electron-native';
const stamp = join(outDir, 'stamp.json');
const wanted = JSON.stringify({ electronVersion, sqliteVersion, arch: process.arch });

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted && existsSync(join(outDir, 'better_sqlite3.node'))) process.exit(0);

console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.arch})…`);
const work = join(outDir, 'better-sqlite3');
rmSync(work, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.includes(`${sqliteDir}build`) });
// A machine-wide npm `nodedir` would point node-gyp at Node's headers instead of Electron's.
const env = { ...process.env };
for (const key of Object.keys(env)) if (/^npm_config_nodedir$/i.test(key)) delete env[key];
const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js', { paths: [process.execPath.replace(/bin\/node$/, 'lib/node_modules/npm'), process.cwd()] });
const r = spawnSync(
  process.execPath,
  [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'],
  { cwd: work, stdio: 'inherit', env },
);
if (r.status !== 0) {
  console.error('Could not build better-sqlite3 for Electron (node-gyp needs the network for Electron headers the first time).');
  process.exit(r.status ?? 1);
}
cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), join(outDir, 'better_sqlite3.node'));
writeFileSync(stamp, wanted);
rmSync(work, { recursive: true, force: true });

// Builds the station's SQLite binding (better-sqlite3-multiple-ciphers: the encrypted database of
// main/storage/encryption.ts) for Electron's ABI into .electron-native/, leaving the Node build in
// node_modules untouched: `npm test` (Node) and `npm start` (Electron) share one checkout. The
// binding is not N-API, so one build cannot serve both. The Electron host loads this file through
// the `nativeBinding` option; electron-builder ships it as an extra resource (electron-builder.yml).
// Plain better-sqlite3 only serves the simulators and tests, which never run in Electron.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const PACKAGE = 'better-sqlite3-multiple-ciphers';
const BINDING_FILE = 'better_sqlite3_multiple_ciphers.node';
const sqliteDir = require.resolve(`${PACKAGE}/package.json`).replace(/package\.json$/, '');
const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
const outDir = '.electron-native';
const stamp = join(outDir, 'stamp.json');
const wanted = JSON.stringify({ package: PACKAGE, electronVersion, sqliteVersion, arch: process.arch });

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted && existsSync(join(outDir, BINDING_FILE))) process.exit(0);

console.log(`Building ${PACKAGE} ${sqliteVersion} for Electron ${electronVersion} (${process.arch})…`);
const work = join(outDir, PACKAGE);
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
  console.error(`Could not build ${PACKAGE} for Electron (node-gyp needs the network for Electron headers the first time).`);
  process.exit(r.status ?? 1);
}
cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), join(outDir, BINDING_FILE));
writeFileSync(stamp, wanted);
rmSync(work, { recursive: true, force: true });

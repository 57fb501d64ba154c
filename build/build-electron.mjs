// Bundles the Electron main process and the preload into dist/electron (CommonJS, as Electron
// loads them). Native and font-carrying packages stay external: they load from node_modules.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: true, logLevel: 'warning' };
await build({
  ...common,
  entryPoints: { main: 'main/hosts/electron/main.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: 'dist/electron',
  external: ['electron', 'better-sqlite3', 'pdfmake'],
});
// A sandboxed preload may require only 'electron': everything else is bundled in.
await build({
  ...common,
  entryPoints: { preload: 'preload/index.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: 'dist/electron',
  external: ['electron'],
});
console.log('dist/electron: main.cjs, preload.cjs');

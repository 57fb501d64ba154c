// Bundles the Electron main process and the preload into dist/electron (CommonJS, as Electron
// loads them). Native and font-carrying packages stay external: they load from node_modules.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: true, logLevel: 'warning' };
await build({
  ...common,
  entryPoints: { main: 'main/hosts/electron/main.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: 'dist/electron',
  external: ['electron', 'better-sqlite3', 'pdfmake', 'usb', 'sharp', 'pkcs11js', 'multicast-dns'],
  // The core is ESM and uses import.meta.url to find its files; give the CJS bundle a real one.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// The PKCS#11 worker thread (hardware/tokens), started by main.cjs from this same folder.
await build({
  ...common,
  entryPoints: { 'pkcs11-worker': 'hardware/tokens/pkcs11-worker.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: 'dist/electron',
  external: ['pkcs11js'],
});
// A sandboxed preload may require only 'electron': everything else is bundled in.
await build({
  ...common,
  entryPoints: { preload: 'preload/index.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: 'dist/electron',
  external: ['electron'],
  minify: true,
});
console.log('dist/electron: main.cjs, pkcs11-worker.cjs, preload.cjs');

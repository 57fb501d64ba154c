// Bundles the Electron main process and the preload into dist/electron (CommonJS, as Electron
// loads them). Native and font-carrying packages stay external: they load from node_modules.
import { build, buildPkcs11Worker, common } from './bundle.mjs';

await build({
  ...common,
  entryPoints: { main: 'main/hosts/electron/main.ts' },
  outdir: 'dist/electron',
  external: ['electron', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', 'argon2', 'pdfmake', 'usb', 'sharp', 'pkcs11js', 'multicast-dns'],
});
// The PKCS#11 worker thread, started by main.cjs from this same folder.
await buildPkcs11Worker('dist/electron');
// A sandboxed preload may require only 'electron': everything else is bundled in.
await build({
  ...common,
  define: {},
  banner: {},
  // preload-display: the citizen's screen gets a bridge of its own that reaches only its channels.
  entryPoints: { preload: 'preload/index.ts', 'preload-display': 'preload/display.ts' },
  outdir: 'dist/electron',
  external: ['electron'],
  minify: true,
});
console.log('dist/electron: main.cjs, pkcs11-worker.cjs, preload.cjs, preload-display.cjs');

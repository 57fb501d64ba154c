// What the Electron build and the browser host's build share: esbuild bundles of the station for
// Node, in CommonJS (the form Electron's main process and `node file.cjs` both load directly),
// with the native and font-carrying packages left to load from node_modules.
import { build } from 'esbuild';

export const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  outExtension: { '.js': '.cjs' },
  // The core is ESM and uses import.meta.url to find its files; give the CJS bundle a real one.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

/** The PKCS#11 worker thread (hardware/tokens), which the token service starts from its own folder. */
export function buildPkcs11Worker(outdir) {
  return build({ ...common, entryPoints: { 'pkcs11-worker': 'hardware/tokens/pkcs11-worker.ts' }, outdir, external: ['pkcs11js'] });
}

export { build };

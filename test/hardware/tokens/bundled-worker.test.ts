import { afterAll, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createVerify } from 'node:crypto';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { OFFICER_PIN, SOFTHSM_MODULE, softHsmRig } from './softhsm-rig';
import { FIXED_NOW } from '../../helpers/station';

// The desktop app runs the token layer from esbuild's CommonJS bundle (build/build-electron.mjs),
// the worker a file of its own next to main.cjs. The same build options here, in a temporary
// folder, run by plain Node (no TypeScript loader anywhere).

const rig = softHsmRig({ now: FIXED_NOW });
afterAll(() => rig.remove());

it('finds the token, logs in and signs from the bundle, the worker loaded from pkcs11-worker.cjs', async () => {
  rig.createToken('Token Đóng Gói');
  const identity = rig.ca.issue({ subject: '/C=VN/CN=Đỗ Thị Gói' });
  rig.load('Token Đóng Gói', identity);
  const out = join(rig.dir, 'bundle');
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', logLevel: 'silent', outExtension: { '.js': '.cjs' }, outdir: out } as const;
  await build({
    ...common,
    entryPoints: { main: 'test/hardware/tokens/bundled-entry.ts' },
    external: ['usb'],
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  await build({ ...common, entryPoints: { 'pkcs11-worker': 'hardware/tokens/pkcs11-worker.ts' }, external: ['pkcs11js'] });
  const stdout = execFileSync(process.execPath, [join(out, 'main.cjs'), SOFTHSM_MODULE, OFFICER_PIN, identity.id], {
    encoding: 'utf8',
    env: { ...rig.env, NODE_PATH: resolve('node_modules') }, // the external native modules, as Electron finds them in the app
    timeout: 20_000,
  });
  const answer = JSON.parse(stdout) as { label: string; signature: string };
  expect(answer.label).toBe('Token Đóng Gói');
  expect(createVerify('sha256').update('bundled').verify(identity.certPem, Buffer.from(answer.signature, 'base64'))).toBe(true);
});

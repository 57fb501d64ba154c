import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// electron-builder's own loader and schema check (app-builder-lib ships with electron-builder):
// the configuration is read exactly as `npm run dist` reads it, and an unknown key fails.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'electron-builder';
import { tempDir } from './helpers/station';

const ROOT = resolve(import.meta.dirname, '..');

async function load(dir: string): Promise<Configuration> {
  const config = await getConfig(dir, 'electron-builder.yml', null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('the packaged station is hardened (electron-builder.yml)', () => {
  it('flips every fuse that turns the signed executable back into a general runtime', async () => {
    const config = await load(ROOT);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('packs the app into an ASAR archive with its integrity hash', async () => {
    const config = await load(ROOT);
    expect(config.asar).toBe(true);
    expect(config.disableAsarIntegrity).toBe(false);
    // Native modules load from real files, outside the archive.
    for (const m of ['better-sqlite3', 'better-sqlite3-multiple-ciphers', 'argon2']) expect(config.asarUnpack).toContain(`node_modules/${m}/**`);
  });

  it('refuses to ship an unsigned Windows build and checks updates are signed by the same publisher', async () => {
    const config = await load(ROOT);
    expect(config.win?.forceCodeSigning).toBe(true);
    expect(config.win?.verifyUpdateCodeSignature).toBe(true);
    expect(config.win?.signExts).toContain('.node');
    expect(config.win?.signtoolOptions?.signingHashAlgorithms).toEqual(['sha256']);
    expect(config.win?.signtoolOptions?.rfc3161TimeStampServer).toMatch(/^https?:\/\//);
    // No certificate or password in the repository: they come from the build machine's environment.
    const text = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
    expect(text).not.toMatch(/^\s*(certificateFile|certificatePassword|cscLink|cscKeyPassword)\s*:/m);
  });

  it('is checked against the schema: a misspelt fuse does not pass silently', async () => {
    const dir = tempDir();
    copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    const text = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
    writeFileSync(join(dir, 'electron-builder.yml'), text.replace('  runAsNode: false', '  runAsNodee: false'));
    await expect(load(dir)).rejects.toThrow(/Invalid configuration object[\s\S]*configuration\.electronFuses/);
  });
});

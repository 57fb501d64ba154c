import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// SANE's test backend is installed but not enabled in Debian's /etc/sane.d/dll.conf, so
// `scanimage -L` does not list it (`-d test` works regardless). Tests point SANE_CONFIG_DIR at a
// folder enabling only the test backend: listing is then fast and shows test:0 and test:1.

/** Writes the SANE configuration into `dir`/sane.d and sets SANE_CONFIG_DIR; answers the undo. */
export function saneTestConfig(dir: string): () => void {
  const config = join(dir, 'sane.d');
  mkdirSync(config, { recursive: true });
  writeFileSync(join(config, 'dll.conf'), 'test\n');
  if (existsSync('/etc/sane.d/test.conf')) copyFileSync('/etc/sane.d/test.conf', join(config, 'test.conf'));
  const before = process.env.SANE_CONFIG_DIR;
  process.env.SANE_CONFIG_DIR = config;
  return () => {
    if (before === undefined) delete process.env.SANE_CONFIG_DIR;
    else process.env.SANE_CONFIG_DIR = before;
  };
}

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Keeps the portal credentials out of the database in plain text. The Electron host seals with
 * the OS keychain (safeStorage); elsewhere (the browser host, tests) a key file in the data
 * folder, readable by its owner only, seals them with AES-256-GCM.
 */
export interface SecretVault {
  seal(plain: string): string;
  open(sealed: string): string;
}

export function keyFileVault(dataDir: string): SecretVault {
  const file = join(dataDir, 'portal-secret.key');
  const key = () => {
    if (!existsSync(file)) {
      writeFileSync(file, randomBytes(32), { mode: 0o600 });
      chmodSync(file, 0o600);
    }
    return readFileSync(file);
  };
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key(), iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
    },
    open(sealed) {
      const raw = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key(), raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

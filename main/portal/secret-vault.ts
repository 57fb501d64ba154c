import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Keeps the portal credentials sealed inside the (already encrypted) database, under a key of
 * their own: derived from the database key, which the OS keychain seals — so the secret is never
 * more exposed than the citizens' data, and no key file lies beside it.
 */
export interface SecretVault {
  seal(plain: string): string;
  open(sealed: string): string;
}

/** The station's vault: AES-256-GCM under a key derived (HKDF) from the database key. */
export function databaseKeyVault(databaseKey: Uint8Array): SecretVault {
  const key = Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), 'mot-cua-station/portal-secret', 32));
  return aesGcmVault(() => key);
}

function aesGcmVault(key: () => Buffer): SecretVault {
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

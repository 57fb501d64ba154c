import { z } from 'zod';
import type { Db } from '../storage/database';
import { readSetting, writeSetting } from '../storage/settings-store';

// The signing feature's settings document (key "signing"): whether the agency signs its slips,
// the PKCS#11 modules the technician added or switched off, the roots trusted for
// verification and the certificate last used. No PIN is ever stored.

export const SIGNING_SETTINGS_KEY = 'signing';

export const signingSettings = z.object({
  enabled: z.boolean(),
  modulePaths: z.array(z.string().min(1).max(500)).max(20),
  disabledModules: z.array(z.string().max(60)).max(30),
  trustedRoots: z.array(z.string().max(20_000)).max(30),
  preferredCertificate: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
});

export type SigningSettings = z.infer<typeof signingSettings>;

export const defaultSigningSettings: SigningSettings = {
  enabled: false,
  modulePaths: [],
  disabledModules: [],
  trustedRoots: [],
  preferredCertificate: null,
};

export function readSigningSettings(db: Db): SigningSettings {
  return readSetting(db, SIGNING_SETTINGS_KEY, signingSettings, defaultSigningSettings);
}

export function writeSigningSettings(db: Db, value: SigningSettings): SigningSettings {
  return writeSetting(db, SIGNING_SETTINGS_KEY, signingSettings, value);
}

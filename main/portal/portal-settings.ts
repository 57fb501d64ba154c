import { z } from 'zod';
import type { Db } from '../storage/database';
import { readSetting, writeSetting } from '../storage/settings-store';
import type { SecretVault } from './secret-vault';

// Where the portal is and how to log in. The station's default points nowhere: the technician
// sets it (or the demo mode points it at a local simulator). The secret is stored sealed.

export const portalSettingsSchema = z.object({
  url: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
  clientId: z.string().max(200),
  sealedSecret: z.string().max(2000),
  /** Numbers to lease at a time, and the stock below which more are leased. */
  leaseSize: z.number().int().min(5).max(1000),
  leaseLowWater: z.number().int().min(1).max(500),
});
export type PortalSettings = z.infer<typeof portalSettingsSchema>;

export const defaultPortalSettings: PortalSettings = { url: '', clientId: '', sealedSecret: '', leaseSize: 50, leaseLowWater: 20 };

const KEY = 'portal';

export function readPortalSettings(db: Db): PortalSettings {
  return readSetting(db, KEY, portalSettingsSchema, defaultPortalSettings);
}

export function writePortalSettings(db: Db, settings: PortalSettings): PortalSettings {
  return writeSetting(db, KEY, portalSettingsSchema, settings);
}

export type PortalCredentials = Readonly<{ url: string; clientId: string; clientSecret: string }>;

export function portalCredentials(settings: PortalSettings, vault: SecretVault): PortalCredentials | null {
  if (!settings.url || !settings.clientId || !settings.sealedSecret) return null;
  try {
    return { url: settings.url, clientId: settings.clientId, clientSecret: vault.open(settings.sealedSecret) };
  } catch {
    return null; // sealed on another machine or by another user: the technician enters it again
  }
}

/** A portal is set up (address, client and a sealed secret): intake then uses leased numbers. */
export function portalIsConfigured(settings: PortalSettings): boolean {
  return settings.url !== '' && settings.clientId !== '' && settings.sealedSecret !== '';
}

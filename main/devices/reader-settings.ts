import { identityReaderSettings, type IdentityReaderSettings } from '../contract/devices-channels';
import type { Db } from '../storage/database';
import { readSetting, writeSetting } from '../storage/settings-store';

// How the identity-card reader is connected: the technician's choice, one settings document.

const KEY = 'identityReader';

export const defaultReaderSettings: IdentityReaderSettings = {
  mode: 'none',
  serial: { path: '', baudRate: 9600, idleMs: null },
  // A wedge types a key every 2–10 ms; a fast typist's keys are 60+ ms apart.
  keyboard: { maxKeyGapMs: 35, minLength: 20 },
};

export function readReaderSettings(db: Db): IdentityReaderSettings {
  return readSetting(db, KEY, identityReaderSettings, defaultReaderSettings);
}

export function writeReaderSettings(db: Db, settings: IdentityReaderSettings): IdentityReaderSettings {
  return writeSetting(db, KEY, identityReaderSettings, settings);
}

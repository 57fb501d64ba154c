import type { Db } from './database';
import { stmt } from './statements';
import type { z } from 'zod';
import { agencyProfile, stationSettings, type AgencyProfile, type StationSettings } from '../contract/schemas';

// Settings are JSON documents under a key, each checked by its schema on the way in and out:
// a hand-edited or older value that no longer fits falls back to the defaults field by field.

export const defaultAgency: AgencyProfile = {
  parentName: 'UBND TỈNH BẮC NINH',
  name: 'UBND XÃ TIÊN DU',
  unitName: 'Bộ phận Một cửa',
  placeName: 'Tiên Du',
  agencyId: '000.00.06.H56',
  resultCounter: 'Bộ phận Một cửa UBND xã Tiên Du',
  demo: true,
};

export const defaultStation: StationSettings = {
  codeFormat: '{agency}-{yy}{MM}{dd}-{seq:4}',
  stationNumber: 1,
  officerName: 'Cán bộ tiếp nhận',
  lookupUrlTemplate: 'https://dichvucong.gov.vn/tra-cuu?ma={code}',
  slipPaper: 'A4',
  slipCopies: 2,
  language: 'vi',
  workingHours: [
    { start: '07:00', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ],
  appointmentRoundingMinutes: 60,
  idleLockMinutes: 10,
};

/**
 * A feature's own settings document (scanner profile, token modules, portal endpoint…), checked
 * by its schema; fields missing or no longer valid fall back to the defaults.
 */
export function readSetting<T extends object>(db: Db, key: string, schema: z.ZodType<T>, defaults: T): T {
  const parsed = schema.safeParse({ ...defaults, ...read<T>(db, key) });
  return parsed.success ? parsed.data : defaults;
}

export function writeSetting<T>(db: Db, key: string, schema: z.ZodType<T>, value: T): T {
  const checked = schema.parse(value);
  write(db, key, checked);
  return checked;
}

function read<T>(db: Db, key: string): Partial<T> {
  const row = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as Partial<T>) : {};
}

function write(db: Db, key: string, value: unknown): void {
  stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  );
}

export function getSettings(db: Db): { agency: AgencyProfile; station: StationSettings } {
  return { agency: readSetting(db, 'agency', agencyProfile, defaultAgency), station: readSetting(db, 'station', stationSettings, defaultStation) };
}

export function saveSettings(db: Db, settings: { agency: AgencyProfile; station: StationSettings }): void {
  writeSetting(db, 'agency', agencyProfile, settings.agency);
  writeSetting(db, 'station', stationSettings, settings.station);
}

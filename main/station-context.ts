import type { AgencyProfile, DossierView, StationSettings } from './contract/schemas';
import type { Language } from './core/errors';
import type { Db } from './storage/database';

/**
 * What a feature of the station (sync, scanning, signing…) gets from the core: the database,
 * the data folder, the clock and the shared settings, plus a place to register what must stop
 * when the station closes. Features live in their own folders and add their handlers to
 * openStation's table.
 */
export type StationContext = Readonly<{
  db: Db;
  dataDir: string;
  now: () => Date;
  language: () => Language;
  settings: () => Readonly<{ agency: AgencyProfile; station: StationSettings }>;
  /** A saved dossier by code, or a typed DOSSIER_NOT_FOUND error. */
  requireDossier: (code: string) => DossierView;
  /** Something was queued for the portal (a scan, a signed slip): the sync worker sends it soon. */
  outboxChanged: () => void;
  /** Another connection to the station database (same file, binding and pragmas), for a worker. */
  openConnection: () => Db;
  /** Registers cleanup (workers, device listeners) run when the station closes, last first. */
  onClose: (dispose: () => void | Promise<void>) => void;
}>;

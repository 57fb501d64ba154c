import type { ChannelName } from './contract/channels';
import type { Handlers } from './contract/dispatch';
import type { AgencyProfile, StationSettings } from './contract/schemas';
import type { Language } from './core/errors';
import type { EventBus } from './event-bus';
import type { Messages } from './messages';
import type { SecretVault } from './portal/secret-vault';
import type { SessionRegistry } from './session-registry';
import type { Db } from './storage/database';
import type { PdfPrinter } from '../hardware/printers/printer';

// How the station is put together: each capability (intake, sync, scanning, signing, …) is a
// Feature in a folder of its own, composed by main/station.ts through this one interface. A
// feature reaches what it shares with the others through the context — the database, the clock,
// the settings, the messages and the event bus — and never imports another feature or the
// station itself (the lint rules in eslint.config.js check both).

export type StationContext = Readonly<{
  db: Db;
  dataDir: string;
  host: 'electron' | 'web';
  version: string;
  now: () => Date;
  language: () => Language;
  /** The agency profile and station settings, cached until a `settings.changed` event. */
  settings: () => Readonly<{ agency: AgencyProfile; station: StationSettings }>;
  messages: Messages;
  events: EventBus;
  /** Seals the portal secret: the OS keychain in Electron, a key file in the data folder otherwise. */
  vault: SecretVault;
  printer: PdfPrinter;
  /** Who is logged in at each renderer. */
  sessions: SessionRegistry;
  /** The database key, for what is sealed with keys derived from it (the audit checkpoints). */
  databaseKey: Uint8Array;
  /** The recovery code made at the first start, kept in memory until the technician has it. */
  recoveryCode: Readonly<{ peek: () => string | null; take: () => string | null }>;
  /** Another connection to the station database (same file, binding and pragmas), for a worker. */
  openConnection: () => Db;
  /** Cleanup (workers, device listeners) run when the station closes, last registered first. */
  onClose: (dispose: () => void | Promise<void>) => void;
}>;

export type Feature<C extends ChannelName = ChannelName> = Readonly<{
  name: string;
  /** The channels the feature answers (its contract file declares them). */
  channels: readonly C[];
  /** Builds the handlers once: workers started, listeners subscribed, cleanup registered. */
  open: (context: StationContext) => Pick<Handlers, C> | Promise<Pick<Handlers, C>>;
  /**
   * Heavy features (native drivers, PDF signing) open on their first call or shortly after the
   * station starts, so that opening the station stays fast.
   */
  lazy?: boolean;
}>;

/** Declares a feature, keeping its channel names typed. */
export const feature = <C extends ChannelName>(f: Feature<C>): Feature<C> => f;

/** Any feature, as the station composes them (each keeps its own channel names). */
export type AnyFeature = Readonly<{
  name: string;
  channels: readonly ChannelName[];
  open: (context: StationContext) => object | Promise<object>;
  lazy?: boolean;
}>;

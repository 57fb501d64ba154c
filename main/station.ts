import type { ChannelName } from './contract/channels';
import { createDispatcher, type Dispatcher, type Handlers, type Officer } from './contract/dispatch';
import type { Language } from './core/errors';
import { devicesFeature } from './devices';
import { displayFeature } from './display';
import { createEventBus, type EventBus } from './event-bus';
import { createSessionRegistry, type SessionRegistry } from './session-registry';
import type { AnyFeature, StationContext } from './feature';
import { feesFeature } from './fees';
import { intakeFeature } from './intake';
import { officersFeature } from './officers';
import { lifecycleFeature } from './lifecycle';
import { messages } from './messages';
import { databaseKeyVault, type SecretVault } from './portal/secret-vault';
import { scanningFeature } from './scanning';
import { signingFeature } from './signing';
import type { Db } from './storage/database';
import { fileKeySealer, userWrappingKeyFile, type KeySealer } from './storage/database-key';
import { openStationDatabaseSync, STATION_DATABASE_FILE } from './storage/encrypted-station';
import { queueFeature } from './queue';
import { printingFeature, type PrintingOptions } from './printing';
import { getSettings } from './storage/settings-store';
import { syncFeature } from './sync';
import type { SyncOptions } from './sync/sync-feature';
import type { SyncWorker } from './sync/sync-worker';
import { noPrinter, type PdfPrinter } from '../hardware/printers/printer';

// The composition root: opens the data folder, makes the context every feature shares and
// composes the features. It holds no feature's logic; a feature never imports it.

export const DATABASE_FILE = STATION_DATABASE_FILE;

export type StationOptions = Readonly<{
  dataDir: string;
  host: 'electron' | 'web';
  version: string;
  /** The clock; tests and demos fix it. */
  now?: () => Date;
  printer?: PdfPrinter;
  nativeBinding?: string;
  /** Seals the portal secret; by default under a key derived from the database key. */
  vault?: SecretVault;
  /**
   * Seals the key the database is encrypted with: the OS keychain in Electron; elsewhere a
   * wrapping key in this OS account's configuration folder (never the data folder).
   */
  keySealer?: KeySealer;
  /** The technician's explicit choice to run with the database key unprotected (no OS keychain). */
  acceptUnsealedKey?: boolean;
  /**
   * For tests and in-process tools only (no host passes it): the officer a call made without a
   * session is made for. Without it such a call may reach public channels only.
   */
  callsWithoutSession?: Officer;
  /** Sync tuning for tests, benchmarks and the crash harness; production uses the defaults. */
  sync?: Omit<SyncOptions, 'onWorker'>;
  /** Print-queue tuning for tests (how often the spooler is asked); production uses the defaults. */
  printing?: PrintingOptions;
}>;

export type Station = Readonly<{
  handlers: Handlers;
  /**
   * Checks who may call, validates, answers and checks a channel call: what both hosts bind.
   * `sessionId` is the session the renderer logged in with (none before a login).
   */
  dispatch: (channel: string, payload: unknown, sessionId?: string) => ReturnType<Dispatcher>;
  /** Who is logged in at each renderer. */
  sessions: SessionRegistry;
  db: Db;
  /** Shown once, on the start that made the database key, for the technician to print; else null. */
  recoveryCode: string | null;
  events: EventBus;
  language: () => Language;
  /** Starts the sync worker where `sync.autoStart` was false (benchmarks start it on cue). */
  startSync: () => void;
  /** Stops the features' workers and listeners, then closes the database. */
  close: () => Promise<void>;
}>;

export function openStation(options: StationOptions): Station {
  const now = options.now ?? (() => new Date());
  // Citizens' data are encrypted at rest: the folder owner-only, the database under a key the OS seals.
  const opened = openStationDatabaseSync(options.dataDir, {
    sealer: options.keySealer ?? fileKeySealer(userWrappingKeyFile()),
    now,
    ...(options.acceptUnsealedKey ? { acceptUnsealedKey: true } : {}),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const { db } = opened;
  const events = createEventBus();

  // Read on every intake; kept until they change.
  let settings: ReturnType<typeof getSettings> | undefined;
  events.on('settings.changed', () => { settings = undefined; });
  const currentSettings = () => (settings ??= getSettings(db));

  const sessions = createSessionRegistry({ now: () => now().getTime(), idleLockMs: () => currentSettings().station.idleLockMinutes * 60_000 });
  let recoveryCode = opened.recoveryCode;
  const disposers: Array<() => void | Promise<void>> = [];
  // Features print through the print queue (main/printing), which hands jobs to the host's printer.
  const printing = printingFeature(options.printer ?? noPrinter, options.printing);
  const context: StationContext = {
    db,
    dataDir: options.dataDir,
    host: options.host,
    version: options.version,
    now,
    language: () => currentSettings().station.language,
    settings: currentSettings,
    messages,
    events,
    vault: options.vault ?? databaseKeyVault(opened.key),
    printer: printing.printer,
    sessions,
    databaseKey: opened.key,
    recoveryCode: { peek: () => recoveryCode, take: () => { const code = recoveryCode; recoveryCode = null; return code; } },
    openConnection: opened.openConnection,
    onClose: (dispose) => disposers.push(dispose),
  };

  let worker: SyncWorker | undefined;
  const features: readonly AnyFeature[] = [
    intakeFeature,
    officersFeature,
    syncFeature({ ...options.sync, onWorker: (w) => { worker = w; } }),
    scanningFeature,
    signingFeature,
    devicesFeature(),
    queueFeature(),
    displayFeature(),
    feesFeature,
    lifecycleFeature,
    printing.feature,
  ];

  const loading = new Set<Promise<unknown>>();
  const lazy: Array<() => Promise<unknown>> = [];
  const handlers = {} as Record<ChannelName, (input: unknown, call: unknown) => unknown>;
  for (const f of features) {
    if (f.lazy) {
      const open = once(() => {
        const opened = Promise.resolve(f.open(context));
        loading.add(opened); // close() waits for a load under way, so that its cleanup is registered first
        return opened;
      });
      lazy.push(open);
      for (const name of f.channels) handlers[name] = async (input, call) => ((await open()) as Record<string, (i: unknown, c: unknown) => unknown>)[name]!(input, call);
    } else {
      const opened = f.open(context);
      if (opened instanceof Promise) throw new Error(`Feature ${f.name} opens asynchronously: declare it lazy`);
      Object.assign(handlers, opened);
    }
  }
  const missing = features.flatMap((f) => f.channels).filter((name) => !handlers[name]);
  if (missing.length > 0) throw new Error(`No handler for ${missing.join(', ')}`);

  // Lazy features load soon after start, not during it: the first request is answered first.
  const preload = setTimeout(() => { for (const open of lazy) void open().catch(() => undefined); }, 1500);
  preload.unref();

  const dispatch = createDispatcher(handlers as unknown as Handlers, {
    language: context.language,
    messages,
    onInternalError: (channel, error) => console.error(`[station] ${channel}:`, error),
  });

  let closed = false;
  return {
    handlers: handlers as unknown as Handlers,
    dispatch: (channel, payload, sessionId) => {
      const state = sessionId ? sessions.resolve(sessionId) : null;
      const call = state
        ? { officer: state.officer, sessionId, locked: state.locked }
        : { officer: sessionId ? null : (options.callsWithoutSession ?? null), ...(sessionId ? { sessionId } : {}) };
      return dispatch(channel, payload, call);
    },
    sessions,
    db,
    recoveryCode: opened.recoveryCode,
    events,
    language: context.language,
    startSync: () => worker?.start(),
    close: async () => {
      if (closed) return;
      closed = true;
      clearTimeout(preload);
      await Promise.allSettled(loading);
      for (const dispose of disposers.reverse()) await dispose();
      db.close();
    },
  };
}

function once<T>(fn: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) { value = fn(); done = true; }
    return value;
  };
}

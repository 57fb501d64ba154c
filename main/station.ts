import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Handlers } from './contract/dispatch';
import { StationIssues } from './contract/dispatch';
import type { AgencyProfile, DossierView, StationSettings } from './contract/schemas';
import type { Procedure } from './core/model';
import { demoCatalogue } from './catalogue/demo-catalogue';
import { defaultCalendarDays } from './core/calendar/holidays';
import { WorkingCalendar } from './core/calendar/working-calendar';
import { formatDossierCode, sequenceRange } from './core/dossier-code';
import { StationError, type Language } from './core/errors';
import { checkDraft } from './core/intake';
import { checkIdNumber } from './core/identity';
import { portalRecord } from './core/portal-record';
import { toVietnamLocal } from './core/time';
import type { ReceiptSlipData } from './forms/receipt-slip-data';
import { hasCalendarYear, listCalendarDays, putCalendarDay, removeCalendarDay, replaceCalendarYear } from './storage/calendar-store';
import { catalogueSize, getProcedure, replaceCatalogue, searchProcedures } from './storage/catalogue-store';
import { openDatabase, type Db } from './storage/database';
import { getDossier, insertDossier, logbook, searchDossiers, type NewDossier } from './storage/dossier-store';
import { schemaVersion } from './storage/migrate';
import { stationBlocks } from './storage/code-allocation';
import type { StationContext } from './station-context';
import { createSync, type SyncFeatureOptions } from './sync/sync-feature';
import { keyFileVault, type SecretVault } from './sync/secret-vault';
import { signingChannels } from './contract/signing-channels';
import { scanningChannels } from './contract/scanning-channels';
import type { ChannelName } from './contract/channels';
import { getSettings, saveSettings } from './storage/settings-store';
import { noPrinter, type PdfPrinter } from '../hardware/printers/printer';

export const DATABASE_FILE = 'station.sqlite3';

export type StationOptions = Readonly<{
  dataDir: string;
  host: 'electron' | 'web';
  version: string;
  /** The clock; tests and demos fix it. */
  now?: () => Date;
  printer?: PdfPrinter;
  nativeBinding?: string;
  /** Seals the portal secret: the OS keychain in Electron; a key file in the data folder otherwise. */
  vault?: SecretVault;
  /** Sync tuning for tests, benchmarks and the crash harness; production uses the defaults. */
  sync?: Partial<Pick<SyncFeatureOptions, 'worker' | 'portalFactory' | 'autoStart'>>;
}>;

export type Station = Readonly<{
  handlers: Handlers;
  db: Db;
  language: () => Language;
  /** Starts the sync worker where `sync.autoStart` was false (benchmarks start it on cue). */
  startSync: () => void;
  /** Stops the features' workers and listeners, then closes the database. */
  close: () => Promise<void>;
}>;

const STATUS_RECEIVED = 2; // TrangThaiHoSo "Được tiếp nhận"
const CHANNEL_COUNTER = 1; // KenhThucHien "trực tiếp"

/**
 * The station core: opens the database in the data folder, seeds it on first start and answers
 * every contract channel. Plain Node — the Electron host and the web host both bind this.
 */
export function openStation(options: StationOptions): Station {
  mkdirSync(options.dataDir, { recursive: true });
  const db = openDatabase(join(options.dataDir, DATABASE_FILE), options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const now = options.now ?? (() => new Date());
  const printer = options.printer ?? noPrinter;
  seed(db, now());

  // Settings and the calendar are read on every intake; kept until they change.
  let settings: ReturnType<typeof getSettings> | undefined;
  const currentSettings = () => (settings ??= getSettings(db));
  let calendar: WorkingCalendar | undefined;
  const workingCalendar = () => (calendar ??= new WorkingCalendar({ segments: currentSettings().station.workingHours, days: listCalendarDays(db) }));
  const invalidate = () => { calendar = undefined; settings = undefined; };

  const requireProcedure = (code: string) => {
    const procedure = getProcedure(db, code);
    if (!procedure) throw new StationError('PROCEDURE_UNKNOWN', { code }, 'procedureCode');
    return procedure;
  };
  const appointmentFor = (procedure: Procedure, receivedAt: string) =>
    workingCalendar().computeAppointment(receivedAt, procedure.processingTime, { roundingMinutes: currentSettings().station.appointmentRoundingMinutes });

  const requireDossier = (code: string): DossierView => {
    const dossier = getDossier(db, { code });
    if (!dossier) throw new StationError('DOSSIER_NOT_FOUND', { code });
    return dossier;
  };

  const slipPdf = async (code: string, paper?: 'A4' | 'A5', copies?: 1 | 2) => {
    const dossier = requireDossier(code);
    const { agency, station } = currentSettings();
    // pdfmake and its fonts load on the first slip, not at start-up (about 0.1 s).
    const { renderReceiptSlip } = await import('./forms/receipt-slip');
    const pdf = await renderReceiptSlip(slipData(dossier, agency, station), { paper: paper ?? station.slipPaper, copies: copies ?? station.slipCopies });
    return { pdf, fileName: `giay-tiep-nhan-${dossier.code}.pdf` };
  };

  const disposers: Array<() => void | Promise<void>> = [];
  const context: StationContext = {
    db,
    dataDir: options.dataDir,
    now,
    language: () => currentSettings().station.language,
    settings: currentSettings,
    requireDossier,
    outboxChanged: () => sync.worker.wake(), // bound late: the sync feature is created from this context
    openConnection: () => openDatabase(join(options.dataDir, DATABASE_FILE), options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    onClose: (dispose) => disposers.push(dispose),
  };

  const sync = createSync(context, {
    vault: options.vault ?? keyFileVault(options.dataDir),
    onCatalogueOrCalendarChanged: invalidate,
    autoStart: options.sync?.autoStart ?? true,
    ...(options.sync?.worker ? { worker: options.sync.worker } : {}),
    ...(options.sync?.portalFactory ? { portalFactory: options.sync.portalFactory } : {}),
  });

  const intakeHandlers = {
    'app.info': () => ({
      version: options.version, host: options.host, dataDir: options.dataDir, schemaVersion: schemaVersion(db),
      now: toVietnamLocal(now()), canPrint: printer !== noPrinter,
    }),
    'settings.get': () => currentSettings(),
    'settings.update': (input) => {
      const current = currentSettings();
      const next = { agency: { ...current.agency, ...input.agency }, station: { ...current.station, ...input.station } };
      sequenceRange(next.station.codeFormat, next.agency.agencyId, next.station.stationNumber); // refuses a format this station cannot use
      try {
        new WorkingCalendar({ segments: next.station.workingHours, days: [] });
      } catch {
        throw new StationError('WORKING_HOURS_INVALID', {}, 'station.workingHours');
      }
      saveSettings(db, next);
      invalidate();
      return currentSettings();
    },
    'catalogue.search': ({ query, limit }) => searchProcedures(db, query, limit).map(({ code, name, field, processingTime, demo }) => ({ code, name, field, processingTime, demo })),
    'catalogue.get': ({ code }) => requireProcedure(code),
    'calendar.list': ({ year }) => ({ days: listCalendarDays(db, year), workingHours: currentSettings().station.workingHours }),
    'calendar.put': (day) => {
      putCalendarDay(db, day);
      invalidate();
      return listCalendarDays(db, Number(day.date.slice(0, 4)));
    },
    'calendar.remove': ({ date }) => {
      removeCalendarDay(db, date);
      invalidate();
      return listCalendarDays(db, Number(date.slice(0, 4)));
    },
    'calendar.reseed': ({ year }) => {
      replaceCalendarYear(db, year, defaultCalendarDays(year));
      invalidate();
      return listCalendarDays(db, year);
    },
    'appointment.preview': ({ procedureCode, receivedAt }) => {
      const at = receivedAt ?? toVietnamLocal(now());
      return { receivedAt: at, ...appointmentFor(requireProcedure(procedureCode), at) };
    },
    'identity.describe': ({ idNumber }) => {
      const { provinceName, gender, birthYear } = checkIdNumber(idNumber);
      return { provinceName, gender, birthYear };
    },
    'dossier.validate': (draft) => {
      const { errors } = checkDraft(draft, getProcedure(db, draft.procedureCode), toVietnamLocal(now()).slice(0, 10));
      if (errors.length > 0) throw new StationIssues(errors);
      return { ok: true as const };
    },
    'dossier.save': (input) => {
      const receivedMoment = now();
      const receivedAt = toVietnamLocal(receivedMoment);
      const procedure = getProcedure(db, input.procedureCode);
      const { errors, checked } = checkDraft(input, procedure, receivedAt.slice(0, 10));
      if (!checked || !procedure) throw new StationIssues(errors);
      const { agency, station } = currentSettings();
      const { countingFrom, appointmentAt } = appointmentFor(procedure, receivedAt);
      const { draft } = checked;
      const record: NewDossier = {
        intakeKey: draft.intakeKey,
        procedureCode: procedure.code,
        procedureName: procedure.name,
        processingTime: procedure.processingTime,
        status: STATUS_RECEIVED,
        channel: CHANNEL_COUNTER,
        owner: draft.owner,
        submitter: draft.submitter,
        resultDelivery: draft.resultDelivery,
        documents: checked.documents,
        sets: draft.sets,
        notes: draft.notes,
        receivedAtMs: receivedMoment.getTime(),
        receivedAt,
        countingFrom,
        appointmentAt,
        logBookVolume: receivedAt.slice(0, 4),
        officerName: station.officerName,
      };
      const range = sequenceRange(station.codeFormat, agency.agencyId, station.stationNumber);
      // With a portal: its leased numbers (provisional codes when none are left); without: this station's block.
      const allocate = sync.codeAllocator() ?? stationBlocks({
        ...range,
        format: (seq, day) => formatDossierCode(station.codeFormat, { agency: agency.agencyId, date: day, station: station.stationNumber, seq }),
        onExhausted: () => { throw new StationError('CODE_SEQUENCE_EXHAUSTED', { max: range.last - range.first + 1 }); },
      });
      const { id } = insertDossier(db, record, allocate, {
        kind: 'dossier.create',
        idempotencyKey: randomUUID(),
        payload: (code, provisional) => portalRecord(code, agency.agencyId, record, provisional),
      });
      sync.worker.wake();
      return getDossier(db, { id })!;
    },
    'dossier.get': ({ code }) => requireDossier(code),
    'dossier.logbook': ({ date }) => logbook(db, date ?? toVietnamLocal(now()).slice(0, 10)),
    'dossier.search': ({ query, limit }) => searchDossiers(db, query, limit),
    'slip.pdf': async ({ code, paper, copies }) => {
      const { pdf, fileName } = await slipPdf(code, paper, copies);
      return { fileName, base64: pdf.toString('base64') };
    },
    'printers.list': () => printer.list(),
    'slip.print': async ({ code, printer: name, paper, copies }) => {
      const { pdf, fileName } = await slipPdf(code, paper, copies);
      try {
        const done = await printer.print({ pdf, title: fileName, printer: name, copies: 1 });
        return { printed: true, printer: done.printer };
      } catch (e) {
        throw new StationError('PRINT_FAILED', { reason: e instanceof Error ? e.message : String(e) });
      }
    },
  } satisfies Partial<Handlers>;

  // Scanning and signing pull in sharp, pdf-lib, pkijs, node-usb and a PKCS#11 worker: loaded on
  // first use (or by the preload below), so that opening the station stays fast.
  const loading = new Set<Promise<unknown>>();
  const signing = lazyFeature(loading, Object.keys(signingChannels) as Array<keyof typeof signingChannels>, async () =>
    (await import('./signing/signing-feature')).signingHandlers(context));
  const scanning = lazyFeature(loading, Object.keys(scanningChannels) as Array<keyof typeof scanningChannels>, async () =>
    (await import('./scanning/scanning-feature')).scanningHandlers(context));

  const handlers: Handlers = {
    ...intakeHandlers,
    // feature handler groups: one spread line each
    ...sync.handlers,
    ...signing.handlers,
    ...scanning.handlers,
  };
  // Load the device features soon after start, not during it: the first request is answered first.
  const preload = setTimeout(() => { void signing.load().catch(() => undefined); void scanning.load().catch(() => undefined); }, 1500);
  preload.unref();

  let closed = false;
  return {
    handlers,
    db,
    language: context.language,
    startSync: () => sync.worker.start(),
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

/** A feature's handlers that load its module on the first call; `load` starts it ahead of time. */
function lazyFeature<C extends ChannelName>(loading: Set<Promise<unknown>>, names: readonly C[], load: () => Promise<Pick<Handlers, C>>) {
  let loaded: Promise<Pick<Handlers, C>> | undefined;
  const get = () => {
    if (!loaded) {
      loaded = load();
      // close() waits for a load under way, so that the feature's own cleanup is registered first.
      loading.add(loaded);
    }
    return loaded;
  };
  const handlers = Object.fromEntries(
    names.map((name) => [name, async (input: unknown) => ((await get())[name] as (i: unknown) => unknown)(input)]),
  ) as unknown as Pick<Handlers, C>;
  return { handlers, load: get };
}

/** First start: the demo catalogue and the statutory calendar of this year and the next. */
function seed(db: Db, today: Date): void {
  if (catalogueSize(db) === 0) replaceCatalogue(db, demoCatalogue);
  const year = Number(toVietnamLocal(today).slice(0, 4));
  for (const y of [year, year + 1]) if (!hasCalendarYear(db, y)) replaceCalendarYear(db, y, defaultCalendarDays(y));
}

export function slipData(d: DossierView, agency: AgencyProfile, station: StationSettings): ReceiptSlipData {
  return {
    agency: { parentName: agency.parentName, name: agency.name, unitName: agency.unitName, placeName: agency.placeName },
    slipNumber: `${String(d.logBookLine).padStart(4, '0')}/TNHS`,
    dossierCode: d.code,
    provisionalCode: d.codeIsProvisional,
    lookupUrl: station.lookupUrlTemplate.replace('{code}', encodeURIComponent(d.code)),
    owner: { fullName: d.owner.fullName, idNumber: d.owner.idNumber, address: d.owner.address, phone: d.owner.phone, ...(d.owner.email ? { email: d.owner.email } : {}) },
    ...(d.submitter ? { submitter: d.submitter } : {}),
    procedure: { code: d.procedureCode, name: d.procedureName, processingTime: d.processingTime },
    documents: d.documents,
    sets: d.sets,
    receivedAt: d.receivedAt,
    appointmentAt: d.appointmentAt,
    resultDelivery: d.resultDelivery,
    resultCounter: agency.resultCounter,
    logBook: { volume: d.logBookVolume, line: d.logBookLine },
    officerName: d.officerName,
    ...(d.notes ? { notes: d.notes } : {}),
    demo: agency.demo,
  };
}

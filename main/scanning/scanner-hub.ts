import { discoverEscl, type DiscoveryOptions } from '../../hardware/scanners/escl-discovery';
import { esclDevice, esclDriver } from '../../hardware/scanners/escl';
import { saneDriver } from '../../hardware/scanners/sane';
import { pageSizesFor, type DriverKind, type PageSizeName, type ScannerCapabilities, type ScannerDevice, type ScannerDriver, type SourceCapabilities } from '../../hardware/scanners/scanner';
import { wiaDriver } from '../../hardware/scanners/wia';
import type { ScannerSettings } from '../contract/scanning-channels';
import { StationError } from '../core/errors';
import { scannerProblem } from './scan-errors';
import './messages'; // the texts of the errors thrown here

// The scanners of this station, whatever their backend: SANE where `scanimage` exists (Linux),
// WIA on Windows, eSCL everywhere (found on the LAN, or entered by address). Lists and
// capabilities are kept for a minute: listing SANE backends or waiting for mDNS takes seconds.
// An eSCL scanner is an HTTP address the station will send requests to: only an address the
// technician entered (settings) or one mDNS found on the LAN is used, never one that merely
// arrives in a call — the station is not to be made to talk to any host someone names.

export type HubOptions = Readonly<{
  settings: () => ScannerSettings;
  platform?: NodeJS.Platform;
  /** Replaces the drivers (tests). */
  drivers?: readonly ScannerDriver[];
  discovery?: DiscoveryOptions;
}>;

export type CapabilitiesView = Readonly<{
  device: ScannerDevice;
  sources: ReadonlyArray<SourceCapabilities & Readonly<{ pageSizes: PageSizeName[] }>>;
  options: ScannerCapabilities['options'];
}>;

const CACHE_MS = 60_000;

export type ScannerHub = ReturnType<typeof createScannerHub>;

export function createScannerHub(options: HubOptions) {
  const platform = options.platform ?? process.platform;
  const drivers: readonly ScannerDriver[] = options.drivers ?? [
    ...(platform === 'win32' ? [wiaDriver()] : [saneDriver()]),
    esclDriver({
      manualUrls: () => options.settings().networkScanners,
      discover: () => (options.settings().discoverNetwork ? discoverEscl(options.discovery) : Promise.resolve([])),
    }),
  ];
  let listed: { at: number; devices: ScannerDevice[]; notes: string[] } | undefined;
  const capsCache = new Map<string, { at: number; caps: ScannerCapabilities }>();
  /** eSCL scanners found by a listing since the station started (mDNS or entered). */
  const esclFound = new Map<string, ScannerDevice>();

  const driverOf = (kind: DriverKind): ScannerDriver => {
    const d = drivers.find((x) => x.kind === kind);
    if (!d) throw new StationError('SCANNER_NO_BACKEND', { detail: kind.toUpperCase() });
    return d;
  };

  const enteredEscl = (id: string): ScannerDevice | undefined =>
    options.settings().networkScanners.map((u) => esclDevice(u)).find((d) => d.id === id);

  /** A device from its id, listed or not ("sane:test" typed by the technician works; an eSCL
   *  address only when entered or discovered). */
  const device = (id: string): ScannerDevice => {
    const known = listed?.devices.find((d) => d.id === id && (d.driver !== 'escl' || esclFound.has(d.id)));
    if (known) return known;
    const [kind, ...rest] = id.split(':');
    const name = rest.join(':');
    if (kind === 'escl') {
      const allowed = enteredEscl(esclDevice(name).id) ?? esclFound.get(esclDevice(name).id);
      if (!allowed) throw new StationError('SCANNER_ADDRESS_UNKNOWN', { device: name });
      return allowed;
    }
    if (kind === 'sane' || kind === 'wia') return { id, driver: kind, name };
    return { id, driver: 'sane', name: id };
  };

  const hub = {
    drivers,
    device,
    driverFor: (d: ScannerDevice) => driverOf(d.driver),
    async list(refresh: boolean): Promise<{ devices: ScannerDevice[]; notes: string[] }> {
      if (!refresh && listed && Date.now() - listed.at < CACHE_MS) return listed;
      const notes: string[] = [];
      const results = await Promise.all(drivers.map(async (d) => {
        try {
          return await d.list();
        } catch (e) {
          notes.push(`${d.kind}: ${e instanceof Error ? e.message : String(e)}`);
          return [];
        }
      }));
      const devices = results.flat();
      for (const d of devices) if (d.driver === 'escl') esclFound.set(d.id, d);
      listed = { at: Date.now(), devices, notes };
      return listed;
    },
    async capabilities(id: string, refresh = false): Promise<CapabilitiesView> {
      const cached = capsCache.get(id);
      let caps = !refresh && cached && Date.now() - cached.at < CACHE_MS ? cached.caps : undefined;
      if (!caps) {
        // An eSCL scanner found by mDNS before a restart (the default one) is looked for again.
        if (id.startsWith('escl:') && !enteredEscl(id) && !esclFound.has(id)) await hub.list(false);
        const d = device(id);
        try {
          caps = await driverOf(d.driver).capabilities(d);
        } catch (e) {
          throw scannerProblem(e, { device: d.name });
        }
        capsCache.set(id, { at: Date.now(), caps });
      }
      return { ...caps, sources: caps.sources.map((s) => ({ ...s, pageSizes: pageSizesFor(s) })) };
    },
  };
  return hub;
}

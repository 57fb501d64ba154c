import makeMdns from 'multicast-dns';
import { esclDevice } from './escl';
import type { ScannerDevice } from './scanner';

// Finding eSCL scanners on the LAN: an mDNS query for _uscan._tcp (http) and _uscans._tcp
// (https), then each answer's SRV (host and port), TXT (rs = path, ty = model, UUID) and A
// records. One device may answer on both services: it is listed once, over https.

export const ESCL_SERVICES = ['_uscan._tcp.local', '_uscans._tcp.local'] as const;

/** One resource record as multicast-dns hands it over (only the fields read here). */
export type MdnsRecord = Readonly<{ name: string; type: string; data: unknown }>;

function txtOf(data: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const items = Array.isArray(data) ? data : [data];
  for (const item of items) {
    const s = Buffer.isBuffer(item) ? item.toString('utf8') : typeof item === 'string' ? item : '';
    const eq = s.indexOf('=');
    if (eq > 0) out[s.slice(0, eq).toLowerCase()] = s.slice(eq + 1);
  }
  return out;
}

/** Devices described by a set of mDNS records (answers and additionals of every response). */
export function esclDevicesFromRecords(records: readonly MdnsRecord[]): ScannerDevice[] {
  const byKey = new Map<string, { device: ScannerDevice; secure: boolean }>();
  const instances = records.filter((r) => r.type === 'PTR' && ESCL_SERVICES.includes(r.name.toLowerCase() as (typeof ESCL_SERVICES)[number]));
  for (const ptr of instances) {
    const instance = String(ptr.data);
    const secure = ptr.name.toLowerCase().startsWith('_uscans');
    const srv = records.find((r) => r.type === 'SRV' && r.name === instance)?.data as { port?: number; target?: string } | undefined;
    if (!srv?.port || !srv.target) continue;
    const txt = txtOf(records.find((r) => r.type === 'TXT' && r.name === instance)?.data);
    const a = records.find((r) => r.type === 'A' && r.name === srv.target)?.data;
    const aaaa = records.find((r) => r.type === 'AAAA' && r.name === srv.target)?.data;
    const host = typeof a === 'string' ? a : typeof aaaa === 'string' ? `[${aaaa}]` : srv.target.replace(/\.$/, '');
    const path = (txt.rs ?? 'eSCL').replace(/^\/+|\/+$/g, '');
    const url = `${secure ? 'https' : 'http'}://${host}:${srv.port}${path ? `/${path}` : ''}`;
    const label = txt.ty || instance.split('._uscan')[0]!.replace(/\\032/g, ' ');
    const key = (txt.uuid ?? `${host}`).toLowerCase();
    const previous = byKey.get(key);
    if (!previous || (secure && !previous.secure)) byKey.set(key, { device: esclDevice(url, label), secure });
  }
  return [...byKey.values()].map((v) => v.device);
}

export type DiscoveryOptions = Readonly<{
  /** How long to listen for answers. */
  timeoutMs?: number;
  /** mDNS port and group (tests use a private port). */
  port?: number;
  ip?: string;
  interface?: string;
}>;

/** Asks the LAN for eSCL scanners and answers what replied within the time allowed. */
export function discoverEscl(options: DiscoveryOptions = {}): Promise<ScannerDevice[]> {
  return new Promise((resolve) => {
    const records: MdnsRecord[] = [];
    let mdns: ReturnType<typeof makeMdns>;
    try {
      mdns = makeMdns({
        loopback: true,
        reuseAddr: true,
        ...(options.port ? { port: options.port } : {}),
        ...(options.ip ? { ip: options.ip } : {}),
        ...(options.interface ? { interface: options.interface } : {}),
      });
    } catch {
      resolve([]);
      return;
    }
    const finish = () => {
      try {
        mdns.destroy();
      } catch { /* already closed */ }
      resolve(esclDevicesFromRecords(records));
    };
    mdns.on('response', (response) => {
      for (const r of [...response.answers, ...(response.additionals ?? [])]) records.push({ name: r.name, type: r.type, data: (r as { data?: unknown }).data });
    });
    mdns.on('error', () => finish());
    mdns.on('ready', () => {
      mdns.query({ questions: ESCL_SERVICES.map((name) => ({ name, type: 'PTR' as const })) });
    });
    setTimeout(finish, options.timeoutMs ?? 1500);
  });
}

import { request } from 'node:http';

// Just enough IPP (RFC 8010 encoding, RFC 8011 Get-Jobs) to ask CUPS which jobs it holds, with
// their names and states. `lpstat` shows neither a job's name nor whether a finished job was
// printed, cancelled or aborted — and the print queue needs both: the name to find a job after a
// crash, the state to tell a printed slip from a lost one.

/** Where CUPS listens: `CUPS_SERVER` (a socket path or host[:port]) as `lp` reads it, else the local scheduler. */
export type CupsServer = Readonly<{ socketPath: string } | { host: string; port: number }>;

export function cupsServerOf(value: string | undefined, localSocketExists: boolean): CupsServer {
  const v = value?.trim();
  if (v && v.startsWith('/')) return { socketPath: v };
  if (v) {
    const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(v);
    return { host: m?.[1] ?? v, port: Number(m?.[2] ?? 631) };
  }
  return localSocketExists ? { socketPath: '/run/cups/cups.sock' } : { host: 'localhost', port: 631 };
}

const TAG = { operation: 0x01, job: 0x02, end: 0x03, printer: 0x04 } as const;
const VALUE = { integer: 0x21, boolean: 0x22, enum: 0x23, keyword: 0x44, uri: 0x45, charset: 0x47, language: 0x48, name: 0x42 } as const;

export type IppValue = number | boolean | string;
export type IppGroup = Readonly<{ tag: number; attributes: ReadonlyMap<string, IppValue[]> }>;
export type IppResponse = Readonly<{ status: number; groups: readonly IppGroup[] }>;

function attribute(tag: number, name: string, values: readonly (string | number | boolean)[]): Buffer {
  const parts: Buffer[] = [];
  values.forEach((value, i) => {
    const key = Buffer.from(i === 0 ? name : '', 'utf8');
    let body: Buffer;
    if (typeof value === 'number') { body = Buffer.alloc(4); body.writeInt32BE(value); }
    else if (typeof value === 'boolean') body = Buffer.from([value ? 1 : 0]);
    else body = Buffer.from(value, 'utf8');
    const head = Buffer.alloc(3);
    head.writeUInt8(tag, 0);
    head.writeUInt16BE(key.length, 1);
    const len = Buffer.alloc(2);
    len.writeUInt16BE(body.length);
    parts.push(head, key, len, body);
  });
  return Buffer.concat(parts);
}

/** A request: operation id, request id and the operation attributes after charset and language. */
export function encodeRequest(operation: number, requestId: number, attributes: ReadonlyArray<readonly [number, string, readonly (string | number | boolean)[]]>): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x0200, 0); // IPP/2.0
  head.writeUInt16BE(operation, 2);
  head.writeInt32BE(requestId, 4);
  return Buffer.concat([
    head,
    Buffer.from([TAG.operation]),
    attribute(VALUE.charset, 'attributes-charset', ['utf-8']),
    attribute(VALUE.language, 'attributes-natural-language', ['en']),
    ...attributes.map(([tag, name, values]) => attribute(tag, name, values)),
    Buffer.from([TAG.end]),
  ]);
}

export function decodeResponse(data: Buffer): IppResponse {
  if (data.length < 9) throw new Error(`IPP answer too short (${data.length} bytes)`);
  const status = data.readUInt16BE(2);
  const groups: Array<{ tag: number; attributes: Map<string, IppValue[]> }> = [];
  let at = 8;
  let current: { tag: number; attributes: Map<string, IppValue[]> } | undefined;
  let last: IppValue[] | undefined;
  while (at < data.length) {
    const tag = data.readUInt8(at++);
    if (tag === TAG.end) break;
    if (tag < 0x10) {
      current = { tag, attributes: new Map() };
      groups.push(current);
      last = undefined;
      continue;
    }
    if (at + 2 > data.length) throw new Error('IPP answer cut short');
    const nameLength = data.readUInt16BE(at); at += 2;
    const name = data.toString('utf8', at, at + nameLength); at += nameLength;
    const valueLength = data.readUInt16BE(at); at += 2;
    if (at + valueLength > data.length) throw new Error('IPP answer cut short');
    const raw = data.subarray(at, at + valueLength); at += valueLength;
    const value: IppValue =
      tag === VALUE.integer || tag === VALUE.enum ? raw.readInt32BE(0)
      : tag === VALUE.boolean ? raw.readUInt8(0) !== 0
      : tag === 0x35 || tag === 0x36 ? raw.toString('utf8', 4 + raw.readUInt16BE(0)) // text/nameWithLanguage
      : raw.toString('utf8');
    if (!current) throw new Error('IPP attribute outside a group');
    if (nameLength === 0 && last) last.push(value);
    else { last = [value]; current.attributes.set(name, last); }
  }
  return { status, groups };
}

/** POSTs one IPP request to CUPS and decodes the answer. */
export function ippCall(server: CupsServer, path: string, body: Buffer, timeoutMs = 5000): Promise<IppResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        ...('socketPath' in server ? { socketPath: server.socketPath } : { host: server.host, port: server.port }),
        method: 'POST', path,
        headers: { 'Content-Type': 'application/ipp', 'Content-Length': body.length, Host: 'localhost' },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`CUPS answered HTTP ${res.statusCode ?? '?'}`));
          try { resolve(decodeResponse(Buffer.concat(chunks))); } catch (e) { reject(e instanceof Error ? e : new Error(String(e))); }
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`CUPS did not answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

export const GET_JOBS = 0x000a;
export const GET_JOB_ATTRIBUTES = 0x0009;
export const IPP_TAGS = { ...VALUE, ...TAG };

/** job-state enum (RFC 8011 §5.3.7) as the spooler port names it. */
export function jobStateOf(value: IppValue | undefined): 'pending' | 'held' | 'processing' | 'stopped' | 'cancelled' | 'aborted' | 'completed' | undefined {
  switch (value) {
    case 3: return 'pending';
    case 4: return 'held';
    case 5: return 'processing';
    case 6: return 'stopped';
    case 7: return 'cancelled';
    case 8: return 'aborted';
    case 9: return 'completed';
    default: return undefined;
  }
}

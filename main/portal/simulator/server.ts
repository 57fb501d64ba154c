import { createHash, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { auditBatchSchema, createAuditReceiver } from './audit-store';
import { faultConfigSchema, Faults, REQUEST_FAULTS, type FaultConfig, type FaultPlan, type FaultSettings } from './faults';
import { message, SimError } from './sim-error';
import { createStore, openSimulatorDatabase, requestHash, type Answer, type SimDb, type SimStore } from './store';
import {
  agencyCode, calendarRequestSchema, catalogueRequestSchema, dossierChangeSchema, eventRequestSchema, leaseRequestSchema,
  newDossierSchema, parseBody, tokenRequestSchema, transitionSchema, uploadRequestSchema,
} from './validation';

// The provincial portal simulator: a real HTTP server implementing main/portal/PROTOCOL.md over
// its own SQLite storage, with fault injection. Tests and benchmarks start it in process;
// demos run `npm run portal-sim -- --port P --data DIR`. Per request the work is small: one
// route lookup, one zod parse, one hash, one short transaction on prepared statements.

export type SimulatorClient = Readonly<{ id: string; secret: string; /** Binds the client to one agency: its feed shows only that agency's dossiers. */ agency?: string }>;

export type PortalSimulatorOptions = Readonly<{
  /** 0 picks a free port. */
  port: number;
  /** Folder for the database and the uploaded files (created if missing). */
  dataDir: string;
  clientId?: string;
  clientSecret?: string;
  /** Further clients (several stations with their own credentials). */
  clients?: readonly SimulatorClient[];
  /** The portal's clock (token expiry, ping time, event times). */
  now?: () => Date;
  /** Interface to listen on; 127.0.0.1 unless a demo needs the LAN. */
  host?: string;
  /** Serve under a path prefix, e.g. "/dvc/v1", as a real base URL has one. */
  basePath?: string;
  /** Random source of the fault rates (tests make it deterministic). */
  random?: () => number;
}>;

export type RouteStats = Readonly<Record<string, Readonly<Record<string, number>>>>;
export type SimStats = Readonly<{ requests: number; routes: RouteStats }>;

export type PortalSimulator = Readonly<{
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:8790 (plus basePath). */
  url: string;
  port: number;
  clientId: string;
  clientSecret: string;
  faults: Readonly<{
    /** Replaces the run's faults (omitted settings are off); throws on invalid settings. */
    set: (settings: FaultSettings) => FaultConfig;
    reset: () => void;
    get: () => FaultConfig;
  }>;
  /** As POST /__sim/reset: forgets all dossiers, leases, uploads, events; faults and stats cleared. */
  reset: () => void;
  stats: () => SimStats;
  db: SimDb;
  store: SimStore;
  close: () => Promise<void>;
}>;

export const DEFAULT_CLIENT_ID = 'station-demo';
export const DEFAULT_CLIENT_SECRET = 'demo-secret';

const JSON_TYPE = 'application/json; charset=utf-8';
const MAX_JSON_BYTES = 1_000_000;
const MAX_CHUNK_BYTES = 16 * 1024 * 1024;
const SLOW_PIECE_BYTES = 16;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const ID = /^[A-Za-z0-9-]{1,100}$/;

type Params = readonly string[];
type Ctx = Readonly<{
  req: IncomingMessage;
  method: string;
  path: string;
  query: URLSearchParams;
  body: Buffer;
  clientId: string;
  agency: string | null;
}>;

type Route = Readonly<{
  key: string;
  auth: boolean;
  /** What to read of the request body before answering ('none': GETs). */
  body: 'json' | 'bytes' | 'none';
  handle: (ctx: Ctx, params: Params) => Answer;
  /** What an injected `X-Sim-Fault: 409 | 422` answers on this route. */
  injected?: (status: 409 | 422, params: Params) => SimError;
}>;

/** The client closed the connection before its request was read. */
class ClientGone extends Error {}

const answer = (status: number, body: unknown, headers?: Record<string, string>): Answer =>
  headers ? { status, body: JSON.stringify(body), headers } : { status, body: JSON.stringify(body) };

const errorAnswer = (e: SimError): Answer => {
  const a = answer(e.status, e.body());
  return e.status === 401 ? { ...a, headers: { 'www-authenticate': `Bearer error="invalid_token"` } } : a;
};

/** yyyyMMddHHmmss in Asia/Ho_Chi_Minh (UTC+7 all year). */
export function portalTimestamp(ms: number): string {
  return new Date(ms + 7 * 3600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function sameSecret(a: string, b: string): boolean {
  const h = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(h(a), h(b));
}

function matchesEtag(header: string | undefined, version: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1') === version || t.trim() === '*');
}

function jsonBody(ctx: Ctx): unknown {
  if (ctx.body.length === 0) throw new SimError(400, 'BODY_REQUIRED', message('BODY_REQUIRED'));
  const type = (ctx.req.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/json')) {
    throw new SimError(415, 'UNSUPPORTED_MEDIA_TYPE', message('UNSUPPORTED_MEDIA_TYPE', { type: 'application/json' }));
  }
  try {
    return JSON.parse(ctx.body.toString('utf8')) as unknown;
  } catch {
    throw new SimError(400, 'INVALID_JSON', message('INVALID_JSON'));
  }
}

function idempotencyKey(req: IncomingMessage, required: true): string;
function idempotencyKey(req: IncomingMessage, required: false): string | null;
function idempotencyKey(req: IncomingMessage, required: boolean): string | null {
  const key = req.headers['idempotency-key'];
  if (typeof key === 'string' && IDEMPOTENCY_KEY.test(key)) return key;
  if (key === undefined && !required) return null;
  throw new SimError(400, 'IDEMPOTENCY_KEY_REQUIRED', message('IDEMPOTENCY_KEY_REQUIRED'), { field: 'Idempotency-Key' });
}

function param(params: Params, i: number, notFound: () => SimError): string {
  const p = params[i];
  if (p === undefined || !ID.test(p)) throw notFound();
  return p;
}

export async function startPortalSimulator(options: PortalSimulatorOptions): Promise<PortalSimulator> {
  mkdirSync(options.dataDir, { recursive: true });
  const clock = options.now;
  const nowMs = clock ? () => clock().getTime() : () => Date.now();
  const db = openSimulatorDatabase(join(options.dataDir, 'portal.sqlite'));
  const store = createStore(db, { dataDir: options.dataDir, now: nowMs });
  const auditReceiver = createAuditReceiver(db); // the stations' audit logs (PROTOCOL.md, "Audit log")
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const clientSecret = options.clientSecret ?? DEFAULT_CLIENT_SECRET;
  store.upsertClient(clientId, clientSecret, null);
  for (const c of options.clients ?? []) store.upsertClient(c.id, c.secret, c.agency ?? null);

  const faults = new Faults(options.random);
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  let closed = false;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number) => new Promise<void>((resolve) => {
    const t = setTimeout(() => { timers.delete(t); resolve(); }, ms);
    timers.add(t);
  });

  // ── statistics ──
  let requestCount = 0;
  const routeStats = new Map<string, Map<string, number>>();
  const count = (route: string, label: string) => {
    let m = routeStats.get(route);
    if (!m) routeStats.set(route, (m = new Map()));
    m.set(label, (m.get(label) ?? 0) + 1);
  };
  const stats = (): SimStats => ({
    requests: requestCount,
    routes: Object.fromEntries([...routeStats].map(([k, m]) => [k, Object.fromEntries(m)])),
  });

  // ── the protocol ──
  const notFoundDossier = (params: Params) => () => new SimError(404, 'DOSSIER_NOT_FOUND', message('DOSSIER_NOT_FOUND', { id: params[0] ?? '' }));
  const notFoundUpload = (params: Params) => () => new SimError(404, 'UPLOAD_NOT_FOUND', message('UPLOAD_NOT_FOUND', { id: params[0] ?? '' }));
  const generic = (status: 409 | 422, code?: string) =>
    new SimError(status, code ?? (status === 409 ? 'CONFLICT' : 'UNPROCESSABLE'), message('FORCED', { status }));
  const mismatch = () => new SimError(422, 'IDEMPOTENCY_MISMATCH', message('IDEMPOTENCY_MISMATCH'));

  const token: Route = {
    key: 'POST /oauth/token', auth: false, body: 'json',
    handle: (ctx) => {
      const type = (ctx.req.headers['content-type'] ?? '').toLowerCase();
      const input = type.startsWith('application/x-www-form-urlencoded')
        ? Object.fromEntries(new URLSearchParams(ctx.body.toString('utf8')))
        : jsonBody(ctx);
      const body = parseBody(tokenRequestSchema, input);
      const client = store.client(body.client_id);
      if (!client || !sameSecret(client.secret, body.client_secret)) throw new SimError(401, 'INVALID_CLIENT', message('INVALID_CLIENT'));
      const ttl = faults.config.tokenTtlSeconds;
      const issued = store.issueToken(body.client_id, client.agency, ttl);
      return answer(200, { access_token: issued.token, token_type: 'Bearer', expires_in: ttl });
    },
  };

  const ping: Route = {
    key: 'GET /ping', auth: false, body: 'none',
    handle: () => answer(200, { ok: true, time: portalTimestamp(nowMs()) }),
  };

  const catalogue: Route = {
    key: 'GET /catalogue', auth: true, body: 'none',
    handle: (ctx) => {
      const c = store.catalogue();
      const etag = { etag: `"${c.version}"` };
      if (matchesEtag(ctx.req.headers['if-none-match'], c.version)) return { status: 304, body: '', headers: etag };
      return { status: 200, body: c.body, headers: etag };
    },
  };

  const calendar: Route = {
    key: 'GET /calendar', auth: true, body: 'none',
    handle: (ctx) => {
      const year = ctx.query.get('year') ?? '';
      if (!/^\d{4}$/.test(year) || Number(year) < 1900) {
        throw new SimError(400, 'VALIDATION', 'Năm (year) phải là số có 4 chữ số, ví dụ 2027.', { field: 'year' });
      }
      const c = store.calendar(Number(year));
      const etag = { etag: `"${c.version}"` };
      if (matchesEtag(ctx.req.headers['if-none-match'], c.version)) return { status: 304, body: '', headers: etag };
      return { status: 200, body: c.body, headers: etag };
    },
  };

  const leases: Route = {
    key: 'POST /agencies/{MaCoQuan}/number-leases', auth: true, body: 'json',
    handle: (ctx, params) => {
      let segment: string;
      try { segment = decodeURIComponent(params[0] ?? ''); } catch { segment = params[0] ?? ''; }
      const agency = parseBody(agencyCode, segment);
      const key = idempotencyKey(ctx.req, false);
      const raw = jsonBody(ctx);
      const body = parseBody(leaseRequestSchema, raw);
      return store.lease(key, requestHash(ctx.method, ctx.path, raw), agency, body.MaMayTram, body.Ngay, body.SoLuong, body.DaDung, ctx.clientId, faults.config.leaseIgnoresUsed);
    },
    injected: (status) => (status === 409 ? generic(409, 'SEQUENCE_EXHAUSTED') : generic(422)),
  };

  const auditBatches: Route = {
    key: 'POST /agencies/{MaCoQuan}/audit-batches', auth: true, body: 'json',
    handle: (ctx, params) => {
      let segment: string;
      try { segment = decodeURIComponent(params[0] ?? ''); } catch { segment = params[0] ?? ''; }
      return auditReceiver.receive(parseBody(agencyCode, segment), parseBody(auditBatchSchema, jsonBody(ctx)));
    },
  };

  const createDossier: Route = {
    key: 'POST /dossiers', auth: true, body: 'json',
    handle: (ctx) => {
      const key = idempotencyKey(ctx.req, true);
      const raw = jsonBody(ctx);
      const hash = requestHash(ctx.method, ctx.path, raw);
      return store.createDossier(key, hash, parseBody(newDossierSchema, raw), ctx.clientId);
    },
    injected: (status) => (status === 409 ? generic(409, 'DUPLICATE_CODE') : mismatch()),
  };

  const changeDossier: Route = {
    key: 'PATCH /dossiers/{IdHoSo}', auth: true, body: 'json',
    handle: (ctx, params) => {
      const id = param(params, 0, notFoundDossier(params));
      const key = idempotencyKey(ctx.req, true);
      const raw = jsonBody(ctx);
      const hash = requestHash(ctx.method, ctx.path, raw);
      return store.changeDossier(key, hash, id, parseBody(dossierChangeSchema, raw));
    },
    injected: (status) => (status === 409 ? generic(409, 'VERSION_CONFLICT') : mismatch()),
  };

  const transition: Route = {
    key: 'POST /dossiers/{IdHoSo}/transitions', auth: true, body: 'json',
    handle: (ctx, params) => {
      const id = param(params, 0, notFoundDossier(params));
      const key = idempotencyKey(ctx.req, true);
      const raw = jsonBody(ctx);
      const hash = requestHash(ctx.method, ctx.path, raw);
      return store.recordTransition(key, hash, id, parseBody(transitionSchema, raw));
    },
    injected: (status) => (status === 409 ? generic(409, 'VERSION_CONFLICT') : mismatch()),
  };

  const createUpload: Route = {
    key: 'POST /dossiers/{IdHoSo}/attachments', auth: true, body: 'json',
    handle: (ctx, params) => {
      const id = param(params, 0, notFoundDossier(params));
      const key = idempotencyKey(ctx.req, true);
      const raw = jsonBody(ctx);
      const hash = requestHash(ctx.method, ctx.path, raw);
      return store.createUpload(key, hash, id, parseBody(uploadRequestSchema, raw));
    },
    injected: (status) => (status === 409 ? generic(409) : mismatch()),
  };

  const putChunk: Route = {
    key: 'PUT /uploads/{IdTaiLen}', auth: true, body: 'bytes',
    handle: (ctx, params) => {
      const id = param(params, 0, notFoundUpload(params));
      const type = (ctx.req.headers['content-type'] ?? '').toLowerCase();
      if (!type.startsWith('application/octet-stream')) {
        throw new SimError(415, 'UNSUPPORTED_MEDIA_TYPE', message('UNSUPPORTED_MEDIA_TYPE', { type: 'application/octet-stream' }));
      }
      const offset = ctx.query.get('offset') ?? '';
      if (!/^\d{1,15}$/.test(offset)) throw new SimError(400, 'VALIDATION', 'Vị trí (offset) phải là số nguyên không âm.', { field: 'offset' });
      return store.putChunk(id, Number(offset), ctx.body);
    },
    injected: (status, params) => {
      if (status === 422) return generic(422);
      const received = store.uploadReceived(params[0] ?? '') ?? 0;
      return new SimError(409, 'OFFSET_MISMATCH', message('OFFSET_MISMATCH', { offset: '?', received }), { DaNhan: received });
    },
  };

  const uploadStatus: Route = {
    key: 'GET /uploads/{IdTaiLen}', auth: true, body: 'none',
    handle: (_ctx, params) => store.uploadStatus(param(params, 0, notFoundUpload(params))),
  };

  const completeUpload: Route = {
    key: 'POST /uploads/{IdTaiLen}/complete', auth: true, body: 'json', // a body, if any, is read and ignored
    handle: (_ctx, params) => store.completeUpload(param(params, 0, notFoundUpload(params))),
    injected: (status, params) => {
      const id = params[0] ?? '';
      if (status === 422) {
        store.restartUpload(id); // as a real checksum failure: the upload starts again from 0
        return new SimError(422, 'CHECKSUM_MISMATCH', message('CHECKSUM_MISMATCH'), { DaNhan: 0 });
      }
      const received = store.uploadReceived(id) ?? 0;
      return new SimError(409, 'OFFSET_MISMATCH', message('OFFSET_MISMATCH', { offset: '?', received }), { DaNhan: received });
    },
  };

  const feed: Route = {
    key: 'GET /feed', auth: true, body: 'none',
    handle: (ctx) => {
      const after = ctx.query.get('after') ?? '0';
      const limit = ctx.query.get('limit') ?? '100';
      if (!/^\d{1,15}$/.test(after)) throw new SimError(400, 'VALIDATION', 'Con trỏ (after) phải là giá trị "next" của lần đọc trước.', { field: 'after' });
      if (!/^\d{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > 1000) {
        throw new SimError(400, 'VALIDATION', 'Số sự kiện mỗi lần (limit) phải từ 1 đến 1000.', { field: 'limit' });
      }
      return store.feed(Number(after), Number(limit), ctx.agency);
    },
  };

  /** Routes by path shape: literal segments, "*" for a parameter. */
  const ROUTES: ReadonlyArray<Readonly<{ shape: readonly string[]; methods: Readonly<Record<string, Route>> }>> = [
    { shape: ['oauth', 'token'], methods: { POST: token } },
    { shape: ['ping'], methods: { GET: ping } },
    { shape: ['catalogue'], methods: { GET: catalogue } },
    { shape: ['calendar'], methods: { GET: calendar } },
    { shape: ['agencies', '*', 'number-leases'], methods: { POST: leases } },
    { shape: ['agencies', '*', 'audit-batches'], methods: { POST: auditBatches } },
    { shape: ['dossiers'], methods: { POST: createDossier } },
    { shape: ['dossiers', '*'], methods: { PATCH: changeDossier } },
    { shape: ['dossiers', '*', 'attachments'], methods: { POST: createUpload } },
    { shape: ['dossiers', '*', 'transitions'], methods: { POST: transition } },
    { shape: ['uploads', '*'], methods: { PUT: putChunk, GET: uploadStatus } },
    { shape: ['uploads', '*', 'complete'], methods: { POST: completeUpload } },
    { shape: ['feed'], methods: { GET: feed } },
  ];

  function findRoute(method: string, segments: readonly string[]): { route: Route; params: string[] } | SimError {
    for (const r of ROUTES) {
      if (r.shape.length !== segments.length) continue;
      const params: string[] = [];
      if (!r.shape.every((s, i) => (s === '*' ? (params.push(segments[i] ?? ''), true) : s === segments[i]))) continue;
      const route = r.methods[method];
      return route ? { route, params } : new SimError(405, 'METHOD_NOT_ALLOWED', message('METHOD_NOT_ALLOWED'));
    }
    return new SimError(404, 'NOT_FOUND', message('NOT_FOUND'));
  }

  function authenticate(req: IncomingMessage): { clientId: string; agency: string | null } {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const info = m?.[1] ? store.token(m[1]) : undefined;
    if (!info) throw new SimError(401, 'TOKEN_INVALID', message('TOKEN_INVALID'));
    if (info.expiresAt <= nowMs()) throw new SimError(401, 'TOKEN_EXPIRED', message('TOKEN_EXPIRED'));
    return info;
  }

  // ── writing answers ──
  function write(res: ServerResponse, a: Answer): void {
    const headers: Record<string, string | number> = { 'cache-control': 'no-store', ...a.headers };
    if (a.status !== 304) {
      headers['content-type'] = JSON_TYPE;
      headers['content-length'] = Buffer.byteLength(a.body);
    }
    res.writeHead(a.status, headers);
    res.end(a.status === 304 ? undefined : a.body);
  }

  /** The answer in SLOW_PIECE_BYTES pieces, `ms` apart (headers first, at once). */
  async function writeSlowly(res: ServerResponse, a: Answer, ms: number): Promise<void> {
    const bytes = Buffer.from(a.status === 304 ? '' : a.body);
    res.writeHead(a.status, { 'cache-control': 'no-store', ...a.headers, 'content-type': JSON_TYPE, 'content-length': bytes.length });
    res.flushHeaders();
    for (let i = 0; i < bytes.length; i += SLOW_PIECE_BYTES) {
      await later(ms);
      if (closed || res.destroyed) return;
      res.write(bytes.subarray(i, i + SLOW_PIECE_BYTES));
    }
    res.end();
  }

  /** A 200 whose body is not JSON: the first half of the real answer and an HTML fragment, as a broken gateway sends. */
  function garbage(a: Answer): Answer {
    return { status: 200, body: `${a.body.slice(0, Math.floor(a.body.length / 2))}<html><body>Bad Gateway</body></html>` };
  }

  function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit * 4) req.destroy(); // absurd: cut off rather than read on
        else if (size <= limit) chunks.push(chunk);
      });
      req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks, size)));
      req.on('error', reject);
      // A client gone mid-body (a station killed by the crash test): settle, so nothing waits forever.
      req.on('close', () => { if (!req.complete) reject(new ClientGone()); });
    });
  }

  // ── simulator administration ──
  async function admin(req: IncomingMessage, res: ServerResponse, method: string, segments: readonly string[], query: URLSearchParams): Promise<void> {
    const body = await readBody(req, 50 * MAX_JSON_BYTES);
    const input = () => {
      if (!body || body.length === 0) return {};
      try {
        return JSON.parse(body.toString('utf8')) as unknown;
      } catch {
        throw new SimError(400, 'INVALID_JSON', message('INVALID_JSON'));
      }
    };
    const [what, arg] = segments;
    const run = (): Answer => {
      switch (`${method} ${what}${arg === undefined ? '' : '/*'}`) {
        case 'POST faults': return answer(200, faults.set(parseBody(faultConfigSchema, input())));
        case 'GET faults': return answer(200, faults.config);
        case 'GET dossiers': {
          const dossiers = store.dossiers(query.get('MaCoQuan'));
          return answer(200, { count: dossiers.length, dossiers });
        }
        case 'GET attachments/*': return answer(200, store.attachments(arg ?? ''));
        case 'GET transitions/*': return answer(200, { transitions: store.transitions(arg ?? '') });
        case 'GET leases': return answer(200, { leases: store.leases() });
        case 'POST events': {
          const raw = input();
          const batch = raw !== null && typeof raw === 'object' && Array.isArray((raw as { events?: unknown }).events);
          const list = batch ? (raw as { events: unknown[] }).events : [raw];
          const appended = store.inTransaction(() => list.map((e) => {
            const ev = parseBody(eventRequestSchema, e);
            return JSON.parse(store.appendEvent({ ...ev, ThoiGian: ev.ThoiGian ?? portalTimestamp(nowMs()) }).body) as unknown;
          }));
          return answer(201, batch ? { events: appended } : appended[0]);
        }
        case 'POST catalogue': {
          const c = parseBody(catalogueRequestSchema, input());
          return answer(200, { version: store.setCatalogue(c.procedures, c.version) });
        }
        case 'POST calendar': {
          const c = parseBody(calendarRequestSchema, input());
          return answer(200, { year: c.year, version: store.setCalendar(c.year, c.days, c.version) });
        }
        case 'POST reset': resetAll(); return answer(200, { ok: true });
        case 'GET stats': return answer(200, stats());
        default: return errorAnswer(new SimError(404, 'NOT_FOUND', message('NOT_FOUND')));
      }
    };
    try {
      if (body === null) throw new SimError(413, 'PAYLOAD_TOO_LARGE', message('PAYLOAD_TOO_LARGE'));
      write(res, run());
    } catch (error) {
      if (!(error instanceof SimError)) throw error;
      write(res, errorAnswer(error));
    }
  }

  function resetAll(): void {
    store.reset();
    faults.reset();
    routeStats.clear();
    requestCount = 0;
  }

  // ── one request ──
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    let path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1));
    if (basePath) {
      if (path !== basePath && !path.startsWith(`${basePath}/`)) return write(res, errorAnswer(new SimError(404, 'NOT_FOUND', message('NOT_FOUND'))));
      path = path.slice(basePath.length) || '/';
    }
    const segments = path.split('/').slice(1);
    if (segments[0] === '__sim') return admin(req, res, method, segments.slice(1), query);

    requestCount += 1;
    const found = findRoute(method, segments);
    if (found instanceof SimError) {
      count('unknown', String(found.status));
      return write(res, errorAnswer(found));
    }
    const { route, params } = found;
    const header = req.headers['x-sim-fault'];
    const asked = typeof header === 'string' ? header : undefined;
    const unknownFault = asked?.split(',').map((s) => s.trim().toLowerCase()).find((f) => !(REQUEST_FAULTS as readonly string[]).includes(f));
    if (unknownFault !== undefined) {
      count(route.key, '400');
      return write(res, errorAnswer(new SimError(400, 'SIM_FAULT_UNKNOWN', `X-Sim-Fault "${unknownFault}" không có; dùng: ${REQUEST_FAULTS.join(', ')}.`, { field: 'X-Sim-Fault' })));
    }
    const plan: FaultPlan = faults.plan(method, path, asked);

    if (plan.latencyMs > 0) await later(plan.latencyMs);
    if (closed) { req.socket.destroy(); return; }
    if (plan.dropBeforeCommit) {
      count(route.key, 'dropped-before-commit');
      req.socket.destroy();
      return;
    }

    const body = route.body === 'none' ? Buffer.alloc(0) : await readBody(req, route.body === 'bytes' ? MAX_CHUNK_BYTES : MAX_JSON_BYTES);
    if (closed) { req.socket.destroy(); return; }

    let result: Answer;
    try {
      if (body === null) throw new SimError(413, 'PAYLOAD_TOO_LARGE', message('PAYLOAD_TOO_LARGE'));
      if (plan.status5xx) throw new SimError(503, 'SERVICE_UNAVAILABLE', message('SERVICE_UNAVAILABLE'));
      if (plan.forced) {
        const { status, code } = plan.forced;
        throw new SimError(status, code ?? (status === 401 ? 'TOKEN_EXPIRED' : status >= 500 ? 'INTERNAL' : 'FORCED'), message('FORCED', { status }));
      }
      let auth: { clientId: string; agency: string | null } = { clientId: '', agency: null };
      if (route.auth) {
        if (plan.expireToken) {
          const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
          if (m?.[1]) store.expireToken(m[1]);
        }
        auth = authenticate(req);
      }
      if (plan.conflict) throw route.injected ? route.injected(plan.conflict, params) : generic(plan.conflict);
      result = route.handle({ req, method, path, query, body, clientId: auth.clientId, agency: auth.agency }, params);
    } catch (error) {
      if (error instanceof SimError) result = errorAnswer(error);
      else {
        if (closed) { req.socket.destroy(); return; }
        console.error(`[portal-sim] ${route.key}:`, error);
        result = errorAnswer(new SimError(500, 'INTERNAL', message('INTERNAL')));
      }
    }

    if (plan.dropAfterCommit) {
      count(route.key, 'dropped-after-commit');
      req.socket.destroy();
      return;
    }
    if (plan.garbage) {
      count(route.key, 'garbage');
      result = garbage(result);
    } else {
      count(route.key, String(result.status));
    }
    if (plan.slowBodyMs > 0) return writeSlowly(res, result, plan.slowBodyMs);
    write(res, result);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof ClientGone || req.destroyed || res.destroyed) { res.destroy(); return; }
      if (!closed) console.error('[portal-sim]', error);
      if (!res.headersSent && !closed) write(res, errorAnswer(new SimError(500, 'INTERNAL', message('INTERNAL'))));
      else res.destroy();
    });
  });
  // Longer than any client's idle keep-alive, so the server is never the side closing a socket
  // a client is about to reuse (which would look like a dropped connection).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}${basePath}`,
    port,
    clientId,
    clientSecret,
    faults: { set: (s) => faults.set(s), reset: () => faults.reset(), get: () => faults.config },
    reset: resetAll,
    stats,
    db,
    store,
    close: () => new Promise<void>((resolve) => {
      if (closed) return resolve();
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      server.close(() => {
        db.close();
        resolve();
      });
    }),
  };
}

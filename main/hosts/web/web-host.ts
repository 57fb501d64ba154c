import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { describeChannels, describeEvents, errorPayload } from '../../contract/dispatch';
import { StationError, type ErrorCode } from '../../core/errors';
import { messages } from '../../messages';
import { openStation, type Station, type StationOptions } from '../../station';
import { RENDERER_RESPONSE_HEADERS, resolveRendererRequest } from '../renderer-files';
import { isValidLocalDateTime } from '../../core/time';
import { createTestClock, type TestClock } from './test-clock';
import { DISPLAY_OFFICER } from '../../contract/display-bridge';
import { KIOSK_OFFICER } from '../../contract/queue-channels';
import type { Role } from '../../contract/channel';

// The web host: the same renderer bundle and the same handlers as the desktop app, served on
// 127.0.0.1 only, so the real UI can be driven in Chromium where Electron cannot run.
// Development and tests only: the packaged app never starts it.

export type WebHostOptions = Omit<StationOptions, 'host'> & Readonly<{
  port: number;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  token?: string;
  /** How long a client may take to send its headers, and its whole request (ms). */
  timeouts?: Readonly<{ headersMs?: number; requestMs?: number }>;
  /**
   * Run on a test clock (`--test-clock 2027-03-08T09:00`, Vietnam time): the station starts at
   * that moment and runs on from it; the host-only channels `testClock.get` and `testClock.set`
   * read and move it. Tests and demos of whole lives only — the desktop host has no such option.
   */
  testClock?: string;
}>;

export type WebHost = Readonly<{
  url: string;
  port: number;
  token: string;
  station: Station;
  close: () => Promise<void>;
  testClock: TestClock | null;
  /**
   * The address of the screen facing the citizen in a browser (a second window or a second
   * PC's browser pointed at this one): the renderer's #display page with the token and a session
   * of the `display` role, opened on first ask and never idle-locked, as the desktop host's
   * second window has. The same address each time it is asked.
   */
  displayUrl: () => string;
  /** The ticket kiosk's address: `…/#kiosk&token=…&session=…`, a session of the kiosk role (never idle-locked). */
  kioskUrl: () => string;
}>;

const MAX_BODY_BYTES = 1_000_000;

const STATUS_OF: Partial<Record<string, number>> = {
  LOGIN_REQUIRED: 401, SESSION_LOCKED: 423, ROLE_FORBIDDEN: 403, INTAKE_KEY_CONFLICT: 409,
  CHANNEL_UNKNOWN: 404, DOSSIER_NOT_FOUND: 404, UNAUTHORIZED: 401, INTERNAL: 500, PRINT_FAILED: 502,
};

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const testClock = options.testClock === undefined ? null : createTestClock(options.testClock);
  const station = openStation({ ...options, host: 'web', ...(testClock ? { now: testClock.now } : {}) });
  const token = options.token ?? randomBytes(24).toString('hex');
  const dispatch = station.dispatch;
  const rendererRoot = resolve(options.rendererDir);
  let port = options.port;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const send = (res: ServerResponse, status: number, body: unknown) => {
    const json = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  };
  const refuse = (res: ServerResponse, code: ErrorCode, status: number, params = {}) =>
    send(res, status, { ok: false, error: errorPayload(new StationError(code, params), station.language(), messages) });

  const authorized = (req: IncomingMessage) => {
    const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const readBody = (req: IncomingMessage) =>
    new Promise<string | null>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      // An oversized body is read to its end and dropped, so the client gets its 413 answer
      // rather than a reset connection; only an absurd one is cut off.
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > 20 * MAX_BODY_BYTES) req.destroy();
        else if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      });
      req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  // The renderer's files, chosen by the same rules as the desktop host's app:// scheme.
  const serveStatic = (req: IncomingMessage, res: ServerResponse) => {
    const origin = `http://${req.headers.host ?? `127.0.0.1:${port}`}`;
    const answer = resolveRendererRequest(rendererRoot, origin, `${origin}${req.url ?? '/'}`, req.method);
    if (answer.status !== 200) {
      if (answer.reason === 'missing' && !existsSync(join(rendererRoot, 'index.html'))) {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Renderer not built: run `npm run build:renderer`.');
        return;
      }
      return refuse(res, answer.status === 405 ? 'CHANNEL_UNKNOWN' : 'VALIDATION', answer.status, { detail: 'đường dẫn không hợp lệ', channel: answer.reason });
    }
    res.writeHead(200, { ...RENDERER_RESPONSE_HEADERS, 'content-type': answer.contentType });
    if (req.method === 'HEAD') { res.end(); return; }
    createReadStream(answer.file).pipe(res);
  };

  // Server-Sent Events: one stream per renderer, every station event as `event: name`.
  const streams = new Set<ServerResponse>();
  const unsubscribe = station.events.subscribe((e) => {
    const frame = `event: ${e.name}\ndata: ${JSON.stringify(e.payload)}\n\n`;
    for (const res of streams) res.write(frame);
  });
  const streamEvents = (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(': trạm tiếp nhận\n\n'); // the headers go out at once: the renderer knows it is connected
    streams.add(res);
    res.on('close', () => streams.delete(res));
  };
  // Proxies and the browser drop a silent stream: a comment every 25 s keeps it open.
  const keepAlive = setInterval(() => { for (const res of streams) res.write(': ping\n\n'); }, 25_000);
  keepAlive.unref();

  // A client that sends its headers or its body slowly does not hold a connection for ever
  // (Node checks the limits every connectionsCheckingInterval: 30 s unless told).
  const headersTimeout = options.timeouts?.headersMs ?? 10_000;
  const server = createServer({
    headersTimeout,
    requestTimeout: options.timeouts?.requestMs ?? 30_000,
    keepAliveTimeout: 5_000,
    connectionsCheckingInterval: Math.min(1_000, Math.ceil(headersTimeout / 2)),
  }, async (req, res) => {
    try {
      // DNS rebinding and cross-site requests: only our own origin may talk to the station.
      if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 'UNAUTHORIZED', 403);
      const origin = req.headers.origin;
      if (origin && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) return refuse(res, 'UNAUTHORIZED', 403);
      const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (pathname === '/api' && req.method === 'GET') {
        // What the station answers is nobody's business without the token.
        if (!authorized(req)) return refuse(res, 'UNAUTHORIZED', 401);
        return send(res, 200, { channels: describeChannels(), events: describeEvents() });
      }
      if (pathname === '/api/events' && req.method === 'GET') {
        if (!authorized(req)) return refuse(res, 'UNAUTHORIZED', 401);
        return streamEvents(res);
      }
      if (pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return refuse(res, 'CHANNEL_UNKNOWN', 405, { channel: pathname });
        if (!authorized(req)) return refuse(res, 'UNAUTHORIZED', 401);
        // Host-only channels of the test clock: they exist only when the host runs on one.
        if (testClock && (pathname === '/api/testClock.get' || pathname === '/api/testClock.set')) return testClockCall(req, res, pathname, testClock);
        if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
          return refuse(res, 'VALIDATION', 415, { detail: 'Content-Type phải là application/json' });
        }
        const body = await readBody(req);
        if (body === null) return refuse(res, 'VALIDATION', 413, { detail: 'yêu cầu quá lớn' });
        let payload: unknown;
        try {
          payload = body.length === 0 ? {} : JSON.parse(body);
        } catch {
          return refuse(res, 'VALIDATION', 400, { detail: 'JSON không hợp lệ' });
        }
        // The officer's session (after a login) rides beside the station's token.
        const session = req.headers['x-station-session'];
        const result = await dispatch(pathname.slice('/api/'.length), payload, typeof session === 'string' && session.length <= 100 ? session : undefined);
        return send(res, result.ok ? 200 : (STATUS_OF[result.error.code] ?? 400), result);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 'CHANNEL_UNKNOWN', 405, { channel: pathname });
      return serveStatic(req, res);
    } catch (error) {
      console.error('[web-host]', error);
      if (!res.headersSent) refuse(res, 'INTERNAL', 500);
      else res.destroy();
    }
  });

  /** `testClock.get` → { now }; `testClock.set { at: "YYYY-MM-DDTHH:mm" }` moves it (it runs on from there). */
  async function testClockCall(req: IncomingMessage, res: ServerResponse, pathname: string, clock: TestClock): Promise<void> {
    if (pathname === '/api/testClock.set') {
      const body = await readBody(req);
      let at: unknown;
      try {
        at = (JSON.parse(body ?? '{}') as { at?: unknown }).at;
      } catch {
        return refuse(res, 'VALIDATION', 400, { detail: 'JSON không hợp lệ' });
      }
      if (!isValidLocalDateTime(at)) return refuse(res, 'VALIDATION', 400, { detail: 'at phải có dạng YYYY-MM-DDTHH:mm (giờ Việt Nam)' });
      clock.set(at);
      station.events.emit('clock.changed', { now: clock.local() });
    }
    return send(res, 200, { ok: true, value: { now: clock.local() } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  /** A device's address (the citizen's display, the ticket kiosk): its page and one session of its own role, opened on first ask, never idle-locked. */
  const deviceUrl = (page: 'display' | 'kiosk', device: Readonly<{ id: string; name: string; roles: readonly Role[] }>) => {
    let session: string | undefined;
    return () => {
      session ??= station.sessions.open({ ...device, roles: [...device.roles] }, { idleLock: false }).id;
      return `http://127.0.0.1:${port}/#${page}&token=${token}&session=${session}`;
    };
  };
  const displayUrl = deviceUrl('display', DISPLAY_OFFICER);
  const kioskUrl = deviceUrl('kiosk', KIOSK_OFFICER);
  return {
    displayUrl,
    kioskUrl,
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    station,
    testClock,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(keepAlive);
        unsubscribe();
        for (const stream of streams) stream.end();
        server.closeAllConnections();
        server.close(() => void station.close().then(resolve));
      }),
  };
}

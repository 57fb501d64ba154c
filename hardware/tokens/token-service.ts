import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Request, RequestName, Requests, Response, ScanDepth } from './pkcs11-protocol';
import { TokenError, type ModuleSpec, type TokenEvent, type TokenScan, type TokenService, type TokenSession } from './token';
import { nodeUsbEvents, type UsbEventSource, type UsbWatch } from './usb-watch';

// The station's side of the token layer: posts requests to the PKCS#11 worker and keeps the
// list of tokens right — a rescan on every USB attach/detach (node-usb) and a poll as the
// fallback, so a token plugged in shows within 2 seconds either way.

export type TokenServiceOptions = Readonly<{
  modules: readonly ModuleSpec[];
  /** Poll interval (ms). Default 1500: within the 2 s promise even without USB events. */
  pollMs?: number;
  /** Hot-plug source; node-usb by default. */
  usbEvents?: UsbEventSource;
  /** Delay between a USB event and the rescan, for the device to enumerate (ms). Default 400. */
  usbSettleMs?: number;
}>;

const TIMEOUT_MS: Record<RequestName, number> = {
  configure: 60_000, scan: 30_000, pinState: 15_000, reset: 15_000, shutdown: 10_000,
  // A token with its own PIN pad waits for the officer.
  login: 120_000, sign: 120_000, logout: 15_000,
};

/**
 * How to start the worker. From the bundle (dist/electron/main.cjs) the worker is the sibling
 * pkcs11-worker.cjs; from TypeScript source (vitest, tsx, the browser host) it is
 * pkcs11-worker.ts, run through tsx's loader registered inside the worker first.
 */
function spawnWorker(): Worker {
  const here = import.meta.url;
  if (!fileURLToPath(here).endsWith('.ts')) return new Worker(new URL('./pkcs11-worker.cjs', here));
  const require = createRequire(here);
  const tsxDir = dirname(require.resolve('tsx/package.json'));
  const pkg = JSON.parse(readFileSync(join(tsxDir, 'package.json'), 'utf8')) as { exports: Record<string, { import?: { default?: string } }> };
  const api = pathToFileURL(join(tsxDir, pkg.exports['./esm/api']?.import?.default ?? 'dist/esm/api/index.mjs')).href;
  const file = new URL('./pkcs11-worker.ts', here).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); });`;
  return new Worker(boot, { eval: true });
}

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void; timer: NodeJS.Timeout };

/** Starts the worker, loads the modules and makes the first scan in the background. */
export function startTokenService(options: TokenServiceOptions): TokenService {
  let modules = options.modules;
  let worker: Worker | undefined;
  let configured: Promise<unknown> | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Set<(e: TokenEvent) => void>();
  let last: TokenScan = { modules: [], tokens: [] };
  let lastFingerprint = '';
  let closed = false;
  let usb: UsbWatch = { events: false, reason: 'starting', tokenDevices: [], stop: () => {} };

  const emit = (e: TokenEvent) => { for (const l of listeners) l(e); };

  const failAll = (error: TokenError) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.reject(error);
      pending.delete(id);
    }
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const w = spawnWorker();
    w.unref(); // the station's close() ends it; it must not keep a test process alive
    w.on('message', (r: Response) => {
      const p = pending.get(r.id);
      if (!p) return;
      pending.delete(r.id);
      clearTimeout(p.timer);
      if (r.ok) p.resolve(r.value);
      else p.reject(new TokenError(r.error.code, r.error.detail, r.error.pin));
    });
    const lost = (why: string) => {
      if (worker !== w) return;
      worker = undefined;
      configured = undefined;
      failAll(new TokenError('TOKEN_FAILED', why));
    };
    w.on('error', (e) => lost(`worker: ${e.message}`));
    w.on('exit', (code) => lost(`worker exited (${code})`));
    worker = w;
    return w;
  };

  const post = <K extends RequestName>(op: K, args: Requests[K]['args']): Promise<Requests[K]['result']> => {
    if (closed) return Promise.reject(new TokenError('TOKEN_FAILED', 'token service closed'));
    const w = ensureWorker();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new TokenError('TOKEN_FAILED', `${op}: no answer in ${TIMEOUT_MS[op] / 1000} s`));
        // A module stuck in a call: start a fresh worker for what follows.
        if (worker === w) { worker = undefined; configured = undefined; void w.terminate(); }
      }, TIMEOUT_MS[op]);
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      w.postMessage({ id, op, args } as Request);
    });
  };

  /** Every request but `configure` waits for the modules of the current worker to be loaded. */
  const ready = async () => {
    ensureWorker();
    configured ??= post('configure', { modules });
    await configured;
  };

  const call = async <K extends RequestName>(op: K, args: Requests[K]['args']) => {
    await ready();
    return post(op, args);
  };

  const fingerprint = (s: TokenScan) =>
    JSON.stringify([
      s.modules.map((m) => [m.id, m.state, m.failure, m.detail]),
      s.tokens.map((t) => [t.ref, t.pin, t.certificates.map((c) => c.id)]),
    ]);

  let scanning: Promise<TokenScan> | undefined;
  const scan = async (depth: ScanDepth): Promise<TokenScan> => {
    const result = await call('scan', { depth });
    last = result;
    const f = fingerprint(result);
    if (f !== lastFingerprint) {
      lastFingerprint = f;
      emit({ kind: 'changed', scan: result });
    }
    return result;
  };
  /** One scan at a time; a poll arriving meanwhile just waits for it. */
  const scanOnce = (depth: ScanDepth) => {
    scanning ??= scan(depth).finally(() => { scanning = undefined; });
    return scanning;
  };

  const pollMs = options.pollMs ?? 1500;
  const poll = setInterval(() => {
    if (closed || scanning || pending.size > 0) return; // a signing in progress has priority
    scanOnce('cheap-reload').catch(() => { /* reported by the next explicit scan */ });
  }, pollMs);
  poll.unref();

  let settle: NodeJS.Timeout | undefined;
  void (options.usbEvents ?? nodeUsbEvents)((event) => {
    emit({ kind: 'usb', action: event.action, device: event.tokenName ? `${event.tokenName} (${event.id})` : event.id });
    clearTimeout(settle);
    settle = setTimeout(() => {
      void (async () => {
        await scanning?.catch(() => undefined);
        await scanOnce(event.action === 'attach' ? 'reload' : 'slots').catch(() => undefined);
      })();
    }, options.usbSettleMs ?? 400);
    settle.unref();
  }).then((w) => {
    if (closed) w.stop();
    else usb = w;
  });

  // Probe the modules and read the tokens now, so the officer's first look finds them.
  scanOnce('reload').catch(() => { /* the status channel shows the failure */ });

  const service: TokenService = {
    current: () => last,
    scan: async ({ reload = false } = {}) => {
      await scanning?.catch(() => undefined);
      return scanOnce(reload ? 'reload' : 'slots');
    },
    configure: async (next) => {
      modules = next;
      await ready();
      configured = post('configure', { modules });
      await configured;
      await scanning?.catch(() => undefined);
      return scanOnce('reload');
    },
    reset: async (moduleId) => { await call('reset', { moduleId }); },
    pinState: (tokenRef) => call('pinState', { tokenRef }),
    login: async (tokenRef, pin) => {
      const { sessionId } = await call('login', { tokenRef, pin });
      let open = true;
      const session: TokenSession = {
        tokenRef,
        sign: (keyId, mechanism, data) => {
          if (!open) return Promise.reject(new TokenError('SESSION_CLOSED', tokenRef));
          return call('sign', { sessionId, keyId, mechanism, data });
        },
        close: async () => {
          if (!open) return;
          open = false;
          await call('logout', { sessionId }).catch(() => undefined);
        },
      };
      return session;
    },
    usb: () => ({ events: usb.events, ...(usb.reason ? { reason: usb.reason } : {}), tokenDevices: usb.tokenDevices }),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      if (closed) return;
      clearInterval(poll);
      clearTimeout(settle);
      usb.stop();
      const w = worker;
      if (w) {
        await post('shutdown', {}).catch(() => undefined);
        closed = true;
        worker = undefined;
        failAll(new TokenError('TOKEN_FAILED', 'token service closed'));
        await w.terminate();
      }
      closed = true;
      listeners.clear();
    },
  };
  return service;
}

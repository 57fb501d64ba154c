import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { startPortalSimulator, type PortalSimulator, type PortalSimulatorOptions } from '../../../main/portal/simulator/server';
import { sampleDossier } from './fixtures';

// A simulator started for one test (closed and its data folder removed when the test ends),
// a clock the test moves, and a small HTTP client speaking PROTOCOL.md with fetch.

/** Monday 23/11/2026, 09:32:00 in Vietnam. */
export const START = new Date('2026-11-23T02:32:00Z');

export type Reply = Readonly<{ status: number; text: string; json: any; headers: Headers }>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type RequestOptions = Readonly<{
  body?: unknown;
  /** Raw bytes (PUT /uploads). */
  bytes?: Uint8Array;
  headers?: Record<string, string>;
  /** Idempotency-Key; a fresh one when `true`. */
  key?: string | true;
  /** X-Sim-Fault. */
  fault?: string;
  /** Send no Authorization header. */
  anonymous?: boolean;
}>;

export type TestPortal = Readonly<{
  sim: PortalSimulator;
  dir: string;
  clock: { now: () => Date; advance: (ms: number) => void };
  token: () => string;
  login: (clientId?: string, secret?: string) => Promise<string>;
  call: (method: string, path: string, options?: RequestOptions) => Promise<Reply>;
  /** POST /dossiers with a fresh key (or `key`), the sample record with `overrides` (a fresh MaHoSoTam unless a code is given). */
  create: (overrides?: Record<string, unknown>, key?: string) => Promise<Reply>;
  admin: (method: string, path: string, body?: unknown) => Promise<Reply>;
  restart: () => Promise<TestPortal>;
}>;

export async function startTestPortal(options: Partial<PortalSimulatorOptions> = {}, dir?: string): Promise<TestPortal> {
  const dataDir = dir ?? mkdtempSync(join(tmpdir(), 'portal-sim-test-'));
  let now = START.getTime();
  const clock = { now: () => new Date(now), advance: (ms: number) => { now += ms; } };
  const sim = await startPortalSimulator({ port: 0, dataDir, now: clock.now, ...options });
  let closed = false;
  const close = async () => { if (!closed) { closed = true; await sim.close(); } };
  if (!dir) onTestFinished(async () => { await close(); rmSync(dataDir, { recursive: true, force: true }); });
  else onTestFinished(close);

  let accessToken = '';
  async function call(method: string, path: string, o: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...o.headers };
    if (!o.anonymous && accessToken && !headers.authorization) headers.authorization = `Bearer ${accessToken}`;
    if (o.key) headers['idempotency-key'] = o.key === true ? randomUUID() : o.key;
    if (o.fault) headers['x-sim-fault'] = o.fault;
    let body: BodyInit | undefined;
    if (o.bytes) {
      body = new Uint8Array(o.bytes); // a copy typed on a plain ArrayBuffer, as BodyInit wants
      headers['content-type'] ??= 'application/octet-stream';
    } else if (o.body !== undefined) {
      body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json; charset=utf-8';
    }
    const res = await fetch(`${sim.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await res.text();
    let json: unknown;
    try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
    return { status: res.status, text, json, headers: res.headers };
  }
  async function login(clientId = sim.clientId, secret = sim.clientSecret): Promise<string> {
    const r = await call('POST', '/oauth/token', { anonymous: true, body: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret } });
    if (r.status !== 200) throw new Error(`login failed: ${r.status} ${r.text}`);
    accessToken = r.json.access_token;
    return accessToken;
  }
  await login();

  const portal: TestPortal = {
    sim,
    dir: dataDir,
    clock,
    token: () => accessToken,
    login,
    call,
    create: (overrides = {}, key) => {
      const code = 'MaHoSo' in overrides || 'MaHoSoTam' in overrides ? {} : { MaHoSoTam: `TAM-01-${randomUUID().slice(0, 8)}` };
      return call('POST', '/dossiers', { key: key ?? true, body: sampleDossier({ ...code, ...overrides }) });
    },
    admin: (method, path, body) => call(method, `/__sim/${path}`, { anonymous: true, ...(body === undefined ? {} : { body }) }),
    restart: async () => { await close(); return startTestPortal(options, dataDir); },
  };
  return portal;
}

/** Dossiers the portal holds, as GET /__sim/dossiers lists them. */
export async function storedDossiers(p: TestPortal): Promise<Array<Record<string, any>>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const r = await p.admin('GET', 'dossiers');
  return r.json.dossiers;
}

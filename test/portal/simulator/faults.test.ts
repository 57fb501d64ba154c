import { describe, expect, it } from 'vitest';
import { AGENCY, sampleDossier } from './fixtures';
import { startTestPortal, storedDossiers } from './harness';

const CODE = `${AGENCY}-261123-0001`;

describe('portal simulator: fault injection per request (X-Sim-Fault)', () => {
  it('drop-before-commit: the connection drops and nothing is stored; the key stays unused', async () => {
    const p = await startTestPortal();
    await expect(p.call('POST', '/dossiers', { key: 'k1', body: sampleDossier({ MaHoSo: CODE }), fault: 'drop-before-commit' })).rejects.toThrow();
    expect(await storedDossiers(p)).toHaveLength(0);
    await expect(p.call('GET', '/ping', { fault: 'drop-before-commit' })).rejects.toThrow();
    const retry = await p.create({ MaHoSo: CODE }, 'k1');
    expect(retry.status).toBe(201);
    expect(await storedDossiers(p)).toHaveLength(1);
  });

  it('drop-after-commit: the dossier IS stored although no answer came; the same key answers the original result', async () => {
    const p = await startTestPortal();
    await expect(p.call('POST', '/dossiers', { key: 'k1', body: sampleDossier({ MaHoSo: CODE }), fault: 'drop-after-commit' })).rejects.toThrow();
    const stored = await storedDossiers(p);
    expect(stored).toHaveLength(1);
    const retry = await p.create({ MaHoSo: CODE }, 'k1');
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual({ IdHoSo: stored[0]?.IdHoSo, MaHoSo: CODE, PhienBan: 1 });
    expect(await storedDossiers(p)).toHaveLength(1);
  });

  it('drop-after-commit on a provisional dossier: the retry gets the same final code', async () => {
    const p = await startTestPortal();
    const body = sampleDossier({ MaHoSoTam: 'TAM-01-0001' });
    await expect(p.call('POST', '/dossiers', { key: 'k1', body, fault: 'drop-after-commit' })).rejects.toThrow();
    const retry = await p.call('POST', '/dossiers', { key: 'k1', body });
    expect(retry.json.MaHoSo).toBe(`${AGENCY}-261123-0001`);
    expect(await storedDossiers(p)).toHaveLength(1);
  });

  it('5xx: 503 without effect', async () => {
    const p = await startTestPortal();
    const r = await p.call('POST', '/dossiers', { key: 'k1', body: sampleDossier({ MaHoSo: CODE }), fault: '5xx' });
    expect(r.status).toBe(503);
    expect(r.json.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(await storedDossiers(p)).toHaveLength(0);
    expect((await p.create({ MaHoSo: CODE }, 'k1')).status).toBe(201);
  });

  it('garbage: a 200 whose body is not JSON; the effect happened and a retry gets the real answer', async () => {
    const p = await startTestPortal();
    const r = await p.call('POST', '/dossiers', { key: 'k1', body: sampleDossier({ MaHoSo: CODE }), fault: 'garbage' });
    expect(r.status).toBe(200);
    expect(() => JSON.parse(r.text)).toThrow();
    expect(await storedDossiers(p)).toHaveLength(1);
    const retry = await p.create({ MaHoSo: CODE }, 'k1');
    expect(retry.status).toBe(201);
    expect(retry.json.MaHoSo).toBe(CODE);
  });

  it('slow-body: the answer arrives whole, in pieces over time', async () => {
    const p = await startTestPortal();
    const started = performance.now();
    const r = await p.call('GET', '/ping', { fault: 'slow-body' }); // 35 bytes: 3 pieces, 100 ms apart
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(r.json).toEqual({ ok: true, time: '20261123093200' });
  });

  it('409 and 422: the route’s usual refusal, without effect', async () => {
    const p = await startTestPortal();
    const dup = await p.call('POST', '/dossiers', { key: true, body: sampleDossier({ MaHoSo: CODE }), fault: '409' });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe('DUPLICATE_CODE');
    const mismatch = await p.call('POST', '/dossiers', { key: true, body: sampleDossier({ MaHoSo: CODE }), fault: '422' });
    expect(mismatch.status).toBe(422);
    expect(mismatch.json.error.code).toBe('IDEMPOTENCY_MISMATCH');
    expect(await storedDossiers(p)).toHaveLength(0);
    const id = (await p.create({ MaHoSo: CODE })).json.IdHoSo;
    const conflict = await p.call('PATCH', `/dossiers/${id}`, { key: true, body: { GhiChu: 'x', PhienBanTruoc: 1 }, fault: '409' });
    expect(conflict.json.error.code).toBe('VERSION_CONFLICT');
    expect((await storedDossiers(p))[0]?.PhienBan).toBe(1);
  });

  it('refuses an unknown fault name rather than ignoring it', async () => {
    const p = await startTestPortal();
    const r = await p.call('GET', '/ping', { fault: 'drop-sometimes' });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('SIM_FAULT_UNKNOWN');
  });
});

describe('portal simulator: fault injection for the run (POST /__sim/faults)', () => {
  it('sets and reads the faults over HTTP, validating them', async () => {
    const p = await startTestPortal();
    const set = await p.admin('POST', 'faults', { rate5xx: 1 });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ rate5xx: 1, dropAfterCommit: 0, tokenTtlSeconds: 3600 });
    expect((await p.call('GET', '/ping')).status).toBe(503);
    expect((await p.admin('GET', 'faults')).json.rate5xx).toBe(1);
    const invalid = await p.admin('POST', 'faults', { rate5xx: 2 });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.field).toBe('rate5xx');
    expect((await p.admin('POST', 'faults', { dropEverything: true })).status).toBe(400);
    await p.admin('POST', 'faults', {}); // a new setting replaces the whole previous one
    expect((await p.call('GET', '/ping')).status).toBe(200);
  });

  it('rate5xx answers about that share of requests with 503', async () => {
    const p = await startTestPortal();
    p.sim.faults.set({ rate5xx: 0.3 });
    const replies = await Promise.all(Array.from({ length: 200 }, () => p.call('GET', '/ping')));
    const failed = replies.filter((r) => r.status === 503).length;
    expect(failed).toBeGreaterThan(30);
    expect(failed).toBeLessThan(90);
    expect(replies.every((r) => r.status === 200 || r.status === 503)).toBe(true);
  });

  it('dropBeforeCommit / dropAfterCommit / garbageRate at 1 apply to every request', async () => {
    const p = await startTestPortal();
    p.sim.faults.set({ dropBeforeCommit: 1 });
    await expect(p.create({ MaHoSo: CODE }, 'k1')).rejects.toThrow();
    expect(await storedDossiers(p)).toHaveLength(0);
    p.sim.faults.set({ dropAfterCommit: 1 });
    await expect(p.create({ MaHoSo: CODE }, 'k1')).rejects.toThrow();
    expect(await storedDossiers(p)).toHaveLength(1);
    p.sim.faults.set({ garbageRate: 1 });
    const garbled = await p.create({ MaHoSo: CODE }, 'k1');
    expect(() => JSON.parse(garbled.text)).toThrow();
    p.sim.faults.reset();
    expect((await p.create({ MaHoSo: CODE }, 'k1')).json.MaHoSo).toBe(CODE);
    expect(await storedDossiers(p)).toHaveLength(1);
  });

  it('latencyMs delays every answer; slowBodyMs slows every body', async () => {
    const p = await startTestPortal();
    p.sim.faults.set({ latencyMs: 120, jitterMs: 30 });
    let started = performance.now();
    await p.call('GET', '/ping');
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(115);
    expect(took).toBeLessThan(1000);
    p.sim.faults.set({ slowBodyMs: 40 });
    started = performance.now();
    expect((await p.call('GET', '/ping')).json.ok).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110); // 3 pieces × 40 ms
  });

  it('force answers given statuses to matching requests, `times` times', async () => {
    const p = await startTestPortal();
    p.sim.faults.set({ force: [
      { method: 'POST', path: '/dossiers', status: 503, times: 2 },
      { path: '/uploads/*', status: 429, code: 'RATE_LIMITED' },
      { method: 'GET', path: '/feed', status: 401, times: 1 },
    ] });
    expect((await p.create({ MaHoSo: CODE }, 'k1')).status).toBe(503);
    expect((await p.create({ MaHoSo: CODE }, 'k1')).status).toBe(503);
    expect((await p.create({ MaHoSo: CODE }, 'k1')).status).toBe(201);
    const limited = await p.call('GET', '/uploads/abc');
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe('RATE_LIMITED');
    const unauthorised = await p.call('GET', '/feed');
    expect(unauthorised.status).toBe(401);
    expect(unauthorised.json.error.code).toBe('TOKEN_EXPIRED');
    expect((await p.call('GET', '/feed')).status).toBe(200);
  });
});

describe('portal simulator: administration', () => {
  it('counts requests by route and outcome', async () => {
    const p = await startTestPortal();
    await p.create({ MaHoSo: CODE }, 'k1');
    await p.create({ MaHoSo: CODE }, 'k1');
    await p.create({ MaHoSo: CODE });
    await expect(p.call('POST', '/dossiers', { key: true, body: sampleDossier({ MaHoSo: 'X-2' }), fault: 'drop-after-commit' })).rejects.toThrow();
    await p.call('GET', '/nothing-here');
    const stats = (await p.admin('GET', 'stats')).json;
    expect(stats.routes['POST /dossiers']).toEqual({ 201: 2, 409: 1, 'dropped-after-commit': 1 });
    expect(stats.routes['POST /oauth/token']).toEqual({ 200: 1 });
    expect(stats.routes.unknown).toEqual({ 404: 1 });
    expect(stats.requests).toBe(6);
  });

  it('reset forgets dossiers, faults and statistics, but feed cursors keep increasing', async () => {
    const p = await startTestPortal();
    const id = (await p.create({ MaHoSo: CODE })).json.IdHoSo;
    const before = (await p.admin('POST', 'events', { IdHoSo: id, TrangThaiHoSo: 4 })).json.Cursor;
    p.sim.faults.set({ latencyMs: 5 });
    expect((await p.admin('POST', 'reset')).json).toEqual({ ok: true });
    expect(await storedDossiers(p)).toHaveLength(0);
    expect(p.sim.faults.get().latencyMs).toBe(0);
    expect((await p.admin('GET', 'stats')).json).toEqual({ requests: 0, routes: {} });
    expect((await p.call('GET', '/feed')).json.events).toHaveLength(0); // the token survived the reset
    const again = (await p.create({ MaHoSo: CODE })).json.IdHoSo;
    const after = (await p.admin('POST', 'events', { IdHoSo: again, TrangThaiHoSo: 4 })).json.Cursor;
    expect(Number(after)).toBeGreaterThan(Number(before));
  });
});

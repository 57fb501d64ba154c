import { describe, expect, it } from 'vitest';
import { sampleDossier } from './fixtures';
import { startTestPortal } from './harness';

describe('portal simulator: login and tokens', () => {
  it('answers ping without a token, with the Vietnam time', async () => {
    const p = await startTestPortal();
    const r = await p.call('GET', '/ping', { anonymous: true });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ ok: true, time: '20261123093200' });
  });

  it('issues a bearer token for the right client credentials only', async () => {
    const p = await startTestPortal({ clientId: 'station-7', clientSecret: 's3cret' });
    const ok = await p.call('POST', '/oauth/token', { anonymous: true, body: { grant_type: 'client_credentials', client_id: 'station-7', client_secret: 's3cret' } });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(ok.json.access_token).toMatch(/^\S{20,}$/);

    const wrong = await p.call('POST', '/oauth/token', { anonymous: true, body: { grant_type: 'client_credentials', client_id: 'station-7', client_secret: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('INVALID_CLIENT');
    expect(wrong.json.error.message).toMatch(/mật khẩu ứng dụng/);

    const grant = await p.call('POST', '/oauth/token', { anonymous: true, body: { grant_type: 'password', client_id: 'station-7', client_secret: 's3cret' } });
    expect(grant.status).toBe(400);
    expect(grant.json.error.field).toBe('grant_type');

    const form = await p.call('POST', '/oauth/token', {
      anonymous: true,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=station-7&client_secret=s3cret',
    });
    expect(form.status).toBe(200);
  });

  it('refuses a missing or unknown token with TOKEN_INVALID', async () => {
    const p = await startTestPortal();
    const missing = await p.call('GET', '/catalogue', { anonymous: true });
    expect(missing.status).toBe(401);
    expect(missing.json.error.code).toBe('TOKEN_INVALID');
    const unknown = await p.call('GET', '/catalogue', { anonymous: true, headers: { authorization: 'Bearer not-a-token' } });
    expect(unknown.status).toBe(401);
    expect(unknown.json.error.code).toBe('TOKEN_INVALID');
  });

  it('expires tokens after expires_in seconds (TOKEN_EXPIRED); logging in again works', async () => {
    const p = await startTestPortal();
    expect((await p.call('GET', '/catalogue')).status).toBe(200);
    p.clock.advance(3599_000);
    expect((await p.call('GET', '/catalogue')).status).toBe(200);
    p.clock.advance(1_000);
    const expired = await p.call('GET', '/catalogue');
    expect(expired.status).toBe(401);
    expect(expired.json.error.code).toBe('TOKEN_EXPIRED');
    expect(expired.headers.get('www-authenticate')).toMatch(/Bearer/);
    await p.login();
    expect((await p.call('GET', '/catalogue')).status).toBe(200);
  });

  it('gives new tokens the lifetime set by the tokenTtlSeconds fault', async () => {
    const p = await startTestPortal();
    p.sim.faults.set({ tokenTtlSeconds: 2 });
    const r = await p.call('POST', '/oauth/token', { anonymous: true, body: { grant_type: 'client_credentials', client_id: 'station-demo', client_secret: 'demo-secret' } });
    expect(r.json.expires_in).toBe(2);
    await p.login();
    p.clock.advance(2_000);
    expect((await p.call('GET', '/ping')).status).toBe(200); // ping needs no token
    expect((await p.call('GET', '/feed')).json.error.code).toBe('TOKEN_EXPIRED');
  });

  it('X-Sim-Fault: expire-token expires the token for good, so the station must log in again', async () => {
    const p = await startTestPortal();
    const r = await p.create({}, 'k-expire');
    expect(r.status).toBe(201);
    const expired = await p.call('GET', '/catalogue', { fault: 'expire-token' });
    expect(expired.status).toBe(401);
    expect(expired.json.error.code).toBe('TOKEN_EXPIRED');
    expect((await p.call('GET', '/catalogue')).json.error.code).toBe('TOKEN_EXPIRED');
    await p.login();
    expect((await p.call('GET', '/catalogue')).status).toBe(200);
  });

  it('keeps tokens, dossiers and idempotency records across a restart on the same data folder', async () => {
    const p = await startTestPortal();
    const first = await p.create({ MaHoSo: '000.00.06.H56-261123-0001' }, 'k-restart');
    const token = p.token();
    const q = await p.restart();
    const again = await q.call('POST', '/dossiers', {
      key: 'k-restart', headers: { authorization: `Bearer ${token}` },
      body: sampleDossier({ MaHoSo: '000.00.06.H56-261123-0001' }),
    });
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

// Every command the README tells a person to type, started the way they type it (`npm run …`
// through npm, from the checkout), waited on for its first answer. A command whose entry file
// is missing from git, or that needs a compile step nobody runs, fails here.

const ROOT = resolve(import.meta.dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const children: ChildProcess[] = [];
// The commands' data folders: removed once every command is stopped (a stopping station still writes).
const base = mkdtempSync(join(tmpdir(), 'readme-commands-'));
let folders = 0;
const dataFolder = () => join(base, `data-${folders++}`);
afterAll(() => rmSync(base, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }));

// npm runs the command in a child of its own: each is started in a process group of its own and
// the whole group is stopped.
afterEach(async () => {
  for (const child of children.splice(0)) {
    const exited = new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
    try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* already gone */ }
    await exited;
  }
});

type Started = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function npm(args: string[], env: NodeJS.ProcessEnv = {}): Started {
  const child = spawn('npm', args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.push(child);
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => { out += c; });
  child.stderr!.setEncoding('utf8').on('data', (c: string) => { out += c; });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

/** Resolves with the first match of `re` in the output, or fails with everything printed. */
async function waitFor(started: Started, re: RegExp, ms: number): Promise<RegExpExecArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    const m = re.exec(started.output());
    if (m) return m;
    if (started.child.exitCode !== null) throw new Error(`exited ${started.child.exitCode} before ${re}:\n${started.output()}`);
    if (Date.now() > deadline) throw new Error(`no ${re} within ${ms} ms:\n${started.output()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function electronInstalled(): boolean {
  try {
    const dir = createRequire(import.meta.url).resolve('electron/package.json').replace(/package\.json$/, '');
    return existsSync(join(dir, 'path.txt'));
  } catch {
    return false;
  }
}

describe('the commands of the README', () => {
  it('names only commands this test starts', () => {
    const named = new Set([...README.matchAll(/npm (?:run ([\w:-]+)|(start|test))\b/g)].map((m) => m[1] ?? m[2]));
    // audit-verify is started the way the README names it by test/storage/audit-verify-command.test.ts.
    expect([...named].sort()).toEqual(['audit-verify', 'bench', 'portal-sim', 'start', 'test', 'web']);
  });

  it('npm run web -- --port P --data D answers GET /api within 2 s of its port opening', { timeout: 180_000 }, async () => {
    const web = npm(['run', 'web', '--', '--port', '0', '--data', dataFolder()]);
    // The first start of a fresh clone builds the host bundle (and the renderer if missing).
    const [, url, token] = await waitFor(web, /(http:\/\/127\.0\.0\.1:\d+\/)#token=(\w+)/, 170_000);
    const opened = Date.now();
    const api = await fetch(`${url}api`, { headers: { authorization: `Bearer ${token}` } });
    expect(api.status).toBe(200);
    expect(Date.now() - opened).toBeLessThan(2000);
    const { channels } = (await api.json()) as { channels: Array<{ channel: string }> };
    expect(channels.map((c) => c.channel)).toContain('dossier.save');
    // The page a person opens is the station itself.
    expect(await (await fetch(url!)).text()).toContain('<div id="root">');
  });

  it('npm run web -- --demo-portal starts with a portal simulator the station already talks to', { timeout: 180_000 }, async () => {
    const web = npm(['run', 'web', '--', '--port', '0', '--data', dataFolder(), '--demo-portal']);
    const [, url, token] = await waitFor(web, /(http:\/\/127\.0\.0\.1:\d+\/)#token=(\w+)/, 170_000);
    await waitFor(web, /Cổng mô phỏng \(demo\): http:\/\/127\.0\.0\.1:\d+/, 20_000);
    const post = (channel: string, body: unknown, session?: string) => fetch(`${url}api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(session ? { 'x-station-session': session } : {}) },
      body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<{ ok: boolean; value: { sessionId: string } }>);
    // A fresh station: the technician's first account, then the portal test a technician makes.
    const first = await post('officers.createFirst', { username: 'cntt', fullName: 'Phạm Quốc Huy', password: 'Tram-Tien-Du-2026' });
    expect(first.ok).toBe(true);
    expect(await post('portal.test', {}, first.value.sessionId)).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('npm run portal-sim -- --port P --data D prints its credentials and answers a login', { timeout: 60_000 }, async () => {
    const sim = npm(['run', 'portal-sim', '--', '--port', '0', '--data', dataFolder()]);
    const [, json] = await waitFor(sim, /^READY (\{.*\})$/m, 50_000);
    const ready = JSON.parse(json!) as { url: string; clientId: string; clientSecret: string };
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    expect(sim.output()).toContain(ready.clientSecret);
    const login = await fetch(`${ready.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: ready.clientId, client_secret: ready.clientSecret }),
    });
    expect(login.status).toBe(200);
    expect(await login.json()).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });
  });

  it.skipIf(electronInstalled())('npm start without the Electron binary says what to do and offers the browser host', { timeout: 60_000 }, async () => {
    const start = npm(['start']);
    expect(await start.exited).toBe(1);
    expect(start.output()).toContain('Chưa có chương trình Electron trên máy này');
    expect(start.output()).toContain('npm run web');
  });
});

import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../main/contract/channel';
import { channelNames, channels } from '../../main/contract/channels';
import type { Officer } from '../../main/contract/dispatch';
import { openStation } from '../../main/station';
import { FIXED_NOW, tempDir } from '../helpers/station';

// Every channel with every role, and without a login: a role the channel does not name is refused
// before anything runs; and fuzzed payloads make the station neither crash, hang, nor write
// after it said no.

const REFUSALS = new Set(['LOGIN_REQUIRED', 'ROLE_FORBIDDEN', 'SESSION_LOCKED']);
const officerWith = (roles: readonly Role[]): Officer => ({ id: `officer-${roles.join('-') || 'none'}`, name: `Cán bộ ${roles.join(' ')}`, roles });

function stationForTest() {
  const station = openStation({ dataDir: tempDir(), host: 'web', version: 'test', now: () => FIXED_NOW, sync: { autoStart: false } });
  const changes = () => (station.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  return { station, changes };
}

/** Deterministic pseudo-random numbers (mulberry32): a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = ['', ' ', '\u0000', 'a\u0000b', '\u202eabc', '\u200b', '../../etc/passwd', '%', 'x'.repeat(5000), '9'.repeat(30), '-1', 'null',
  '<script>', 'javascript:alert(1)', '1.001193', '000.00.06.H56-261123-0001', 'Nguyễn Văn An', '2026-02-30', '25:61', '🙂'];

function value(r: () => number, depth = 0): unknown {
  const pick = Math.floor(r() * 9);
  switch (pick) {
    case 0: return NASTY[Math.floor(r() * NASTY.length)];
    case 1: return Math.floor(r() * 2 ** 40) * (r() < 0.5 ? -1 : 1);
    case 2: return r() < 0.5 ? Number.NaN : r() * 1e6;
    case 3: return r() < 0.5;
    case 4: return null;
    case 5: return depth > 2 ? [] : Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
    default: return depth > 2 ? {} : object(r, depth + 1, []);
  }
}

function object(r: () => number, depth: number, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const n = Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const key = keys.length > 0 && r() < 0.8 ? keys[Math.floor(r() * keys.length)]! : NASTY[Math.floor(r() * NASTY.length)]!;
    out[key] = value(r, depth);
  }
  return out;
}

/** The channel's input keys, so most fuzzed payloads come near its shape. */
const keysOf = (name: (typeof channelNames)[number]) => Object.keys((channels[name].input as unknown as { shape?: Record<string, unknown> }).shape ?? {});

describe('who may call each channel', () => {
  it('refuses every non-public channel without a login, and every channel to a role it does not name', async () => {
    const { station, changes } = stationForTest();
    const sessions = Object.fromEntries(ROLES.map((role) => [role, station.sessions.open(officerWith([role])).id])) as Record<Role, string>;
    const checked: string[] = [];
    for (const name of channelNames) {
      const access = channels[name].access;
      // 42 is no channel's input: a call let through is refused by validation, never runs.
      const before = changes();
      const anonymous = await station.dispatch(name, 42);
      expect(anonymous.ok, name).toBe(false);
      if (access === 'public') expect(!anonymous.ok && anonymous.error.code, name).toBe('VALIDATION');
      else expect(!anonymous.ok && anonymous.error.code, name).toBe('LOGIN_REQUIRED');
      for (const role of ROLES) {
        const answer = await station.dispatch(name, 42, sessions[role]);
        const code = !answer.ok && answer.error.code;
        const allowed = access === 'public' || access.includes(role);
        expect(code, `${name} as ${role}`).toBe(allowed ? 'VALIDATION' : 'ROLE_FORBIDDEN');
        checked.push(`${name}:${role}`);
      }
      expect(changes(), name).toBe(before);
    }
    expect(checked.length).toBe(channelNames.length * ROLES.length);
    await station.close();
  });

  it('gives a leader dashboards and the log book, never the counter\'s or the technician\'s work', () => {
    const allowed = (role: Role) => channelNames.filter((n) => channels[n].access !== 'public' && (channels[n].access as readonly Role[]).includes(role));
    expect(allowed('leader')).toEqual(expect.arrayContaining(['dossier.logbook', 'dossier.search', 'audit.verify']));
    for (const forbidden of ['dossier.save', 'settings.update', 'signing.settings', 'portal.configure', 'officers.create', 'scanners.configure']) {
      expect(allowed('leader'), forbidden).not.toContain(forbidden);
    }
    for (const technicianOnly of ['settings.update', 'signing.settings', 'portal.configure', 'officers.create', 'calendar.put']) {
      expect(allowed('reception'), technicianOnly).not.toContain(technicianOnly);
    }
  });
});

describe('fuzzed calls', () => {
  // Channels that talk to devices or the network on a valid call: fuzzed for refusals only.
  const DEVICES = new Set(['scanners.list', 'scanners.capabilities', 'scan.start', 'signing.status', 'signing.rescan', 'signing.settings', 'signing.pinState',
    'signing.signSlip', 'signing.signScan', 'portal.test', 'slip.print', 'printers.list', 'session.login', 'session.unlock', 'officers.createFirst',
    'officers.create', 'officers.resetPassword', 'session.changePassword']);

  it('never crashes or hangs, never lets a forbidden role through, and writes nothing after a refusal', { timeout: 120_000 }, async () => {
    const { station, changes } = stationForTest();
    const r = random(20261201);
    const roleSets: ReadonlyArray<readonly Role[] | null> = [null, ['reception'], ['technician'], ['leader']];
    let calls = 0;
    let refusedWrites = 0;
    const internal: string[] = [];
    for (const name of channelNames) {
      const access = channels[name].access;
      const keys = keysOf(name);
      for (const roles of roleSets) {
        const allowed = access === 'public' || (roles !== null && roles.some((role) => access.includes(role)));
        if (allowed && DEVICES.has(name)) continue;
        for (let i = 0; i < 12; i++) {
          const session = roles ? station.sessions.open(officerWith(roles)).id : undefined;
          const payload = r() < 0.15 ? value(r) : object(r, 0, keys);
          const before = changes();
          const answer = await Promise.race([
            station.dispatch(name, payload, session),
            new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`${name} hung on ${JSON.stringify(payload).slice(0, 200)}`)), 10_000)),
          ]);
          calls++;
          if (!answer.ok) {
            if (answer.error.code === 'INTERNAL') internal.push(`${name} ${JSON.stringify(payload).slice(0, 200)}`);
            if (changes() !== before) refusedWrites++;
          }
          if (!allowed) expect(!answer.ok && REFUSALS.has(answer.error.code), `${name} as ${roles?.join() ?? 'nobody'}`).toBe(true);
        }
      }
    }
    expect(internal).toEqual([]);
    expect(refusedWrites).toBe(0);
    expect(calls).toBeGreaterThan(2000);
    await station.close();
  });
});

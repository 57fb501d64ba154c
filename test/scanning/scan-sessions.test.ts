import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScanSessions } from '../../main/scanning/scan-sessions';
import { createScannerHub } from '../../main/scanning/scanner-hub';
import { saneDriver } from '../../hardware/scanners/sane';
import { saneTestConfig } from '../hardware/scanners/sane-rig';
import { QUICK } from './helpers';
import { messages } from '../../main/messages';

// The sessions' own rules, with SANE's test device behind the real hub.

let dir: string;
let restoreSane: () => void;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scan-sessions-'));
  restoreSane = saneTestConfig(dir);
});
afterAll(() => {
  restoreSane();
  rmSync(dir, { recursive: true, force: true });
});

describe('scan sessions', () => {
  it('start no job in the work folder before what a crash left there is removed', async () => {
    // At start the station clears the work folder in the background; a job that made its
    // temporary folder meanwhile would see it removed under the scanner's feet.
    const workDir = join(dir, 'work');
    let cleared!: () => void;
    const workDirReady = new Promise<void>((resolve) => { cleared = resolve; });
    const settings = { deviceId: 'sane:test', profile: QUICK, deviceOptions: {}, dropBlankPages: true };
    const hub = createScannerHub({ settings: () => ({ ...settings, networkScanners: [], discoverNetwork: false, unfinishedSessionDays: 7 }), drivers: [saneDriver()] });
    const sessions = createScanSessions({ hub, workDir, workDirReady, language: () => 'vi', formatError: messages.error, defaults: () => settings });
    const session = sessions.open({ kind: 'test' }, 'Quét thử');
    await sessions.start(session.id, {});
    await new Promise((r) => setTimeout(r, 300));
    expect(sessions.get(session.id).job?.state).toBe('scanning');
    expect(existsSync(workDir)).toBe(false);
    cleared();
    const done = await sessions.settled(session.id);
    expect(done.job).toMatchObject({ state: 'done', received: 10, error: null });
  });
});

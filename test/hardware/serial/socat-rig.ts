import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// Two connected pseudo-terminals from socat: what is written to one comes out of the other, as
// between a PC's serial port and a device on a null-modem cable. socat prints "starting data
// transfer loop" once both ptys and their links exist; the rig waits for that line (and checks
// the links) instead of sleeping.

export type SocatPair = Readonly<{
  /** The link of one end ("the PC's port"). */
  a: string;
  /** The link of the other end ("the device"). */
  b: string;
  dir: string;
  process: ChildProcess;
  /** Kills socat (SIGTERM: it removes the links; SIGKILL: they stay, dangling) and waits for it. */
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}>;

/**
 * A pair at links of its own temporary folder, or at the links a test chooses (`at`), so that a
 * pair can be taken away — the device unplugged — and made again at the same path. The chosen
 * links' folder is the test's: killing the pair removes only what socat made.
 */
export async function socatPair(at?: Readonly<{ a: string; b: string }>): Promise<SocatPair> {
  const dir = at ? dirname(at.a) : mkdtempSync(join(tmpdir(), 'socat-rig-'));
  const a = at?.a ?? join(dir, 'A');
  const b = at?.b ?? join(dir, 'B');
  const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const onData = (d: Buffer) => {
      log += d.toString('utf8');
      if (log.includes('starting data transfer loop')) {
        child.stderr!.off('data', onData);
        // Keep draining stderr so that socat never blocks on a full pipe.
        child.stderr!.resume();
        resolve();
      }
    };
    child.stderr!.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`socat exited (${code}) before both ptys existed: ${log}`)));
  });
  if (!existsSync(a) || !existsSync(b)) throw new Error(`socat reported ready but ${a} or ${b} is missing`);
  let killed = false;
  return {
    a,
    b,
    dir,
    process: child,
    kill: async (signal = 'SIGTERM') => {
      if (!killed && child.exitCode === null && child.signalCode === null) child.kill(signal);
      killed = true;
      await exited;
      if (!at) rmSync(dir, { recursive: true, force: true });
    },
  };
}

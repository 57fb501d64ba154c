import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

// socat's pty pair at links the test chooses, so that a pair can be taken away (the reader
// unplugged) and made again at the same path (plugged back in). Ready when socat says so and the
// links exist; killed with SIGTERM, socat removes its links, as a USB device node goes away.

export type SocatAt = Readonly<{ a: string; b: string; kill: () => Promise<void> }>;

export async function socatAt(a: string, b: string): Promise<SocatAt> {
  const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const onData = (d: Buffer) => {
      log += d.toString('utf8');
      if (log.includes('starting data transfer loop')) {
        child.stderr!.off('data', onData);
        child.stderr!.resume();
        resolve();
      }
    };
    child.stderr!.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`socat exited (${code}): ${log}`)));
  });
  if (!existsSync(a) || !existsSync(b)) throw new Error(`socat is ready but ${a} or ${b} is missing`);
  return {
    a,
    b,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

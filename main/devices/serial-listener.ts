import { existsSync } from 'node:fs';
import {
  listSerialPorts,
  openSerialLines,
  SerialError,
  type SerialLineEvent,
  type SerialLineOptions,
  type SerialLineReader,
} from '../../hardware/serial/serial-lines';

// Listens to the serial identity-card reader the technician set up, for as long as the station
// runs: the port is opened, each line handed on; when the reader is unplugged (or its virtual
// COM port vanishes) the listener waits, asks the OS for the port now and then, and reopens it
// when it is back. A port that is there but cannot be opened (another program holds it, no
// permission) is retried at the same pace, so closing the other program is enough.

export type SerialTarget = Readonly<{ path: string; baudRate: number; idleMs: number | null }>;

export type ListenerState =
  | Readonly<{ state: 'off' }>
  | Readonly<{ state: 'listening'; path: string }>
  /** The port is not there: never plugged in, or unplugged while open. */
  | Readonly<{ state: 'waiting'; path: string; because: 'not_found' | 'gone' }>
  /** The port is there but refused (busy, access denied, a setting the driver refuses). */
  | Readonly<{ state: 'failed'; path: string; error: SerialError }>;

export type ListenerDeps = Readonly<{
  onLine: (text: string) => void;
  onGarbage: (bytes: number) => void;
  onState: (state: ListenerState) => void;
  /** How often to look for a port that is missing or refused (default 1000 ms). */
  pollMs?: number;
  /** How often an open port is checked for a vanished device (default 500 ms). */
  probeMs?: number;
  /** Whether the port is there now (default: listed by the OS, or a device node that exists). */
  portPresent?: (path: string) => Promise<boolean>;
  open?: (options: SerialLineOptions, onEvent: (event: SerialLineEvent) => void) => Promise<SerialLineReader>;
}>;

/**
 * The OS lists the serial ports it enumerates (USB adapters, COM ports); virtual ports (a pty, a
 * com0com pair, a socat link) are often not listed but exist as device nodes on Linux and macOS.
 */
export async function serialPortPresent(path: string): Promise<boolean> {
  const listed = await listSerialPorts().then((ports) => ports.some((p) => p.path === path), () => false);
  return listed || (process.platform !== 'win32' && existsSync(path));
}

export class SerialReaderListener {
  private generation = 0;
  private target: SerialTarget | null = null;
  private reader: SerialLineReader | undefined;
  private timer: NodeJS.Timeout | undefined;
  private current: ListenerState = { state: 'off' };
  private readonly pollMs: number;
  private readonly present: (path: string) => Promise<boolean>;
  private readonly open: NonNullable<ListenerDeps['open']>;

  constructor(private readonly deps: ListenerDeps) {
    this.pollMs = deps.pollMs ?? 1000;
    this.present = deps.portPresent ?? serialPortPresent;
    this.open = deps.open ?? openSerialLines;
  }

  get state(): ListenerState {
    return this.current;
  }

  /** The port it listens to (or waits for), if any. */
  get path(): string | undefined {
    return this.target?.path;
  }

  /** Listens to another port (or none); resolves once the first attempt to open it is over. */
  async set(target: SerialTarget | null): Promise<void> {
    await this.stop();
    this.target = target;
    if (!target) {
      this.setState({ state: 'off' });
      return;
    }
    await this.attempt(this.generation);
  }

  /**
   * Lets go of the port for a while (the technician's test read opens it itself); the answer
   * listens again.
   */
  async release(): Promise<() => Promise<void>> {
    const target = this.target;
    await this.stop();
    const released = this.generation;
    // Set up again in the meantime (or closed): nothing to resume.
    return async () => { if (this.generation === released && this.target === target) await this.set(target); };
  }

  async close(): Promise<void> {
    await this.stop();
    this.target = null;
  }

  private async stop(): Promise<void> {
    this.generation += 1; // whatever the old port still reports is ignored from now on
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const reader = this.reader;
    this.reader = undefined;
    await reader?.close();
  }

  private setState(next: ListenerState): void {
    const same = next.state === this.current.state && JSON.stringify(describe(next)) === JSON.stringify(describe(this.current));
    this.current = next;
    if (!same) this.deps.onState(next);
  }

  private async attempt(generation: number): Promise<void> {
    const target = this.target;
    if (generation !== this.generation || !target) return;
    try {
      const reader = await this.open(
        { path: target.path, baudRate: target.baudRate, ...(target.idleMs !== null ? { idleMs: target.idleMs } : {}), ...(this.deps.probeMs ? { probeMs: this.deps.probeMs } : {}) },
        (event) => this.onEvent(generation, event),
      );
      if (generation !== this.generation) {
        await reader.close();
        return;
      }
      this.reader = reader;
      this.setState({ state: 'listening', path: target.path });
    } catch (error) {
      if (generation !== this.generation) return;
      if (error instanceof SerialError && error.reason === 'not_found') this.setState({ state: 'waiting', path: target.path, because: 'not_found' });
      else this.setState({ state: 'failed', path: target.path, error: error instanceof SerialError ? error : new SerialError('failed', target.path, String(error)) });
      this.schedule(generation);
    }
  }

  private onEvent(generation: number, event: SerialLineEvent): void {
    if (generation !== this.generation) return;
    switch (event.type) {
      case 'line':
        this.deps.onLine(event.text);
        return;
      case 'garbage':
        this.deps.onGarbage(event.bytes);
        return;
      case 'closed': {
        this.reader = undefined;
        const target = this.target;
        if (!target) return;
        // Closed under us ('gone', or the OS closing it): wait for the port to come back.
        this.setState({ state: 'waiting', path: target.path, because: 'gone' });
        this.schedule(generation);
        return;
      }
      default: {
        const never: never = event;
        throw new Error(`Unhandled serial event ${String(never)}`);
      }
    }
  }

  private schedule(generation: number): void {
    this.timer = setTimeout(() => {
      void (async () => {
        const target = this.target;
        if (generation !== this.generation || !target) return;
        // A port that vanished is looked for first: opening a missing port is refused anyway.
        if (this.current.state === 'waiting' && !(await this.present(target.path))) {
          if (generation === this.generation) this.schedule(generation);
          return;
        }
        await this.attempt(generation);
      })();
    }, this.pollMs);
    this.timer.unref();
  }
}

function describe(s: ListenerState): unknown {
  switch (s.state) {
    case 'off': return ['off'];
    case 'listening': return ['listening', s.path];
    case 'waiting': return ['waiting', s.path, s.because];
    case 'failed': return ['failed', s.path, s.error.reason, s.error.detail];
    default: {
      const never: never = s;
      return never;
    }
  }
}

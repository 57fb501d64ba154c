import { connect, type Socket } from 'node:net';
import { SerialPort } from 'serialport';
import { serialErrorReason, serialPortGone } from '../../serial/serial-lines';

// How bytes reach an ESC/POS printer: a serial port (RS-232 or a USB-serial adapter), the
// network (raw TCP, port 9100, "JetDirect"), or USB printer class. One interface for the three,
// so the print job and the status check do not care which one a counter has.

export type TransportErrorReason =
  /** No such port or device (wrong COM port, USB printer not plugged in). */
  | 'not_found'
  /** The OS refused access (Linux: not in `dialout`/`lp`; a kernel driver holding the USB interface). */
  | 'access_denied'
  /** Another program has the port open. */
  | 'busy'
  /** Nothing listens at that address and port (printer off, wrong port). */
  | 'refused'
  /** No route to the printer's address (wrong address, cable, other subnet). */
  | 'unreachable'
  /** The printer stopped taking bytes (or never answered the connection) within the time allowed. */
  | 'timeout'
  /** The connection or device went away. */
  | 'gone'
  | 'failed';

export class TransportError extends Error {
  constructor(
    readonly reason: TransportErrorReason,
    readonly detail: string,
    /** Bytes the OS accepted before the failure (for a failed write). */
    readonly bytesWritten = 0,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'TransportError';
  }
}

export interface PrinterTransport {
  readonly kind: 'serial' | 'network' | 'usb';
  /** Whether the printer can answer (status requests); false for a one-way USB interface. */
  readonly canRead: boolean;
  /** Writes every byte; resolves with their count, or rejects with a TransportError carrying how many went. */
  write(bytes: Uint8Array): Promise<number>;
  /** Up to `count` bytes the printer sent, waiting at most `timeoutMs`; fewer (or none) when it said less. */
  read(count: number, timeoutMs: number): Promise<Uint8Array>;
  /** Forgets bytes the printer sent earlier (a late answer must not be taken for the next one). */
  discardInput(): void;
  close(): Promise<void>;
}

// Bytes go in pieces of this size, each confirmed before the next: a stalled printer is noticed
// within one piece's timeout, and the count of bytes written stays exact.
const CHUNK_BYTES = 1024;

/** What a printer sent, waiting to be read. */
class InputQueue {
  private chunks: Buffer[] = [];
  private waiter: (() => void) | undefined;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.waiter?.();
  }

  get size(): number {
    return this.chunks.reduce((n, c) => n + c.length, 0);
  }

  clear(): void {
    this.chunks = [];
  }

  async read(count: number, timeoutMs: number, closed: () => boolean): Promise<Uint8Array> {
    if (this.size < count && !closed()) {
      await new Promise<void>((resolve) => {
        let finished = false;
        const waiter = () => {
          if (this.size >= count || closed()) done();
        };
        const done = () => {
          if (finished) return;
          finished = true;
          clearTimeout(timer);
          // Only this read's waiter: the next read may have set its own meanwhile.
          if (this.waiter === waiter) this.waiter = undefined;
          resolve();
        };
        // When the time is up, the bytes that already came in are read first: after the event loop
        // was held up (a busy PC rendering a ticket), the timer and the printer's answer are due
        // together, and timers run before I/O — the answer would be taken for silence.
        const timer = setTimeout(() => setImmediate(done), timeoutMs);
        this.waiter = waiter;
      });
    }
    const all = Buffer.concat(this.chunks);
    const taken = all.subarray(0, count);
    this.chunks = all.length > count ? [all.subarray(count)] : [];
    return new Uint8Array(taken);
  }

  /** Wakes a pending read (the connection closed). */
  wake(): void {
    this.waiter?.();
  }
}

async function writeInChunks(bytes: Uint8Array, writeChunk: (chunk: Uint8Array) => Promise<void>): Promise<number> {
  let written = 0;
  while (written < bytes.length) {
    const chunk = bytes.subarray(written, Math.min(bytes.length, written + CHUNK_BYTES));
    try {
      await writeChunk(chunk);
    } catch (e) {
      const error = e instanceof TransportError ? e : new TransportError('failed', e instanceof Error ? e.message : String(e));
      throw new TransportError(error.reason, error.detail, written);
    }
    written += chunk.length;
  }
  return written;
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TransportError('timeout', `${what} did not finish within ${timeoutMs} ms`)), timeoutMs);
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

// ── Serial ─────────────────────────────────────────────────────────────────────────────────

export type SerialPrinterOptions = Readonly<{
  path: string;
  /** Serial thermal printers default to 9600 or 115200 (printed on their self-test page). */
  baudRate?: number;
  /** Hardware flow control: the printer holds CTS low while its buffer is full. */
  rtscts?: boolean;
  /** How long one piece of a write may take before the printer counts as stalled (default 10 s). */
  writeTimeoutMs?: number;
}>;

function serialReason(message: string): TransportErrorReason {
  const reason = serialErrorReason(message);
  return reason === 'garbage' ? 'failed' : reason;
}

export function openSerialPrinter(options: SerialPrinterOptions): Promise<PrinterTransport> {
  const port = new SerialPort({ path: options.path, baudRate: options.baudRate ?? 9600, rtscts: options.rtscts ?? false, autoOpen: false });
  const input = new InputQueue();
  let gone: string | undefined;
  const writeTimeoutMs = options.writeTimeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    port.open((error) => {
      if (error) {
        reject(new TransportError(serialReason(error.message), error.message));
        return;
      }
      port.on('data', (chunk: Buffer) => input.push(chunk));
      port.on('close', (disconnect: Error | null) => {
        gone = disconnect ? disconnect.message : 'closed';
        input.wake();
      });
      port.on('error', (e: Error) => {
        gone = e.message;
        input.wake();
      });
      // A pty whose far end closed answers reads with 0 bytes for ever (see hardware/serial):
      // the modem-status query tells it is gone.
      const probe = setInterval(() => {
        port.get((e) => {
          if (e && serialPortGone(e.message) && port.isOpen) {
            gone = e.message;
            port.close(() => input.wake());
          }
        });
      }, 500);
      probe.unref();
      port.once('close', () => clearInterval(probe));
      const writeChunk = (chunk: Uint8Array) =>
        withTimeout(
          new Promise<void>((done, fail) => {
            if (gone !== undefined) {
              fail(new TransportError('gone', gone));
              return;
            }
            port.write(Buffer.from(chunk), (e) => {
              if (e) fail(new TransportError('gone', e.message));
              else port.drain((d) => (d ? fail(new TransportError('gone', d.message)) : done()));
            });
          }),
          writeTimeoutMs,
          'Writing to the serial printer',
        );
      resolve({
        kind: 'serial',
        canRead: true,
        write: (bytes) => writeInChunks(bytes, writeChunk),
        read: (count, timeoutMs) => input.read(count, timeoutMs, () => gone !== undefined),
        discardInput: () => input.clear(),
        close: () =>
          new Promise<void>((done) => {
            if (!port.isOpen) {
              done();
              return;
            }
            port.close(() => done());
          }),
      });
    });
  });
}

// ── Network (raw TCP, port 9100) ───────────────────────────────────────────────────────────

export type NetworkPrinterOptions = Readonly<{
  host: string;
  port?: number;
  /** Default 3 s: a printer on the counter's LAN answers in milliseconds or not at all. */
  connectTimeoutMs?: number;
  /** How long one piece of a write may wait for the printer to take it (default 10 s). */
  writeTimeoutMs?: number;
}>;

function networkReason(error: NodeJS.ErrnoException): TransportErrorReason {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'unreachable';
    case 'ETIMEDOUT':
      return 'timeout';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
    case 'ERR_STREAM_DESTROYED':
    case 'ERR_STREAM_WRITE_AFTER_END':
      return 'gone';
    default:
      return 'failed';
  }
}

export function openNetworkPrinter(options: NetworkPrinterOptions): Promise<PrinterTransport> {
  const port = options.port ?? 9100;
  const connectTimeoutMs = options.connectTimeoutMs ?? 3000;
  const writeTimeoutMs = options.writeTimeoutMs ?? 10_000;
  const input = new InputQueue();
  let gone: string | undefined;
  let lastError: NodeJS.ErrnoException | undefined;

  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: options.host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new TransportError('timeout', `No connection to ${options.host}:${port} within ${connectTimeoutMs} ms`));
    }, connectTimeoutMs);
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new TransportError(networkReason(e), `${options.host}:${port}: ${e.message}`));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.setNoDelay(true);
      socket.on('data', (chunk: Buffer) => input.push(chunk));
      socket.on('error', (e: NodeJS.ErrnoException) => {
        lastError = e;
        gone = e.message;
        input.wake();
      });
      socket.on('close', () => {
        gone ??= 'the printer closed the connection';
        input.wake();
      });
      const writeChunk = (chunk: Uint8Array) =>
        withTimeout(
          new Promise<void>((done, fail) => {
            if (gone !== undefined) {
              fail(new TransportError(lastError ? networkReason(lastError) : 'gone', gone));
              return;
            }
            socket.write(chunk, (e) => (e ? fail(new TransportError(networkReason(e as NodeJS.ErrnoException), e.message)) : done()));
          }),
          writeTimeoutMs,
          `Writing to ${options.host}:${port}`,
        );
      resolve({
        kind: 'network',
        canRead: true,
        write: (bytes) => writeInChunks(bytes, writeChunk),
        read: (count, timeoutMs) => input.read(count, timeoutMs, () => gone !== undefined),
        discardInput: () => input.clear(),
        close: () =>
          new Promise<void>((done) => {
            if (socket.destroyed) {
              done();
              return;
            }
            socket.once('close', () => done());
            // end() lets the last bytes go before FIN; a printer that never reads would hold it open.
            socket.end();
            setTimeout(() => socket.destroy(), 2000).unref();
          }),
      });
    });
  });
}

// ── USB printer class ──────────────────────────────────────────────────────────────────────

/** USB interface class 7: printers. Protocol 1 = one-way, 2 = bidirectional, 3 = IEEE 1284.4. */
export const USB_PRINTER_CLASS = 7;

/** The parts of a node-usb (WebUSB) configuration the endpoint choice reads. */
export type UsbConfigurationLike = Readonly<{
  interfaces: ReadonlyArray<
    Readonly<{
      interfaceNumber: number;
      alternates: ReadonlyArray<
        Readonly<{
          alternateSetting: number;
          interfaceClass: number;
          interfaceSubclass: number;
          interfaceProtocol: number;
          endpoints: ReadonlyArray<Readonly<{ endpointNumber: number; direction: 'in' | 'out'; type: 'bulk' | 'interrupt' | 'isochronous'; packetSize: number }>>;
        }>
      >;
    }>
  >;
}>;

export type UsbPrinterEndpoints = Readonly<{
  interfaceNumber: number;
  alternateSetting: number;
  protocol: number;
  outEndpoint: number;
  /** The bulk IN endpoint of a bidirectional interface (status answers); absent for one-way. */
  inEndpoint?: number;
}>;

/**
 * Picks the printer-class interface to print through: one with a bulk OUT endpoint, preferring a
 * bidirectional one (protocol 2, with bulk IN, so status requests get answers) over one-way
 * (protocol 1). IEEE 1284.4 (protocol 3) needs a packet protocol ESC/POS printers do not speak:
 * chosen last. Undefined when the device has no usable printer interface (a scanner, a token).
 */
export function selectPrinterEndpoints(configuration: UsbConfigurationLike): UsbPrinterEndpoints | undefined {
  const rank = (protocol: number, hasIn: boolean) => (protocol === 2 && hasIn ? 0 : protocol === 1 || (protocol === 2 && !hasIn) ? 1 : protocol === 3 ? 3 : 2);
  let best: (UsbPrinterEndpoints & { rank: number }) | undefined;
  for (const iface of configuration.interfaces) {
    for (const alt of iface.alternates) {
      if (alt.interfaceClass !== USB_PRINTER_CLASS) continue;
      const out = alt.endpoints.find((e) => e.direction === 'out' && e.type === 'bulk');
      if (!out) continue;
      const inEp = alt.endpoints.find((e) => e.direction === 'in' && e.type === 'bulk');
      const r = rank(alt.interfaceProtocol, inEp !== undefined);
      if (!best || r < best.rank) {
        best = {
          rank: r,
          interfaceNumber: iface.interfaceNumber,
          alternateSetting: alt.alternateSetting,
          protocol: alt.interfaceProtocol,
          outEndpoint: out.endpointNumber,
          ...(inEp ? { inEndpoint: inEp.endpointNumber } : {}),
        };
      }
    }
  }
  if (!best) return undefined;
  const { rank: _rank, ...endpoints } = best;
  return endpoints;
}

export type UsbPrinterOptions = Readonly<{
  /** A given printer; without them, the first device with a printer-class interface. */
  vendorId?: number;
  productId?: number;
  writeTimeoutMs?: number;
}>;

type UsbDeviceLike = {
  vendorId: number;
  productId: number;
  configuration: UsbConfigurationLike | null;
  open(): Promise<void>;
  close(): Promise<void>;
  claimInterface(n: number): Promise<void>;
  releaseInterface(n: number): Promise<void>;
  selectAlternateInterface(n: number, alt: number): Promise<void>;
  detachKernelDriver?(n: number): Promise<void>;
  transferOut(endpoint: number, data: Uint8Array, timeout?: number): Promise<{ bytesWritten: number; status: string }>;
  transferIn(endpoint: number, length: number, timeout?: number): Promise<{ data?: DataView; status: string }>;
};

/**
 * Opens a USB printer-class device with node-usb. On Linux the kernel's `usblp` driver holds
 * the interface: it is detached first (needs write access to the device node: a udev rule).
 */
export async function openUsbPrinter(options: UsbPrinterOptions = {}): Promise<PrinterTransport> {
  let usb: { getDevices(): Promise<UsbDeviceLike[]> };
  try {
    ({ usb } = (await import('usb')) as unknown as { usb: typeof usb });
  } catch (e) {
    throw new TransportError('failed', `node-usb: ${e instanceof Error ? e.message : String(e)}`);
  }
  const devices = await usb.getDevices().catch((e: unknown) => {
    throw new TransportError('failed', e instanceof Error ? e.message : String(e));
  });
  const candidates = devices.filter((d) => (options.vendorId === undefined || d.vendorId === options.vendorId) && (options.productId === undefined || d.productId === options.productId));
  const found = candidates
    .map((device) => ({ device, endpoints: device.configuration ? selectPrinterEndpoints(device.configuration) : undefined }))
    .find((c) => c.endpoints !== undefined);
  if (!found || !found.endpoints) throw new TransportError('not_found', 'No USB printer (interface class 7) is plugged in');
  const { device, endpoints } = found;
  const writeTimeoutMs = options.writeTimeoutMs ?? 10_000;
  try {
    await device.open();
    if (process.platform === 'linux') await device.detachKernelDriver?.(endpoints.interfaceNumber).catch(() => undefined);
    await device.claimInterface(endpoints.interfaceNumber);
    if (endpoints.alternateSetting !== 0) await device.selectAlternateInterface(endpoints.interfaceNumber, endpoints.alternateSetting);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    await device.close().catch(() => undefined);
    throw new TransportError(/access|permission/i.test(message) ? 'access_denied' : /busy/i.test(message) ? 'busy' : 'failed', message);
  }
  const { inEndpoint } = endpoints;
  return {
    kind: 'usb',
    canRead: inEndpoint !== undefined,
    write: (bytes) =>
      writeInChunks(bytes, async (chunk) => {
        const result = await device.transferOut(endpoints.outEndpoint, chunk, writeTimeoutMs).catch((e: unknown) => {
          const message = e instanceof Error ? e.message : String(e);
          throw new TransportError(/timed? ?out/i.test(message) ? 'timeout' : 'gone', message);
        });
        if (result.status !== 'ok' || result.bytesWritten !== chunk.length) {
          throw new TransportError('failed', `USB transfer ${result.status}, ${result.bytesWritten} of ${chunk.length} bytes`);
        }
      }),
    read: async (count, timeoutMs) => {
      if (inEndpoint === undefined) return new Uint8Array(0);
      const result = await device.transferIn(inEndpoint, Math.max(count, 64), timeoutMs).catch(() => undefined);
      const data = result?.data;
      return data ? new Uint8Array(data.buffer, data.byteOffset, Math.min(count, data.byteLength)) : new Uint8Array(0);
    },
    // A bulk IN endpoint keeps nothing between transfers for us to discard.
    discardInput: () => {},
    close: async () => {
      await device.releaseInterface(endpoints.interfaceNumber).catch(() => undefined);
      await device.close().catch(() => undefined);
    },
  };
}

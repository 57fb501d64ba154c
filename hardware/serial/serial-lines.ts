import { SerialPort } from 'serialport';

// A serial device that sends text a line at a time: an identity-card QR reader, a barcode
// scanner, a queue-calling keypad. The port is opened with `serialport`; what arrives is cut
// into complete lines (CR, LF or CRLF; or a pause, for readers that send no terminator), and
// what is not text is refused with a typed reason without spoiling the next good line. No text
// for people here: the feature layer maps the reasons to messages.

export type SerialErrorReason =
  /** The path does not exist (wrong COM port, device not plugged in). */
  | 'not_found'
  /** The OS refuses access (Linux: user not in the `dialout` group). */
  | 'access_denied'
  /** Another program holds the port (Windows reports this as access denied, see below). */
  | 'busy'
  /** The device went away while open (unplugged, the other end closed). */
  | 'gone'
  /** Bytes that are not a line of text. */
  | 'garbage'
  /** Anything else the OS answered (an unsupported baud rate, …); `detail` has its words. */
  | 'failed';

export class SerialError extends Error {
  constructor(
    readonly reason: SerialErrorReason,
    readonly path: string,
    /** The OS's own message, for the technician's log. */
    readonly detail: string,
  ) {
    super(`${path}: ${reason} (${detail})`);
    this.name = 'SerialError';
  }
}

/** Why a line was refused. */
export type GarbageKind = 'non_printable' | 'too_long' | 'invalid_utf8';

export type SerialLineEvent =
  | Readonly<{ type: 'line'; text: string; end: 'terminator' | 'idle' }>
  | Readonly<{ type: 'garbage'; reason: 'garbage'; kind: GarbageKind; bytes: number }>
  /** The port closed: 'closed' by close(), 'gone' when the device vanished. Always the last event. */
  | Readonly<{ type: 'closed'; reason: 'closed' | 'gone'; detail?: string }>;

export type SerialLineOptions = Readonly<{
  path: string;
  /** Default 9600, 8 data bits, no parity, 1 stop bit: what QR readers ship with. */
  baudRate?: number;
  dataBits?: 5 | 6 | 7 | 8;
  parity?: 'none' | 'even' | 'odd' | 'mark' | 'space';
  stopBits?: 1 | 1.5 | 2;
  /**
   * Ends a line after this many milliseconds without a byte, for readers configured without a
   * terminator. Leave it out for readers that end lines with CR/LF: a pause inside a long burst
   * must then not cut it. When set, it must exceed the longest pause inside one burst.
   */
  idleMs?: number;
  /** Longest line accepted, in bytes (default 4096: a CCCD QR is about 150–300 bytes). */
  maxLineBytes?: number;
  /** How often to check that the device is still there (default 500 ms; see openSerialLines). */
  probeMs?: number;
}>;

export type SerialPortInfo = Readonly<{
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  /** Four hex digits, lower case ("1a86"), for USB adapters. */
  vendorId?: string;
  productId?: string;
}>;

const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;

/**
 * Bytes that can never begin a line of UTF-8 text: C0 controls other than TAB, DEL, a UTF-8
 * continuation byte, and the bytes UTF-8 never uses. Noise at power-up or at a wrong baud rate is
 * made of these.
 */
function isNoiseAtLineStart(byte: number): boolean {
  return (byte < 0x20 && byte !== TAB) || byte === 0x7f || (byte >= 0x80 && byte <= 0xc1) || byte >= 0xf5;
}

/** C0/C1 controls other than TAB, DEL, and lone surrogates are not text. */
const NOT_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

/**
 * Cuts a byte stream into lines. Pure and synchronous: the serial reader feeds it what the port
 * delivers, in whatever pieces, and calls `flush()` when the line has been idle.
 *
 * - CR, LF and CRLF end a line (an LF right after a CR is the same terminator); empty lines are
 *   skipped.
 * - Noise before a line starts is dropped and reported once, so the line after it survives.
 * - A line with a control byte or invalid UTF-8 inside is refused whole at its end.
 * - A line longer than the limit is refused as soon as it passes the limit, and what follows is
 *   dropped up to the next terminator (or pause).
 */
export class LineSplitter {
  private buffer: Buffer;
  private length = 0;
  private afterCr = false;
  private tainted: GarbageKind | null = null;
  private noise = 0;
  private discarding = 0;

  constructor(private readonly maxLineBytes = 4096) {
    this.buffer = Buffer.alloc(Math.min(maxLineBytes, 1024));
  }

  /** Bytes held for a line not yet ended (the idle timer runs while this is true). */
  get pending(): boolean {
    return this.length > 0 || this.noise > 0 || this.discarding > 0 || this.tainted !== null;
  }

  push(chunk: Uint8Array): SerialLineEvent[] {
    const out: SerialLineEvent[] = [];
    for (const byte of chunk) {
      if (byte === CR || byte === LF) {
        const crlf = byte === LF && this.afterCr;
        this.afterCr = byte === CR;
        if (!crlf) this.end('terminator', out);
        continue;
      }
      this.afterCr = false;
      if (this.discarding > 0) {
        this.discarding += 1;
        continue;
      }
      if (this.length === 0 && this.tainted === null && isNoiseAtLineStart(byte)) {
        this.noise += 1;
        continue;
      }
      this.endNoise(out);
      if (byte < 0x20 && byte !== TAB) this.tainted ??= 'non_printable';
      if (this.length >= this.maxLineBytes) {
        out.push({ type: 'garbage', reason: 'garbage', kind: 'too_long', bytes: this.length + 1 });
        this.length = 0;
        this.tainted = null;
        this.discarding = 1;
        continue;
      }
      this.append(byte);
    }
    return out;
  }

  /** Ends the pending line because the port has been quiet (the reader's idle timeout). */
  flush(): SerialLineEvent[] {
    const out: SerialLineEvent[] = [];
    this.afterCr = false;
    this.end('idle', out);
    return out;
  }

  private append(byte: number): void {
    if (this.length === this.buffer.length) {
      const bigger = Buffer.alloc(Math.min(this.maxLineBytes, this.buffer.length * 2));
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
    this.buffer[this.length] = byte;
    this.length += 1;
  }

  private endNoise(out: SerialLineEvent[]): void {
    if (this.noise === 0) return;
    out.push({ type: 'garbage', reason: 'garbage', kind: 'non_printable', bytes: this.noise });
    this.noise = 0;
  }

  private end(how: 'terminator' | 'idle', out: SerialLineEvent[]): void {
    this.endNoise(out);
    if (this.discarding > 0) {
      this.discarding = 0;
      return; // already reported as too_long
    }
    const bytes = this.length;
    const tainted = this.tainted;
    this.length = 0;
    this.tainted = null;
    if (bytes === 0) return;
    if (tainted) {
      out.push({ type: 'garbage', reason: 'garbage', kind: tainted, bytes });
      return;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(this.buffer.subarray(0, bytes));
    } catch {
      out.push({ type: 'garbage', reason: 'garbage', kind: 'invalid_utf8', bytes });
      return;
    }
    if (NOT_TEXT.test(text)) {
      out.push({ type: 'garbage', reason: 'garbage', kind: 'non_printable', bytes });
      return;
    }
    out.push({ type: 'line', text, end: how });
  }
}

/** Maps what serialport's bindings answer (Linux, macOS, Windows words) to a reason. */
export function serialErrorReason(message: string, platform: NodeJS.Platform = process.platform): SerialErrorReason {
  if (/No such file or directory|File not found|ENOENT|cannot find the file/i.test(message)) return 'not_found';
  if (/Cannot lock port|Resource busy|EBUSY|Resource temporarily unavailable/i.test(message)) return 'busy';
  // Windows answers ERROR_ACCESS_DENIED for a COM port another program has open: there, that
  // is "busy" far more often than a permission problem.
  if (/Access denied/i.test(message)) return platform === 'win32' ? 'busy' : 'access_denied';
  if (/Permission denied|EACCES|EPERM/i.test(message)) return 'access_denied';
  return 'failed';
}

/**
 * True for the OS's words when a port's device has gone (EIO, ENXIO, EBADF): a pty whose far
 * end closed, a USB adapter pulled out. "Inappropriate ioctl" (a pty that is alive but has no
 * modem lines) is not gone.
 */
export function serialPortGone(message: string): boolean {
  return /Input\/output error|No such device|Bad file descriptor|\bEIO\b|\bENXIO\b|\bEBADF\b/i.test(message);
}

export type SerialLineReader = Readonly<{
  path: string;
  /** Bytes received since the port opened (for diagnostics, and for tests to know a write arrived). */
  bytesReceived: () => number;
  /** Resolves with the last event, when the port has closed for whatever reason. */
  closed: Promise<Extract<SerialLineEvent, { type: 'closed' }>>;
  /** Closes the port; resolves once it is closed (at once if it already is). */
  close: () => Promise<void>;
}>;

/**
 * Opens a serial port and delivers its lines to `onEvent`. Rejects with a SerialError when the
 * port cannot be opened (nothing is left open then).
 */
export function openSerialLines(options: SerialLineOptions, onEvent: (event: SerialLineEvent) => void): Promise<SerialLineReader> {
  const { path } = options;
  const splitter = new LineSplitter(options.maxLineBytes ?? 4096);
  const port = new SerialPort({
    path,
    baudRate: options.baudRate ?? 9600,
    dataBits: options.dataBits ?? 8,
    parity: options.parity ?? 'none',
    stopBits: options.stopBits ?? 1,
    autoOpen: false,
  });
  let received = 0;
  let idleTimer: NodeJS.Timeout | undefined;
  let finished = false;
  let goneBecause: string | undefined;
  let probe: NodeJS.Timeout | undefined;
  let resolveClosed!: (event: Extract<SerialLineEvent, { type: 'closed' }>) => void;
  const closed = new Promise<Extract<SerialLineEvent, { type: 'closed' }>>((resolve) => (resolveClosed = resolve));

  const deliver = (events: readonly SerialLineEvent[]) => {
    for (const event of events) if (!finished) onEvent(event);
  };
  const stopIdle = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = undefined;
  };
  const finish = (event: Extract<SerialLineEvent, { type: 'closed' }>) => {
    if (finished) return;
    stopIdle();
    if (probe) clearInterval(probe);
    onEvent(event);
    finished = true;
    resolveClosed(event);
  };

  return new Promise((resolve, reject) => {
    port.open((error) => {
      if (error) {
        reject(new SerialError(serialErrorReason(error.message), path, error.message));
        return;
      }
      port.on('data', (chunk: Buffer) => {
        received += chunk.length;
        deliver(splitter.push(chunk));
        stopIdle();
        if (options.idleMs !== undefined && splitter.pending) {
          idleTimer = setTimeout(() => deliver(splitter.flush()), options.idleMs);
        }
      });
      // serialport closes the port itself on a read error and passes a DisconnectedError; a
      // vanished device found by the probe below closes it with `goneBecause` set.
      port.on('close', (disconnect: (Error & { disconnected?: boolean }) | null) => {
        const gone = disconnect?.message ?? goneBecause;
        finish(gone !== undefined ? { type: 'closed', reason: 'gone', detail: gone } : { type: 'closed', reason: 'closed' });
      });
      const markGone = (detail: string) => {
        goneBecause ??= detail;
        if (port.isOpen) port.close(() => finish({ type: 'closed', reason: 'gone', detail }));
        else finish({ type: 'closed', reason: 'gone', detail });
      };
      // Errors without a callback (a failed write or flush): the port is of no use any more.
      port.on('error', (e: Error) => markGone(e.message));
      // When the far end of a pseudo-terminal (a virtual COM port) goes away, reads answer 0
      // bytes, which serialport retries for ever instead of reporting a disconnect. A modem-status
      // query answers EIO then: ask it now and then.
      probe = setInterval(() => {
        port.get((e) => {
          if (e && serialPortGone(e.message)) markGone(e.message);
        });
      }, options.probeMs ?? 500);
      probe.unref();
      resolve({
        path,
        bytesReceived: () => received,
        closed,
        close: () =>
          new Promise<void>((done) => {
            if (finished || !port.isOpen) {
              done();
              return;
            }
            port.close((e) => {
              // A close the OS refused still leaves the port unusable: report it closed.
              if (e) finish({ type: 'closed', reason: 'closed', detail: e.message });
              done();
            });
          }).then(() => closed.then(() => undefined)),
      });
    });
  });
}

/** The serial ports the OS knows (USB adapters with their vendor and product ids). */
export async function listSerialPorts(): Promise<SerialPortInfo[]> {
  const ports = await SerialPort.list();
  return ports.map((p) => ({
    path: p.path,
    ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
    ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
    ...(p.vendorId ? { vendorId: p.vendorId.toLowerCase() } : {}),
    ...(p.productId ? { productId: p.productId.toLowerCase() } : {}),
  }));
}

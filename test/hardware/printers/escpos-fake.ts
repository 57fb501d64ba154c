import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { SerialPort } from 'serialport';
import { socatPair, type SocatPair } from '../serial/socat-rig';

// A fake ESC/POS thermal printer: it listens on one end of a socat pty pair and on a TCP port,
// decodes what it receives (ESC @, ESC a, ESC d, ESC J, LF, GS v 0, GS ( k, GS V, DLE EOT),
// answers status requests from a state the test sets, and lays each cut receipt out on a strip
// of paper it saves as a PNG — so a test (and a person) can look at what would have come out.
// It is strict: a byte it does not understand is recorded in `errors`, so a wrong command in
// the station's output fails the test instead of printing rubbish on a real printer.

export type FakePrinterState =
  | 'ready'
  | 'paper_near_end'
  | 'paper_out'
  | 'cover_open'
  /** Offline, no cause given (waiting for online recovery). */
  | 'offline'
  /** Offline with an error: the cutter. */
  | 'error'
  /** Answers nothing. */
  | 'silent'
  /** Answers bytes that are not status answers (a wrong baud rate). */
  | 'garbage';

export type FakeReceipt = Readonly<{
  via: 'serial' | 'tcp';
  width: number;
  height: number;
  /** The paper, 1 bit per dot, rows of width/8 bytes, 1 = black. */
  dots: Uint8Array;
  png: Buffer;
  file: string;
  qrTexts: readonly string[];
  /** Every command in order, e.g. "init", "align center", "raster 384x120", "qr", "cut partial 64". */
  commands: readonly string[];
  bytes: number;
}>;

const LINE_DOTS = 30; // default line spacing of ESC/POS printers (1/6 inch at 180 dpi ≈ 30 dots)

/** The status byte(s) a printer in `state` answers to DLE EOT n. */
export function statusAnswer(state: FakePrinterState, n: number): Uint8Array {
  const base = 0x12;
  switch (state) {
    case 'silent':
      return new Uint8Array(0);
    case 'garbage':
      return Uint8Array.of(0xff, 0x00, 0x41);
    case 'ready':
      return Uint8Array.of(base);
    case 'paper_near_end':
      return Uint8Array.of(n === 4 ? base | 0x0c : base);
    case 'paper_out':
      return Uint8Array.of(n === 1 ? base | 0x08 : n === 2 ? base | 0x20 : n === 4 ? base | 0x0c | 0x60 : base);
    case 'cover_open':
      return Uint8Array.of(n === 1 ? base | 0x08 : n === 2 ? base | 0x04 : base);
    case 'offline':
      return Uint8Array.of(n === 1 ? base | 0x08 | 0x20 : base);
    case 'error':
      return Uint8Array.of(n === 1 ? base | 0x08 : n === 2 ? base | 0x40 : n === 3 ? base | 0x08 : base);
    default: {
      const never: never = state;
      throw new Error(`Unhandled state ${String(never)}`);
    }
  }
}

type Alignment = 'left' | 'center' | 'right';

/** Decodes one connection's byte stream; bytes may arrive in any pieces. */
export class EscPosDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private rows: Uint8Array[] = [];
  private alignment: Alignment = 'left';
  private qrData: Uint8Array | undefined;
  private qrModule = 3;
  private qrLevel: 'L' | 'M' | 'Q' | 'H' = 'M';
  private commands: string[] = [];
  private qrTexts: string[] = [];
  private bytes = 0;
  /** Bytes received in all, across receipts. */
  received = 0;
  readonly errors: string[] = [];
  statusRequests: number[] = [];

  constructor(
    readonly paperDots: number,
    private readonly answer: (n: number) => Uint8Array,
    private readonly reply: (bytes: Uint8Array) => void,
    private readonly onCut: (receipt: Omit<FakeReceipt, 'via' | 'png' | 'file'>) => void,
  ) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.bytes += chunk.length;
    this.received += chunk.length;
    for (;;) {
      const used = this.step(this.pending);
      if (used === 0) break; // an incomplete command: wait for more bytes
      this.pending = this.pending.subarray(used);
      if (this.pending.length === 0) break;
    }
  }

  private feed(dots: number): void {
    for (let i = 0; i < dots; i += 1) this.rows.push(new Uint8Array(this.paperDots / 8));
  }

  /** Draws a bitmap (1 = black; `get(x, y)`) at the current alignment. */
  private draw(width: number, height: number, get: (x: number, y: number) => boolean): void {
    if (width > this.paperDots) {
      this.errors.push(`image ${width} dots wide on ${this.paperDots}-dot paper`);
      return;
    }
    const left = this.alignment === 'left' ? 0 : this.alignment === 'center' ? Math.floor((this.paperDots - width) / 2) : this.paperDots - width;
    for (let y = 0; y < height; y += 1) {
      const row = new Uint8Array(this.paperDots / 8);
      for (let x = 0; x < width; x += 1) {
        if (get(x, y)) {
          const dx = left + x;
          row[dx >> 3]! |= 0x80 >> (dx & 7);
        }
      }
      this.rows.push(row);
    }
  }

  /** Decodes one command at the start of `b`; answers the bytes it used, 0 when incomplete. */
  private step(b: Buffer): number {
    const need = (n: number) => b.length >= n;
    const first = b[0]!;
    if (first === 0x0a) {
      this.commands.push('lf');
      this.feed(LINE_DOTS);
      return 1;
    }
    if (first >= 0x20 && first < 0x7f) {
      // Plain text in the printer's own font: the station never sends it (Vietnamese goes as raster).
      let end = 0;
      while (end < b.length && b[end]! >= 0x20 && b[end]! < 0x7f) end += 1;
      this.commands.push(`text ${b.subarray(0, end).toString('latin1')}`);
      this.errors.push(`plain text sent: ${b.subarray(0, end).toString('latin1')}`);
      return end;
    }
    if (first === 0x1b) {
      if (!need(2)) return 0;
      const op = b[1]!;
      if (op === 0x40) {
        this.commands.push('init');
        this.alignment = 'left';
        return 2;
      }
      if (!need(3)) return 0;
      const n = b[2]!;
      if (op === 0x61) {
        const a = n === 0 || n === 48 ? 'left' : n === 1 || n === 49 ? 'center' : n === 2 || n === 50 ? 'right' : undefined;
        if (!a) this.errors.push(`ESC a ${n}`);
        else this.alignment = a;
        this.commands.push(`align ${a ?? n}`);
        return 3;
      }
      if (op === 0x64) {
        this.commands.push(`feed lines ${n}`);
        this.feed(n * LINE_DOTS);
        return 3;
      }
      if (op === 0x4a) {
        this.commands.push(`feed dots ${n}`);
        this.feed(n);
        return 3;
      }
      this.errors.push(`unknown ESC 0x${op.toString(16)}`);
      return 2;
    }
    if (first === 0x10) {
      if (!need(3)) return 0;
      if (b[1] === 0x04 && b[2]! >= 1 && b[2]! <= 4) {
        this.statusRequests.push(b[2]!);
        this.commands.push(`status ${b[2]}`);
        const answer = this.answer(b[2]!);
        if (answer.length) this.reply(answer);
        return 3;
      }
      this.errors.push(`unknown DLE 0x${b[1]!.toString(16)} ${b[2]}`);
      return 1;
    }
    if (first === 0x1d) {
      if (!need(2)) return 0;
      const op = b[1]!;
      if (op === 0x76) {
        if (!need(8)) return 0;
        const m = b[3]!;
        const xBytes = b[4]! + b[5]! * 256;
        const height = b[6]! + b[7]! * 256;
        const total = 8 + xBytes * height;
        if (!need(total)) return 0;
        if (b[2] !== 0x30 || (m !== 0 && m !== 48)) this.errors.push(`GS v ${b[2]} mode ${m}`);
        const data = b.subarray(8, total);
        this.commands.push(`raster ${xBytes * 8}x${height}`);
        this.draw(xBytes * 8, height, (x, y) => (data[y * xBytes + (x >> 3)]! & (0x80 >> (x & 7))) !== 0);
        return total;
      }
      if (op === 0x28) {
        if (!need(5)) return 0;
        if (b[2] !== 0x6b) {
          this.errors.push(`GS ( 0x${b[2]!.toString(16)}`);
          return 3;
        }
        const length = b[3]! + b[4]! * 256;
        if (!need(5 + length)) return 0;
        this.qr(b.subarray(5, 5 + length));
        return 5 + length;
      }
      if (op === 0x56) {
        if (!need(3)) return 0;
        const m = b[2]!;
        if (m === 0 || m === 1 || m === 48 || m === 49) {
          this.finish(`cut ${m % 2 ? 'partial' : 'full'}`);
          return 3;
        }
        if (m === 65 || m === 66) {
          if (!need(4)) return 0;
          this.feed(b[3]!);
          this.finish(`cut ${m === 66 ? 'partial' : 'full'} ${b[3]}`);
          return 4;
        }
        this.errors.push(`GS V ${m}`);
        return 3;
      }
      this.errors.push(`unknown GS 0x${op.toString(16)}`);
      return 2;
    }
    this.errors.push(`unknown byte 0x${first.toString(16)}`);
    return 1;
  }

  private qr(body: Buffer): void {
    const [cn, fn] = [body[0], body[1]];
    if (cn !== 0x31) {
      this.errors.push(`GS ( k symbol ${cn}`);
      return;
    }
    switch (fn) {
      case 0x41:
        if (body[2] !== 50) this.errors.push(`QR model ${body[2]} (only model 2 is printed)`);
        this.commands.push('qr model');
        return;
      case 0x43:
        this.qrModule = body[2]!;
        if (this.qrModule < 1 || this.qrModule > 16) this.errors.push(`QR module size ${this.qrModule}`);
        this.commands.push(`qr size ${this.qrModule}`);
        return;
      case 0x45: {
        const level = ({ 48: 'L', 49: 'M', 50: 'Q', 51: 'H' } as const)[body[2] as 48 | 49 | 50 | 51];
        if (!level) this.errors.push(`QR error correction ${body[2]}`);
        else this.qrLevel = level;
        this.commands.push(`qr level ${this.qrLevel}`);
        return;
      }
      case 0x50:
        if (body[2] !== 0x30) this.errors.push(`QR store m=${body[2]}`);
        this.qrData = new Uint8Array(body.subarray(3));
        this.commands.push('qr store');
        return;
      case 0x51: {
        if (!this.qrData) {
          this.errors.push('QR print without stored data');
          return;
        }
        const text = new TextDecoder().decode(this.qrData);
        const code = QRCode.create(text, { errorCorrectionLevel: this.qrLevel });
        const size = code.modules.size;
        const scale = this.qrModule;
        this.draw(size * scale, size * scale, (x, y) => code.modules.get(Math.floor(y / scale), Math.floor(x / scale)) === 1);
        this.qrTexts.push(text);
        this.commands.push('qr print');
        return;
      }
      default:
        this.errors.push(`GS ( k function 0x${(fn ?? 0).toString(16)}`);
    }
  }

  private finish(command: string): void {
    this.commands.push(command);
    const rowBytes = this.paperDots / 8;
    const dots = new Uint8Array(rowBytes * this.rows.length);
    this.rows.forEach((r, i) => dots.set(r, i * rowBytes));
    this.onCut({ width: this.paperDots, height: this.rows.length, dots, qrTexts: this.qrTexts, commands: this.commands, bytes: this.bytes });
    this.rows = [];
    this.commands = [];
    this.qrTexts = [];
    this.bytes = 0;
  }
}

/** The paper as a PNG: white, black dots. */
export async function receiptPng(width: number, height: number, dots: Uint8Array): Promise<Buffer> {
  const grey = Buffer.alloc(width * Math.max(1, height), 255);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) if (dots[y * (width / 8) + (x >> 3)]! & (0x80 >> (x & 7))) grey[y * width + x] = 0;
  }
  return sharp(grey, { raw: { width, height: Math.max(1, height), channels: 1 } }).png().toBuffer();
}

/** Black dots inside a rectangle of a receipt. */
export function inkIn(receipt: Pick<FakeReceipt, 'width' | 'dots'>, box: Readonly<{ x: number; y: number; width: number; height: number }>): number {
  let ink = 0;
  const rowBytes = receipt.width / 8;
  for (let y = box.y; y < box.y + box.height; y += 1) {
    for (let x = box.x; x < box.x + box.width; x += 1) if (receipt.dots[y * rowBytes + (x >> 3)]! & (0x80 >> (x & 7))) ink += 1;
  }
  return ink;
}

export type FakePrinter = Readonly<{
  /** The station's end of the serial line. */
  serialPath: string;
  tcpPort: number;
  dir: string;
  receipts: readonly FakeReceipt[];
  /** Resolves with the next receipt cut (already cut ones first). */
  nextReceipt: () => Promise<FakeReceipt>;
  setState: (state: FakePrinterState) => void;
  /** Stops reading (a printer whose buffer is full): writes to it stall. */
  stallReading: () => void;
  /** Resets each TCP connection after it has received this many bytes (a printer dropping off the network). */
  resetTcpAfter: (bytes: number | undefined) => void;
  /** Pulls the serial cable: the pty pair goes away (socat killed). */
  unplugSerial: () => Promise<void>;
  statusRequests: () => readonly number[];
  /** Every byte received, over both lines (a refused job shows as status requests only). */
  bytesReceived: () => number;
  errors: () => readonly string[];
  stop: () => Promise<void>;
}>;

export async function startFakePrinter(options: Readonly<{ paper: 58 | 80; state?: FakePrinterState; dir?: string }> = { paper: 58 }): Promise<FakePrinter> {
  const paperDots = options.paper === 58 ? 384 : 576;
  // Receipts go to `dir` when given (to look at them), else to a temporary folder removed at stop().
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'escpos-fake-'));
  let state: FakePrinterState = options.state ?? 'ready';
  const receipts: FakeReceipt[] = [];
  const waiting: Array<(r: FakeReceipt) => void> = [];
  let handed = 0;
  const decoders: EscPosDecoder[] = [];
  let resetAfter: number | undefined;
  let pending = Promise.resolve();

  const onCut = (via: 'serial' | 'tcp') => (r: Omit<FakeReceipt, 'via' | 'png' | 'file'>) => {
    // PNGs are made in order, one after another, so receipts keep the order they were cut in.
    pending = pending.then(async () => {
      const png = await receiptPng(r.width, r.height, r.dots);
      const file = join(dir, `receipt-${receipts.length + 1}-${via}.png`);
      writeFileSync(file, png);
      const receipt: FakeReceipt = { ...r, via, png, file };
      receipts.push(receipt);
      const w = waiting.shift();
      if (w) w(receipts[handed++]!);
    });
  };

  // Serial: the fake holds the far end of a pty pair. A small highWaterMark, so that a paused
  // fake stops taking bytes after a few KB, as a printer's full buffer does.
  const pair: SocatPair = await socatPair();
  const port = new SerialPort({ path: pair.b, baudRate: 9600, autoOpen: false, highWaterMark: 1024 });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  const serialDecoder = new EscPosDecoder(paperDots, (n) => statusAnswer(state, n), (bytes) => port.write(Buffer.from(bytes)), onCut('serial'));
  decoders.push(serialDecoder);
  port.on('data', (chunk: Buffer) => serialDecoder.push(chunk));
  port.on('error', () => {}); // the rig is torn down under it at the end

  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const decoder = new EscPosDecoder(paperDots, (n) => statusAnswer(state, n), (bytes) => socket.write(bytes), onCut('tcp'));
    decoders.push(decoder);
    let received = 0;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (resetAfter !== undefined && received >= resetAfter) {
        socket.resetAndDestroy();
        return;
      }
      decoder.push(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the fake printer has no TCP port');

  return {
    serialPath: pair.a,
    tcpPort: address.port,
    dir,
    receipts,
    nextReceipt: async () => {
      await pending;
      if (handed < receipts.length) return receipts[handed++]!;
      return new Promise((resolve) => waiting.push(resolve));
    },
    setState: (s) => {
      state = s;
    },
    stallReading: () => {
      port.pause();
      for (const s of sockets) s.pause();
      server.on('connection', (s: Socket) => s.pause());
    },
    resetTcpAfter: (bytes) => {
      resetAfter = bytes;
    },
    unplugSerial: () => pair.kill('SIGKILL'),
    statusRequests: () => decoders.flatMap((d) => d.statusRequests),
    bytesReceived: () => decoders.reduce((n, d) => n + d.received, 0),
    errors: () => decoders.flatMap((d) => d.errors),
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
      await pair.kill();
      await pending;
      if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Reads a PNG back into RGBA pixels (for jsQR). */
export async function pngPixels(png: Buffer): Promise<{ data: Uint8ClampedArray; width: number; height: number }> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

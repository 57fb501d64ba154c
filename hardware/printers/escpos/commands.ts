// ESC/POS byte builders for receipt and queue-ticket printers (Epson TM series and the many
// compatible 58/80 mm printers sold in Vietnam: Xprinter, Rongta, Antech, …), and the parser of
// their real-time status answers. Only commands those printers share are used: text goes as a
// raster image (their code pages render Vietnamese badly), QR codes through GS ( k.

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;
const EOT = 0x04;

/** A 1-bit image: rows of width/8 bytes, most significant bit first, 1 = black dot. */
export type MonoBitmap = Readonly<{ width: number; height: number; data: Uint8Array }>;

export type Alignment = 'left' | 'center' | 'right';

/** ESC @: clears the print buffer and resets modes (alignment left, line spacing default). */
export function initialize(): Uint8Array {
  return Uint8Array.of(ESC, 0x40);
}

/** ESC a n: justification of what follows (raster images and QR codes included). */
export function align(alignment: Alignment): Uint8Array {
  const n = alignment === 'left' ? 0 : alignment === 'center' ? 1 : 2;
  return Uint8Array.of(ESC, 0x61, n);
}

function byteCount(n: number, what: string, max = 255): number {
  if (!Number.isInteger(n) || n < 0 || n > max) throw new RangeError(`${what} must be an integer 0–${max}, got ${n}`);
  return n;
}

/** ESC d n: prints the buffer and feeds n lines. */
export function feedLines(lines: number): Uint8Array {
  return Uint8Array.of(ESC, 0x64, byteCount(lines, 'Lines to feed'));
}

/** ESC J n: feeds n dots (vertical motion units; 1/203 inch on most 203 dpi printers). */
export function feedDots(dots: number): Uint8Array {
  return Uint8Array.of(ESC, 0x4a, byteCount(dots, 'Dots to feed'));
}

export type RasterOptions = Readonly<{
  /**
   * Largest band sent in one GS v 0 command, in bytes of image data. Printers with small input
   * buffers (2–4 KB on cheap 58 mm models) drop or garble larger blocks; 4096 suits them all.
   */
  maxBandBytes?: number;
}>;

/**
 * GS v 0: the bitmap in bands of at most `maxBandBytes` (whole rows, at most 2047 rows, as the
 * command's height field allows), one command each. The width must be a multiple of 8 dots.
 */
export function rasterImage(bitmap: MonoBitmap, options: RasterOptions = {}): Uint8Array {
  const { width, height, data } = bitmap;
  if (!Number.isInteger(width) || width <= 0 || width % 8 !== 0) throw new RangeError(`Raster width must be a positive multiple of 8 dots, got ${width}`);
  const rowBytes = width / 8;
  if (rowBytes > 0xffff) throw new RangeError(`Raster width ${width} is too wide`);
  if (data.length !== rowBytes * height) throw new RangeError(`Raster data is ${data.length} bytes, expected ${rowBytes * height} for ${width}×${height}`);
  if (height === 0) return new Uint8Array(0);
  const maxBandBytes = options.maxBandBytes ?? 4096;
  const bandRows = Math.max(1, Math.min(2047, Math.floor(maxBandBytes / rowBytes)));
  const bands = Math.ceil(height / bandRows);
  const out = new Uint8Array(bands * 8 + data.length);
  let at = 0;
  for (let row = 0; row < height; row += bandRows) {
    const rows = Math.min(bandRows, height - row);
    out.set([GS, 0x76, 0x30, 0, rowBytes & 0xff, rowBytes >> 8, rows & 0xff, rows >> 8], at);
    at += 8;
    out.set(data.subarray(row * rowBytes, (row + rows) * rowBytes), at);
    at += rows * rowBytes;
  }
  return out;
}

export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

export type QrOptions = Readonly<{
  /** Dots per module, 1–16 (default 6: a 2.5 cm code for a 41-module URL at 203 dpi). */
  moduleSize?: number;
  errorCorrection?: QrErrorCorrection;
}>;

function qrFunction(fn: number, ...params: number[]): number[] {
  const length = params.length + 2; // cn + fn + parameters
  return [GS, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, fn, ...params];
}

/**
 * GS ( k, function 165/167/169/180/181: model 2, module size, error correction, store the data,
 * print it. The printer draws the code itself, sharp at its own resolution.
 */
export function qrCode(text: string, options: QrOptions = {}): Uint8Array {
  const data = new TextEncoder().encode(text.normalize('NFC'));
  if (data.length === 0) throw new RangeError('A QR code needs some data');
  // Model 2, level L holds at most 2953 bytes; printers refuse more.
  if (data.length > 2953) throw new RangeError(`QR data is ${data.length} bytes; at most 2953 fit`);
  const moduleSize = options.moduleSize ?? 6;
  if (!Number.isInteger(moduleSize) || moduleSize < 1 || moduleSize > 16) throw new RangeError(`QR module size must be 1–16, got ${moduleSize}`);
  const level = { L: 48, M: 49, Q: 50, H: 51 }[options.errorCorrection ?? 'M'];
  const storeLength = data.length + 3;
  return Uint8Array.from([
    ...qrFunction(0x41, 50, 0), // model 2
    ...qrFunction(0x43, moduleSize),
    ...qrFunction(0x45, level),
    GS, 0x28, 0x6b, storeLength & 0xff, storeLength >> 8, 0x31, 0x50, 0x30, ...data,
    ...qrFunction(0x51, 0x30), // print the stored code
  ]);
}

/**
 * GS V 66 n (partial) or GS V 65 n (full): feeds n dots past the print head to the cutter, then
 * cuts. Printers without a cutter ignore it, so the feed still brings the ticket out.
 */
export function cut(options: Readonly<{ partial?: boolean; feedDots?: number }> = {}): Uint8Array {
  return Uint8Array.of(GS, 0x56, options.partial === false ? 65 : 66, byteCount(options.feedDots ?? 64, 'Feed before the cut'));
}

/** DLE EOT n: the four real-time status requests, answered at once even while printing. */
export type StatusRequest = 'printer' | 'offline_cause' | 'error_cause' | 'paper';

const STATUS_N: Readonly<Record<StatusRequest, number>> = { printer: 1, offline_cause: 2, error_cause: 3, paper: 4 };

export function statusRequest(which: StatusRequest): Uint8Array {
  return Uint8Array.of(DLE, EOT, STATUS_N[which]);
}

/** What one status byte says. Every answer has bits 0 and 7 clear and bits 1 and 4 set. */
export type StatusAnswer =
  | Readonly<{ kind: 'printer'; offline: boolean; waitingForRecovery: boolean; feedButton: boolean }>
  | Readonly<{ kind: 'offline_cause'; coverOpen: boolean; feedingByButton: boolean; paperEndStop: boolean; error: boolean }>
  | Readonly<{ kind: 'error_cause'; cutterError: boolean; unrecoverable: boolean; autoRecoverable: boolean }>
  | Readonly<{ kind: 'paper'; nearEnd: boolean; paperEnd: boolean }>;

/** True when `byte` has the fixed bits of a status answer (0xx1xx10). */
export function isStatusByte(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

/** Decodes the answer to `request`; undefined when the byte is not a status answer (noise, another protocol). */
export function parseStatus(request: StatusRequest, byte: number): StatusAnswer | undefined {
  if (!Number.isInteger(byte) || byte < 0 || byte > 255 || !isStatusByte(byte)) return undefined;
  const bit = (n: number) => (byte & (1 << n)) !== 0;
  switch (request) {
    case 'printer':
      return { kind: 'printer', offline: bit(3), waitingForRecovery: bit(5), feedButton: bit(6) };
    case 'offline_cause':
      return { kind: 'offline_cause', coverOpen: bit(2), feedingByButton: bit(3), paperEndStop: bit(5), error: bit(6) };
    case 'error_cause':
      return { kind: 'error_cause', cutterError: bit(3), unrecoverable: bit(5), autoRecoverable: bit(6) };
    case 'paper':
      // Each condition has two bits (two sensors on some models); either one counts.
      return { kind: 'paper', nearEnd: bit(2) || bit(3), paperEnd: bit(5) || bit(6) };
    default: {
      const never: never = request;
      throw new Error(`Unhandled status request ${String(never)}`);
    }
  }
}

/** Concatenates command pieces into one job. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

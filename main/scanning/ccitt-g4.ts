// CCITT Group 4 (ITU-T T.6) encoding of a bilevel image: how scanners and fax machines store
// black-and-white pages, 2–3× smaller than deflate for text, and decoded by every PDF reader
// (CCITTFaxDecode, K = -1). Each line is coded against the one above it: vertical mode when a
// colour change moved by at most 3 pixels, pass mode, or horizontal mode with two run lengths.

type Code = readonly [bits: number, length: number];

// Run-length codes of T.4 §4.1: terminating (0–63) and make-up (64–1728) per colour, then the
// extended make-up codes shared by both colours (1792–2560). Written as bit strings, as in the standard.
const WHITE_TERMINATING = [
  '00110101', '000111', '0111', '1000', '1011', '1100', '1110', '1111', '10011', '10100', '00111', '01000', '001000', '000011', '110100', '110101',
  '101010', '101011', '0100111', '0001100', '0001000', '0010111', '0000011', '0000100', '0101000', '0101011', '0010011', '0100100', '0011000', '00000010', '00000011', '00011010',
  '00011011', '00010010', '00010011', '00010100', '00010101', '00010110', '00010111', '00101000', '00101001', '00101010', '00101011', '00101100', '00101101', '00000100', '00000101', '00001010',
  '00001011', '01010010', '01010011', '01010100', '01010101', '00100100', '00100101', '01011000', '01011001', '01011010', '01011011', '01001010', '01001011', '00110010', '00110011', '00110100',
];
const WHITE_MAKEUP = [
  '11011', '10010', '010111', '0110111', '00110110', '00110111', '01100100', '01100101', '01101000', '01100111', '011001100', '011001101', '011010010', '011010011',
  '011010100', '011010101', '011010110', '011010111', '011011000', '011011001', '011011010', '011011011', '010011000', '010011001', '010011010', '011000', '010011011',
];
const BLACK_TERMINATING = [
  '0000110111', '010', '11', '10', '011', '0011', '0010', '00011', '000101', '000100', '0000100', '0000101', '0000111', '00000100', '00000111', '000011000',
  '0000010111', '0000011000', '0000001000', '00001100111', '00001101000', '00001101100', '00000110111', '00000101000', '00000010111', '00000011000', '000011001010', '000011001011', '000011001100', '000011001101', '000001101000', '000001101001',
  '000001101010', '000001101011', '000011010010', '000011010011', '000011010100', '000011010101', '000011010110', '000011010111', '000001101100', '000001101101', '000011011010', '000011011011', '000001010100', '000001010101', '000001010110', '000001010111',
  '000001100100', '000001100101', '000001010010', '000001010011', '000000100100', '000000110111', '000000111000', '000000100111', '000000101000', '000001011000', '000001011001', '000000101011', '000000101100', '000001011010', '000001100110', '000001100111',
];
const BLACK_MAKEUP = [
  '0000001111', '000011001000', '000011001001', '000001011011', '000000110011', '000000110100', '000000110101', '0000001101100', '0000001101101', '0000001001010', '0000001001011', '0000001001100', '0000001001101', '0000001110010',
  '0000001110011', '0000001110100', '0000001110101', '0000001110110', '0000001110111', '0000001010010', '0000001010011', '0000001010100', '0000001010101', '0000001011010', '0000001011011', '0000001100100', '0000001100101',
];
const EXTENDED_MAKEUP = ['00000001000', '00000001100', '00000001101', '000000010010', '000000010011', '000000010100', '000000010101', '000000010110', '000000010111', '000000011100', '000000011101', '000000011110', '000000011111'];

const code = (s: string): Code => [parseInt(s, 2), s.length];
const tables = {
  white: { terminating: WHITE_TERMINATING.map(code), makeup: [...WHITE_MAKEUP, ...EXTENDED_MAKEUP].map(code) },
  black: { terminating: BLACK_TERMINATING.map(code), makeup: [...BLACK_MAKEUP, ...EXTENDED_MAKEUP].map(code) },
};

const PASS = code('0001');
const HORIZONTAL = code('001');
/** Vertical mode by a1 − b1 = −3…3: VL3 VL2 VL1 V0 VR1 VR2 VR3. */
const VERTICAL = ['0000010', '000010', '010', '1', '011', '000011', '0000011'].map(code);
const EOL = code('000000000001');

/** The code tables, for tests that check them for prefix-freedom. */
export const G4_TABLES = { tables, PASS, HORIZONTAL, VERTICAL, EOL };

class BitWriter {
  private buf = Buffer.alloc(1 << 16);
  private pos = 0;
  private acc = 0;
  private n = 0;

  write([bits, length]: Code): void {
    for (let i = length - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((bits >>> i) & 1);
      if (++this.n === 8) this.flushByte();
    }
  }

  private flushByte(): void {
    if (this.pos === this.buf.length) {
      const bigger = Buffer.alloc(this.buf.length * 2);
      this.buf.copy(bigger);
      this.buf = bigger;
    }
    this.buf[this.pos++] = this.acc;
    this.acc = 0;
    this.n = 0;
  }

  finish(): Buffer {
    if (this.n > 0) {
      this.acc <<= 8 - this.n;
      this.flushByte();
    }
    return this.buf.subarray(0, this.pos);
  }
}

function writeRun(out: BitWriter, run: number, color: 'white' | 'black'): void {
  const t = tables[color];
  while (run >= 2560) {
    out.write(t.makeup[39]!); // 2560
    run -= 2560;
  }
  if (run >= 64) {
    out.write(t.makeup[Math.floor(run / 64) - 1]!);
    run %= 64;
  }
  out.write(t.terminating[run]!);
}

/**
 * Encodes a bilevel image given one byte per pixel (non-zero = black), row after row. The
 * output decodes with CCITTFaxDecode << /K -1 /Columns width /Rows height >> (BlackIs1 false:
 * black comes out as 0).
 */
export function encodeG4(pixels: Uint8Array, width: number, height: number): Buffer {
  const out = new BitWriter();
  // Changing elements of the reference and the coding line: positions where the colour differs
  // from the pixel before (the pixel before the line is white), closed by `width` twice.
  let ref = new Int32Array(width + 3);
  let cur = new Int32Array(width + 3);
  ref[0] = width;
  ref[1] = width;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let n = 0;
    let prev = 0;
    for (let x = 0; x < width; x++) {
      const v = pixels[row + x] ? 1 : 0;
      if (v !== prev) { cur[n++] = x; prev = v; }
    }
    cur[n] = width;
    cur[n + 1] = width;

    // Changes alternate colours: the i-th change (0-based) starts a black run when i is even.
    let a0 = -1;
    let color = 0; // colour of the run a0 starts: 0 white, 1 black
    let ai = 0; // index of a1 in cur
    let bi = 0; // index of b1 candidate in ref
    for (;;) {
      while (cur[ai]! <= a0 && cur[ai]! < width) ai++;
      const a1 = cur[ai]!;
      // b1: first change on the reference line right of a0 and of colour opposite to a0's run,
      // i.e. a change to `1 - color`; changes to black sit at even indices.
      // a0 may now sit left of the previous b1 (vertical mode to the left): search again from a0.
      while (bi > 0 && ref[bi - 1]! > a0) bi--;
      while (ref[bi]! <= a0 && ref[bi]! < width) bi++;
      if ((bi & 1) !== color) bi++;
      const b1 = ref[bi]!;
      const b2 = b1 >= width ? width : ref[bi + 1]!;
      if (b2 < a1) {
        out.write(PASS);
        a0 = b2;
        bi += 2;
        continue;
      }
      const d = a1 - b1;
      if (d >= -3 && d <= 3) {
        out.write(VERTICAL[d + 3]!);
        a0 = a1;
        color ^= 1;
        ai++;
      } else {
        const a2 = cur[ai + 1]!;
        out.write(HORIZONTAL);
        const start = a0 < 0 ? 0 : a0;
        writeRun(out, a1 - start, color === 0 ? 'white' : 'black');
        writeRun(out, a2 - a1, color === 0 ? 'black' : 'white');
        a0 = a2;
        ai += 2;
      }
      if (a0 >= width) break;
    }
    [ref, cur] = [cur, ref];
  }
  out.write(EOL);
  out.write(EOL);
  return out.finish();
}

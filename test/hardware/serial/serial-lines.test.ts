import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  LineSplitter,
  SerialError,
  listSerialPorts,
  openSerialLines,
  serialErrorReason,
  serialPortGone,
  type SerialLineEvent,
  type SerialLineOptions,
  type SerialLineReader,
} from '../../../hardware/serial/serial-lines';
import { parseIdentityQr } from '../../../main/core/identity-qr';
import { CCCD_HANOI } from '../../core/identity-qr-fixtures';
import { socatPair, type SocatPair } from './socat-rig';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('LineSplitter (the bytes → lines logic, fed by hand)', () => {
  it('ends lines at CR, LF and CRLF, also when CRLF is split between two reads, and skips empty lines', () => {
    const s = new LineSplitter();
    const out = [...s.push(bytes('one\rtwo\nthree\r')), ...s.push(bytes('\nfour\r\n\r\n\nfive\n'))];
    expect(out).toEqual(['one', 'two', 'three', 'four', 'five'].map((text) => ({ type: 'line', text, end: 'terminator' })));
  });

  it('joins a line that arrives in pieces, even inside a multi-byte character', () => {
    const s = new LineSplitter();
    const all = bytes(`${CCCD_HANOI}\r\n`);
    const cut = all.indexOf(Buffer.from('ễ', 'utf8')) + 1; // inside the 3 bytes of "ễ"
    expect(s.push(all.subarray(0, cut))).toEqual([]);
    expect(s.pending).toBe(true);
    expect(s.push(all.subarray(cut))).toEqual([{ type: 'line', text: CCCD_HANOI, end: 'terminator' }]);
    expect(s.pending).toBe(false);
  });

  it('drops noise before a line and keeps the line right after it', () => {
    const s = new LineSplitter();
    const out = s.push(Buffer.concat([Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x1b]), bytes('001090012345|x\r\n')]));
    expect(out).toEqual([
      { type: 'garbage', reason: 'garbage', kind: 'non_printable', bytes: 5 },
      { type: 'line', text: '001090012345|x', end: 'terminator' },
    ]);
  });

  it('refuses a line with a control byte or invalid UTF-8 inside, and delivers the next one', () => {
    const s = new LineSplitter();
    const out = s.push(Buffer.concat([bytes('abc\x07def\n'), bytes('Nguy'), Buffer.from([0xe1, 0x28]), bytes('n\n'), bytes('ok\n')]));
    expect(out).toEqual([
      { type: 'garbage', reason: 'garbage', kind: 'non_printable', bytes: 7 },
      { type: 'garbage', reason: 'garbage', kind: 'invalid_utf8', bytes: 7 },
      { type: 'line', text: 'ok', end: 'terminator' },
    ]);
    // C1 controls are valid UTF-8 but not text.
    expect(new LineSplitter().push(bytes('a\u0085b\n'))).toEqual([{ type: 'garbage', reason: 'garbage', kind: 'non_printable', bytes: 4 }]);
  });

  it('refuses a line longer than the limit as soon as it passes it, drops the rest, then reads on', () => {
    const s = new LineSplitter(16);
    expect(s.push(bytes('x'.repeat(16)))).toEqual([]);
    expect(s.push(bytes('yyyy'))).toEqual([{ type: 'garbage', reason: 'garbage', kind: 'too_long', bytes: 17 }]);
    expect(s.push(bytes('zzzz\r\nshort\r\n'))).toEqual([{ type: 'line', text: 'short', end: 'terminator' }]);
    expect(new LineSplitter(16).push(bytes(`${'x'.repeat(16)}\n`))).toEqual([{ type: 'line', text: 'x'.repeat(16), end: 'terminator' }]);
  });

  it('ends a line without terminator when flushed (the idle timeout), and the line after it', () => {
    const s = new LineSplitter();
    expect(s.push(bytes('first'))).toEqual([]);
    expect(s.flush()).toEqual([{ type: 'line', text: 'first', end: 'idle' }]);
    expect(s.flush()).toEqual([]);
    expect(s.push(bytes('second\n'))).toEqual([{ type: 'line', text: 'second', end: 'terminator' }]);
  });

  it('drops a UTF-8 BOM at the start of a line', () => {
    expect(new LineSplitter().push(bytes('\uFEFFabc\n'))).toEqual([{ type: 'line', text: 'abc', end: 'terminator' }]);
  });
});

/** Events of one reader, awaited one by one (no sleeps). */
function eventQueue() {
  const seen: SerialLineEvent[] = [];
  const waiting: Array<(e: SerialLineEvent) => void> = [];
  let read = 0;
  return {
    push(event: SerialLineEvent) {
      seen.push(event);
      const w = waiting.shift();
      if (w) w(seen[read++]!);
    },
    next(): Promise<SerialLineEvent> {
      if (read < seen.length) return Promise.resolve(seen[read++]!);
      return new Promise((resolve) => waiting.push(resolve));
    },
    seen,
  };
}

describe('serial lines through a socat pty pair', () => {
  let pair: SocatPair | undefined;
  let reader: SerialLineReader | undefined;
  let device: number | undefined;

  afterEach(async () => {
    await reader?.close();
    if (device !== undefined) closeSync(device);
    await pair?.kill();
    pair = undefined;
    reader = undefined;
    device = undefined;
  });

  async function open(options: Partial<SerialLineOptions> = {}) {
    pair = await socatPair();
    const events = eventQueue();
    reader = await openSerialLines({ path: pair.a, ...options }, events.push);
    // The device's end. O_NOCTTY: the test process must not adopt the pty as its terminal.
    device = openSync(pair.b, constants.O_WRONLY | constants.O_NOCTTY);
    return events;
  }

  const send = (data: string | Buffer) => writeSync(device!, typeof data === 'string' ? bytes(data) : data);

  it('delivers lines ended by CR, LF and CRLF', async () => {
    const events = await open();
    send('Lê Minh Khang\rTrần Thị Mai\nNguyễn Văn Bình\r\n');
    expect(await events.next()).toEqual({ type: 'line', text: 'Lê Minh Khang', end: 'terminator' });
    expect(await events.next()).toEqual({ type: 'line', text: 'Trần Thị Mai', end: 'terminator' });
    expect(await events.next()).toEqual({ type: 'line', text: 'Nguyễn Văn Bình', end: 'terminator' });
  });

  it('joins a QR burst that arrives in several writes into one line the QR parser reads', async () => {
    const events = await open();
    const all = bytes(`${CCCD_HANOI}\r\n`);
    const cuts = [0, 13, all.indexOf(Buffer.from('ễ', 'utf8')) + 2, 40, 120, all.length - 1, all.length];
    expect(cuts).toEqual([...cuts].sort((x, y) => x - y)); // inside "ễ", and in order
    for (let i = 1; i < cuts.length; i += 1) {
      send(all.subarray(cuts[i - 1]!, cuts[i]!));
      // Wait until this piece has reached the reader, so the pieces really arrive apart.
      await vi.waitFor(() => expect(reader!.bytesReceived()).toBe(cuts[i]), { timeout: 10_000, interval: 5 });
    }
    const event = await events.next();
    expect(event).toEqual({ type: 'line', text: CCCD_HANOI, end: 'terminator' });
    expect(event.type === 'line' && parseIdentityQr(event.text)).toMatchObject({ ok: true, card: { fullName: 'Nguyễn Văn Bình' } });
  });

  it('refuses garbage with its reason and still delivers the good line after it', async () => {
    const events = await open();
    send(Buffer.from([0x00, 0xf8, 0xff, 0x80]));
    send(Buffer.concat([bytes('bad\x01line\r\n'), bytes(`${CCCD_HANOI}\r\n`)]));
    expect(await events.next()).toEqual({ type: 'garbage', reason: 'garbage', kind: 'non_printable', bytes: 4 });
    expect(await events.next()).toEqual({ type: 'garbage', reason: 'garbage', kind: 'non_printable', bytes: 8 });
    expect(await events.next()).toEqual({ type: 'line', text: CCCD_HANOI, end: 'terminator' });
  });

  it('refuses an endless line and reads the next one', async () => {
    const events = await open({ maxLineBytes: 256 });
    send(`${'9'.repeat(1000)}\n`);
    send('after\n');
    expect(await events.next()).toMatchObject({ type: 'garbage', kind: 'too_long' });
    expect(await events.next()).toEqual({ type: 'line', text: 'after', end: 'terminator' });
  });

  it('ends lines by a pause for a reader that sends no terminator', async () => {
    const events = await open({ idleMs: 300 });
    send(CCCD_HANOI);
    expect(await events.next()).toEqual({ type: 'line', text: CCCD_HANOI, end: 'idle' });
    send('079185000123');
    expect(await events.next()).toEqual({ type: 'line', text: '079185000123', end: 'idle' });
  });

  it('reports the other side vanishing (socat killed) as gone, as its last event', async () => {
    const events = await open();
    send('before\n');
    expect(await events.next()).toMatchObject({ type: 'line', text: 'before' });
    await pair!.kill('SIGKILL');
    const last = await events.next();
    expect(last).toMatchObject({ type: 'closed', reason: 'gone' });
    expect(await reader!.closed).toEqual(last);
    await reader!.close(); // closing a port that is gone is harmless
    expect(events.seen.at(-1)).toEqual(last);
  });

  it('closes cleanly: the closed event, and the port can be opened again', async () => {
    const events = await open();
    await reader!.close();
    expect(await events.next()).toEqual({ type: 'closed', reason: 'closed' });
    const again = eventQueue();
    reader = await openSerialLines({ path: pair!.a }, again.push);
    send('still here\n');
    expect(await again.next()).toEqual({ type: 'line', text: 'still here', end: 'terminator' });
  });

  it('refuses a port another program holds: busy', async () => {
    await open();
    const second = await openSerialLines({ path: pair!.a }, () => {}).then(
      () => 'opened',
      (e: unknown) => e,
    );
    expect(second).toBeInstanceOf(SerialError);
    expect((second as SerialError).reason).toBe('busy');
  });

  it('refuses a port that does not exist: not_found', async () => {
    const error = await openSerialLines({ path: '/dev/ttyNO-SUCH-PORT' }, () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SerialError);
    expect(error).toMatchObject({ reason: 'not_found', path: '/dev/ttyNO-SUCH-PORT' });
  });
});

describe('serial ports of the machine and the OS error words', () => {
  it('lists ports as plain entries with a path', async () => {
    const ports = await listSerialPorts();
    expect(Array.isArray(ports)).toBe(true);
    for (const p of ports) {
      expect(typeof p.path).toBe('string');
      if (p.vendorId !== undefined) expect(p.vendorId).toMatch(/^[0-9a-f]{4}$/);
    }
  });

  it('maps the bindings’ messages on each OS to a reason', () => {
    expect(serialErrorReason('Error: No such file or directory, cannot open /dev/ttyUSB0', 'linux')).toBe('not_found');
    expect(serialErrorReason('Error: Permission denied, cannot open /dev/ttyUSB0', 'linux')).toBe('access_denied');
    expect(serialErrorReason('Error Resource temporarily unavailable Cannot lock port', 'linux')).toBe('busy');
    expect(serialErrorReason('Opening COM3: File not found', 'win32')).toBe('not_found');
    expect(serialErrorReason('Opening COM3: Access denied', 'win32')).toBe('busy');
    expect(serialErrorReason('Error: Invalid argument setting custom baud rate of 12', 'linux')).toBe('failed');
  });

  it('tells a vanished device from a pty that simply has no modem lines', () => {
    expect(serialPortGone('Error: Input/output error, cannot get')).toBe(true);
    expect(serialPortGone('bad file descriptor')).toBe(true);
    expect(serialPortGone('Error: Inappropriate ioctl for device, cannot get')).toBe(false);
    expect(serialPortGone('Port is not open')).toBe(false);
  });
});

// The desk's devices through the station, as the officer meets them:
//
// - Identity-card burst → parsed event: a serial reader configured on one end of a socat pty
//   pair; a whole CCCD QR text (with its CR LF) written on the other end; the time from the
//   moment the last byte is written to the moment `identity.scanned` reaches a listener of the
//   station's event bus. And the keyboard-wedge path: `identity.parse` through the dispatcher.
// - Queue ticket: `queue.issue` through the dispatcher (number committed, ticket rendered with
//   its Vietnamese raster text and QR, the printer's state asked, every byte handed to the port,
//   the printer asked again, the print recorded) against the fake ESC/POS printer over TCP and
//   over a pty, 58 and 80 mm; and the bytes of a ticket (what a 9600-baud line must carry).
//
// Run alone: npx tsx -e "import('./test/bench/desk.ts').then(async (m) => console.log(JSON.stringify(await m.benchDesk(), null, 2)))"

import { closeSync, constants, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStation, type Station } from '../../main/station';
import { sessionOf, TEST_OFFICER } from '../helpers/station';
import { CCCD_HANOI, identityCards } from '../core/identity-qr-fixtures';
import { startFakePrinter } from '../hardware/printers/escpos-fake';
import { socatPair } from '../hardware/serial/socat-rig';
import { ms, now, progress, summarize, type Summary } from './stats';

const FIXED_NOW = new Date('2026-11-23T02:32:00Z');

function benchStation(): { station: Station; dir: string; call: (channel: string, payload: unknown) => Promise<unknown> } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-desk-'));
  const station = openStation({ dataDir: dir, host: 'web', version: 'bench', now: () => FIXED_NOW });
  // The officer at the counter: a technician configures the devices, reception issues tickets.
  const session = sessionOf(station, TEST_OFFICER);
  const call = async (channel: string, payload: unknown) => {
    const answer = await station.dispatch(channel, payload, session);
    if (!answer.ok) throw new Error(`${channel}: ${JSON.stringify(answer.error)}`);
    return answer.value;
  };
  return { station, dir, call };
}

async function benchIdentityBurst(bursts: number, warmup: number): Promise<{ serialToEvent: Summary; keyboardParse: Summary; burstBytes: number }> {
  const pair = await socatPair();
  const { station, dir, call } = benchStation();
  try {
    await call('reader.configure', { mode: 'serial', serial: { path: pair.a, baudRate: 9600 } });
    const device = openSync(pair.b, constants.O_WRONLY | constants.O_NOCTTY);
    let arrived: ((at: number) => void) | undefined;
    const stop = station.events.on('identity.scanned', (scan) => {
      if (!scan.ok) throw new Error(`a burst did not parse: ${scan.reason}`);
      arrived?.(now());
    });
    const texts = identityCards.map((c) => c.text);
    const samples: number[] = [];
    let burstBytes = 0;
    for (let i = 0; i < warmup + bursts; i += 1) {
      const burst = Buffer.from(`${texts[i % texts.length]!}\r\n`, 'utf8');
      burstBytes = Math.max(burstBytes, burst.length);
      const got = new Promise<number>((resolve) => (arrived = resolve));
      writeSync(device, burst);
      const lastByte = now();
      const at = await got;
      if (i >= warmup) samples.push(at - lastByte);
    }
    stop();
    closeSync(device);

    const parse: number[] = [];
    for (let i = 0; i < warmup + bursts; i += 1) {
      const t0 = now();
      await call('identity.parse', { text: `${CCCD_HANOI}\r\n` });
      if (i >= warmup) parse.push(now() - t0);
    }
    return { serialToEvent: summarize(samples), keyboardParse: summarize(parse), burstBytes };
  } finally {
    await station.close();
    await pair.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

type TicketFigures = { via: 'network' | 'serial'; paper: 58 | 80; issueToRecorded: Summary; bytesPerTicket: { min: number; max: number }; seconds9600: number };

async function benchIssue(via: 'network' | 'serial', paper: 58 | 80, timed: number, warmup: number): Promise<TicketFigures> {
  const fake = await startFakePrinter({ paper });
  const { station, dir, call } = benchStation();
  try {
    const printer = via === 'network' ? { kind: 'network', host: '127.0.0.1', port: fake.tcpPort } : { kind: 'serial', path: fake.serialPath, baudRate: 115200, rtscts: false };
    await call('queue.configure', { printer, paper, statusTimeoutMs: 3000 });
    const groups = ['A', 'B', 'C', 'D'];
    const samples: number[] = [];
    for (let i = 0; i < warmup + timed; i += 1) {
      const t0 = now();
      const ticket = (await call('queue.issue', { group: groups[i % groups.length], by: 'kiosk' })) as { print: { state: string; reason?: string } };
      const t1 = now();
      if (ticket.print.state !== 'printed') throw new Error(`ticket ${i}: ${ticket.print.reason}`);
      if (i >= warmup) samples.push(t1 - t0);
    }
    while (fake.receipts.length < warmup + timed) await fake.nextReceipt();
    if (fake.errors().length > 0) throw new Error(`the fake printer saw: ${fake.errors().slice(0, 3).join('; ')}`);
    const sizes = (station.db.prepare("SELECT bytes FROM queue_prints WHERE outcome = 'printed'").all() as Array<{ bytes: number }>).map((r) => r.bytes);
    const max = Math.max(...sizes);
    return { via, paper, issueToRecorded: summarize(samples), bytesPerTicket: { min: Math.min(...sizes), max }, seconds9600: Math.round((max * 10 * 100) / 9600) / 100 };
  } finally {
    await station.close();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchDesk(): Promise<Record<string, unknown>> {
  progress('desk: identity-card bursts on a pty → identity.scanned…');
  const burst = await benchIdentityBurst(200, 20);
  progress('desk: queue.issue → the fake printer (TCP 80 mm, TCP 58 mm, pty 58 mm)…');
  const tickets = [await benchIssue('network', 80, 100, 10), await benchIssue('network', 58, 100, 10), await benchIssue('serial', 58, 50, 5)];
  const worstMedian = Math.max(...tickets.map((t) => t.issueToRecorded.median));
  return {
    identityBurst: {
      what: 'last byte of a CCCD QR burst written on the pty → identity.scanned on the event bus (serial reader listened to by the station); keyboardParse: identity.parse through the dispatcher',
      ...burst,
      target: 'burst → parsed event p95 <= 50 ms',
      met: burst.serialToEvent.p95 <= 50,
      p95Ms: burst.serialToEvent.p95,
    },
    queueIssue: {
      what: 'queue.issue through the dispatcher: number committed, ticket rendered (raster text, QR), status asked, every byte handed to the port, status asked again, print recorded',
      tickets,
      target: 'issue → bytes at the printer median <= 100 ms',
      met: worstMedian <= 100,
      medianMs: ms(worstMedian),
    },
  };
}

import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNetworkPrinter } from '../../../../hardware/printers/escpos/transport';

// A printer's answer that came in while the station was held up (an old PC busy rendering a
// ticket) is its answer, not silence: when the event loop wakes, the read's timer and the bytes
// are due together, and timers run before I/O. Before the fix the read gave up with nothing and
// the ticket was refused as "the printer does not answer".

let server: ReturnType<typeof createServer>;
let port = 0;
let peer: Socket | undefined;

beforeAll(async () => {
  server = createServer((s) => { peer = s; });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  peer?.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const holdTheLoop = (ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until) { /* busy: nothing else runs */ }
};

describe('a printer answering while the station is held up', () => {
  it('takes the answer that arrived during the stall, though the read timed out meanwhile', async () => {
    const printer = await openNetworkPrinter({ host: '127.0.0.1', port });
    await expect.poll(() => peer !== undefined).toBe(true);
    // The answer goes into the kernel now; JavaScript sees it only at the loop's next poll, after the stall.
    peer!.write(Buffer.from([0x12]));
    const reading = printer.read(1, 50);
    holdTheLoop(200);
    expect([...(await reading)]).toEqual([0x12]);
    await printer.close();
  });
});

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectSse, retryDelay, SseParser, type SseFrame } from '../../../../renderer/src/common/station/sse';

// The renderer reads the web host's Server-Sent Events with fetch (EventSource cannot send the
// bearer token): the parser must survive any cut of the stream, and the client must come back
// after a drop and say so, because events may have been missed meanwhile.

function parse(chunks: readonly string[]): SseFrame[] {
  const frames: SseFrame[] = [];
  const parser = new SseParser((f) => frames.push(f));
  for (const c of chunks) parser.push(c);
  return frames;
}

describe('the event-stream parser', () => {
  const stream = ': trạm tiếp nhận\n\nevent: dossier.changed\ndata: {"code":"000.00.06.H56-261123-0001"}\n\n: ping\n\nevent: outbox.changed\ndata: {"pending":2,\ndata: "rejected":0}\n\n';

  it('reads events and multi-line data, and skips the keep-alive comments', () => {
    expect(parse([stream])).toEqual([
      { event: 'dossier.changed', data: '{"code":"000.00.06.H56-261123-0001"}' },
      { event: 'outbox.changed', data: '{"pending":2,\n"rejected":0}' },
    ]);
  });

  it('gives the same events however the stream is cut, one character at a time included', () => {
    const whole = parse([stream]);
    for (let cut = 1; cut < stream.length; cut++) expect(parse([stream.slice(0, cut), stream.slice(cut)])).toEqual(whole);
    expect(parse([...stream])).toEqual(whole);
  });

  it('takes CRLF and CR line ends, also when a CRLF is split between two chunks', () => {
    const crlf = stream.replace(/\n/g, '\r\n');
    expect(parse([crlf])).toEqual(parse([stream]));
    expect(parse([stream.replace(/\n/g, '\r')])).toEqual(parse([stream]));
    const at = crlf.indexOf('\r\n', 20) + 1; // between the CR and its LF
    expect(parse([crlf.slice(0, at), crlf.slice(at)])).toEqual(parse([stream]));
  });

  it('keeps an event without a name as "message" and drops one without data', () => {
    expect(parse(['data: x\n\nevent: empty\n\n'])).toEqual([{ event: 'message', data: 'x' }]);
  });
});

describe('the retry delays', () => {
  it('grow from the first delay to the cap, never below half of the ceiling nor above it', () => {
    for (const random of [0, 0.5, 0.999]) {
      const delays = Array.from({ length: 12 }, (_, i) => retryDelay(i, 300, 10_000, () => random));
      delays.forEach((d, i) => {
        const ceiling = Math.min(10_000, 300 * 2 ** i);
        expect(d).toBeGreaterThanOrEqual(ceiling / 2);
        expect(d).toBeLessThanOrEqual(ceiling);
      });
      expect(delays.at(-1)).toBeGreaterThanOrEqual(5_000);
    }
  });
});

describe('the event-stream client', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => { await close?.(); close = undefined; });

  /** A real HTTP server that answers each connection with the next scripted reply. */
  async function server(replies: ReadonlyArray<(req: IncomingMessage, res: ServerResponse) => void>) {
    const seen: Array<string | undefined> = [];
    let n = 0;
    const open = new Set<ServerResponse>();
    const http = createServer((req, res) => {
      seen.push(req.headers.authorization);
      open.add(res);
      res.on('close', () => open.delete(res));
      (replies[Math.min(n++, replies.length - 1)] ?? (() => res.end()))(req, res);
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    close = () => new Promise<void>((resolve) => { for (const r of open) r.destroy(); http.close(() => resolve()); });
    return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/events`, seen };
  }
  const streamHead = (res: ServerResponse) => { res.writeHead(200, { 'content-type': 'text/event-stream' }); res.write(': hello\n\n'); };

  it('sends the bearer token, comes back after a refusal and after a drop, and says when it is back', async () => {
    const { url, seen } = await server([
      (_req, res) => { res.writeHead(401); res.end(); },
      (_req, res) => { streamHead(res); res.write('event: sync.changed\ndata: {"online":true}\n\n'); res.end(); },
      (_req, res) => { streamHead(res); res.write('event: calendar.changed\ndata: {}\n\n'); },
    ]);
    const frames: string[] = [];
    const opens: boolean[] = [];
    const states: string[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => { done = resolve; });
    const sse = connectSse({
      url, token: 's3cret-token', minDelayMs: 1, maxDelayMs: 5, random: () => 0,
      onFrame: (f) => { frames.push(f.event); if (f.event === 'calendar.changed') done(); },
      onOpen: (again) => opens.push(again),
      onState: (s) => states.push(s),
    });
    await finished;
    sse.stop();
    expect(frames).toEqual(['sync.changed', 'calendar.changed']);
    expect(opens).toEqual([false, true]);
    expect(states).toContain('down');
    expect(seen.slice(0, 3)).toEqual(['Bearer s3cret-token', 'Bearer s3cret-token', 'Bearer s3cret-token']);
  });

  it('stops for good when told to', async () => {
    const { url, seen } = await server([(_req, res) => { streamHead(res); }]);
    let opened!: () => void;
    const open = new Promise<void>((resolve) => { opened = resolve; });
    const states: string[] = [];
    const sse = connectSse({ url, token: 't', minDelayMs: 1, onFrame: () => {}, onOpen: () => opened(), onState: (s) => states.push(s) });
    await open;
    sse.stop();
    await close?.();
    close = undefined;
    expect(seen).toHaveLength(1);
    expect(states).not.toContain('down');
  });
});

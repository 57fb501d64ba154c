// Server-Sent Events read with fetch, because EventSource cannot send the web host's
// Authorization header. The parser follows the HTML standard's event-stream rules (lines end in
// LF, CRLF or CR; `event:`, `data:` fields; `:` comments; a blank line dispatches); the client
// reconnects with capped, jittered backoff and says when it is connected again, so that the
// caller can treat everything it shows as stale (events may have been missed while it was down).

export type SseFrame = Readonly<{ event: string; data: string }>;

/** Feeds text chunks in any cut; calls `onFrame` for every complete event. */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  /** A chunk ended in CR: a LF starting the next chunk belongs to the same line end. */
  private pendingCr = false;

  constructor(private readonly onFrame: (frame: SseFrame) => void) {}

  push(chunk: string): void {
    let text = chunk;
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    this.buffer += text;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const ch = this.buffer[i];
      if (ch !== '\n' && ch !== '\r') continue;
      this.line(this.buffer.slice(start, i));
      if (ch === '\r') {
        if (i + 1 < this.buffer.length) {
          if (this.buffer[i + 1] === '\n') i++;
        } else {
          this.pendingCr = true;
        }
      }
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length > 0) this.onFrame({ event: this.event || 'message', data: this.data.join('\n') });
      this.event = '';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return; // a comment: the host's keep-alive
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    // `id` and `retry` are not used by the station: reconnection is ours (see connectSse).
  }
}

export type SseState = 'connecting' | 'open' | 'down';

export type SseOptions = Readonly<{
  url: string;
  token: string;
  onFrame: (frame: SseFrame) => void;
  /** Called each time the stream opens; `again` is true after a drop (events may have been missed). */
  onOpen: (again: boolean) => void;
  onState?: (state: SseState) => void;
  fetch?: typeof fetch;
  /** First retry delay and cap, in ms. */
  minDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  /** Waits before a retry; tests replace it so that they never sleep. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}>;

/** Delay before retry `attempt` (0-based): exponential, capped, with full jitter above half of it. */
export function retryDelay(attempt: number, minMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });

/** Reads the stream until `stop()`; every drop is followed by a retry. */
export function connectSse(options: SseOptions): { stop: () => void } {
  const controller = new AbortController();
  const doFetch = options.fetch ?? fetch.bind(globalThis);
  const minDelay = options.minDelayMs ?? 300;
  const maxDelay = options.maxDelayMs ?? 10_000;
  const random = options.random ?? Math.random;
  const wait = options.wait ?? sleep;
  const setState = (s: SseState) => options.onState?.(s);

  void (async () => {
    let opened = false;
    let failures = 0;
    while (!controller.signal.aborted) {
      setState('connecting');
      try {
        const res = await doFetch(options.url, {
          headers: { authorization: `Bearer ${options.token}`, accept: 'text/event-stream' },
          signal: controller.signal,
          cache: 'no-store',
        });
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        setState('open');
        options.onOpen(opened);
        opened = true;
        failures = 0;
        const parser = new SseParser(options.onFrame);
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.push(decoder.decode(value, { stream: true }));
        }
      } catch {
        // a refused or dropped connection: retried below
      }
      if (controller.signal.aborted) break;
      setState('down');
      await wait(retryDelay(failures++, minDelay, maxDelay, random), controller.signal);
    }
  })();

  return { stop: () => controller.abort() };
}

import { openSerialLines, type SerialLineEvent, type SerialLineOptions, type SerialLineReader } from '../../hardware/serial/serial-lines';
import type { SerialTarget } from './serial-listener';

// The technician's test read: open the reader's port, wait a few seconds for one scan, close.
// What the reader sent is answered as it came (a line, or bytes that are not text), so the
// technician sees whether the port and the baud rate are right before saving them.

export type TestReadResult =
  | Readonly<{ kind: 'line'; text: string }>
  | Readonly<{ kind: 'garbage'; bytes: number }>
  | Readonly<{ kind: 'silent' }>
  /** The port went away while waiting (the reader was unplugged). */
  | Readonly<{ kind: 'gone'; detail: string }>;

type Open = (options: SerialLineOptions, onEvent: (event: SerialLineEvent) => void) => Promise<SerialLineReader>;

/** Rejects with a SerialError when the port cannot be opened. */
export async function testRead(target: SerialTarget, waitMs: number, open: Open = openSerialLines): Promise<TestReadResult> {
  let settle!: (result: TestReadResult) => void;
  const first = new Promise<TestReadResult>((resolve) => (settle = resolve));
  const reader = await open({ path: target.path, baudRate: target.baudRate, ...(target.idleMs !== null ? { idleMs: target.idleMs } : {}) }, (event) => {
    switch (event.type) {
      case 'line': settle({ kind: 'line', text: event.text }); return;
      case 'garbage': settle({ kind: 'garbage', bytes: event.bytes }); return;
      case 'closed': settle(event.reason === 'gone' ? { kind: 'gone', detail: event.detail ?? '' } : { kind: 'silent' }); return;
      default: {
        const never: never = event;
        throw new Error(`Unhandled serial event ${String(never)}`);
      }
    }
  });
  const timer = setTimeout(() => settle({ kind: 'silent' }), waitMs);
  try {
    return await first;
  } finally {
    clearTimeout(timer);
    await reader.close();
  }
}

import type { PrintFailure, TicketPrinterSettings } from '../contract/queue-channels';
import { printJob, readPrinterCondition } from '../../hardware/printers/escpos/thermal-printer';
import { openNetworkPrinter, openSerialPrinter, openUsbPrinter, TransportError, type PrinterTransport } from '../../hardware/printers/escpos/transport';

// The counter's thermal printer, as the queue uses it: a connection per job (a printer switched
// off and on, or re-plugged, is found again at the next ticket), the printer's state asked before
// any byte is sent, and one job at a time — two tickets taken at once never interleave their
// bytes on one port.

export type PrintOutcome =
  | Readonly<{ ok: true; bytes: number; paperNearEnd: boolean }>
  | Readonly<{ ok: false; reason: PrintFailure; bytes: number; detail?: string }>;

export type PrintOptions = Readonly<{ statusTimeoutMs: number; whenSilent: 'refuse' | 'print' }>;

/** Where the printer is, as the officer reads it in a message ("192.168.1.50:9100", "/dev/ttyUSB0", "USB"). */
export function printerPlace(p: TicketPrinterSettings): string {
  switch (p.kind) {
    case 'none': return '—';
    case 'serial': return p.path;
    case 'network': return `${p.host}:${p.port}`;
    case 'usb': return p.vendorId !== undefined ? `USB ${p.vendorId.toString(16).padStart(4, '0')}:${(p.productId ?? 0).toString(16).padStart(4, '0')}` : 'USB';
    default: {
      const never: never = p;
      throw new Error(`Unhandled printer ${String(never)}`);
    }
  }
}

export type OpenTransport = (p: Exclude<TicketPrinterSettings, { kind: 'none' }>) => Promise<PrinterTransport>;

const openTransport: OpenTransport = (p) => {
  switch (p.kind) {
    case 'serial': return openSerialPrinter({ path: p.path, baudRate: p.baudRate, rtscts: p.rtscts });
    case 'network': return openNetworkPrinter({ host: p.host, port: p.port });
    case 'usb': return openUsbPrinter({ ...(p.vendorId !== undefined ? { vendorId: p.vendorId } : {}), ...(p.productId !== undefined ? { productId: p.productId } : {}) });
    default: {
      const never: never = p;
      throw new Error(`Unhandled printer ${String(never)}`);
    }
  }
};

export type TicketPrinter = Readonly<{
  /** Prints one whole job (init … cut); jobs wait for each other. */
  print: (printer: TicketPrinterSettings, bytes: Uint8Array, options: PrintOptions) => Promise<PrintOutcome>;
  /** Resolves when the jobs already handed over are done (closing the station waits for them). */
  idle: () => Promise<void>;
}>;

export function ticketPrinter(open: OpenTransport = openTransport): TicketPrinter {
  let chain: Promise<unknown> = Promise.resolve();

  const once = async (printer: TicketPrinterSettings, bytes: Uint8Array, options: PrintOptions): Promise<PrintOutcome> => {
    if (printer.kind === 'none') return { ok: false, reason: 'not_configured', bytes: 0 };
    let transport: PrinterTransport;
    try {
      transport = await open(printer);
    } catch (e) {
      if (e instanceof TransportError) return { ok: false, reason: e.reason, bytes: 0, detail: e.detail };
      return { ok: false, reason: 'failed', bytes: 0, detail: e instanceof Error ? e.message : String(e) };
    }
    try {
      const result = await printJob(transport, bytes, { statusTimeoutMs: options.statusTimeoutMs, whenSilent: options.whenSilent });
      if (!result.ok) return { ok: false, reason: result.reason, bytes: result.bytesWritten, ...(result.detail ? { detail: result.detail } : {}) };
      // Bytes the OS took are not bytes the printer got: a network printer dropping off leaves a
      // small ticket in the socket's buffers. The printer answering after the ticket says it had
      // every byte (its answers come in order); paper running out mid-ticket shows here too.
      if (transport.canRead && result.condition) {
        const after = await readPrinterCondition(transport, options.statusTimeoutMs);
        if (!after.ok) return { ok: false, reason: 'write_failed', bytes: result.bytesWritten, detail: after.detail ?? `no answer after the ticket (${after.reason})` };
        const c = after.condition;
        if (c.coverOpen) return { ok: false, reason: 'cover_open', bytes: result.bytesWritten };
        if (c.paperOut) return { ok: false, reason: 'paper_out', bytes: result.bytesWritten };
        if (!c.online) return { ok: false, reason: 'offline', bytes: result.bytesWritten };
        return { ok: true, bytes: result.bytesWritten, paperNearEnd: c.paperNearEnd || result.warnings.includes('paper_near_end') };
      }
      return { ok: true, bytes: result.bytesWritten, paperNearEnd: result.warnings.includes('paper_near_end') };
    } finally {
      await transport.close().catch(() => undefined);
    }
  };

  return {
    print: (printer, bytes, options) => {
      const job = chain.then(() => once(printer, bytes, options));
      chain = job.catch(() => undefined);
      return job;
    },
    idle: () => chain.then(() => undefined),
  };
}

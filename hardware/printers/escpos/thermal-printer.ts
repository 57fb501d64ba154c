import { parseStatus, statusRequest, type StatusRequest } from './commands';
import { TransportError, type PrinterTransport } from './transport';

// One print job on an ESC/POS printer: ask its state first (where the transport can read),
// refuse to send a ticket into a printer that cannot print it, then write every byte. The
// citizen waits at the counter for the ticket: a job that did not fully reach the printer is a
// failure with its reason, never a quiet success.

export type PrinterCondition = Readonly<{
  online: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  /** Why the printer is in error, when it says so. */
  error?: 'cutter' | 'unrecoverable' | 'auto_recoverable';
}>;

export type PrintRefusal =
  | 'paper_out'
  | 'cover_open'
  /** Offline for another cause (an error, a button held, a cutter jam). */
  | 'offline'
  /** No answer to the status request within the time allowed (printer off, wrong port or baud rate). */
  | 'no_answer'
  /** The answer was not an ESC/POS status byte (wrong baud rate, another device on the port). */
  | 'garbage'
  /** Not every byte reached the printer (connection lost, printer stalled). */
  | 'write_failed';

export type PrintWarning = 'paper_near_end';

export type PrintJobResult =
  | Readonly<{ ok: true; bytesWritten: number; condition?: PrinterCondition; warnings: readonly PrintWarning[] }>
  | Readonly<{ ok: false; reason: PrintRefusal; bytesWritten: number; condition?: PrinterCondition; detail?: string }>;

export type ConditionResult =
  | Readonly<{ ok: true; condition: PrinterCondition }>
  | Readonly<{ ok: false; reason: 'no_answer' | 'garbage' | 'write_failed'; detail?: string }>;

type Answer<K extends StatusRequest> = Extract<NonNullable<ReturnType<typeof parseStatus>>, { kind: K }>;

async function ask<K extends StatusRequest>(transport: PrinterTransport, which: K, timeoutMs: number): Promise<Answer<K> | 'no_answer' | 'garbage' | TransportError> {
  transport.discardInput();
  try {
    await transport.write(statusRequest(which));
  } catch (e) {
    if (e instanceof TransportError) return e;
    throw e;
  }
  const answer = await transport.read(1, timeoutMs);
  if (answer.length === 0) return 'no_answer';
  const parsed = parseStatus(which, answer[0]!);
  return parsed ? (parsed as Answer<K>) : 'garbage';
}

/** Asks the printer's state with DLE EOT (printer status, paper sensor, and the causes when offline). */
export async function readPrinterCondition(transport: PrinterTransport, timeoutMs: number): Promise<ConditionResult> {
  const fail = (r: 'no_answer' | 'garbage' | TransportError): ConditionResult =>
    r instanceof TransportError ? { ok: false, reason: 'write_failed', detail: r.message } : { ok: false, reason: r };

  const printer = await ask(transport, 'printer', timeoutMs);
  if (typeof printer === 'string' || printer instanceof TransportError) return fail(printer);
  const paper = await ask(transport, 'paper', timeoutMs);
  if (typeof paper === 'string' || paper instanceof TransportError) return fail(paper);
  let coverOpen = false;
  let paperOut = paper.paperEnd;
  let error: PrinterCondition['error'];
  if (printer.offline) {
    const cause = await ask(transport, 'offline_cause', timeoutMs);
    if (typeof cause === 'string' || cause instanceof TransportError) return fail(cause);
    coverOpen = cause.coverOpen;
    paperOut ||= cause.paperEndStop;
    if (cause.error) {
      const detail = await ask(transport, 'error_cause', timeoutMs);
      if (typeof detail === 'string' || detail instanceof TransportError) return fail(detail);
      error = detail.cutterError ? 'cutter' : detail.unrecoverable ? 'unrecoverable' : detail.autoRecoverable ? 'auto_recoverable' : undefined;
    }
  }
  return {
    ok: true,
    condition: { online: !printer.offline, coverOpen, paperOut, paperNearEnd: paper.nearEnd && !paperOut, ...(error ? { error } : {}) },
  };
}

export type PrintJobOptions = Readonly<{
  /** How long to wait for each status answer (default 1000 ms). */
  statusTimeoutMs?: number;
  /**
   * What to do when the printer does not answer the status request: 'refuse' (default), or
   * 'print' for a model known to stay silent on this interface (the technician's setting).
   */
  whenSilent?: 'refuse' | 'print';
}>;

/**
 * Prints `bytes` (a whole job: init … cut). Answers ok only when every byte was written; else
 * the reason, and how many bytes went before it.
 */
export async function printJob(transport: PrinterTransport, bytes: Uint8Array, options: PrintJobOptions = {}): Promise<PrintJobResult> {
  let condition: PrinterCondition | undefined;
  const warnings: PrintWarning[] = [];
  if (transport.canRead) {
    const state = await readPrinterCondition(transport, options.statusTimeoutMs ?? 1000);
    if (!state.ok) {
      if (!(state.reason === 'no_answer' && options.whenSilent === 'print')) {
        return { ok: false, reason: state.reason, bytesWritten: 0, ...(state.detail ? { detail: state.detail } : {}) };
      }
    } else {
      condition = state.condition;
      // The cover first: with it open the paper sensor often reads "no paper" too.
      if (condition.coverOpen) return { ok: false, reason: 'cover_open', bytesWritten: 0, condition };
      if (condition.paperOut) return { ok: false, reason: 'paper_out', bytesWritten: 0, condition };
      if (!condition.online) return { ok: false, reason: 'offline', bytesWritten: 0, condition };
      if (condition.paperNearEnd) warnings.push('paper_near_end');
    }
  }
  let written = 0;
  try {
    written = await transport.write(bytes);
  } catch (e) {
    if (!(e instanceof TransportError)) throw e;
    return { ok: false, reason: 'write_failed', bytesWritten: e.bytesWritten, detail: e.message, ...(condition ? { condition } : {}) };
  }
  if (written !== bytes.length) {
    return { ok: false, reason: 'write_failed', bytesWritten: written, detail: `${written} of ${bytes.length} bytes written`, ...(condition ? { condition } : {}) };
  }
  return { ok: true, bytesWritten: written, warnings, ...(condition ? { condition } : {}) };
}

import { z } from 'zod';
import { channel, none, withAccess, COUNTER, KIOSK, READERS, RECEPTION, TECHNICIAN } from './channel';
import { localDate, localDateTime } from './schemas';

// The queue feature's channels (main/queue): numbered tickets per day and service group, printed
// on the counter's thermal printer, called, recalled, skipped, transferred and finished at the
// counters, linked to the dossiers received for them, and the waiting and service times that
// feed the indicators. A ticket is committed (its number allocated) before anything is printed,
// and its print state is kept: a fault never loses a ticket nor prints one twice.

const groupLetter = z.string().regex(/^[A-Z]$/, 'một chữ cái in hoa A–Z');
const counterNumber = z.number().int().min(1).max(99);
const name = (max: number) => z.string().trim().min(1).max(max);

export const queueGroup = z.object({ letter: groupLetter, name: name(60) }).strict();
export const queueCounter = z.object({
  number: counterNumber,
  name: name(60),
  /** The groups this counter calls; empty: every group. */
  groups: z.array(groupLetter).max(26),
}).strict();

export const ticketPrinter = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('serial'), path: z.string().min(1).max(200), baudRate: z.literal([9600, 19200, 38400, 57600, 115200]), rtscts: z.boolean() }).strict(),
  z.object({ kind: z.literal('network'), host: z.string().min(1).max(253).regex(/^[A-Za-z0-9.:_-]+$/, 'địa chỉ IP hoặc tên máy'), port: z.number().int().min(1).max(65535) }).strict(),
  /** USB printer class; without ids, the first printer-class device plugged in. */
  z.object({ kind: z.literal('usb'), vendorId: z.number().int().min(0).max(0xffff).optional(), productId: z.number().int().min(0).max(0xffff).optional() }).strict(),
]);
export type TicketPrinterSettings = z.infer<typeof ticketPrinter>;

export const queueSettings = z.object({
  groups: z.array(queueGroup).min(1).max(26),
  counters: z.array(queueCounter).min(1).max(99),
  /** The counter this station is (its officer calls for it). */
  counterNumber: counterNumber,
  printer: ticketPrinter,
  paper: z.literal([58, 80]),
  /** A printer that answers no status request on its interface: refuse to print (default) or print blind. */
  whenSilent: z.enum(['refuse', 'print']),
  statusTimeoutMs: z.number().int().min(100).max(5000),
  /** The page that follows the queue, in the ticket's QR: {number}, {group}, {date} (yyyyMMdd), {agency}. */
  followUrlTemplate: z.string().max(300).regex(/^https?:\/\/\S+$/, 'địa chỉ http(s)://…'),
}).strict();
export type QueueSettings = z.infer<typeof queueSettings>;

export const ticketState = z.enum(['waiting', 'called', 'serving', 'finished', 'skipped']);
export type TicketState = z.infer<typeof ticketState>;

/** Why a ticket did not print (the printer's fault, the connection's, or the station's). */
export const printFailure = z.enum([
  'paper_out', 'cover_open', 'offline', 'no_answer', 'garbage', 'write_failed',
  'not_found', 'access_denied', 'busy', 'refused', 'unreachable', 'timeout', 'gone', 'failed',
  'not_configured', 'interrupted',
]);
export type PrintFailure = z.infer<typeof printFailure>;

export const ticketPrint = z.object({
  state: z.enum(['pending', 'printed', 'failed']),
  reason: printFailure.optional(),
  /** What the officer reads about the failure, and what to do. */
  message: z.string().optional(),
  /** Times printed in full (the first print and any reprint). */
  printed: z.number().int(),
  reprints: z.number().int(),
  /** The printer reported its paper nearly out on the last print. */
  paperNearEnd: z.boolean(),
});

export const queueTicket = z.object({
  id: z.number().int(),
  day: localDate,
  number: z.string(),
  /** The group being served now (a transfer may move a ticket to another group). */
  group: z.object({ letter: z.string(), name: z.string() }),
  state: ticketState,
  issuedAt: localDateTime,
  calledAt: localDateTime.optional(),
  servedAt: localDateTime.optional(),
  finishedAt: localDateTime.optional(),
  /** The counter that called it last. */
  counter: z.number().int().optional(),
  /** A transfer's destination counter, while it waits there. */
  targetCounter: z.number().int().optional(),
  calls: z.number().int(),
  transfers: z.number().int(),
  /** People waiting before it in its group, when it was taken. */
  waitingBefore: z.number().int(),
  followUrl: z.string(),
  print: ticketPrint,
  dossiers: z.array(z.string()),
});
export type QueueTicketView = z.infer<typeof queueTicket>;

const ticketRef = z.object({ ticketId: z.number().int().min(1) }).strict();

export const queueIndicatorRow = z.object({
  day: localDate,
  group: z.string(),
  groupName: z.string(),
  /** The counter that served; absent for tickets never called. */
  counter: z.number().int().optional(),
  issued: z.number().int(),
  finished: z.number().int(),
  skipped: z.number().int(),
  /** Never called (the citizen left, or the day ended). */
  neverCalled: z.number().int(),
  transferred: z.number().int(),
  /** From the ticket taken to its first call. */
  averageWaitSeconds: z.number().nullable(),
  maxWaitSeconds: z.number().nullable(),
  /** From the start of service (or the call, if not marked) to the end. */
  averageServiceSeconds: z.number().nullable(),
});

export const queueChannels = withAccess({
  'queue.settings': channel(none, queueSettings, 'Service groups, counters, this station’s counter, the ticket printer'),
  'queue.configure': channel(queueSettings.partial().strict(), queueSettings, 'Change the queue settings'),
  'queue.issue': channel(
    z.object({ group: groupLetter, by: z.enum(['kiosk', 'officer']).default('officer') }).strict(),
    queueTicket,
    'Take a ticket in a group: the number is committed first, then printed (the print state is in the answer)',
  ),
  'queue.today': channel(
    z.object({ date: localDate.optional() }).strict(),
    z.object({
      day: localDate,
      counter: z.number().int(),
      /** The ticket this counter is calling or serving. */
      current: queueTicket.optional(),
      waiting: z.array(queueTicket),
      called: z.array(queueTicket),
      done: z.array(queueTicket),
    }),
    'The queue of a day (today by default): waiting, called, done',
  ),
  'queue.callNext': channel(none, queueTicket, 'Call the next ticket for this counter (finishes the one being served)'),
  'queue.recall': channel(ticketRef, queueTicket, 'Call a ticket again (not answered yet, or skipped and back)'),
  'queue.skip': channel(ticketRef, queueTicket, 'The ticket called did not come: skip it (it can be recalled)'),
  'queue.serve': channel(ticketRef, queueTicket, 'The citizen called is at the counter: service starts'),
  'queue.transfer': channel(
    z.object({ ticketId: z.number().int().min(1), counter: counterNumber.optional(), group: groupLetter.optional() }).strict()
      .refine((t) => t.counter !== undefined || t.group !== undefined, { message: 'chọn quầy hoặc nhóm nhận chuyển', path: ['counter'] }),
    queueTicket,
    'Send a ticket to another counter or group; it waits there ahead of new tickets',
  ),
  'queue.finish': channel(ticketRef, queueTicket, 'Service of a ticket is over'),
  'queue.link': channel(
    z.object({ ticketId: z.number().int().min(1), dossierCode: z.string().min(1).max(60) }).strict(),
    queueTicket,
    'Link a ticket to the dossier received for it',
  ),
  'queue.print': channel(ticketRef, queueTicket, 'Print a ticket again (after a fault, or a reprint, recorded as such)'),
  'queue.printerTest': channel(
    none,
    z.object({ printed: z.boolean(), reason: printFailure.optional(), message: z.string(), bytes: z.number().int(), paperNearEnd: z.boolean() }),
    'Print a test ticket with the settings in force and say what the printer answered',
  ),
  'queue.indicators': channel(
    z.object({ from: localDate, to: localDate }).strict().refine((r) => r.from <= r.to, { message: 'từ ngày phải trước đến ngày', path: ['to'] }),
    z.array(queueIndicatorRow),
    'Waiting and service times per day, group and counter',
  ),
}, {
  'queue.settings': [...COUNTER, ...KIOSK], // the kiosk shows the service groups
  'queue.configure': TECHNICIAN,
  'queue.issue': [...RECEPTION, ...KIOSK],
  'queue.today': COUNTER,
  'queue.callNext': RECEPTION,
  'queue.recall': RECEPTION,
  'queue.skip': RECEPTION,
  'queue.serve': RECEPTION,
  'queue.transfer': RECEPTION,
  'queue.finish': RECEPTION,
  'queue.link': RECEPTION,
  'queue.print': RECEPTION,
  'queue.printerTest': COUNTER,
  'queue.indicators': READERS,
});

/** Who calls from the ticket kiosk: no officer, the kiosk role only (a session of its own, never idle-locked). */
export const KIOSK_OFFICER = { id: 'kiosk', name: 'Máy lấy số thứ tự', roles: ['kiosk'] } as const;

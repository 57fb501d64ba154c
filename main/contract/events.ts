import { z } from 'zod';
import type { ChannelName } from './channels';
import { identityScan, readerStatus } from './devices-channels';
import { displayView } from './display-channels';

// Every event the station pushes to a renderer, declared once beside the channels: its name, its
// payload schema and the channels whose answers it may change. The Electron host sends events
// with webContents.send, the web host as Server-Sent Events (`GET /api/events`); the renderer's
// query cache refetches the answers an event names instead of polling. Payloads are checked
// against their schema before they leave the station, like channel answers.

const event = <P extends z.ZodType>(payload: P, summary: string, affects: readonly ChannelName[]) => ({ payload, summary, affects });

export const events = {
  'outbox.changed': event(
    z.object({ pending: z.number().int(), rejected: z.number().int(), dossiersWaiting: z.number().int() }),
    'The queue of changes for the portal grew, shrank or had an entry rejected',
    ['sync.status', 'sync.queue', 'dossier.syncInfo', 'dossier.get'],
  ),
  'sync.changed': event(
    z.object({ online: z.boolean().nullable() }),
    'What the station knows of the portal changed: reached, unreachable, an error, a backlog draining',
    ['sync.status'],
  ),
  'dossier.changed': event(
    z.object({ code: z.string() }),
    'A dossier was received, corrected, got its final code or progressed',
    [
      'dossier.get', 'dossier.logbook', 'dossier.search', 'dossier.syncInfo', 'dossier.recent', 'scan.documents', 'signing.files', 'signing.signedScans',
      // the lifecycle's views of dossiers
      'dossier.timeline', 'watch.list', 'watch.badge', 'results.ready', 'indicators.dashboard', 'indicators.dossiers', 'pendingIntake.find', 'pendingIntake.get',
    ],
  ),
  'catalogue.changed': event(z.object({}), 'The procedure catalogue was replaced', ['catalogue.search', 'catalogue.get', 'appointment.preview']),
  'calendar.changed': event(z.object({}), 'The working calendar or working hours changed', ['calendar.list', 'appointment.preview']),
  'settings.changed': event(
    z.object({}),
    'The agency profile or a setting of the station changed',
    ['settings.get', 'app.info', 'signing.config', 'scanners.settings', 'portal.settings', 'appointment.preview', 'lifecycle.settings'],
  ),
  'tokens.changed': event(z.object({}), 'A signing token was plugged in or out, or its modules were reloaded', ['signing.status']),
  'fees.changed': event(
    // The dossier concerned; null for a change of the receipt books.
    z.object({ code: z.string().nullable() }),
    "A dossier's fees were recorded or paid, a receipt was made, voided or answered by the e-receipt provider",
    ['fees.get', 'receipts.list', 'receipts.get', 'fees.cashSummary', 'receiptBooks.list', 'ereceipt.status'],
  ),
  'scan.changed': event(
    z.object({ sessionId: z.string(), rev: z.number().int() }),
    'A scan session has new pages, progress or an ending (also: an unfinished session was swept)',
    ['scan.status', 'scan.documents', 'scan.unfinished'],
  ),
  'identity.scanned': event(identityScan, 'The serial identity-card reader read a card (or could not: why, and the number if one was found)', ['reader.status']),
  'reader.changed': event(readerStatus, 'The identity-card reader was set up, opened, unplugged or came back', ['reader.status', 'reader.settings']),
  'queue.changed': event(
    z.object({ day: z.string(), ticketId: z.number().int().optional() }),
    'A ticket was taken, called, skipped, transferred, finished, linked or printed, or the queue settings changed',
    ['queue.today', 'queue.indicators', 'queue.settings'],
  ),
  'display.changed': event(displayView, 'What the screen facing the citizen shows changed (details typed, a rating asked, thanks)', ['display.current']),
  'rating.changed': event(z.object({ dossierCode: z.string() }), 'A citizen rated a visit', ['rating.ofDossier', 'rating.indicators']),
  'watch.changed': event(
    z.object({ now: z.string() }),
    'Time moved dossiers between the overdue watch\'s lists (an appointment passed, a new day began)',
    ['watch.list', 'watch.badge', 'indicators.dashboard', 'indicators.dossiers', 'dossier.timeline', 'results.ready'],
  ),
  'counterRequests.changed': event(
    z.object({}),
    'An incomplete intake was kept for later, or a request was refused at the counter',
    ['pendingIntake.find', 'pendingIntake.get'],
  ),
  'conflicts.changed': event(
    z.object({ open: z.number().int() }),
    'The portal and the station came to disagree about a dossier, or an officer decided a disagreement',
    ['conflicts.list', 'watch.badge', 'dossier.timeline'],
  ),
  'print.changed': event(
    z.object({ waiting: z.number().int(), failed: z.number().int() }),
    'A print job was queued, handed to the printer, printed, failed or cancelled',
    ['print.jobs'],
  ),
  'clock.changed': event(
    z.object({ now: z.string() }),
    "The web host's test clock was moved (never in the desktop app)",
    ['app.info', 'watch.list', 'watch.badge', 'dossier.timeline', 'indicators.dashboard', 'appointment.preview'],
  ),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;
export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

/** An event as it crosses to a renderer. */
export type StationEvent = { [E in EventName]: Readonly<{ name: E; payload: EventPayload<E> }> }[EventName];

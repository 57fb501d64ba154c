import type { CallContext, Handlers } from '../contract/dispatch';
import type { QueueSettings, QueueTicketView, queueChannels, TicketState } from '../contract/queue-channels';
import { StationError } from '../core/errors';
import { toVietnamLocal, vietnamToday } from '../core/time';
import { formatDate } from '../core/format';
import type { StationContext } from '../feature';
import { QueueTicketError, renderQueueTicket } from '../forms/queue-ticket';
import { writeTransaction } from '../storage/database';
import { requireDossierId } from '../storage/dossier-store';
import { queueMessage, queueText } from './messages';
import {
  beginPrint, currentOfCounter, dossierCodesOf, getTicket, insertTicket, linkDossier, markCalled, markFinished, markInterruptedPrints,
  markServing, markSkipped, markTransferred, queueIndicators, recordPrint, ticketsOf, type Officer, type TicketRow,
} from './queue-store';
import { followUrl, readQueueSettings, writeQueueSettings } from './queue-settings';
import { printerPlace, ticketPrinter, type OpenTransport, type PrintOutcome } from './ticket-printer';

// The queue feature: tickets taken at the kiosk or by the officer, called at the counters,
// printed on the thermal printer. The ticket row (its number allocated in the same transaction)
// commits before anything is printed; the print's outcome is recorded after; a failed print
// waits for someone to ask for it again. So a printer fault never loses a ticket, and a ticket
// never comes out twice unless a reprint was asked for (and recorded as one).

type QueueChannel = keyof typeof queueChannels;

export type QueueOptions = Readonly<{ openPrinter?: OpenTransport }>;

const STATE_TEXT: Readonly<Record<TicketState, 'STATE_WAITING' | 'STATE_CALLED' | 'STATE_SERVING' | 'STATE_FINISHED' | 'STATE_SKIPPED'>> = {
  waiting: 'STATE_WAITING', called: 'STATE_CALLED', serving: 'STATE_SERVING', finished: 'STATE_FINISHED', skipped: 'STATE_SKIPPED',
};

const local = (ms: number | null) => (ms === null ? undefined : toVietnamLocal(new Date(ms)));

export function queueHandlers(ctx: StationContext, options: QueueOptions = {}): Pick<Handlers, QueueChannel> {
  const { db } = ctx;
  const printer = ticketPrinter(options.openPrinter);
  const settings = () => readQueueSettings(db);
  const today = () => vietnamToday(ctx.now());
  const officerOf = (call: CallContext | undefined): Officer => (call?.officer ? { id: call.officer.id, name: call.officer.name } : null);
  // Inside a sentence: not capitalised as a message is.
  const stateWord = (s: TicketState) => queueText[STATE_TEXT[s]][ctx.language()];
  const changed = (day: string, ticketId?: number) => ctx.events.emit('queue.changed', { day, ...(ticketId !== undefined ? { ticketId } : {}) });

  // A station stopped in the middle of a print does not know whether the ticket came out.
  if (markInterruptedPrints(db) > 0) changed(today());
  ctx.onClose(() => printer.idle());

  const view = (t: TicketRow): QueueTicketView => {
    const lang = ctx.language();
    const message = t.print_reason ? queueMessage(t.print_reason, { where: printerPlace(settings().printer), detail: t.print_detail ?? '' }, lang) : undefined;
    return {
      id: t.id,
      day: t.day,
      number: t.number,
      group: { letter: t.group_letter, name: t.group_name },
      state: t.state,
      issuedAt: local(t.issued_at)!,
      ...(t.called_at !== null ? { calledAt: local(t.called_at)! } : {}),
      ...(t.served_at !== null ? { servedAt: local(t.served_at)! } : {}),
      ...(t.finished_at !== null ? { finishedAt: local(t.finished_at)! } : {}),
      ...(t.counter !== null ? { counter: t.counter } : {}),
      ...(t.target_counter !== null ? { targetCounter: t.target_counter } : {}),
      calls: t.calls,
      transfers: t.transfers,
      waitingBefore: t.waiting_before,
      followUrl: t.follow_url,
      print: {
        state: t.print_state,
        ...(t.print_reason ? { reason: t.print_reason } : {}),
        ...(message ? { message } : t.paper_near_end ? { message: queueMessage('PAPER_NEAR_END', {}, lang) } : {}),
        printed: t.printed,
        reprints: t.reprints,
        paperNearEnd: t.paper_near_end === 1,
      },
      dossiers: dossierCodesOf(db, t.id),
    };
  };

  /** A ticket of today, or the typed refusal. */
  const requireToday = (id: number): TicketRow => {
    const t = getTicket(db, id);
    if (!t) throw new StationError('QUEUE_TICKET_UNKNOWN', {}, 'ticketId');
    if (t.day !== today()) throw new StationError('QUEUE_TICKET_OTHER_DAY', { number: t.number, day: formatDate(t.day) }, 'ticketId');
    return t;
  };
  const reread = (id: number) => view(getTicket(db, id)!);

  const ticketBytes = (s: QueueSettings, t: TicketRow): Promise<Uint8Array> => {
    const { agency } = ctx.settings();
    return renderQueueTicket(
      {
        agency: { name: agency.name, unitName: agency.unitName },
        // The group of the number (the one printed on it), even if the ticket moved since.
        serviceGroup: s.groups.find((g) => g.letter === t.number_group)?.name ?? t.group_name,
        number: t.number,
        issuedAt: local(t.issued_at)!,
        waitingBefore: t.waiting_before,
        followUrl: t.follow_url,
      },
      { paper: s.paper },
    );
  };

  /** Prints a ticket whose print was marked under way, and records the outcome. */
  const print = async (id: number, kind: 'first' | 'retry' | 'reprint', officer: Officer): Promise<void> => {
    const s = settings();
    const t = getTicket(db, id)!;
    let outcome: PrintOutcome;
    try {
      const bytes = await ticketBytes(s, t);
      outcome = await printer.print(s.printer, bytes, { statusTimeoutMs: s.statusTimeoutMs, whenSilent: s.whenSilent });
    } catch (e) {
      // Bad ticket data (a field the settings left empty) or a driver's bug: the ticket stays, unprinted.
      outcome = { ok: false, reason: 'failed', bytes: 0, detail: e instanceof QueueTicketError ? e.vi : e instanceof Error ? e.message : String(e) };
    }
    const at = ctx.now().getTime();
    writeTransaction(db, () => recordPrint(db, id, { kind, at, officerName: officer?.name ?? null, ...outcome }));
    changed(t.day, id);
  };

  /**
   * The waiting tickets in the order this counter calls them: those transferred to it (or to a
   * group it calls) first, in the order they were transferred, then the others of its groups in
   * the order taken. Tickets it does not call follow, in the order taken.
   */
  const callOrder = (s: QueueSettings, day: string): { mine: TicketRow[]; others: TicketRow[] } => {
    const counter = s.counters.find((c) => c.number === s.counterNumber);
    const serves = (letter: string) => !counter || counter.groups.length === 0 || counter.groups.includes(letter);
    const waiting = ticketsOf(db, day, 'waiting');
    const isMine = (t: TicketRow) => t.target_counter === s.counterNumber || (t.target_counter === null && serves(t.group_letter));
    const rank = (t: TicketRow) => [t.requeued_at === null ? 1 : 0, t.requeued_at ?? t.issued_at, t.id] as const;
    const mine = waiting.filter(isMine).sort((a, b) => {
      const [x, y] = [rank(a), rank(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    });
    return { mine, others: waiting.filter((t) => !isMine(t)) };
  };
  const nextFor = (s: QueueSettings, day: string): TicketRow | undefined => callOrder(s, day).mine[0];

  const busyCheck = (s: QueueSettings, day: string, except?: number) => {
    const current = currentOfCounter(db, day, s.counterNumber);
    if (current && current.id !== except && current.state === 'called') throw new StationError('QUEUE_COUNTER_BUSY', { number: current.number });
    return current;
  };

  return {
    'queue.settings': () => settings(),
    'queue.configure': (input) => {
      const saved = writeQueueSettings(db, { ...settings(), ...input });
      changed(today());
      return saved;
    },

    'queue.issue': async ({ group, by: asked }, call) => {
      // The kiosk's own session always issues as the kiosk, whatever it says.
      const by = call?.officer?.roles.includes('kiosk') ? 'kiosk' : asked;
      const s = settings();
      const g = s.groups.find((x) => x.letter === group);
      if (!g) throw new StationError('QUEUE_GROUP_UNKNOWN', { group }, 'group');
      const at = ctx.now();
      const day = vietnamToday(at);
      const agencyId = ctx.settings().agency.agencyId;
      const id = writeTransaction(db, () =>
        insertTicket(db, { day, letter: g.letter, groupName: g.name, at: at.getTime(), by, followUrl: (number) => followUrl(s.followUrlTemplate, { number, group: g.letter, day, agency: agencyId }) }),
      );
      changed(day, id);
      await print(id, 'first', officerOf(call));
      return reread(id);
    },

    'queue.today': ({ date }) => {
      const s = settings();
      const day = date ?? today();
      const current = currentOfCounter(db, day, s.counterNumber);
      const { mine, others } = callOrder(s, day);
      return {
        day,
        counter: s.counterNumber,
        ...(current ? { current: view(current) } : {}),
        waiting: [...mine, ...others].map(view),
        called: [...ticketsOf(db, day, 'serving'), ...ticketsOf(db, day, 'called'), ...ticketsOf(db, day, 'skipped')].sort((a, b) => a.id - b.id).map(view),
        done: ticketsOf(db, day, 'finished').map(view),
      };
    },

    'queue.callNext': (_input, call) => {
      const s = settings();
      const day = today();
      const at = ctx.now().getTime();
      const id = writeTransaction(db, () => {
        const current = busyCheck(s, day);
        if (current?.state === 'serving') markFinished(db, current.id, at);
        const next = nextFor(s, day);
        if (!next) throw new StationError('QUEUE_NOTHING_WAITING', { counter: s.counterNumber });
        markCalled(db, next.id, s.counterNumber, at, officerOf(call));
        return next.id;
      });
      changed(day, id);
      return reread(id);
    },

    'queue.recall': ({ ticketId }, call) => {
      const s = settings();
      const at = ctx.now().getTime();
      writeTransaction(db, () => {
        const t = requireToday(ticketId);
        if (t.state !== 'called' && t.state !== 'skipped') throw new StationError('QUEUE_CANNOT_RECALL', { number: t.number, state: stateWord(t.state) }, 'ticketId');
        const current = busyCheck(s, t.day, t.id);
        if (current && current.id !== t.id) throw new StationError('QUEUE_COUNTER_BUSY', { number: current.number });
        markCalled(db, t.id, s.counterNumber, at, officerOf(call));
      });
      changed(today(), ticketId);
      return reread(ticketId);
    },

    'queue.skip': ({ ticketId }) => {
      writeTransaction(db, () => {
        const t = requireToday(ticketId);
        if (t.state !== 'called') throw new StationError('QUEUE_CANNOT_SKIP', { number: t.number, state: stateWord(t.state) }, 'ticketId');
        markSkipped(db, t.id, ctx.now().getTime());
      });
      changed(today(), ticketId);
      return reread(ticketId);
    },

    'queue.serve': ({ ticketId }) => {
      writeTransaction(db, () => {
        const t = requireToday(ticketId);
        if (t.state !== 'called') throw new StationError('QUEUE_CANNOT_SERVE', { number: t.number, state: stateWord(t.state) }, 'ticketId');
        markServing(db, t.id, ctx.now().getTime());
      });
      changed(today(), ticketId);
      return reread(ticketId);
    },

    'queue.finish': ({ ticketId }) => {
      writeTransaction(db, () => {
        const t = requireToday(ticketId);
        if (t.state !== 'called' && t.state !== 'serving') throw new StationError('QUEUE_CANNOT_FINISH', { number: t.number, state: stateWord(t.state) }, 'ticketId');
        markFinished(db, t.id, ctx.now().getTime());
      });
      changed(today(), ticketId);
      return reread(ticketId);
    },

    'queue.transfer': ({ ticketId, counter, group }, call) => {
      const s = settings();
      writeTransaction(db, () => {
        const t = requireToday(ticketId);
        if (t.state === 'finished') throw new StationError('QUEUE_CANNOT_TRANSFER', { number: t.number, state: stateWord(t.state) }, 'ticketId');
        if (counter !== undefined && !s.counters.some((c) => c.number === counter)) throw new StationError('QUEUE_COUNTER_UNKNOWN', { counter }, 'counter');
        const g = group === undefined ? { letter: t.group_letter, name: t.group_name } : s.groups.find((x) => x.letter === group);
        if (!g) throw new StationError('QUEUE_GROUP_UNKNOWN', { group: group ?? '' }, 'group');
        const sameCounter = counter === undefined || (t.state === 'waiting' ? t.target_counter === counter : t.counter === counter);
        if (sameCounter && g.letter === t.group_letter) throw new StationError('QUEUE_TRANSFER_SAME', { number: t.number }, counter !== undefined ? 'counter' : 'group');
        markTransferred(db, t, { counter: counter ?? null, letter: g.letter, groupName: g.name }, ctx.now().getTime(), officerOf(call));
      });
      changed(today(), ticketId);
      return reread(ticketId);
    },

    'queue.link': ({ ticketId, dossierCode }) => {
      const at = ctx.now().getTime();
      const t = writeTransaction(db, () => {
        const ticket = getTicket(db, ticketId);
        if (!ticket) throw new StationError('QUEUE_TICKET_UNKNOWN', {}, 'ticketId');
        const dossierId = requireDossierId(db, dossierCode);
        linkDossier(db, ticket.id, dossierId, at);
        // A dossier received for the ticket: its citizen is at the counter.
        if (ticket.state === 'called') markServing(db, ticket.id, at);
        return ticket;
      });
      changed(t.day, ticketId);
      return reread(ticketId);
    },

    'queue.print': async ({ ticketId }, call) => {
      const t = requireToday(ticketId);
      // Marked under way in one statement: a second click while it prints is refused, not printed.
      if (!writeTransaction(db, () => beginPrint(db, t.id))) throw new StationError('QUEUE_PRINT_IN_PROGRESS', { number: t.number }, 'ticketId');
      changed(t.day, t.id);
      await print(t.id, t.printed > 0 ? 'reprint' : 'retry', officerOf(call));
      return reread(t.id);
    },

    'queue.printerTest': async () => {
      const s = settings();
      const lang = ctx.language();
      const { agency } = ctx.settings();
      const day = today();
      const bytes = await renderQueueTicket(
        {
          agency: { name: agency.name, unitName: agency.unitName },
          serviceGroup: queueMessage('TEST_GROUP', {}, lang),
          number: 'THỬ',
          issuedAt: toVietnamLocal(ctx.now()),
          waitingBefore: 0,
          followUrl: followUrl(s.followUrlTemplate, { number: 'THU', group: '-', day, agency: agency.agencyId }),
          note: queueMessage('TEST_NOTE', {}, lang),
        },
        { paper: s.paper },
      );
      const outcome = await printer.print(s.printer, bytes, { statusTimeoutMs: s.statusTimeoutMs, whenSilent: s.whenSilent });
      if (outcome.ok) {
        const near = outcome.paperNearEnd ? ` ${queueMessage('PAPER_NEAR_END', {}, lang)}` : '';
        return { printed: true, message: `${queueMessage('TEST_PRINTED', { bytes: outcome.bytes }, lang)}${near}`, bytes: outcome.bytes, paperNearEnd: outcome.paperNearEnd };
      }
      return {
        printed: false,
        reason: outcome.reason,
        message: queueMessage(outcome.reason, { where: printerPlace(s.printer), detail: outcome.detail ?? '' }, lang),
        bytes: outcome.bytes,
        paperNearEnd: false,
      };
    },

    'queue.indicators': ({ from, to }) =>
      queueIndicators(db, from, to).map((r) => ({
        day: r.day,
        group: r.grp,
        groupName: r.group_name,
        ...(r.counter !== null ? { counter: r.counter } : {}),
        issued: r.issued,
        finished: r.finished,
        skipped: r.skipped,
        neverCalled: r.never_called,
        transferred: r.transferred,
        averageWaitSeconds: r.avg_wait === null ? null : Math.round(r.avg_wait / 1000),
        maxWaitSeconds: r.max_wait === null ? null : Math.round(r.max_wait / 1000),
        averageServiceSeconds: r.avg_service === null ? null : Math.round(r.avg_service / 1000),
      })),
  };
}


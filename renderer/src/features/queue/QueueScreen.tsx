import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { formatTime } from '../../../../main/core/format';
import type { QueueTicketView } from '../../../../main/contract/queue-channels';
import { pathOf, type ScreenProps } from '../../app/paths';
import { useMessages } from '../../common/i18n/i18n';
import { call, errorMessage, useInvalidate, useStation } from '../../common/station';
import { useVisit } from '../../common/visits';
import { queueWords } from './messages';
import { minutesBetween } from './times';

// The officer's queue panel at the counter: F8 (anywhere) calls the next ticket for this counter;
// the ticket called is recalled, skipped, served, transferred, linked to the dossier received
// for it, finished; after the slip the citizen is asked to rate on their screen. The lists are
// the station's `queue.today`, refreshed by `queue.changed` (nothing polls).

type Status = Readonly<{ text: string; error: boolean }>;

/** Asks for the focus on the control the next keystroke is for, once the panel shows it. */
type FocusNext = (selector: string) => void;
const CALL_BUTTON = '[data-focus="call-next"]';

export default function QueueScreen(_props: ScreenProps) {
  const t = useMessages(queueWords);
  const today = useStation('queue.today', {});
  const invalidate = useInvalidate();
  const settings = useStation('queue.settings', {});
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const callButton = useRef<HTMLButtonElement>(null);
  // The panel's state comes with the station's event after an action: the focus waits for it.
  const [wantFocus, setWantFocus] = useState<string | null>(null);
  useEffect(() => {
    const el = wantFocus ? document.querySelector<HTMLElement>(wantFocus) : null;
    if (el) { el.focus(); setWantFocus(null); }
  }, [wantFocus, today.data]);
  const focusSoon: FocusNext = setWantFocus;

  const act = async (run: () => Promise<QueueTicketView>, done: (ticket: QueueTicketView) => string) => {
    if (busy) return;
    setBusy(true);
    try {
      const ticket = await run();
      setStatus({ text: done(ticket), error: false });
      // The panel's own action refreshes it, whether or not the station's event got here first
      // (an F8 pressed as the page opens can come before the event stream is connected).
      await invalidate('queue.today');
      return ticket;
    } catch (e) {
      setStatus({ text: errorMessage(e), error: true });
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  const callNext = () => act(() => call('queue.callNext', {}), (x) => t('calledMsg', { number: x.number }))
    .then((x) => { if (x) focusSoon('[data-focus="serve"]'); });

  // F8 from any screen opens this one with "call the next".
  useVisit('queue', (visit) => {
    requestAnimationFrame(() => callButton.current?.focus());
    if (visit.kind === 'hotkey') void callNext();
  });

  const q = today.data;
  const groups = settings.data?.groups ?? [];
  const current = q?.current;
  return (
    <section className="queue-screen">
      <div className="screen-head">
        <h1>{t('title', { counter: q?.counter ?? '…' })}</h1>
        <button ref={callButton} data-focus="call-next" type="button" className="primary big" disabled={busy} onClick={() => void callNext()}>{t('callNext')} (F8)</button>
        <Link className="button" href={pathOf('kiosk')}>{t('openKiosk')}</Link>
      </div>
      {status ? <p className={`banner ${status.error ? 'error' : 'ok'}`} role="status" data-testid="queue-status">{status.text}</p> : null}
      {today.error ? <p className="banner error">{errorMessage(today.error)}</p> : null}
      <div className="queue-columns">
        <div className="queue-current">
          <h2>{t('current')}</h2>
          {current ? (
            <CurrentTicket ticket={current} busy={busy} act={act} setStatus={setStatus} focusSoon={focusSoon} />
          ) : <p className="muted">{t('noCurrent')}</p>}
        </div>
        <div className="queue-lists">
          <h2>{t('waiting')}</h2>
          <div className="queue-groups">
            {groups.map((g) => {
              const mine = (q?.waiting ?? []).filter((x) => x.group.letter === g.letter);
              return (
                <div key={g.letter} className="queue-group" data-testid={`waiting-${g.letter}`}>
                  <h3>{g.letter} — {g.name} <small>{t('waitingCount', { n: mine.length })}</small></h3>
                  {mine.length === 0 ? <p className="muted">{t('nobodyWaiting')}</p> : (
                    <ol>
                      {mine.map((x) => (
                        <li key={x.id}><b>{x.number}</b> <span className="muted">{formatTime(x.issuedAt)}{x.targetCounter ? ` → ${t('toCounter', { number: x.targetCounter, name: '' }).replace(/ — $/, '')}` : ''}</span></li>
                      ))}
                    </ol>
                  )}
                </div>
              );
            })}
          </div>
          {(q?.called ?? []).filter((x) => x.id !== current?.id).length > 0 ? (
            <>
              <h2>{t('skipped')}</h2>
              <ul className="queue-called">
                {(q?.called ?? []).filter((x) => x.id !== current?.id).map((x) => (
                  <li key={x.id}>
                    <b>{x.number}</b> <span className="muted">{t(`state_${x.state}`)}</span>
                    <button type="button" disabled={busy} onClick={() => void act(() => call('queue.recall', { ticketId: x.id }), (r) => t('recalledMsg', { number: r.number }))}>{t('recall')}</button>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p className="muted">{t('done', { n: q?.done.filter((x) => x.state === 'finished').length ?? 0 })}</p>
        </div>
      </div>
    </section>
  );
}

type Act = (run: () => Promise<QueueTicketView>, done: (ticket: QueueTicketView) => string) => Promise<QueueTicketView | undefined>;

function CurrentTicket({ ticket, busy, act, setStatus, focusSoon }: { ticket: QueueTicketView; busy: boolean; act: Act; setStatus: (s: Status) => void; focusSoon: FocusNext }) {
  const t = useMessages(queueWords);
  const settings = useStation('queue.settings', {});
  const logbook = useStation('dossier.logbook', {});
  const [transferTo, setTransferTo] = useState('');
  const received = logbook.data ?? [];
  const latest = [...received].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))[0]?.code ?? '';
  const [code, setCode] = useState('');
  // The dossier just received is the one to link, most of the time: offered until the officer types another.
  useEffect(() => { setCode((c) => c || (ticket.dossiers.includes(latest) ? '' : latest)); }, [latest, ticket.dossiers]);
  const id = ticket.id;
  const waited = ticket.calledAt ? minutesBetween(ticket.issuedAt, ticket.calledAt) : null;

  const transfer = () => {
    const [kind, value] = transferTo.split(':');
    if (!kind || !value) return;
    void act(() => call('queue.transfer', kind === 'g' ? { ticketId: id, group: value } : { ticketId: id, counter: Number(value) }), (x) => t('transferredMsg', { number: x.number }));
  };
  const askRating = async (dossierCode: string, moment: 'intake' | 'return') => {
    try {
      await call('display.askRating', { dossierCode, moment });
      setStatus({ text: t('askedRating', { code: dossierCode }), error: false });
    } catch (e) {
      setStatus({ text: errorMessage(e), error: true });
    }
  };

  return (
    <div className={`ticket-card state-${ticket.state}`} data-testid="current-ticket">
      <div className="ticket-number">{ticket.number}</div>
      <div className="ticket-group">{ticket.group.letter} — {ticket.group.name}</div>
      <p><b>{t(`state_${ticket.state}`)}</b> · {t('issuedAt', { at: formatTime(ticket.issuedAt) })}{waited !== null ? ` · ${t('waited', { minutes: waited })}` : ''} · {t('calls', { n: ticket.calls })}</p>
      {ticket.print.state === 'failed' ? (
        <p className="banner error">{t('printFailed', { number: ticket.number, message: ticket.print.message ?? '' })}
          <button type="button" onClick={() => void act(() => call('queue.print', { ticketId: id }), (x) => x.print.state === 'printed' ? t('reprinted', { number: x.number }) : t('printFailed', { number: x.number, message: x.print.message ?? '' }))}>{t('reprint')}</button>
        </p>
      ) : null}
      <div className="actions">
        {ticket.state === 'called' ? <button type="button" className="primary" data-focus="serve" disabled={busy} onClick={() => void act(() => call('queue.serve', { ticketId: id }), (x) => t('servingMsg', { number: x.number })).then((x) => { if (x) focusSoon('input[name="dossierCode"]'); })}>{t('serve')}</button> : null}
        <button type="button" disabled={busy} onClick={() => void act(() => call('queue.recall', { ticketId: id }), (x) => t('recalledMsg', { number: x.number }))}>{t('recall')}</button>
        {ticket.state === 'called' ? <button type="button" disabled={busy} onClick={() => void act(() => call('queue.skip', { ticketId: id }), (x) => t('skippedMsg', { number: x.number })).then(() => focusSoon(CALL_BUTTON))}>{t('skip')}</button> : null}
        <button type="button" disabled={busy} onClick={() => void act(() => call('queue.finish', { ticketId: id }), (x) => t('finishedMsg', { number: x.number })).then(() => focusSoon(CALL_BUTTON))}>{t('finish')}</button>
      </div>
      <div className="ticket-row">
        <label>{t('transferTo')}
          <select value={transferTo} onChange={(e) => setTransferTo(e.target.value)}>
            <option value="">—</option>
            {(settings.data?.groups ?? []).filter((g) => g.letter !== ticket.group.letter).map((g) => <option key={g.letter} value={`g:${g.letter}`}>{t('toGroup', { letter: g.letter, name: g.name })}</option>)}
            {(settings.data?.counters ?? []).filter((c) => c.number !== settings.data?.counterNumber).map((c) => <option key={c.number} value={`c:${c.number}`}>{t('toCounter', { number: c.number, name: c.name })}</option>)}
          </select>
        </label>
        <button type="button" disabled={busy || !transferTo} onClick={transfer}>{t('transfer')}</button>
      </div>
      <form className="ticket-row" onSubmit={(e) => {
        e.preventDefault();
        const c = code.trim();
        if (c) void act(() => call('queue.link', { ticketId: id, dossierCode: c }), (x) => t('linkedMsg', { number: x.number, code: c })).then((x) => { if (x) { setCode(''); focusSoon('[data-focus="ask-rating"]'); } });
      }}>
        <label>{t('dossierCode')}
          <input name="dossierCode" list="queue-dossiers" value={code} onChange={(e) => setCode(e.target.value)} size={28} />
        </label>
        <datalist id="queue-dossiers">{received.map((d) => <option key={d.code} value={d.code}>{d.ownerName}</option>)}</datalist>
        <button type="submit" disabled={busy || !code.trim()}>{t('link')}</button>
      </form>
      {ticket.dossiers.length > 0 ? (
        <div className="ticket-linked">
          <h3>{t('linked')}</h3>
          <ul>
            {ticket.dossiers.map((d) => (
              <li key={d} data-testid="linked-dossier">
                <Link href={pathOf('dossier', { code: d })}>{d}</Link>
                <button type="button" data-focus="ask-rating" onClick={() => void askRating(d, 'intake')}>{t('askRating')}</button>
                <button type="button" onClick={() => void askRating(d, 'return')}>{t('askRatingReturn')}</button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

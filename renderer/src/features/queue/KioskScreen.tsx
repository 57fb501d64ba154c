import { useEffect, useRef, useState } from 'react';
import type { QueueTicketView } from '../../../../main/contract/queue-channels';
import type { ScreenProps } from '../../app/paths';
import { useMessages } from '../../common/i18n/i18n';
import { call, errorMessage, useStation } from '../../common/station';
import { queueWords } from './messages';

// The ticket kiosk: one big button per service group; a touch takes a number (committed by the
// station before it prints) and the ticket comes out of the thermal printer. When the printer
// fails, the number still holds: the kiosk shows it large and says so plainly, with the reason.

const SHOW_MS = 12_000;

type Shown = Readonly<{ ticket: QueueTicketView } | { error: string }>;

export default function KioskScreen(_props: ScreenProps) {
  const t = useMessages(queueWords);
  const settings = useStation('queue.settings', {});
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => { first.current?.focus(); }, [settings.data]);
  useEffect(() => {
    if (!shown) return;
    // The next citizen should not read the last one's number for long.
    const timer = setTimeout(() => setShown(null), SHOW_MS);
    return () => clearTimeout(timer);
  }, [shown]);

  const take = async (group: string) => {
    if (busy) return;
    setBusy(true);
    try {
      setShown({ ticket: await call('queue.issue', { group, by: 'kiosk' }) });
    } catch (e) {
      setShown({ error: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="kiosk">
      <h1>{t('kioskTitle')}</h1>
      <div className="kiosk-groups">
        {(settings.data?.groups ?? []).map((g, i) => (
          <button key={g.letter} ref={i === 0 ? first : undefined} type="button" className="kiosk-group" disabled={busy} onClick={() => void take(g.letter)}>
            <span className="kiosk-letter">{g.letter}</span>
            <span>{g.name}</span>
          </button>
        ))}
      </div>
      {busy ? <p className="kiosk-result" role="status">{t('kioskBusy')}</p> : null}
      {!busy && shown ? (
        'ticket' in shown ? (
          <div className={`kiosk-result ${shown.ticket.print.state === 'failed' ? 'failed' : ''}`} role="status" data-testid="kiosk-result">
            <div>{t('kioskTicket')}</div>
            <div className="kiosk-number">{shown.ticket.number}</div>
            <div>{t('kioskBefore', { n: shown.ticket.waitingBefore })}</div>
            {shown.ticket.print.state === 'failed' ? (
              <p className="kiosk-fault" role="alert">{t('kioskNotPrinted')}<br /><small>{shown.ticket.print.message}</small></p>
            ) : <p>{t('kioskTake')}</p>}
          </div>
        ) : <p className="kiosk-result failed" role="alert">{shown.error}</p>
      ) : null}
    </section>
  );
}

import { useEffect, useState } from 'react';
import { formatAppointment, formatDate } from '../../../../main/core/format';
import type { DisplayDetails, DisplayView, RatingScore } from '../../../../main/contract/display-channels';
import { useMessages } from '../../common/i18n/i18n';
import { call, errorMessage, useSetStationData, useStation, useStationEvent } from '../../common/station';
import { displayWords } from './messages';

// The screen facing the citizen (#display): read from two metres away, touched with a finger.
// It holds a session of the `display` role only — in Electron through its own preload
// (preload/display.ts), in the browser from the address the web host prints — so it can read
// what it shows and submit a rating, nothing else. What it shows comes with the `display.changed`
// event (put straight into the cache: no refetch, no polling).

export default function DisplayPage() {
  const t = useMessages(displayWords);
  const view = useStation('display.current', {});
  const setData = useSetStationData();
  useStationEvent('display.changed', (v) => setData('display.current', {}, v));
  const v = view.data;
  if (!v) {
    return <main className="display mode-idle"><p className="display-welcome">{view.error ? errorMessage(view.error) : t('loading')}</p></main>;
  }
  return (
    <main className={`display mode-${v.mode}`} data-testid="display" data-mode={v.mode}>
      <header className="display-agency">
        <div className="display-name">{v.agency.name}</div>
        <div className="display-unit">{v.agency.unitName}</div>
      </header>
      <Body view={v} />
    </main>
  );
}

function Body({ view }: { view: DisplayView }) {
  switch (view.mode) {
    case 'idle':
      return <p className="display-welcome">{view.welcome}</p>;
    case 'details':
      return <Details title={view.title} details={view.details} />;
    case 'rating':
      return <Rating key={view.visitId} view={view} />;
    case 'thanks':
      return <p className="display-thanks" role="status">{view.message}</p>;
    default: {
      const never: never = view;
      return never;
    }
  }
}

function Details({ title, details: d }: { title: string; details: DisplayDetails }) {
  const t = useMessages(displayWords);
  const rows: Array<[string, string]> = [];
  const add = (label: string, value: string | undefined) => { if (value && value.trim()) rows.push([label, value]); };
  add(t('fullName'), d.fullName);
  add(t('idNumber'), d.idNumber);
  add(t('birthDate'), d.birthDate ? formatDate(d.birthDate) : undefined);
  add(t('phone'), d.phone);
  add(t('address'), d.address);
  add(t('submitterName'), d.submitterName);
  add(t('procedureName'), d.procedureName);
  add(t('appointmentAt'), d.appointmentAt ? formatAppointment(d.appointmentAt) : undefined);
  add(t('resultDelivery'), d.resultDelivery ? t(d.resultDelivery) : undefined);
  return (
    <section className="display-details" aria-live="polite">
      <h1>{title}</h1>
      <dl>
        {rows.map(([label, value]) => (
          <div key={label} className="display-row"><dt>{label}</dt><dd>{value}</dd></div>
        ))}
      </dl>
      {d.documents && d.documents.length > 0 ? (
        <>
          <h2>{t('documents')}</h2>
          <ol className="display-documents">
            {d.documents.map((doc) => (
              <li key={doc.name}>{doc.name} <small>({t('counts', { originals: doc.originals, certified: doc.certifiedCopies, copies: doc.copies })})</small></li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

type RatingView = Extract<DisplayView, { mode: 'rating' }>;

function Rating({ view }: { view: RatingView }) {
  const t = useMessages(displayWords);
  const [score, setScore] = useState<RatingScore | null>(null);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [message, setMessage] = useState('');
  useEffect(() => { document.querySelector<HTMLButtonElement>('.rating-choice')?.focus(); }, []);

  const send = async () => {
    if (score === null) { setMessage(t('chooseFirst')); return; }
    setSending(true);
    try {
      // The station answers with `display.changed` (thanks): the page follows it.
      await call('rating.submit', { visitId: view.visitId, score, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      setMessage('');
    } catch (e) {
      setMessage(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="display-rating">
      <h1>{view.question}</h1>
      <p className="display-context">{view.procedureName} · {t('officer')}: {view.officerName}</p>
      <div className="rating-choices" role="radiogroup" aria-label={view.question}>
        {view.choices.map((c) => (
          <button key={c.score} type="button" role="radio" aria-checked={score === c.score}
            className={`rating-choice score-${c.score} ${score === c.score ? 'chosen' : ''}`} onClick={() => { setScore(c.score); setMessage(''); }}>
            <Face score={c.score} />
            <span>{c.label}</span>
          </button>
        ))}
      </div>
      <label className="rating-comment">
        <span>{view.commentPrompt}</span>
        <textarea rows={2} maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <button type="button" className="primary rating-send" disabled={sending} onClick={() => void send()}>{sending ? t('sending') : t('send')}</button>
      {message ? <p className="display-message" role="alert">{message}</p> : null}
    </section>
  );
}

/** A face per level, drawn (the PC at the counter may have no emoji font): the mouth curves with the score. */
const MOUTHS: Readonly<Record<RatingScore, string>> = { 4: 'M16 38 Q32 54 48 38', 3: 'M19 40 Q32 48 45 40', 2: 'M19 42 L45 42', 1: 'M19 46 Q32 36 45 46' };

function Face({ score }: { score: RatingScore }) {
  return (
    <svg className="rating-face" viewBox="0 0 64 64" aria-hidden="true">
      <circle cx="32" cy="32" r="29" fill="currentColor" opacity=".16" stroke="currentColor" strokeWidth="3" />
      <circle cx="22" cy="25" r="4" fill="currentColor" />
      <circle cx="42" cy="25" r="4" fill="currentColor" />
      <path d={MOUTHS[score]} fill="none" stroke="currentColor" strokeWidth="4" strokeLinecap="round" />
    </svg>
  );
}

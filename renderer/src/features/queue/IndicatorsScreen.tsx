import { useState } from 'react';
import { formatDate } from '../../../../main/core/format';
import type { ChannelOutput } from '../../../../main/contract/channels';
import type { ScreenProps } from '../../app/paths';
import { useMessages } from '../../common/i18n/i18n';
import { errorMessage, useStation } from '../../common/station';
import { queueWords } from './messages';

// The leader's page of the desk's figures: waiting and service times of the queue per day,
// group and counter (`queue.indicators`), and the citizens' ratings per officer
// (`rating.indicators`), over today, 7 or 30 days. Bars where a glance says more than a number.

type QueueRow = ChannelOutput<'queue.indicators'>[number];
type RatingRow = ChannelOutput<'rating.indicators'>[number];
const PERIODS = [1, 7, 30] as const;

/** The day `days - 1` before `to` ("2026-11-23", 7 → "2026-11-17"). */
export function periodStart(to: string, days: number): string {
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - (days - 1));
  return d.toISOString().slice(0, 10);
}

const minutes = (s: number | null) => (s === null ? null : Math.round(s / 60));

export default function IndicatorsScreen(_props: ScreenProps) {
  const t = useMessages(queueWords);
  const info = useStation('app.info', {});
  const [days, setDays] = useState<(typeof PERIODS)[number]>(1);
  const to = info.data?.now.slice(0, 10) ?? '';
  const from = to ? periodStart(to, days) : '';
  const queue = useStation('queue.indicators', { from, to }, { enabled: to !== '' });
  const ratings = useStation('rating.indicators', { from, to }, { enabled: to !== '' });
  return (
    <section className="desk-indicators">
      <h1>{t('indicatorsTitle')}</h1>
      <div className="actions" role="group">
        {PERIODS.map((p) => <button key={p} type="button" aria-pressed={p === days} className={p === days ? 'primary' : ''} onClick={() => setDays(p)}>{t(`period_${p}`)}</button>)}
        {to ? <span className="muted">{t('periodShown', { from: formatDate(from), to: formatDate(to) })}</span> : null}
      </div>
      <h2>{t('queueTable')}</h2>
      {queue.error ? <p className="banner error">{errorMessage(queue.error)}</p> : null}
      {queue.data ? <QueueTable rows={queue.data} /> : null}
      <h2>{t('ratingTable')}</h2>
      {ratings.error ? <p className="banner error">{errorMessage(ratings.error)}</p> : null}
      {ratings.data ? <RatingTable rows={ratings.data} /> : null}
    </section>
  );
}

function QueueTable({ rows }: { rows: readonly QueueRow[] }) {
  const t = useMessages(queueWords);
  if (rows.length === 0) return <p className="muted">{t('noRows')}</p>;
  const longest = Math.max(1, ...rows.map((r) => r.maxWaitSeconds ?? 0));
  return (
    <table className="indicators" data-testid="queue-indicators">
      <thead><tr><th>{t('day')}</th><th>{t('group')}</th><th>{t('counterCol')}</th><th>{t('issued')}</th><th>{t('finished')}</th><th>{t('skippedCol')}</th><th>{t('neverCalled')}</th><th>{t('avgWait')}</th><th>{t('maxWait')}</th><th>{t('avgService')}</th></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.day}-${r.group}-${r.counter ?? ''}`}>
            <td>{formatDate(r.day)}</td><td>{r.group} — {r.groupName}</td><td>{r.counter ?? '—'}</td>
            <td>{r.issued}</td><td>{r.finished}</td><td>{r.skipped}</td><td>{r.neverCalled}</td>
            <td>
              {r.averageWaitSeconds === null ? '—' : (
                <span className="bar-cell">
                  <svg width="80" height="10" aria-hidden="true"><rect width={80 * (r.averageWaitSeconds / longest)} height="10" fill="#1f6feb" /></svg>
                  {t('minutes', { n: minutes(r.averageWaitSeconds) ?? 0 })}
                </span>
              )}
            </td>
            <td>{r.maxWaitSeconds === null ? '—' : t('minutes', { n: minutes(r.maxWaitSeconds) ?? 0 })}</td>
            <td>{r.averageServiceSeconds === null ? '—' : t('minutes', { n: minutes(r.averageServiceSeconds) ?? 0 })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const SCORE_COLOURS = ['#1a7f37', '#7cb342', '#c9a400', '#c62828'] as const;

function RatingTable({ rows }: { rows: readonly RatingRow[] }) {
  const t = useMessages(queueWords);
  if (rows.length === 0) return <p className="muted">{t('noRows')}</p>;
  return (
    <table className="indicators" data-testid="rating-indicators">
      <thead><tr><th>{t('day')}</th><th>{t('officerCol')}</th><th>{t('asked')}</th><th>{t('rated')}</th><th title={t('levels')}>{t('levels')}</th><th>{t('satisfied')}</th></tr></thead>
      <tbody>
        {rows.map((r) => {
          const total = Math.max(1, r.byScore.reduce((a, b) => a + b, 0));
          let x = 0;
          return (
            <tr key={`${r.day}-${r.officerId}`}>
              <td>{formatDate(r.day)}</td><td>{r.officerName}</td><td>{r.asked}</td><td>{r.rated}</td>
              <td>
                <span className="bar-cell">
                  <svg width="160" height="12" role="img" aria-label={r.byScore.join(' · ')}>
                    {r.byScore.map((n, i) => { const w = (160 * n) / total; const rect = <rect key={i} x={x} width={w} height="12" fill={SCORE_COLOURS[i]} />; x += w; return rect; })}
                  </svg>
                  {r.byScore.join(' · ')}
                </span>
              </td>
              <td>{r.satisfiedShare === null ? '—' : `${Math.round(r.satisfiedShare * 100)}%`}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

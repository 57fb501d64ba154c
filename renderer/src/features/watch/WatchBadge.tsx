import { useMessages } from '../../common/i18n/i18n';
import { useStation } from '../../common/station';
import { watchWords } from './messages';

/**
 * The counts on the "Theo dõi hạn" tab: overdue (red), due today (amber), results waiting to be
 * handed back (green) and disagreements with the portal (grey). Inside the tab's button, so a
 * click on it opens the list like the tab does. Kept fresh by the station's events (watch.changed
 * when time moves a dossier, dossier.changed when the counter does): nothing polls.
 */
export function WatchBadge() {
  const t = useMessages(watchWords);
  const badge = useStation('watch.badge', {});
  const b = badge.data;
  if (!b) return null;
  const parts: Array<{ key: string; n: number; title: string }> = [
    { key: 'overdue', n: b.overdue, title: t('badgeOverdue', { n: b.overdue }) },
    { key: 'today', n: b.dueToday, title: t('badgeToday', { n: b.dueToday }) },
    { key: 'results', n: b.resultsWaiting, title: t('badgeResults', { n: b.resultsWaiting }) },
    { key: 'conflicts', n: b.conflicts, title: t('badgeConflicts', { n: b.conflicts }) },
  ];
  const shown = parts.filter((p) => p.n > 0);
  if (shown.length === 0) return null;
  return (
    <span className="watch-badge" data-testid="watch-badge" title={shown.map((p) => p.title).join(' · ')}>
      {shown.map((p) => (
        <span key={p.key} className={`count ${p.key}`} data-count={p.key} aria-label={p.title}>{p.n}</span>
      ))}
    </span>
  );
}

import { useLocation } from 'wouter';
import { pathOf } from '../../app/paths';
import { useMessages } from '../../common/i18n/i18n';
import { useStation } from '../../common/station';
import { requestVisit } from '../../common/visits';
import { formatRecent } from '../../common/when';
import { syncWords } from './messages';

/** Online or not (as learned from the portal), what waits, the last successful sync; kept current by the station's events. */
export function SyncStatusBar() {
  const t = useMessages(syncWords);
  const [, navigate] = useLocation();
  const status = useStation('sync.status', {});
  const s = status.data;
  if (!s) return null;
  const state = !s.configured ? 'none' : s.online ? 'online' : s.online === false ? 'offline' : 'unknown';
  const label = { none: t('notConfigured'), online: t('online'), offline: t('offline'), unknown: t('checking') }[state];
  return (
    <button type="button" className={`sync-status ${state}`} tabIndex={-1} data-testid="sync-status" title={s.lastProblem ?? ''}
      onClick={() => { navigate(pathOf('sync')); requestVisit('sync', 'tab'); }}>
      <span className="dot" /> {label}
      <span> · {t('waitingBar')}: <b data-testid="sync-pending">{s.dossiersWaiting}</b></span>
      {s.rejected > 0 ? <span className="rejected"> · {t('rejectedBar', { n: s.rejected })}</span> : null}
      {s.draining ? (
        <span className="draining"> · {t('sendingBar', { sent: s.draining.sent, total: s.draining.total })}
          <progress max={s.draining.total} value={s.draining.sent} />
        </span>
      ) : null}
      <span className="muted"> · {t('lastSuccess', { at: s.lastSuccessAt ? formatRecent(s.lastSuccessAt) : '—' })}</span>
    </button>
  );
}

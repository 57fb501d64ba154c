import { useState } from 'react';
import type { ChannelOutput } from '../../../../main/contract/channels';
import type { ScreenProps } from '../../app/paths';
import { useMessages } from '../../common/i18n/i18n';
import { call, errorMessage, useInvalidate, useStation } from '../../common/station';
import { formatRecent } from '../../common/when';
import { CorrectOwnerDialog } from './CorrectOwnerDialog';
import { syncWords } from './messages';
import { PortalSettings } from './PortalSettings';

type Entry = ChannelOutput<'sync.queue'>[number];

// The audit log's line (kept here until the sync words are next edited: they belong in ./messages).
type List = 'waiting' | 'rejected' | 'sent';

/**
 * What waits for the portal, what it refused and why, what went recently; and the portal
 * settings. Counted in dossiers, as the status bar counts them; every line says what happened in
 * the officer's words (the technical reason stays for the technician, under a fold).
 */
export default function SyncScreen(_props: ScreenProps) {
  const t = useMessages(syncWords);
  const [list, setList] = useState<List>('waiting');
  const status = useStation('sync.status', {});
  const waiting = useStation('sync.queue', { list: 'waiting', limit: 500 });
  const shown = useStation('sync.queue', { list, limit: 200 });
  const invalidate = useInvalidate();
  const [correcting, setCorrecting] = useState<Entry | null>(null);
  const [message, setMessage] = useState('');

  const s = status.data;
  const waitingDossiers = new Set((waiting.data ?? []).map((e) => e.code)).size;
  const kindName = (kind: string) => ({ 'dossier.create': t('kindCreate'), 'dossier.update': t('kindUpdate'), 'file.upload': t('kindFile'), ack: t('kindAck') }[kind] ?? kind);
  // The retry and the resend are not announced by the station until the worker acts: ask again now.
  const refresh = () => invalidate('sync.status', 'sync.queue');
  const act = async (p: Promise<string>) => {
    try {
      setMessage(await p);
    } catch (e) {
      setMessage(errorMessage(e));
    }
    void refresh();
  };

  const entries = shown.data ?? [];
  return (
    <section className="sync">
      <div className="toolbar">
        <div role="tablist" className="segmented">
          {(['waiting', 'rejected', 'sent'] as const).map((l) => (
            <button key={l} type="button" role="tab" aria-selected={list === l} className={list === l ? 'active' : ''} onClick={() => setList(l)}>
              {{ waiting: t('tabWaiting', { n: waitingDossiers }), rejected: t('tabRejected', { n: s?.rejected ?? 0 }), sent: t('tabSent') }[l]}
            </button>
          ))}
        </div>
        <span className="spacer" />
        {s?.draining ? <span>{t('sendingBar', { sent: s.draining.sent, total: s.draining.total })} <progress max={s.draining.total} value={s.draining.sent} /></span> : null}
        <button type="button" className="primary" onClick={() => void act(call('sync.retryNow', {}).then((r) => t('retried', { n: r.due })))}>{t('retryNow')}</button>
      </div>
      {s ? (
        <p className="muted" data-testid="sync-summary">
          {s.dossiersWaiting === 0 ? t('allSynced') : t('summary', { total: s.dossiersWaiting, waiting: waitingDossiers, rejected: s.rejected })}
        </p>
      ) : null}
      {s && !s.configured ? <p className="banner warn" data-testid="sync-not-configured">{t('notConfiguredHint')}</p> : null}
      {s?.lastProblem ? (
        <div className="banner error" data-testid="sync-problem">
          {t('lastProblem', { problem: s.lastProblem })}
          {s.lastError ? <details><summary>{t('technicalDetail')}</summary><code>{s.lastError}</code></details> : null}
        </div>
      ) : null}
      {s && s.auditPending > 0 && !s.auditProblem ? <p className="muted" data-testid="sync-audit-pending">{t('auditPending', { n: s.auditPending })}</p> : null}
      {s?.auditProblem ? <div className="banner error" data-testid="sync-audit-problem">{s.auditProblem.message}<details><summary>{t('technicalDetail')}</summary><code>{s.auditProblem.code}</code></details></div> : null}
      {message ? <p className="banner" role="status">{message}</p> : null}
      <table className="dossiers">
        <thead>
          <tr>
            <th>{t('code')}</th><th>{t('owner')}</th><th>{t('kind')}</th>
            {list === 'waiting' ? <><th>{t('attempts')}</th><th>{t('nextAttempt')}</th><th>{t('reason')}</th></> : null}
            {list === 'rejected' ? <th>{t('portalReason')}</th> : null}
            {list === 'sent' ? <th>{t('sentAt')}</th> : null}
            <th />
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 ? <tr><td colSpan={7} className="empty">{t('empty')}</td></tr> : null}
          {entries.map((e) => (
            <tr key={`${e.state}-${e.id}`} className={e.state}>
              <td className="code">{e.code}</td><td>{e.ownerName}</td><td>{kindName(e.kind)}</td>
              {list === 'waiting' ? (
                <>
                  <td>{e.attempts === 0 ? t('notYet') : t('attemptsN', { n: e.attempts })}</td>
                  <td>{e.state === 'active' ? t('sending') : e.nextAttemptAt ? formatRecent(e.nextAttemptAt) : '—'}</td>
                  <td className="reason">{e.reason ?? t('waitingReason')}{e.lastError ? <details><summary>{t('technicalDetail')}</summary><code>{e.lastError}</code></details> : null}</td>
                </>
              ) : null}
              {list === 'rejected' ? <td className="reason">{e.reason ?? e.lastError ?? ''}<div className="muted">{t('correctHint')}</div></td> : null}
              {list === 'sent' ? <td>{formatRecent(e.at)}</td> : null}
              <td>
                {e.state === 'rejected' ? (
                  <>
                    <button type="button" onClick={() => setCorrecting(e)}>{t('fix')}</button>{' '}
                    <button type="button" onClick={() => void act(call('sync.resend', { id: e.id }).then(() => t('resent', { code: e.code })))}>{t('resend')}</button>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {correcting && <CorrectOwnerDialog code={correcting.code} onClose={() => { setCorrecting(null); void refresh(); }} />}
      <PortalSettings />
    </section>
  );
}

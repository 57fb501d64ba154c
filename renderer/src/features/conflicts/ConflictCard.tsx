import { useState } from 'react';
import { Link } from 'wouter';
import type { ChannelOutput } from '../../../../main/contract/channels';
import { formatDateTime } from '../../../../main/core/format';
import { pathOf } from '../../app/paths';
import { statusNames } from '../../../../main/core/messages';
import { useLang, useMessages } from '../../common/i18n/i18n';
import { hasRole, useOfficer } from '../../common/officer';
import { call, errorMessage, useInvalidate } from '../../common/station';
import { useConfirm } from '../../common/ui/ConfirmDialog';
import { conflictWords } from './messages';

export type Conflict = ChannelOutput<'conflicts.list'>[number];
type Choice = 'keep_station' | 'accept_portal';

/**
 * One disagreement with the portal: both sides, what to do, and the officer's choice — asked
 * again in a confirm dialog that says what the choice does, since it cannot be taken back.
 */
export function ConflictCard({ conflict: c, withLink = false, onDecided }: { conflict: Conflict; withLink?: boolean; onDecided?: (text: string) => void }) {
  const t = useMessages(conflictWords);
  const officer = useOfficer();
  const invalidate = useInvalidate();
  const [confirm, ask] = useConfirm();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const lang = useLang();
  const status = (n: number, label: string) => statusNames[n as keyof typeof statusNames]?.[lang] ?? label;
  const station = status(c.stationStatus, c.stationStatusLabel);
  const portal = status(c.portalStatus, c.portalStatusLabel);
  const choiceLabel = (choice: Choice) => t(choice === 'keep_station' ? 'keepStation' : 'acceptPortal');

  const decide = async (choice: Choice) => {
    const params = { code: c.code, station, portal };
    const yes = await ask(choice === 'keep_station'
      ? { title: t('keepStationTitle'), message: t('keepStationWhat', params), confirmLabel: t('keepStation') }
      : { title: t('acceptPortalTitle'), message: t('acceptPortalWhat', params), confirmLabel: t('acceptPortal') });
    if (!yes) return;
    setBusy(true);
    try {
      await call('conflicts.resolve', { id: c.id, choice, note });
      const text = t('decidedNow', { code: c.code, choice: choiceLabel(choice) });
      setMessage('');
      onDecided?.(text);
      void invalidate('conflicts.list', 'dossier.timeline', 'dossier.get', 'watch.badge');
    } catch (e) {
      setMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const canDecide = hasRole(officer, ['reception', 'leader']);
  return (
    <article className={`conflict-card ${c.resolvedAt ? 'resolved' : ''}`} data-testid="conflict-card" aria-label={`${c.code} · ${c.ownerName}`}>
      <header>
        <strong className="dossier-code">{c.code}</strong> · {c.ownerName} · <span className="muted">{c.procedureName}</span>
        <span className="spacer" />
        <span className="muted small">{t('detectedAt', { at: formatDateTime(c.detectedAt) })} · {t(c.source === 'feed' ? 'sourceFeed' : 'sourceSend')}</span>
      </header>
      <div className="conflict-sides">
        <div className="side station">
          <h3>{t('station')}</h3>
          <p className="status-name" data-testid="conflict-station">{station}</p>
        </div>
        <div className="side portal">
          <h3>{t('portal')}</h3>
          <p className="status-name" data-testid="conflict-portal">{portal}</p>
          <p className="muted">{[c.portalOfficer, c.portalUnit].filter(Boolean).join(', ')}{c.portalAt ? ` · ${t('portalAt', { at: formatDateTime(c.portalAt) })}` : ''}</p>
          {c.portalNote ? <p>“{c.portalNote}”</p> : null}
        </div>
      </div>
      {c.resolvedAt ? null : <p className="conflict-advice"><strong>{t('advice')}:</strong> {c.explanation}</p>}
      {c.resolvedAt ? (
        <p className="banner ok" data-testid="conflict-decided">
          {t('decided', { choice: c.resolution ? choiceLabel(c.resolution) : '', at: formatDateTime(c.resolvedAt) })}{c.resolutionNote ? ` · ${c.resolutionNote}` : ''}
        </p>
      ) : canDecide ? (
        <div className="conflict-decide">
          <label className="field wide">
            <span>{t('note')}</span>
            <input name="note" value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="button" disabled={busy} onClick={() => void decide('keep_station')}>{t('keepStation')}</button>
          <button type="button" disabled={busy} onClick={() => void decide('accept_portal')}>{t('acceptPortal')}</button>
        </div>
      ) : <p className="muted">{t('onlyDeciders')}</p>}
      {withLink ? <Link href={pathOf('dossier', { code: c.code })} state={{ from: 'conflicts' }}>{t('openDossier')} →</Link> : null}
      {message ? <p className="banner error" role="alert">{message}</p> : null}
      {confirm}
    </article>
  );
}

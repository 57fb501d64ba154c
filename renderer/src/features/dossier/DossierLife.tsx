import { useEffect, useRef, useState } from 'react';
import type { ChannelOutput } from '../../../../main/contract/channels';
import type { DossierView } from '../../../../main/contract/schemas';
import { formatAppointment, formatDateTime } from '../../../../main/core/format';
import { statusNames } from '../../../../main/core/messages';
import { Link } from 'wouter';
import { pathOf } from '../../app/paths';
import { useLang, useMessages } from '../../common/i18n/i18n';
import { hasRole, useOfficer } from '../../common/officer';
import { call, errorMessage, useInvalidate, useStation } from '../../common/station';
import { ConflictCard } from '../conflicts/ConflictCard';
import type { CounterEvent, DossierRef } from './dialog-form';
import { formLabel, IssuedFormPreview, type IssuedForm } from './IssuedFormPreview';
import { lifeWords } from './life-messages';
import { COUNTER_EVENTS, TransitionDialog } from './TransitionDialog';

type Timeline = ChannelOutput<'dossier.timeline'>;

/** After a change the dossier's actions are others: the cursor to the first of them (the next step), else the title. */
const focusNextAction = () => requestAnimationFrame(() => (document.querySelector<HTMLElement>('.life-actions button') ?? document.getElementById('dossier-title'))?.focus());
type LifeDossier = Timeline['dossier'];

/** What a dialog needs of a dossier, from its page. */
export function dossierRefOf(life: LifeDossier, view: DossierView | undefined): DossierRef {
  return {
    code: life.code,
    ownerName: life.ownerName,
    ownerIdNumber: life.ownerIdNumber,
    procedureName: life.procedureName,
    resultDelivery: view?.resultDelivery.method ?? 'counter',
    dueAt: life.dueAt,
    lateness: life.lateness?.late ? life.lateness.text : null,
  };
}

/**
 * The dossier's life on its page (`dossier.timeline`): its state now, the counter's actions its
 * status allows (keys 1–9 when the cursor is not in a field), the disagreements with the portal,
 * the history with who did what where, and the forms issued with their prints.
 */
export function DossierLife({ code, view, dialogOpen }: { code: string; view: DossierView | undefined; dialogOpen: boolean }) {
  const t = useMessages(lifeWords);
  const lang = useLang();
  const officer = useOfficer();
  const timeline = useStation('dossier.timeline', { code });
  const [event, setEvent] = useState<CounterEvent | null>(null);
  const [viewing, setViewing] = useState<IssuedForm | null>(null);
  const [status, setStatus] = useState('');
  const invalidate = useInvalidate();
  const conflictRef = useRef<HTMLElement>(null);

  const life = timeline.data?.dossier;
  const canAct = hasRole(officer, ['reception']);
  const events = canAct && life ? COUNTER_EVENTS.filter((e) => life.possibleEvents.includes(e)) : [];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (dialogOpen || event || viewing || e.ctrlKey || e.altKey || e.metaKey || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable)) return;
      if (!/^[1-9]$/.test(e.key)) return;
      const hit = events[Number(e.key) - 1];
      if (!hit) return;
      e.preventDefault();
      setEvent(hit);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [events, dialogOpen, event, viewing]);

  // The status moved (the answer came after the dialog closed, or a change from elsewhere): the
  // cursor to the next step, unless a dialog holds it.
  const lastStatus = useRef<number | undefined>(undefined);
  const currentStatus = life?.status;
  useEffect(() => {
    if (currentStatus === undefined) return;
    if (lastStatus.current !== undefined && lastStatus.current !== currentStatus && !event && !viewing && !dialogOpen) focusNextAction();
    lastStatus.current = currentStatus;
  }, [currentStatus, event, viewing, dialogOpen]);

  if (timeline.error) return <p className="banner error" role="alert">{errorMessage(timeline.error)}</p>;
  if (!timeline.data || !life) return null;
  const { entries, forms, conflicts } = timeline.data;
  const open = conflicts.filter((c) => !c.resolvedAt);

  const issueControl = async () => {
    setStatus(t('issuing'));
    try {
      const form = await call('lifecycle.issueForm', { code, form: 'processing_control' });
      setStatus('');
      void invalidate('dossier.timeline');
      setViewing(form);
    } catch (e) {
      setStatus(errorMessage(e));
    }
  };

  return (
    <section className="dossier-life" aria-label={t('state')} data-testid="dossier-life">
      <fieldset className="life-state" data-testid="life-state">
        <legend>{t('state')}</legend>
        <dl className="receipt-summary">
          <dt>{t('state')}</dt><dd><strong data-testid="life-status">{statusNames[life.status as keyof typeof statusNames]?.[lang] ?? life.statusLabel}</strong>{life.counterProcessed ? <span className="muted"> · {t('counterProcessed')}</span> : null}</dd>
          <dt>{t('dueAt')}</dt>
          <dd>
            <strong data-testid="life-due">{formatAppointment(life.dueAt, lang)}</strong>
            {life.rescheduledAt ? <span className="muted" data-testid="life-rescheduled"> · {t('rescheduled', { at: formatAppointment(life.appointmentAt, lang) })}</span> : null}
          </dd>
          <dt>{t('lateness')}</dt>
          <dd data-testid="life-lateness" className={life.lateness?.late ? 'late' : ''}>
            {life.timeliness ? t(life.timeliness) : null}
            {life.timeliness && life.lateness?.late ? ' · ' : null}
            {life.lateness ? (life.lateness.late ? life.lateness.text : life.timeliness ? null : t('notLate')) : life.timeliness ? null : t('noLateness')}
          </dd>
          {life.handlerName ? <><dt>{t('handler')}</dt><dd>{life.handlerName}</dd></> : null}
          {life.finishedAt ? <><dt>{t('finishedAt')}</dt><dd>{formatDateTime(life.finishedAt)}</dd></> : null}
          {life.returnedAt ? <><dt>{t('returnedAt')}</dt><dd>{formatDateTime(life.returnedAt)}{life.returnedTo ? ` · ${life.returnedTo}` : ''}</dd></> : null}
        </dl>
        {life.status === 5 && life.supplementRequestedAt ? <p className="banner warn">{t('clockStopped', { at: formatDateTime(life.supplementRequestedAt) })}</p> : null}
        {open.length > 0 ? (
          <p className="banner error" role="alert" data-testid="life-conflict">
            {t('conflictBanner')} <button type="button" className="link-button" onClick={() => conflictRef.current?.scrollIntoView()}>{t('seeConflict')}</button>
          </p>
        ) : null}
        <div className="life-actions" role="group" aria-label={t('state')}>
          {events.map((e, i) => (
            <button key={e} type="button" className={i === 0 ? 'primary' : ''} title={`${t(`act_${e}`)} (${i + 1})`} onClick={() => setEvent(e)}>
              <kbd>{i + 1}</kbd> {t(`act_${e}`)}
            </button>
          ))}
          {canAct && (life.status === 2 || life.status === 4) ? (
            <button type="button" onClick={() => void issueControl()}>{t('controlSheet')}</button>
          ) : null}
          {events.length === 0 && open.length === 0 ? <span className="muted">{t('noActions')}</span> : null}
        </div>
        {status ? <p className="notice" role="status">{status}</p> : null}
      </fieldset>

      {conflicts.length > 0 && (
        <fieldset ref={conflictRef as React.RefObject<HTMLFieldSetElement>} className="life-conflicts">
          <legend>{t('conflicts')}</legend>
          {conflicts.map((c) => <ConflictCard key={c.id} conflict={c} onDecided={setStatus} />)}
          <Link href={pathOf('conflicts')} state={{ from: 'dossier' }}>{t('allConflicts')} →</Link>
        </fieldset>
      )}

      <div className="dossier-grid two">
        <fieldset className="life-history">
          <legend>{t('history')}</legend>
          <ol className="timeline" data-testid="timeline">
            {entries.map((e) => (
              <li key={e.id} className={`entry ${e.kind}`}>
                <time>{formatDateTime(e.at)}</time>
                <div>
                  <p className="entry-text">{e.text}</p>
                  <p className="muted small">
                    <span className="entry-officer">{e.officerName}</span>{e.unit ? ` · ${e.unit}` : ''} · {t(e.cause === 'feed' ? 'fromPortal' : 'atCounter')}
                  </p>
                  {e.reason ? <p className="small">{t('reason')}: {e.reason}</p> : null}
                  {e.warnings.map((w) => <p key={w} className="small warn">{w}</p>)}
                  {e.formIds.map((id) => forms.find((f) => f.id === id)).map((f) => f ? (
                    <button key={f.id} type="button" className="link-button small" onClick={() => setViewing(f)}>{formLabel(f)}</button>
                  ) : null)}
                </div>
              </li>
            ))}
          </ol>
        </fieldset>
        <fieldset className="life-forms">
          <legend>{t('forms')}</legend>
          {forms.length === 0 ? <p className="muted">{t('noForms')}</p> : (
            <ul className="issued-forms" data-testid="issued-forms">
              {forms.map((f) => {
                const last = f.prints[f.prints.length - 1];
                return (
                  <li key={f.id}>
                    <strong>{formLabel(f)}</strong>
                    <p className="muted small">
                      {t('issuedBy', { at: formatDateTime(f.issuedAt), officer: f.officerName })} · {last ? t('prints', { count: f.prints.length, at: formatDateTime(last.at), officer: last.officerName }) : t('notPrinted')}
                    </p>
                    <button type="button" onClick={() => setViewing(f)}>{canAct ? `${t('viewForm')} · ${t('printAgain')}` : t('viewForm')}</button>
                  </li>
                );
              })}
            </ul>
          )}
        </fieldset>
      </div>

      {event && <TransitionDialog dossier={dossierRefOf(life, view)} event={event} onClose={() => { setEvent(null); focusNextAction(); }} />}
      {viewing && <IssuedFormPreview form={viewing} onClose={() => { setViewing(null); void invalidate('dossier.timeline'); }} />}
    </section>
  );
}

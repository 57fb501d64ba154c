import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import type { DossierView } from '../../../../main/contract/schemas';
import { formatAppointment, formatDate, formatDateTime, formatInstant, formatProcessingTime } from '../../../../main/core/format';
import { statusNames } from '../../../../main/core/messages';
import { isValidLocalDate } from '../../../../main/core/time';
import { pathOf, type ScreenProps } from '../../app/paths';
import { matchesKey } from '../../common/keys';
import { translate, useLang, useMessages } from '../../common/i18n/i18n';
import { usePdfUrl } from '../../common/pdf';
import { errorMessage, StationCallError, useStation } from '../../common/station';
import { Modal } from '../../common/ui/Modal';
import { requestVisit } from '../../common/visits';
import { ScanDocuments } from '../scanning/ScanDocuments';
import { DossierFees } from '../fees/DossierFees';
import { actionsFor, dossierActions, type DossierAction } from './actions';
import { DossierLife } from './DossierLife';
import { dossierWords } from './messages';

/** Where the page was opened from (history state), to go back there with Esc. */
export type DossierPageState = Readonly<{ from: string }>;

const portalTime = (at: string): string => {
  // The portal writes yyyyMMddHHmmss in Vietnam time.
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(at);
  return m ? formatDateTime(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}`) : at;
};

/**
 * Everything about one dossier: owner and submitter, the procedure and the appointment, the
 * documents with their counts and scans, notes, the sync with the portal and the back office's
 * progress, the signed files; and what can be done with it now (./actions.tsx, by status).
 * Esc goes back to where it was opened from, with focus on the dossier's row.
 */
export default function DossierPage({ params }: ScreenProps) {
  const code = params.code ?? '';
  const t = useMessages(dossierWords);
  const [, navigate] = useLocation();
  const dossier = useStation('dossier.get', { code }, { enabled: code !== '' });
  const [open, setOpen] = useState<DossierAction | null>(null);
  // An action's key pressed while the dossier was still loading: done as soon as it is there.
  const [pending, setPending] = useState<string | null>(null);
  const head = useRef<HTMLHeadingElement>(null);

  const back = () => {
    const from = (history.state as DossierPageState | null)?.from;
    if (from) history.back();
    else navigate(pathOf('logbook'));
    requestVisit(from ?? 'logbook', 'back', code);
  };
  const backRef = useRef(back);
  useEffect(() => { backRef.current = back; });

  const actions = dossier.data ? actionsFor(dossier.data.status) : [];
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (open) return;
      if (e.key === 'Escape' && !e.defaultPrevented) { e.preventDefault(); backRef.current(); return; }
      const hit = (dossier.data ? actions : dossierActions).find((a) => a.hotkey && matchesKey(e, a.hotkey));
      if (!hit) return;
      e.preventDefault();
      if (dossier.data) setOpen(hit);
      else setPending(hit.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, open, dossier.data]);
  useEffect(() => {
    if (!pending || !dossier.data) return;
    setPending(null);
    const action = actions.find((a) => a.id === pending);
    if (action) setOpen(action);
  }, [pending, dossier.data, actions]);

  useEffect(() => { if (dossier.data) head.current?.focus({ preventScroll: true }); }, [dossier.data?.code]);

  if (dossier.error) {
    const missing = dossier.error instanceof StationCallError && dossier.error.payload.code === 'DOSSIER_NOT_FOUND';
    return <section className="dossier-page"><p className="banner error" role="alert">{missing ? t('notFound', { code }) : errorMessage(dossier.error)}</p></section>;
  }
  if (!dossier.data) return <section className="dossier-page"><p className="muted">…</p></section>;
  const d = dossier.data;
  const Dialog = open?.Dialog;
  return (
    <section className="dossier-page" aria-labelledby="dossier-title" data-testid="dossier-page">
      <DossierHeader dossier={d} headRef={head} actions={actions} onAction={setOpen} onBack={back} />
      <DossierLife code={d.code} view={d} dialogOpen={open !== null} />
      <div className="dossier-grid">
        <People dossier={d} />
        <Procedure dossier={d} />
      </div>
      <fieldset>
        <legend>{t('documents')}</legend>
        <ScanDocuments dossierCode={d.code} documents={d.documents} withCounts />
      </fieldset>
      <div className="dossier-grid two">
        <fieldset>
          <legend>{t('notes')}</legend>
          <p className="notes-text" data-testid="dossier-notes">{d.notes.trim() || <span className="muted">{t('noNotes')}</span>}</p>
        </fieldset>
        <SyncSection code={d.code} />
      </div>
      <DossierFees code={d.code} />
      <SignedFiles code={d.code} />
      {Dialog && <Dialog dossier={d} onClose={() => setOpen(null)} />}
    </section>
  );
}

function DossierHeader({ dossier: d, headRef, actions, onAction, onBack }: {
  dossier: DossierView;
  headRef: React.RefObject<HTMLHeadingElement | null>;
  actions: readonly DossierAction[];
  onAction: (a: DossierAction) => void;
  onBack: () => void;
}) {
  const t = useMessages(dossierWords);
  const lang = useLang();
  return (
    <header className="dossier-head">
      <button type="button" className="link-button" onClick={onBack}>← {t('backTo')}</button>
      <h1 id="dossier-title" ref={headRef} tabIndex={-1}>
        {t('title')} <span className="dossier-code">{d.code}</span>
      </h1>
      <span className={`status-badge s${d.status}`} data-testid="dossier-status">{statusNames[d.status as keyof typeof statusNames]?.[lang] ?? d.status}</span>
      <span className="spacer" />
      <div className="dossier-actions">
        {actions.map((a) => (
          <button key={a.id} type="button" className={a.primary ? 'primary' : ''} onClick={() => onAction(a)}>
            {translate(a.label, lang)}{a.hotkey ? ` (${a.hotkey})` : ''}
          </button>
        ))}
      </div>
      <p className="dossier-when">
        {t('appointment')}: <strong className="appointment-at" data-testid="dossier-appointment">{formatAppointment(d.appointmentAt, lang)}</strong>
        <span className="muted"> · {t('receivedAt')} {formatAppointment(d.receivedAt, lang)}</span>
      </p>
      {d.codeIsProvisional ? <p className="banner warn provisional">{t('provisional')}</p> : null}
    </header>
  );
}

function People({ dossier: d }: { dossier: DossierView }) {
  const t = useMessages(dossierWords);
  const dash = <span className="muted">{t('notGiven')}</span>;
  return (
    <>
      <fieldset>
        <legend>{t('owner')}</legend>
        <dl className="receipt-summary" data-testid="dossier-owner">
          <dt>{t('fullName')}</dt><dd><strong>{d.owner.fullName}</strong></dd>
          <dt>{t('idNumber')}</dt><dd>{d.owner.idNumber}</dd>
          <dt>{t('birthDate')}</dt><dd>{isValidLocalDate(d.owner.birthDate) ? formatDate(d.owner.birthDate) : d.owner.birthDate}</dd>
          <dt>{t('phone')}</dt><dd>{d.owner.phone || dash}</dd>
          <dt>{t('email')}</dt><dd>{d.owner.email || dash}</dd>
          <dt>{t('address')}</dt><dd>{d.owner.address}</dd>
        </dl>
      </fieldset>
      <fieldset>
        <legend>{t('submitter')}</legend>
        {d.submitter ? (
          <dl className="receipt-summary" data-testid="dossier-submitter">
            <dt>{t('fullName')}</dt><dd><strong>{d.submitter.fullName}</strong></dd>
            <dt>{t('submitterId')}</dt><dd>{d.submitter.idNumber || dash}</dd>
            <dt>{t('phone')}</dt><dd>{d.submitter.phone || dash}</dd>
          </dl>
        ) : <p className="muted" data-testid="dossier-submitter">{t('ownerSubmits')}</p>}
      </fieldset>
    </>
  );
}

function Procedure({ dossier: d }: { dossier: DossierView }) {
  const t = useMessages(dossierWords);
  const lang = useLang();
  const channel = { 1: t('channel1'), 2: t('channel2'), 3: t('channel3') }[d.channel];
  return (
    <fieldset>
      <legend>{t('procedure')}</legend>
      <dl className="receipt-summary" data-testid="dossier-procedure">
        <dt>{t('procedure')}</dt><dd><span className="code">{d.procedureCode}</span> <strong>{d.procedureName}</strong></dd>
        <dt>{t('processing')}</dt><dd>{formatProcessingTime(d.processingTime, lang)}</dd>
        <dt>{t('receivedAt')}</dt><dd>{formatAppointment(d.receivedAt, lang)}</dd>
        <dt>{t('countingFrom')}</dt><dd>{formatAppointment(d.countingFrom, lang)}</dd>
        <dt>{t('appointment')}</dt><dd>{formatAppointment(d.appointmentAt, lang)}</dd>
        <dt>{t('delivery')}</dt><dd>{d.resultDelivery.method === 'post' ? t('deliveryPost', { address: d.resultDelivery.address }) : t('deliveryCounter')}</dd>
        <dt>{t('channel')}</dt><dd>{channel}</dd>
        <dt>{t('sets')}</dt><dd>{d.sets}</dd>
        <dt>{t('logBook')}</dt><dd>{t('logBookLine', { volume: d.logBookVolume, line: d.logBookLine })}</dd>
        <dt>{t('officer')}</dt><dd>{d.officerName}</dd>
      </dl>
    </fieldset>
  );
}

function SyncSection({ code }: { code: string }) {
  const t = useMessages(dossierWords);
  const lang = useLang();
  const info = useStation('dossier.syncInfo', { code });
  if (!info.data) return null;
  const s = info.data;
  const state = { synced: t('synced'), waiting: t('waiting'), rejected: t('rejected', { reason: s.reason ?? '' }) }[s.state];
  return (
    <fieldset className={`sync-info ${s.state}`} data-testid="dossier-sync">
      <legend>{t('sync')}</legend>
      <p>{state}</p>
      {s.codeIsProvisional ? <p>{t('provisional')}</p> : null}
      {s.provisionalCode && !s.codeIsProvisional ? <p className="muted">{t('formerCode', { code: s.provisionalCode })}</p> : null}
      {s.portalId ? <p className="muted">{t('portalId', { id: s.portalId })}</p> : null}
      <h3>{t('progress')}</h3>
      {s.progress.length === 0 ? <p className="muted">{t('noProgress')}</p> : (
        <table className="progress">
          <tbody>
            {s.progress.map((p, i) => (
              <tr key={i}>
                <td>{portalTime(p.at)}</td><td>{p.unit}</td><td>{p.officer}</td>
                <td>{statusNames[p.status as keyof typeof statusNames]?.[lang] ?? p.status}</td><td>{p.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </fieldset>
  );
}

function SignedFiles({ code }: { code: string }) {
  const t = useMessages(dossierWords);
  const files = useStation('signing.files', { code });
  const [viewing, setViewing] = useState<number | null>(null);
  if (!files.data || files.data.length === 0) return null;
  const file = files.data.find((f) => f.id === viewing);
  return (
    <fieldset data-testid="dossier-signed">
      <legend>{t('signedFiles')}</legend>
      <ul className="signed-files">
        {files.data.map((f) => (
          <li key={f.id}>
            <strong>{f.kind === 'scan-signed' ? t('signedScan') : t('signedSlip')}</strong> · {f.fileName} · {formatInstant(Date.parse(f.signedAt))} · {f.uploaded ? t('uploaded') : t('notUploaded')}
            {' '}<button type="button" onClick={() => setViewing(f.id)}>{t('view')}</button>
          </li>
        ))}
      </ul>
      {file ? <SignedFileViewer id={file.id} name={file.fileName} onClose={() => setViewing(null)} /> : null}
    </fieldset>
  );
}

function SignedFileViewer({ id, name, onClose }: { id: number; name: string; onClose: () => void }) {
  const t = useMessages(dossierWords);
  const pdf = useStation('signing.filePdf', { id });
  const url = usePdfUrl(pdf.data?.base64);
  return (
    <Modal label={name} onClose={onClose} className="slip-preview">
      <header><h2>{name}</h2></header>
      {url ? <iframe title={name} src={url} className="pdf" /> : <div className="pdf loading">{pdf.error ? errorMessage(pdf.error) : '…'}</div>}
      <footer><span className="spacer" /><button type="button" autoFocus onClick={onClose}>{t('close')} (Esc)</button></footer>
    </Modal>
  );
}

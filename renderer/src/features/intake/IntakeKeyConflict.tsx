import { useState, type ReactNode } from 'react';
import { formatDate, formatDateTime } from '../../../../main/core/format';
import type { IntakeKeyConflictDetails, IntakeVersion } from '../../../../main/core/intake-conflict';
import type { DossierDraft, DossierView } from '../../../../main/contract/schemas';
import { useMessages } from '../../common/i18n/i18n';
import { call, errorMessage, StationCallError } from '../../common/station';
import { Modal } from '../../common/ui/Modal';
import { intakeKeyConflictWords, intakeWords } from './messages';

// A form already received is sent again with other data (the answer to the first Ctrl+S was lost,
// the officer edited and saved again): the station refused it with INTAKE_KEY_CONFLICT and both
// versions. The officer sees them side by side, what differs highlighted, and chooses: keep the
// saved dossier, or receive what was sent as a new dossier (a new intake key).

type Conflict = Readonly<{ details: IntakeKeyConflictDetails; draft: DossierDraft }>;

/** The station's refusal, if it is this one with its details. */
export function intakeKeyConflictOf(error: unknown): IntakeKeyConflictDetails | null {
  if (!(error instanceof StationCallError) || error.payload.code !== 'INTAKE_KEY_CONFLICT') return null;
  const details = error.payload.details as Partial<IntakeKeyConflictDetails> | undefined;
  return details && typeof details.code === 'string' && details.stored && details.submitted && Array.isArray(details.differences) ? (details as IntakeKeyConflictDetails) : null;
}

/**
 * For the intake form: `offer(error, draft)` takes a save's refusal (true if it was a conflict,
 * now shown), `dialog` goes in the form's markup; `onSaved` gets the dossier the officer kept or
 * the new one.
 */
export function useIntakeKeyConflict(onSaved: (dossier: DossierView) => void): Readonly<{ offer: (error: unknown, draft: DossierDraft) => boolean; dialog: ReactNode }> {
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const offer = (error: unknown, draft: DossierDraft) => {
    const details = intakeKeyConflictOf(error);
    if (details) setConflict({ details, draft });
    return details !== null;
  };
  const dialog = conflict ? (
    <IntakeKeyConflict conflict={conflict} onClose={() => setConflict(null)} onDone={(dossier) => { setConflict(null); onSaved(dossier); }} />
  ) : null;
  return { offer, dialog };
}

function IntakeKeyConflict({ conflict, onClose, onDone }: { conflict: Conflict; onClose: () => void; onDone: (dossier: DossierView) => void }) {
  const t = useMessages(intakeKeyConflictWords);
  const w = useMessages(intakeWords);
  const { details, draft } = conflict;
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  const act = async (work: () => Promise<DossierView>) => {
    setBusy(true);
    setMessage('');
    try {
      onDone(await work());
    } catch (e) {
      setMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const keepStored = () => act(() => call('dossier.get', { code: details.code }));
  // The same data under a key of its own: a second dossier, the first untouched.
  const saveAsNew = () => act(() => call('dossier.save', { ...draft, intakeKey: crypto.randomUUID() }));

  const text = (v: string | undefined) => (v && v.trim() !== '' ? v : t('none'));
  const rows: ReadonlyArray<Readonly<{ key: string; label: string; show: (v: IntakeVersion) => ReactNode }>> = [
    { key: 'procedureCode', label: t('procedure'), show: (v) => `${v.procedureCode} — ${v.procedureName}` },
    { key: 'owner.fullName', label: w('fullName'), show: (v) => v.owner.fullName },
    { key: 'owner.idNumber', label: w('idNumber'), show: (v) => v.owner.idNumber },
    { key: 'owner.birthDate', label: w('birthDate'), show: (v) => formatDate(v.owner.birthDate) },
    { key: 'owner.phone', label: w('phone'), show: (v) => text(v.owner.phone) },
    { key: 'owner.email', label: w('email'), show: (v) => text(v.owner.email) },
    { key: 'owner.address', label: w('address'), show: (v) => v.owner.address },
    { key: 'submitter', label: t('submitter'), show: (v) => (v.submitter ? [v.submitter.fullName, v.submitter.idNumber, v.submitter.phone].filter(Boolean).join(' · ') : t('submitterSame')) },
    { key: 'resultDelivery', label: t('delivery'), show: (v) => (v.resultDelivery.method === 'post' ? t('deliveryPost', { address: v.resultDelivery.address }) : t('deliveryCounter')) },
    { key: 'documents', label: w('documents'), show: (v) => <ul>{v.documents.map((d) => <li key={d.code}>{t('documentCounts', { ...d })}</li>)}</ul> },
    { key: 'sets', label: t('sets'), show: (v) => v.sets },
    { key: 'notes', label: t('notes'), show: (v) => text(v.notes) },
  ];
  const differs = new Set(details.differences);

  return (
    <Modal label={t('title')} onClose={onClose} className="intake-key-conflict">
      <header><h2>{t('title')}</h2></header>
      <p>{t('explain', { code: details.code, at: formatDateTime(details.receivedAt) })}</p>
      <table className="compare" data-testid="intake-key-conflict">
        <thead>
          <tr><th>{t('field')}</th><th>{t('stored', { code: details.code })}</th><th>{t('submitted')}</th></tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const changed = differs.has(row.key);
            const cell = (v: IntakeVersion) => (changed ? <mark>{row.show(v)}</mark> : row.show(v));
            return (
              <tr key={row.key} data-field={row.key} data-differs={changed ? 'yes' : undefined}>
                <th scope="row">{changed ? <strong>{row.label}</strong> : row.label}</th>
                <td>{cell(details.stored)}</td>
                <td>{cell(details.submitted)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {message && <p className="banner error" role="alert">{message}</p>}
      <footer>
        <button type="button" onClick={() => void keepStored()} disabled={busy} title={t('keepStoredHint', { code: details.code })} autoFocus>{t('keepStored')}</button>
        <button type="button" className="primary" onClick={() => void saveAsNew()} disabled={busy} title={t('saveAsNewHint', { code: details.code })}>{busy ? t('working') : t('saveAsNew')}</button>
        <span className="spacer" />
        <button type="button" onClick={onClose} disabled={busy}>{w('close')} (Esc)</button>
      </footer>
      <p className="muted">{t('keepStoredHint', { code: details.code })} {t('saveAsNewHint', { code: details.code })}</p>
    </Modal>
  );
}

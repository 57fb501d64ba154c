import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { formatAppointment } from '../../../../main/core/format';
import type { DossierView } from '../../../../main/contract/schemas';
import { pathOf } from '../../app/paths';
import { useLang, useMessages } from '../../common/i18n/i18n';
import { useStation } from '../../common/station';
import { SlipPreview } from './SlipPreview';
import { ScanDocuments } from '../scanning/ScanDocuments';
import { DossierFees } from '../fees/DossierFees';
import { intakeWords } from './messages';

/** Right after Ctrl+S: the code and the appointment to tell the citizen, the slip (Ctrl+P), the scans. */
export function SavedDossier({ dossier }: { dossier: DossierView }) {
  const t = useMessages(intakeWords);
  const lang = useLang();
  const settings = useStation('settings.get', {});
  const [preview, setPreview] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'p') { e.preventDefault(); setPreview(true); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section className="saved" aria-live="polite">
      <h1>{t('saved')}</h1>
      <dl className="receipt-summary">
        <dt>{t('dossierCode')}</dt><dd className="dossier-code" data-testid="saved-code">{dossier.code}</dd>
        <dt>{t('owner')}</dt><dd>{dossier.owner.fullName}</dd>
        <dt>{t('procedure')}</dt><dd>{dossier.procedureName}</dd>
        <dt>{t('receivedAt')}</dt><dd>{formatAppointment(dossier.receivedAt, lang)}</dd>
        <dt>{t('appointment')}</dt><dd className="appointment-at" data-testid="saved-appointment">{formatAppointment(dossier.appointmentAt, lang)}</dd>
      </dl>
      <div className="actions">
        <button type="button" className="primary" autoFocus onClick={() => setPreview(true)}>{t('printSlip')} (Ctrl+P)</button>
        <button type="button" onClick={() => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F2' }))}>{t('newDossier')} (F2)</button>
        <Link className="button" href={pathOf('dossier', { code: dossier.code })} state={{ from: 'intake' }}>{t('openDossier')}</Link>
      </div>
      <DossierFees code={dossier.code} />
      <ScanDocuments dossierCode={dossier.code} documents={dossier.documents} />
      {preview && <SlipPreview code={dossier.code} defaultPaper={settings.data?.station.slipPaper ?? 'A4'} onClose={() => setPreview(false)} />}
    </section>
  );
}

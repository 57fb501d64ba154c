import { useState } from 'react';
import { formatAppointment } from '../../../../main/core/format';
import { statusNames } from '../../../../main/core/messages';
import { useLang, useMessages } from '../../shared/i18n/i18n';
import { useStation } from '../../shared/station';
import { Modal } from '../../shared/ui/Modal';
import { SlipPreview } from '../intake/SlipPreview';
import { ScanDocuments } from '../scanning/ScanDocuments';
import { logbookWords } from './messages';

/** One dossier over the log book (Esc closes it; focus goes back to its row). */
export function DossierDialog({ code, onClose }: { code: string; onClose: () => void }) {
  const t = useMessages(logbookWords);
  const lang = useLang();
  const dossier = useStation('dossier.get', { code });
  const settings = useStation('settings.get', {});
  const [preview, setPreview] = useState(false);
  const d = dossier.data;
  return (
    <Modal label={code} onClose={onClose}>
      <header><h2>{t('code')} {code}</h2></header>
      {d ? (
        <>
          <dl className="receipt-summary">
            <dt>{t('owner')}</dt><dd>{d.owner.fullName} · {d.owner.idNumber} · {d.owner.phone}</dd>
            <dt>{t('procedure')}</dt><dd>{d.procedureCode} · {d.procedureName}</dd>
            <dt>{t('receivedAt')}</dt><dd>{formatAppointment(d.receivedAt, lang)}</dd>
            <dt>{t('appointment')}</dt><dd>{formatAppointment(d.appointmentAt, lang)}</dd>
            <dt>{t('status')}</dt><dd>{statusNames[d.status as keyof typeof statusNames]?.[lang] ?? d.status}</dd>
          </dl>
          <ScanDocuments dossierCode={d.code} documents={d.documents} withCounts />
        </>
      ) : <p className="muted">…</p>}
      <footer>
        <span className="spacer" />
        <button type="button" className="primary" autoFocus onClick={() => setPreview(true)}>{t('printSlip')}</button>
        <button type="button" onClick={onClose}>{t('close')} (Esc)</button>
      </footer>
      {preview && <SlipPreview code={code} defaultPaper={settings.data?.station.slipPaper ?? 'A4'} onClose={() => setPreview(false)} />}
    </Modal>
  );
}

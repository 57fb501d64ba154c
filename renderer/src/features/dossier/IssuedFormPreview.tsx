import { useState } from 'react';
import type { ChannelOutput } from '../../../../main/contract/channels';
import { useMessages } from '../../common/i18n/i18n';
import { usePdfUrl } from '../../common/pdf';
import { usePrinting } from '../../common/printing';
import { PrinterChoice } from '../../common/ui/PrinterChoice';
import { call, errorMessage, useStation } from '../../common/station';
import { Modal } from '../../common/ui/Modal';
import { useReturnFocus } from './fields';
import { lifeWords } from './life-messages';

export type IssuedForm = ChannelOutput<'dossier.timeline'>['forms'][number];

/** "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ · Số 02/2026/T01-0001". */
export function formLabel(form: Pick<IssuedForm, 'title' | 'number'>): string {
  return form.number ? `${form.title} · ${form.number}` : form.title;
}

/**
 * An issued form (Mẫu 02–05, the handover note) as the citizen will get it: the PDF to look at,
 * then print (Enter) on the station's printer, or — where the host has none — opened to be
 * printed from the viewer. The station keeps each form's data, so a reprint is the same paper;
 * every PDF made and every print is recorded with the officer.
 */
export function IssuedFormPreview({ form, notice, onClose }: {
  form: Pick<IssuedForm, 'id' | 'title' | 'number'>;
  /** What just happened, said above the preview ("Đã lập Mẫu 02 …"). */
  notice?: string | undefined;
  onClose: () => void;
}) {
  const t = useMessages(lifeWords);
  useReturnFocus();
  const pdf = useStation('lifecycle.formPdf', { formId: form.id });
  const url = usePdfUrl(pdf.data?.base64);
  const { printers, printer, setPrinter, print, printing, message } = usePrinting((printer) => call('lifecycle.formPrint', { formId: form.id, printer, copies }), url);
  const [copies, setCopies] = useState(1);



  const label = formLabel(form);
  return (
    <Modal label={label} onClose={onClose} className="slip-preview issued-form" backdropClassName="over">
      <header>
        <h2>{label}</h2>
        <label>
          {t('paperCopies')}{' '}
          <select value={copies} onChange={(e) => setCopies(Number(e.target.value))}>
            {[1, 2, 3, 4, 5].map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <PrinterChoice label={t('printer')} printers={printers} printer={printer} setPrinter={setPrinter} />
      </header>
      {notice ? <p className="banner ok" role="status" data-testid="issued-notice">{notice}</p> : null}
      {url ? <iframe title={pdf.data?.fileName ?? label} src={url} className="pdf" /> : <div className="pdf loading">{pdf.error ? errorMessage(pdf.error) : '…'}</div>}
      {message ? <p className="notice" role="status">{message}</p> : null}
      <footer>
        {url ? <a href={url} download={pdf.data?.fileName} className="button">{t('openPdf')}</a> : null}
        <span className="spacer" />
        <button type="button" className="primary" autoFocus onClick={() => void print()} disabled={printing}>{t('print')} (Enter)</button>
        <button type="button" onClick={onClose}>{t('close')} (Esc)</button>
      </footer>
    </Modal>
  );
}

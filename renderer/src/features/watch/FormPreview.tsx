import { useMessages } from '../../common/i18n/i18n';
import { usePdfUrl } from '../../common/pdf';
import { usePrinting } from '../../common/printing';
import { call, errorMessage, useStation } from '../../common/station';
import { watchWords } from './messages';

/**
 * An issued form (Mẫu 04 here) as the citizen will get it: the preview, then print (Enter) on
 * the station's printer, or — where the host has none — the PDF opened to print from the viewer.
 * The station records every print.
 */
export function FormPreview({ formId, title, fileTitle }: { formId: number; title: string; fileTitle: string }) {
  const t = useMessages(watchWords);
  const pdf = useStation('lifecycle.formPdf', { formId });
  const url = usePdfUrl(pdf.data?.base64);
  const { printers, printer, setPrinter, print, printing, message } = usePrinting((printer) => call('lifecycle.formPrint', { formId, printer, copies: 1 }), url);



  return (
    <div className="form-preview">
      {url ? <iframe title={title} src={url} className="pdf" /> : <div className="pdf loading">{pdf.error ? errorMessage(pdf.error) : '…'}</div>}
      {message ? <p className="notice" role="status">{message}</p> : null}
      <footer>
        {url ? <a href={url} download={`${fileTitle.normalize('NFC')}.pdf`} className="button">{t('savePdf')}</a> : null}
        {printers && printers.length > 1 ? (
          <select aria-label={t('print')} value={printer} onChange={(e) => setPrinter(e.target.value)}>
            {printers.map((p) => <option key={p.name} value={p.name}>{p.displayName}</option>)}
          </select>
        ) : null}
        <span className="spacer" />
        <button type="button" className="primary" autoFocus onClick={() => void print()} disabled={printing || !url}>{t('print')} (Enter)</button>
      </footer>
    </div>
  );
}

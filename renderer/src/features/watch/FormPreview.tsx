import { useEffect, useState } from 'react';
import { useMessages } from '../../common/i18n/i18n';
import { usePdfUrl } from '../../common/pdf';
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
  const info = useStation('app.info', {});
  const canPrint = info.data?.canPrint ?? false;
  const printers = useStation('printers.list', {}, { enabled: canPrint });
  const [printer, setPrinter] = useState('');
  const [message, setMessage] = useState('');
  const [printing, setPrinting] = useState(false);

  useEffect(() => {
    if (printer || !printers.data) return;
    setPrinter(printers.data.find((p) => p.isDefault)?.name ?? printers.data[0]?.name ?? '');
  }, [printers.data, printer]);

  const print = async () => {
    if (printing) return;
    if (!canPrint || !printer) {
      if (url) window.open(url, '_blank');
      setMessage(t('noPrinter'));
      return;
    }
    setPrinting(true);
    setMessage(t('printing'));
    try {
      const r = await call('lifecycle.formPrint', { formId, printer, copies: 1 });
      setMessage(t('printed', { printer: printers.data?.find((p) => p.name === (r.printer || printer))?.displayName ?? (r.printer || printer) }));
    } catch (e) {
      setMessage(errorMessage(e));
    } finally {
      setPrinting(false);
    }
  };

  return (
    <div className="form-preview">
      {url ? <iframe title={title} src={url} className="pdf" /> : <div className="pdf loading">{pdf.error ? errorMessage(pdf.error) : '…'}</div>}
      {message ? <p className="notice" role="status">{message}</p> : null}
      <footer>
        {url ? <a href={url} download={`${fileTitle.normalize('NFC')}.pdf`} className="button">{t('savePdf')}</a> : null}
        {printers.data && printers.data.length > 1 ? (
          <select aria-label={t('print')} value={printer} onChange={(e) => setPrinter(e.target.value)}>
            {printers.data.map((p) => <option key={p.name} value={p.name}>{p.displayName}</option>)}
          </select>
        ) : null}
        <span className="spacer" />
        <button type="button" className="primary" autoFocus onClick={() => void print()} disabled={printing || !url}>{t('print')} (Enter)</button>
      </footer>
    </div>
  );
}

import { useEffect, useState } from 'react';
import { formatDate } from '../../../../main/core/format';
import { useMessages, type Translate } from '../../common/i18n/i18n';
import { call, errorMessage, fieldErrors } from '../../common/station';
import { DateField } from '../../common/ui/DateField';
import { Modal } from '../../common/ui/Modal';
import { fileObjectUrl, PDF_TYPE, useFileUrl, vietnameseFileName, XLSX_TYPE } from '../reports/files';
import { logbookExportWords } from './exportWords';

const periodText = (t: Translate<typeof logbookExportWords>, from: string, to: string) =>
  from === to ? t('day', { day: formatDate(from) }) : t('period', { from: formatDate(from), to: formatDate(to) });

/**
 * The log book of a day or of several (Mẫu 06) as the PDF to print (previewed first) or as an
 * Excel workbook. The station's refusals (a reversed or empty period) land on their date field;
 * the dates typed stay.
 */
export function LogbookExport({ day }: { day: string }) {
  const t = useMessages(logbookExportWords);
  const [from, setFrom] = useState(day);
  const [to, setTo] = useState(day);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const [pdf, setPdf] = useState<{ base64: string; name: string } | null>(null);
  const [xlsx, setXlsx] = useState<{ url: string; name: string } | null>(null);
  const pdfUrl = useFileUrl(pdf?.base64, PDF_TYPE);

  // Until the officer types dates of their own, the export follows the day the log book shows.
  useEffect(() => { if (!touched) { setFrom(day); setTo(day); } }, [day, touched]);
  useEffect(() => () => { if (xlsx) URL.revokeObjectURL(xlsx.url); }, [xlsx]);

  const make = async (format: 'pdf' | 'xlsx') => {
    if (busy) return;
    setBusy(true);
    setMessage({ text: t('working'), failed: false });
    try {
      const answer = format === 'pdf' ? await call('logbook.pdf', { from, to }) : await call('logbook.xlsx', { from, to });
      setErrors({});
      const name = vietnameseFileName(t('fileTitle', { period: periodText(t, from, to) }), format);
      if (format === 'pdf') {
        setPdf({ base64: answer.base64, name });
        setMessage({ text: t('madePdf', { period: periodText(t, from, to), lines: answer.lines }), failed: false });
      } else {
        const url = fileObjectUrl(answer.base64, XLSX_TYPE);
        setXlsx({ url, name });
        const a = document.createElement('a');
        a.href = url;
        a.download = name;
        a.click();
        setMessage({ text: t('madeXlsx', { name, lines: answer.lines }), failed: false });
      }
    } catch (e) {
      const fields = fieldErrors(e);
      setErrors(fields);
      setMessage(fields.from || fields.to ? null : { text: errorMessage(e), failed: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="logbook-export">
      <legend>{t('legend')}</legend>
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void make('pdf'); }}>
        <DateField className="inline" label={t('from')} name="export.from" value={from} error={errors.from} onChange={(v) => { setTouched(true); setFrom(v); }} />
        <DateField className="inline" label={t('to')} name="export.to" value={to} error={errors.to} onChange={(v) => { setTouched(true); setTo(v); }} />
        <button type="submit" disabled={busy}>{t('pdf')}</button>
        <button type="button" disabled={busy} onClick={() => void make('xlsx')}>{t('xlsx')}</button>
        {xlsx ? <a className="file-link" href={xlsx.url} download={xlsx.name}>{xlsx.name}</a> : null}
      </form>
      {message ? <p className={message.failed ? 'banner error' : 'notice'} role="status">{message.text}</p> : null}
      {pdf && pdfUrl ? (
        <Modal label={t('preview')} onClose={() => setPdf(null)} className="report-preview">
          <header><h2>{t('preview')} — {periodText(t, from, to)}</h2></header>
          <iframe title={t('preview')} src={pdfUrl} className="pdf" />
          <footer>
            <a className="button" href={pdfUrl} download={pdf.name}>{t('savePdf')}</a>
            <span className="spacer" />
            <button type="button" autoFocus onClick={() => setPdf(null)}>{t('close')} (Esc)</button>
          </footer>
        </Modal>
      ) : null}
    </fieldset>
  );
}

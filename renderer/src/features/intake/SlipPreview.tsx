import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useMessages } from '../../common/i18n/i18n';
import { usePdfUrl } from '../../common/pdf';
import { usePrinting } from '../../common/printing';
import { PrinterChoice } from '../../common/ui/PrinterChoice';
import { call, errorMessage, useStation } from '../../common/station';
import { Modal } from '../../common/ui/Modal';
import { SignSlipButton } from '../signing/SignSlipButton';
import { intakeWords } from './messages';

type Paper = 'A4' | 'A5';

/**
 * The appointment slip as the citizen will get it: a preview to look at, then print (Enter).
 * Printing goes to a printer where the host has one (Electron, CUPS); otherwise the PDF opens
 * to be printed from the viewer. Printing does not wait for the preview: the station renders
 * the slip it prints itself.
 */
export function SlipPreview({ code, defaultPaper, onClose }: { code: string; defaultPaper: Paper; onClose: () => void }) {
  const t = useMessages(intakeWords);
  const client = useQueryClient();
  const [paper, setPaper] = useState<Paper>(defaultPaper);
  // The station's own paper is asked for without naming it: the same answer intake prepared right after saving.
  const input = paper === defaultPaper ? { code } : { code, paper };
  const slip = useStation('slip.pdf', input);
  const url = usePdfUrl(slip.data?.base64);
  const { printers, printer, setPrinter, print, printing, message } = usePrinting((printer) => call('slip.print', { ...input, printer }), url);
  const printButton = useRef<HTMLButtonElement>(null);

  // A slip is never shown from an old answer: the dossier may have been corrected since (the
  // station's dossier.changed does not name slip.pdf).
  useEffect(() => () => client.removeQueries({ queryKey: ['slip.pdf'], predicate: (q) => (q.queryKey[1] as { code?: string } | undefined)?.code === code }), [client, code]);


  return (
    <Modal label={t('previewSlip')} onClose={onClose} className="slip-preview">
      <header>
        <h2>{t('previewSlip')} · {code}</h2>
        <label>
          {t('paper')}{' '}
          <select value={paper} onChange={(e) => setPaper(e.target.value as Paper)}>
            <option value="A4">A4</option>
            <option value="A5">A5</option>
          </select>
        </label>
        <PrinterChoice label={t('printer')} printers={printers} printer={printer} setPrinter={setPrinter} />
      </header>
      {url ? <iframe title={slip.data?.fileName ?? code} src={url} className="pdf" /> : <div className="pdf loading">{slip.error ? errorMessage(slip.error) : '…'}</div>}
      {message ? <p className="notice" role="status">{message}</p> : null}
      <footer>
        {url ? <a href={url} download={slip.data?.fileName} className="button">{t('openPdf')}</a> : null}
        <span className="spacer" />
        <SignSlipButton code={code} />
        <button ref={printButton} type="button" className="primary" autoFocus onClick={() => void print()} disabled={printing}>{t('print')} (Enter)</button>
        <button type="button" onClick={onClose}>{t('close')} (Esc)</button>
      </footer>
    </Modal>
  );
}

import { useEffect, useRef, useState } from 'react';
import { call, errorMessage } from '../station';
import { useT } from '../i18n';
import { PinSignButton } from './PinDialog';
import type { ChannelOutput } from '../../../main/contract/channels';

function pdfUrl(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}

/**
 * The appointment slip as the citizen will get it: a preview to look at, then print. Printing
 * goes to a printer where the host has one (Electron, CUPS); otherwise the PDF opens to be
 * printed from the viewer.
 */
export function SlipPreview({ code, defaultPaper, canPrint, onClose }: {
  code: string;
  defaultPaper: 'A4' | 'A5';
  canPrint: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const [paper, setPaper] = useState(defaultPaper);
  const [url, setUrl] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [printers, setPrinters] = useState<ChannelOutput<'printers.list'>>([]);
  const [printer, setPrinter] = useState('');
  const [message, setMessage] = useState('');
  const printButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let current: string | null = null;
    void call('slip.pdf', { code, paper })
      .then((r) => { current = pdfUrl(r.base64); setUrl(current); setFileName(r.fileName); })
      .catch((e) => setMessage(errorMessage(e)));
    return () => { if (current) URL.revokeObjectURL(current); };
  }, [code, paper]);

  useEffect(() => {
    if (!canPrint) return;
    void call('printers.list', {}).then((list) => {
      setPrinters(list);
      setPrinter(list.find((p) => p.isDefault)?.name ?? list[0]?.name ?? '');
    });
  }, [canPrint]);

  useEffect(() => { printButton.current?.focus(); }, [url]);

  const print = async () => {
    if (!printer) {
      if (url) window.open(url, '_blank');
      setMessage(t('noPrinter'));
      return;
    }
    try {
      const r = await call('slip.print', { code, paper, printer });
      setMessage(`${t('printed')} ${r.printer || printer}.`);
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };

  return (
    <div className="modal-backdrop" onKeyDown={(e) => { if (e.key === 'Escape') onClose(); }}>
      <div className="modal slip-preview" role="dialog" aria-modal="true" aria-label={t('previewSlip')}>
        <header>
          <h2>{t('previewSlip')} · {code}</h2>
          <label>
            {t('paper')}{' '}
            <select value={paper} onChange={(e) => setPaper(e.target.value as 'A4' | 'A5')}>
              <option value="A4">A4</option>
              <option value="A5">A5</option>
            </select>
          </label>
          {printers.length > 0 && (
            <label>
              {t('printer')}{' '}
              <select value={printer} onChange={(e) => setPrinter(e.target.value)}>
                {printers.map((p) => <option key={p.name} value={p.name}>{p.displayName}</option>)}
              </select>
            </label>
          )}
        </header>
        {url ? <iframe title={fileName} src={url} className="pdf" /> : <div className="pdf loading">…</div>}
        {message ? <p className="notice" role="status">{message}</p> : null}
        <footer>
          {url ? <a href={url} download={fileName} className="button">{t('openPdf')}</a> : null}
          <span className="spacer" />
          <PinSignButton code={code} />
          <button ref={printButton} className="primary" onClick={() => void print()} disabled={!url}>{t('print')} (Enter)</button>
          <button onClick={onClose}>{t('close')} (Esc)</button>
        </footer>
      </div>
    </div>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { call, errorMessage } from '../station';
import { ScanPanel } from './ScanPanel';
import { formatBytes, useScanText } from './ScanText';
import type { StoredScan } from '../../../main/contract/scanning-channels';
import './ScanPanel.css';

function pdfUrl(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}

/**
 * The documents of a saved dossier with their scans: "Quét" per document opens the scan dialog,
 * "Xem PDF" shows what is stored. Mounted in the dossier view of the log book and after intake.
 */
export function ScanDocuments({ dossierCode, documents }: { dossierCode: string; documents: ReadonlyArray<{ code: string; name: string }> }) {
  const t = useScanText();
  const [scans, setScans] = useState<Record<string, StoredScan>>({});
  const [scanning, setScanning] = useState<string | null>(null);
  const [viewing, setViewing] = useState<{ url: string; name: string } | null>(null);
  const [message, setMessage] = useState('');

  const reload = useCallback(async () => {
    try {
      const list = await call('scan.documents', { dossierCode });
      setScans(Object.fromEntries(list.map((s) => [s.documentCode, s])));
    } catch (e) {
      setMessage(errorMessage(e));
    }
  }, [dossierCode]);
  useEffect(() => { void reload(); }, [reload]);
  useEffect(() => () => { if (viewing) URL.revokeObjectURL(viewing.url); }, [viewing]);

  const view = async (code: string, name: string) => {
    try {
      const pdf = await call('scan.pdf', { dossierCode, documentCode: code });
      setViewing({ url: pdfUrl(pdf.base64), name });
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };

  const current = documents.find((d) => d.code === scanning);
  return (
    <section className="scan-documents" aria-label={t('scannedDocs')}>
      <h3>{t('scannedDocs')}</h3>
      <p className="muted">{t('scanHint')}</p>
      <table>
        <tbody>
          {documents.map((d) => {
            const s = scans[d.code];
            return (
              <tr key={d.code} data-testid={`scan-row-${d.code}`}>
                <td>{d.name}</td>
                <td className="scan-state">{s ? t('scannedSummary', { pages: s.pages, size: formatBytes(s.bytes) }) : <span className="muted">{t('notScanned')}</span>}</td>
                <td className="scan-actions">
                  <button type="button" onClick={() => { setMessage(''); setScanning(d.code); }}>{t('scan')}</button>
                  {s ? <button type="button" onClick={() => void view(d.code, d.name)}>{t('viewPdf')}</button> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {message ? <p className="banner error" role="alert">{message}</p> : null}
      {current ? (
        <ScanPanel
          target={{ kind: 'document', dossierCode, documentCode: current.code }}
          onClose={(saved) => {
            setScanning(null);
            if (saved) {
              setMessage('');
              void reload();
            }
          }}
        />
      ) : null}
      {viewing ? (
        <div className="modal-backdrop scan-backdrop" onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); setViewing(null); } }}>
          <div className="modal slip-preview" role="dialog" aria-modal="true" aria-label={viewing.name}>
            <header><h2>{viewing.name}</h2></header>
            <iframe title={viewing.name} src={viewing.url} className="pdf" />
            <footer>
              <span className="spacer" />
              <button type="button" autoFocus onClick={() => setViewing(null)}>{t('close')} (Esc)</button>
            </footer>
          </div>
        </div>
      ) : null}
    </section>
  );
}

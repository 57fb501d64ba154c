import { useCallback, useEffect, useState } from 'react';
import { call, errorMessage } from '../station';
import { ScanPanel } from './ScanPanel';
import { ScanSignDialog, useScanSignText, VerdictLine, type Verification } from './ScanSignDialog';
import { formatBytes, useScanText } from './ScanText';
import type { StoredScan } from '../../../main/contract/scanning-channels';
import './ScanPanel.css';

function pdfUrl(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}

/**
 * The documents of a saved dossier with their scans: "Quét" per document opens the scan dialog,
 * "Xem PDF" shows what is stored, and — when the agency signs — "Ký số" signs the stored scan
 * with the officer's token (the row then shows "Đã ký số" and the verification). Mounted in the
 * dossier view of the log book and after intake.
 */
export function ScanDocuments({ dossierCode, documents }: { dossierCode: string; documents: ReadonlyArray<{ code: string; name: string }> }) {
  const t = useScanText();
  const [scans, setScans] = useState<Record<string, StoredScan>>({});
  const [scanning, setScanning] = useState<string | null>(null);
  const [viewing, setViewing] = useState<{ url: string; name: string } | null>(null);
  const [message, setMessage] = useState('');
  const sign = useScanSignText();
  const [signingEnabled, setSigningEnabled] = useState(false);
  /** Document code → id of the signed file that is its current scan. */
  const [signedFiles, setSignedFiles] = useState<Record<string, number>>({});
  const [signingDoc, setSigningDoc] = useState<string | null>(null);
  /** Document code → the verification of its signed scan, once signed or checked here. */
  const [verdicts, setVerdicts] = useState<Record<string, { fileId: number; report: Verification }>>({});
  const [checking, setChecking] = useState<string | null>(null);

  useEffect(() => { void call('signing.config', {}).then((c) => setSigningEnabled(c.enabled)).catch(() => setSigningEnabled(false)); }, []);

  const reload = useCallback(async () => {
    try {
      const list = await call('scan.documents', { dossierCode });
      setScans(Object.fromEntries(list.map((s) => [s.documentCode, s])));
      const signed = await call('signing.signedScans', { code: dossierCode });
      setSignedFiles(Object.fromEntries(signed.map((x) => [x.documentCode, x.file.id])));
    } catch (e) {
      setMessage(errorMessage(e));
    }
  }, [dossierCode]);
  useEffect(() => { void reload(); }, [reload]);

  const check = async (code: string, fileId: number) => {
    setChecking(code);
    try {
      const report = await call('signing.verify', { id: fileId });
      setVerdicts((v) => ({ ...v, [code]: { fileId, report } }));
    } catch (e) {
      setMessage(errorMessage(e));
    } finally {
      setChecking(null);
    }
  };
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
  const toSign = documents.find((d) => d.code === signingDoc);
  return (
    <section className="scan-documents" aria-label={t('scannedDocs')}>
      <h3>{t('scannedDocs')}</h3>
      <p className="muted">{t('scanHint')}</p>
      <table>
        <tbody>
          {documents.map((d) => {
            const s = scans[d.code];
            // Signed: the document's current scan is a signed file (a rescan is not, until signed again).
            const signedId = s && signedFiles[d.code] === s.fileId ? s.fileId : undefined;
            const verdict = signedId !== undefined && verdicts[d.code]?.fileId === signedId ? verdicts[d.code]!.report : undefined;
            return (
              <tr key={d.code} data-testid={`scan-row-${d.code}`}>
                <td>{d.name}</td>
                <td className="scan-state">
                  {s ? t('scannedSummary', { pages: s.pages, size: formatBytes(s.bytes) }) : <span className="muted">{t('notScanned')}</span>}
                  {signedId !== undefined ? <> · <strong className="scan-signed" data-testid={`scan-signed-${d.code}`} style={{ color: 'var(--ok)' }}>✓ {sign('signed')}</strong></> : null}
                  {verdict ? <> · <VerdictLine report={verdict} /></> : null}
                </td>
                <td className="scan-actions">
                  <button type="button" onClick={() => { setMessage(''); setScanning(d.code); }}>{t('scan')}</button>
                  {s ? <button type="button" onClick={() => void view(d.code, d.name)}>{t('viewPdf')}</button> : null}
                  {s && signingEnabled ? (
                    <button type="button" data-testid={`sign-scan-${d.code}`} onClick={() => { setMessage(''); setSigningDoc(d.code); }}>{sign('signScan')}</button>
                  ) : null}
                  {signedId !== undefined && !verdict ? (
                    <button type="button" disabled={checking === d.code} onClick={() => void check(d.code, signedId)}>{checking === d.code ? sign('checking') : sign('check')}</button>
                  ) : null}
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
      {toSign ? (
        <ScanSignDialog
          dossierCode={dossierCode}
          documentCode={toSign.code}
          documentName={toSign.name}
          onSigned={(signed) => {
            setVerdicts((v) => ({ ...v, [signed.documentCode]: { fileId: signed.file.id, report: signed.verification } }));
            void reload();
          }}
          onClose={() => setSigningDoc(null)}
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

import { useState } from 'react';
import { useMessages } from '../../common/i18n/i18n';
import { usePdfUrl } from '../../common/pdf';
import { VerdictLine, type Verification } from '../../common/signing/CertificateCard';
import { call, errorMessage, useInvalidate, useStation } from '../../common/station';
import { formatDateTime } from '../../../../main/core/format';
import { Modal } from '../../common/ui/Modal';
import { formatBytes } from './bytes';
import { scanWords } from './messages';
import { ScanPanel } from './ScanPanel';
import { ScanSignDialog } from './ScanSignDialog';
import './scan.css';

type Document = Readonly<{ code: string; name: string; originals?: number; certifiedCopies?: number; copies?: number }>;

/**
 * The documents of a saved dossier with their scans: "Quét" per document opens the scan dialog,
 * "Xem PDF" shows what is stored, and — when the agency signs — "Ký số" signs the stored scan
 * with the officer's token (the row then shows "Đã ký số" and the verification). With
 * `withCounts` (the dossier page) each row also says how many originals and copies were received.
 * The rows follow the station's events: a scan saved or signed anywhere shows here.
 */
export function ScanDocuments({ dossierCode, documents, withCounts = false }: { dossierCode: string; documents: readonly Document[]; withCounts?: boolean }) {
  const t = useMessages(scanWords);
  const scans = useStation('scan.documents', { dossierCode });
  const signed = useStation('signing.signedScans', { code: dossierCode });
  const config = useStation('signing.config', {});
  const unfinished = useStation('scan.unfinished', { dossierCode });
  const invalidate = useInvalidate();
  const [scanning, setScanning] = useState<string | null>(null);
  /** The unfinished session being carried on in the dialog (scanning names its document). */
  const [resuming, setResuming] = useState<string | null>(null);
  const [viewing, setViewing] = useState<{ code: string; name: string } | null>(null);
  const [signingDoc, setSigningDoc] = useState<string | null>(null);
  /** Document code → the verification of its signed scan, once signed or checked here. */
  const [verdicts, setVerdicts] = useState<Record<string, { fileId: number; report: Verification }>>({});
  const [checking, setChecking] = useState<string | null>(null);
  const [message, setMessage] = useState('');

  const byDocument = Object.fromEntries((scans.data ?? []).map((s) => [s.documentCode, s]));
  const signedFiles = Object.fromEntries((signed.data ?? []).map((x) => [x.documentCode, x.file.id]));
  const signingEnabled = config.data?.enabled ?? false;

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

  /** Discards an unfinished session, or dismisses the notice of one removed. */
  const discard = async (sessionId: string) => {
    try {
      await call('scan.close', { sessionId });
    } catch (e) {
      setMessage(errorMessage(e));
    }
    await invalidate('scan.unfinished');
  };
  const offers = unfinished.data ?? { sessions: [], ended: [] };

  const current = documents.find((d) => d.code === scanning);
  const toSign = documents.find((d) => d.code === signingDoc);
  const failure = scans.error ?? signed.error ?? unfinished.error;
  return (
    <section className="scan-documents" aria-label={t('scannedDocs')}>
      {withCounts ? null : <h3>{t('scannedDocs')}</h3>}
      <p className="muted">{t('scanHint')}</p>
      {offers.sessions.length + offers.ended.length > 0 ? (
        <div className="banner warn" role="status" data-testid="scan-unfinished">
          <p><strong>{t('unfinishedTitle')}</strong></p>
          <ul>
            {offers.sessions.map((u) => (
              <li key={u.sessionId}>
                {t('unfinishedLine', { document: u.documentName, pages: u.pages, at: formatDateTime(u.lastUsedAt) })} {u.scanning ? t('unfinishedScanning') : null}{' '}
                <button type="button" onClick={() => { setMessage(''); setResuming(u.sessionId); setScanning(u.documentCode); }}>{t('resume')}</button>{' '}
                <button type="button" disabled={u.scanning} onClick={() => void discard(u.sessionId)}>{t('discardPages')}</button>
              </li>
            ))}
            {offers.ended.map((e) => (
              <li key={e.sessionId}>
                {e.message} <button type="button" onClick={() => void discard(e.sessionId)}>{t('understood')}</button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <table>
        {withCounts ? (
          <thead>
            <tr><th>{t('docName')}</th><th className="count">{t('originals')}</th><th className="count">{t('certifiedCopies')}</th><th className="count">{t('copies')}</th><th>{t('scanColumn')}</th><th /></tr>
          </thead>
        ) : null}
        <tbody>
          {documents.map((d) => {
            const s = byDocument[d.code];
            // Signed: the document's current scan is a signed file (a rescan is not, until signed again).
            const signedId = s && signedFiles[d.code] === s.fileId ? s.fileId : undefined;
            const verdict = signedId !== undefined && verdicts[d.code]?.fileId === signedId ? verdicts[d.code]!.report : undefined;
            return (
              <tr key={d.code} data-testid={`scan-row-${d.code}`}>
                <td>{d.name}</td>
                {withCounts ? (
                  <>
                    <td className="count" data-label={t('originals')}>{d.originals ?? 0}</td>
                    <td className="count" data-label={t('certifiedCopies')}>{d.certifiedCopies ?? 0}</td>
                    <td className="count" data-label={t('copies')}>{d.copies ?? 0}</td>
                  </>
                ) : null}
                <td className="scan-state">
                  {s ? t('scannedSummary', { pages: s.pages, size: formatBytes(s.bytes) }) : <span className="muted">{t('notScanned')}</span>}
                  {signedId !== undefined ? <> · <strong className="scan-signed" data-testid={`scan-signed-${d.code}`}>✓ {t('signed')}</strong></> : null}
                  {verdict ? <> · <VerdictLine report={verdict} /></> : null}
                </td>
                <td className="scan-actions">
                  <button type="button" onClick={() => { setMessage(''); setResuming(null); setScanning(d.code); }}>{t('scan')}</button>
                  {s ? <button type="button" onClick={() => setViewing({ code: d.code, name: d.name })}>{t('viewPdf')}</button> : null}
                  {s && signingEnabled ? (
                    <button type="button" data-testid={`sign-scan-${d.code}`} onClick={() => { setMessage(''); setSigningDoc(d.code); }}>{t('signScan')}</button>
                  ) : null}
                  {signedId !== undefined && !verdict ? (
                    <button type="button" disabled={checking === d.code} onClick={() => void check(d.code, signedId)}>{checking === d.code ? t('checking') : t('check')}</button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {message || failure ? <p className="banner error" role="alert">{message || errorMessage(failure)}</p> : null}
      {current ? (
        <ScanPanel
          key={resuming ?? 'new'}
          target={{ kind: 'document', dossierCode, documentCode: current.code }}
          {...(resuming ? { resumeSessionId: resuming } : {})}
          onClose={() => { setScanning(null); setResuming(null); void invalidate('scan.unfinished'); }}
        />
      ) : null}
      {toSign ? (
        <ScanSignDialog
          dossierCode={dossierCode}
          documentCode={toSign.code}
          documentName={toSign.name}
          onSigned={(result) => setVerdicts((v) => ({ ...v, [result.documentCode]: { fileId: result.file.id, report: result.verification } }))}
          onClose={() => setSigningDoc(null)}
        />
      ) : null}
      {viewing ? <StoredScanViewer dossierCode={dossierCode} documentCode={viewing.code} name={viewing.name} onClose={() => setViewing(null)} /> : null}
    </section>
  );
}

function StoredScanViewer({ dossierCode, documentCode, name, onClose }: { dossierCode: string; documentCode: string; name: string; onClose: () => void }) {
  const t = useMessages(scanWords);
  const pdf = useStation('scan.pdf', { dossierCode, documentCode }, { staleTime: 0, gcTime: 0 });
  const url = usePdfUrl(pdf.data?.base64);
  return (
    <Modal label={name} onClose={onClose} className="slip-preview" backdropClassName="scan-backdrop">
      <header><h2>{name}</h2></header>
      {url ? <iframe title={name} src={url} className="pdf" /> : <div className="pdf loading">{pdf.error ? errorMessage(pdf.error) : '…'}</div>}
      <footer>
        <span className="spacer" />
        <button type="button" autoFocus onClick={onClose}>{t('close')} (Esc)</button>
      </footer>
    </Modal>
  );
}

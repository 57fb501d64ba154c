import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { ChannelOutput } from '../../../main/contract/channels';
import { LangContext } from '../i18n';
import { call, errorMessage, StationCallError } from '../station';
import { useSigningText } from '../screens/SigningText';
import { CertificateCard, CertificateVerdict } from './CertificateCard';

// Signing a scanned document with the officer's token. The same steps as the slip's PIN dialog
// (PinDialog.tsx, which is tied to the slip): choose the token and certificate, see the PIN
// state the token reports before typing, type the PIN once — it is cleared the moment the
// request leaves — confirm a final try; then the verification of the signed file.

type Status = ChannelOutput<'signing.status'>;
type Token = Status['tokens'][number];
type PinState = ChannelOutput<'signing.pinState'>;
export type SignedScan = ChannelOutput<'signing.signScan'>;
export type Verification = ChannelOutput<'signing.verify'>;

const vi = {
  signScan: 'Ký số',
  title: 'Ký số bản quét',
  signed: 'Đã ký số',
  check: 'Kiểm tra chữ ký',
  checking: 'Đang kiểm tra…',
  signedHint: 'Bản đã ký thay cho bản quét của giấy tờ và được gửi lên cổng; có thể ký thêm (ký đồng thời).',
} as const;
type Key = keyof typeof vi;
const en: Record<Key, string> = {
  signScan: 'Sign',
  title: 'Sign the scanned document',
  signed: 'Signed',
  check: 'Check signature',
  checking: 'Checking…',
  signedHint: 'The signed file replaces the scan of the document and is sent to the portal; it can be countersigned.',
};

export function useScanSignText(): (key: Key) => string {
  const lang = useContext(LangContext);
  return (key) => (lang === 'en' ? en[key] : vi[key]);
}

function PinStateLine({ pin }: { pin: PinState | null }) {
  const s = useSigningText();
  if (!pin) return null;
  const [text, colour] = pin.locked ? [s('pinLocked'), 'var(--err)']
    : pin.finalTry ? [s('pinFinalTry'), 'var(--err)']
      : pin.countLow ? [s('pinCountLow'), 'var(--warn)']
        : [s('pinOk'), 'var(--ok)'];
  return <p className="pin-state" data-testid="pin-state" style={{ margin: 0, color: colour, fontWeight: pin.countLow || pin.locked ? 600 : 400 }}>● {text}</p>;
}

/** The dialog for one document's scan; `onSigned` runs once the signed file is stored. */
export function ScanSignDialog({ dossierCode, documentCode, documentName, onSigned, onClose }: {
  dossierCode: string;
  documentCode: string;
  documentName: string;
  onSigned: (signed: SignedScan) => void;
  onClose: () => void;
}) {
  const s = useSigningText();
  const t = useScanSignText();
  const [status, setStatus] = useState<Status | null>(null);
  const [tokenRef, setTokenRef] = useState('');
  const [certificate, setCertificate] = useState('');
  const [pinState, setPinState] = useState<PinState | null>(null);
  const [pin, setPin] = useState('');
  const [confirmFinal, setConfirmFinal] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [result, setResult] = useState<SignedScan | null>(null);
  const pinInput = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    try {
      const st = await call('signing.status', {});
      setStatus(st);
      return st;
    } catch (e) {
      setMessage(errorMessage(e));
      return null;
    }
  }, []);

  // The token list follows plugging and unplugging while the dialog is open.
  useEffect(() => {
    void load().then((st) => {
      if (!st) return;
      const preferred = st.tokens.find((tk) => tk.certificates.some((c) => c.fingerprint === st.settings.preferredCertificate));
      const first = preferred ?? st.tokens.find((tk) => tk.certificates.some((c) => c.canSign)) ?? st.tokens[0];
      if (first) setTokenRef(first.ref);
    });
    const timer = setInterval(() => { void load(); }, 2000);
    return () => clearInterval(timer);
  }, [load]);

  const token: Token | undefined = status?.tokens.find((tk) => tk.ref === tokenRef);

  useEffect(() => {
    if (!token) return;
    const signable = token.certificates.filter((c) => c.canSign);
    setCertificate((current) => (token.certificates.some((c) => c.fingerprint === current) ? current
      : (signable.find((c) => c.fingerprint === status?.settings.preferredCertificate) ?? signable[0] ?? token.certificates[0])?.fingerprint ?? ''));
  }, [token, status?.settings.preferredCertificate]);

  // The PIN state is read from the token itself each time a token is chosen, before typing.
  const refreshPin = useCallback(async (ref: string) => {
    try {
      setPinState(await call('signing.pinState', { tokenRef: ref }));
    } catch (e) {
      setPinState(null);
      setMessage(errorMessage(e));
    }
  }, []);
  useEffect(() => {
    if (!tokenRef) return;
    setConfirmFinal(false);
    void refreshPin(tokenRef).then(() => pinInput.current?.focus());
  }, [tokenRef, refreshPin]);

  const chosen = token?.certificates.find((c) => c.fingerprint === certificate);
  const needsConfirm = pinState?.finalTry === true;
  const canSubmit = !busy && !!token && !!chosen?.canSign && !pinState?.locked && (pin.length > 0 || pinState?.protectedPath === true) && (!needsConfirm || confirmFinal);

  const sign = async () => {
    if (!canSubmit || !token) return;
    const typed = pin;
    setPin(''); // sent once; never kept
    setBusy(true);
    setMessage('');
    try {
      const signed = await call('signing.signScan', { code: dossierCode, documentCode, tokenRef: token.ref, certificate, pin: typed, confirmFinalTry: confirmFinal });
      setResult(signed);
      onSigned(signed);
    } catch (e) {
      setMessage(errorMessage(e));
      if (e instanceof StationCallError && e.payload.field === 'pin') setConfirmFinal(false);
      await refreshPin(token.ref);
      pinInput.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop scan-backdrop" onKeyDown={(e) => { e.stopPropagation(); if (e.key === 'Escape') onClose(); }}>
      <div className="modal pin-dialog" role="dialog" aria-modal="true" aria-label={t('title')} style={{ width: 'min(640px, 94vw)' }}>
        <header><h2>{t('title')} · {documentName}</h2></header>
        {result ? (
          <>
            <CertificateVerdict report={result.verification} />
            <p className="muted" style={{ margin: 0 }}>{result.file.fileName} · SHA-256 {result.file.sha256.slice(0, 16)}…</p>
            <p className="muted" style={{ margin: 0 }}>{t('signedHint')}</p>
            <footer>
              <span className="spacer" />
              <button className="primary" onClick={onClose} autoFocus>{s('close')} (Esc)</button>
            </footer>
          </>
        ) : (
          <form onSubmit={(e) => { e.preventDefault(); void sign(); }} style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
            <p className="muted" style={{ margin: 0 }}>{dossierCode}</p>
            {status && status.tokens.length === 0 && <p className="banner">{s('noTokens')}</p>}
            {status && status.tokens.length > 0 && (
              <div className="grid" style={{ gridTemplateColumns: '1fr 1fr' }}>
                <div className="field">
                  <label htmlFor="scan-sign-token">{s('token')}</label>
                  <select id="scan-sign-token" value={tokenRef} onChange={(e) => setTokenRef(e.target.value)}>
                    {status.tokens.map((tk) => <option key={tk.ref} value={tk.ref}>{tk.label} ({tk.vendor})</option>)}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="scan-sign-certificate">{s('certificate')}</label>
                  <select id="scan-sign-certificate" value={certificate} onChange={(e) => setCertificate(e.target.value)}>
                    {token?.certificates.map((c) => <option key={c.fingerprint} value={c.fingerprint} disabled={!c.canSign}>{c.holderName}{c.canSign ? '' : ` — ${s('cannotSign')}`}</option>)}
                  </select>
                </div>
              </div>
            )}
            {token && token.certificates.length === 0 && <p className="banner error">{s('noCertificates')}</p>}
            {chosen && <CertificateCard certificate={chosen} />}
            <PinStateLine pin={pinState} />
            {pinState && !pinState.locked && (
              <div className="field">
                <label htmlFor="scan-sign-pin">{pinState.protectedPath ? s('pinPad') : s('pin')}</label>
                {!pinState.protectedPath && (
                  <input id="scan-sign-pin" ref={pinInput} name="pin" type="password" autoComplete="off" inputMode="text" value={pin} maxLength={64}
                    onChange={(e) => setPin(e.target.value)} disabled={busy} />
                )}
              </div>
            )}
            {needsConfirm && !pinState?.locked && (
              <label className="check" style={{ color: 'var(--err)' }}>
                <input type="checkbox" checked={confirmFinal} onChange={(e) => setConfirmFinal(e.target.checked)} /> {s('confirmFinalTry')}
              </label>
            )}
            {message && <p className="banner error" role="alert">{message}</p>}
            <footer>
              <span className="spacer" />
              <button type="submit" className="primary" disabled={!canSubmit}>{busy ? s('signing') : `${s('sign')} (Enter)`}</button>
              <button type="button" onClick={onClose}>{s('close')} (Esc)</button>
            </footer>
          </form>
        )}
      </div>
    </div>
  );
}

/** "Hợp lệ" / "Không hợp lệ: <lý do>" (the report's summary carries the reason), for the document's row. */
export function VerdictLine({ report }: { report: Verification }) {
  const colour = report.overall === 'valid' ? 'var(--ok)' : report.overall === 'unknown_signer' ? 'var(--warn)' : 'var(--err)';
  return <span className="scan-verdict" data-testid="scan-verdict" role="status" style={{ color: colour, fontWeight: 600 }}>{report.summary}</span>;
}

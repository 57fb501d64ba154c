import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelOutput } from '../../../main/contract/channels';
import { call, errorMessage, StationCallError } from '../station';
import { useSigningText } from '../screens/SigningText';
import { CertificateCard, CertificateVerdict } from './CertificateCard';

type Status = ChannelOutput<'signing.status'>;
type Token = Status['tokens'][number];
type PinState = ChannelOutput<'signing.pinState'>;
type Signed = ChannelOutput<'signing.signSlip'>;

function pdfUrl(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}

/** The "Ký số" button of the slip preview: shown only when the agency signs its slips. */
export function PinSignButton({ code }: { code: string }) {
  const s = useSigningText();
  const [enabled, setEnabled] = useState(false);
  const [open, setOpen] = useState(false);
  useEffect(() => { void call('signing.config', {}).then((c) => setEnabled(c.enabled)).catch(() => setEnabled(false)); }, []);
  if (!enabled) return null;
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} data-testid="sign-slip">{s('signSlip')}</button>
      {open && <PinDialog code={code} onClose={() => setOpen(false)} />}
    </>
  );
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

/**
 * Signing the slip with the officer's token: choose the token and certificate, see the PIN
 * state the token reports, type the PIN once. The PIN lives in this dialog's state only until
 * it is sent, and is cleared the moment the request leaves, whatever the answer.
 */
export function PinDialog({ code, onClose }: { code: string; onClose: () => void }) {
  const s = useSigningText();
  const [status, setStatus] = useState<Status | null>(null);
  const [tokenRef, setTokenRef] = useState('');
  const [certificate, setCertificate] = useState('');
  const [pinState, setPinState] = useState<PinState | null>(null);
  const [pin, setPin] = useState('');
  const [confirmFinal, setConfirmFinal] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [result, setResult] = useState<Signed | null>(null);
  const [signedUrl, setSignedUrl] = useState<string | null>(null);
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
      const preferred = st.tokens.find((t) => t.certificates.some((c) => c.fingerprint === st.settings.preferredCertificate));
      const first = preferred ?? st.tokens.find((t) => t.certificates.some((c) => c.canSign)) ?? st.tokens[0];
      if (first) setTokenRef(first.ref);
    });
    const timer = setInterval(() => { void load(); }, 2000);
    return () => clearInterval(timer);
  }, [load]);

  const token: Token | undefined = status?.tokens.find((t) => t.ref === tokenRef);

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

  useEffect(() => () => { if (signedUrl) URL.revokeObjectURL(signedUrl); }, [signedUrl]);

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
      const signed = await call('signing.signSlip', { code, tokenRef: token.ref, certificate, pin: typed, confirmFinalTry: confirmFinal });
      setResult(signed);
      setSignedUrl(pdfUrl(signed.base64));
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
    <div className="modal-backdrop" onKeyDown={(e) => { e.stopPropagation(); if (e.key === 'Escape') onClose(); }}>
      <div className="modal pin-dialog" role="dialog" aria-modal="true" aria-label={s('signTitle')} style={{ width: 'min(640px, 94vw)' }}>
        <header><h2>{s('signTitle')} · {code}</h2></header>
        {result ? (
          <>
            <CertificateVerdict report={result.verification} />
            <p className="muted" style={{ margin: 0 }}>{result.file.fileName} · SHA-256 {result.file.sha256.slice(0, 16)}…</p>
            <footer>
              {signedUrl && <a className="button" href={signedUrl} download={result.file.fileName} target="_blank" rel="noreferrer">{s('openSigned')}</a>}
              <span className="spacer" />
              <button className="primary" onClick={onClose} autoFocus>{s('close')} (Esc)</button>
            </footer>
          </>
        ) : (
          <form onSubmit={(e) => { e.preventDefault(); void sign(); }} style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
            {status && status.tokens.length === 0 && <p className="banner">{s('noTokens')}</p>}
            {status && status.tokens.length > 0 && (
              <div className="grid" style={{ gridTemplateColumns: '1fr 1fr' }}>
                <div className="field">
                  <label htmlFor="sign-token">{s('token')}</label>
                  <select id="sign-token" value={tokenRef} onChange={(e) => setTokenRef(e.target.value)}>
                    {status.tokens.map((t) => <option key={t.ref} value={t.ref}>{t.label} ({t.vendor})</option>)}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="sign-certificate">{s('certificate')}</label>
                  <select id="sign-certificate" value={certificate} onChange={(e) => setCertificate(e.target.value)}>
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
                <label htmlFor="sign-pin">{pinState.protectedPath ? s('pinPad') : s('pin')}</label>
                {!pinState.protectedPath && (
                  <input id="sign-pin" ref={pinInput} name="pin" type="password" autoComplete="off" inputMode="text" value={pin} maxLength={64}
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

import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ChannelOutput } from '../../../../main/contract/channels';
import { errorMessage, StationCallError, useStation } from '../station';
import { useMessages } from '../i18n/i18n';
import { Modal } from '../ui/Modal';
import { CertificateCard, PinStateText } from './CertificateCard';
import { signingWords } from './messages';
import { usePinCountdown } from './pin-countdown';

type Status = ChannelOutput<'signing.status'>;
type Token = Status['tokens'][number];

/** What the officer chose: the token, the certificate, the PIN typed once. */
export type TokenChoice = Readonly<{ tokenRef: string; certificate: string; pin: string; confirmFinalTry: boolean }>;

/**
 * The one signing dialog: choose the token and certificate (the last one used comes first), see
 * the PIN state the token itself reports, type the PIN once — the box has focus from the start,
 * and Enter signs even if it was pressed while the token was still being read. The PIN lives in
 * this component's state only until it is sent and is cleared the moment the request leaves,
 * whatever the answer. A wrong PIN reads the token's state again before the next try.
 */
export function TokenSigner<T>({ title, subject, idPrefix, sign, result, onClose }: {
  title: string;
  /** What is signed, under the title. */
  subject: ReactNode;
  /** Keeps the fields' ids apart when two signers exist on a page. */
  idPrefix: string;
  sign: (choice: TokenChoice) => Promise<T>;
  /** The dialog's content once signed. */
  result: (value: T) => ReactNode;
  onClose: () => void;
}) {
  const s = useMessages(signingWords);
  const status = useStation('signing.status', {});
  const [tokenRef, setTokenRef] = useState('');
  const [certificate, setCertificate] = useState('');
  const [pin, setPin] = useState('');
  const [confirmFinal, setConfirmFinal] = useState(false);
  const [busy, setBusy] = useState(false);
  const [queued, setQueued] = useState(false);
  const [message, setMessage] = useState('');
  const [done, setDone] = useState<{ value: T } | null>(null);
  const pinInput = useRef<HTMLInputElement>(null);
  const wait = usePinCountdown(); // after wrong PINs the station makes the next try wait

  const tokens = status.data?.tokens ?? [];
  const preferred = status.data?.settings.preferredCertificate ?? null;
  // The token list follows plugging and unplugging (tokens.changed); a token that went away gives way to another.
  const token: Token | undefined = tokens.find((t) => t.ref === tokenRef);
  useEffect(() => {
    if (!status.data || token) return;
    const first = tokens.find((t) => t.certificates.some((c) => c.fingerprint === preferred)) ?? tokens.find((t) => t.certificates.some((c) => c.canSign)) ?? tokens[0];
    if (first) setTokenRef(first.ref);
  }, [status.data, token, tokens, preferred]);
  useEffect(() => {
    if (!token) return;
    const signable = token.certificates.filter((c) => c.canSign);
    setCertificate((current) => (token.certificates.some((c) => c.fingerprint === current) ? current
      : (signable.find((c) => c.fingerprint === preferred) ?? signable[0] ?? token.certificates[0])?.fingerprint ?? ''));
  }, [token, preferred]);

  // Read from the token itself each time it is chosen, before typing (never a cached answer).
  const pinState = useStation('signing.pinState', { tokenRef }, { enabled: tokenRef !== '', staleTime: 0, gcTime: 0 });
  useEffect(() => { setConfirmFinal(false); }, [tokenRef]);
  useEffect(() => { if (pinState.error) setMessage(errorMessage(pinState.error)); }, [pinState.error]);

  const chosen = token?.certificates.find((c) => c.fingerprint === certificate);
  const pinInfo = pinState.data;
  const ready = !!token && !!chosen && !!pinInfo && !pinState.isFetching;
  const needsConfirm = pinInfo?.finalTry === true;
  const canSubmit = ready && !busy && !!chosen?.canSign && !pinInfo.locked && (pin.length > 0 || pinInfo.protectedPath) && (!needsConfirm || confirmFinal) && wait.seconds === 0;

  const submit = async () => {
    if (!canSubmit || !token) return;
    const typed = pin;
    setPin(''); // sent once; never kept
    setBusy(true);
    setMessage('');
    try {
      setDone({ value: await sign({ tokenRef: token.ref, certificate, pin: typed, confirmFinalTry: confirmFinal }) });
    } catch (e) {
      setMessage(errorMessage(e));
      wait.startFrom(e);
      if (e instanceof StationCallError && e.payload.field === 'pin') setConfirmFinal(false);
      await pinState.refetch();
      pinInput.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  // Enter pressed while the token was still being read: sign as soon as it is, or say why not.
  useEffect(() => {
    if (!queued || !ready) return;
    setQueued(false);
    if (canSubmit) void submit();
    else if (pinInfo.locked) setMessage(s('pinLocked'));
    else if (needsConfirm && !confirmFinal) setMessage(s('confirmFirst'));
    else if (!pinInfo.protectedPath && pin.length === 0) setMessage(s('pinMissing'));
  });

  const onSubmit = () => {
    if (canSubmit) void submit();
    else if (!ready && (status.isPending || pinState.isFetching || !token)) setQueued(status.isPending || tokens.length > 0);
    else if (needsConfirm && !confirmFinal) setMessage(s('confirmFirst'));
    else if (pin.length === 0 && !pinInfo?.protectedPath) setMessage(s('pinMissing'));
  };

  const showPinBox = !pinInfo || (!pinInfo.locked && !pinInfo.protectedPath);
  return (
    <Modal label={title} onClose={onClose} className="pin-dialog">
      <header><h2>{title}</h2></header>
      <div className="muted signer-subject">{subject}</div>
      {done ? (
        <>
          {result(done.value)}
          <footer>
            <span className="spacer" />
            <button type="button" className="primary" onClick={onClose} autoFocus>{s('close')} (Esc)</button>
          </footer>
        </>
      ) : (
        <form className="signer" onSubmit={(e) => { e.preventDefault(); onSubmit(); }}>
          {status.error ? <p className="banner error" role="alert">{errorMessage(status.error)}</p> : null}
          {status.data && tokens.length === 0 && <p className="banner">{s('noTokens')}</p>}
          {tokens.length > 0 && (
            <div className="grid two">
              <div className="field">
                <label htmlFor={`${idPrefix}-token`}>{s('token')}</label>
                <select id={`${idPrefix}-token`} value={tokenRef} onChange={(e) => setTokenRef(e.target.value)}>
                  {tokens.map((t) => <option key={t.ref} value={t.ref}>{t.label} ({t.vendor})</option>)}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${idPrefix}-certificate`}>{s('certificate')}</label>
                <select id={`${idPrefix}-certificate`} value={certificate} onChange={(e) => setCertificate(e.target.value)}>
                  {token?.certificates.map((c) => <option key={c.fingerprint} value={c.fingerprint} disabled={!c.canSign}>{c.holderName}{c.canSign ? '' : ` — ${s('cannotSign')}`}</option>)}
                </select>
              </div>
            </div>
          )}
          {token && token.certificates.length === 0 && <p className="banner error">{s('noCertificates')}</p>}
          {chosen && <CertificateCard certificate={chosen} />}
          {pinInfo ? <p className="pin-line"><PinStateText pin={pinInfo} testId="pin-state" /></p> : null}
          {pinInfo?.protectedPath ? <p>{s('pinPad')}</p> : null}
          {showPinBox && (
            <div className="field">
              <label htmlFor={`${idPrefix}-pin`}>{s('pin')}</label>
              <input id={`${idPrefix}-pin`} ref={pinInput} name="pin" type="password" autoComplete="off" inputMode="text" value={pin} maxLength={64}
                autoFocus onChange={(e) => setPin(e.target.value)} readOnly={busy} />
            </div>
          )}
          {needsConfirm && !pinInfo?.locked && (
            <label className="check warn-text">
              <input type="checkbox" checked={confirmFinal} onChange={(e) => setConfirmFinal(e.target.checked)} /> {s('confirmFinalTry')}
            </label>
          )}
          {queued ? <p className="muted" role="status">{s('readingToken')}</p> : null}
          {message && <p className="banner error" role="alert">{message}</p>}
          {wait.seconds > 0 && <p className="warn-text" role="timer" data-testid="pin-wait">{s('pinWait', { seconds: wait.seconds })}</p>}
          <footer>
            <span className="spacer" />
            <button type="submit" className="primary" disabled={busy || wait.seconds > 0}>{busy ? s('signing') : `${s('sign')} (Enter)`}</button>
            <button type="button" onClick={onClose}>{s('close')} (Esc)</button>
          </footer>
        </form>
      )}
    </Modal>
  );
}

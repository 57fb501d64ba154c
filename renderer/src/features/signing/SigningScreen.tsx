import { useState } from 'react';
import type { ChannelInput } from '../../../../main/contract/channels';
import type { ScreenProps } from '../../app/paths';
import { useMessages } from '../../common/i18n/i18n';
import { CertificateCard, CertificateVerdict, instantDate, PinStateText, type Verification } from '../../common/signing/CertificateCard';
import { signingWords } from '../../common/signing/messages';
import { call, errorMessage, useInvalidate, useSetStationData, useStation } from '../../common/station';
import { signingScreenWords } from './messages';

function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/**
 * "Chữ ký số": the tokens plugged in and their certificates (with what is wrong with them),
 * the PKCS#11 libraries loaded or not and why, the technician's own library paths, the roots
 * trusted for verification, and a check of any PDF's signatures. Plugging a token in shows here
 * as the station announces it (tokens.changed).
 */
export default function SigningScreen(_props: ScreenProps) {
  const s = useMessages(signingScreenWords);
  const w = useMessages(signingWords);
  const status = useStation('signing.status', {});
  const setData = useSetStationData();
  const invalidate = useInvalidate();
  const [message, setMessage] = useState('');
  const [modulePath, setModulePath] = useState('');
  const [pem, setPem] = useState('');
  const [report, setReport] = useState<Verification | null>(null);
  const [busy, setBusy] = useState(false);
  /** The switch answers the click at once; the station's answer then confirms it. */
  const [enabling, setEnabling] = useState<boolean | null>(null);

  const update = async (input: ChannelInput<'signing.settings'>, after?: () => void) => {
    setBusy(true);
    try {
      setData('signing.status', {}, await call('signing.settings', input));
      // The station does not announce its signing settings: the slip's "Ký số" reads them again.
      void invalidate('signing.config');
      setMessage(s('settingsSaved'));
      after?.();
    } catch (e) {
      setMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const rescan = async () => {
    try {
      setData('signing.status', {}, await call('signing.rescan', {}));
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };
  const verify = async (file: File | undefined) => {
    if (!file) return;
    setReport(null);
    let base64: string;
    try {
      base64 = await fileToBase64(file);
    } catch {
      setMessage(s('readFailed'));
      return;
    }
    try {
      setReport(await call('signing.verify', { fileName: file.name, base64 }));
      setMessage('');
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };

  if (!status.data) return <p className="muted">{status.error ? errorMessage(status.error) : '…'}</p>;
  const st = status.data;
  const settings = st.settings;
  return (
    <div className="settings signing">
      <div className="toolbar">
        <label className="check">
          <input type="checkbox" name="signing.enabled" checked={enabling ?? settings.enabled} disabled={busy}
            onChange={(e) => { const on = e.target.checked; setEnabling(on); void update({ enabled: on }).finally(() => setEnabling(null)); }} /> {s('enabled')}
        </label>
        <span className="spacer" />
        <button type="button" onClick={() => void rescan()}>{s('rescan')}</button>
      </div>
      {message && <p className="banner" role="status">{message}</p>}

      <fieldset>
        <legend>{s('tokens')}</legend>
        <div className="muted small">
          {st.usb.events ? s('usbEvents') : s('usbPoll')}
          {!st.usb.events && st.usb.reason ? <details><summary>{w('technicalDetail')}</summary><code>{st.usb.reason}</code></details> : null}
        </div>
        {st.tokens.length === 0 && <p>{w('noTokens')}</p>}
        {st.tokens.map((t) => (
          <section key={t.ref} className="token" data-testid="token">
            <h3>
              <span>{t.label}</span>
              <span className="muted">{t.vendor} · {t.manufacturer} {t.model} · {s('serial')} {t.serial}</span>
              <PinStateText pin={t.pin} testId="token-pin" />
            </h3>
            {t.certificates.length === 0 ? <p className="muted">{s('noCertificates')}</p>
              : <div className="certificates">{t.certificates.map((c) => <CertificateCard key={c.fingerprint} certificate={c} />)}</div>}
          </section>
        ))}
      </fieldset>

      <fieldset>
        <legend>{s('modules')}</legend>
        <table className="modules">
          <thead><tr><th>{s('vendor')}</th><th>{s('file')}</th><th>{s('state')}</th><th /></tr></thead>
          <tbody>
            {st.modules.map((m) => (
              <tr key={m.id} data-testid={`module-${m.id}`}>
                <td>{m.vendor}</td>
                <td className="path">{m.resolvedPath ?? m.path}</td>
                <td>
                  {m.state === 'loaded'
                    ? <span className="ok-text">{s('moduleLoaded')}{m.library ? ` · ${m.library.manufacturer} ${m.library.version}` : ''}</span>
                    : <span className={m.failure === 'absent' ? 'muted' : 'err-text'}>{s('moduleUnavailable')}: {m.explanation}</span>}
                  {m.detail && m.failure !== 'absent' ? <details><summary>{w('technicalDetail')}</summary><code>{m.detail}</code></details> : null}
                </td>
                <td>
                  {m.origin === 'added'
                    ? <button type="button" disabled={busy} onClick={() => void update({ modulePaths: settings.modulePaths.filter((p) => p !== m.path) })}>{s('remove')}</button>
                    : <button type="button" disabled={busy} onClick={() => void update({ disabledModules: [...settings.disabledModules, m.id] })}>{s('disable')}</button>}
                </td>
              </tr>
            ))}
            {settings.disabledModules.map((id) => (
              <tr key={id} className="muted">
                <td colSpan={3}>{s('moduleDisabled', { id })}</td>
                <td><button type="button" disabled={busy} onClick={() => void update({ disabledModules: settings.disabledModules.filter((x) => x !== id) })}>{s('enable')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); if (modulePath.trim()) void update({ modulePaths: [...settings.modulePaths, modulePath.trim()] }, () => setModulePath('')); }}>
          <span className="grow">
            <input name="modulePath" aria-label={s('addModuleHint')} placeholder={s('addModuleHint')} value={modulePath} onChange={(e) => setModulePath(e.target.value)} />
          </span>
          <button type="submit" disabled={busy || !modulePath.trim()}>{s('addModule')}</button>
        </form>
      </fieldset>

      <fieldset>
        <legend>{s('trustedRoots')}</legend>
        {st.trustedRoots.length === 0 ? <p className="muted">{s('noTrustedRoots')}</p> : (
          <ul>
            {st.trustedRoots.map((r) => (
              <li key={r.fingerprint}>
                {r.name} <span className="muted">({r.source === 'folder' ? s('rootFolder') : s('rootSettings')}, {s('validTo', { date: instantDate(r.validTo) })})</span>{' '}
                {r.source === 'settings' && <button type="button" disabled={busy} onClick={() => void update({ removeTrustedRoot: r.fingerprint })}>{s('remove')}</button>}
              </li>
            ))}
          </ul>
        )}
        <p className="muted small">{s('trustFolder')} <code>{st.trustFolder}</code></p>
        <textarea name="trustedRoot" rows={4} aria-label={s('pastePem')} placeholder={s('pastePem')} value={pem} onChange={(e) => setPem(e.target.value)} />
        <button type="button" disabled={busy || !pem.trim()} onClick={() => void update({ addTrustedRoot: pem.trim() }, () => setPem(''))}>{s('addRoot')}</button>
      </fieldset>

      <fieldset>
        <legend>{s('verifyTitle')}</legend>
        <input type="file" accept="application/pdf,.pdf" aria-label={s('chooseFile')} onChange={(e) => void verify(e.target.files?.[0])} />
        {report && <CertificateVerdict report={report} />}
      </fieldset>
    </div>
  );
}

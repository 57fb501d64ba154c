import { useCallback, useEffect, useState } from 'react';
import type { ChannelInput, ChannelOutput } from '../../../main/contract/channels';
import { call, errorMessage } from '../station';
import { CertificateCard, CertificateVerdict } from '../components/CertificateCard';
import { useSigningText } from './SigningText';

type Status = ChannelOutput<'signing.status'>;
type Verification = ChannelOutput<'signing.verify'>;
type PinState = Status['tokens'][number]['pin'];

function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

function PinBadge({ pin }: { pin: PinState }) {
  const s = useSigningText();
  const [text, colour] = pin.locked ? [s('pinLocked'), 'var(--err)'] : pin.finalTry ? [s('pinFinalTry'), 'var(--err)'] : pin.countLow ? [s('pinCountLow'), 'var(--warn)'] : [s('pinOk'), 'var(--ok)'];
  return <span data-testid="token-pin" style={{ color: colour, fontSize: 13, fontWeight: 600 }}>● {text}</span>;
}

/**
 * "Chữ ký số": the tokens plugged in and their certificates (with what is wrong with them),
 * the PKCS#11 libraries loaded or not and why, the technician's own library paths, the roots
 * trusted for verification, and a check of any PDF's signatures.
 */
export function SigningScreen() {
  const s = useSigningText();
  const [status, setStatus] = useState<Status | null>(null);
  const [message, setMessage] = useState('');
  const [modulePath, setModulePath] = useState('');
  const [pem, setPem] = useState('');
  const [report, setReport] = useState<Verification | null>(null);
  const [busy, setBusy] = useState(false);
  /** The switch answers the click at once; the station's answer then confirms it. */
  const [enabling, setEnabling] = useState<boolean | null>(null);

  const refresh = useCallback(async (rescan = false) => {
    try {
      setStatus(await call(rescan ? 'signing.rescan' : 'signing.status', {}));
    } catch (e) {
      setMessage(errorMessage(e));
    }
  }, []);

  // Plugging a token in shows here within 2 seconds.
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => { void refresh(); }, 2000);
    return () => clearInterval(timer);
  }, [refresh]);

  const update = async (input: ChannelInput<'signing.settings'>, after?: () => void) => {
    setBusy(true);
    try {
      setStatus(await call('signing.settings', input));
      setMessage(s('settingsSaved'));
      after?.();
    } catch (e) {
      setMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const verify = async (file: File | undefined) => {
    if (!file) return;
    setReport(null);
    try {
      setReport(await call('signing.verify', { fileName: file.name, base64: await fileToBase64(file) }));
      setMessage('');
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };

  if (!status) return <p className="muted">{message || '…'}</p>;
  const settings = status.settings;
  return (
    <div className="settings signing">
      <div className="toolbar">
        <label className="check" style={{ margin: 0 }}>
          <input type="checkbox" name="signing.enabled" checked={enabling ?? settings.enabled} disabled={busy}
            onChange={(e) => { const on = e.target.checked; setEnabling(on); void update({ enabled: on }, () => setEnabling(null)).finally(() => setEnabling(null)); }} /> {s('enabled')}
        </label>
        <span className="spacer" />
        <button type="button" onClick={() => void refresh(true)}>{s('rescan')}</button>
      </div>
      {message && <p className="banner" role="status">{message}</p>}

      <fieldset>
        <legend>{s('tokens')}</legend>
        <p className="muted" style={{ marginTop: 0, fontSize: 13 }}>{status.usb.events ? s('usbEvents') : s('usbPoll', { reason: status.usb.reason ?? '—' })}</p>
        {status.tokens.length === 0 && <p>{s('noTokens')}</p>}
        {status.tokens.map((t) => (
          <section key={t.ref} className="token" data-testid="token" style={{ marginBottom: 12 }}>
            <h3 style={{ margin: '4px 0', fontSize: 16, display: 'flex', gap: 10, alignItems: 'baseline', flexWrap: 'wrap' }}>
              <span>{t.label}</span>
              <span className="muted" style={{ fontWeight: 400, fontSize: 13 }}>{t.vendor} · {t.manufacturer} {t.model} · {s('serial')} {t.serial}</span>
              <PinBadge pin={t.pin} />
            </h3>
            {t.certificates.length === 0 ? <p className="muted">{s('noCertificates')}</p>
              : <div style={{ display: 'grid', gap: 8 }}>{t.certificates.map((c) => <CertificateCard key={c.fingerprint} certificate={c} />)}</div>}
          </section>
        ))}
      </fieldset>

      <fieldset>
        <legend>{s('modules')}</legend>
        <table className="modules">
          <thead><tr><th>Nhà cung cấp</th><th>Tệp</th><th>Trạng thái</th><th /></tr></thead>
          <tbody>
            {status.modules.map((m) => (
              <tr key={m.id} data-testid={`module-${m.id}`}>
                <td>{m.vendor}</td>
                <td style={{ wordBreak: 'break-all', fontSize: 13 }}>{m.resolvedPath ?? m.path}</td>
                <td>
                  {m.state === 'loaded'
                    ? <span style={{ color: 'var(--ok)', fontWeight: 600 }}>{s('moduleLoaded')}{m.library ? ` · ${m.library.manufacturer} ${m.library.version}` : ''}</span>
                    : <span style={{ color: m.failure === 'absent' ? 'var(--muted)' : 'var(--err)' }}>{s('moduleUnavailable')}: {m.explanation}</span>}
                  {m.detail && m.failure !== 'absent' ? <div className="muted" style={{ fontSize: 12 }}>{m.detail}</div> : null}
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
                <td colSpan={3}>{id} — đã tắt</td>
                <td><button type="button" disabled={busy} onClick={() => void update({ disabledModules: settings.disabledModules.filter((x) => x !== id) })}>{s('enable')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        <form className="inline-form" style={{ marginTop: 10 }} onSubmit={(e) => { e.preventDefault(); if (modulePath.trim()) void update({ modulePaths: [...settings.modulePaths, modulePath.trim()] }, () => setModulePath('')); }}>
          <span className="grow">
            <input name="modulePath" aria-label={s('addModuleHint')} placeholder={s('addModuleHint')} value={modulePath} onChange={(e) => setModulePath(e.target.value)} />
          </span>
          <button type="submit" disabled={busy || !modulePath.trim()}>{s('addModule')}</button>
        </form>
      </fieldset>

      <fieldset>
        <legend>{s('trustedRoots')}</legend>
        {status.trustedRoots.length === 0 ? <p className="muted">{s('noTrustedRoots')}</p> : (
          <ul>
            {status.trustedRoots.map((r) => (
              <li key={r.fingerprint}>
                {r.name} <span className="muted">({r.source === 'folder' ? 'thư mục' : 'cài đặt'}, {r.validTo.slice(0, 10)})</span>{' '}
                {r.source === 'settings' && <button type="button" disabled={busy} onClick={() => void update({ removeTrustedRoot: r.fingerprint })}>{s('remove')}</button>}
              </li>
            ))}
          </ul>
        )}
        <p className="muted" style={{ fontSize: 13 }}>{s('trustFolder')} <code>{status.trustFolder}</code></p>
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

import { useCallback, useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../main/contract/channels';
import type { ScannerSettings, ScanProfile } from '../../../../main/contract/scanning-channels';
import type { ScreenProps } from '../../app/paths';
import { useMessages } from '../../common/i18n/i18n';
import { call, errorMessage } from '../../common/station';
import { scanWords } from './messages';
import { ScanPanel } from './ScanPanel';
import './scan.css';

type Capabilities = ChannelOutput<'scanners.capabilities'>;
type Listing = ChannelOutput<'scanners.list'>;

/**
 * The technician's scanner page: find the scanners (SANE/WIA on this PC, eSCL on the network or
 * by address), choose the station's default and its profile, set scanner-specific options, and
 * run a test scan.
 */
export default function ScanSettingsScreen(_props: ScreenProps) {
  const t = useMessages(scanWords);
  const [settings, setSettings] = useState<ScannerSettings | null>(null);
  const [listing, setListing] = useState<Listing | null>(null);
  const [finding, setFinding] = useState(false);
  const [caps, setCaps] = useState<Capabilities | null>(null);
  const [newUrl, setNewUrl] = useState('');
  const [message, setMessage] = useState('');
  const [testing, setTesting] = useState(false);

  const find = useCallback(async (refresh: boolean) => {
    setFinding(true);
    try {
      setListing(await call('scanners.list', { refresh }));
    } catch (e) {
      setMessage(errorMessage(e));
    } finally {
      setFinding(false);
    }
  }, []);

  useEffect(() => {
    void call('scanners.settings', {}).then(setSettings).catch((e) => setMessage(errorMessage(e)));
    void find(false);
  }, [find]);

  const deviceId = settings?.deviceId ?? '';
  useEffect(() => {
    if (!deviceId) { setCaps(null); return; }
    let alive = true;
    setCaps(null);
    void call('scanners.capabilities', { deviceId })
      .then((c) => { if (alive) setCaps(c); })
      .catch((e) => { if (alive) setMessage(errorMessage(e)); });
    return () => { alive = false; };
  }, [deviceId]);

  if (!settings) return <section className="scanner-settings">{message ? <p className="banner error">{message}</p> : null}</section>;

  const update = (patch: Partial<ScannerSettings>) => { setMessage(''); setSettings({ ...settings, ...patch }); };
  const setProfile = (patch: Partial<ScanProfile>) => update({ profile: { ...settings.profile, ...patch } });
  const source = caps?.sources.find((s) => s.kind === settings.profile.source) ?? caps?.sources[0];

  const save = async () => {
    try {
      setSettings(await call('scanners.configure', settings));
      setMessage(t('settingsSaved'));
      void find(true);
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };

  const setOption = (name: string, value: string) => {
    const next = { ...settings.deviceOptions };
    if (value === '') delete next[name];
    else next[name] = value;
    update({ deviceOptions: next });
  };

  return (
    <form className="scanner-settings" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <fieldset>
        <legend>{t('defaultScanner')}</legend>
        <div className="toolbar">
          <button type="button" onClick={() => void find(true)} disabled={finding}>{finding ? t('finding') : t('findScanners')}</button>
          <button type="button" onClick={() => setTesting(true)} disabled={!deviceId}>{t('testScan')}</button>
        </div>
        {listing && listing.devices.length === 0 ? <p className="muted">{t('noScanners')}</p> : null}
        <ul className="scanner-list">
          {(listing?.devices ?? []).map((d) => (
            <li key={d.id}>
              <label>
                <input type="radio" name="scanner" checked={d.id === deviceId} onChange={() => update({ deviceId: d.id, deviceOptions: {} })} />
                {d.name} <small>{d.driver.toUpperCase()}{d.address ? ` · ${d.address}` : ''}</small>
              </label>
            </li>
          ))}
        </ul>
        <div className="grid">
          <div className="field wide">
            <label htmlFor="scanner-id">{t('deviceId')}</label>
            <input id="scanner-id" value={deviceId} onChange={(e) => update({ deviceId: e.target.value.trim() || null })} />
          </div>
        </div>
        {caps ? (
          <p className="muted">
            {caps.device.name} — {t('capabilities')}: {caps.sources.map((s) => `${t(s.kind)} (${s.colorModes.map((m) => t(m)).join(', ')}; ${s.resolutions[0]}–${s.resolutions[s.resolutions.length - 1]} dpi; ${t('maxArea', { w: Math.round(s.maxWidthMm), h: Math.round(s.maxHeightMm) })})`).join(' · ')}
          </p>
        ) : null}
        {listing?.notes.length ? <p className="muted">{t('notes')}: {listing.notes.join('; ')}</p> : null}
      </fieldset>

      <fieldset>
        <legend>{t('profile')}</legend>
        <div className="grid">
          <div className="field">
            <label htmlFor="scan-source">{t('source')}</label>
            <select id="scan-source" value={settings.profile.source} onChange={(e) => setProfile({ source: e.target.value as ScanProfile['source'] })}>
              {(caps?.sources.map((s) => s.kind) ?? (['flatbed', 'feeder', 'duplex'] as const)).map((k) => <option key={k} value={k}>{t(k)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="scan-mode">{t('mode')}</label>
            <select id="scan-mode" value={settings.profile.mode} onChange={(e) => setProfile({ mode: e.target.value as ScanProfile['mode'] })}>
              {(source?.colorModes ?? (['color', 'gray', 'lineart'] as const)).map((m) => <option key={m} value={m}>{t(m)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="scan-resolution">{t('resolution')}</label>
            <select id="scan-resolution" value={settings.profile.resolution} onChange={(e) => setProfile({ resolution: Number(e.target.value) })}>
              {[...new Set([...(source?.resolutions ?? [150, 200, 300]), settings.profile.resolution])].sort((a, b) => a - b).map((r) => <option key={r} value={r}>{r} dpi</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="scan-paper">{t('pageSize')}</label>
            <select id="scan-paper" value={settings.profile.pageSize} onChange={(e) => setProfile({ pageSize: e.target.value as ScanProfile['pageSize'] })}>
              {(['A4', 'A5', 'Letter', 'Legal'] as const).map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </div>
        </div>
        <label className="check">
          <input type="checkbox" checked={settings.dropBlankPages} onChange={(e) => update({ dropBlankPages: e.target.checked })} /> {t('dropBlank')}
        </label>
        {caps && caps.options.length > 0 ? (
          <details>
            <summary>{t('deviceOptions')}</summary>
            <p className="muted">{t('deviceOptionsHint')}</p>
            <div className="scanner-options">
              {caps.options.map((o) => (
                <div className="field" key={o.name}>
                  <label htmlFor={`opt-${o.name}`}>{o.name}</label>
                  {o.values ? (
                    <select id={`opt-${o.name}`} value={settings.deviceOptions[o.name] ?? ''} onChange={(e) => setOption(o.name, e.target.value)}>
                      <option value="">{t('optionDefault')}{o.current ? `: ${o.current}` : ''}</option>
                      {o.values.map((v) => <option key={v} value={v}>{v}</option>)}
                    </select>
                  ) : (
                    <input id={`opt-${o.name}`} type="number" min={o.range?.min} max={o.range?.max} placeholder={o.current ?? ''}
                      value={settings.deviceOptions[o.name] ?? ''} onChange={(e) => setOption(o.name, e.target.value)} />
                  )}
                </div>
              ))}
            </div>
          </details>
        ) : null}
      </fieldset>

      <fieldset>
        <legend>{t('networkScanners')}</legend>
        <p className="muted">{t('networkHint')}</p>
        <div className="scanner-urls">
          {settings.networkScanners.map((u) => (
            <div key={u}>
              <input value={u} readOnly aria-label={t('networkScanners')} />
              <button type="button" onClick={() => update({ networkScanners: settings.networkScanners.filter((x) => x !== u) })}>✕</button>
            </div>
          ))}
          <div>
            <input value={newUrl} placeholder="http://192.168.1.20/eSCL" onChange={(e) => setNewUrl(e.target.value)} aria-label={t('networkScanners')} />
            <button type="button" disabled={!newUrl.trim()} onClick={() => { update({ networkScanners: [...settings.networkScanners, newUrl.trim()] }); setNewUrl(''); }}>{t('add')}</button>
          </div>
        </div>
        <label className="check">
          <input type="checkbox" checked={settings.discoverNetwork} onChange={(e) => update({ discoverNetwork: e.target.checked })} /> {t('discover')}
        </label>
      </fieldset>
      {message ? <p className="banner" role="status">{message}</p> : null}
      <button className="primary" type="submit">{t('saveSettings')}</button>
      {testing ? <ScanPanel target={{ kind: 'test' }} defaults={{ deviceId: settings.deviceId, profile: settings.profile }} onClose={() => setTesting(false)} /> : null}
    </form>
  );
}

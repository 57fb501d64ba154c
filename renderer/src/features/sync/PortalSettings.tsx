import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../main/contract/channels';
import { useMessages } from '../../common/i18n/i18n';
import { call, errorMessage, useSetStationData, useStation } from '../../common/station';
import { Field } from '../../common/ui/Field';
import { syncWords } from './messages';

type Settings = ChannelOutput<'portal.settings'>;

/** The technician's portal endpoint and credentials; the secret can be replaced, never read back. */
export function PortalSettings() {
  const t = useMessages(syncWords);
  const stored = useStation('portal.settings', {});
  const setData = useSetStationData();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [secret, setSecret] = useState('');
  const [message, setMessage] = useState('');
  useEffect(() => { if (stored.data && !settings) setSettings(stored.data); }, [stored.data, settings]);
  if (!settings) return null;
  const save = async () => {
    try {
      const saved = await call('portal.configure', { url: settings.url, clientId: settings.clientId, ...(secret ? { clientSecret: secret } : {}) });
      setData('portal.settings', {}, saved);
      setSettings(saved);
      setSecret('');
      setMessage(t('portalSaved'));
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };
  return (
    <form className="portal-settings" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <fieldset>
        <legend>{t('portalTitle')}</legend>
        <div className="grid">
          <Field className="wide" label={t('portalUrl')} name="portal.url" value={settings.url} placeholder="https://…" onChange={(e) => setSettings({ ...settings, url: e.target.value })} />
          <Field label={t('clientId')} name="portal.clientId" value={settings.clientId} onChange={(e) => setSettings({ ...settings, clientId: e.target.value })} />
          <Field label={settings.hasSecret ? t('secretKept') : t('secret')} name="portal.secret" type="password" value={secret} onChange={(e) => setSecret(e.target.value)} />
        </div>
        <div className="actions">
          <button className="primary" type="submit">{t('savePortal')}</button>
          <button type="button" onClick={() => void call('portal.test', {}).then((r) => setMessage(r.message)).catch((e: unknown) => setMessage(errorMessage(e)))}>{t('testPortal')}</button>
        </div>
        {message ? <p className="notice" role="status">{message}</p> : null}
      </fieldset>
    </form>
  );
}

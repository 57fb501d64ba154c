import { useState } from 'react';
import type { ChannelOutput } from '../../../../main/contract/channels';
import type { ScreenProps } from '../../app/paths';
import { useMessages } from '../../common/i18n/i18n';
import { call, errorMessage, fieldErrors, useSetStationData, useStation } from '../../common/station';
import { Field } from '../../common/ui/Field';
import { settingsWords } from './messages';

type Settings = ChannelOutput<'settings.get'>;

/** The technician's page: agency identity, dossier code format, slip paper, language. */
export default function SettingsScreen(_props: ScreenProps) {
  const settings = useStation('settings.get', {});
  if (!settings.data) return <p className="muted">{settings.error ? errorMessage(settings.error) : '…'}</p>;
  return <SettingsForm initial={settings.data} />;
}

function SettingsForm({ initial }: { initial: Settings }) {
  const t = useMessages(settingsWords);
  const setData = useSetStationData();
  const [agency, setAgency] = useState(initial.agency);
  const [station, setStation] = useState(initial.station);
  const [message, setMessage] = useState('');
  const [hoursText, setHoursText] = useState(initial.station.workingHours.map((h) => `${h.start}-${h.end}`).join(', '));
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = async () => {
    try {
      // "07:00-11:30, 13:30-17:00" → segments; the station checks order and overlap.
      const workingHours = hoursText.split(',').map((part) => {
        const [start = '', end = ''] = part.trim().split(/\s*[-–]\s*/);
        return { start, end };
      });
      setData('settings.get', {}, await call('settings.update', { agency, station: { ...station, workingHours } }));
      setErrors({});
      setMessage(t('settingsSaved'));
    } catch (e) {
      setErrors(fieldErrors(e));
      setMessage(errorMessage(e));
    }
  };
  const a = (k: Exclude<keyof typeof agency, 'demo'>) => (
    <Field label={t(k)} name={`agency.${k}`} value={String(agency[k])} error={errors[`agency.${k}`]}
      onChange={(e) => setAgency({ ...agency, [k]: e.target.value })} />
  );

  return (
    <form className="settings" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <fieldset>
        <legend>{t('agency')}</legend>
        <div className="grid">
          {a('parentName')}{a('name')}{a('unitName')}{a('placeName')}{a('agencyId')}{a('resultCounter')}
        </div>
        <label className="check">
          <input type="checkbox" checked={agency.demo} onChange={(e) => setAgency({ ...agency, demo: e.target.checked })} /> {t('demoData')}
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('station')}</legend>
        <div className="grid">
          <Field label={t('codeFormat')} name="station.codeFormat" value={station.codeFormat}
            error={errors['station.codeFormat'] ?? errors.codeFormat} onChange={(e) => setStation({ ...station, codeFormat: e.target.value })} />
          <Field label={t('stationNumber')} name="station.stationNumber" type="number" min={1} max={99} value={station.stationNumber}
            onChange={(e) => setStation({ ...station, stationNumber: Number(e.target.value) })} />
          <Field label={t('idleLock')} name="station.idleLockMinutes" type="number" min={1} max={240} value={station.idleLockMinutes}
            error={errors['station.idleLockMinutes']} onChange={(e) => setStation({ ...station, idleLockMinutes: Number(e.target.value) })} />
          <Field label={t('lookupUrl')} name="station.lookupUrlTemplate" value={station.lookupUrlTemplate}
            onChange={(e) => setStation({ ...station, lookupUrlTemplate: e.target.value })} />
          <Field label={t('workingHours')} name="station.workingHours" value={hoursText}
            error={errors['station.workingHours'] ?? Object.entries(errors).find(([k]) => k.startsWith('station.workingHours'))?.[1]}
            onChange={(e) => setHoursText(e.target.value)} />
          <div className="field">
            <label htmlFor="slip-paper">{t('paper')}</label>
            <select id="slip-paper" value={station.slipPaper} onChange={(e) => setStation({ ...station, slipPaper: e.target.value as 'A4' | 'A5' })}>
              <option value="A4">A4</option><option value="A5">A5</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="slip-copies">{t('copies')}</label>
            <select id="slip-copies" value={station.slipCopies} onChange={(e) => setStation({ ...station, slipCopies: Number(e.target.value) as 1 | 2 })}>
              <option value={2}>2</option><option value={1}>1</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="language">{t('language')}</label>
            <select id="language" value={station.language} onChange={(e) => setStation({ ...station, language: e.target.value as 'vi' | 'en' })}>
              <option value="vi">Tiếng Việt</option><option value="en">English</option>
            </select>
          </div>
        </div>
      </fieldset>
      {message ? <p className="banner" role="status">{message}</p> : null}
      <button className="primary" type="submit">{t('saveSettings')}</button>
    </form>
  );
}

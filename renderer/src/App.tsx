import { useCallback, useEffect, useState } from 'react';
import { call } from './station';
import { LangContext, useT, type Lang } from './i18n';
import { IntakeScreen } from './screens/IntakeScreen';
import { LogbookScreen } from './screens/LogbookScreen';
import { CalendarScreen } from './screens/CalendarScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { SyncScreen } from './screens/SyncScreen';
import { SigningScreen } from './screens/SigningScreen';
import { ScanSettingsScreen } from './screens/ScanSettingsScreen';
import { SyncStatusBar } from './components/SyncStatusBar';
import type { ChannelOutput } from '../../main/contract/channels';

type Screen = 'intake' | 'logbook' | 'sync' | 'calendar' | 'settings' | 'signing' | 'scanners';
type Info = ChannelOutput<'app.info'>;
type Settings = ChannelOutput<'settings.get'>;

export function App() {
  const [lang, setLang] = useState<Lang>('vi');
  const [settings, setSettings] = useState<Settings | null>(null);
  const reloadSettings = useCallback(async () => {
    const s = await call('settings.get', {});
    setSettings(s);
    setLang(s.station.language);
  }, []);
  useEffect(() => { void reloadSettings(); }, [reloadSettings]);
  useEffect(() => { document.documentElement.lang = lang; }, [lang]);
  return (
    <LangContext.Provider value={lang}>
      <Shell settings={settings} onSettingsChanged={reloadSettings} />
    </LangContext.Provider>
  );
}

/** The screens in tab order; Alt+1… opens the n-th. */
const tabOrder: Screen[] = ['intake', 'logbook', 'sync', 'calendar', 'settings', 'signing', 'scanners'];

function Shell({ settings, onSettingsChanged }: { settings: Settings | null; onSettingsChanged: () => Promise<void> }) {
  const t = useT();
  const [screen, setScreen] = useState<Screen>('intake');
  const [info, setInfo] = useState<Info | null>(null);
  const [intakeGeneration, setIntakeGeneration] = useState(0);

  useEffect(() => {
    void call('app.info', {}).then(setInfo);
  }, [screen]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F2') { e.preventDefault(); setScreen('intake'); setIntakeGeneration((g) => g + 1); }
      else if (e.key === 'F3') { e.preventDefault(); setScreen('logbook'); }
      else if (e.altKey && /^[1-9]$/.test(e.key)) {
        const target = tabOrder[Number(e.key) - 1];
        if (target) { e.preventDefault(); setScreen(target); }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const tabs: Array<[Screen, string, string]> = tabOrder.map((id, i) => [
    id,
    { intake: t('navIntake'), logbook: t('navLogbook'), sync: 'Đồng bộ', calendar: t('navCalendar'), settings: t('navSettings'), signing: 'Chữ ký số', scanners: 'Máy quét' }[id],
    id === 'intake' ? 'F2' : id === 'logbook' ? 'F3' : `Alt+${i + 1}`,
  ]);

  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <strong>{settings?.agency.name ?? ''}</strong>
          <span>{settings?.agency.unitName ?? t('appTitle')}</span>
        </div>
        <nav role="tablist" aria-label={t('appTitle')}>
          {tabs.map(([id, label, key]) => (
            <button key={id} role="tab" aria-selected={screen === id} className={screen === id ? 'active' : ''} onClick={() => setScreen(id)} tabIndex={-1}>
              {label} <kbd>{key}</kbd>
            </button>
          ))}
        </nav>
        {settings?.agency.demo ? <span className="badge demo">{t('demoData')}</span> : null}
      </header>
      <main className="content">
        {screen === 'intake' && settings && <IntakeScreen key={intakeGeneration} settings={settings} canPrint={info?.canPrint ?? false} />}
        {screen === 'logbook' && <LogbookScreen canPrint={info?.canPrint ?? false} />}
        {screen === 'sync' && <SyncScreen />}
        {screen === 'calendar' && <CalendarScreen />}
        {screen === 'settings' && settings && <SettingsScreen settings={settings} onSaved={onSettingsChanged} />}
        {screen === 'signing' && <SigningScreen />}
        {screen === 'scanners' && <ScanSettingsScreen />}
      </main>
      <footer className="statusbar">
        <SyncStatusBar onOpen={() => setScreen('sync')} />
        <span className="spacer" />
        <span>{t('shortcuts')}</span>
        {info && (
          <>
            <span>{info.host === 'web' ? 'Trình duyệt' : 'Máy trạm'} · v{info.version}</span>
            <span title={info.dataDir}>CSDL v{info.schemaVersion}</span>
          </>
        )}
      </footer>
    </div>
  );
}

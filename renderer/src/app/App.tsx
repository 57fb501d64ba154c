import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Router } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { LangContext } from '../common/i18n/i18n';
import { setClientLanguage, startStationEvents, useStation } from '../common/station';
import { createStationQueryClient } from '../common/station/cache';
import { AuthGate } from './AuthGate';
import { isDeviceWindow } from './device-window';
import { Shell } from './Shell';
import DisplayPage from '../features/display/DisplayPage';
import KioskScreen from '../features/queue/KioskScreen';

// The window: one query cache kept fresh by the station's events, the language of the station's
// settings, the hash router (the app loads from app://), the officer's login, the shell.

export function App() {
  const [client] = useState(createStationQueryClient);
  useEffect(() => startStationEvents(client), [client]);
  // The screen facing the citizen: its own session (role `display`), no login, no officer's shell.
  if (isDeviceWindow('display')) return <QueryClientProvider client={client}><DisplayPage /></QueryClientProvider>;
  // The ticket kiosk: its own session (role `kiosk`), never idle-locked, no officer's shell.
  if (isDeviceWindow('kiosk')) return <QueryClientProvider client={client}><main className="kiosk-window"><KioskScreen params={{}} /></main></QueryClientProvider>;
  return (
    <QueryClientProvider client={client}>
      <Language>
        <Router hook={useHashLocation}>
          <AuthGate>
            <Shell />
          </AuthGate>
        </Router>
      </Language>
    </QueryClientProvider>
  );
}

function Language({ children }: { children: React.ReactNode }) {
  const settings = useStation('settings.get', {});
  const lang = settings.data?.station.language ?? 'vi';
  useEffect(() => { document.documentElement.lang = lang; setClientLanguage(lang); }, [lang]);
  return <LangContext.Provider value={lang}>{children}</LangContext.Provider>;
}

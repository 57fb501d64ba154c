import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { ChangePassword, FirstStart, LockScreen, Login } from '../features/officers/AuthScreens';
import { OfficerContext } from '../common/officer';
import { call, useStation } from '../common/station';
import { onSessionChange } from '../common/station/session';

// Nothing of the work shows before an officer has logged in here. The station decides (the
// session's officer, locked or not); this gate asks it again whenever a call was refused for
// want of a session, and locks the window itself after the idle time without a key or a click.

export function AuthGate({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const setup = useStation('officers.setupState', {});
  const current = useStation('session.current', {});
  // Held once seen, so that the recovery code stays on screen after the account exists.
  const [settingUp, setSettingUp] = useState(false);
  const needsFirst = setup.data?.needsFirstOfficer ?? false;
  useEffect(() => { if (needsFirst) setSettingUp(true); }, [needsFirst]);
  useEffect(() => onSessionChange(() => { void client.invalidateQueries({ queryKey: ['session.current'] }); void client.invalidateQueries({ queryKey: ['officers.setupState'] }); }), [client]);

  if (setup.isPending || current.isPending) return null;
  if (needsFirst || settingUp) {
    return <FirstStart onDone={() => { setSettingUp(false); void client.invalidateQueries(); }} />;
  }
  const officer = current.data?.officer ?? null;
  if (!officer) return <Login />;
  if (officer.mustChangePassword) return <ChangePassword forced onDone={() => undefined} />;
  return (
    <OfficerContext.Provider value={officer}>
      <div className="work" inert={current.data?.locked ? true : undefined}>{children}</div>
      {current.data?.locked ? <LockScreen name={officer.fullName} /> : <IdleLock />}
    </OfficerContext.Provider>
  );
}

/** Locks the session after the station's idle time without a key or a click in this window. */
function IdleLock() {
  const client = useQueryClient();
  const settings = useStation('settings.get', {});
  const minutes = settings.data?.station.idleLockMinutes ?? 10;
  useEffect(() => {
    let last = Date.now();
    let activeSinceBeat = false;
    const seen = () => { last = Date.now(); activeSinceBeat = true; };
    window.addEventListener('keydown', seen, true);
    window.addEventListener('pointerdown', seen, true);
    const timer = setInterval(() => {
      if (Date.now() - last >= minutes * 60_000) {
        void call('session.lock', {}).finally(() => client.invalidateQueries({ queryKey: ['session.current'] }));
      } else if (activeSinceBeat) {
        // Typing a long form makes no call: tell the station the officer is still here.
        activeSinceBeat = false;
        void call('session.current', {}).then((s) => { if (s.locked || !s.officer) void client.invalidateQueries({ queryKey: ['session.current'] }); }).catch(() => undefined);
      }
    }, 30_000);
    return () => { clearInterval(timer); window.removeEventListener('keydown', seen, true); window.removeEventListener('pointerdown', seen, true); };
  }, [minutes, client]);
  return null;
}

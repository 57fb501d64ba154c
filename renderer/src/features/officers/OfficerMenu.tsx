import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { matchesKey } from '../../common/keys';
import { useMessages } from '../../common/i18n/i18n';
import { useOfficer } from '../../common/officer';
import { call } from '../../common/station';
import { setSessionId } from '../../common/station/session';
import { ChangePassword } from './AuthScreens';
import { officersWords, roleKey } from './messages';

export const LOCK_KEY = 'Ctrl+L';

/** Who is working here, in the top bar: lock (Ctrl+L) for a break, change the password, log out. */
export function OfficerMenu() {
  const t = useMessages(officersWords);
  const officer = useOfficer();
  const client = useQueryClient();
  const [changing, setChanging] = useState(false);
  const lock = async () => {
    await call('session.lock', {}).catch(() => undefined);
    await client.invalidateQueries({ queryKey: ['session.current'] });
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (matchesKey(e, LOCK_KEY)) { e.preventDefault(); void lock(); } };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  if (!officer) return null;
  const logout = async () => {
    await call('session.logout', {}).catch(() => undefined);
    setSessionId(null);
    await client.resetQueries(); // nothing of this officer's screens stays for the next one
  };
  return (
    <div className="officer-menu">
      <span className="officer-name" title={officer.roles.map((r) => t(roleKey(r))).join(', ')}>{officer.fullName}</span>
      <button type="button" tabIndex={-1} onClick={() => void lock()} title={LOCK_KEY}>{t('lock')} <kbd>{LOCK_KEY}</kbd></button>
      <button type="button" tabIndex={-1} onClick={() => setChanging(true)}>{t('changePassword')}</button>
      <button type="button" tabIndex={-1} onClick={() => void logout()}>{t('logout')}</button>
      {changing ? <ChangePassword forced={false} onDone={() => setChanging(false)} /> : null}
    </div>
  );
}

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ChannelOutput } from '../../../../main/contract/channels';
import { useMessages } from '../../common/i18n/i18n';
import { call, errorMessage, fieldErrors, useStation } from '../../common/station';
import { setSessionId } from '../../common/station/session';
import { Field } from '../../common/ui/Field';
import { Modal } from '../../common/ui/Modal';
import { officersWords } from './messages';
import { NewPassword, passwordsMatch } from './PasswordFields';

// The screens before the work: the station's first start, the login, the lock, the forced
// change of a first password. Each keeps focus in its first empty field and submits on Enter.

type SessionView = ChannelOutput<'session.login'>;

function AuthCard({ title, intro, children }: { title: string; intro?: string; children: React.ReactNode }) {
  const settings = useStation('settings.get', {});
  return (
    <main className="auth">
      <section className="auth-card" aria-label={title}>
        <p className="auth-agency">{settings.data?.agency.name ?? ''}<br /><small>{settings.data?.agency.unitName ?? ''}</small></p>
        <h1>{title}</h1>
        {intro ? <p className="notice">{intro}</p> : null}
        {children}
      </section>
    </main>
  );
}

/** First start: the technician's account (every role), then the recovery code to put away. */
export function FirstStart({ onDone }: { onDone: () => void }) {
  const t = useMessages(officersWords);
  const [form, setForm] = useState({ username: '', fullName: '' });
  const [password, setPassword] = useState({ first: '', again: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [session, setSession] = useState<SessionView | null>(null);
  const submit = async () => {
    if (!passwordsMatch(password)) { setErrors({ passwordAgain: t('passwordsDiffer') }); return; }
    setBusy(true);
    try {
      setSession(await call('officers.createFirst', { ...form, password: password.first }));
    } catch (e) {
      setErrors(fieldErrors(e));
      setMessage(Object.keys(fieldErrors(e)).length ? '' : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  if (session) return <RecoveryCode session={session} onDone={onDone} />;
  return (
    <AuthCard title={t('firstTitle')} intro={t('firstIntro')}>
      <form className="grid narrow" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Field label={t('fullName')} name="fullName" autoFocus value={form.fullName} error={errors.fullName} onChange={(e) => setForm({ ...form, fullName: e.target.value })} />
        <Field label={t('username')} name="username" value={form.username} error={errors.username} hint={t('usernameHint')} onChange={(e) => setForm({ ...form, username: e.target.value })} />
        <NewPassword value={password} onChange={setPassword} error={errors.password ?? errors.passwordAgain} />
        {message ? <p className="banner error" role="alert">{message}</p> : null}
        <div className="actions"><button className="primary" type="submit" disabled={busy}>{t('createFirst')}</button></div>
      </form>
    </AuthCard>
  );
}

/** The database key's recovery code, shown once after the first account; printed or copied, then kept. */
function RecoveryCode({ session, onDone }: { session: SessionView; onDone: () => void }) {
  const t = useMessages(officersWords);
  const [code, setCode] = useState<string | null | undefined>(undefined);
  const [kept, setKept] = useState(false);
  useEffect(() => {
    // The session is this window's from now on, but the shell waits until the code is put away.
    void call('officers.recoveryCode', {}, session.sessionId).then((r) => setCode(r.recoveryCode)).catch(() => setCode(null));
  }, [session.sessionId]);
  const finish = () => { setSessionId(session.sessionId); onDone(); };
  if (code === undefined) return null;
  if (code === null) { finish(); return null; }
  return (
    <AuthCard title={t('recoveryTitle')} intro={t('recoveryIntro')}>
      <p className="recovery-code" data-testid="recovery-code">{code}</p>
      <div className="actions">
        <button type="button" onClick={() => window.print()}>{t('printRecovery')}</button>
      </div>
      <label className="check"><input type="checkbox" autoFocus checked={kept} onChange={(e) => setKept(e.target.checked)} /> {t('recoveryKept')}</label>
      <div className="actions"><button className="primary" type="button" disabled={!kept} onClick={finish}>{t('continue')}</button></div>
    </AuthCard>
  );
}

/** The login: user name, password, Enter. A wrong password says so and leaves the user name. */
export function Login() {
  const t = useMessages(officersWords);
  const client = useQueryClient();
  const [username, setUsername] = useState(() => localStorage.getItem('station-last-user') ?? '');
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const passwordField = useRef<HTMLInputElement>(null);
  const submit = async () => {
    setBusy(true);
    try {
      const session = await call('session.login', { username, password });
      localStorage.setItem('station-last-user', session.officer.username);
      setSessionId(session.sessionId);
      await client.invalidateQueries();
    } catch (e) {
      setMessage(errorMessage(e));
      setPassword('');
      passwordField.current?.focus();
    } finally {
      setBusy(false);
    }
  };
  return (
    <AuthCard title={t('loginTitle')} intro={t('loginIntro')}>
      <form className="grid narrow" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Field label={t('username')} name="username" autoFocus={!username} autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
        <Field ref={passwordField} label={t('password')} name="password" type="password" autoFocus={!!username} autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        {message ? <p className="banner error" role="alert">{message}</p> : null}
        <div className="actions"><button className="primary" type="submit" disabled={busy || !username || !password}>{t('login')}</button></div>
      </form>
    </AuthCard>
  );
}

/**
 * Over the screen, which stays as it was underneath (the form being typed is kept): the
 * officer's password opens it again; another officer may log in instead (this one is logged out).
 */
export function LockScreen({ name }: { name: string }) {
  const t = useMessages(officersWords);
  const client = useQueryClient();
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState('');
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // The keys of the screen underneath (F2, Alt+N, Ctrl+S) do nothing while locked.
    const swallow = (e: KeyboardEvent) => {
      if (!(e.target instanceof Node) || !document.querySelector('.lock-screen')?.contains(e.target)) { e.stopImmediatePropagation(); e.preventDefault(); field.current?.focus(); }
      else if (e.key.startsWith('F') && e.key.length > 1) { e.stopImmediatePropagation(); e.preventDefault(); }
    };
    window.addEventListener('keydown', swallow, true);
    return () => window.removeEventListener('keydown', swallow, true);
  }, []);
  const unlock = async () => {
    try {
      await call('session.unlock', { password });
      await client.invalidateQueries();
    } catch (e) {
      setMessage(errorMessage(e));
      setPassword('');
      field.current?.focus();
    }
  };
  const another = async () => {
    await call('session.logout', {}).catch(() => undefined);
    setSessionId(null);
    await client.invalidateQueries();
  };
  return (
    <Modal label={t('lockedTitle')} onClose={() => field.current?.focus()} className="lock-screen" backdropClassName="lock-backdrop">
      <h2>{t('lockedTitle')}</h2>
      <p className="notice">{t('lockedIntro', { name })}</p>
      <form className="grid narrow" onSubmit={(e) => { e.preventDefault(); void unlock(); }}>
        <Field ref={field} label={t('password')} name="unlockPassword" type="password" autoFocus autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        {message ? <p className="banner error" role="alert">{message}</p> : null}
        <div className="actions">
          <button className="primary" type="submit" disabled={!password}>{t('unlock')}</button>
          <button type="button" onClick={() => void another()}>{t('otherOfficer')}</button>
        </div>
      </form>
    </Modal>
  );
}

/** Changing one's password: forced after a first login or a reset, or asked for from the top bar. */
export function ChangePassword({ forced, onDone }: { forced: boolean; onDone: () => void }) {
  const t = useMessages(officersWords);
  const client = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState({ first: '', again: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const submit = async () => {
    if (!passwordsMatch(next)) { setErrors({ next: t('passwordsDiffer') }); return; }
    try {
      await call('session.changePassword', { current, next: next.first });
      await client.invalidateQueries({ queryKey: ['session.current'] });
      onDone();
    } catch (e) {
      const fields = fieldErrors(e);
      setErrors(fields);
      setMessage(Object.keys(fields).length ? '' : errorMessage(e));
    }
  };
  const form = (
    <form className="grid narrow" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      {forced ? <p className="banner warn">{t('mustChange')}</p> : null}
      <Field label={t('currentPassword')} name="current" type="password" autoFocus autoComplete="current-password" value={current} error={errors.current} onChange={(e) => setCurrent(e.target.value)} />
      <NewPassword name="next" label={t('newPassword')} value={next} onChange={setNext} error={errors.next} />
      {message ? <p className="banner error" role="alert">{message}</p> : null}
      <div className="actions">
        <button className="primary" type="submit">{t('changePassword')}</button>
        {forced ? null : <button type="button" onClick={onDone}>{t('cancel')}</button>}
      </div>
    </form>
  );
  return forced ? <AuthCard title={t('changeTitle')}>{form}</AuthCard> : <Modal label={t('changeTitle')} onClose={onDone}><h2>{t('changeTitle')}</h2>{form}</Modal>;
}

import { useState } from 'react';
import type { ChannelOutput } from '../../../../main/contract/channels';
import type { ScreenProps } from '../../app/paths';
import { useMessages } from '../../common/i18n/i18n';
import { hasRole, useOfficer } from '../../common/officer';
import { call, errorMessage, fieldErrors, useInvalidate, useStation } from '../../common/station';
import { Field } from '../../common/ui/Field';
import { Modal } from '../../common/ui/Modal';
import { officersWords, roleKey } from './messages';
import { NewPassword, passwordsMatch } from './PasswordFields';

// The technician's accounts page (a leader reads it and checks the audit log). Accounts are
// created with a first password the officer changes at the first login; they are disabled, never
// deleted, so the audit log keeps naming who did what.

type Officer = ChannelOutput<'officers.list'>[number];
const ROLES = ['reception', 'technician', 'leader'] as const;
type AccountRole = (typeof ROLES)[number];
/** An account's roles as the form edits them: the display and the kiosk are devices, never accounts. */
const accountRoles = (roles: readonly string[]): AccountRole[] => ROLES.filter((r) => roles.includes(r));

export default function OfficersScreen(_props: ScreenProps) {
  const t = useMessages(officersWords);
  const me = useOfficer();
  const technician = hasRole(me, ['technician']);
  const officers = useStation('officers.list', {}, { enabled: technician });
  const [editing, setEditing] = useState<Officer | 'new' | null>(null);
  const [message, setMessage] = useState('');
  return (
    <section className="officers-screen">
      {technician ? (
        <>
          <header className="screen-head">
            <h1>{t('officersTitle')}</h1>
            <button className="primary" type="button" autoFocus onClick={() => setEditing('new')}>{t('newOfficer')}</button>
          </header>
          {message ? <p className="banner" role="status">{message}</p> : null}
          {officers.error ? <p className="banner error" role="alert">{errorMessage(officers.error)}</p> : null}
          <table className="officers">
            <thead><tr><th>{t('fullName')}</th><th>{t('username')}</th><th>{t('roles')}</th><th>{t('state')}</th><th /></tr></thead>
            <tbody>
              {(officers.data ?? []).map((o) => (
                <tr key={o.id} data-username={o.username} className={o.active ? '' : 'inactive'}>
                  <td>{o.fullName}</td>
                  <td><code>{o.username}</code></td>
                  <td>{o.roles.map((r) => t(roleKey(r))).join(', ')}</td>
                  <td>{o.active ? t('active') : t('inactive')}{o.mustChangePassword ? ` · ${t('mustChangeFlag')}` : ''}</td>
                  <td><button type="button" onClick={() => setEditing(o)}>{t('edit')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <AuditCheck />
      {editing ? <OfficerDialog officer={editing === 'new' ? null : editing} onClose={(m) => { setEditing(null); if (m) setMessage(m); }} /> : null}
    </section>
  );
}

function OfficerDialog({ officer, onClose }: { officer: Officer | null; onClose: (message?: string) => void }) {
  const t = useMessages(officersWords);
  const invalidate = useInvalidate();
  const [form, setForm] = useState({ username: officer?.username ?? '', fullName: officer?.fullName ?? '', roles: accountRoles(officer?.roles ?? ['reception']) });
  const [password, setPassword] = useState({ first: '', again: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const attempt = async (work: () => Promise<string>) => {
    try {
      const done = await work();
      await invalidate('officers.list');
      onClose(done);
    } catch (e) {
      const fields = fieldErrors(e);
      setErrors(fields);
      setMessage(Object.keys(fields).length ? '' : errorMessage(e));
    }
  };
  const toggleRole = (role: (typeof ROLES)[number]) =>
    setForm({ ...form, roles: form.roles.includes(role) ? form.roles.filter((r) => r !== role) : [...form.roles, role] });
  const save = () => {
    if (form.roles.length === 0) { setErrors({ roles: t('rolesRequired') }); return; }
    if (!officer) {
      if (!passwordsMatch(password)) { setErrors({ password: t('passwordsDiffer') }); return; }
      void attempt(async () => {
        const made = await call('officers.create', { username: form.username, fullName: form.fullName, roles: form.roles, password: password.first });
        return t('created', { username: made.username });
      });
    } else {
      void attempt(async () => {
        const saved = await call('officers.update', { id: officer.id, fullName: form.fullName, roles: form.roles });
        return t('saved', { username: saved.username });
      });
    }
  };
  const title = officer ? `${t('edit')}: ${officer.username}` : t('newOfficer');
  return (
    <Modal label={title} onClose={() => onClose()}>
      <h2>{title}</h2>
      <form className="grid narrow" onSubmit={(e) => { e.preventDefault(); save(); }}>
        <Field label={t('fullName')} name="fullName" autoFocus value={form.fullName} error={errors.fullName} onChange={(e) => setForm({ ...form, fullName: e.target.value })} />
        {officer ? null : <Field label={t('username')} name="username" value={form.username} error={errors.username} hint={t('usernameHint')} onChange={(e) => setForm({ ...form, username: e.target.value })} />}
        <fieldset className="roles">
          <legend>{t('roles')}</legend>
          {ROLES.map((r) => (
            <label key={r} className="check"><input type="checkbox" name={`role-${r}`} checked={form.roles.includes(r)} onChange={() => toggleRole(r)} /> {t(roleKey(r))}</label>
          ))}
          {errors.roles ? <p className="field-error" role="alert">{errors.roles}</p> : null}
        </fieldset>
        {officer ? null : <NewPassword label={t('initialPassword')} value={password} onChange={setPassword} error={errors.password} />}
        {message ? <p className="banner error" role="alert">{message}</p> : null}
        <div className="actions">
          <button className="primary" type="submit">{officer ? t('save') : t('create')}</button>
          <button type="button" onClick={() => onClose()}>{t('cancel')}</button>
        </div>
      </form>
      {officer ? <AccountActions officer={officer} onDone={(m) => void invalidate('officers.list').then(() => onClose(m))} onError={setMessage} /> : null}
    </Modal>
  );
}

/** Disabling or enabling an account, giving it a new first password. */
function AccountActions({ officer, onDone, onError }: { officer: Officer; onDone: (message: string) => void; onError: (message: string) => void }) {
  const t = useMessages(officersWords);
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState({ first: '', again: '' });
  const [error, setError] = useState<string | undefined>();
  const toggle = () =>
    void call('officers.update', { id: officer.id, active: !officer.active })
      .then((o) => onDone(t('saved', { username: o.username })))
      .catch((e: unknown) => onError(errorMessage(e)));
  const reset = () => {
    if (!passwordsMatch(password)) { setError(t('passwordsDiffer')); return; }
    void call('officers.resetPassword', { id: officer.id, password: password.first })
      .then((o) => onDone(t('resetDone', { username: o.username })))
      .catch((e: unknown) => setError(fieldErrors(e).password ?? errorMessage(e)));
  };
  return (
    <div className="account-actions">
      <div className="actions">
        <button type="button" className={officer.active ? 'danger' : ''} onClick={toggle}>{officer.active ? t('disable') : t('enable')}</button>
        <button type="button" onClick={() => setResetting(!resetting)}>{t('resetPassword')}</button>
      </div>
      {resetting ? (
        <form className="grid narrow" onSubmit={(e) => { e.preventDefault(); reset(); }}>
          <NewPassword name="reset" label={t('initialPassword')} value={password} onChange={setPassword} error={error} />
          <div className="actions"><button className="primary" type="submit">{t('resetPassword')}</button></div>
        </form>
      ) : null}
    </div>
  );
}

/** The audit log's chain checked end to end, with what a person reads of the verdict. */
function AuditCheck() {
  const t = useMessages(officersWords);
  const [verdict, setVerdict] = useState<ChannelOutput<'audit.verify'> | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const verify = async () => {
    setBusy(true);
    setError('');
    try { setVerdict(await call('audit.verify', {})); } catch (e) { setError(errorMessage(e)); } finally { setBusy(false); }
  };
  return (
    <section className="audit-check">
      <h2>{t('auditTitle')}</h2>
      <p className="notice">{t('auditIntro')}</p>
      <div className="actions"><button type="button" onClick={() => void verify()} disabled={busy}>{busy ? t('auditChecking') : t('auditVerify')}</button></div>
      {verdict ? <p className={`banner ${verdict.ok ? '' : 'error'}`} role="status" data-ok={verdict.ok}>{verdict.message}</p> : null}
      {error ? <p className="banner error" role="alert">{error}</p> : null}
    </section>
  );
}

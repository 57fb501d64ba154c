import { useCallback, useEffect, useState } from 'react';
import { call, errorMessage, fieldErrors } from '../station';
import { formatDateInput, parseDateInput } from '../i18n';
import { Field } from '../components/Field';
import type { ChannelOutput } from '../../../main/contract/channels';

type Entry = ChannelOutput<'sync.queue'>[number];
type List = 'waiting' | 'rejected' | 'sent';

const kindNames: Record<string, string> = { 'dossier.create': 'Hồ sơ mới', 'dossier.update': 'Sửa hồ sơ', 'file.upload': 'Tệp đính kèm', ack: 'Đã xác nhận' };
const when = (ms: number | null) => (ms ? new Date(ms).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '—');

/** What waits for the portal, what it refused and why, what went recently; and the portal settings. */
export function SyncScreen() {
  const [list, setList] = useState<List>('waiting');
  const [entries, setEntries] = useState<Entry[]>([]);
  const [status, setStatus] = useState<ChannelOutput<'sync.status'> | null>(null);
  const [correcting, setCorrecting] = useState<Entry | null>(null);
  const [message, setMessage] = useState('');

  const reload = useCallback(async () => {
    const [e, s] = await Promise.all([call('sync.queue', { list, limit: 200 }), call('sync.status', {})]);
    setEntries(e);
    setStatus(s);
  }, [list]);
  useEffect(() => {
    void reload();
    const timer = setInterval(() => void reload(), 3000);
    return () => clearInterval(timer);
  }, [reload]);

  return (
    <section className="sync">
      <div className="toolbar">
        <div role="tablist" className="segmented">
          {(['waiting', 'rejected', 'sent'] as const).map((l) => (
            <button key={l} role="tab" aria-selected={list === l} className={list === l ? 'active' : ''} onClick={() => setList(l)}>
              {{ waiting: `Đang chờ (${status?.pending ?? 0})`, rejected: `Bị từ chối (${status?.rejected ?? 0})`, sent: 'Đã gửi gần đây' }[l]}
            </button>
          ))}
        </div>
        <span className="spacer" />
        {status?.draining ? <span>Đang gửi {status.draining.sent}/{status.draining.total} <progress max={status.draining.total} value={status.draining.sent} /></span> : null}
        <button className="primary" onClick={() => void call('sync.retryNow', {}).then((r) => { setMessage(`Gửi lại ngay ${r.due} mục.`); void reload(); })}>Gửi lại ngay</button>
      </div>
      {status?.lastError ? <p className="banner error">Lỗi gần nhất: {status.lastError}</p> : null}
      {message ? <p className="banner" role="status">{message}</p> : null}
      <table className="dossiers">
        <thead><tr><th>Mã hồ sơ</th><th>Chủ hồ sơ</th><th>Nội dung</th><th>Số lần gửi</th><th>{list === 'sent' ? 'Gửi lúc' : 'Lần tới'}</th><th>Lý do</th><th /></tr></thead>
        <tbody>
          {entries.length === 0 ? <tr><td colSpan={7} className="empty">Không có mục nào.</td></tr> : null}
          {entries.map((e) => (
            <tr key={`${e.state}-${e.id}`} className={e.state}>
              <td className="code">{e.code}</td><td>{e.ownerName}</td><td>{kindNames[e.kind] ?? e.kind}</td><td>{e.attempts}</td>
              <td>{when(list === 'sent' ? e.at : e.nextAttemptAt)}</td><td className="reason">{e.lastError ?? ''}</td>
              <td>
                {e.state === 'rejected' ? (
                  <>
                    <button onClick={() => setCorrecting(e)}>Sửa hồ sơ</button>{' '}
                    <button onClick={() => void call('sync.resend', { id: e.id }).then(() => reload())}>Gửi lại</button>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {correcting && <CorrectOwner code={correcting.code} onDone={() => { setCorrecting(null); void reload(); }} />}
      <PortalSettings />
    </section>
  );
}

/** The owner's details, corrected after the portal refused them; saving queues them again. */
function CorrectOwner({ code, onDone }: { code: string; onDone: () => void }) {
  const [owner, setOwner] = useState<{ fullName: string; idNumber: string; birthDate: string; phone: string; email: string; address: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    void call('dossier.get', { code }).then((d) => setOwner({ ...d.owner, email: d.owner.email ?? '', birthDate: formatDateInput(d.owner.birthDate) }));
  }, [code]);
  if (!owner) return null;
  const set = (k: keyof typeof owner) => (e: React.ChangeEvent<HTMLInputElement>) => setOwner({ ...owner, [k]: e.target.value });
  const save = async () => {
    try {
      await call('dossier.correct', { code, owner: { ...owner, birthDate: parseDateInput(owner.birthDate), ...(owner.email ? {} : { email: undefined }) } });
      onDone();
    } catch (e) {
      setErrors(fieldErrors(e));
    }
  };
  return (
    <div className="modal-backdrop" onKeyDown={(e) => { if (e.key === 'Escape') onDone(); }}>
      <form className="modal" role="dialog" aria-modal="true" aria-label={`Sửa hồ sơ ${code}`} onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <header><h2>Sửa thông tin chủ hồ sơ {code}</h2></header>
        <div className="grid">
          <Field className="wide" label="Họ và tên" name="owner.fullName" value={owner.fullName} onChange={set('fullName')} error={errors['owner.fullName']} autoFocus />
          <Field label="Số định danh cá nhân" name="owner.idNumber" value={owner.idNumber} onChange={set('idNumber')} error={errors['owner.idNumber']} />
          <Field label="Ngày sinh" name="owner.birthDate" value={owner.birthDate} onChange={set('birthDate')} error={errors['owner.birthDate']} />
          <Field label="Số điện thoại" name="owner.phone" value={owner.phone} onChange={set('phone')} error={errors['owner.phone']} />
          <Field label="Email" name="owner.email" value={owner.email} onChange={set('email')} error={errors['owner.email']} />
          <Field className="full" label="Địa chỉ" name="owner.address" value={owner.address} onChange={set('address')} error={errors['owner.address']} />
        </div>
        <footer><span className="spacer" /><button className="primary" type="submit">Lưu và gửi lại</button><button type="button" onClick={onDone}>Đóng (Esc)</button></footer>
      </form>
    </div>
  );
}

/** The technician's portal endpoint and credentials; the secret can be replaced, never read back. */
function PortalSettings() {
  const [settings, setSettings] = useState<ChannelOutput<'portal.settings'> | null>(null);
  const [secret, setSecret] = useState('');
  const [message, setMessage] = useState('');
  useEffect(() => { void call('portal.settings', {}).then(setSettings); }, []);
  if (!settings) return null;
  const save = async () => {
    try {
      setSettings(await call('portal.configure', { url: settings.url, clientId: settings.clientId, ...(secret ? { clientSecret: secret } : {}) }));
      setSecret('');
      setMessage('Đã lưu cấu hình cổng.');
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };
  return (
    <form className="portal-settings" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <fieldset>
        <legend>Kết nối cổng dịch vụ công (cán bộ CNTT)</legend>
        <div className="grid">
          <Field className="wide" label="Địa chỉ cổng (LGSP)" name="portal.url" value={settings.url} placeholder="https://…" onChange={(e) => setSettings({ ...settings, url: e.target.value })} />
          <Field label="Mã ứng dụng (client id)" name="portal.clientId" value={settings.clientId} onChange={(e) => setSettings({ ...settings, clientId: e.target.value })} />
          <Field label={settings.hasSecret ? 'Mật khẩu ứng dụng (đã lưu — nhập để thay)' : 'Mật khẩu ứng dụng'} name="portal.secret" type="password" value={secret} onChange={(e) => setSecret(e.target.value)} />
        </div>
        <div className="actions">
          <button className="primary" type="submit">Lưu cấu hình cổng</button>
          <button type="button" onClick={() => void call('portal.test', {}).then((r) => setMessage(r.message))}>Kiểm tra kết nối</button>
        </div>
        {message ? <p className="notice" role="status">{message}</p> : null}
      </fieldset>
    </form>
  );
}

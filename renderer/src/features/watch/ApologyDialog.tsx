import { useState } from 'react';
import type { ChannelOutput } from '../../../../main/contract/channels';
import { formatDateTime } from '../../../../main/core/format';
import { isValidLocalDate } from '../../../../main/core/time';
import { useMessages } from '../../common/i18n/i18n';
import { call, errorMessage, fieldErrors, useStation } from '../../common/station';
import { advanceOnEnter } from '../../common/ui/advance';
import { DateField } from '../../common/ui/DateField';
import { Field } from '../../common/ui/Field';
import { Modal } from '../../common/ui/Modal';
import type { DossierLine } from './DossierLines';
import { FormPreview } from './FormPreview';
import { watchWords } from './messages';

type Issued = ChannelOutput<'dossier.transition'>;

/** "16:00", "16.00", "1600", "16h", "16" → "16:00"; anything else as typed (the check says so). */
export function parseTypedTime(text: string): string {
  const t = text.trim().toLowerCase();
  const m = /^(\d{1,2})(?:[:.h](\d{2})?)?$/.exec(t) ?? /^(\d{2})(\d{2})$/.exec(t);
  if (!m) return t;
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  if (hour > 23 || minute > 59) return t;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
/** The fields of the dialog that show their own error. */
const SHOWN_FIELDS = ['reason', 'newAppointmentAt', 'newTime', 'signer.role', 'signer.name'];
const isTime = (s: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s);

/**
 * "Xin lỗi, hẹn lại" for a dossier of the watch: the reason and the new date, then Mẫu 04
 * issued by `dossier.transition {event: 'apologise'}` in one step and shown to print. What the
 * officer typed stays when the station refuses, the message next to its field.
 */
export function ApologyDialog({ line, onClose }: { line: DossierLine; onClose: () => void }) {
  const t = useMessages(watchWords);
  const settings = useStation('lifecycle.settings', {});
  const [reason, setReason] = useState('');
  const [date, setDate] = useState('');
  const [time, setTime] = useState(line.dueAt.slice(11, 16));
  const [signer, setSigner] = useState<{ role: string; name: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<Issued | null>(null);
  const shownSigner = signer ?? settings.data?.signer ?? { role: '', name: '' };

  const submit = async () => {
    if (busy) return;
    const at = parseTypedTime(time);
    const local: Record<string, string> = {};
    if (!isTime(at)) local.newTime = t('timeInvalid', { value: time });
    if (Object.keys(local).length > 0) { setErrors(local); return; }
    setBusy(true);
    setMessage({ text: t('issuing'), failed: false });
    try {
      const answer = await call('dossier.transition', {
        code: line.code, event: 'apologise', reason,
        // A date that is not one goes as typed: the station says what is wrong with it, next to the field.
        newAppointmentAt: isValidLocalDate(date) ? `${date}T${at}` : date,
        ...(signer && (signer.name.trim() || signer.role.trim()) ? { signer } : {}),
      });
      setErrors({});
      setMessage(null);
      setIssued(answer);
    } catch (e) {
      setErrors(fieldErrors(e));
      setMessage({ text: errorMessage(e), failed: true });
    } finally {
      setBusy(false);
    }
  };

  const form = issued?.forms.find((f) => f.kind === 'apology') ?? issued?.forms[0];
  return (
    <Modal label={t('apologiseFor', { code: line.code })} onClose={onClose} className={issued ? 'apology issued' : 'apology'}>
      <header><h2>{t('apologiseFor', { code: line.code })}</h2></header>
      {issued && form ? (
        <>
          <p className="banner" role="status">
            {t('issued', { title: form.title, number: form.number ?? '', code: line.code, at: formatDateTime(issued.dossier.dueAt) })}
          </p>
          {issued.warnings.length > 0 ? (
            <div className="banner warn"><p>{t('warnings')}</p><ul>{issued.warnings.map((w) => <li key={w.code}>{w.message}</li>)}</ul></div>
          ) : null}
          <FormPreview formId={form.id} title={form.title} fileTitle={`Mẫu 04 - Phiếu xin lỗi và hẹn lại - ${line.code}`} />
          <footer><span className="spacer" /><button type="button" onClick={onClose}>{t('close')} (Esc)</button></footer>
        </>
      ) : (
        <form
          onSubmit={(e) => { e.preventDefault(); void submit(); }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void submit(); return; }
            advanceOnEnter(e);
          }}>
          <p className="muted small">{t('apologyIntro')}</p>
          <p className="apology-dossier">
            <strong>{line.ownerName}</strong> · {line.procedureName}<br />
            {t('currentDue', { at: formatDateTime(line.dueAt), late: line.lateness?.late ? line.lateness.text : t('notLate') })}
          </p>
          <div className={`field ${errors.reason ? 'has-error' : ''}`}>
            <label htmlFor="apology-reason">{t('reason')}</label>
            <textarea id="apology-reason" name="reason" rows={3} autoFocus value={reason} placeholder={t('reasonPlaceholder')}
              aria-invalid={!!errors.reason} aria-describedby={errors.reason ? 'apology-reason-error' : undefined}
              onChange={(e) => setReason(e.target.value)}
              // Enter moves on (a reason is one sentence); Shift+Enter breaks the line.
              onKeyDown={(e) => { if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey) { e.preventDefault(); e.currentTarget.form?.querySelector<HTMLInputElement>('input[name="newAppointmentDate"]')?.focus(); } }} />
            {errors.reason ? <p id="apology-reason-error" className="field-error" role="alert">{errors.reason}</p> : null}
          </div>
          <div className="grid">
            <DateField label={t('newDate')} name="newAppointmentDate" value={date} onChange={setDate} error={errors.newAppointmentAt} checkLocally={false} />
            <Field label={t('newTime')} name="newAppointmentTime" value={time} maxLength={5} inputMode="numeric" error={errors.newTime}
              onChange={(e) => setTime(e.target.value)} onBlur={() => setTime((v) => (isTime(parseTypedTime(v)) ? parseTypedTime(v) : v))} />
            <span />
            <Field label={t('signerRole')} name="signer.role" value={shownSigner.role} error={errors['signer.role']}
              onChange={(e) => setSigner({ ...shownSigner, role: e.target.value })} />
            <Field label={t('signerName')} name="signer.name" value={shownSigner.name} error={errors['signer.name']} hint={t('signerHint')}
              onChange={(e) => setSigner({ ...shownSigner, name: e.target.value })} />
          </div>
          {message && !(message.failed && Object.keys(errors).some((k) => SHOWN_FIELDS.includes(k)))
            ? <p className={message.failed ? 'banner error' : 'banner'} role="status">{message.text}</p> : null}
          <footer>
            <span className="spacer" />
            <button type="submit" className="primary" disabled={busy}>{busy ? t('issuing') : t('issue')}</button>
            <button type="button" onClick={onClose}>{t('cancel')} (Esc)</button>
          </footer>
        </form>
      )}
    </Modal>
  );
}

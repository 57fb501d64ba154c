import { useEffect, useState } from 'react';
import { call, fieldErrors, useInvalidate, useStation } from '../../common/station';
import { useMessages } from '../../common/i18n/i18n';
import { DateField } from '../../common/ui/DateField';
import { Field } from '../../common/ui/Field';
import { Modal } from '../../common/ui/Modal';
import { syncWords } from './messages';

type Owner = { fullName: string; idNumber: string; birthDate: string; phone: string; email: string; address: string };

/** The owner's details corrected (after the portal refused them, or any time); saving queues them for the portal. */
export function CorrectOwnerDialog({ code, onClose }: { code: string; onClose: (saved: boolean) => void }) {
  const t = useMessages(syncWords);
  const dossier = useStation('dossier.get', { code });
  const invalidate = useInvalidate();
  const [owner, setOwner] = useState<Owner | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (dossier.data && !owner) setOwner({ ...dossier.data.owner, email: dossier.data.owner.email ?? '' });
  }, [dossier.data, owner]);

  const save = async () => {
    if (!owner || saving) return;
    setSaving(true);
    try {
      await call('dossier.correct', { code, owner: { ...owner, ...(owner.email ? {} : { email: undefined }) } });
      // The correction is queued for the portal; the station announces the dossier, not the queue.
      void invalidate('sync.queue', 'sync.status');
      onClose(true);
    } catch (e) {
      setErrors(fieldErrors(e));
    } finally {
      setSaving(false);
    }
  };
  const set = (k: keyof Owner) => (e: React.ChangeEvent<HTMLInputElement>) => { const v = e.target.value; setOwner((o) => (o ? { ...o, [k]: v } : o)); };

  return (
    <Modal label={t('correctTitle', { code })} onClose={() => onClose(false)}>
      <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <header><h2>{t('correctTitle', { code })}</h2></header>
        {owner ? (
          <div className="grid">
            <Field className="wide" label={t('fullName')} name="owner.fullName" value={owner.fullName} onChange={set('fullName')} error={errors['owner.fullName']} autoFocus />
            <Field label={t('idNumber')} name="owner.idNumber" value={owner.idNumber} onChange={set('idNumber')} error={errors['owner.idNumber']} />
            <DateField label={t('birthDate')} name="owner.birthDate" value={owner.birthDate} checkLocally={false}
              onChange={(v) => setOwner((o) => (o ? { ...o, birthDate: v } : o))} error={errors['owner.birthDate']} />
            <Field label={t('phone')} name="owner.phone" value={owner.phone} onChange={set('phone')} error={errors['owner.phone']} />
            <Field label={t('email')} name="owner.email" value={owner.email} onChange={set('email')} error={errors['owner.email']} />
            <Field className="full" label={t('address')} name="owner.address" value={owner.address} onChange={set('address')} error={errors['owner.address']} />
          </div>
        ) : <p className="muted">…</p>}
        <footer>
          <span className="spacer" />
          <button className="primary" type="submit" disabled={!owner || saving}>{t('correctSave')}</button>
          <button type="button" onClick={() => onClose(false)}>{t('close')} (Esc)</button>
        </footer>
      </form>
    </Modal>
  );
}

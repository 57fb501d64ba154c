import { useCallback, useEffect, useRef, useState } from 'react';
import { call, errorMessage, fieldErrors } from '../station';
import { formatDateInput, formatLocalDateTime, formatProcessing, parseDateInput, useT } from '../i18n';
import { Field, advanceOnEnter } from '../components/Field';
import { ProcedurePicker } from '../components/ProcedurePicker';
import { SlipPreview } from '../components/SlipPreview';
import { ScanDocuments } from '../components/ScanDocuments';
import type { ChannelOutput } from '../../../main/contract/channels';
import type { DossierDraft, DossierView } from '../../../main/contract/schemas';

type Procedure = ChannelOutput<'catalogue.get'>;
type Settings = ChannelOutput<'settings.get'>;
type DocState = { received: boolean; originals: number; certifiedCopies: number; copies: number };

/** Everything the officer has typed; kept in localStorage so a crash or reload loses nothing. */
type FormState = {
  intakeKey: string;
  procedureCode: string;
  owner: { fullName: string; idNumber: string; birthDate: string; phone: string; email: string; address: string };
  submitterDiffers: boolean;
  submitter: { fullName: string; idNumber: string; phone: string };
  delivery: 'counter' | 'post';
  postalAddress: string;
  documents: Record<string, DocState>;
  sets: number;
  notes: string;
};

const DRAFT_KEY = 'station-intake-draft';

function emptyForm(): FormState {
  return {
    intakeKey: crypto.randomUUID(),
    procedureCode: '',
    owner: { fullName: '', idNumber: '', birthDate: '', phone: '', email: '', address: '' },
    submitterDiffers: false,
    submitter: { fullName: '', idNumber: '', phone: '' },
    delivery: 'counter',
    postalAddress: '',
    documents: {},
    sets: 1,
    notes: '',
  };
}

function toDraft(f: FormState): DossierDraft {
  return {
    intakeKey: f.intakeKey,
    procedureCode: f.procedureCode,
    owner: { ...f.owner, birthDate: parseDateInput(f.owner.birthDate), ...(f.owner.email.trim() ? {} : { email: undefined }) },
    submitter: f.submitterDiffers
      ? { fullName: f.submitter.fullName, ...(f.submitter.idNumber ? { idNumber: f.submitter.idNumber } : {}), ...(f.submitter.phone ? { phone: f.submitter.phone } : {}) }
      : null,
    resultDelivery: f.delivery === 'post' ? { method: 'post', address: f.postalAddress } : { method: 'counter' },
    documents: Object.entries(f.documents)
      .filter(([, d]) => d.received)
      .map(([code, d]) => ({ code, originals: d.originals, certifiedCopies: d.certifiedCopies, copies: d.copies })),
    sets: f.sets,
    notes: f.notes,
  };
}

function loadDraft(): FormState | null {
  try {
    const raw = localStorage.getItem(DRAFT_KEY);
    return raw ? (JSON.parse(raw) as FormState) : null;
  } catch {
    return null;
  }
}

export function IntakeScreen({ settings, canPrint }: { settings: Settings; canPrint: boolean }) {
  const t = useT();
  const restored = useRef(loadDraft());
  const [form, setForm] = useState<FormState>(() => restored.current ?? emptyForm());
  const [procedure, setProcedure] = useState<Procedure | null>(null);
  const [appointment, setAppointment] = useState<ChannelOutput<'appointment.preview'> | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [banner, setBanner] = useState(restored.current?.procedureCode ? t('draftRestored') : '');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<DossierView | null>(null);
  const [preview, setPreview] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const [idHint, setIdHint] = useState('');

  // A complete identity number tells the officer what to expect on the card: a quick cross-check.
  useEffect(() => {
    if (form.owner.idNumber.length !== 12) { setIdHint(''); return; }
    void call('identity.describe', { idNumber: form.owner.idNumber })
      .then((d) => setIdHint(`${d.gender === 'male' ? 'Nam' : 'Nữ'} · sinh năm ${d.birthYear} · ${d.provinceName}`))
      .catch(() => setIdHint(''));
  }, [form.owner.idNumber]);

  // Nothing typed is lost: every change is written to local storage until the dossier is saved.
  useEffect(() => {
    if (!saved) localStorage.setItem(DRAFT_KEY, JSON.stringify(form));
  }, [form, saved]);

  useEffect(() => {
    if (!form.procedureCode) { setProcedure(null); return; }
    void call('catalogue.get', { code: form.procedureCode }).then(setProcedure).catch(() => setProcedure(null));
  }, [form.procedureCode]);

  // The appointment follows the clock: recomputed on choice and every 30 s while the form is open.
  useEffect(() => {
    if (!form.procedureCode || saved) return;
    const refresh = () => void call('appointment.preview', { procedureCode: form.procedureCode }).then(setAppointment).catch(() => setAppointment(null));
    refresh();
    const timer = setInterval(refresh, 30_000);
    return () => clearInterval(timer);
  }, [form.procedureCode, saved]);

  const validate = useCallback(async (f: FormState) => {
    try {
      await call('dossier.validate', toDraft(f));
      setErrors({});
    } catch (e) {
      setErrors(fieldErrors(e));
    }
  }, []);

  const touch = (field: string) => {
    setTouched((s) => new Set(s).add(field));
    void validate(form);
  };
  const shown = (field: string) => (showAll || touched.has(field) ? errors[field] : undefined);

  const chooseProcedure = async (code: string) => {
    // Focus moves on at once: an officer typing ahead must not type into the procedure search.
    nameInput.current?.focus();
    const p = await call('catalogue.get', { code });
    setForm((f) => ({
      ...f,
      procedureCode: code,
      sets: p.sets,
      documents: Object.fromEntries(
        p.documents.map((d) => [d.code, { received: false, originals: d.originals, certifiedCopies: d.certifiedCopies, copies: d.copies }]),
      ),
    }));
    setProcedure(p);
  };

  const setOwner = (k: keyof FormState['owner'], v: string) => setForm((f) => ({ ...f, owner: { ...f.owner, [k]: v } }));
  const setSubmitter = (k: keyof FormState['submitter'], v: string) => setForm((f) => ({ ...f, submitter: { ...f.submitter, [k]: v } }));
  const setDoc = (code: string, patch: Partial<DocState>) =>
    setForm((f) => ({ ...f, documents: { ...f.documents, [code]: { ...f.documents[code]!, ...patch } } }));

  const save = useCallback(async () => {
    if (saving || saved) return;
    setSaving(true);
    setShowAll(true);
    try {
      const dossier = await call('dossier.save', toDraft(form));
      setSaved(dossier);
      setErrors({});
      setBanner('');
      localStorage.removeItem(DRAFT_KEY);
    } catch (e) {
      const fields = fieldErrors(e);
      setErrors(fields);
      setBanner(Object.keys(fields).length > 0 ? t('fixErrors') : errorMessage(e));
      const first = document.querySelector<HTMLElement>('[aria-invalid="true"]');
      first?.focus();
    } finally {
      setSaving(false);
    }
  }, [form, saving, saved, t]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') { e.preventDefault(); void save(); }
      else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'p') { e.preventDefault(); if (saved) setPreview(true); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save, saved]);

  if (saved) {
    return (
      <section className="saved" aria-live="polite">
        <h1>{t('saved')}</h1>
        <dl className="receipt-summary">
          <dt>{t('dossierCode')}</dt><dd className="dossier-code" data-testid="saved-code">{saved.code}</dd>
          <dt>{t('owner')}</dt><dd>{saved.owner.fullName}</dd>
          <dt>{t('procedure')}</dt><dd>{saved.procedureName}</dd>
          <dt>{t('receivedAt')}</dt><dd>{formatLocalDateTime(saved.receivedAt)}</dd>
          <dt>{t('appointment')}</dt><dd className="appointment-at" data-testid="saved-appointment">{formatLocalDateTime(saved.appointmentAt)}</dd>
        </dl>
        <div className="actions">
          <button className="primary" autoFocus onClick={() => setPreview(true)}>{t('printSlip')} (Ctrl+P)</button>
          <button onClick={() => { window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F2' })); }}>{t('newDossier')} (F2)</button>
        </div>
        <ScanDocuments dossierCode={saved.code} documents={saved.documents} />
        {preview && <SlipPreview code={saved.code} defaultPaper={settings.station.slipPaper} canPrint={canPrint} onClose={() => setPreview(false)} />}
      </section>
    );
  }

  const summary = procedure ? { code: procedure.code, name: procedure.name, field: procedure.field, processingTime: procedure.processingTime, demo: procedure.demo } : null;

  return (
    <form className="intake" onSubmit={(e) => { e.preventDefault(); void save(); }} onKeyDown={advanceOnEnter} noValidate>
      {banner ? <p className={`banner ${Object.keys(errors).length ? 'error' : ''}`} role="status">{banner}</p> : null}
      <div className="columns">
        <div className="col-main">
          <ProcedurePicker value={summary} onChoose={(c) => void chooseProcedure(c)} error={shown('procedureCode')} autoFocus={!form.procedureCode} />

          <fieldset>
            <legend>{t('owner')}</legend>
            <div className="grid">
              <Field ref={nameInput} className="wide" label={t('fullName')} name="owner.fullName" value={form.owner.fullName} maxLength={100}
                onChange={(e) => setOwner('fullName', e.target.value)} onBlur={() => touch('owner.fullName')} error={shown('owner.fullName')} />
              <Field label={t('idNumber')} name="owner.idNumber" inputMode="numeric" value={form.owner.idNumber} maxLength={12}
                onChange={(e) => setOwner('idNumber', e.target.value.replace(/\D/g, ''))} onBlur={() => touch('owner.idNumber')} error={shown('owner.idNumber')}
                hint={idHint} />
              <Field label={t('birthDate')} name="owner.birthDate" value={form.owner.birthDate} maxLength={10} placeholder="dd/mm/yyyy"
                onChange={(e) => setOwner('birthDate', e.target.value)}
                onBlur={() => { setOwner('birthDate', formatDateInput(parseDateInput(form.owner.birthDate))); touch('owner.birthDate'); }}
                error={shown('owner.birthDate')} />
              <Field label={t('phone')} name="owner.phone" inputMode="tel" value={form.owner.phone} maxLength={20}
                onChange={(e) => setOwner('phone', e.target.value)} onBlur={() => touch('owner.phone')} error={shown('owner.phone')} />
              <Field label={t('email')} name="owner.email" type="email" value={form.owner.email} maxLength={254}
                onChange={(e) => setOwner('email', e.target.value)} onBlur={() => touch('owner.email')} error={shown('owner.email')} />
              <Field className="full" label={t('address')} name="owner.address" value={form.owner.address} maxLength={300}
                onChange={(e) => setOwner('address', e.target.value)} onBlur={() => touch('owner.address')} error={shown('owner.address')} />
            </div>
            <label className="check">
              <input type="checkbox" name="submitterDiffers" checked={form.submitterDiffers} onChange={(e) => setForm((f) => ({ ...f, submitterDiffers: e.target.checked }))} />
              {t('submitterDiffers')}
            </label>
            {form.submitterDiffers && (
              <div className="grid">
                <Field className="wide" label={`${t('submitter')}: ${t('fullName').toLowerCase()}`} name="submitter.fullName" value={form.submitter.fullName} maxLength={100}
                  onChange={(e) => setSubmitter('fullName', e.target.value)} onBlur={() => touch('submitter.fullName')} error={shown('submitter.fullName')} />
                <Field label={t('submitterId')} name="submitter.idNumber" inputMode="numeric" value={form.submitter.idNumber} maxLength={12}
                  onChange={(e) => setSubmitter('idNumber', e.target.value.replace(/\D/g, ''))} onBlur={() => touch('submitter.idNumber')} error={shown('submitter.idNumber')} />
                <Field label={t('phone')} name="submitter.phone" value={form.submitter.phone} maxLength={20}
                  onChange={(e) => setSubmitter('phone', e.target.value)} onBlur={() => touch('submitter.phone')} error={shown('submitter.phone')} />
              </div>
            )}
          </fieldset>

          <fieldset>
            <legend>{t('documents')}</legend>
            {procedure ? (
              <table className="documents">
                <thead>
                  <tr><th /><th>{t('docName')}</th><th>{t('originals')}</th><th>{t('certifiedCopies')}</th><th>{t('copies')}</th></tr>
                </thead>
                <tbody>
                  {procedure.documents.map((d) => {
                    const state = form.documents[d.code];
                    if (!state) return null;
                    const count = (k: 'originals' | 'certifiedCopies' | 'copies') => (
                      <td>
                        <input type="number" min={0} max={99} aria-label={`${t(k)}: ${d.name}`} value={state[k]} disabled={!state.received}
                          onChange={(e) => setDoc(d.code, { [k]: Math.max(0, Math.min(99, Number(e.target.value) || 0)) })} />
                      </td>
                    );
                    return (
                      <tr key={d.code} className={state.received ? 'received' : ''}>
                        <td>
                          <input type="checkbox" id={`doc-${d.code}`} checked={state.received} onChange={(e) => setDoc(d.code, { received: e.target.checked })} />
                        </td>
                        <td>
                          <label htmlFor={`doc-${d.code}`}>{d.name}</label>
                          {!d.mandatory ? <small className="optional"> ({t('optional')})</small> : null}
                        </td>
                        {count('originals')}{count('certifiedCopies')}{count('copies')}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            ) : <p className="hint">{t('procedureSearch')}</p>}
            {shown('documents') ? <p className="field-error" role="alert" data-testid="documents-error">{shown('documents')}</p> : null}
          </fieldset>
        </div>

        <aside className="col-side">
          <section className="appointment-card" aria-live="polite">
            <h2>{t('appointment')}</h2>
            {appointment && procedure ? (
              <>
                <p className="appointment-at" data-testid="appointment-preview">{formatLocalDateTime(appointment.appointmentAt)}</p>
                <p className="muted">{t('processing')}: {formatProcessing(procedure.processingTime)}</p>
                <p className="muted">{t('countingFrom')}: {formatLocalDateTime(appointment.countingFrom)}</p>
              </>
            ) : <p className="muted">—</p>}
          </section>
          <fieldset>
            <legend>{t('delivery')}</legend>
            <label className="check">
              <input type="radio" name="delivery" checked={form.delivery === 'counter'} onChange={() => setForm((f) => ({ ...f, delivery: 'counter' }))} />
              {t('deliveryCounter')}
            </label>
            <label className="check">
              <input type="radio" name="delivery" checked={form.delivery === 'post'}
                onChange={() => setForm((f) => ({ ...f, delivery: 'post', postalAddress: f.postalAddress || f.owner.address }))} />
              {t('deliveryPost')}
            </label>
            {form.delivery === 'post' && (
              <Field label={t('postalAddress')} name="resultDelivery.address" value={form.postalAddress} maxLength={300}
                onChange={(e) => setForm((f) => ({ ...f, postalAddress: e.target.value }))} onBlur={() => touch('resultDelivery.address')} error={shown('resultDelivery.address')} />
            )}
          </fieldset>
          <div className="grid narrow">
            <Field label={t('sets')} name="sets" type="number" min={1} max={20} value={form.sets}
              onChange={(e) => setForm((f) => ({ ...f, sets: Math.max(1, Math.min(20, Number(e.target.value) || 1)) }))} />
          </div>
          <div className="field">
            <label htmlFor="notes">{t('notes')}</label>
            <textarea id="notes" name="notes" rows={3} maxLength={1000} value={form.notes} onChange={(e) => setForm((f) => ({ ...f, notes: e.target.value }))} />
          </div>
          <button type="submit" className="primary big" disabled={saving}>{saving ? t('saving') : `${t('save')} (Ctrl+S)`}</button>
        </aside>
      </div>
    </form>
  );
}

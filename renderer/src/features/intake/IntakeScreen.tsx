import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatAppointment, formatProcessingTime } from '../../../../main/core/format';
import type { DossierView } from '../../../../main/contract/schemas';
import { useLang, useMessages } from '../../common/i18n/i18n';
import { call, errorMessage, fieldErrors, stationKey, useStation } from '../../common/station';
import { advanceOnEnter } from '../../common/ui/advance';
import { DateField } from '../../common/ui/DateField';
import { Field } from '../../common/ui/Field';
import { useVisit } from '../../common/visits';
import { formatRecent } from '../../common/when';
import type { ScreenProps } from '../../app/paths';
import { DocumentsChecklist } from './DocumentsChecklist';
import { useIntakeKeyConflict } from './IntakeKeyConflict';
import { discardLeft, intakeState, keepForm, keepSaved, leftForm, restoreLeft, startNew, type LeftForm } from './drafts';
import { CounterRequests } from './CounterRequests';
import { emptyForm, toDraft, type DocState, type FormState } from './form';
import { intakeWords } from './messages';
import { ProcedurePicker } from './ProcedurePicker';
import { RecentDossiers } from './RecentDossiers';
import { SavedDossier } from './SavedDossier';
import { useDeskAtIntake } from '../devices/desk-intake';

/** The intake form: F2 gives a clean one with the cursor in the procedure search; Ctrl+S receives it. */
export default function IntakeScreen(_props: ScreenProps) {
  const [state, setState] = useState(intakeState);
  const [left, setLeft] = useState<LeftForm | null>(leftForm);
  const picker = useRef<HTMLInputElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  // What the last counter request or resumed intake said, above the form that replaced it.
  const [notice, setNotice] = useState('');

  const showForm = (form: FormState) => setState({ kind: 'form', form });
  useVisit('intake', (visit) => {
    if (visit.kind === 'hotkey') {
      // F2: a new dossier, whatever was on screen; a form with something in it is set aside and offered.
      showForm(startNew());
      setLeft(leftForm());
      setNotice('');
      requestAnimationFrame(() => picker.current?.focus());
    } else {
      // Alt+1, a click, back from a dossier page: the form as it was, the cursor where typing goes on.
      const current = intakeState();
      requestAnimationFrame(() => (current.kind === 'form' && current.form.procedureCode ? nameInput.current : picker.current)?.focus());
    }
  });

  if (state.kind === 'saved') return <SavedDossier dossier={state.dossier} />;
  return (
    <IntakeForm
      key={state.form.intakeKey}
      initial={state.form}
      left={left}
      picker={picker}
      nameInput={nameInput}
      onRestore={() => { const form = restoreLeft(); setLeft(leftForm()); if (form) showForm(form); }}
      onDiscard={() => { discardLeft(); setLeft(null); picker.current?.focus(); }}
      onSaved={(dossier) => { keepSaved(dossier); setState({ kind: 'saved', dossier }); }}
      notice={notice}
      onReplace={(form, text, setAside) => {
        if (setAside) { startNew(); setLeft(leftForm()); }
        keepForm(form); setNotice(text); showForm(form);
        // A cleared form waits for the next procedure; a resumed one for the papers brought.
        requestAnimationFrame(() => (form.procedureCode ? document.querySelector<HTMLElement>('form.intake table.documents input[tabindex="0"]') ?? nameInput.current : picker.current)?.focus());
      }}
    />
  );
}

function IntakeForm({ initial, left, picker, nameInput, onRestore, onDiscard, onSaved, notice, onReplace }: {
  initial: FormState;
  left: LeftForm | null;
  picker: React.RefObject<HTMLInputElement | null>;
  nameInput: React.RefObject<HTMLInputElement | null>;
  onRestore: () => void;
  onDiscard: () => void;
  onSaved: (dossier: DossierView) => void;
  notice: string;
  /** Another form in place of this one (cleared after a counter request, or a kept intake resumed). */
  onReplace: (form: FormState, notice: string, setAside: boolean) => void;
}) {
  const t = useMessages(intakeWords);
  const lang = useLang();
  const client = useQueryClient();
  const [form, setFormState] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [banner, setBanner] = useState(notice);
  const [saving, setSaving] = useState(false);
  const conflict = useIntakeKeyConflict(onSaved); // the same form saved before with other data

  const setForm = (update: (f: FormState) => FormState) => setFormState((f) => { const next = update(f); keepForm(next); return next; });
  const deskStatus = useDeskAtIntake(form, setForm); // the identity card fills the owner; the citizen's screen mirrors the form

  const code = form.procedureCode;
  const procedure = useStation('catalogue.get', { code }, { enabled: code !== '' });
  // The appointment follows the clock: recomputed on choice and every 30 s while the form is open.
  const appointment = useStation('appointment.preview', { procedureCode: code }, { enabled: code !== '', refetchInterval: 30_000, staleTime: 0 });
  const idNumber = form.owner.idNumber;
  const identity = useStation('identity.describe', { idNumber }, { enabled: idNumber.length === 12 });
  const idHint = identity.data && idNumber.length === 12
    ? t('idHint', { gender: t(identity.data.gender), year: identity.data.birthYear, province: identity.data.provinceName })
    : '';

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

  // Focus has moved on already (onLeave): the officer may be typing the name, or further, by the
  // time the procedure's documents arrive; nothing here moves it back.
  const chooseProcedure = async (chosen: string) => {
    const p = await client.fetchQuery({ queryKey: stationKey('catalogue.get', { code: chosen }), queryFn: () => call('catalogue.get', { code: chosen }) });
    setForm((f) => ({
      ...f,
      procedureCode: chosen,
      sets: p.sets,
      documents: Object.fromEntries(p.documents.map((d) => [d.code, { received: false, originals: d.originals, certifiedCopies: d.certifiedCopies, copies: d.copies }])),
    }));
  };

  const setOwner = (k: keyof FormState['owner'], v: string) => setForm((f) => ({ ...f, owner: { ...f.owner, [k]: v } }));
  const setSubmitter = (k: keyof FormState['submitter'], v: string) => setForm((f) => ({ ...f, submitter: { ...f.submitter, [k]: v } }));
  const setDoc = (docCode: string, patch: Partial<DocState>) =>
    setForm((f) => ({ ...f, documents: { ...f.documents, [docCode]: { ...f.documents[docCode]!, ...patch } } }));
  const tickMandatory = () => {
    const docs = procedure.data?.documents ?? [];
    setForm((f) => ({
      ...f,
      documents: Object.fromEntries(Object.entries(f.documents).map(([c, s]) => {
        const d = docs.find((x) => x.code === c);
        if (!d?.mandatory || s.received) return [c, s];
        const none = s.originals + s.certifiedCopies + s.copies === 0;
        return [c, { ...s, received: true, ...(none ? { originals: d.originals, certifiedCopies: d.certifiedCopies, copies: d.copies } : {}) }];
      })),
    }));
  };

  const save = useCallback(async () => {
    if (saving) return;
    setSaving(true);
    setShowAll(true);
    try {
      const dossier = await call('dossier.save', toDraft(form));
      // The slip is prepared while the officer looks at the receipt: Ctrl+P shows it at once.
      void client.prefetchQuery({ queryKey: stationKey('slip.pdf', { code: dossier.code }), queryFn: () => call('slip.pdf', { code: dossier.code }) });
      onSaved(dossier);
    } catch (e) {
      if (conflict.offer(e, toDraft(form))) return;
      const fields = fieldErrors(e);
      setErrors(fields);
      setBanner(Object.keys(fields).length > 0 ? t('fixErrors') : errorMessage(e));
      requestAnimationFrame(() => document.querySelector<HTMLElement>('form.intake [aria-invalid="true"]')?.focus());
    } finally {
      setSaving(false);
    }
  }, [form, saving, t, client, onSaved, conflict]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') { e.preventDefault(); void save(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  const p = procedure.data && procedure.data.code === code ? procedure.data : null;
  const summary = p ? { code: p.code, name: p.name, field: p.field, processingTime: p.processingTime, demo: p.demo } : null;

  return (
    <form className="intake" onSubmit={(e) => { e.preventDefault(); void save(); }} onKeyDown={advanceOnEnter} noValidate>
      {conflict.dialog}
      {left ? <RecoveryOffer left={left} onRestore={onRestore} onDiscard={onDiscard} /> : null}
      {banner ? <p className={`banner ${Object.keys(errors).length ? 'error' : ''}`} role="status">{banner}</p> : null}
      {deskStatus}
      <div className="columns">
        <div className="col-main">
          <ProcedurePicker inputRef={picker} autoFocus={!form.procedureCode} value={summary} onChoose={(c) => void chooseProcedure(c)} onLeave={() => nameInput.current?.focus() /* an officer typing ahead must not type into the search */} error={shown('procedureCode')} />

          <fieldset>
            <legend>{t('owner')}</legend>
            <div className="grid">
              <Field ref={nameInput} className="wide" label={t('fullName')} name="owner.fullName" value={form.owner.fullName} maxLength={100}
                onChange={(e) => setOwner('fullName', e.target.value)} onBlur={() => touch('owner.fullName')} error={shown('owner.fullName')} />
              <Field label={t('idNumber')} name="owner.idNumber" inputMode="numeric" value={form.owner.idNumber} maxLength={12}
                onChange={(e) => setOwner('idNumber', e.target.value.replace(/\D/g, ''))} onBlur={() => touch('owner.idNumber')} error={shown('owner.idNumber')}
                hint={idHint} />
              <DateField label={t('birthDate')} name="owner.birthDate" value={form.owner.birthDate} checkLocally={false}
                onChange={(v) => setOwner('birthDate', v)} onBlur={() => touch('owner.birthDate')} error={shown('owner.birthDate')} />
              <Field label={t('phone')} name="owner.phone" inputMode="tel" value={form.owner.phone} maxLength={20}
                onChange={(e) => setOwner('phone', e.target.value)} onBlur={() => touch('owner.phone')} error={shown('owner.phone')} />
              <Field label={t('email')} name="owner.email" type="email" value={form.owner.email} maxLength={254}
                onChange={(e) => setOwner('email', e.target.value)} onBlur={() => touch('owner.email')} error={shown('owner.email')} />
              <Field className="span2" label={t('address')} name="owner.address" value={form.owner.address} maxLength={300}
                onChange={(e) => setOwner('address', e.target.value)} onBlur={() => touch('owner.address')} error={shown('owner.address')} />
            </div>
            {p && idNumber.length === 12 ? <RecentDossiers idNumber={idNumber} procedureCode={p.code} /> : null}
            <label className="check">
              <input type="checkbox" name="submitterDiffers" checked={form.submitterDiffers} onChange={(e) => { const on = e.target.checked; setForm((f) => ({ ...f, submitterDiffers: on })); }} />
              {t('submitterDiffers')}
            </label>
            {form.submitterDiffers && (
              <div className="grid">
                <Field label={t('submitterName')} name="submitter.fullName" value={form.submitter.fullName} maxLength={100}
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
            {p ? (
              <DocumentsChecklist documents={p.documents} state={form.documents} onChange={setDoc} onTickMandatory={tickMandatory} error={shown('documents')} />
            ) : <p className="hint">{t('chooseProcedureFirst')}</p>}
            <div className="field notes">
              <label htmlFor="notes">{t('notes')}</label>
              <textarea id="notes" name="notes" rows={2} maxLength={1000} value={form.notes} onChange={(e) => { const v = e.target.value; setForm((f) => ({ ...f, notes: v })); }} />
            </div>
          </fieldset>
        </div>

        <aside className="col-side">
          <section className="appointment-card" aria-live="polite">
            <h2>{t('appointment')}</h2>
            {appointment.data && p ? (
              <>
                <p className="appointment-at" data-testid="appointment-preview">{formatAppointment(appointment.data.appointmentAt, lang)}</p>
                <p className="muted">{t('processing')}: {formatProcessingTime(p.processingTime, lang)}</p>
                <p className="muted">{t('countingFrom')}: {formatAppointment(appointment.data.countingFrom, lang)}</p>
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
                onChange={(e) => { const v = e.target.value; setForm((f) => ({ ...f, postalAddress: v })); }} onBlur={() => touch('resultDelivery.address')} error={shown('resultDelivery.address')} />
            )}
          </fieldset>
          <div className="grid narrow">
            <Field label={t('sets')} name="sets" type="number" min={1} max={20} value={form.sets}
              onChange={(e) => { const n = Math.max(1, Math.min(20, Number(e.target.value) || 1)); setForm((f) => ({ ...f, sets: n })); }} />
          </div>
          <button type="submit" className="primary big" disabled={saving}>{saving ? t('saving') : `${t('save')} (Ctrl+S)`}</button>
          <CounterRequests form={form} procedure={p} onFormErrors={(fields) => { setErrors((e) => ({ ...e, ...fields })); setTouched((s) => new Set([...s, ...Object.keys(fields)])); }}
            onIssued={(text) => onReplace(emptyForm(), text, false)} onResume={(resumed, text) => onReplace(resumed, text, true)} />
        </aside>
      </div>
    </form>
  );
}

function RecoveryOffer({ left, onRestore, onDiscard }: { left: LeftForm; onRestore: () => void; onDiscard: () => void }) {
  const t = useMessages(intakeWords);
  const name = left.form.owner.fullName.trim() || t('unnamed');
  const text = left.at === null ? t('recoverOfferNoTime', { name }) : t('recoverOffer', { at: formatRecent(left.at), name });
  return (
    <div className="banner recovery" role="status" data-testid="recovery-offer">
      <span>{text}</span>
      <span className="spacer" />
      <button type="button" onClick={onRestore}>{t('restore')}</button>
      <button type="button" onClick={onDiscard}>{t('discard')}</button>
    </div>
  );
}

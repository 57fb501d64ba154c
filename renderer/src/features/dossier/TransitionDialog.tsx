import { useEffect, useState } from 'react';
import { formatAppointment } from '../../../../main/core/format';
import { statusNames } from '../../../../main/core/messages';
import { useLang, useMessages } from '../../common/i18n/i18n';
import { call, errorMessage, fieldErrors, useInvalidate } from '../../common/station';
import { DateField } from '../../common/ui/DateField';
import { Field } from '../../common/ui/Field';
import { Modal } from '../../common/ui/Modal';
import { DialogForm, type CounterEvent, type DossierRef, type EventForm, type EventFormProps, type TransitionAnswer, type TransitionInput } from './dialog-form';
import { errorOf, linesOf, otherErrors, TextAreaField, useReturnFocus } from './fields';
import { formLabel, IssuedFormPreview, type IssuedForm } from './IssuedFormPreview';
import { lifeWords } from './life-messages';

// One counter change of a dossier (`dossier.transition`): the fields its event needs, the
// station's refusals next to them (nothing typed is lost), then what was recorded — the warnings
// and the forms made, to preview and print for the citizen.

/**
 * The dialog of `event` for `dossier`; `onDone` hears the answer (a list refreshes its row).
 */
export function TransitionDialog({ dossier, event, onClose, onDone }: {
  dossier: DossierRef;
  event: CounterEvent;
  onClose: () => void;
  onDone?: (answer: TransitionAnswer) => void;
}) {
  const t = useMessages(lifeWords);
  const lang = useLang();
  const invalidate = useInvalidate();
  useReturnFocus();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<TransitionAnswer | null>(null);
  const [viewing, setViewing] = useState<IssuedForm | null>(null);
  const form = eventForms[event];
  // The form the citizen takes with them comes first: its preview opens as soon as the answer
  // is shown (after its Close button took focus, so that closing the preview returns there).
  useEffect(() => { if (answer?.forms[0]) setViewing(answer.forms[0]); }, [answer]);
  // A refusal: the cursor to the first field it marks, once the marks are on screen.
  useEffect(() => { if (Object.keys(errors).length > 0) document.querySelector<HTMLElement>('.transition-dialog [aria-invalid="true"]')?.focus(); }, [errors]);
  const title = t(`act_${event}`);

  const submit = async (input: TransitionInput) => {
    if (busy) return;
    setBusy(true);
    try {
      const done = await call('dossier.transition', input);
      setErrors({});
      setBanner('');
      setAnswer(done);
      void invalidate('dossier.get', 'dossier.timeline', 'results.ready');
      onDone?.(done);
    } catch (e) {
      const fields = fieldErrors(e);
      setErrors(fields);
      const rest = otherErrors(fields, form.fields);
      setBanner(Object.keys(fields).length === 0 ? errorMessage(e) : rest.length > 0 ? rest.join(' ') : t('fixFields'));
    } finally {
      setBusy(false);
    }
  };

  const heading = (
    <header>
      <h2>{title}</h2>
      <p className="muted">{t('dialogFor', { code: dossier.code, owner: dossier.ownerName })}</p>
    </header>
  );

  if (answer) {
    const status = statusNames[answer.dossier.status as keyof typeof statusNames]?.[lang] ?? String(answer.dossier.status);
    return (
      <Modal label={title} onClose={onClose} className="transition-dialog">
        {heading}
        <p className="banner ok" role="status" data-testid="transition-recorded">{t('recorded', { event: title, status })}</p>
        <p>{t('newAppointment', { at: formatAppointment(answer.dossier.dueAt, lang) })}</p>
        {answer.warnings.length > 0 && (
          <ul className="banner warn warnings" data-testid="transition-warnings">
            {answer.warnings.map((w) => <li key={w.code}>{w.message}</li>)}
          </ul>
        )}
        {answer.forms.length > 0 && (
          <>
            <p>{t('formsMade')}</p>
            <ul className="forms-made">
              {answer.forms.map((f) => (
                <li key={f.id}>{formLabel(f)} <button type="button" onClick={() => setViewing(f)}>{t('viewAndPrint')}</button></li>
              ))}
            </ul>
          </>
        )}
        <footer><span className="spacer" /><button type="button" autoFocus onClick={onClose}>{t('close')} (Esc)</button></footer>
        {viewing && <IssuedFormPreview form={viewing} notice={t('recorded', { event: title, status })} onClose={() => setViewing(null)} />}
      </Modal>
    );
  }

  const Form = form.Form;
  return (
    <Modal label={title} onClose={onClose} className="transition-dialog">
      {heading}
      {banner ? <p className="banner error" role="alert" data-testid="transition-error">{banner}</p> : null}
      <Form dossier={dossier} errors={errors} busy={busy} submit={(input) => void submit(input)} onCancel={onClose} />
    </Modal>
  );
}

// ---------------------------------------------------------------------------------------------
// Each event's fields

function noteOnlyForm({ event, hint }: { event: 'finish' | 'finish_at_counter' | 'meet_financial_obligation'; hint: 'finishHint' | 'finishAtCounterHint' | 'financialHint' }) {
  return function NoteForm({ dossier, errors, busy, submit, onCancel }: EventFormProps) {
    const t = useMessages(lifeWords);
    const [note, setNote] = useState('');
    return (
      <DialogForm busy={busy} onCancel={onCancel} submitLabel={t('record')} onSubmit={() => submit({ code: dossier.code, event, ...(note.trim() ? { note } : {}) })}>
        <p>{t(hint)}</p>
        <Field label={t('note')} name="note" value={note} maxLength={1000} autoFocus onChange={(e) => setNote(e.target.value)} error={errors.note} />
      </DialogForm>
    );
  };
}

function RequestSupplement({ dossier, errors, busy, submit, onCancel }: EventFormProps) {
  const t = useMessages(lifeWords);
  const [items, setItems] = useState('');
  const [reason, setReason] = useState(t('supplementReason'));
  return (
    <DialogForm busy={busy} onCancel={onCancel} submitLabel={t('record')} onSubmit={() => submit({ code: dossier.code, event: 'request_supplement', items: linesOf(items), reason })}>
      <TextAreaField label={t('items')} name="items" rows={4} autoFocus value={items} onChange={(e) => setItems(e.target.value)} error={errorOf(errors, 'items')} />
      <TextAreaField label={t('reason')} name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} />
    </DialogForm>
  );
}

type PaperRow = { name: string; originals: number; certifiedCopies: number; copies: number };

function CompleteSupplement({ dossier, errors, busy, submit, onCancel }: EventFormProps) {
  const t = useMessages(lifeWords);
  const [rows, setRows] = useState<PaperRow[]>(() => (dossier.supplementItems?.length ? dossier.supplementItems : ['']).map((name) => ({ name, originals: 0, certifiedCopies: 0, copies: 1 })));
  const set = (i: number, patch: Partial<PaperRow>) => setRows((r) => r.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  const count = (v: string) => Math.max(0, Math.min(99, Number(v) || 0));
  const papers = rows.filter((r) => r.name.trim() !== '');
  return (
    <DialogForm busy={busy} onCancel={onCancel} submitLabel={t('record')} onSubmit={() => submit({ code: dossier.code, event: 'complete_supplement', papers })}>
      <table className="papers">
        <caption>{t('papers')}</caption>
        <thead><tr><th>{t('paperName')}</th><th>{t('originals')}</th><th>{t('certifiedCopies')}</th><th>{t('copies')}</th><th /></tr></thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td><input aria-label={t('paperName')} name={`papers.${i}.name`} autoFocus={i === 0} value={r.name} maxLength={500} onChange={(e) => set(i, { name: e.target.value })} aria-invalid={!!errorOf(errors, `papers.${i}`)} /></td>
              <td><input aria-label={t('originals')} type="number" min={0} max={99} value={r.originals} onChange={(e) => set(i, { originals: count(e.target.value) })} /></td>
              <td><input aria-label={t('certifiedCopies')} type="number" min={0} max={99} value={r.certifiedCopies} onChange={(e) => set(i, { certifiedCopies: count(e.target.value) })} /></td>
              <td><input aria-label={t('copies')} type="number" min={0} max={99} value={r.copies} onChange={(e) => set(i, { copies: count(e.target.value) })} /></td>
              <td>{rows.length > 1 ? <button type="button" onClick={() => setRows((x) => x.filter((_, j) => j !== i))}>{t('removePaper')}</button> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {errorOf(errors, 'papers') ? <p className="field-error" role="alert">{errorOf(errors, 'papers')}</p> : null}
      <button type="button" onClick={() => setRows((r) => [...r, { name: '', originals: 0, certifiedCopies: 0, copies: 1 }])}>{t('addPaper')}</button>
      <p className="muted small">{t('papersHint')}</p>
    </DialogForm>
  );
}

function StartProcessing({ dossier, errors, busy, submit, onCancel }: EventFormProps) {
  const t = useMessages(lifeWords);
  const [toUnit, setToUnit] = useState('');
  const [note, setNote] = useState('');
  return (
    <DialogForm busy={busy} onCancel={onCancel} submitLabel={t('record')}
      onSubmit={() => submit({ code: dossier.code, event: 'start_processing', ...(toUnit.trim() ? { toUnit } : {}), ...(note.trim() ? { note } : {}) })}>
      <Field label={t('toUnit')} name="toUnit" autoFocus value={toUnit} maxLength={200} onChange={(e) => setToUnit(e.target.value)} error={errors.toUnit} hint={t('toUnitHint')} />
      <Field label={t('note')} name="note" value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} error={errors.note} />
    </DialogForm>
  );
}

function reasonForm({ event }: { event: 'withdraw' | 'stop_processing' }) {
  return function ReasonForm({ dossier, errors, busy, submit, onCancel }: EventFormProps) {
    const t = useMessages(lifeWords);
    const [reason, setReason] = useState('');
    const [legalBasis, setLegalBasis] = useState('');
    const input: TransitionInput = event === 'withdraw'
      ? { code: dossier.code, event, reason }
      : { code: dossier.code, event, reason, ...(legalBasis.trim() ? { legalBasis } : {}) };
    return (
      <DialogForm busy={busy} onCancel={onCancel} danger submitLabel={t('record')} onSubmit={() => submit(input)}>
        <p className="banner warn">{t(event === 'withdraw' ? 'withdrawHint' : 'stopHint')}</p>
        <TextAreaField label={t('reason')} name="reason" rows={3} autoFocus value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} />
        {event === 'stop_processing' && (
          <Field label={t('legalBasis')} name="legalBasis" value={legalBasis} maxLength={300} onChange={(e) => setLegalBasis(e.target.value)} error={errors.legalBasis} hint={t('legalBasisHint')} />
        )}
      </DialogForm>
    );
  };
}

function ReturnResult({ dossier, errors, busy, submit, onCancel }: EventFormProps) {
  const t = useMessages(lifeWords);
  const [who, setWho] = useState<'owner' | 'authorised'>('owner');
  const [fullName, setFullName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [authorisation, setAuthorisation] = useState('');
  const [how, setHow] = useState<'counter' | 'post'>(dossier.resultDelivery);
  const [trackingNumber, setTracking] = useState('');
  const [postalService, setPostalService] = useState('');
  const [note, setNote] = useState('');
  const onSubmit = () => submit({
    code: dossier.code,
    event: 'return_result',
    receiver: who === 'owner' ? { kind: 'owner' } : { kind: 'authorised', fullName, idNumber, ...(authorisation.trim() ? { authorisation } : {}) },
    delivery: how === 'counter' ? { method: 'counter' } : { method: 'post', trackingNumber, ...(postalService.trim() ? { postalService } : {}) },
    ...(note.trim() ? { note } : {}),
  });
  const id = dossier.ownerIdNumber ? ` (${dossier.ownerIdNumber})` : '';
  return (
    <DialogForm busy={busy} onCancel={onCancel} submitLabel={t('act_return_result')} onSubmit={onSubmit}>
      <fieldset>
        <legend>{t('receiver')}</legend>
        <label className="check"><input type="radio" name="receiver" autoFocus={who === 'owner'} checked={who === 'owner'} onChange={() => setWho('owner')} />{t('receiverOwnerChoice', { name: dossier.ownerName, id })}</label>
        <label className="check"><input type="radio" name="receiver" checked={who === 'authorised'} onChange={() => setWho('authorised')} />{t('receiverAuthorisedChoice')}</label>
        {who === 'authorised' && (
          <div className="grid">
            <Field className="wide" label={t('receiverName')} name="receiver.fullName" value={fullName} maxLength={100} onChange={(e) => setFullName(e.target.value)} error={errors['receiver.fullName']} />
            <Field label={t('receiverId')} name="receiver.idNumber" inputMode="numeric" value={idNumber} maxLength={12} onChange={(e) => setIdNumber(e.target.value.replace(/\D/g, ''))} error={errors['receiver.idNumber']} />
            <Field className="wide" label={t('authorisation')} name="receiver.authorisation" value={authorisation} maxLength={300} onChange={(e) => setAuthorisation(e.target.value)} error={errors['receiver.authorisation']} />
          </div>
        )}
        {errors.receiver ? <p className="field-error" role="alert">{errors.receiver}</p> : null}
      </fieldset>
      <fieldset>
        <legend>{t('delivery')}</legend>
        <label className="check"><input type="radio" name="delivery" checked={how === 'counter'} onChange={() => setHow('counter')} />{t('deliveryCounter')}</label>
        <label className="check"><input type="radio" name="delivery" checked={how === 'post'} onChange={() => setHow('post')} />{t('deliveryPost')}</label>
        {how === 'post' && (
          <div className="grid">
            <Field label={t('trackingNumber')} name="delivery.trackingNumber" value={trackingNumber} maxLength={60} onChange={(e) => setTracking(e.target.value)} error={errors['delivery.trackingNumber']} />
            <Field label={t('postalService')} name="delivery.postalService" value={postalService} maxLength={100} onChange={(e) => setPostalService(e.target.value)} />
          </div>
        )}
      </fieldset>
      <Field label={t('note')} name="note" value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} error={errors.note} />
    </DialogForm>
  );
}

/** "16:00" → "16:00"; "9" → "09:00"; "930" → "09:30"; anything else as typed, to be refused. */
function typedTime(text: string): string | null {
  const m = /^(\d{1,2})(?:[:.hg]?(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? '0');
  return h <= 23 && min <= 59 ? `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}` : null;
}

function Apologise({ dossier, errors, busy, submit, onCancel }: EventFormProps) {
  const t = useMessages(lifeWords);
  const lang = useLang();
  const [reason, setReason] = useState('');
  const [date, setDate] = useState('');
  const [time, setTime] = useState('16:00');
  const [timeError, setTimeError] = useState('');
  const [signerRole, setSignerRole] = useState('');
  const [signerName, setSignerName] = useState('');
  const onSubmit = () => {
    const hhmm = typedTime(time);
    if (hhmm === null) { setTimeError(t('newTimeInvalid', { value: time })); return; }
    setTimeError('');
    const signer = signerRole.trim() || signerName.trim() ? { signer: { role: signerRole, name: signerName } } : {};
    submit({ code: dossier.code, event: 'apologise', reason, newAppointmentAt: date ? `${date}T${hhmm}` : '', ...signer });
  };
  return (
    <DialogForm busy={busy} onCancel={onCancel} submitLabel={t('record')} onSubmit={onSubmit}>
      <p className="muted">{t('currentDue', { at: formatAppointment(dossier.dueAt, lang), lateness: dossier.lateness ?? t('notLate') })}</p>
      <TextAreaField label={t('apologyReason')} name="reason" rows={3} autoFocus value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} />
      <div className="grid">
        <DateField label={t('newDate')} name="newAppointmentAt" value={date} onChange={setDate} error={errors.newAppointmentAt} />
        <Field label={t('newTime')} name="newTime" value={time} maxLength={5} onChange={(e) => setTime(e.target.value)} error={timeError || undefined} />
        <Field label={t('signerRole')} name="signer.role" value={signerRole} maxLength={100} onChange={(e) => setSignerRole(e.target.value)} error={errors['signer.role']} />
        <Field label={t('signerName')} name="signer.name" value={signerName} maxLength={100} onChange={(e) => setSignerName(e.target.value)} error={errors['signer.name']} />
      </div>
    </DialogForm>
  );
}

/** The counter's events a dialog records, with the fields each shows its errors next to. */
export const eventForms: Readonly<Record<CounterEvent, EventForm>> = {
  request_supplement: { fields: ['items', 'reason'], Form: RequestSupplement },
  complete_supplement: { fields: ['papers', 'note'], Form: CompleteSupplement },
  start_processing: { fields: ['toUnit', 'note'], Form: StartProcessing },
  meet_financial_obligation: { fields: ['note'], Form: noteOnlyForm({ event: 'meet_financial_obligation', hint: 'financialHint' }) },
  finish_at_counter: { fields: ['note'], Form: noteOnlyForm({ event: 'finish_at_counter', hint: 'finishAtCounterHint' }) },
  finish: { fields: ['note'], Form: noteOnlyForm({ event: 'finish', hint: 'finishHint' }) },
  withdraw: { fields: ['reason'], Form: reasonForm({ event: 'withdraw' }) },
  stop_processing: { fields: ['reason', 'legalBasis'], Form: reasonForm({ event: 'stop_processing' }) },
  return_result: { fields: ['receiver', 'delivery', 'note'], Form: ReturnResult },
  apologise: { fields: ['reason', 'newAppointmentAt', 'signer'], Form: Apologise },
};

/** The counter's events in the order their buttons show. */
export const COUNTER_EVENTS: readonly CounterEvent[] = [
  'return_result', 'finish_at_counter', 'finish', 'complete_supplement', 'start_processing', 'request_supplement',
  'meet_financial_obligation', 'apologise', 'withdraw', 'stop_processing',
];

export const isCounterEvent = (e: string): e is CounterEvent => Object.hasOwn(eventForms, e);

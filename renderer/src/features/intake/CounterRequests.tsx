import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ChannelOutput } from '../../../../main/contract/channels';
import { formatDateTime } from '../../../../main/core/format';
import { Link } from 'wouter';
import { pathOf } from '../../app/paths';
import { useMessages } from '../../common/i18n/i18n';
import { call, errorMessage, fieldErrors, stationKey, useStation } from '../../common/station';
import { Field } from '../../common/ui/Field';
import { Modal } from '../../common/ui/Modal';
import { DialogForm } from '../dossier/dialog-form';
import { errorOf, linesOf, TextAreaField, useReturnFocus } from '../dossier/fields';
import { IssuedFormPreview, type IssuedForm } from '../dossier/IssuedFormPreview';
import { counterRequestWords } from './counter-request-messages';
import { draftErrors, formOfDraft, missingDocuments, type Procedure } from './counter-requests';
import { toDraft, type FormState } from './form';

// The intake's way out when a dossier cannot be received now: papers incomplete (Mẫu 02; the
// form is kept, Shift+F6 finds it again when the citizen comes back) or a request refused (Mẫu 03).
// Either one's form is previewed and printed; closing it clears the intake for the next person.

type Open = 'supplement' | 'refuse' | 'pending' | null;

export function CounterRequests({ form, procedure, onFormErrors, onIssued, onResume }: {
  form: FormState;
  procedure: Procedure | null;
  /** The station's errors of the draft, as the intake form's fields ("owner.fullName"). */
  onFormErrors: (errors: Record<string, string>) => void;
  /** The form was issued and its preview closed: the intake clears. */
  onIssued: (notice: string) => void;
  /** A kept intake picked: the form to show in place of this one. */
  onResume: (form: FormState, notice: string) => void;
}) {
  const t = useMessages(counterRequestWords);
  const [open, setOpen] = useState<Open>(null);
  const [issued, setIssued] = useState<{ form: IssuedForm; notice: string } | null>(null);
  // What was typed in the refusal, kept while the officer closes it to fix the intake form.
  const [refusal, setRefusal] = useState<Refusal>({ reason: '', legalBasis: '' });

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (open || issued || e.ctrlKey || e.altKey || e.metaKey) return;
      // F8 is the queue's "call the next ticket" on every screen: the kept intakes are Shift+F6, beside Mẫu 02's F6.
      const which: Open = e.key === 'F6' ? (e.shiftKey ? 'pending' : 'supplement') : e.key === 'F9' && !e.shiftKey ? 'refuse' : null;
      if (!which) return;
      e.preventDefault();
      setOpen(which);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, issued]);

  const done = (f: IssuedForm, notice: string) => { setOpen(null); setIssued({ form: f, notice }); };
  return (
    <div className="counter-requests">
      <button type="button" onClick={() => setOpen('supplement')} title={`${t('supplementTitle')} (F6)`}>{t('supplement')} (F6)</button>
      <button type="button" onClick={() => setOpen('refuse')} title={`${t('refuseTitle')} (F9)`}>{t('refuse')} (F9)</button>
      <button type="button" onClick={() => setOpen('pending')} title={`${t('pendingSearch')} (Shift+F6)`}>{t('pending')} (Shift+F6)</button>
      <Link href={pathOf('results')} className="button">{t('results')} (F4)</Link>
      {open === 'supplement' && <SupplementDialog form={form} procedure={procedure} onFormErrors={onFormErrors} onDone={done} onClose={() => setOpen(null)} />}
      {open === 'refuse' && <RefuseDialog form={form} typed={refusal} onType={setRefusal} onFormErrors={onFormErrors} onDone={done} onClose={() => setOpen(null)} />}
      {open === 'pending' && <PendingSearch onResume={(f, notice) => { setOpen(null); onResume(f, notice); }} onClose={() => setOpen(null)} />}
      {issued && <IssuedFormPreview form={issued.form} notice={issued.notice} onClose={() => { const notice = issued.notice; setIssued(null); onIssued(notice); }} />}
    </div>
  );
}

/** The banner of a refused request: its own fields' errors stay next to them; the form's are named. */
function useRefusal(shown: readonly string[], onFormErrors: (errors: Record<string, string>) => void) {
  const t = useMessages(counterRequestWords);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState('');
  useReturnFocus();
  const refused = (e: unknown) => {
    const fields = fieldErrors(e);
    setErrors(fields);
    const ofForm = draftErrors(fields);
    onFormErrors(ofForm);
    const formMessages = Object.values(ofForm);
    const own = Object.keys(fields).some((k) => shown.some((s) => k === s || k.startsWith(`${s}.`)));
    setBanner(Object.keys(fields).length === 0 ? errorMessage(e) : formMessages.length > 0 ? t('fixForm', { errors: formMessages.join(' ') }) : own ? t('fixFields') : Object.values(fields).join(' '));
  };
  // The cursor to the first field marked, once the marks are on screen.
  useEffect(() => { if (Object.keys(errors).length > 0) document.querySelector<HTMLElement>('.counter-request-dialog [aria-invalid="true"]')?.focus(); }, [errors]);
  return { errors, banner, refused };
}

function SupplementDialog({ form, procedure, onFormErrors, onDone, onClose }: {
  form: FormState;
  procedure: Procedure | null;
  onFormErrors: (errors: Record<string, string>) => void;
  onDone: (form: IssuedForm, notice: string) => void;
  onClose: () => void;
}) {
  const t = useMessages(counterRequestWords);
  const documents = procedure ? missingDocuments(form, procedure) : [];
  const [ticked, setTicked] = useState<ReadonlySet<string>>(() => new Set(documents.filter((d) => d.mandatory).map((d) => d.code)));
  const [extra, setExtra] = useState('');
  const [reason, setReason] = useState(t('supplementReason'));
  const [busy, setBusy] = useState(false);
  const { errors, banner, refused } = useRefusal(['missing', 'extra', 'reason'], onFormErrors);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const missing = documents.filter((d) => ticked.has(d.code)).map((d) => d.name);
      const r = await call('intake.requestSupplement', { draft: toDraft(form), missing, extra: linesOf(extra), reason });
      onDone(r.form, t('supplementDone', { name: r.request.ownerName }));
    } catch (e) {
      refused(e);
    } finally {
      setBusy(false);
    }
  };

  const toggle = (code: string) => setTicked((s) => { const n = new Set(s); if (n.has(code)) n.delete(code); else n.add(code); return n; });
  return (
    <Modal label={t('supplementTitle')} onClose={onClose} className="counter-request-dialog">
      <header><h2>{t('supplementTitle')}</h2><p className="muted">{form.owner.fullName || '—'}</p></header>
      <p className="muted">{t('supplementIntro')}</p>
      {banner ? <p className="banner error" role="alert" data-testid="request-error">{banner}</p> : null}
      <DialogForm busy={busy} onCancel={onClose} submitLabel={t('issue')} onSubmit={() => void submit()}>
        <fieldset className={errorOf(errors, 'missing') ? 'has-error' : ''}>
          <legend>{t('missing')}</legend>
          {documents.length === 0 ? <p className="muted">{t('noneMissing')}</p> : (
            <ul className="missing-papers" data-testid="missing-papers">
              {documents.map((d, i) => (
                <li key={d.code}>
                  <label className="check">
                    <input type="checkbox" name={`missing.${d.code}`} autoFocus={i === 0} checked={ticked.has(d.code)} onChange={() => toggle(d.code)} aria-invalid={!!errorOf(errors, 'missing')} />
                    {d.name}{d.mandatory ? <span className="muted small"> ({t('mandatory')})</span> : null}
                  </label>
                </li>
              ))}
            </ul>
          )}
          {errorOf(errors, 'missing') ? <p className="field-error" role="alert">{errorOf(errors, 'missing')}</p> : null}
        </fieldset>
        <TextAreaField label={t('extra')} name="extra" rows={2} autoFocus={documents.length === 0} value={extra} onChange={(e) => setExtra(e.target.value)} error={errorOf(errors, 'extra')} />
        <TextAreaField label={t('reason')} name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} />
      </DialogForm>
    </Modal>
  );
}

type Refusal = Readonly<{ reason: string; legalBasis: string }>;

function RefuseDialog({ form, typed, onType, onFormErrors, onDone, onClose }: {
  form: FormState;
  typed: Refusal;
  onType: (typed: Refusal) => void;
  onFormErrors: (errors: Record<string, string>) => void;
  onDone: (form: IssuedForm, notice: string) => void;
  onClose: () => void;
}) {
  const t = useMessages(counterRequestWords);
  const { reason, legalBasis } = typed;
  const setReason = (v: string) => onType({ ...typed, reason: v });
  const setLegalBasis = (v: string) => onType({ ...typed, legalBasis: v });
  const [busy, setBusy] = useState(false);
  const { errors, banner, refused } = useRefusal(['reason', 'legalBasis'], onFormErrors);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const r = await call('intake.refuse', { draft: toDraft(form), reason, ...(legalBasis.trim() ? { legalBasis } : {}) });
      onDone(r.form, t('refuseDone', { name: r.request.ownerName }));
    } catch (e) {
      refused(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal label={t('refuseTitle')} onClose={onClose} className="counter-request-dialog">
      <header><h2>{t('refuseTitle')}</h2><p className="muted">{form.owner.fullName || '—'}</p></header>
      <p className="muted">{t('refuseIntro')}</p>
      {banner ? <p className="banner error" role="alert" data-testid="request-error">{banner}</p> : null}
      <DialogForm busy={busy} onCancel={onClose} danger submitLabel={t('issue')} onSubmit={() => void submit()}>
        <TextAreaField label={t('refuseReason')} name="reason" rows={3} autoFocus value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} />
        <Field label={t('legalBasis')} name="legalBasis" value={legalBasis} maxLength={300} onChange={(e) => setLegalBasis(e.target.value)} error={errors.legalBasis} />
      </DialogForm>
    </Modal>
  );
}

type Pending = ChannelOutput<'pendingIntake.find'>[number];

/** The intakes kept for the citizen's papers: typed search, ↑↓, Enter opens one in the intake form. */
function PendingSearch({ onResume, onClose }: { onResume: (form: FormState, notice: string) => void; onClose: () => void }) {
  const t = useMessages(counterRequestWords);
  const client = useQueryClient();
  const [query, setQuery] = useState('');
  const [row, setRow] = useState(0);
  const [message, setMessage] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const found = useStation('pendingIntake.find', { query: query.trim(), limit: 20 }, { placeholderData: (prev) => prev });
  const lines = (found.data ?? []).filter((p) => p.kind === 'supplement' && p.resumedAs === null);

  const resume = async (p: Pending) => {
    try {
      const kept = await call('pendingIntake.get', { id: p.id });
      const procedure = await client.fetchQuery({ queryKey: stationKey('catalogue.get', { code: kept.procedureCode }), queryFn: () => call('catalogue.get', { code: kept.procedureCode }) });
      onResume(formOfDraft(kept.draft, procedure), t('resumed', { name: kept.ownerName, at: formatDateTime(kept.requestedAt) }));
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setRow((r) => Math.min(r + 1, lines.length - 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setRow((r) => Math.max(r - 1, 0)); }
    else if (e.key === 'Enter') { e.preventDefault(); const p = lines[row]; if (p) void resume(p); }
  };

  return (
    <Modal label={t('pending')} onClose={onClose} className="counter-request-dialog pending-search">
      <header><h2>{t('pending')}</h2></header>
      <div className="field wide">
        <label htmlFor="pending-search">{t('pendingSearch')}</label>
        <input id="pending-search" ref={input} type="search" autoFocus autoComplete="off" value={query} role="combobox" aria-expanded="true" aria-controls="pending-list"
          aria-activedescendant={lines[row] ? `pending-${row}` : undefined}
          onChange={(e) => { setQuery(e.target.value); setRow(0); }} onKeyDown={onKeyDown} />
        <p className="field-hint">{t('pendingKeys')}</p>
      </div>
      {message ? <p className="banner error" role="alert">{message}</p> : null}
      {found.error ? <p className="banner error" role="alert">{errorMessage(found.error)}</p> : null}
      {found.data && lines.length === 0 ? <p className="muted" data-testid="pending-none">{query.trim() ? t('pendingNone', { query: query.trim() }) : t('pendingEmpty')}</p> : null}
      <ul id="pending-list" role="listbox" className="pending-list" aria-label={t('pending')}>
        {lines.map((p, i) => (
          <li key={p.id} id={`pending-${i}`} role="option" aria-selected={i === row} className={i === row ? 'selected' : ''} data-testid="pending-row"
            onClick={() => setRow(i)} onDoubleClick={() => void resume(p)}>
            <strong>{p.ownerName}</strong>{p.ownerIdNumber ? ` · ${p.ownerIdNumber}` : ''} · {p.procedureName}
            <br /><span className="muted small">{t('pendingLine', { at: formatDateTime(p.requestedAt), officer: p.officerName })}</span>
            {p.items.length > 0 ? <><br /><span className="small">{t('pendingItems', { items: p.items.join('; ') })}</span></> : null}
          </li>
        ))}
      </ul>
      <footer><span className="spacer" /><button type="button" onClick={onClose}>{t('close')} (Esc)</button></footer>
    </Modal>
  );
}

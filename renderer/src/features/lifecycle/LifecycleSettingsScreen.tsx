import { keepPreviousData } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { ChannelOutput } from '../../../../main/contract/channels';
import { FORM_SET_CHOICES, SUPPLEMENT_CLOCK_RULE_IDS } from '../../../../main/contract/lifecycle-channels';
import type { ScreenProps } from '../../app/paths';
import { useMessages } from '../../common/i18n/i18n';
import { call, errorMessage, fieldErrors, useSetStationData, useStation } from '../../common/station';
import { Field } from '../../common/ui/Field';
import { lifecycleWords } from './messages';

type Settings = ChannelOutput<'lifecycle.settings'>;

/**
 * The technician's page for the dossier's life after intake: how the clock runs after a
 * supplement, which forms the agency prints, which procedures the counter handles itself, and
 * what goes on the counter's letters.
 */
export default function LifecycleSettingsScreen(_props: ScreenProps) {
  const settings = useStation('lifecycle.settings', {});
  if (!settings.data) return <p className="muted">{settings.error ? errorMessage(settings.error) : '…'}</p>;
  return <LifecycleForm initial={settings.data} />;
}

function LifecycleForm({ initial }: { initial: Settings }) {
  const t = useMessages(lifecycleWords);
  const setData = useSetStationData();
  const [s, setS] = useState<Settings>(initial);
  const [days, setDays] = useState(String(initial.supplementDays));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const change = (next: Settings) => { setS(next); setDirty(true); setMessage(null); };

  const save = async () => {
    try {
      const typedDays = days.trim() === '' ? 0 : Number(days.trim());
      if (!Number.isInteger(typedDays) || typedDays < 0 || typedDays > 90) {
        setErrors({ supplementDays: t('daysInvalid', { value: days.trim() }) });
        setMessage({ text: t('notSaved'), failed: true });
        return;
      }
      const saved = await call('lifecycle.configure', { ...s, supplementDays: typedDays });
      setData('lifecycle.settings', {}, saved);
      setS(saved);
      setDays(String(saved.supplementDays));
      setErrors({});
      setDirty(false);
      setMessage({ text: t('saved'), failed: false });
    } catch (e) {
      setErrors(fieldErrors(e));
      setMessage({ text: errorMessage(e), failed: true });
    }
  };

  return (
    <form className="settings lifecycle-settings"
      onSubmit={(e) => { e.preventDefault(); void save(); }}
      onKeyDown={(e) => { if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') { e.preventDefault(); void save(); } }}>
      <fieldset role="radiogroup" aria-label={t('clock')}>
        <legend>{t('clock')}</legend>
        {SUPPLEMENT_CLOCK_RULE_IDS.map((rule) => (
          <label key={rule} className="choice">
            <input type="radio" name="supplementClockRule" value={rule} autoFocus={initial.supplementClockRule === rule}
              checked={s.supplementClockRule === rule} onChange={() => change({ ...s, supplementClockRule: rule })} />
            <span><strong>{t(rule)}</strong><br /><span className="muted small">{t(rule === 'pause' ? 'pauseHelp' : 'restartHelp')}</span></span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('counter')}</legend>
        <p className="muted small">{t('counterHelp')}</p>
        <label className="check">
          <input type="checkbox" name="counterProcessed.sameDay" checked={s.counterProcessed.sameDay}
            onChange={(e) => change({ ...s, counterProcessed: { ...s.counterProcessed, sameDay: e.target.checked } })} /> {t('sameDay')}
        </label>
        <ProcedurePicker codes={s.counterProcessed.procedureCodes} error={errors['counterProcessed.procedureCodes']}
          onChange={(procedureCodes) => change({ ...s, counterProcessed: { ...s.counterProcessed, procedureCodes } })} />
      </fieldset>
      <fieldset>
        <legend>{t('letters')}</legend>
        <div className="grid">
          <label className="field">{t('formSet')}
            <select name="formSet" value={s.formSet} onChange={(e) => change({ ...s, formSet: e.target.value as Settings['formSet'] })}>
              {FORM_SET_CHOICES.map((f) => <option key={f} value={f}>{t(f)}</option>)}
            </select>
          </label>
          <label className="field">{t('formPaper')}
            <select name="formPaper" value={s.formPaper} onChange={(e) => change({ ...s, formPaper: e.target.value as Settings['formPaper'] })}>
              <option value="A4">A4</option><option value="A5">A5</option>
            </select>
          </label>
          <span />
          <Field label={t('signerRole')} name="signer.role" value={s.signer.role} error={errors['signer.role']} onChange={(e) => change({ ...s, signer: { ...s.signer, role: e.target.value } })} />
          <Field label={t('signerName')} name="signer.name" value={s.signer.name} error={errors['signer.name']} onChange={(e) => change({ ...s, signer: { ...s.signer, name: e.target.value } })} />
          <span />
          <Field label={t('contactPhone')} name="contactPhone" value={s.contactPhone} error={errors.contactPhone} onChange={(e) => change({ ...s, contactPhone: e.target.value })} />
          <Field label={t('supplementDays')} name="supplementDays" value={days} inputMode="numeric" error={errors.supplementDays}
            onChange={(e) => { setDays(e.target.value); setDirty(true); setMessage(null); }} />
        </div>
        <label className="check">
          <input type="checkbox" name="handoverNote" checked={s.handoverNote} onChange={(e) => change({ ...s, handoverNote: e.target.checked })} /> {t('handoverNote')}
        </label>
      </fieldset>
      <footer className="form-actions">
        <button type="submit" className="primary">{t('saveKey')}</button>
        {message ? <span className={message.failed ? 'banner error' : 'notice ok'} role="status">{message.text}</span> : dirty ? <span className="muted">{t('unsaved')}</span> : null}
      </footer>
    </form>
  );
}

function ProcedurePicker({ codes, onChange, error }: { codes: readonly string[]; onChange: (codes: string[]) => void; error?: string | undefined }) {
  const t = useMessages(lifecycleWords);
  const [query, setQuery] = useState('');
  const search = useRef<HTMLInputElement>(null);
  const found = useStation('catalogue.search', { query: query.trim(), limit: 8 }, { enabled: query.trim().length >= 2, placeholderData: keepPreviousData });
  // The cursor goes back to the search box: the next procedure is typed at once (and Ctrl+S still saves).
  const add = (code: string) => { if (!codes.includes(code)) onChange([...codes, code]); setQuery(''); search.current?.focus(); };
  const matches = query.trim().length >= 2 ? (found.data ?? []).filter((p) => !codes.includes(p.code)) : [];
  return (
    <div className="procedure-picker">
      <ul className="chosen" aria-label={t('counter')}>
        {codes.length === 0 ? <li className="muted">{t('noneChosen')}</li> : null}
        {codes.map((code) => <ChosenProcedure key={code} code={code} onRemove={() => { onChange(codes.filter((c) => c !== code)); search.current?.focus(); }} />)}
      </ul>
      <Field ref={search} label={t('findProcedure')} name="procedureQuery" type="search" value={query} error={error} onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); if (matches[0]) add(matches[0].code); } }} />
      {query.trim().length >= 2 ? (
        <ul className="matches" role="listbox" aria-label={t('findProcedure')}>
          {found.data && matches.length === 0 ? <li className="muted">{t('noMatch')}</li> : null}
          {matches.map((p) => (
            <li key={p.code} role="option" aria-selected={false}>
              <span><span className="code">{p.code}</span> {p.name} <span className="muted small">· {p.field}</span></span>
              <button type="button" className="small-button" onClick={() => add(p.code)}>{t('add')}</button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function ChosenProcedure({ code, onRemove }: { code: string; onRemove: () => void }) {
  const t = useMessages(lifecycleWords);
  const procedure = useStation('catalogue.get', { code });
  return (
    <li data-code={code}>
      <span><span className="code">{code}</span> {procedure.data?.name ?? ''}</span>
      <button type="button" className="small-button" aria-label={t('remove', { code })} onClick={onRemove}>✕</button>
    </li>
  );
}

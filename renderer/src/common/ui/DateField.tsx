import { useEffect, useId, useState, type ComponentPropsWithRef } from 'react';
import { formatDate, parseTypedDate } from '../../../../main/core/format';
import { isValidLocalDate } from '../../../../main/core/time';
import { useMessages } from '../i18n/i18n';
import { common } from '../i18n/common';

/**
 * The one date field: it shows and takes dd/mm/yyyy on every host and locale (a native date
 * input follows Chromium's locale — mm/dd/yyyy in a browser set to English — and typing digits
 * into it rolls them into the year). It accepts "23/11/2026", "23.11.2026", "23-11-2026",
 * "23112026", "3/1/2026" and tidies the text to dd/mm/yyyy when the officer leaves it.
 *
 * `value` is a LocalDate ("2026-11-23"), '' for empty, or — for text that is not a date — what
 * was typed, unchanged, for the station's checks to refuse with their own message.
 */
export function DateField({ label, name, value, onChange, error, hint, className, checkLocally = true, onBlur, ...input }: Omit<ComponentPropsWithRef<'input'>, 'value' | 'onChange'> & {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  /** Say "not a valid date" here when the text is not one (off where the station's own message follows). */
  checkLocally?: boolean;
}) {
  const id = useId();
  const t = useMessages(common);
  const [text, setText] = useState(() => toText(value));
  const [left, setLeft] = useState(false);

  // A value set from outside (a restored form, the record being edited) replaces the text.
  useEffect(() => {
    setText((current) => (parseTypedDate(current) === value || (current.trim() === '' && value === '') ? current : toText(value)));
  }, [value]);

  const parsed = parseTypedDate(text);
  const ownError = checkLocally && left && text.trim() !== '' && !isValidLocalDate(parsed) ? t('dateInvalid', { value: text.trim() }) : undefined;
  const shownError = error ?? ownError;
  return (
    <div className={`field ${className ?? ''} ${shownError ? 'has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t('datePlaceholder')}
        maxLength={10}
        aria-invalid={!!shownError}
        aria-describedby={shownError ? `${id}-error` : undefined}
        value={text}
        onChange={(e) => {
          const typed = e.target.value.replace(/[^\d/.-]/g, '');
          setText(typed);
          setLeft(false);
          onChange(typed.trim() === '' ? '' : parseTypedDate(typed));
        }}
        onBlur={(e) => {
          setLeft(true);
          if (isValidLocalDate(parsed)) setText(formatDate(parsed));
          onBlur?.(e);
        }}
        {...input}
      />
      {shownError ? <p id={`${id}-error`} className="field-error" role="alert">{shownError}</p> : hint ? <p className="field-hint">{hint}</p> : null}
    </div>
  );
}

function toText(value: string): string {
  return isValidLocalDate(value) ? formatDate(value) : value;
}

import { useId, type ComponentPropsWithRef } from 'react';

/** A labelled input with its error message right under it (announced to screen readers). */
export function Field({ label, error, hint, name, className, ...input }: ComponentPropsWithRef<'input'> & {
  label: string;
  name: string;
  error?: string | undefined;
  /** A quiet line under the field when there is no error. */
  hint?: string | undefined;
}) {
  const id = useId();
  return (
    <div className={`field ${className ?? ''} ${error ? 'has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined} autoComplete="off" {...input} />
      {error ? <p id={`${id}-error`} className="field-error" role="alert">{error}</p> : hint ? <p className="field-hint">{hint}</p> : null}
    </div>
  );
}

/** Enter moves to the next field, as officers expect from paper-form software; not in text areas or on buttons. */
export function advanceOnEnter(e: React.KeyboardEvent<HTMLElement>): void {
  const target = e.target as HTMLElement;
  if (e.key !== 'Enter' || e.ctrlKey || e.altKey || target.tagName === 'TEXTAREA' || target.tagName === 'BUTTON' || target.tagName === 'A') return;
  e.preventDefault();
  const focusables = Array.from(
    e.currentTarget.querySelectorAll<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])'),
  ).filter((el) => el.tabIndex >= 0 && el.offsetParent !== null);
  const next = focusables[focusables.indexOf(target) + 1];
  next?.focus();
}

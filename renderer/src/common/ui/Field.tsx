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

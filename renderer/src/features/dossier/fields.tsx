import { useEffect, useId, useState, type ComponentPropsWithRef } from 'react';

// Small pieces the lifecycle's dialogs share: a labelled text area with its error under it (the
// common Field is an input), and the first error of a field or of any of its parts.

export function TextAreaField({ label, error, hint, name, className, ...area }: ComponentPropsWithRef<'textarea'> & {
  label: string;
  name: string;
  error?: string | undefined;
  hint?: string | undefined;
}) {
  const id = useId();
  return (
    <div className={`field ${className ?? ''} ${error ? 'has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} name={name} aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined} {...area} />
      {error ? <p id={`${id}-error`} className="field-error" role="alert">{error}</p> : hint ? <p className="field-hint muted">{hint}</p> : null}
    </div>
  );
}

/** The error of `field` itself, else of its first part ("items" → "items.2", "papers" → "papers.0.name"). */
export function errorOf(errors: Readonly<Record<string, string>>, field: string): string | undefined {
  if (errors[field]) return errors[field];
  const part = Object.keys(errors).find((k) => k.startsWith(`${field}.`));
  return part ? errors[part] : undefined;
}

/** Errors of fields a dialog does not show (a refusal about the action itself, "event"), for its banner. */
export function otherErrors(errors: Readonly<Record<string, string>>, shown: readonly string[]): string[] {
  return Object.entries(errors)
    .filter(([k]) => !shown.some((s) => k === s || k.startsWith(`${s}.`)))
    .map(([, v]) => v);
}

/** The lines of a text area that say something. */
export const linesOf = (text: string): string[] => text.split('\n').map((s) => s.trim()).filter((s) => s !== '');

/**
 * Gives focus back to what had it when the dialog opened, if the focus is lost when it closes.
 * The element is taken while the dialog first renders — before a field's autoFocus moves the
 * focus into it — so that Esc afterwards reaches the page, not nowhere (on the dossier page a
 * lost focus would turn the next Esc into "back").
 */
export function useReturnFocus(): void {
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null));
  useEffect(() => () => {
    requestAnimationFrame(() => {
      const lost = document.activeElement === null || document.activeElement === document.body || !document.activeElement.isConnected;
      if (lost && opener?.isConnected) opener.focus();
    });
  }, [opener]);
}

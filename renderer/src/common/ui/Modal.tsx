import { useEffect, useRef, useState, type ReactNode } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), iframe, [tabindex]:not([tabindex="-1"])';

/**
 * A dialog over the screen: Esc closes it, Tab stays inside it, and when it goes focus returns
 * to where it was before it opened — never to nowhere.
 */
export function Modal({ label, onClose, className, children, backdropClassName }: {
  label: string;
  onClose: () => void;
  className?: string;
  backdropClassName?: string;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDivElement>(null);
  // The opener, taken while the dialog first renders: by the time effects run, a child field's
  // autoFocus has already moved the focus into the dialog.
  const [before] = useState(() => (document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null));
  useEffect(() => {
    // A child with autoFocus has taken focus already; otherwise the dialog holds it.
    if (!dialog.current?.contains(document.activeElement)) dialog.current?.focus();
    return () => {
      // Back to the opener, unless the page moved focus elsewhere meanwhile (another screen).
      if (before?.isConnected && (document.activeElement === document.body || document.activeElement === null || !document.activeElement.isConnected)) before.focus();
      else if (before?.isConnected && dialog.current?.contains(document.activeElement)) before.focus();
    };
  }, [before]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      e.preventDefault();
      onClose();
    } else if (e.key === 'Tab' && dialog.current) {
      e.stopPropagation(); // a dialog inside this one keeps its own Tab
      const inside = Array.from(dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.offsetParent !== null);
      const first = inside[0];
      const last = inside[inside.length - 1];
      if (!first || !last) { e.preventDefault(); return; }
      if (e.shiftKey && (document.activeElement === first || document.activeElement === dialog.current)) { e.preventDefault(); last.focus(); }
      else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
    }
  };

  return (
    <div className={`modal-backdrop ${backdropClassName ?? ''}`} onKeyDown={onKeyDown}>
      <div ref={dialog} tabIndex={-1} className={`modal ${className ?? ''}`} role="dialog" aria-modal="true" aria-label={label}>
        {children}
      </div>
    </div>
  );
}

import type { KeyboardEvent } from 'react';

/**
 * The places Enter walks through in a form: enabled, visible controls that take Tab focus; a
 * radio group is one stop (its checked radio, as Tab treats it), so a choice between two is one
 * key, not two.
 */
export function stops(root: HTMLElement): HTMLElement[] {
  const all = Array.from(root.querySelectorAll<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])'))
    .filter((el) => el.tabIndex >= 0 && el.offsetParent !== null);
  return all.filter((el) => {
    if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || !el.name) return true;
    const group = all.filter((o): o is HTMLInputElement => o instanceof HTMLInputElement && o.type === 'radio' && o.name === el.name);
    const checked = group.find((o) => o.checked);
    return checked ? checked === el : group[0] === el;
  });
}

/** Enter moves to the next field, as officers expect from paper-form software; not in text areas or on buttons. */
export function advanceOnEnter(e: KeyboardEvent<HTMLElement>): void {
  const target = e.target as HTMLElement;
  if (e.key !== 'Enter' || e.ctrlKey || e.altKey || e.defaultPrevented || target.tagName === 'TEXTAREA' || target.tagName === 'BUTTON' || target.tagName === 'A') return;
  e.preventDefault();
  const list = stops(e.currentTarget);
  // The target may be a control that is not a stop itself (a count cell of the documents list):
  // the next stop is the first one after it in document order.
  const next = list.find((el) => target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING && !target.contains(el));
  next?.focus();
}

import type { DossierView } from '../../../../main/contract/schemas';
import { emptyForm, hasContent, readForm, type FormState } from './form';

// Where the form in progress lives. In memory for this window (switching to the log book and
// back keeps it as it was); in local storage as well, so that a crash or a reload loses nothing.
// A form left behind — by a crash, or by F2 before it was received — is never brought back on
// its own: it is kept aside and offered ("Khôi phục hồ sơ đang nhập dở lúc 15:27 — …?").

const CURRENT_KEY = 'station-intake-draft'; // the key earlier versions used for the bare form
const LEFT_KEY = 'station-intake-left';

export type LeftForm = Readonly<{ form: FormState; at: number | null }>;
export type IntakeState = Readonly<{ kind: 'form'; form: FormState } | { kind: 'saved'; dossier: DossierView }>;

let memory: IntakeState | null = null;

function read(key: string): LeftForm | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const value = JSON.parse(raw) as unknown;
    // Earlier versions stored the form itself, without a time.
    const wrapped = typeof value === 'object' && value !== null && 'form' in value ? (value as { form: unknown; at?: unknown }) : { form: value, at: null };
    const form = readForm(wrapped.form);
    return form ? { form, at: typeof wrapped.at === 'number' ? wrapped.at : null } : null;
  } catch {
    return null;
  }
}

function write(key: string, left: LeftForm | null): void {
  try {
    if (left) localStorage.setItem(key, JSON.stringify(left));
    else localStorage.removeItem(key);
  } catch {
    // storage full or refused: the form still lives in memory
  }
}

/** The intake of this window; the first time, a form a crash left in storage is set aside to be offered. */
export function intakeState(): IntakeState {
  if (!memory) {
    const left = read(CURRENT_KEY);
    if (left && hasContent(left.form)) write(LEFT_KEY, left);
    write(CURRENT_KEY, null);
    memory = { kind: 'form', form: emptyForm() };
  }
  return memory;
}

/** Every change of the form. */
export function keepForm(form: FormState): void {
  memory = { kind: 'form', form };
  write(CURRENT_KEY, hasContent(form) ? { form, at: Date.now() } : null);
}

/** The dossier was received: nothing of it is left to recover. */
export function keepSaved(dossier: DossierView): void {
  memory = { kind: 'saved', dossier };
  write(CURRENT_KEY, null);
}

/** F2: a clean form; a form with something in it is set aside to be offered back. */
export function startNew(): FormState {
  const state = intakeState();
  if (state.kind === 'form' && hasContent(state.form)) write(LEFT_KEY, read(CURRENT_KEY) ?? { form: state.form, at: Date.now() });
  const form = emptyForm();
  memory = { kind: 'form', form };
  write(CURRENT_KEY, null);
  return form;
}

export function leftForm(): LeftForm | null {
  return read(LEFT_KEY);
}

/** Takes the form set aside back; the one on screen, if anything was typed in it, is set aside in its place. */
export function restoreLeft(): FormState | null {
  const left = read(LEFT_KEY);
  if (!left) return null;
  const state = intakeState();
  write(LEFT_KEY, state.kind === 'form' && hasContent(state.form) ? { form: state.form, at: Date.now() } : null);
  keepForm(left.form);
  return left.form;
}

export function discardLeft(): void {
  write(LEFT_KEY, null);
}

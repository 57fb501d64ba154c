import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { IdentityScan } from '../../../../main/contract/devices-channels';
import { useMessages } from '../../common/i18n/i18n';
import { call, errorMessage, useStation, useStationEvent } from '../../common/station';
import type { FormState } from '../intake/form';
import { useMirrorOnDisplay } from '../display/mirror';
import { cardValues, planFill, type CardField, type CardPlan, type OwnerFields } from './card-fill';
import { devicesWords } from './messages';
import { burstDetector } from './wedge-burst';

// The desk's devices at the intake form, in one hook the form calls: an identity card read —
// from the serial reader (`identity.scanned`) or from a keyboard-wedge burst typed into the
// identity-number field (parsed by `identity.parse`) — fills the owner's empty fields and asks
// before replacing what the officer typed; and what is typed is mirrored on the citizen's screen.
// It answers the status line to show above the form.

type SetForm = (update: (f: FormState) => FormState) => void;

type Status =
  | Readonly<{ kind: 'none' }>
  | Readonly<{ kind: 'done'; text: string }>
  | Readonly<{ kind: 'failed'; text: string }>
  | Readonly<{ kind: 'ask'; text: string; plan: CardPlan }>;

const ID_FIELD = 'owner.idNumber';

export function useDeskAtIntake(form: FormState, setForm: SetForm): ReactNode {
  const t = useMessages(devicesWords);
  const [status, setStatus] = useState<Status>({ kind: 'none' });
  const latest = useRef(form);
  useEffect(() => { latest.current = form; });
  useMirrorOnDisplay(form);

  const ownerOf = (f: FormState): OwnerFields => ({ fullName: f.owner.fullName, idNumber: f.owner.idNumber, birthDate: f.owner.birthDate, address: f.owner.address });
  const names = (fields: readonly CardField[]) => fields.map((f) => t(`field_${f}`)).join(', ');
  const put = (values: Partial<Record<CardField, string>>) => setForm((f) => ({ ...f, owner: { ...f.owner, ...values } }));

  /** `typed`: the owner's fields as the officer left them (before a wedge's burst wrote into one). */
  const take = (scan: IdentityScan, typed: OwnerFields) => {
    if (!scan.ok) {
      put({ idNumber: typed.idNumber }); // a burst's digits in the field are the wedge's, not the officer's
      setStatus({ kind: 'failed', text: t('readFailed', { message: scan.message }) });
      return;
    }
    const plan = planFill(typed, cardValues(scan.card));
    const filled = Object.keys(plan.fill) as CardField[];
    put({ idNumber: typed.idNumber, ...plan.fill });
    const gender = t('gender', { gender: t(scan.card.gender) });
    const head = filled.length > 0 ? t('filled', { message: scan.message, fields: names(filled) }) : t('nothingNew', { message: scan.message });
    const text = `${head} ${gender}`;
    setStatus(plan.differ.length > 0 ? { kind: 'ask', text, plan } : { kind: 'done', text });
    // Filled without a question: on to the phone, the first field a card does not give (a question has the focus itself).
    if (filled.length > 0 && plan.differ.length === 0) requestAnimationFrame(() => document.querySelector<HTMLInputElement>('form.intake [name="owner.phone"]')?.focus());
  };

  // The serial reader: whatever field has the focus.
  useStationEvent('identity.scanned', (scan) => take(scan, ownerOf(latest.current)));

  // A keyboard wedge types ~100 characters a few ms apart, then Enter, into the focused field.
  const reader = useStation('reader.settings', {});
  const keyboard = reader.data?.settings.mode === 'keyboard' ? reader.data.settings.keyboard : null;
  const takeRef = useRef(take);
  useEffect(() => { takeRef.current = take; });
  useEffect(() => {
    if (!keyboard) return;
    const bursts = burstDetector(keyboard);
    let before: OwnerFields | null = null;
    const inField = (e: Event) => (e.target as HTMLElement | null)?.getAttribute?.('name') === ID_FIELD;
    const onInput = (e: InputEvent) => {
      if (!inField(e) || e.inputType !== 'insertText' || !e.data) return;
      // What the officer had typed, before a scanner's keys (if these are) wrote into the field.
      if (bursts.input(e.data, performance.now())) before = ownerOf(latest.current);
    };
    const onKey = (e: KeyboardEvent) => {
      if (!inField(e) || e.key !== 'Enter') return;
      const scanned = bursts.enter(performance.now());
      const typed = before;
      if (scanned === null || !typed) return;
      // Not the officer's Enter: the form must not move on, nor submit.
      e.preventDefault();
      e.stopPropagation();
      call('identity.parse', { text: scanned, source: 'keyboard' })
        .then((scan) => takeRef.current(scan, typed))
        .catch((error: unknown) => setStatus({ kind: 'failed', text: t('readFailed', { message: errorMessage(error) }) }));
    };
    document.addEventListener('beforeinput', onInput, true);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('beforeinput', onInput, true);
      document.removeEventListener('keydown', onKey, true);
    };
    // Rebinds only when the reader's settings change.
  }, [keyboard?.maxKeyGapMs, keyboard?.minLength, keyboard !== null]);

  switch (status.kind) {
    case 'none':
      return null;
    case 'done':
    case 'failed':
      return (
        <p className={`banner identity-status ${status.kind === 'failed' ? 'error' : 'ok'}`} role="status" data-testid="identity-status">
          <span>{status.text}</span>
          <button type="button" onClick={() => setStatus({ kind: 'none' })}>{t('dismiss')}</button>
        </p>
      );
    case 'ask': {
      const { plan } = status;
      return (
        <div className="banner identity-status ask" role="status" data-testid="identity-status">
          <p>{status.text}</p>
          <p>{t('differs')}</p>
          <ul>
            {plan.differ.map((d) => (
              <li key={d.field}><b>{t(`field_${d.field}`)}</b>: {t('typed')} “{d.typed}” — {t('onCard')} “{d.card}”</li>
            ))}
          </ul>
          <div className="actions">
            <button type="button" className="primary" autoFocus onClick={() => {
              put(Object.fromEntries(plan.differ.map((d) => [d.field, d.card])));
              setStatus({ kind: 'done', text: t('replaced', { fields: names(plan.differ.map((d) => d.field)) }) });
            }}>{t('useCard')}</button>
            <button type="button" onClick={() => setStatus({ kind: 'done', text: t('kept') })}>{t('keepTyped')}</button>
          </div>
        </div>
      );
    }
    default: {
      const never: never = status;
      return never;
    }
  }
}

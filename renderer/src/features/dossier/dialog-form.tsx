import type { ComponentType, KeyboardEvent, ReactNode } from 'react';
import type { ChannelInput, ChannelOutput } from '../../../../main/contract/channels';
import { useMessages } from '../../common/i18n/i18n';
import { advanceOnEnter } from '../../common/ui/advance';
import { lifeWords } from './life-messages';

// What the dialogs of the counter's changes share (./TransitionDialog.tsx): the change sent,
// the dossier it is about, and the form frame — Enter walks the fields, Ctrl+Enter records from
// anywhere (a text area keeps its Enter for new lines), Esc cancels.

export type TransitionInput = ChannelInput<'dossier.transition'>;
export type CounterEvent = TransitionInput['event'];
export type TransitionAnswer = ChannelOutput<'dossier.transition'>;

/** What a dialog needs to know of the dossier: from the dossier page or a line of a list. */
export type DossierRef = Readonly<{
  code: string;
  ownerName: string;
  ownerIdNumber: string;
  procedureName: string;
  resultDelivery: 'counter' | 'post';
  /** The date the counter works to now, and how late it is ("trễ hẹn 1 ngày làm việc"). */
  dueAt: string;
  lateness: string | null;
  /** The papers the last supplement request listed (to receive them). */
  supplementItems?: readonly string[] | undefined;
}>;

export type EventFormProps = Readonly<{
  dossier: DossierRef;
  errors: Readonly<Record<string, string>>;
  busy: boolean;
  submit: (input: TransitionInput) => void;
  onCancel: () => void;
}>;

/** One event's dialog: its fields, and the names of the fields it shows errors next to. */
export type EventForm = Readonly<{ fields: readonly string[]; Form: ComponentType<EventFormProps> }>;

export function DialogForm({ onSubmit, busy, onCancel, submitLabel, danger, children }: {
  onSubmit: () => void;
  busy: boolean;
  onCancel: () => void;
  submitLabel: string;
  danger?: boolean;
  children: ReactNode;
}) {
  const t = useMessages(lifeWords);
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onSubmit();
      return;
    }
    advanceOnEnter(e);
  };
  return (
    <form className="transition-form" noValidate onKeyDown={onKeyDown} onSubmit={(e) => { e.preventDefault(); onSubmit(); }}>
      {children}
      <p className="muted small">{t('submitKeys')}</p>
      <footer>
        <span className="spacer" />
        <button type="submit" className={danger ? 'destructive' : 'primary'} disabled={busy}>{busy ? t('recording') : `${submitLabel} (Ctrl+Enter)`}</button>
        <button type="button" onClick={onCancel}>{t('cancel')} (Esc)</button>
      </footer>
    </form>
  );
}

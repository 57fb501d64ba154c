import { useCallback, useRef, useState, type ReactNode } from 'react';
import { useMessages } from '../i18n/i18n';
import { common } from '../i18n/common';
import { Modal } from './Modal';

export type ConfirmRequest = Readonly<{
  title: string;
  /** What will happen, and whether it can be undone. */
  message: string;
  confirmLabel: string;
  /** A destructive action: the button says so, and focus starts on "Huỷ". */
  danger?: boolean;
}>;

/**
 * Asks before doing something that cannot be taken back. `ask` answers true only for the
 * confirm button; Esc, "Huỷ" and closing answer false.
 */
export function useConfirm(): [ReactNode, (request: ConfirmRequest) => Promise<boolean>] {
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const resolver = useRef<((yes: boolean) => void) | null>(null);
  const ask = useCallback((r: ConfirmRequest) => new Promise<boolean>((resolve) => {
    resolver.current?.(false);
    resolver.current = resolve;
    setRequest(r);
  }), []);
  const answer = (yes: boolean) => {
    resolver.current?.(yes);
    resolver.current = null;
    setRequest(null);
  };
  return [request ? <ConfirmDialog request={request} onAnswer={answer} /> : null, ask];
}

function ConfirmDialog({ request, onAnswer }: { request: ConfirmRequest; onAnswer: (yes: boolean) => void }) {
  const t = useMessages(common);
  return (
    <Modal label={request.title} onClose={() => onAnswer(false)} className="confirm">
      <header><h2>{request.title}</h2></header>
      <p>{request.message}</p>
      <footer>
        <span className="spacer" />
        <button type="button" className={request.danger ? 'danger' : 'primary'} autoFocus={!request.danger} onClick={() => onAnswer(true)}>{request.confirmLabel}</button>
        <button type="button" autoFocus={request.danger} onClick={() => onAnswer(false)}>{t('cancel')} (Esc)</button>
      </footer>
    </Modal>
  );
}

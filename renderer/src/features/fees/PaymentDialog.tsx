import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import type { ChannelInput, ChannelOutput } from '../../../../main/contract/channels';
import { formatMoney } from '../../../../main/core/format';
import { PAYMENT_METHODS, paymentMethodNames, type PaymentMethod } from '../../../../main/core/fees';
import { vndInWords } from '../../../../main/core/vnd-words';
import { useLang, useMessages } from '../../common/i18n/i18n';
import { call, errorMessage, fieldErrors, useStation } from '../../common/station';
import { Field } from '../../common/ui/Field';
import { Modal } from '../../common/ui/Modal';
import { newPaymentKey, parseVnd, type FeeLineInput } from './draft';
import { feesWords } from './messages';

type Answer = ChannelOutput<'fees.record'>;
type Payment = ChannelInput<'fees.pay'>['payment'];

export type PaymentOutcome =
  | Readonly<{ kind: 'paid'; answer: Answer }>
  /** The station refused a fee line: back to the table, where the errors belong. */
  | Readonly<{ kind: 'lines'; fields: Record<string, string>; message: string }>;

/**
 * Taking the money: the method (↑↓ between cash, transfer, QR), the bank's reference of a
 * transfer, the cash handed over and the change, who pays, the book and the sheet number; Enter
 * takes it. With `lines`, the fees are recorded and paid in one call (nothing is written if
 * either is refused); without, what is recorded is paid.
 */
export function PaymentDialog({ code, dueVnd, lines, onDone, onClose }: {
  code: string;
  dueVnd: number;
  /** The fee lines to record with the payment; null pays what the station holds. */
  lines: FeeLineInput[] | null;
  onDone: (outcome: PaymentOutcome) => void;
  onClose: () => void;
}) {
  const t = useMessages(feesWords);
  const lang = useLang();
  // Minted once per opening: Enter pressed twice, or a retry after a lost answer, makes one receipt.
  const paymentKey = useMemo(() => newPaymentKey(), []);
  const books = useStation('receiptBooks.list', {});
  const usable = (books.data ?? []).filter((b) => b.left > 0);
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [transferRef, setTransferRef] = useState('');
  const [given, setGiven] = useState('');
  const [payerName, setPayerName] = useState('');
  const [payerAddress, setPayerAddress] = useState('');
  const [bookId, setBookId] = useState<number | null>(null);
  const [number, setNumber] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  // The oldest book with numbers left, as the station would take; its next sheet pre-filled.
  const book = usable.find((b) => b.id === bookId) ?? usable[0];
  useEffect(() => {
    if (book && bookId === null) setBookId(book.id);
  }, [book, bookId]);
  useEffect(() => {
    if (book?.kind === 'paper' && book.nextNumber !== null) setNumber(String(book.nextNumber));
  }, [book?.id, book?.kind, book?.nextNumber]);

  const givenVnd = parseVnd(given);
  const needsRef = method !== 'cash';

  const submit = async () => {
    if (busy) return;
    if (needsRef && transferRef.trim() === '') { setErrors({ transferRef: t('transferRefRequired') }); return; }
    const payment: Payment = {
      paymentKey,
      method,
      amountVnd: dueVnd,
      ...(payerName.trim() ? { payerName: payerName.trim() } : {}),
      ...(payerAddress.trim() ? { payerAddress: payerAddress.trim() } : {}),
      ...(needsRef ? { transferRef: transferRef.trim() } : {}),
      ...(book ? { bookId: book.id } : {}),
      ...(book?.kind === 'paper' && parseVnd(number) > 0 ? { number: parseVnd(number) } : {}),
    };
    setBusy(true);
    setErrors({});
    setMessage(t('paying'));
    try {
      const answer = lines ? await call('fees.record', { code, lines, payment }) : await call('fees.pay', { code, payment });
      onDone({ kind: 'paid', answer });
    } catch (e) {
      const fields = fieldErrors(e);
      if (Object.keys(fields).some((f) => f.startsWith('lines.'))) { onDone({ kind: 'lines', fields, message: errorMessage(e) }); return; }
      setErrors(Object.fromEntries(Object.entries(fields).map(([f, m]) => [f.replace(/^payment\./, ''), m])));
      setMessage(errorMessage(e));
      setBusy(false);
    }
  };

  // Enter takes the money from anywhere in the dialog but a button (which does its own thing).
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    const target = e.target as HTMLElement;
    if (e.key === 'Enter' && target.tagName !== 'BUTTON' && target.tagName !== 'A' && target.tagName !== 'SELECT') {
      e.preventDefault();
      void submit();
    }
  };

  const title = t('paymentTitle', { code });
  return (
    <Modal label={title} onClose={onClose} className="payment-dialog">
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} onKeyDown={onKeyDown}>
        <header><h2>{title}</h2></header>
        <p className="amount-due">
          {t('amountDue')}: <strong data-testid="payment-due">{formatMoney(dueVnd)}</strong>
          <span className="in-words">{vndInWords(dueVnd)}</span>
        </p>
        <fieldset className="methods" role="radiogroup" aria-label={t('method')}>
          <legend>{t('method')}</legend>
          {PAYMENT_METHODS.map((m, i) => (
            <label key={m}>
              <input type="radio" name="method" value={m} checked={method === m} autoFocus={i === 0}
                onChange={() => { setMethod(m); setErrors({}); }} />
              {paymentMethodNames[m][lang]}
            </label>
          ))}
        </fieldset>
        {needsRef ? (
          <Field label={t('transferRef')} name="transferRef" value={transferRef} maxLength={60} error={errors.transferRef}
            onChange={(e) => { setTransferRef(e.target.value); setErrors({}); }} />
        ) : (
          <Field label={t('given')} name="given" value={given} inputMode="numeric"
            hint={given === '' ? undefined : givenVnd >= dueVnd ? t('change', { amount: formatMoney(givenVnd - dueVnd) }) : t('givenShort', { amount: formatMoney(dueVnd - givenVnd) })}
            onChange={(e) => setGiven(e.target.value)} />
        )}
        <div className="two-fields">
          <Field label={t('payerName')} name="payerName" value={payerName} maxLength={100} hint={t('payerHint')} error={errors.payerName} onChange={(e) => setPayerName(e.target.value)} />
          <Field label={t('payerAddress')} name="payerAddress" value={payerAddress} maxLength={300} error={errors.payerAddress} onChange={(e) => setPayerAddress(e.target.value)} />
        </div>
        <div className="two-fields">
          <div className={`field ${errors.bookId ? 'has-error' : ''}`}>
            <label htmlFor="payment-book">{t('book')}</label>
            {usable.length > 0 ? (
              <select id="payment-book" name="bookId" value={book?.id ?? ''} onChange={(e) => setBookId(Number(e.target.value))}>
                {usable.map((b) => (
                  <option key={b.id} value={b.id}>
                    {t('bookOption', { formNumber: b.formNumber, series: b.series, kind: b.kind === 'paper' ? t('kindPaper') : t('kindElectronic'), left: b.left })}
                  </option>
                ))}
              </select>
            ) : <p className="field-hint warn" data-testid="no-book">{books.data ? t('noBook') : '…'}</p>}
            {errors.bookId ? <p className="field-error" role="alert">{errors.bookId}</p> : null}
          </div>
          {book?.kind === 'paper' ? (
            <Field label={t('sheetNumber')} name="number" value={number} inputMode="numeric" maxLength={7} hint={t('sheetNumberHint')} error={errors.number}
              onChange={(e) => { setNumber(e.target.value); setErrors({}); }} />
          ) : book ? <p className="field-hint">{t('electronicNumber', { number: String(book.nextNumber ?? '') })}</p> : null}
        </div>
        {message ? <p className={`notice ${Object.keys(errors).length > 0 || !busy ? 'error' : ''}`} role="status" data-testid="payment-message">{message}</p> : null}
        <footer>
          <span className="muted keys">{t('paymentKeys')}</span>
          <span className="spacer" />
          <button type="submit" className="primary" disabled={busy}>{t('confirmPayment', { amount: formatMoney(dueVnd) })} (Enter)</button>
          <button type="button" onClick={onClose}>{t('cancel')} (Esc)</button>
        </footer>
      </form>
    </Modal>
  );
}

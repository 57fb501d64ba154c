import { useEffect, useRef, useState } from 'react';
import type { ChannelOutput } from '../../../../main/contract/channels';
import { formatDateTime, formatMoney } from '../../../../main/core/format';
import { paymentMethodNames } from '../../../../main/core/fees';
import { useLang, useMessages, type Translate } from '../../common/i18n/i18n';
import { usePdfUrl } from '../../common/pdf';
import { usePrinting } from '../../common/printing';
import { PrinterChoice } from '../../common/ui/PrinterChoice';
import { call, errorMessage, fieldErrors, useInvalidate, useStation } from '../../common/station';
import { useConfirm } from '../../common/ui/ConfirmDialog';
import { Field } from '../../common/ui/Field';
import { Modal } from '../../common/ui/Modal';
import { useOfficer, hasRole } from '../../common/officer';
import { feesWords } from './messages';

type Receipt = ChannelOutput<'receipts.get'>;
type ReceiptSummary = ChannelOutput<'receipts.list'>[number];

/** "AA/26P số 0000001". */
export const receiptLabel = (r: Pick<ReceiptSummary, 'series' | 'numberText'>) => `${r.series} số ${r.numberText}`;

/** How an e-receipt stands at the provider, as the officer reads it; '' for a paper receipt. */
export function electronicText(t: Translate<typeof feesWords>, e: ReceiptSummary['electronic']): string {
  if (!e) return '';
  switch (e.state) {
    case 'waiting': return t('eWaiting');
    case 'issued': return t('eIssued', { code: e.lookupCode ?? '' });
    case 'rejected': return t('eRejected', { reason: e.lastError ?? '' });
    case 'cancel_waiting': return t('eCancelWaiting');
    case 'cancelled': return t('eCancelled');
  }
}

/**
 * One receipt: what it says, its PDF as printed (preview), print again (Enter), and void it
 * (a reason, then a confirmation saying the number stays used and the fees become due again).
 */
export function ReceiptDialog({ id, onClose, onVoided }: { id: number; onClose: () => void; onVoided?: (r: Receipt) => void }) {
  const t = useMessages(feesWords);
  const lang = useLang();
  const officer = useOfficer();
  const invalidate = useInvalidate();
  const receipt = useStation('receipts.get', { id });
  const pdf = useStation('receipts.pdf', { id });
  const url = usePdfUrl(pdf.data?.base64);
  const { printers, printer, setPrinter, print: printNow, printing, message, setMessage } = usePrinting((printer) => call('receipts.print', { id, printer }), url);
  const [busy, setBusy] = useState(false);
  const [voiding, setVoiding] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [confirmDialog, ask] = useConfirm();
  // After voiding, the void form is gone: focus goes to the print button, not to nowhere (Esc still closes).
  const printButton = useRef<HTMLButtonElement>(null);
  const [justVoided, setJustVoided] = useState(false);
  useEffect(() => {
    if (!justVoided || busy) return;
    setJustVoided(false);
    printButton.current?.focus();
  }, [justVoided, busy]);


  // Enabled before the receipt has loaded, so that it takes the focus when the dialog opens.
  const print = async () => {
    if (busy || !receipt.data) return;
    await printNow();
  };

  const voidIt = async (r: Receipt) => {
    if (reason.trim() === '') { setReasonError(t('voidReasonRequired')); return; }
    setReasonError(undefined);
    const yes = await ask({
      title: t('voidTitle', { series: r.series, number: r.numberText }),
      message: t('voidExplain', { number: r.numberText, code: r.dossierCode }),
      confirmLabel: t('confirmVoid'),
      danger: true,
    });
    if (!yes) return;
    setBusy(true);
    try {
      const done = await call('receipts.void', { id, reason: reason.trim() });
      setVoiding(false);
      setReason('');
      setBusy(false);
      setJustVoided(true);
      setMessage(t('voided', { series: done.series, number: done.numberText }));
      // The PDF is not named by fees.changed: the printed copy now carries "ĐÃ HỦY".
      void invalidate('receipts.pdf');
      onVoided?.(done);
    } catch (e) {
      const fields = fieldErrors(e);
      if (fields.reason) setReasonError(fields.reason);
      else setMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const r = receipt.data;
  const title = r ? t('receiptTitle', { series: r.series, number: r.numberText }) : '…';
  const mayVoid = hasRole(officer, ['reception', 'leader']) && r && !r.void;
  return (
    <Modal label={title} onClose={onClose} className="receipt-dialog">
      <header>
        <h2>{title}</h2>
        {r?.void ? <span className="voided-badge">{t('voidedBadge')}</span> : null}
        <PrinterChoice label={t('printer')} printers={printers} printer={printer} setPrinter={setPrinter} />
      </header>
      {receipt.error ? <p className="banner error" role="alert">{errorMessage(receipt.error)}</p> : null}
      {r?.void ? (
        <p className="banner error voided" data-testid="receipt-voided">
          {t('voidedBanner', { at: formatDateTime(r.void.at), officer: r.void.officerName, reason: r.void.reason })}
        </p>
      ) : null}
      {r ? (
        <div className="receipt-body">
          <dl className="receipt-summary" data-testid="receipt-facts">
            <dt>{t('number')}</dt><dd><strong data-testid="receipt-number">{receiptLabel(r)}</strong> <span className="muted">({r.formNumber})</span></dd>
            <dt>{t('dossier')}</dt><dd><code>{r.dossierCode}</code></dd>
            <dt>{t('payer')}</dt><dd>{r.payerName}{r.payerAddress ? <span className="muted"> · {r.payerAddress}</span> : null}</dd>
            <dt>{t('amount')}</dt><dd><strong data-testid="receipt-amount">{formatMoney(r.amountVnd)}</strong> <span className="muted">({r.amountInWords})</span></dd>
            <dt>{t('method')}</dt><dd>{paymentMethodNames[r.method][lang]}{r.transferRef ? ` · ${r.transferRef}` : ''}</dd>
            <dt>{t('issuedAt')}</dt><dd>{formatDateTime(r.issuedAt)} · {r.officerName}</dd>
            {r.electronic ? <><dt>{t('kind')}</dt><dd>{electronicText(t, r.electronic)}</dd></> : null}
          </dl>
          {url ? <iframe title={pdf.data?.fileName ?? title} src={url} className="pdf" /> : <div className="pdf loading">{pdf.error ? errorMessage(pdf.error) : '…'}</div>}
        </div>
      ) : null}
      {voiding && r ? (
        <form className="void-form" onSubmit={(e) => { e.preventDefault(); void voidIt(r); }}>
          <Field label={t('voidReason')} name="reason" value={reason} autoFocus maxLength={300} placeholder={t('voidReasonHint')}
            onChange={(e) => { setReason(e.target.value); setReasonError(undefined); }} error={reasonError} />
          <button type="submit" className="danger" disabled={busy}>{t('confirmVoid')} (Enter)</button>
          <button type="button" onClick={() => { setVoiding(false); setReasonError(undefined); }}>{t('keepReceipt')}</button>
        </form>
      ) : null}
      {message ? <p className="notice" role="status" data-testid="receipt-message">{message}</p> : null}
      <footer>
        {url ? <a href={url} download={pdf.data?.fileName} className="button">{t('openPdf')}</a> : null}
        {mayVoid && !voiding ? <button type="button" className="danger" onClick={() => setVoiding(true)}>{t('voidReceipt')}</button> : null}
        <span className="spacer" />
        <span className="muted keys">{t('receiptKeys')}</span>
        <button ref={printButton} type="button" className="primary" autoFocus onClick={() => void print()} disabled={busy || printing}>{t('printReceipt')} (Enter)</button>
        <button type="button" onClick={onClose}>{t('close')} (Esc)</button>
      </footer>
      {confirmDialog}
    </Modal>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { ChannelOutput } from '../../../../main/contract/channels';
import { formatDateTime, formatMoney } from '../../../../main/core/format';
import { EXEMPTION_REASONS, exemptionReasonNames } from '../../../../main/core/fees';
import { vndInWords } from '../../../../main/core/vnd-words';
import { hasRole, useOfficer } from '../../common/officer';
import { useLang, useMessages } from '../../common/i18n/i18n';
import { call, errorMessage, fieldErrors, useStation } from '../../common/station';
import { advanceOnEnter } from '../../common/ui/advance';
import {
  amountsOf, draftOf, errorsByRow, linesToRecord, parseVnd, reasonOrNull, sameAsRecorded, totalsOf,
  type DossierFees as Fees, type LineDraft,
} from './draft';
import { PaymentDialog, type PaymentOutcome } from './PaymentDialog';
import { ReceiptDialog, receiptLabel } from './ReceiptDialog';
import { feesWords } from './messages';

/** The key that opens the payment from anywhere on the page (the hint under the table says so). */
export const TAKE_PAYMENT_KEY = 'F9';

type Receipt = ChannelOutput<'receipts.get'>;

/** What the station holds, as one string: when it changes (recorded, paid, voided), the draft starts again from it. */
const stateKey = (f: Fees) => JSON.stringify([f.recorded?.at ?? null, f.lines.map((l) => [l.feeName, l.quantity, l.status, l.receiptId]), f.receipts.map((r) => [r.id, r.voided])]);

/**
 * A dossier's fees and charges: the procedure's fees pre-filled, quantity and exemption per
 * line, what is due (in figures and words), then "Thu tiền" (F9) or "Ghi phí, thu sau"; the
 * dossier's receipts, each to view, reprint or void.
 */
export function DossierFees({ code }: { code: string }) {
  const t = useMessages(feesWords);
  const lang = useLang();
  const officer = useOfficer();
  const fees = useStation('fees.get', { code }, { enabled: code !== '' });
  const [draft, setDraft] = useState<LineDraft[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const [paying, setPaying] = useState(false);
  const [busy, setBusy] = useState(false);
  const [openReceipt, setOpenReceipt] = useState<number | null>(null);
  // The receipt just made opens once the payment dialog has gone (and given focus back), so that
  // its print button holds the focus: Enter prints, Esc closes.
  const [madeReceipt, setMadeReceipt] = useState<number | null>(null);
  useEffect(() => {
    if (paying || madeReceipt === null) return;
    setOpenReceipt(madeReceipt);
    setMadeReceipt(null);
  }, [paying, madeReceipt]);
  const seen = useRef<string | null>(null);

  const data = fees.data;
  useEffect(() => {
    if (!data) return;
    const key = stateKey(data);
    if (seen.current === key) return;
    seen.current = key;
    setDraft(draftOf(data));
    setErrors({});
  }, [data]);

  const isCounter = hasRole(officer, ['reception']);
  const paidAlready = !!data && data.lines.some((l) => l.status === 'paid');
  const editable = isCounter && !paidAlready;
  const totals = totalsOf(draft);
  const unchanged = !!data && sameAsRecorded(draft, data);
  const dueNow = paidAlready ? (data?.totals.outstandingVnd ?? 0) : totals.dueVnd;

  const startPayment = () => {
    if (!data || busy || !isCounter) return;
    if (dueNow <= 0) { setStatus({ text: paidAlready ? t('alreadyPaid') : t('nothingToTake'), error: true }); return; }
    setStatus(null);
    setPaying(true);
  };
  const startRef = useRef(startPayment);
  useEffect(() => { startRef.current = startPayment; });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== TAKE_PAYMENT_KEY || e.ctrlKey || e.altKey || e.metaKey || e.defaultPrevented) return;
      // Not from under another dialog (the slip preview, a confirmation).
      if (document.querySelector('.modal-backdrop')) return;
      e.preventDefault();
      startRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const recordLater = async () => {
    if (!data || busy) return;
    const { lines, rows } = linesToRecord(draft);
    setBusy(true);
    setErrors({});
    try {
      const answer = await call('fees.record', { code, lines });
      setStatus({ text: answer.fees.totals.dueVnd > 0 ? t('recorded', { amount: formatMoney(answer.fees.totals.dueVnd) }) : t('recordedNothingDue') });
    } catch (e) {
      setErrors(errorsByRow(fieldErrors(e), rows));
      setStatus({ text: `${errorMessage(e)} ${t('fixLines')}`, error: true });
    } finally {
      setBusy(false);
    }
  };

  const toRecord = paidAlready || unchanged ? null : linesToRecord(draft);
  const onPaid = (outcome: PaymentOutcome) => {
    setPaying(false);
    if (outcome.kind === 'lines') {
      setErrors(errorsByRow(outcome.fields, toRecord?.rows ?? []));
      setStatus({ text: `${outcome.message} ${t('fixLines')}`, error: true });
      return;
    }
    const r = outcome.answer.receipt;
    if (r) {
      setStatus({ text: t('paid', { amount: formatMoney(r.amountVnd), series: r.series, number: r.numberText }) });
      setMadeReceipt(r.id);
    }
  };
  // Back on the receipt's row (the fee inputs are locked once paid, so focus has nowhere else to go).
  const box = useRef<HTMLFieldSetElement>(null);
  const [backTo, setBackTo] = useState<number | null>(null);
  useEffect(() => {
    if (backTo === null || openReceipt !== null) return;
    box.current?.querySelector<HTMLButtonElement>(`[data-receipt-id="${backTo}"] button`)?.focus();
    setBackTo(null);
  }, [backTo, openReceipt]);
  const closeReceipt = (id: number) => {
    setOpenReceipt(null);
    setBackTo(id);
  };
  const onVoided = (r: Receipt) => setStatus({ text: t('voided', { series: r.series, number: r.numberText }) });

  if (fees.error) return <fieldset className="dossier-fees"><legend>{t('feesTitle')}</legend><p className="banner error" role="alert">{errorMessage(fees.error)}</p></fieldset>;
  if (!data) return <fieldset className="dossier-fees"><legend>{t('feesTitle')}</legend><p className="muted">{t('loading')}</p></fieldset>;
  if (data.catalogueFees.length === 0 && data.lines.length === 0) {
    return <fieldset className="dossier-fees"><legend>{t('feesTitle')}</legend><p className="muted">{t('noFees')}</p></fieldset>;
  }

  const update = (row: number, change: Partial<LineDraft>) => {
    setDraft((d) => d.map((l, i) => (i === row ? { ...l, ...change } : l)));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith(`rows.${row}.`))));
  };
  const stateText = !data.recorded
    ? t('stateNotRecorded')
    : data.totals.dueVnd === 0
      ? (data.totals.exemptVnd > 0 ? t('stateExempt') : t('stateNothing'))
      : data.totals.outstandingVnd === 0
        ? t('statePaid', { amount: formatMoney(data.totals.paidVnd) })
        : t('stateUnpaid', { amount: formatMoney(data.totals.outstandingVnd) });
  const shownDue = paidAlready ? data.totals.dueVnd : totals.dueVnd;

  return (
    <fieldset ref={box} className="dossier-fees" data-testid="dossier-fees">
      <legend>{t('feesTitle')}</legend>
      <p className="fees-state">
        <span className={`fee-state ${data.totals.outstandingVnd > 0 || !data.recorded ? 'unpaid' : 'paid'}`} data-testid="fees-state">{stateText}</span>
        {data.recorded ? <span className="muted"> · {t('recordedBy', { at: formatDateTime(data.recorded.at), officer: data.recorded.officerName })}</span> : null}
      </p>
      <div className="fee-lines" onKeyDown={advanceOnEnter}>
        <table className="fee-table">
          <thead>
            <tr><th>{t('feeName')}</th><th className="num">{t('unitAmount')}</th><th className="num">{t('quantity')}</th><th className="num">{t('gross')}</th><th>{t('exemption')}</th><th className="num">{t('due')}</th></tr>
          </thead>
          <tbody>
            {draft.map((line, row) => {
              const a = amountsOf(line);
              const err = (f: string) => errors[`rows.${row}.${f}`] ?? (f === 'feeName' ? errors[`rows.${row}`] : undefined);
              const lineStatus = data.lines.find((l) => l.feeName === line.feeName)?.status;
              return (
                <tr key={line.feeName} data-testid="fee-line">
                  <td>
                    <strong>{line.feeName}</strong>
                    {lineStatus ? <span className={`line-status ${lineStatus}`}> · {t(lineStatus === 'paid' ? 'lineStatusPaid' : lineStatus === 'exempt' ? 'lineStatusExempt' : 'lineStatusUnpaid')}</span> : null}
                    {line.note ? <div className="muted small">{line.note}</div> : null}
                    {err('feeName') ? <p className="field-error" role="alert">{err('feeName')}</p> : null}
                  </td>
                  <td className="num">
                    {line.fixed ? formatMoney(parseVnd(line.unitAmount)) : (
                      <>
                        <input name={`rows.${row}.unitAmountVnd`} aria-label={`${t('unitAmount')} – ${line.feeName}`} inputMode="numeric" className="amount" value={line.unitAmount}
                          disabled={!editable} title={t('setByProvince')} onChange={(e) => update(row, { unitAmount: e.target.value })} aria-invalid={!!err('unitAmountVnd')} />
                        {err('unitAmountVnd') ? <p className="field-error" role="alert">{err('unitAmountVnd')}</p> : null}
                      </>
                    )}
                  </td>
                  <td className="num">
                    <input name={`rows.${row}.quantity`} aria-label={`${t('quantity')} – ${line.feeName}`} inputMode="numeric" className="count" value={line.quantity}
                      disabled={!editable} onChange={(e) => update(row, { quantity: e.target.value.replace(/\D/g, '') })} onFocus={(e) => e.target.select()} />
                    {line.quantity === '0' ? <div className="muted small">{t('quantityZero')}</div> : null}
                  </td>
                  <td className="num">{formatMoney(a.grossVnd)}</td>
                  <td className="exemption-cell">
                    <select name={`rows.${row}.exemption.reason`} aria-label={t('exemptionOf', { fee: line.feeName })} value={line.exemption?.reason ?? ''} disabled={!editable}
                      aria-invalid={!!err('exemption.reason')}
                      onChange={(e) => {
                        const reason = reasonOrNull(e.target.value);
                        update(row, { exemption: reason ? { reason, percent: line.exemption?.percent ?? '100', detail: line.exemption?.detail ?? '' } : null });
                      }}>
                      <option value="">{t('noExemption')}</option>
                      {EXEMPTION_REASONS.map((r) => <option key={r} value={r}>{exemptionReasonNames[r][lang]}</option>)}
                    </select>
                    {err('exemption.reason') ? <p className="field-error" role="alert">{err('exemption.reason')}</p> : null}
                    {line.exemption ? (
                      <div className="exemption-detail">
                        <label>{t('percent')}{' '}
                          <input name={`rows.${row}.exemption.percent`} inputMode="numeric" className="count" value={line.exemption.percent} disabled={!editable}
                            onFocus={(e) => e.target.select()}
                            onChange={(e) => update(row, { exemption: { ...line.exemption!, percent: e.target.value.replace(/[^\d]/g, '').slice(0, 3) } })} />
                        </label>
                        <input name={`rows.${row}.exemption.detail`} aria-label={t('exemptionDetail')} placeholder={t('exemptionDetailHint')} value={line.exemption.detail} maxLength={300}
                          disabled={!editable} aria-invalid={!!err('exemption.detail')}
                          onChange={(e) => update(row, { exemption: { ...line.exemption!, detail: e.target.value } })} />
                        {err('exemption.detail') ? <p className="field-error" role="alert">{err('exemption.detail')}</p> : null}
                        {a.exemptVnd > 0 ? <div className="muted small">− {formatMoney(a.exemptVnd)}</div> : null}
                      </div>
                    ) : null}
                  </td>
                  <td className="num"><strong>{formatMoney(a.dueVnd)}</strong></td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th colSpan={5}>
                {t('totalDue')}
                {totals.exemptVnd > 0 ? <span className="muted small"> ({t('totalGross', { gross: formatMoney(totals.grossVnd), exempt: formatMoney(totals.exemptVnd) })})</span> : null}
              </th>
              <th className="num"><strong data-testid="fees-total">{formatMoney(shownDue)}</strong></th>
            </tr>
            <tr><td colSpan={6} className="in-words">{t('inWords')}: <em data-testid="fees-words">{vndInWords(shownDue)}</em></td></tr>
          </tfoot>
        </table>
        {isCounter ? (
          <div className="actions fee-actions">
            <button type="button" className="primary" onClick={startPayment} disabled={busy || dueNow <= 0}>{t('takeMoney')} ({TAKE_PAYMENT_KEY})</button>
            {editable ? (
              <button type="button" onClick={() => void recordLater()} disabled={busy || unchanged}>
                {busy ? t('recording') : totals.dueVnd > 0 ? t('recordLater') : t('recordExempt')}
              </button>
            ) : null}
            <span className="muted keys" data-testid="fees-keys">{editable ? t('editorKeys') : t('paidKeys')}</span>
          </div>
        ) : null}
      </div>
      {status ? <p className={`notice ${status.error ? 'error' : 'ok'}`} role="status" data-testid="fees-status">{status.text}</p> : null}
      {data.receipts.length > 0 ? <DossierReceipts receipts={data.receipts} onOpen={setOpenReceipt} /> : null}
      {paying ? (
        <PaymentDialog code={code} dueVnd={dueNow} lines={toRecord?.lines ?? null} onDone={onPaid} onClose={() => setPaying(false)} />
      ) : null}
      {openReceipt !== null ? <ReceiptDialog id={openReceipt} onClose={() => closeReceipt(openReceipt)} onVoided={onVoided} /> : null}
    </fieldset>
  );
}

function DossierReceipts({ receipts, onOpen }: { receipts: Fees['receipts']; onOpen: (id: number) => void }) {
  const t = useMessages(feesWords);
  return (
    <div className="dossier-receipts">
      <h3>{t('receiptsOfDossier')}</h3>
      <table className="receipts">
        <thead><tr><th>{t('number')}</th><th>{t('issuedAt')}</th><th className="num">{t('amount')}</th><th>{t('collector')}</th><th>{t('status')}</th><th /></tr></thead>
        <tbody>
          {receipts.map((r) => (
            <tr key={r.id} className={r.voided ? 'voided' : ''} data-testid="dossier-receipt" data-receipt-id={r.id}>
              <td>{receiptLabel(r)}</td>
              <td>{formatDateTime(r.issuedAt)}</td>
              <td className="num">{formatMoney(r.amountVnd)}</td>
              <td>{r.officerName}</td>
              <td>{r.voided ? <span className="voided-badge">{t('voidedBadge')}</span> : t('valid')}</td>
              <td><button type="button" className="link-button" onClick={() => onOpen(r.id)}>{t('view')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

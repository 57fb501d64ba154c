import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ChannelOutput } from '../../../../main/contract/channels';
import { formatDate, formatDateTime, formatMoney, formatTime } from '../../../../main/core/format';
import { paymentMethodNames } from '../../../../main/core/fees';
import { isValidLocalDate } from '../../../../main/core/time';
import { useLang, useMessages } from '../../common/i18n/i18n';
import { usePdfUrl } from '../../common/pdf';
import { call, errorMessage, useStation } from '../../common/station';
import { DateField } from '../../common/ui/DateField';
import { Modal } from '../../common/ui/Modal';
import { ReceiptDialog, electronicText, receiptLabel } from './ReceiptDialog';
import { feesWords } from './messages';

type Summary = ChannelOutput<'fees.cashSummary'>;

/**
 * "Biên lai": a day's receipts (today unless another date is typed) with their totals, each to
 * open, reprint or void; the day's cash summary per officer and per fee, voided receipts apart,
 * to print (PDF preview) or export to Excel.
 */
export default function ReceiptsScreen() {
  const t = useMessages(feesWords);
  const lang = useLang();
  // '' until the station says which day "today" is (its clock, not this PC's).
  const [date, setDate] = useState('');
  const day = isValidLocalDate(date) ? { date } : {};
  const summary = useStation('fees.cashSummary', day);
  const list = useStation('receipts.list', { ...day, limit: 1000 });
  const [open, setOpen] = useState<number | null>(null);
  const [printing, setPrinting] = useState(false);
  const [xlsx, setXlsx] = useState<{ url: string; fileName: string } | null>(null);
  const [message, setMessage] = useState('');
  const rows = useRef<HTMLTableSectionElement>(null);
  const dateBox = useRef<HTMLInputElement>(null);

  useEffect(() => { if (date === '' && summary.data) setDate(summary.data.date); }, [date, summary.data]);
  useEffect(() => { dateBox.current?.focus(); }, []);
  useEffect(() => () => { if (xlsx) URL.revokeObjectURL(xlsx.url); }, [xlsx]);
  useEffect(() => { setXlsx(null); setMessage(''); }, [date]);

  const shownDate = summary.data?.date ?? date;
  const receipts = list.data ?? [];
  const valid = receipts.filter((r) => !r.voided);

  const exportXlsx = async () => {
    setMessage(t('exporting'));
    try {
      const file = await call('fees.cashSummaryXlsx', day);
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      // The officer's file name, in Vietnamese, with the day as dd-mm-yyyy (no "/" in a file name).
      const when = summary.data ? formatDate(summary.data.date).replaceAll('/', '-') : file.fileName;
      const fileName = `${t('summaryFileName', { date: when })}.xlsx`;
      setXlsx({ url: URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })), fileName });
      setMessage('');
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };

  // ↑↓ between the rows, Enter opens the receipt; ↓ from the date goes into the list.
  const focusRow = (i: number) => rows.current?.querySelectorAll<HTMLTableRowElement>('tr')[i]?.focus();
  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, i: number, id: number) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); focusRow(Math.min(i + 1, receipts.length - 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); if (i === 0) dateBox.current?.focus(); else focusRow(i - 1); }
    else if (e.key === 'Enter') { e.preventDefault(); setOpen(id); }
  };

  return (
    <section className="receipts-screen" aria-labelledby="receipts-title">
      <header className="screen-head">
        <h1 id="receipts-title">{t('receiptsTitle')}</h1>
        <DateField ref={dateBox} label={t('dayOf')} name="date" value={date} onChange={setDate}
          onKeyDown={(e) => { if (e.key === 'ArrowDown' || e.key === 'Enter') { e.preventDefault(); focusRow(0); } }} />
        <span className="spacer" />
        <button type="button" onClick={() => setPrinting(true)} disabled={!summary.data}>{t('printSummary')}</button>
        <button type="button" onClick={() => void exportXlsx()} disabled={!summary.data}>{t('exportXlsx')}</button>
        {xlsx ? <a className="button primary" href={xlsx.url} download={xlsx.fileName} data-testid="xlsx-link">{t('download', { name: xlsx.fileName })}</a> : null}
      </header>
      {message ? <p className="notice" role="status">{message}</p> : null}
      {list.error ? <p className="banner error" role="alert">{errorMessage(list.error)}</p> : null}

      <h2>{t('receiptsOfDay', { date: isValidLocalDate(shownDate) ? formatDate(shownDate) : shownDate })}</h2>
      <p className="day-totals" data-testid="day-totals">
        {t('dayTotals', { count: valid.length, amount: formatMoney(valid.reduce((a, r) => a + r.amountVnd, 0)), voided: receipts.length - valid.length })}
        <span className="muted keys"> · {t('receiptsKeys')}</span>
      </p>
      {list.data && receipts.length === 0 ? <p className="muted">{t('noReceipts', { date: isValidLocalDate(shownDate) ? formatDate(shownDate) : shownDate })}</p> : null}
      {receipts.length > 0 ? (
        <table className="receipts day-receipts">
          <thead>
            <tr><th>{t('number')}</th><th>{t('issuedAt')}</th><th>{t('dossier')}</th><th>{t('payer')}</th><th className="num">{t('amount')}</th><th>{t('method')}</th><th>{t('collector')}</th><th>{t('status')}</th></tr>
          </thead>
          <tbody ref={rows}>
            {receipts.map((r, i) => (
              <tr key={r.id} tabIndex={0} className={r.voided ? 'voided' : ''} data-testid="day-receipt"
                onKeyDown={(e) => onRowKey(e, i, r.id)} onDoubleClick={() => setOpen(r.id)} onClick={() => setOpen(r.id)}>
                <td>{receiptLabel(r)}</td>
                <td>{formatTime(r.issuedAt)}</td>
                <td><code>{r.dossierCode}</code></td>
                <td>{r.payerName}</td>
                <td className="num">{formatMoney(r.amountVnd)}</td>
                <td>{paymentMethodNames[r.method][lang]}</td>
                <td>{r.officerName}</td>
                <td>{r.voided ? <span className="voided-badge">{t('voidedBadge')}</span> : t('valid')}{r.electronic ? <div className="muted small">{electronicText(t, r.electronic)}</div> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      {summary.data ? <CashSummary summary={summary.data} /> : summary.error ? <p className="banner error" role="alert">{errorMessage(summary.error)}</p> : null}
      {open !== null ? <ReceiptDialog id={open} onClose={() => setOpen(null)} /> : null}
      {printing ? <SummaryPreview date={day} shownDate={shownDate} onClose={() => setPrinting(false)} /> : null}
    </section>
  );
}

function CashSummary({ summary: s }: { summary: Summary }) {
  const t = useMessages(feesWords);
  return (
    <section className="cash-summary" aria-labelledby="cash-summary-title" data-testid="cash-summary">
      <h2 id="cash-summary-title">{t('cashSummary')}</h2>
      {s.totals.receipts === 0 && s.voided.length === 0 ? <p className="muted">{t('nothingTaken')}</p> : null}
      <div className="summary-grid">
        <div>
          <h3>{t('byOfficer')}</h3>
          <table className="summary-table" data-testid="summary-officers">
            <thead><tr><th>{t('officer')}</th><th className="num">{t('receiptCount')}</th><th className="num">{t('cash')}</th><th className="num">{t('transfer')}</th><th className="num">{t('qr')}</th><th className="num">{t('total')}</th></tr></thead>
            <tbody>
              {s.officers.map((o) => (
                <tr key={o.officerId}><td>{o.officerName}</td><td className="num">{o.receipts}</td><td className="num">{formatMoney(o.cashVnd)}</td><td className="num">{formatMoney(o.transferVnd)}</td><td className="num">{formatMoney(o.qrVnd)}</td><td className="num">{formatMoney(o.totalVnd)}</td></tr>
              ))}
            </tbody>
            <tfoot>
              <tr><th>{t('total')}</th><th className="num">{s.totals.receipts}</th><th className="num">{formatMoney(s.totals.cashVnd)}</th><th className="num">{formatMoney(s.totals.transferVnd)}</th><th className="num">{formatMoney(s.totals.qrVnd)}</th><th className="num" data-testid="summary-total">{formatMoney(s.totals.totalVnd)}</th></tr>
            </tfoot>
          </table>
        </div>
        <MethodsChart summary={s} />
      </div>
      <h3>{t('byFee')}</h3>
      <table className="summary-table" data-testid="summary-fees">
        <thead><tr><th>{t('feeName')}</th><th className="num">{t('quantity')}</th><th className="num">{t('receiptCount')}</th><th className="num">{t('amount')}</th></tr></thead>
        <tbody>
          {s.fees.map((f) => <tr key={f.feeName}><td>{f.feeName}</td><td className="num">{f.quantity}</td><td className="num">{f.receipts}</td><td className="num">{formatMoney(f.amountVnd)}</td></tr>)}
        </tbody>
      </table>
      {s.voided.length > 0 ? (
        <>
          <h3>{t('voidedOfDay')}</h3>
          <table className="summary-table voided" data-testid="summary-voided">
            <thead><tr><th>{t('number')}</th><th className="num">{t('amount')}</th><th>{t('officer')}</th><th>{t('voidedAt')}</th><th>{t('reason')}</th></tr></thead>
            <tbody>
              {s.voided.map((v) => <tr key={v.id}><td>{receiptLabel(v)}</td><td className="num">{formatMoney(v.amountVnd)}</td><td>{v.officerName}</td><td>{formatDateTime(v.voidedAt)}</td><td>{v.reason}</td></tr>)}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

/** One bar split by payment method: where the day's money came in, at a glance. */
function MethodsChart({ summary: s }: { summary: Summary }) {
  const t = useMessages(feesWords);
  const total = s.totals.totalVnd;
  if (total <= 0) return null;
  const parts = [
    { key: 'cash', label: t('cash'), vnd: s.totals.cashVnd },
    { key: 'transfer', label: t('transfer'), vnd: s.totals.transferVnd },
    { key: 'qr', label: t('qr'), vnd: s.totals.qrVnd },
  ].filter((p) => p.vnd > 0);
  let x = 0;
  return (
    <figure className="methods-chart">
      <figcaption>{t('methodsChart')}</figcaption>
      <svg viewBox="0 0 300 24" width="300" height="24" role="img" aria-label={t('methodsChart')}>
        {parts.map((p) => {
          const w = (p.vnd / total) * 300;
          const rect = <rect key={p.key} x={x} y={0} width={w} height={24} className={`bar-${p.key}`}><title>{`${p.label}: ${formatMoney(p.vnd)}`}</title></rect>;
          x += w;
          return rect;
        })}
      </svg>
      <ul className="legend">
        {parts.map((p) => <li key={p.key}><span className={`swatch bar-${p.key}`} /> {p.label}: {formatMoney(p.vnd)} ({Math.round((p.vnd / total) * 100)} %)</li>)}
      </ul>
    </figure>
  );
}

function SummaryPreview({ date, shownDate, onClose }: { date: { date?: string }; shownDate: string; onClose: () => void }) {
  const t = useMessages(feesWords);
  const pdf = useStation('fees.cashSummaryPdf', date);
  const url = usePdfUrl(pdf.data?.base64);
  const title = t('summaryPreview', { date: isValidLocalDate(shownDate) ? formatDate(shownDate) : shownDate });
  return (
    <Modal label={title} onClose={onClose} className="slip-preview summary-preview">
      <header><h2>{title}</h2></header>
      {url ? <iframe title={pdf.data?.fileName ?? title} src={url} className="pdf" /> : <div className="pdf loading">{pdf.error ? errorMessage(pdf.error) : '…'}</div>}
      <p className="muted">{t('summaryPrintHint')}</p>
      <footer>
        {url ? <a href={url} download={pdf.data?.fileName} className="button primary" autoFocus>{t('openPdf')}</a> : null}
        <span className="spacer" />
        <button type="button" onClick={onClose} autoFocus={!url}>{t('close')} (Esc)</button>
      </footer>
    </Modal>
  );
}

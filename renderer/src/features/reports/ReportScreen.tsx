import { useEffect, useRef, useState } from 'react';
import type { ChannelInput, ChannelOutput } from '../../../../main/contract/channels';
import { formatDate } from '../../../../main/core/format';
import { isValidLocalDate } from '../../../../main/core/time';
import type { ScreenProps } from '../../app/paths';
import { useMessages, type Translate } from '../../common/i18n/i18n';
import { call, errorMessage, fieldErrors, useStation } from '../../common/station';
import { DateField } from '../../common/ui/DateField';
import { Modal } from '../../common/ui/Modal';
import { fileObjectUrl, PDF_TYPE, useFileUrl, vietnameseFileName, XLSX_TYPE } from './files';
import { reportWords } from './messages';

type PeriodInput = ChannelInput<'report.results'>['period'];
type Kind = PeriodInput['kind'];
type Rows = ChannelOutput<'report.results'>['rows'];
type Row = Rows[number];
const KINDS: readonly Kind[] = ['month', 'quarter', 'year', 'range'];
type Column = Readonly<{ key: string; of: (r: Row) => number; total?: boolean }>;
/** The regulation's columns: received (total, carried over, online, counter, post), handled (total, early, on time, late), in progress (total, within, overdue), withdrawn. */
const COLUMNS: readonly Column[] = [
  { key: 'received', of: (r) => r.carriedOver + r.newOnline + r.newCounter + r.newPost, total: true },
  { key: 'carriedOver', of: (r) => r.carriedOver }, { key: 'newOnline', of: (r) => r.newOnline }, { key: 'newCounter', of: (r) => r.newCounter }, { key: 'newPost', of: (r) => r.newPost },
  { key: 'handled', of: (r) => r.early + r.onTime + r.late, total: true },
  { key: 'early', of: (r) => r.early }, { key: 'onTime', of: (r) => r.onTime }, { key: 'late', of: (r) => r.late },
  { key: 'inProgress', of: (r) => r.inProgressWithinTime + r.inProgressOverdue, total: true },
  { key: 'inProgressWithinTime', of: (r) => r.inProgressWithinTime }, { key: 'inProgressOverdue', of: (r) => r.inProgressOverdue },
  { key: 'withdrawnOrStopped', of: (r) => r.withdrawnOrStopped },
];

type Typed = { kind: Kind; year: number; month: number; quarter: number; from: string; to: string };
// What the officer chose survives a visit to another tab.
let kept: Typed | null = null;

function periodOf(p: Typed): PeriodInput {
  switch (p.kind) {
    case 'month': return { kind: 'month', year: p.year, month: p.month };
    case 'quarter': return { kind: 'quarter', year: p.year, quarter: p.quarter };
    case 'year': return { kind: 'year', year: p.year };
    case 'range': return { kind: 'range', from: p.from, to: p.to };
    default: {
      const unknown: never = p.kind;
      throw new Error(`Unknown period ${String(unknown)}`);
    }
  }
}

function labelOf(t: Translate<typeof reportWords>, p: PeriodInput): string {
  switch (p.kind) {
    case 'month': return t('monthLabel', { month: p.month, year: p.year });
    case 'quarter': return t('quarterLabel', { quarter: ['I', 'II', 'III', 'IV'][p.quarter - 1] ?? p.quarter, year: p.year });
    case 'year': return t('yearLabel', { year: p.year });
    case 'range': return t('rangeLabel', { from: isValidLocalDate(p.from) ? formatDate(p.from) : p.from, to: isValidLocalDate(p.to) ? formatDate(p.to) : p.to });
    default: {
      const unknown: never = p;
      throw new Error(`Unknown period ${JSON.stringify(unknown)}`);
    }
  }
}

const received = (r: Row) => COLUMNS[0]?.of(r) ?? 0;

/**
 * "Báo cáo định kỳ": the results of handling procedures by field for a month, a quarter, a year
 * or any days — on screen as the regulation's table, then the PDF to preview and print, or the
 * Excel workbook to send on, saved under a Vietnamese name.
 */
export default function ReportScreen(_props: ScreenProps) {
  const t = useMessages(reportWords);
  const info = useStation('app.info', {}, { staleTime: 0 });
  const today = info.data?.now.slice(0, 10) ?? '';
  const [typed, setTypedState] = useState<Typed | null>(kept);
  const [report, setReport] = useState<{ period: PeriodInput; rows: Rows; pdf: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState(false);
  const [xlsx, setXlsx] = useState<{ url: string; name: string } | null>(null);
  const first = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    if (typed || !today) return;
    const [y, m] = today.split('-').map(Number) as [number, number];
    setTypedState({ kind: 'month', year: y, month: m, quarter: Math.floor((m - 1) / 3) + 1, from: '', to: '' });
  }, [today, typed]);
  const shown = typed !== null;
  useEffect(() => { if (shown) first.current?.focus(); }, [shown]);
  useEffect(() => () => { if (xlsx) URL.revokeObjectURL(xlsx.url); }, [xlsx]);
  const pdfUrl = useFileUrl(report?.pdf, PDF_TYPE);

  if (!typed) return <section className="report"><p className="muted">…</p></section>;
  const setTyped = (p: Typed) => { kept = p; setTypedState(p); };
  const period = periodOf(typed);
  const label = labelOf(t, period);
  const years = Array.from({ length: 6 }, (_, i) => Number(today.slice(0, 4) || '2026') - i);

  const make = async () => {
    if (busy) return;
    setBusy(true);
    setMessage({ text: t('making'), failed: false });
    try {
      const answer = await call('report.results', { period, format: 'pdf' });
      setErrors({});
      setReport({ period, rows: answer.rows, pdf: answer.base64 });
      setXlsx(null);
      setMessage({ text: t('made', { label, n: answer.rows.length, total: answer.rows.reduce((s, r) => s + received(r), 0) }), failed: false });
    } catch (e) {
      setErrors(fieldErrors(e));
      setMessage({ text: errorMessage(e), failed: true });
    } finally {
      setBusy(false);
    }
  };

  const saveXlsx = async () => {
    if (!report || busy) return;
    setBusy(true);
    setMessage({ text: t('savingXlsx'), failed: false });
    try {
      const answer = await call('report.results', { period: report.period, format: 'xlsx' });
      const name = vietnameseFileName(t('fileTitle', { label: labelOf(t, report.period) }), 'xlsx');
      const url = fileObjectUrl(answer.base64, XLSX_TYPE);
      setXlsx({ url, name });
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setMessage({ text: t('savedXlsx', { name }), failed: false });
    } catch (e) {
      setMessage({ text: errorMessage(e), failed: true });
    } finally {
      setBusy(false);
    }
  };

  const shownLabel = report ? labelOf(t, report.period) : label;
  const pdfName = vietnameseFileName(t('fileTitle', { label: shownLabel }), 'pdf');
  return (
    <section className="report">
      <form className="inline-form report-period" onSubmit={(e) => { e.preventDefault(); void make(); }}>
        <label className="field inline">
          {t('kind')}
          <select ref={first} name="kind" value={typed.kind} onChange={(e) => setTyped({ ...typed, kind: e.target.value as Kind })}>
            {KINDS.map((k) => <option key={k} value={k}>{t(k)}</option>)}
          </select>
        </label>
        {typed.kind === 'month' ? (
          <label className="field inline">{t('month')}
            <select name="month" value={typed.month} onChange={(e) => setTyped({ ...typed, month: Number(e.target.value) })}>
              {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
          </label>
        ) : null}
        {typed.kind === 'quarter' ? (
          <label className="field inline">{t('quarter')}
            <select name="quarter" value={typed.quarter} onChange={(e) => setTyped({ ...typed, quarter: Number(e.target.value) })}>
              {[1, 2, 3, 4].map((q) => <option key={q} value={q}>{['I', 'II', 'III', 'IV'][q - 1]}</option>)}
            </select>
          </label>
        ) : null}
        {typed.kind !== 'range' ? (
          <label className="field inline">{t('year')}
            <select name="year" value={typed.year} onChange={(e) => setTyped({ ...typed, year: Number(e.target.value) })}>
              {years.map((y) => <option key={y} value={y}>{y}</option>)}
            </select>
          </label>
        ) : (
          <>
            <DateField className="inline" label={t('from')} name="from" value={typed.from} onChange={(v) => setTyped({ ...typed, from: v })} error={errors.from ?? errors['period.from']} />
            <DateField className="inline" label={t('to')} name="to" value={typed.to} onChange={(v) => setTyped({ ...typed, to: v })} error={errors.to ?? errors['period.to']} />
          </>
        )}
        <button type="submit" className="primary" disabled={busy}>{t('make')}</button>
      </form>
      {message ? <p className={message.failed ? 'banner error' : 'banner'} role="status">{message.text}</p> : null}
      {report ? (
        <>
          <div className="toolbar">
            <h2 className="report-title">{t('title')} — {labelOf(t, report.period)}</h2>
            <span className="spacer" />
            <button type="button" onClick={() => setPreview(true)} disabled={!pdfUrl}>{t('preview')}</button>
            <button type="button" className="primary" onClick={() => void saveXlsx()} disabled={busy}>{t('saveXlsx')}</button>
            {xlsx ? <a className="file-link" href={xlsx.url} download={xlsx.name}>{xlsx.name}</a> : null}
          </div>
          <ReportTable rows={report.rows} />
        </>
      ) : null}
      {preview && pdfUrl ? (
        <Modal label={t('preview')} onClose={() => setPreview(false)} className="report-preview">
          <header><h2>{t('title')} — {shownLabel}</h2></header>
          <iframe title={t('preview')} src={pdfUrl} className="pdf" />
          <footer>
            <a className="button" href={pdfUrl} download={pdfName}>{t('savePdf')}</a>
            <span className="spacer" />
            <button type="button" autoFocus onClick={() => setPreview(false)}>{t('close')} (Esc)</button>
          </footer>
        </Modal>
      ) : null}
    </section>
  );
}

function ReportTable({ rows }: { rows: Rows }) {
  const t = useMessages(reportWords);
  if (rows.length === 0) return <p className="muted">{t('noRows')}</p>;
  const sum = (f: (r: Row) => number) => rows.reduce((s, r) => s + f(r), 0);
  return (
    <table className="report-table" data-testid="report-table">
      <thead>
        <tr>
          <th rowSpan={2} className="field-column">{t('field')}</th>
          <th colSpan={5}>{t('receivedGroup')}</th>
          <th colSpan={4}>{t('handledGroup')}</th>
          <th colSpan={3}>{t('inProgressGroup')}</th>
          <th rowSpan={2}>{t('withdrawnOrStopped')}</th>
        </tr>
        <tr>
          <th>{t('total')}</th><th>{t('carriedOver')}</th><th>{t('newOnline')}</th><th>{t('newCounter')}</th><th>{t('newPost')}</th>
          <th>{t('total')}</th><th>{t('early')}</th><th>{t('onTime')}</th><th>{t('late')}</th>
          <th>{t('total')}</th><th>{t('inProgressWithinTime')}</th><th>{t('inProgressOverdue')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.field} data-field={r.field}>
            <th scope="row">{r.field}</th>
            {COLUMNS.map((c) => <td key={c.key} className={c.total ? 'num total' : 'num'} data-column={c.key}>{c.of(r)}</td>)}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('sum')}</th>
          {COLUMNS.map((c) => <td key={c.key} className={c.total ? 'num total' : 'num'} data-column={c.key}>{sum(c.of)}</td>)}
        </tr>
      </tfoot>
    </table>
  );
}

import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../main/contract/channels';
import { formatDateTime } from '../../../../main/core/format';
import { formatReceiptNumber } from '../../../../main/core/fees';
import { useMessages } from '../../common/i18n/i18n';
import { call, errorMessage, fieldErrors, useStation } from '../../common/station';
import { advanceOnEnter } from '../../common/ui/advance';
import { Field } from '../../common/ui/Field';
import { feesWords } from './messages';

type Book = ChannelOutput<'receiptBooks.list'>[number];
type Settings = ChannelOutput<'fees.settings'>;

/** Below this many numbers left, the technician is told to assign another range. */
export const FEW_NUMBERS_LEFT = 20;
/** Mã số thuế: 10 digits, or 10 digits - 3 digits (a branch); empty without e-receipts. */
const TAX_CODE = /^(\d{10}|\d{10}-\d{3}|)$/;

/**
 * The technician's receipt pages: this station's receipt books and the numbers left (a warning
 * when few remain), assigning a range, the receipt settings and the e-receipt provider.
 */
export default function ReceiptBooksScreen() {
  const t = useMessages(feesWords);
  const books = useStation('receiptBooks.list', {});
  return (
    <section className="receipt-books-screen" aria-labelledby="books-title">
      <h1 id="books-title">{t('booksTitle')}</h1>
      <p className="muted">{t('booksIntro')}</p>
      {books.error ? <p className="banner error" role="alert">{errorMessage(books.error)}</p> : null}
      {books.data ? <BookList books={books.data} /> : null}
      <AssignRange />
      <FeesSettings />
      <EReceiptStatus />
    </section>
  );
}

function BookList({ books }: { books: readonly Book[] }) {
  const t = useMessages(feesWords);
  if (books.length === 0) return <p className="banner warn" data-testid="no-books">{t('noBooks')}</p>;
  const last = (b: Book) => formatReceiptNumber(Math.max(0, ...b.ranges.map((r) => r.last)));
  return (
    <>
      {books.filter((b) => b.left <= FEW_NUMBERS_LEFT).map((b) => (
        <p key={b.id} className="banner warn" role="alert" data-testid="book-warning">
          {b.left === 0 ? t('bookOut', { formNumber: b.formNumber, series: b.series }) : t('bookLow', { formNumber: b.formNumber, series: b.series, left: b.left, last: last(b) })}
        </p>
      ))}
      <table className="books" data-testid="books">
        <thead>
          <tr><th>{t('formNumber')}</th><th>{t('series')}</th><th>{t('kind')}</th><th>{t('ranges')}</th><th className="num">{t('nextNumber')}</th><th className="num">{t('left')}</th><th className="num">{t('issued')}</th><th className="num">{t('voidedCount')}</th></tr>
        </thead>
        <tbody>
          {books.map((b) => (
            <tr key={b.id} className={b.left <= FEW_NUMBERS_LEFT ? 'low' : ''}>
              <td>{b.formNumber}</td>
              <td><strong>{b.series}</strong></td>
              <td>{b.kind === 'paper' ? t('kindPaper') : t('kindElectronic')}</td>
              <td>
                {b.ranges.map((r) => (
                  <div key={r.id} title={`${formatDateTime(r.assignedAt)} · ${r.assignedBy}${r.note ? ` · ${r.note}` : ''}`}>
                    {t('rangeLine', { first: formatReceiptNumber(r.first), last: formatReceiptNumber(r.last), left: r.left })}
                  </div>
                ))}
              </td>
              <td className="num">{b.nextNumber === null ? t('usedUp') : formatReceiptNumber(b.nextNumber)}</td>
              <td className="num">{b.left}</td>
              <td className="num">{b.issued}</td>
              <td className="num">{b.voided}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

const emptyRange = { formNumber: '', series: '', kind: 'paper' as 'paper' | 'electronic', first: '', last: '', note: '' };

function AssignRange() {
  const t = useMessages(feesWords);
  const [form, setForm] = useState(emptyRange);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof emptyRange, v: string) => { setForm((f) => ({ ...f, [k]: v })); setErrors((e) => ({ ...e, [k]: '' })); };
  const num = (s: string) => (s.trim() === '' ? 0 : Number(s.replace(/\D/g, '')));

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await call('receiptBooks.assign', {
        formNumber: form.formNumber.trim(), series: form.series.trim(), kind: form.kind, first: num(form.first), last: num(form.last), note: form.note.trim(),
      });
      setStatus({ text: t('assigned', { first: formatReceiptNumber(num(form.first)), last: formatReceiptNumber(num(form.last)), formNumber: form.formNumber.trim(), series: form.series.trim() }) });
      // The book stays for its next range; the numbers go.
      setForm((f) => ({ ...f, first: '', last: '', note: '' }));
      setErrors({});
    } catch (e) {
      const fields = fieldErrors(e);
      setErrors(fields);
      setStatus({ text: Object.keys(fields).length > 0 ? t('fixFields') : errorMessage(e), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="assign-range" aria-labelledby="assign-title" onKeyDown={advanceOnEnter} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h2 id="assign-title">{t('assignTitle')}</h2>
      <div className="form-row">
        <Field label={t('formNumber')} name="formNumber" value={form.formNumber} maxLength={20} placeholder={t('formNumberHint')} error={errors.formNumber}
          onChange={(e) => set('formNumber', e.target.value.toUpperCase())} />
        <Field label={t('series')} name="series" value={form.series} maxLength={20} placeholder={t('seriesHint')} error={errors.series}
          onChange={(e) => set('series', e.target.value.toUpperCase())} />
        <div className={`field ${errors.kind ? 'has-error' : ''}`}>
          <label htmlFor="range-kind">{t('kind')}</label>
          <select id="range-kind" name="kind" value={form.kind} onChange={(e) => set('kind', e.target.value)}>
            <option value="paper">{t('kindPaper')}</option>
            <option value="electronic">{t('kindElectronic')}</option>
          </select>
          {errors.kind ? <p className="field-error" role="alert">{errors.kind}</p> : null}
        </div>
        <Field label={t('first')} name="first" value={form.first} inputMode="numeric" maxLength={7} error={errors.first} onChange={(e) => set('first', e.target.value.replace(/\D/g, ''))} />
        <Field label={t('last')} name="last" value={form.last} inputMode="numeric" maxLength={7} error={errors.last} onChange={(e) => set('last', e.target.value.replace(/\D/g, ''))} />
      </div>
      <Field label={t('note')} name="note" value={form.note} maxLength={200} placeholder={t('noteHint')} error={errors.note} onChange={(e) => set('note', e.target.value)} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{t('assign')}</button>
        {status ? <span className={`notice ${status.error ? 'error' : 'ok'}`} role="status" data-testid="assign-status">{status.text}</span> : null}
      </div>
    </form>
  );
}

function FeesSettings() {
  const t = useMessages(feesWords);
  const settings = useStation('fees.settings', {});
  const [form, setForm] = useState<null | { taxCode: string; paper: 'A4' | 'A5'; copies: [string, string, string]; url: string; apiKey: string }>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const fill = (s: Settings) => setForm({
    taxCode: s.collectorTaxCode, paper: s.receiptPaper,
    copies: [s.receiptCopies[0] ?? '', s.receiptCopies[1] ?? '', s.receiptCopies[2] ?? ''], url: s.ereceipt.url, apiKey: '',
  });
  useEffect(() => { if (settings.data && !form) fill(settings.data); }, [settings.data, form]);
  if (!form || !settings.data) return null;
  const configured = settings.data.ereceipt.configured;

  const save = async () => {
    const copies = form.copies.map((c) => c.trim()).filter((c) => c !== '');
    if (copies.length === 0) { setErrors({ receiptCopies: t('copiesRequired') }); return; }
    // The same shape the contract checks, said here in words (the station's answer names the field in English).
    if (!TAX_CODE.test(form.taxCode.trim())) { setErrors({ collectorTaxCode: t('taxCodeInvalid', { value: form.taxCode.trim() }) }); setStatus(null); return; }
    setBusy(true);
    try {
      const saved = await call('fees.configure', {
        collectorTaxCode: form.taxCode.trim(), receiptPaper: form.paper, receiptCopies: copies,
        ereceipt: { url: form.url.trim(), ...(form.apiKey ? { apiKey: form.apiKey } : {}) },
      });
      fill(saved);
      setErrors({});
      setStatus({ text: t('settingsSaved') });
    } catch (e) {
      setErrors(fieldErrors(e));
      setStatus({ text: errorMessage(e), error: true });
    } finally {
      setBusy(false);
    }
  };
  const test = async () => {
    setStatus({ text: t('testing') });
    try {
      const r = await call('ereceipt.test', {});
      setStatus({ text: r.message, error: !r.ok });
    } catch (e) {
      setStatus({ text: errorMessage(e), error: true });
    }
  };
  const set = (change: Partial<NonNullable<typeof form>>) => setForm({ ...form, ...change });

  return (
    <form className="fees-settings" aria-labelledby="fees-settings-title" onKeyDown={advanceOnEnter} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <h2 id="fees-settings-title">{t('settingsTitle')}</h2>
      <div className="form-row">
        <Field label={t('taxCode')} name="collectorTaxCode" value={form.taxCode} maxLength={14} hint={t('taxCodeHint')} error={errors.collectorTaxCode} onChange={(e) => set({ taxCode: e.target.value })} />
        <div className="field">
          <label htmlFor="receipt-paper">{t('paper')}</label>
          <select id="receipt-paper" name="receiptPaper" value={form.paper} onChange={(e) => set({ paper: e.target.value === 'A4' ? 'A4' : 'A5' })}>
            <option value="A4">A4</option>
            <option value="A5">A5</option>
          </select>
        </div>
      </div>
      <fieldset className={`copies ${errors.receiptCopies ? 'has-error' : ''}`}>
        <legend>{t('copies')}</legend>
        <div className="form-row">
          {form.copies.map((c, i) => (
            <Field key={i} label={t('copyLabel', { n: i + 1 })} name={`receiptCopies.${i}`} value={c} maxLength={60} error={errors[`receiptCopies.${i}`]}
              onChange={(e) => { const copies = [...form.copies] as [string, string, string]; copies[i] = e.target.value; set({ copies }); }} />
          ))}
        </div>
        {errors.receiptCopies ? <p className="field-error" role="alert">{errors.receiptCopies}</p> : <p className="field-hint">{t('copiesHint')}</p>}
      </fieldset>
      <h3>{t('provider')}</h3>
      <div className="form-row">
        <Field label={t('providerUrl')} name="ereceipt.url" value={form.url} maxLength={300} placeholder="https://…" hint={t('providerUrlHint')} error={errors['ereceipt.url']} onChange={(e) => set({ url: e.target.value })} />
        <Field label={t('apiKey')} name="ereceipt.apiKey" type="password" value={form.apiKey} maxLength={500} hint={configured ? t('apiKeyKept') : t('apiKeyNone')} error={errors['ereceipt.apiKey']}
          onChange={(e) => set({ apiKey: e.target.value })} />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{t('saveSettings')}</button>
        <button type="button" onClick={() => void test()} disabled={!configured}>{t('testProvider')}</button>
        {status ? <span className={`notice ${status.error ? 'error' : 'ok'}`} role="status" data-testid="settings-status">{status.text}</span> : null}
      </div>
    </form>
  );
}

function EReceiptStatus() {
  const t = useMessages(feesWords);
  const status = useStation('ereceipt.status', {});
  const [message, setMessage] = useState('');
  const s = status.data;
  if (!s) return null;
  const retry = async () => {
    try {
      await call('ereceipt.retry', {});
      setMessage(t('retried'));
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };
  return (
    <section className="ereceipt-status" aria-labelledby="ereceipt-title" data-testid="ereceipt-status">
      <h2 id="ereceipt-title">{t('providerState')}</h2>
      <dl className="receipt-summary">
        <dt>{t('provider')}</dt><dd>{!s.configured ? t('notConfigured') : s.online === null ? t('unknownOnline') : s.online ? t('online') : t('offline')}</dd>
        <dt>{t('pending')}</dt><dd>{s.pending}</dd>
        <dt>{t('rejected')}</dt><dd className={s.rejected > 0 ? 'error' : ''}>{s.rejected}</dd>
      </dl>
      {s.message ? <p className="muted">{s.message}</p> : null}
      <div className="actions">
        <button type="button" onClick={() => void retry()} disabled={s.pending + s.rejected === 0}>{t('retryNow')}</button>
        {message ? <span className="notice" role="status">{message}</span> : null}
      </div>
    </section>
  );
}

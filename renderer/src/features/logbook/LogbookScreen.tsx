import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import type { DossierSummary } from '../../../../main/contract/schemas';
import { formatDateTime } from '../../../../main/core/format';
import { statusNames } from '../../../../main/core/messages';
import { isValidLocalDate } from '../../../../main/core/time';
import { pathOf, type ScreenProps } from '../../app/paths';
import { useLang, useMessages } from '../../common/i18n/i18n';
import { errorMessage, useStation } from '../../common/station';
import { DateField } from '../../common/ui/DateField';
import { useVisit } from '../../common/visits';
import type { DossierPageState } from '../dossier/DossierPage';
import { LogbookExport } from './LogbookExport';
import { logbookWords } from './messages';

// What the log book shows survives a visit to a dossier: the search, the day.
const view = { query: '', date: '' };

/** The day's log book (Mẫu 06 on screen) and one search box over every dossier; F3 puts the cursor in it. */
export default function LogbookScreen(_props: ScreenProps) {
  const t = useMessages(logbookWords);
  const lang = useLang();
  const [, navigate] = useLocation();
  const info = useStation('app.info', {}, { staleTime: 0 });
  const [query, setQueryState] = useState(view.query);
  const [date, setDateState] = useState(view.date);
  const search = useRef<HTMLInputElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const returnTo = useRef<string | null>(null);

  const setQuery = (q: string) => { view.query = q; setQueryState(q); };
  const setDate = (d: string) => { view.date = d; setDateState(d); };
  const today = info.data?.now.slice(0, 10) ?? '';
  const day = date || today;

  const trimmed = query.trim();
  const found = useStation('dossier.search', { query: trimmed, limit: 50 }, { enabled: trimmed !== '', placeholderData: keepPreviousData });
  const logbook = useStation('dossier.logbook', { date: day }, { enabled: trimmed === '' && day !== '' });
  const rows: readonly DossierSummary[] = (trimmed ? found.data : logbook.data) ?? [];
  const failure = trimmed ? found.error : logbook.error;

  const focusSearch = () => { search.current?.focus(); search.current?.select(); };
  const focusRow = (code: string) => {
    const row = body.current?.querySelector<HTMLElement>(`tr[data-code="${CSS.escape(code)}"]`);
    if (row) { row.focus(); return true; }
    return false;
  };
  useVisit('logbook', (visit) => {
    if (visit.kind === 'back' && visit.detail) {
      returnTo.current = visit.detail;
      if (!focusRow(visit.detail)) requestAnimationFrame(() => { if (returnTo.current && !focusRow(returnTo.current)) focusSearch(); });
    } else {
      returnTo.current = null;
      requestAnimationFrame(focusSearch);
    }
  });
  // Coming back from a dossier: its row gets focus as soon as the rows are there.
  useEffect(() => {
    if (returnTo.current && focusRow(returnTo.current)) returnTo.current = null;
  }, [rows]);

  const open = (code: string) => navigate(pathOf('dossier', { code }), { state: { from: 'logbook' } satisfies DossierPageState });

  return (
    <section className="logbook">
      <div className="toolbar">
        <input ref={search} className="search" type="search" autoFocus aria-label={t('search')} placeholder={t('search')} value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') { e.preventDefault(); body.current?.querySelector<HTMLElement>('tr[data-code]')?.focus(); }
            else if (e.key === 'Enter' && rows.length === 1 && rows[0]) { e.preventDefault(); open(rows[0].code); }
          }} />
        <DateField className="inline" label={t('logbookOf')} name="logbook.date" value={day}
          onChange={(v) => { if (isValidLocalDate(v)) { setDate(v); setQuery(''); } }} />
        <a className="toolbar-link" href={`#${pathOf('receipts')}`}>{t('receipts')}</a>
      </div>
      <p className="muted small">{t('keys')}</p>
      {failure ? <p className="banner error" role="alert">{errorMessage(failure)}</p> : null}
      <table className="dossiers">
        <thead>
          <tr>
            <th>{t('line')}</th><th>{t('code')}</th><th>{t('owner')}</th><th>{t('idNumber')}</th><th>{t('phone')}</th>
            <th>{t('procedure')}</th><th>{t('receivedAt')}</th><th>{t('appointment')}</th><th>{t('status')}</th>
          </tr>
        </thead>
        <tbody ref={body}>
          {rows.length === 0 ? <tr><td colSpan={9} className="empty">{trimmed ? t('noMatch', { query: trimmed }) : t('noDossiers')}</td></tr> : null}
          {rows.map((r) => (
            <tr key={r.code} data-code={r.code} tabIndex={0} onClick={() => open(r.code)}
              onKeyDown={(e) => {
                // preventDefault: the same Enter must not also press the button that takes focus next.
                if (e.key === 'Enter') { e.preventDefault(); open(r.code); }
                else if (e.key === 'ArrowDown') { e.preventDefault(); (e.currentTarget.nextElementSibling as HTMLElement | null)?.focus(); }
                else if (e.key === 'ArrowUp') {
                  e.preventDefault();
                  const previous = e.currentTarget.previousElementSibling as HTMLElement | null;
                  if (previous) previous.focus(); else focusSearch();
                }
              }}>
              <td>{r.logBookLine}</td><td className="code">{r.code}</td><td>{r.ownerName}</td><td>{r.ownerIdNumber}</td><td>{r.ownerPhone}</td>
              <td>{r.procedureName}</td><td>{formatDateTime(r.receivedAt)}</td><td>{formatDateTime(r.appointmentAt)}</td>
              <td>{statusNames[r.status as keyof typeof statusNames]?.[lang] ?? r.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {day ? <LogbookExport day={day} /> : null}
    </section>
  );
}

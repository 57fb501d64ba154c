import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'wouter';
import type { ChannelOutput } from '../../../../main/contract/channels';
import { formatDateTime } from '../../../../main/core/format';
import { pathOf, type ScreenProps } from '../../app/paths';
import { useMessages } from '../../common/i18n/i18n';
import { errorMessage, useStation } from '../../common/station';
import { useVisit } from '../../common/visits';
import type { DossierRef } from '../dossier/dialog-form';
import { TransitionDialog } from '../dossier/TransitionDialog';
import { resultsWords } from './messages';

type Line = ChannelOutput<'results.ready'>['dossiers'][number];
const PAGE = 50;

const refOf = (l: Line): DossierRef => ({
  code: l.code,
  ownerName: l.ownerName,
  ownerIdNumber: l.ownerIdNumber,
  procedureName: l.procedureName,
  resultDelivery: l.resultDelivery,
  dueAt: l.dueAt,
  lateness: l.lateness?.late ? l.lateness.text : null,
});

/**
 * The results waiting at the counter, oldest first: the cursor in the search box, ↑↓ move
 * through the rows, Enter opens the handover (the owner pre-filled, an authorised person's ID
 * checked by the station), then the handover note to print.
 */
export default function ResultsScreen(_props: ScreenProps) {
  const t = useMessages(resultsWords);
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const [row, setRow] = useState(0);
  const [handing, setHanding] = useState<Line | null>(null);
  const [status, setStatus] = useState('');
  const search = useRef<HTMLInputElement>(null);
  const list = useStation('results.ready', { query: query.trim(), limit, offset: 0 }, { placeholderData: (prev) => prev });
  const badge = useStation('watch.badge', {});
  const lines = list.data?.dossiers ?? [];

  useVisit('results', () => requestAnimationFrame(() => search.current?.focus()));
  useEffect(() => { setRow((r) => Math.min(r, Math.max(0, lines.length - 1))); }, [lines.length]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setRow((r) => Math.min(r + 1, lines.length - 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setRow((r) => Math.max(r - 1, 0)); }
    else if (e.key === 'Enter') { e.preventDefault(); const l = lines[row]; if (l) setHanding(l); }
    else if (e.key === 'Escape' && query) { e.preventDefault(); setQuery(''); }
  };

  const conflicts = badge.data?.conflicts ?? 0;
  return (
    <section className="results-page" aria-labelledby="results-title">
      <header className="page-head">
        <h1 id="results-title">{t('title')}</h1>
        <span className="muted" data-testid="results-total">{list.data ? t('total', { count: list.data.total }) : ''}</span>
        <span className="spacer" />
        {conflicts > 0 ? <Link href={pathOf('conflicts')} className="button warn">{t('conflicts', { count: conflicts })}</Link> : null}
      </header>
      <div className="field wide">
        <label htmlFor="results-search">{t('search')}</label>
        <input id="results-search" ref={search} type="search" autoFocus autoComplete="off" value={query}
          role="combobox" aria-expanded="true" aria-controls="results-table" aria-activedescendant={lines[row] ? `result-${row}` : undefined}
          onChange={(e) => { setQuery(e.target.value); setRow(0); setLimit(PAGE); }} onKeyDown={onKeyDown} />
        <p className="field-hint">{t('keys')}</p>
      </div>
      {status ? <p className="banner ok" role="status" data-testid="results-status">{status}</p> : null}
      {list.error ? <p className="banner error" role="alert">{errorMessage(list.error)}</p> : null}
      {list.data && lines.length === 0 ? <p className="muted" data-testid="results-none">{query.trim() ? t('noMatch', { query: query.trim() }) : t('none')}</p> : null}
      {lines.length > 0 && (
        <table className="results-table" id="results-table" role="listbox" aria-label={t('title')}>
          <thead>
            <tr><th>{t('code')}</th><th>{t('owner')}</th><th>{t('procedure')}</th><th>{t('readySince')}</th><th>{t('appointment')}</th><th>{t('timeliness')}</th><th>{t('delivery')}</th><th /></tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={l.code} id={`result-${i}`} role="option" aria-selected={i === row} className={i === row ? 'selected' : ''}
                onClick={() => setRow(i)} onDoubleClick={() => setHanding(l)} data-testid="result-row">
                <td className="dossier-code">{l.code}</td>
                <td><strong>{l.ownerName}</strong><br /><span className="muted small">{l.ownerIdNumber}{l.ownerPhone ? ` · ${l.ownerPhone}` : ''}</span></td>
                <td>{l.procedureName}</td>
                <td>{formatDateTime(l.readySince)}</td>
                <td>{formatDateTime(l.dueAt)}</td>
                <td className={l.timeliness ?? ''}>{l.timeliness ? t(l.timeliness) : ''}</td>
                <td>{t(l.resultDelivery)}</td>
                <td><button type="button" tabIndex={-1} onClick={() => setHanding(l)}>{t('handBack')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data && list.data.total > lines.length ? (
        <button type="button" onClick={() => setLimit((n) => Math.min(200, n + PAGE))}>{t('more', { shown: lines.length, total: list.data.total })}</button>
      ) : null}
      {handing && (
        <TransitionDialog dossier={refOf(handing)} event="return_result"
          onDone={() => setStatus(t('returned', { code: handing.code, owner: handing.ownerName }))}
          onClose={() => { setHanding(null); search.current?.focus(); }} />
      )}
    </section>
  );
}

import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import type { ChannelInput, ChannelOutput } from '../../../../main/contract/channels';
import { formatDateTime } from '../../../../main/core/format';
import { pathOf, type ScreenProps } from '../../app/paths';
import { useMessages, type Translate } from '../../common/i18n/i18n';
import { hasRole, useOfficer } from '../../common/officer';
import { errorMessage, useStation } from '../../common/station';
import { useVisit } from '../../common/visits';
import type { DossierPageState } from '../dossier/DossierPage';
import { ApologyDialog } from './ApologyDialog';
import { DossierLines, type DossierLine } from './DossierLines';
import { watchWords } from './messages';

export type Bucket = ChannelInput<'watch.list'>['bucket'];
type Filter = Readonly<{ procedureCode?: string; field?: string; officer?: string }>;
type FilterKey = keyof Filter;
type WatchList = ChannelOutput<'watch.list'>;
type Badge = ChannelOutput<'watch.badge'>;

export const BUCKETS: readonly Bucket[] = ['overdue', 'due_today', 'due_next_working_day'];
const PAGE = 100;
/** The statuses an apology may be issued from (the dossier in the agency's hands). */
const APOLOGY_STATUSES = [2, 4, 6];

// What the watch shows survives a visit to a dossier: the list, its filters.
const view: { bucket: Bucket; filter: Filter; limit: number } = { bucket: 'overdue', filter: {}, limit: PAGE };

export const bucketCount = (badge: Badge | undefined, bucket: Bucket): number | undefined => {
  if (!badge) return undefined;
  switch (bucket) {
    case 'overdue': return badge.overdue;
    case 'due_today': return badge.dueToday;
    case 'due_next_working_day': return badge.dueNextWorkingDay;
    default: {
      const unknown: never = bucket;
      throw new Error(`Unknown bucket ${String(unknown)}`);
    }
  }
};

/**
 * "Theo dõi hạn": the dossiers overdue, due today and due on the next working day — by
 * procedure, field and the officer holding them, each group a filter — with how late each is in
 * working time. A row opens the dossier; a late one offers the apology with a new date (Mẫu 04).
 */
export default function WatchScreen(_props: ScreenProps) {
  const t = useMessages(watchWords);
  const [, navigate] = useLocation();
  const officer = useOfficer();
  const mayApologise = hasRole(officer, ['reception']);
  const [bucket, setBucketState] = useState<Bucket>(view.bucket);
  const [filter, setFilterState] = useState<Filter>(view.filter);
  const [limit, setLimitState] = useState(view.limit);
  const [apology, setApology] = useState<DossierLine | null>(null);
  const tabs = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const returnTo = useRef<string | null>(null);

  const setBucket = (b: Bucket) => { view.bucket = b; view.limit = PAGE; setBucketState(b); setLimitState(PAGE); };
  const setFilter = (f: Filter) => { view.filter = f; view.limit = PAGE; setFilterState(f); setLimitState(PAGE); };
  const setLimit = (n: number) => { view.limit = n; setLimitState(n); };

  const list = useStation('watch.list', { bucket, ...filter, limit }, { placeholderData: keepPreviousData });
  const badge = useStation('watch.badge', {});
  const data = list.data?.bucket === bucket ? list.data : undefined;
  const lines = data?.dossiers ?? [];

  const focusTab = () => tabs.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
  const focusRow = (code: string) => {
    const row = body.current?.querySelector<HTMLElement>(`tr[data-code="${CSS.escape(code)}"]`);
    if (row) { row.focus(); return true; }
    return false;
  };
  useVisit('watch', (visit) => {
    if (visit.kind === 'back' && visit.detail) {
      returnTo.current = visit.detail;
      if (!focusRow(visit.detail)) requestAnimationFrame(() => { if (returnTo.current && !focusRow(returnTo.current)) focusTab(); });
    } else {
      returnTo.current = null;
      requestAnimationFrame(focusTab);
    }
  });
  // Back from a dossier: its row gets focus as soon as the rows are there.
  useEffect(() => {
    if (returnTo.current && focusRow(returnTo.current)) returnTo.current = null;
  }, [lines]);

  const open = (code: string) => navigate(pathOf('dossier', { code }), { state: { from: 'watch' } satisfies DossierPageState });
  const canApologise = (d: DossierLine) => mayApologise && bucket !== 'due_next_working_day' && APOLOGY_STATUSES.includes(d.status);
  const closeApology = () => {
    const code = apology?.code;
    setApology(null);
    // The row may have left the list (its new date is later): then the list's first row, or the tabs.
    requestAnimationFrame(() => {
      if (code && focusRow(code)) return;
      const first = body.current?.querySelector<HTMLElement>('tr[data-code]');
      if (first) first.focus(); else focusTab();
    });
  };

  const toggle = (key: FilterKey, value: string) => {
    const next: Record<string, string> = { ...filter };
    if (next[key] === value) delete next[key]; else next[key] = value;
    setFilter(next);
  };
  const labelOf = (key: FilterKey, value: string): string => {
    const groups = key === 'procedureCode' ? data?.byProcedure : key === 'field' ? data?.byField : data?.byOfficer;
    return groups?.find((g) => g.key === value)?.label || value || t('noField');
  };
  const active = (Object.entries(filter) as Array<[FilterKey, string]>).filter(([, v]) => v !== undefined);
  const words = { overdue: t('overdue'), due_today: t('dueToday'), due_next_working_day: t('dueNext') } satisfies Record<Bucket, string>;
  const empty = active.length > 0 ? t('emptyFiltered') : { overdue: t('emptyOverdue'), due_today: t('emptyToday'), due_next_working_day: t('emptyNext') }[bucket];

  return (
    <section className="watch">
      <div className="toolbar">
        <div ref={tabs} role="tablist" aria-label={t('bucketsLabel')} className="segmented buckets"
          onKeyDown={(e) => {
            const i = BUCKETS.indexOf(bucket);
            const move = (to: Bucket | undefined) => {
              if (!to) return;
              e.preventDefault();
              setBucket(to);
              requestAnimationFrame(focusTab);
            };
            if (e.key === 'ArrowRight') move(BUCKETS[(i + 1) % BUCKETS.length]);
            else if (e.key === 'ArrowLeft') move(BUCKETS[(i + BUCKETS.length - 1) % BUCKETS.length]);
            else if (e.key === 'ArrowDown') { e.preventDefault(); body.current?.querySelector<HTMLElement>('tr[data-code]')?.focus(); }
          }}>
          {BUCKETS.map((b) => {
            const n = bucketCount(badge.data, b);
            return (
              <button key={b} type="button" role="tab" aria-selected={b === bucket} tabIndex={b === bucket ? 0 : -1}
                className={`${b === bucket ? 'active' : ''} ${b}`} data-bucket={b} onClick={() => setBucket(b)}>
                {words[b]} {n !== undefined ? <span className={`count ${n > 0 ? b : ''}`}>{n}</span> : null}
              </button>
            );
          })}
        </div>
        {data ? <span className="muted small">{rangeText(t, data)}</span> : null}
      </div>
      <p className="muted small">{t('keys')}</p>
      {list.error ? <p className="banner error" role="alert">{errorMessage(list.error)}</p> : null}
      <div className="watch-body">
        <aside className="watch-groups" aria-label={t('filterHint')}>
          <Groups title={t('byProcedure')} groups={data?.byProcedure ?? []} selected={filter.procedureCode} onPick={(k) => toggle('procedureCode', k)} />
          <Groups title={t('byField')} groups={data?.byField ?? []} selected={filter.field} onPick={(k) => toggle('field', k)} emptyLabel={t('noField')} />
          <Groups title={t('byOfficer')} groups={data?.byOfficer ?? []} selected={filter.officer} onPick={(k) => toggle('officer', k)} />
          <p className="muted small">{t('filterHint')}</p>
        </aside>
        <div className="watch-list">
          {active.length > 0 ? (
            <p className="filters">
              {t('filteredBy')}
              {active.map(([k, v]) => (
                <button key={k} type="button" className="chip" aria-label={t('clearOne', { what: labelOf(k, v) })} onClick={() => toggle(k, v)}>{labelOf(k, v)} ✕</button>
              ))}
              <button type="button" className="link-button" onClick={() => setFilter({})}>{t('clearFilter')}</button>
            </p>
          ) : null}
          <DossierLines ref={body} lines={lines} empty={data ? empty : '…'} label={words[bucket]} onOpen={open} onUpFromFirst={focusTab}
            onKey={(e, d) => { if (e.key.toLowerCase() === 'h' && !e.ctrlKey && !e.altKey && !e.metaKey && canApologise(d)) { e.preventDefault(); setApology(d); } }}
            action={mayApologise && bucket !== 'due_next_working_day' ? (d) => (canApologise(d) && (d.lateness?.late || bucket === 'due_today')
              ? <button type="button" className="small-button" onClick={() => setApology(d)}>{t('apologise')}</button>
              : null) : undefined} />
          {data && data.total > lines.length ? (
            <p className="more">
              {t('shown', { shown: lines.length, total: data.total })}{' '}
              <button type="button" onClick={() => setLimit(Math.min(500, limit + PAGE))} disabled={limit >= 500}>{t('more')}</button>
            </p>
          ) : null}
        </div>
      </div>
      {apology ? <ApologyDialog line={apology} onClose={closeApology} /> : null}
    </section>
  );
}

function rangeText(t: Translate<typeof watchWords>, data: WatchList): string {
  return data.from === null
    ? t('overdueRange', { now: formatDateTime(data.now) })
    : t('range', { from: formatDateTime(data.from), to: formatDateTime(data.toExclusive) });
}

function Groups({ title, groups, selected, onPick, emptyLabel }: {
  title: string;
  groups: WatchList['byProcedure'];
  selected: string | undefined;
  onPick: (key: string) => void;
  emptyLabel?: string;
}) {
  if (groups.length === 0) return null;
  return (
    <fieldset className="groups">
      <legend>{title}</legend>
      <ul>
        {groups.map((g) => (
          <li key={g.key}>
            <button type="button" aria-pressed={selected === g.key} className={selected === g.key ? 'active' : ''} disabled={g.key === ''} title={g.label}
              onClick={() => onPick(g.key)}>
              <span className="label">{g.label || emptyLabel}</span><span className="count">{g.count}</span>
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

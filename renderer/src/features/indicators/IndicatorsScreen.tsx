import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import type { ChannelOutput } from '../../../../main/contract/channels';
import { formatDate, formatDateTime } from '../../../../main/core/format';
import { isValidLocalDate } from '../../../../main/core/time';
import { pathOf, type ScreenProps } from '../../app/paths';
import { useLang, useMessages } from '../../common/i18n/i18n';
import { errorMessage, fieldErrors, useStation } from '../../common/station';
import { DateField } from '../../common/ui/DateField';
import { useVisit } from '../../common/visits';
import type { DossierPageState } from '../dossier/DossierPage';
import { DailyChart } from './DailyChart';
import { DrillDown, type Drill } from './DrillDown';
import { indicatorWords } from './messages';
import { percent, PERIOD_CHOICES, periodOf, type GroupKey, type Measure, type Period, type PeriodChoice } from './period';
import { Satisfaction } from './Satisfaction';

type Dashboard = ChannelOutput<'indicators.dashboard'>;
type Counts = Dashboard['totals'];
type Row = Dashboard['byField'][number];

// What the dashboard shows survives a visit to a dossier: the period, the open list.
const view: { choice: PeriodChoice; custom: Period; drill: Drill | null } = { choice: 'this_month', custom: { from: '', to: '' }, drill: null };

const countOf = (c: Counts, m: Measure): number => {
  switch (m) {
    case 'received': return c.received;
    case 'digitised': return c.digitised;
    case 'not_digitised': return c.received - c.digitised;
    case 'signed': return c.signed;
    case 'handled': return c.handled;
    case 'early': return c.early;
    case 'on_time': return c.onTime;
    case 'late': return c.late;
    case 'overdue_now': return c.overdueNow;
    default: {
      const unknown: never = m;
      throw new Error(`Unknown measure ${String(unknown)}`);
    }
  }
};

/**
 * "Chỉ số": the unit's figures for a period — received, digitised, signed, handled early, on time
 * or late, overdue now — with the days as a chart and the breakdowns by procedure, field and
 * officer. Every number opens the list of its dossiers (indicators.dossiers), and each of those
 * opens the dossier.
 */
export default function IndicatorsScreen(_props: ScreenProps) {
  const t = useMessages(indicatorWords);
  const lang = useLang();
  const [, navigate] = useLocation();
  const info = useStation('app.info', {}, { staleTime: 0 });
  const [choice, setChoiceState] = useState<PeriodChoice>(view.choice);
  const [custom, setCustomState] = useState<Period>(view.custom);
  const [typed, setTyped] = useState<Period>(view.custom);
  const [drill, setDrillState] = useState<Drill | null>(view.drill);
  const [backTo, setBackTo] = useState<string | null>(null);
  const choices = useRef<HTMLDivElement>(null);

  const setChoice = (c: PeriodChoice) => { view.choice = c; setChoiceState(c); };
  const setCustom = (p: Period) => { view.custom = p; setCustomState(p); };
  const setDrill = (d: Drill | null) => { view.drill = d; setDrillState(d); };

  const today = info.data?.now.slice(0, 10) ?? '';
  const period = today ? periodOf(choice, today, custom) : null;
  const ready = period !== null && isValidLocalDate(period.from) && isValidLocalDate(period.to);
  const dashboard = useStation('indicators.dashboard', period ?? { from: '', to: '' }, { enabled: ready, placeholderData: keepPreviousData });
  const data = dashboard.data;
  const errors = dashboard.error ? fieldErrors(dashboard.error) : {};

  const focusChoice = () => choices.current?.querySelector<HTMLElement>('[aria-pressed="true"]')?.focus();
  useVisit('indicators', (visit) => {
    if (visit.kind === 'back' && visit.detail && view.drill) setBackTo(visit.detail);
    else requestAnimationFrame(focusChoice);
  });
  useEffect(() => { if (!drill) setBackTo(null); }, [drill]);

  const open = (code: string) => navigate(pathOf('dossier', { code }), { state: { from: 'indicators' } satisfies DossierPageState });
  const drillTo = (measure: Measure, group?: { key: GroupKey; value: string; label: string }) => {
    if (!data) return;
    setDrill({ measure, from: data.from, to: data.to, ...(group ? { group } : {}) });
  };

  const number = (c: Counts, m: Measure, group?: { key: GroupKey; value: string; label: string }) => {
    const n = countOf(c, m);
    return (
      <button type="button" className="number" data-measure={m} disabled={n === 0}
        aria-label={`${t(m)}: ${n}${group ? ` · ${group.label}` : ''}`} onClick={() => drillTo(m, group)}>{n}</button>
    );
  };

  const totals = data?.totals;
  return (
    <section className="indicators">
      <div className="toolbar">
        <div ref={choices} className="segmented periods" role="group" aria-label={t('periodLabel')}>
          {PERIOD_CHOICES.map((c) => (
            <button key={c} type="button" aria-pressed={c === choice} className={c === choice ? 'active' : ''}
              onClick={() => { setChoice(c); if (c === 'custom') requestAnimationFrame(() => document.querySelector<HTMLInputElement>('input[name="from"]')?.focus()); }}>
              {t(c)}
            </button>
          ))}
        </div>
        {choice === 'custom' ? (
          <form className="inline-form" onSubmit={(e) => { e.preventDefault(); setCustom(typed); }}>
            <DateField className="inline" label={t('from')} name="from" value={typed.from} onChange={(v) => setTyped({ ...typed, from: v })} error={errors.from} />
            <DateField className="inline" label={t('to')} name="to" value={typed.to} onChange={(v) => setTyped({ ...typed, to: v })} error={errors.to} />
            <button type="submit" className="primary">{t('show')}</button>
          </form>
        ) : null}
        {data ? <span className="muted small" data-testid="period-text">{t('periodText', { from: formatDate(data.from), to: formatDate(data.to), now: formatDateTime(data.now) })}</span> : null}
      </div>
      {dashboard.error && !errors.from && !errors.to ? <p className="banner error" role="alert">{errorMessage(dashboard.error)}</p> : null}
      {totals && data ? (
        <>
          <div className="totals" data-testid="totals">
            {(['received', 'digitised', 'not_digitised', 'signed'] as const).map((m) => (
              <div key={m} className={`total ${m}`}>
                <span className="label">{t(m)}</span>{number(totals, m)}
                {m === 'digitised' ? <span className="muted small">{t('ofReceived', { share: percent(totals.digitisedShare, lang) })}</span> : null}
                {m === 'signed' ? <span className="muted small">{t('ofReceived', { share: percent(totals.signedShare, lang) })}</span> : null}
              </div>
            ))}
            {(['handled', 'early', 'on_time', 'late', 'overdue_now'] as const).map((m) => (
              <div key={m} className={`total ${m}`}>
                <span className="label">{t(m)}</span>{number(totals, m)}
                {m === 'overdue_now' ? <span className="muted small">{t('overdueHint')}</span> : null}
                {m === 'handled' && totals.averageWorkingDays !== null
                  ? <span className="muted small">{t('averageDays')}: {t('days', { n: formatNumber(totals.averageWorkingDays, lang) })}</span> : null}
              </div>
            ))}
            <div className="total rate">
              <span className="label">{t('onTimeRate')}</span>
              <strong className="rate-value">{percent(totals.onTimeRate, lang)}</strong>
              <RateBar early={totals.early} onTime={totals.onTime} late={totals.late} />
            </div>
          </div>
          <p className="muted small">{t('clickHint')}</p>
          <fieldset className="chart">
            <legend>{t('chartTitle')}</legend>
            <DailyChart from={data.from} to={data.to} daily={data.daily} />
          </fieldset>
          <Breakdown title={t('byProcedure')} rows={data.byProcedure} groupKey="procedureCode" number={number}
            labelOf={(r) => `${r.key} · ${r.label}`} />
          <Breakdown title={t('byField')} rows={data.byField} groupKey="field" number={number} labelOf={(r) => r.label || t('noField')} />
          <Breakdown title={t('byOfficer')} rows={data.byOfficer} groupKey="officer" number={number} labelOf={(r) => r.label} />
          <Satisfaction from={data.from} to={data.to} />
        </>
      ) : dashboard.isFetching ? <p className="muted">{t('loading')}</p> : null}
      {drill ? <DrillDown drill={drill} backTo={backTo} onOpen={open} onClose={() => { setDrill(null); requestAnimationFrame(focusChoice); }} /> : null}
    </section>
  );
}

const formatNumber = (n: number, lang: 'vi' | 'en') => {
  const text = (Math.round(n * 10) / 10).toFixed(1).replace(/\.0$/, '');
  return lang === 'vi' ? text.replace('.', ',') : text;
};

/** Early / on time / late of the handled ones as one stacked bar. */
function RateBar({ early, onTime, late }: { early: number; onTime: number; late: number }) {
  const t = useMessages(indicatorWords);
  const all = early + onTime + late;
  if (all === 0) return <span className="rate-bar empty" />;
  return (
    <span className="rate-bar" title={`${t('early')} ${early} · ${t('on_time')} ${onTime} · ${t('late')} ${late}`}>
      <i className="early" style={{ width: `${(early / all) * 100}%` }} />
      <i className="on_time" style={{ width: `${(onTime / all) * 100}%` }} />
      <i className="late" style={{ width: `${(late / all) * 100}%` }} />
    </span>
  );
}

const COLUMNS = ['received', 'handled', 'early', 'on_time', 'late', 'overdue_now'] as const;

function Breakdown({ title, rows, groupKey, number, labelOf }: {
  title: string;
  rows: readonly Row[];
  groupKey: GroupKey;
  number: (c: Counts, m: Measure, group?: { key: GroupKey; value: string; label: string }) => React.ReactNode;
  labelOf: (r: Row) => string;
}) {
  const t = useMessages(indicatorWords);
  const lang = useLang();
  const widest = Math.max(1, ...rows.map((r) => r.received));
  return (
    <fieldset className="breakdown" data-group={groupKey}>
      <legend>{title}</legend>
      {rows.length === 0 ? <p className="muted">{t('noRows')}</p> : (
        <table className="breakdown-table">
          <thead>
            <tr><th>{t('name')}</th>{COLUMNS.map((m) => <th key={m} className="num">{t(m)}</th>)}<th>{t('onTimeRate')}</th></tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const group = { key: groupKey, value: r.key, label: labelOf(r) };
              return (
                <tr key={r.key} data-key={r.key}>
                  <th scope="row">
                    <span className="row-label">{labelOf(r)}</span>
                    <span className="volume" style={{ width: `${(r.received / widest) * 100}%` }} />
                  </th>
                  {COLUMNS.map((m) => <td key={m} className="num">{number(r, m, group)}</td>)}
                  <td className="rate-cell"><RateBar early={r.early} onTime={r.onTime} late={r.late} /> {percent(r.onTimeRate, lang)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </fieldset>
  );
}

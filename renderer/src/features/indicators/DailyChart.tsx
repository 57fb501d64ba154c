import { formatDate } from '../../../../main/core/format';
import { addDays, isValidLocalDate } from '../../../../main/core/time';
import { useMessages } from '../../common/i18n/i18n';
import { axisTicks } from './period';
import { indicatorWords } from './messages';

type Day = Readonly<{ day: string; received: number; handled: number; late: number }>;

const W = 960;
const H = 280;
const LEFT = 52;
const RIGHT = 12;
const TOP = 16;
const BOTTOM = 52;

/**
 * The period day by day as plain SVG: received (blue) and handled (green) side by side, the late
 * part of the handled ones red over the green. Vietnamese axis titles, round numbers on the
 * count axis, dd/mm under as many days as fit without overlapping.
 */
export function DailyChart({ from, to, daily }: { from: string; to: string; daily: readonly Day[] }) {
  const t = useMessages(indicatorWords);
  if (daily.length === 0) return <p className="muted">{t('noDays')}</p>;
  const days = everyDay(from, to, daily);
  const max = Math.max(1, ...days.map((d) => Math.max(d.received, d.handled)));
  const ticks = axisTicks(max);
  const top = ticks[ticks.length - 1] ?? max;
  const plotW = W - LEFT - RIGHT;
  const plotH = H - TOP - BOTTOM;
  const band = plotW / days.length;
  const bar = Math.max(1, Math.min(18, band * 0.38));
  const y = (v: number) => TOP + plotH - (v / top) * plotH;
  // About one label per 44 px: every day of a month when there is room, fewer for a year.
  const every = Math.max(1, Math.ceil(44 / band));

  return (
    <figure className="daily-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('chartLabel')} data-testid="daily-chart">
        {ticks.map((v) => (
          <g key={v}>
            <line x1={LEFT} x2={W - RIGHT} y1={y(v)} y2={y(v)} className={v === 0 ? 'axis' : 'grid'} />
            <text x={LEFT - 6} y={y(v) + 4} textAnchor="end" className="tick">{v}</text>
          </g>
        ))}
        {days.map((d, i) => {
          const x = LEFT + i * band + band / 2;
          return (
            <g key={d.day} data-day={d.day}>
              <title>{`${formatDate(d.day)}: ${t('received')} ${d.received} · ${t('handled')} ${d.handled} · ${t('lateHandled')} ${d.late}`}</title>
              <rect x={x - bar} y={y(d.received)} width={bar} height={y(0) - y(d.received)} className="received" />
              <rect x={x} y={y(d.handled)} width={bar} height={y(0) - y(d.handled)} className="handled" />
              {d.late > 0 ? <rect x={x} y={y(d.late)} width={bar} height={y(0) - y(d.late)} className="late" /> : null}
              {i % every === 0 ? <text x={x} y={H - BOTTOM + 16} textAnchor="middle" className="tick">{formatDate(d.day).slice(0, 5)}</text> : null}
            </g>
          );
        })}
        <text x={LEFT + plotW / 2} y={H - 8} textAnchor="middle" className="axis-title">{t('axisDay')}</text>
        <text x={14} y={TOP + plotH / 2} textAnchor="middle" className="axis-title" transform={`rotate(-90 14 ${TOP + plotH / 2})`}>{t('axisCount')}</text>
      </svg>
      <figcaption className="legend">
        <span><i className="received" />{t('received')}</span>
        <span><i className="handled" />{t('handled')}</span>
        <span><i className="late" />{t('lateHandled')}</span>
      </figcaption>
    </figure>
  );
}

/** Every day of the period, the days without a dossier as zeros (a gap in the axis would mislead). */
function everyDay(from: string, to: string, daily: readonly Day[]): readonly Day[] {
  if (!isValidLocalDate(from) || !isValidLocalDate(to) || from > to) return daily;
  const known = new Map(daily.map((d) => [d.day, d]));
  const days: Day[] = [];
  for (let day = from; day <= to && days.length < 400; day = addDays(day, 1)) days.push(known.get(day) ?? { day, received: 0, handled: 0, late: 0 });
  return days;
}

import { useLang, useMessages } from '../../common/i18n/i18n';
import { useStation } from '../../common/station';
import { indicatorWords } from './messages';
import { percent } from './period';

type Totals = { asked: number; rated: number; byScore: number[]; weighted: number };

/**
 * The citizens' ratings of the period (rating.indicators, per day and officer) summed per
 * officer. The score is 4 (very satisfied) to 1 (dissatisfied), as the display asks it.
 */
export function Satisfaction({ from, to }: { from: string; to: string }) {
  const t = useMessages(indicatorWords);
  const lang = useLang();
  const ratings = useStation('rating.indicators', { from, to });
  if (!ratings.data) return null;
  const byOfficer = new Map<string, Totals & { name: string }>();
  const all: Totals = { asked: 0, rated: 0, byScore: [0, 0, 0, 0], weighted: 0 };
  for (const r of ratings.data) {
    const o = byOfficer.get(r.officerId) ?? { name: r.officerName, asked: 0, rated: 0, byScore: [0, 0, 0, 0], weighted: 0 };
    for (const acc of [o, all]) {
      acc.asked += r.asked;
      acc.rated += r.rated;
      r.byScore.forEach((n, i) => { acc.byScore[i] = (acc.byScore[i] ?? 0) + n; });
      acc.weighted += (r.averageScore ?? 0) * r.rated;
    }
    byOfficer.set(r.officerId, o);
  }
  const line = (name: string, x: Totals, key: string) => {
    const satisfied = x.rated === 0 ? null : ((x.byScore[0] ?? 0) + (x.byScore[1] ?? 0)) / x.rated;
    const average = x.rated === 0 ? '—' : (Math.round((x.weighted / x.rated) * 100) / 100).toFixed(2).replace('.', lang === 'vi' ? ',' : '.');
    return (
      <tr key={key}>
        <th scope="row">{name}</th><td className="num">{x.asked}</td><td className="num">{x.rated}</td>
        <td>{x.byScore.join(' / ')}</td><td className="num">{percent(satisfied, lang)}</td><td className="num">{average}</td>
      </tr>
    );
  };
  return (
    <fieldset className="breakdown satisfaction">
      <legend>{t('satisfaction')}</legend>
      {ratings.data.length === 0 ? <p className="muted">{t('noRatings')}</p> : (
        <table className="breakdown-table">
          <thead><tr><th>{t('byOfficer')}</th><th className="num">{t('asked')}</th><th className="num">{t('rated')}</th><th>{t('scores')}</th><th className="num">{t('satisfied')}</th><th className="num">{t('averageScore')}</th></tr></thead>
          <tbody>
            {[...byOfficer.entries()].map(([id, o]) => line(o.name, o, id))}
            {byOfficer.size > 1 ? line(t('total'), all, '*') : null}
          </tbody>
        </table>
      )}
    </fieldset>
  );
}

import { useEffect, useState } from 'react';
import { call, errorMessage, fieldErrors } from '../station';
import { useT } from '../i18n';
import type { ChannelOutput } from '../../../main/contract/channels';

type Day = ChannelOutput<'calendar.list'>['days'][number];
const weekday = (date: string) => ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'][new Date(`${date}T00:00:00Z`).getUTCDay()];

/** The working calendar as a table the technician edits: holidays, compensatory days, make-up Saturdays. */
export function CalendarScreen() {
  const t = useT();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [days, setDays] = useState<Day[]>([]);
  const [hours, setHours] = useState<Array<{ start: string; end: string }>>([]);
  const [draft, setDraft] = useState<Day>({ date: '', kind: 'holiday', name: '' });
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    void call('calendar.list', { year }).then((r) => { setDays(r.days); setHours(r.workingHours); });
  }, [year]);

  const act = async (p: Promise<Day[]>) => {
    try {
      setDays(await p);
      setErrors({});
      setMessage('');
    } catch (e) {
      setErrors(fieldErrors(e));
      setMessage(errorMessage(e));
    }
  };

  return (
    <section className="calendar">
      <div className="toolbar">
        <label>{t('year')} <input type="number" value={year} min={2000} max={2100} onChange={(e) => setYear(Number(e.target.value))} /></label>
        <span className="muted">{t('workingHours')}: {hours.map((h) => `${h.start}–${h.end}`).join(', ')}</span>
        <span className="spacer" />
        <button onClick={() => { if (confirm(`${t('reseed')} ${year}?`)) void act(call('calendar.reseed', { year })); }}>{t('reseed')}</button>
      </div>
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void act(call('calendar.put', draft)); }}>
        <label>{t('date')} <input type="date" required value={draft.date} onChange={(e) => setDraft({ ...draft, date: e.target.value })} /></label>
        <label>{t('kind')}{' '}
          <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as Day['kind'] })}>
            <option value="holiday">{t('holiday')}</option>
            <option value="compensatory">{t('compensatory')}</option>
            <option value="makeup_workday">{t('makeup_workday')}</option>
          </select>
        </label>
        <label className="grow">{t('name')} <input value={draft.name} maxLength={120} onChange={(e) => setDraft({ ...draft, name: e.target.value })} /></label>
        <button className="primary" type="submit">{t('add')}</button>
      </form>
      {message ? <p className="banner error" role="alert">{errors.name ?? errors.date ?? message}</p> : null}
      <table className="calendar-days">
        <thead><tr><th>{t('date')}</th><th /><th>{t('kind')}</th><th>{t('name')}</th><th /></tr></thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.date} className={d.kind}>
              <td>{d.date.split('-').reverse().join('/')}</td><td>{weekday(d.date)}</td><td>{t(d.kind)}</td><td>{d.name}</td>
              <td>
                <button onClick={() => setDraft(d)}>✎</button>{' '}
                <button aria-label={`${t('remove')} ${d.date}`} onClick={() => void act(call('calendar.remove', { date: d.date }))}>{t('remove')}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

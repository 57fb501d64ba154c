import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../main/contract/channels';
import { formatDate } from '../../../../main/core/format';
import { dayOfWeek, isValidLocalDate } from '../../../../main/core/time';
import type { ScreenProps } from '../../app/paths';
import { useMessages } from '../../common/i18n/i18n';
import { call, errorMessage, fieldErrors, useSetStationData, useStation } from '../../common/station';
import { useConfirm } from '../../common/ui/ConfirmDialog';
import { DateField } from '../../common/ui/DateField';
import { calendarWords } from './messages';

type Day = ChannelOutput<'calendar.list'>['days'][number];
const WEEKDAYS = ['weekday0', 'weekday1', 'weekday2', 'weekday3', 'weekday4', 'weekday5', 'weekday6'] as const;

/** The working calendar as a table the technician edits: holidays, compensatory days, make-up Saturdays. */
export default function CalendarScreen(_props: ScreenProps) {
  const t = useMessages(calendarWords);
  const info = useStation('app.info', {}, { staleTime: 0 });
  // The station's year (its clock), not the PC's.
  const [year, setYear] = useState<number | null>(null);
  useEffect(() => { if (year === null && info.data) setYear(Number(info.data.now.slice(0, 4))); }, [info.data, year]);
  const list = useStation('calendar.list', { year: year ?? 2000 }, { enabled: year !== null && year >= 2000 && year <= 2100 });
  const setData = useSetStationData();
  const [draft, setDraft] = useState<Day>({ date: '', kind: 'holiday', name: '' });
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirmDialog, confirm] = useConfirm();

  const act = async (p: Promise<Day[]>, done: string) => {
    try {
      const days = await p;
      if (year !== null && list.data) setData('calendar.list', { year }, { ...list.data, days });
      setErrors({});
      setMessage({ text: done, error: false });
    } catch (e) {
      setErrors(fieldErrors(e));
      setMessage({ text: errorMessage(e), error: true });
    }
  };
  const kindName = (k: Day['kind']) => t(k);

  const put = () => {
    if (!isValidLocalDate(draft.date)) { setErrors({ date: draft.date ? t('badDate') : t('needDate') }); return; }
    void act(call('calendar.put', draft), t('saved', { date: formatDate(draft.date) }));
  };
  const remove = async (d: Day) => {
    const yes = await confirm({
      title: t('removeTitle', { date: formatDate(d.date) }),
      message: t('removeMessage', { name: d.name, kind: kindName(d.kind), date: formatDate(d.date) }),
      confirmLabel: t('remove'),
      danger: true,
    });
    if (yes) void act(call('calendar.remove', { date: d.date }), t('removed', { date: formatDate(d.date) }));
  };
  const reseed = async () => {
    if (year === null) return;
    const yes = await confirm({ title: t('reseedTitle', { year }), message: t('reseedMessage', { year }), confirmLabel: t('reseed'), danger: true });
    if (yes) void act(call('calendar.reseed', { year }), t('reseeded', { year }));
  };

  return (
    <section className="calendar">
      <div className="toolbar">
        <label>{t('year')} <input type="number" value={year ?? ''} min={2000} max={2100} onChange={(e) => setYear(Number(e.target.value))} /></label>
        <span className="muted">{t('workingHours')}: {list.data?.workingHours.map((h) => `${h.start}–${h.end}`).join(', ')}</span>
        <span className="spacer" />
        <button type="button" onClick={() => void reseed()}>{t('reseed')}</button>
      </div>
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); put(); }}>
        <DateField label={t('date')} name="date" value={draft.date} onChange={(date) => { setDraft({ ...draft, date }); setErrors(({ date: _typedAgain, ...rest }) => rest); }} error={errors.date} />
        <div className="field">
          <label htmlFor="calendar-kind">{t('kind')}</label>
          <select id="calendar-kind" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as Day['kind'] })}>
            <option value="holiday">{t('holiday')}</option>
            <option value="compensatory">{t('compensatory')}</option>
            <option value="makeup_workday">{t('makeup_workday')}</option>
          </select>
        </div>
        <div className="field grow">
          <label htmlFor="calendar-name">{t('name')}</label>
          <input id="calendar-name" name="name" value={draft.name} maxLength={120} aria-invalid={!!errors.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </div>
        <button className="primary" type="submit">{t('add')}</button>
      </form>
      {message ? <p className={`banner ${message.error ? 'error' : ''}`} role={message.error ? 'alert' : 'status'}>{message.error ? (errors.name ?? message.text) : message.text}</p> : null}
      <table className="calendar-days">
        <thead><tr><th>{t('date')}</th><th /><th>{t('kind')}</th><th>{t('name')}</th><th /></tr></thead>
        <tbody>
          {(list.data?.days ?? []).map((d) => (
            <tr key={d.date} className={d.kind}>
              <td>{formatDate(d.date)}</td><td>{t(WEEKDAYS[dayOfWeek(d.date)])}</td><td>{kindName(d.kind)}</td><td>{d.name}</td>
              <td>
                <button type="button" aria-label={`${t('edit')} ${formatDate(d.date)}`} onClick={() => setDraft(d)}>✎</button>{' '}
                <button type="button" aria-label={`${t('remove')} ${formatDate(d.date)}`} onClick={() => void remove(d)}>{t('remove')}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {confirmDialog}
    </section>
  );
}

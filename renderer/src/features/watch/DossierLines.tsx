import { forwardRef, type ReactNode } from 'react';
import type { ChannelOutput } from '../../../../main/contract/channels';
import { formatDateTime } from '../../../../main/core/format';
import { statusNames } from '../../../../main/core/messages';
import { useLang, useMessages } from '../../common/i18n/i18n';
import { watchWords } from './messages';

export type DossierLine = ChannelOutput<'watch.list'>['dossiers'][number];

/** The status of a line in the officer's language. */
export function statusName(status: number, lang: 'vi' | 'en'): string {
  return statusNames[status as keyof typeof statusNames]?.[lang] ?? String(status);
}

/**
 * The dossiers of a list (the watch, a number of the dashboard): one row each, the row a stop of
 * its own — Enter opens the dossier, ↑/↓ move, ↑ on the first row goes back where the list was
 * entered from. `action` adds a cell of buttons to a row; `onKey` lets the screen give a row a
 * key of its own (H: the apology).
 */
export const DossierLines = forwardRef<HTMLTableSectionElement, {
  lines: readonly DossierLine[];
  empty: string;
  onOpen: (code: string) => void;
  onUpFromFirst?: () => void;
  onKey?: (e: React.KeyboardEvent<HTMLTableRowElement>, line: DossierLine) => void;
  action?: (line: DossierLine) => ReactNode;
  /** Which column of dates: the watch's due dates, or when the result was ready. */
  show?: 'due' | 'handled';
  label?: string;
}>(function DossierLines({ lines, empty, onOpen, onUpFromFirst, onKey, action, show = 'due', label }, body) {
  const t = useMessages(watchWords);
  const lang = useLang();
  const columns = 7 + (action ? 1 : 0);
  return (
    <table className="dossiers dossier-lines" aria-label={label}>
      <thead>
        <tr>
          <th>{t('code')}</th><th>{t('owner')}</th><th>{t('procedure')}</th><th>{t('received')}</th>
          <th>{t('due')}</th><th>{t('lateness')}</th><th>{show === 'due' ? t('holder') : t('status')}</th>
          {action ? <th /> : null}
        </tr>
      </thead>
      <tbody ref={body}>
        {lines.length === 0 ? <tr><td colSpan={columns} className="empty">{empty}</td></tr> : null}
        {lines.map((d) => (
          <tr key={d.code} data-code={d.code} tabIndex={0} className={d.lateness?.late ? 'late' : undefined}
            onClick={(e) => { if (!(e.target as HTMLElement).closest('button, a')) onOpen(d.code); }}
            onKeyDown={(e) => {
              if (e.target !== e.currentTarget) return; // a button of the row has its own keys
              // preventDefault: the same Enter must not also press what takes focus next.
              if (e.key === 'Enter') { e.preventDefault(); onOpen(d.code); }
              else if (e.key === 'ArrowDown') { e.preventDefault(); (e.currentTarget.nextElementSibling as HTMLElement | null)?.focus(); }
              else if (e.key === 'ArrowUp') {
                e.preventDefault();
                const previous = e.currentTarget.previousElementSibling as HTMLElement | null;
                if (previous) previous.focus(); else onUpFromFirst?.();
              } else onKey?.(e, d);
            }}>
            <td className="code">{d.code}</td>
            <td>{d.ownerName}<br /><span className="muted small">{d.ownerPhone}</span></td>
            <td>{d.procedureName}<br /><span className="muted small">{d.procedureCode} · {d.field}</span></td>
            <td>{formatDateTime(d.receivedAt)}</td>
            <td>
              {formatDateTime(d.dueAt)}
              {d.rescheduledAt ? <><br /><span className="muted small">{t('appointmentWas', { at: formatDateTime(d.appointmentAt) })}</span></> : null}
              {show === 'handled' && d.finishedAt ? <><br /><span className="muted small">{statusName(9, lang)}: {formatDateTime(d.finishedAt)}</span></> : null}
            </td>
            <td className={d.lateness?.late ? 'lateness late' : 'lateness'}>{d.lateness?.late ? d.lateness.text : d.timeliness === 'early' ? t('early') : d.timeliness === 'on_time' ? t('onTime') : t('notLate')}</td>
            <td>{show === 'due' ? (d.handlerName ?? d.officerName) : statusName(d.status, lang)}</td>
            {action ? <td className="row-action">{action(d)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
});

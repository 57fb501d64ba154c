import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { formatDate } from '../../../../main/core/format';
import { useMessages } from '../../common/i18n/i18n';
import { errorMessage, useStation } from '../../common/station';
import { Modal } from '../../common/ui/Modal';
import { DossierLines } from '../watch/DossierLines';
import type { GroupKey, Measure } from './period';
import { indicatorWords } from './messages';

export type Drill = Readonly<{ measure: Measure; from: string; to: string; group?: Readonly<{ key: GroupKey; value: string; label: string }> }>;

const PAGE = 100;

/**
 * The dossiers behind one number of the dashboard (indicators.dossiers), each opening its
 * dossier page. Focus starts on the first row (or, back from a dossier, on that dossier's row).
 */
export function DrillDown({ drill, backTo, onOpen, onClose }: { drill: Drill; backTo: string | null; onOpen: (code: string) => void; onClose: () => void }) {
  const t = useMessages(indicatorWords);
  const [limit, setLimit] = useState(PAGE);
  const body = useRef<HTMLTableSectionElement>(null);
  const list = useStation('indicators.dossiers', {
    measure: drill.measure, from: drill.from, to: drill.to, limit,
    ...(drill.group ? { [drill.group.key]: drill.group.value } : {}),
  }, { placeholderData: keepPreviousData });
  const lines = list.data?.dossiers ?? [];
  const placed = useRef(false);

  useEffect(() => {
    if (placed.current || !list.data) return;
    placed.current = true;
    const row = (backTo && body.current?.querySelector<HTMLElement>(`tr[data-code="${CSS.escape(backTo)}"]`)) || body.current?.querySelector<HTMLElement>('tr[data-code]');
    row?.focus();
  }, [list.data, backTo]);

  const period = `${formatDate(drill.from)} – ${formatDate(drill.to)}`;
  const title = t('drillTitle', { measure: t(drill.measure), period });
  return (
    <Modal label={title} onClose={onClose} className="drill-down">
      <header>
        <h2>{title}</h2>
        {list.data ? <span className="count-pill" data-testid="drill-total">{t('drillCount', { total: list.data.total })}</span> : null}
      </header>
      {drill.group ? <p className="muted">{drill.group.label}</p> : null}
      <p className="muted small">{t('drillKeys')}</p>
      {list.error ? <p className="banner error" role="alert">{errorMessage(list.error)}</p> : null}
      <DossierLines ref={body} lines={lines} empty={list.data ? t('drillEmpty') : '…'} label={title} onOpen={onOpen}
        show={['handled', 'early', 'on_time', 'late'].includes(drill.measure) ? 'handled' : 'due'} />
      {list.data && list.data.total > lines.length ? (
        <p className="more">
          {t('drillShown', { shown: lines.length, total: list.data.total })}{' '}
          <button type="button" onClick={() => setLimit(Math.min(500, limit + PAGE))} disabled={limit >= 500}>{t('more')}</button>
        </p>
      ) : null}
      <footer><span className="spacer" /><button type="button" onClick={onClose}>{t('close')} (Esc)</button></footer>
    </Modal>
  );
}

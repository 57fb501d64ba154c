import { useState } from 'react';
import type { ScreenProps } from '../../app/paths';
import { useMessages } from '../../common/i18n/i18n';
import { errorMessage, useStation } from '../../common/station';
import { ConflictCard } from './ConflictCard';
import { conflictWords } from './messages';

/** Every disagreement with the portal, the open ones first to decide (the decided ones on request). */
export default function ConflictsScreen(_props: ScreenProps) {
  const t = useMessages(conflictWords);
  const [includeResolved, setIncludeResolved] = useState(false);
  const [status, setStatus] = useState('');
  const list = useStation('conflicts.list', { includeResolved, limit: 200 });
  return (
    <section className="conflicts-page" aria-labelledby="conflicts-title">
      <header className="page-head">
        <h1 id="conflicts-title" tabIndex={-1}>{t('title')}</h1>
        <span className="spacer" />
        <label className="check"><input type="checkbox" checked={includeResolved} onChange={(e) => setIncludeResolved(e.target.checked)} />{t('showResolved')}</label>
      </header>
      <p className="muted">{t('intro')}</p>
      {status ? <p className="banner ok" role="status" data-testid="conflicts-status">{status}</p> : null}
      {list.error ? <p className="banner error" role="alert">{errorMessage(list.error)}</p> : null}
      {list.data && list.data.length === 0 ? <p className="muted" data-testid="conflicts-none">{t('none')}</p> : null}
      {list.data?.map((c) => <ConflictCard key={c.id} conflict={c} withLink onDecided={setStatus} />)}
    </section>
  );
}

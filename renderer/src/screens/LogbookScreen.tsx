import { useEffect, useRef, useState } from 'react';
import { call, errorMessage } from '../station';
import { formatLocalDateTime, formatShort, statusNames, useT } from '../i18n';
import { SlipPreview } from '../components/SlipPreview';
import { ScanDocuments } from '../components/ScanDocuments';
import type { DossierSummary, DossierView } from '../../../main/contract/schemas';
import type { ChannelOutput } from '../../../main/contract/channels';

/** Today's log book (Mẫu 06 on screen) and one search box over every dossier. */
export function LogbookScreen({ canPrint }: { canPrint: boolean }) {
  const t = useT();
  const [date, setDate] = useState('');
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<DossierSummary[]>([]);
  const [selected, setSelected] = useState<DossierView | null>(null);
  const [preview, setPreview] = useState(false);
  const [message, setMessage] = useState('');
  const seq = useRef(0);

  useEffect(() => {
    void call('app.info', {}).then((i) => setDate((d) => d || i.now.slice(0, 10)));
  }, []);

  useEffect(() => {
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      const request = query.trim() ? call('dossier.search', { query, limit: 50 }) : date ? call('dossier.logbook', { date }) : null;
      void request
        ?.then((r) => { if (mine === seq.current) { setRows(r); setMessage(''); } })
        .catch((e) => setMessage(errorMessage(e)));
    }, 80);
    return () => clearTimeout(timer);
  }, [query, date]);

  const [syncInfo, setSyncInfo] = useState<ChannelOutput<'dossier.syncInfo'> | null>(null);
  const open = async (code: string) => {
    setSelected(await call('dossier.get', { code }));
    setSyncInfo(await call('dossier.syncInfo', { code }).catch(() => null));
  };

  return (
    <section className="logbook">
      <div className="toolbar">
        <input className="search" type="search" autoFocus aria-label={t('search')} placeholder={t('search')} value={query} onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => { if (e.key === 'ArrowDown') { e.preventDefault(); document.querySelector<HTMLElement>('.logbook tbody tr')?.focus(); } }} />
        <label>{t('logbookOf')} <input type="date" value={date} onChange={(e) => { setDate(e.target.value); setQuery(''); }} /></label>
      </div>
      {message ? <p className="banner error">{message}</p> : null}
      <table className="dossiers">
        <thead>
          <tr>
            <th>{t('line')}</th><th>{t('dossierCode')}</th><th>{t('owner')}</th><th>{t('idNumber')}</th><th>{t('phone')}</th>
            <th>{t('procedure')}</th><th>{t('receivedAt')}</th><th>{t('appointment')}</th><th>{t('status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? <tr><td colSpan={9} className="empty">{t('noDossiers')}</td></tr> : null}
          {rows.map((r) => (
            <tr key={r.code} tabIndex={0} onClick={() => void open(r.code)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') void open(r.code);
                else if (e.key === 'ArrowDown') { e.preventDefault(); (e.currentTarget.nextElementSibling as HTMLElement | null)?.focus(); }
                else if (e.key === 'ArrowUp') { e.preventDefault(); (e.currentTarget.previousElementSibling as HTMLElement | null)?.focus(); }
              }}>
              <td>{r.logBookLine}</td><td className="code">{r.code}</td><td>{r.ownerName}</td><td>{r.ownerIdNumber}</td><td>{r.ownerPhone}</td>
              <td>{r.procedureName}</td><td>{formatShort(r.receivedAt)}</td><td>{formatShort(r.appointmentAt)}</td><td>{statusNames[r.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {selected && !preview && (
        <div className="modal-backdrop" onKeyDown={(e) => { if (e.key === 'Escape') setSelected(null); }}>
          <div className="modal" role="dialog" aria-modal="true" aria-label={selected.code}>
            <header><h2>{t('dossierCode')} {selected.code}</h2></header>
            <dl className="receipt-summary">
              <dt>{t('owner')}</dt><dd>{selected.owner.fullName} · {selected.owner.idNumber} · {selected.owner.phone}</dd>
              <dt>{t('address')}</dt><dd>{selected.owner.address}</dd>
              {selected.submitter ? <><dt>{t('submitter')}</dt><dd>{selected.submitter.fullName}</dd></> : null}
              <dt>{t('procedure')}</dt><dd>{selected.procedureCode} · {selected.procedureName}</dd>
              <dt>{t('documents')}</dt><dd><ul>{selected.documents.map((d) => <li key={d.code}>{d.name} ({d.originals}/{d.certifiedCopies}/{d.copies})</li>)}</ul></dd>
              <dt>{t('receivedAt')}</dt><dd>{formatLocalDateTime(selected.receivedAt)}</dd>
              <dt>{t('appointment')}</dt><dd>{formatLocalDateTime(selected.appointmentAt)}</dd>
              <dt>{t('status')}</dt><dd>{statusNames[selected.status]}</dd>
            </dl>
            {syncInfo ? (
              <div className={`sync-info ${syncInfo.state}`} data-testid="dossier-sync">
                {{ synced: 'Đã đồng bộ với cổng', waiting: 'Chờ đồng bộ với cổng', rejected: `Cổng từ chối: ${syncInfo.reason ?? ''}` }[syncInfo.state]}
                {syncInfo.codeIsProvisional ? ' · Mã hồ sơ tạm, sẽ được cấp mã chính thức khi đồng bộ' : ''}
                {syncInfo.provisionalCode && !syncInfo.codeIsProvisional ? ` · Mã tạm trước đây: ${syncInfo.provisionalCode}` : ''}
                {syncInfo.progress.length > 0 ? (
                  <ul>{syncInfo.progress.map((p, i) => <li key={i}>{p.at.replace(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2}).*/, '$4:$5 $3/$2/$1')} · {p.unit} · {statusNames[p.status]} · {p.note}</li>)}</ul>
                ) : null}
              </div>
            ) : null}
            <ScanDocuments dossierCode={selected.code} documents={selected.documents} />
            <footer>
              <span className="spacer" />
              <button className="primary" autoFocus onClick={() => setPreview(true)}>{t('printSlip')}</button>
              <button onClick={() => setSelected(null)}>{t('close')} (Esc)</button>
            </footer>
          </div>
        </div>
      )}
      {selected && preview && <SlipPreview code={selected.code} defaultPaper="A4" canPrint={canPrint} onClose={() => setPreview(false)} />}
    </section>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelInput, ChannelOutput } from '../../../../main/contract/channels';
import type { ScanProfile, ScanSessionView, ScanTarget, StoredScan } from '../../../../main/contract/scanning-channels';
import { formatDateTime } from '../../../../main/core/format';
import { useMessages } from '../../common/i18n/i18n';
import { call, errorMessage, onStationReconnect, useStationEvent } from '../../common/station';
import { formatBytes } from './bytes';
import { scanWords } from './messages';
import './scan.css';

type Page = ScanSessionView['pages'][number];
type Capabilities = ChannelOutput<'scanners.capabilities'>;
type Device = ChannelOutput<'scanners.list'>['devices'][number];

/**
 * The scan dialog of one document: pages arrive as thumbnails while the scanner runs; the officer
 * rotates, reorders, removes, brings back or rescans pages, then saves them as one PDF attached to
 * the document. The test scan of the technician's page uses it too, without saving.
 */
export function ScanPanel({ target, onClose, defaults, resumeSessionId }: {
  target: ScanTarget;
  /** Carry on this unfinished session (its pages back from disk) instead of opening a new one. */
  resumeSessionId?: string;
  onClose: (saved: StoredScan | null) => void;
  /** Scanner and profile to start from, instead of the station's saved ones (the technician's test scan). */
  defaults?: { deviceId: string | null; profile: ScanProfile };
}) {
  const t = useMessages(scanWords);
  const [session, setSession] = useState<ScanSessionView | null>(null);
  const [thumbs, setThumbs] = useState<Record<string, { rev: number; url: string }>>({});
  const [devices, setDevices] = useState<Device[]>([]);
  const [deviceId, setDeviceId] = useState('');
  const [caps, setCaps] = useState<Capabilities | null>(null);
  const [profile, setProfile] = useState<ScanProfile | null>(null);
  const [message, setMessage] = useState('');
  const [saving, setSaving] = useState(false);
  const [saveMode, setSaveMode] = useState<'replace' | 'append'>('replace');
  const [preview, setPreview] = useState<{ id: string; url: string } | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const since = useRef(0);
  const scanButton = useRef<HTMLButtonElement>(null);
  const sessionId = session?.sessionId;
  const scanning = session?.job?.state === 'scanning';

  const absorb = useCallback((view: ScanSessionView) => {
    if (view.rev < since.current) return 0; // an answer overtaken by a newer one
    since.current = view.rev;
    setSession(view);
    const fresh = view.pages.filter((p) => p.thumbnail);
    if (fresh.length > 0) {
      setThumbs((old) => ({ ...old, ...Object.fromEntries(fresh.map((p) => [p.id, { rev: p.rev, url: p.thumbnail! }])) }));
    }
    return fresh.length;
  }, []);

  // Open the session, then what the controls need: the scanners, the defaults, the capabilities.
  useEffect(() => {
    let alive = true;
    let opened: string | undefined;
    void (async () => {
      try {
        const view = resumeSessionId ? await call('scan.resume', { sessionId: resumeSessionId }) : await call('scan.open', { target });
        opened = view.sessionId;
        if (!alive) { if (!resumeSessionId) void call('scan.close', { sessionId: view.sessionId }); return; }
        absorb(view);
        // A page left out because its file was damaged: the officer rescans that sheet.
        if (view.notices?.length) setMessage(view.notices.join(' '));
        // The default scanner is usable at once; the list (seconds when it searches the network) follows.
        const start = defaults ?? (await call('scanners.settings', {}));
        if (!alive) return;
        setProfile(start.profile);
        if (start.deviceId) setDeviceId(start.deviceId);
        const list = await call('scanners.list', {});
        if (!alive) return;
        setDevices(list.devices);
        if (!start.deviceId) {
          setDeviceId(list.devices[0]?.id ?? '');
          if (list.devices.length === 0) setMessage(t('noScanners'));
        }
      } catch (e) {
        setMessage(errorMessage(e));
      }
    })();
    return () => {
      alive = false;
      if (opened) void call('scan.close', { sessionId: opened }).catch(() => {});
    };
    // The session belongs to this dialog: opened once, closed when it goes.
  }, []);

  useEffect(() => {
    if (!deviceId) { setCaps(null); return; }
    let alive = true;
    void call('scanners.capabilities', { deviceId })
      .then((c) => { if (alive) { setCaps(c); setMessage(''); } })
      .catch((e) => { if (alive) { setCaps(null); setMessage(errorMessage(e)); } });
    return () => { alive = false; };
  }, [deviceId]);

  useEffect(() => { scanButton.current?.focus(); }, [caps]);

  // Progress and new pages come as the station announces them (scan.changed), never by asking
  // on a timer: one status call at a time, again while the station is ahead of what we have
  // (an answer carries a limited number of thumbnails).
  const announced = useRef(0);
  const fetching = useRef(false);
  const catchUp = useRef<() => Promise<void>>(async () => {});
  useEffect(() => {
    catchUp.current = async () => {
      if (!sessionId || fetching.current) return;
      fetching.current = true;
      let failed = false;
      try {
        do {
          absorb(await call('scan.status', { sessionId, since: since.current }));
        } while (since.current < announced.current);
      } catch (e) {
        failed = true;
        setMessage(errorMessage(e));
      } finally {
        fetching.current = false;
      }
      // An announcement that came between the last answer and now.
      if (!failed && since.current < announced.current) void catchUp.current();
    };
  }, [sessionId, absorb]);
  useStationEvent('scan.changed', (e) => {
    if (e.sessionId !== sessionId) return;
    announced.current = Math.max(announced.current, e.rev);
    if (e.rev > since.current) void catchUp.current();
  });
  // Events may have been missed while the link to the station was down.
  useEffect(() => onStationReconnect(() => { void catchUp.current(); }), []);

  const source = caps?.sources.find((s) => s.kind === profile?.source) ?? caps?.sources[0];

  const start = async (replacePageId?: string) => {
    if (!sessionId || scanning || !profile) return;
    setMessage('');
    try {
      absorb(await call('scan.start', { sessionId, ...(deviceId ? { deviceId } : {}), profile, ...(replacePageId ? { replacePageId } : {}) }));
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };

  const edit = async (edit: ChannelInput<'scan.edit'>['edit']) => {
    if (!sessionId) return;
    try {
      absorb(await call('scan.edit', { sessionId, edit }));
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };

  const save = async () => {
    if (!sessionId || scanning || saving || target.kind !== 'document') return;
    setSaving(true);
    try {
      const stored = await call('scan.save', { sessionId, mode: session?.stored ? saveMode : 'replace' });
      onClose(stored);
    } catch (e) {
      setMessage(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const kept = session?.pages.filter((p) => !p.removed) ?? [];
  const removed = session?.pages.filter((p) => p.removed) ?? [];

  const close = () => {
    if (scanning && sessionId) void call('scan.cancel', { sessionId });
    if (target.kind === 'document' && kept.length > 0 && !confirmClose) { setConfirmClose(true); return; }
    onClose(null);
  };

  const openPreview = async (id: string) => {
    if (!sessionId) return;
    try {
      const p = await call('scan.page', { sessionId, pageId: id });
      setPreview({ id, url: p.preview });
    } catch (e) {
      setMessage(errorMessage(e));
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    // The dialog handles its keys: the screen below (the log book's dossier view) must not.
    if (e.key === 'Escape') {
      e.stopPropagation();
      if (preview) setPreview(null);
      else close();
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      e.stopPropagation();
      void save();
    }
  };

  const job = session?.job;
  /** Where a neighbouring kept page sits among all pages (removed ones included): moves step over removed pages. */
  const positionOf = (p: Page | undefined) => Math.max(0, p ? (session?.pages.indexOf(p) ?? 0) : 0);
  const pageCard = (p: Page, index: number) => {
    const thumb = thumbs[p.id];
    const removedLabel = p.removed === 'blank' ? t('blank') : p.removed === 'officer' ? t('removedByOfficer') : null;
    return (
      <li key={p.id} className={`scan-page ${p.removed ? 'removed' : ''} ${job?.replacing === p.id ? 'replacing' : ''}`} data-testid="scan-page" data-page-id={p.id}>
        <button type="button" className="scan-thumb" onClick={() => void openPreview(p.id)} aria-label={`${t('view')} ${removedLabel ?? t('pageOf', { n: index + 1 })}`}>
          {thumb ? <img src={thumb.url} alt="" style={{ transform: `rotate(${p.rotation}deg)` }} /> : <span className="scan-thumb-wait">…</span>}
        </button>
        <div className="scan-page-label">
          {removedLabel ? <strong className="scan-removed-label">{removedLabel}</strong> : <strong>{t('pageOf', { n: index + 1 })}</strong>}
          <small>{formatBytes(p.bytes)}</small>
        </div>
        <div className="scan-page-tools">
          {p.removed ? (
            <button type="button" onClick={() => void edit({ op: 'restore', pageId: p.id })}>{t('restore')}</button>
          ) : (
            <>
              <button type="button" title={t('rotateLeft')} aria-label={t('rotateLeft')} onClick={() => void edit({ op: 'rotate', pageId: p.id, quarterTurns: -1 })}>⟲</button>
              <button type="button" title={t('rotateRight')} aria-label={t('rotateRight')} onClick={() => void edit({ op: 'rotate', pageId: p.id, quarterTurns: 1 })}>⟳</button>
              <button type="button" title={t('moveLeft')} aria-label={t('moveLeft')} disabled={index === 0}
                onClick={() => void edit({ op: 'move', pageId: p.id, to: positionOf(kept[index - 1]) })}>◀</button>
              <button type="button" title={t('moveRight')} aria-label={t('moveRight')} disabled={index === kept.length - 1}
                onClick={() => void edit({ op: 'move', pageId: p.id, to: positionOf(kept[index + 1]) })}>▶</button>
              <button type="button" title={t('rescan')} aria-label={t('rescan')} disabled={scanning} onClick={() => void start(p.id)}>↻</button>
              <button type="button" className="danger" title={t('remove')} aria-label={t('remove')} onClick={() => void edit({ op: 'remove', pageId: p.id })}>✕</button>
            </>
          )}
        </div>
      </li>
    );
  };

  const title = target.kind === 'test' ? t('testTitle') : session?.title ?? '';
  const progress = job?.state === 'scanning' ? (job.fraction ?? 0) : 0;

  return (
    <div className="modal-backdrop scan-backdrop" onKeyDown={onKeyDown}>
      <div className="modal scan-panel" role="dialog" aria-modal="true" aria-label={`${t('scan')}: ${title}`}>
        <header>
          <h2>{t('scan')}: {title}</h2>
        </header>
        <div className="scan-controls">
          <label>
            {t('scanner')}
            <select value={deviceId} onChange={(e) => setDeviceId(e.target.value)} disabled={scanning}>
              {deviceId && !devices.some((d) => d.id === deviceId) ? <option value={deviceId}>{caps?.device.name ?? deviceId}</option> : null}
              {devices.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
            </select>
          </label>
          {profile && caps && source ? (
            <>
              <label>
                {t('source')}
                <select value={source.kind} disabled={scanning} onChange={(e) => setProfile({ ...profile, source: e.target.value as ScanProfile['source'] })}>
                  {caps.sources.map((s) => <option key={s.kind} value={s.kind}>{t(s.kind)}</option>)}
                </select>
              </label>
              <label>
                {t('mode')}
                <select value={profile.mode} disabled={scanning} onChange={(e) => setProfile({ ...profile, mode: e.target.value as ScanProfile['mode'] })}>
                  {source.colorModes.map((m) => <option key={m} value={m}>{t(m)}</option>)}
                </select>
              </label>
              <label>
                {t('resolution')}
                <select value={profile.resolution} disabled={scanning} onChange={(e) => setProfile({ ...profile, resolution: Number(e.target.value) })}>
                  {[...new Set([...source.resolutions, profile.resolution])].sort((a, b) => a - b).map((r) => <option key={r} value={r}>{r} dpi</option>)}
                </select>
              </label>
            </>
          ) : null}
          <span className="spacer" />
          {scanning ? (
            <button type="button" className="danger" onClick={() => sessionId && void call('scan.cancel', { sessionId }).then(absorb)}>{t('stop')} (Esc)</button>
          ) : (
            <button ref={scanButton} type="button" className="primary" disabled={!sessionId || !caps || !profile} onClick={() => void start()}>
              {kept.length > 0 ? t('scanMore') : t('scan')}
            </button>
          )}
        </div>

        <div className="scan-status" aria-live="polite">
          {scanning ? (
            <>
              <span>{job?.replacing ? t('rescanning') : t('scanningPage', { n: job?.page ?? 1 })}</span>
              <progress max={1} value={progress} aria-label={t('scanning')} />
              <span>{t('received', { n: job?.received ?? 0 })}</span>
            </>
          ) : kept.length === 0 && removed.length === 0 ? <span className="muted">{t('noPages')}</span> : (
            <span className="muted">{kept.length} {t('pages')} · {t('estimate', { size: formatBytes(session?.estimatedBytes ?? 0) })}</span>
          )}
        </div>
        {message || job?.error ? <p className="banner error" role="alert">{message || job?.error?.message}</p> : null}

        <ol className="scan-pages" aria-label={t('pages')}>
          {kept.map((p, i) => pageCard(p, i))}
          {scanning && !job?.replacing ? (
            <li className="scan-page scan-page-coming" aria-hidden="true">
              <div className="scan-thumb"><span className="scan-thumb-wait">{Math.round(progress * 100)}%</span></div>
              <div className="scan-page-label"><strong>{t('pageOf', { n: kept.length + 1 })}</strong></div>
            </li>
          ) : null}
        </ol>
        {removed.length > 0 ? (
          <section className="scan-removed">
            <h3>{t('removedPages', { n: removed.length })}</h3>
            {removed.some((p) => p.removed === 'blank') ? <p className="muted">{t('blankNote')}</p> : null}
            <ol className="scan-pages">{removed.map((p, i) => pageCard(p, i))}</ol>
          </section>
        ) : null}

        <footer>
          {session?.stored ? (
            <div className="scan-stored">
              <span>{t('storedBefore', { pages: session.stored.pages, size: formatBytes(session.stored.bytes), at: formatDateTime(session.stored.scannedAt) })}</span>
              <label className="check"><input type="radio" name="save-mode" checked={saveMode === 'replace'} onChange={() => setSaveMode('replace')} /> {t('replace')}</label>
              <label className="check"><input type="radio" name="save-mode" checked={saveMode === 'append'} onChange={() => setSaveMode('append')} /> {t('append')}</label>
            </div>
          ) : null}
          <span className="spacer" />
          {confirmClose ? (
            <>
              <span className="muted">{t('closeUnsaved', { n: kept.length })}</span>
              <button type="button" className="danger" onClick={() => onClose(null)}>{t('discardPages')}</button>
              <button type="button" onClick={() => setConfirmClose(false)}>{t('goBack')}</button>
            </>
          ) : (
            <>
              {target.kind === 'document' ? (
                <button type="button" className="primary" disabled={kept.length === 0 || scanning || saving} onClick={() => void save()}>
                  {saving ? t('saving') : `${t('save')}: ${kept.length} ${t('pages')} (Ctrl+S)`}
                </button>
              ) : null}
              <button type="button" onClick={close}>{t('close')} (Esc)</button>
            </>
          )}
        </footer>
      </div>
      {preview ? (
        <div className="scan-preview" role="dialog" aria-modal="true" aria-label={t('view')} onClick={() => setPreview(null)}>
          <img src={preview.url} alt="" style={{ transform: `rotate(${session?.pages.find((p) => p.id === preview.id)?.rotation ?? 0}deg)` }} />
        </div>
      ) : null}
    </div>
  );
}

import { useEffect, useState } from 'react';
import { call } from '../station';
import type { ChannelOutput } from '../../../main/contract/channels';

type Status = ChannelOutput<'sync.status'>;

const time = (ms: number | null) => (ms ? new Date(ms).toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' }) : '—');

/** Online or not (as learned from the portal), what waits, the last successful sync. */
export function SyncStatusBar({ onOpen }: { onOpen: () => void }) {
  const [status, setStatus] = useState<Status | null>(null);
  useEffect(() => {
    let alive = true;
    const poll = () => void call('sync.status', {}).then((s) => { if (alive) setStatus(s); }).catch(() => undefined);
    poll();
    const timer = setInterval(poll, 2000);
    return () => { alive = false; clearInterval(timer); };
  }, []);
  if (!status) return null;
  const state = !status.configured ? 'none' : status.online ? 'online' : status.online === false ? 'offline' : 'unknown';
  const label = { none: 'Chưa cấu hình cổng', online: 'Trực tuyến', offline: 'Mất kết nối cổng', unknown: 'Đang kiểm tra cổng' }[state];
  return (
    <button className={`sync-status ${state}`} onClick={onOpen} tabIndex={-1} data-testid="sync-status" title={status.lastError ?? ''}>
      <span className="dot" /> {label}
      <span> · Chờ đồng bộ: <b data-testid="sync-pending">{status.dossiersWaiting}</b></span>
      {status.rejected > 0 ? <span className="rejected"> · Bị từ chối: {status.rejected}</span> : null}
      {status.draining ? (
        <span className="draining"> · Đang gửi {status.draining.sent}/{status.draining.total}
          <progress max={status.draining.total} value={status.draining.sent} />
        </span>
      ) : null}
      <span> · Lần cuối: {time(status.lastSuccessAt)}</span>
    </button>
  );
}

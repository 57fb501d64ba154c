import { useEffect, useRef, useState } from 'react';
import type { PrintJobView } from '../../../../main/contract/print-channels';
import { useMessages } from '../../common/i18n/i18n';
import { hasRole, useOfficer } from '../../common/officer';
import { formatDateTime } from '../../../../main/core/format';
import { call, errorMessage, useInvalidate, useStation } from '../../common/station';
import { Modal } from '../../common/ui/Modal';
import { printingWords } from './messages';

// The print queue in the status bar: how many jobs wait and how many failed, kept current by the
// `print.changed` event; a click opens the panel with the latest jobs, why one waits or failed,
// and "In lại" / "Huỷ". A button busy with its call is aria-disabled, not disabled: a disabled
// button drops focus to the page, and Esc would no longer reach the dialog.

const COUNTER_ROLES = ['reception', 'technician'];

export function PrintStatus() {
  const officer = useOfficer();
  if (!hasRole(officer, COUNTER_ROLES)) return null;
  return <PrintStatusButton />;
}

function PrintStatusButton() {
  const t = useMessages(printingWords);
  const [open, setOpen] = useState(false);
  const list = useStation('print.jobs', {});
  const s = list.data;
  if (!s) return null;
  const state = s.failed > 0 ? 'failed' : s.waiting > 0 ? 'waiting' : 'idle';
  return (
    <>
      <button type="button" className={`print-status ${state}`} tabIndex={-1} data-testid="print-status" onClick={() => setOpen(true)}>
        🖨 {t('bar')}
        {s.waiting > 0 ? <span> · <b data-testid="print-waiting">{t('barWaiting', { n: s.waiting })}</b></span> : null}
        {s.failed > 0 ? <span className="rejected"> · <b data-testid="print-failed">{t('barFailed', { n: s.failed })}</b></span> : null}
      </button>
      {open ? <PrintPanel jobs={s.jobs} waiting={s.waiting} failed={s.failed} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function PrintPanel({ jobs, waiting, failed, onClose }: { jobs: readonly PrintJobView[]; waiting: number; failed: number; onClose: () => void }) {
  const t = useMessages(printingWords);
  const invalidate = useInvalidate();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const body = useRef<HTMLDivElement>(null);
  // A button pressed may go when the list changes (a printed job has no "In lại"): focus then
  // falls to the page, out of the dialog's reach (Esc, Tab); it comes back to the panel.
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null) body.current?.focus();
  });
  const act = async (channel: 'print.retry' | 'print.cancel', id: number) => {
    if (busy !== null) return;
    setBusy(id);
    setProblem(null);
    try {
      await call(channel, { id });
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(null);
      void invalidate('print.jobs');
    }
  };
  const what = (j: PrintJobView) => {
    switch (j.kind) {
      case 'slip': return t('kindSlip', { code: j.dossierCode ?? '' });
      case 'form': return t('kindForm', { code: j.dossierCode ?? '' });
      case 'receipt': return t('kindReceipt');
      case 'other': return t('kindOther');
    }
  };
  return (
    <Modal label={t('panelTitle')} onClose={onClose} className="print-panel">
      <div ref={body} tabIndex={-1}>
      <h2>{t('panelTitle')}</h2>
      {waiting + failed > 0 ? <p className="banner" role="status">{t('summary', { waiting, failed })}</p> : null}
      {problem ? <p className="error" role="alert">{problem}</p> : null}
      {jobs.length === 0 ? <p>{t('empty')}</p> : (
        <table className="print-jobs" data-testid="print-jobs">
          <thead><tr><th>{t('what')}</th><th>{t('printer')}</th><th>{t('state')}</th><th>{t('at')}</th><th /></tr></thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id} className={`print-job ${j.state}`} data-testid={`print-job-${j.id}`}>
                <td title={j.title}>{what(j)}</td>
                <td>{j.printer ?? t('defaultPrinter')}</td>
                <td>
                  <b>{j.stateText}</b>{j.attempts > 1 ? <span className="muted"> · {t('attempts', { n: j.attempts })}</span> : null}
                  {j.reason ? <div className="reason">{j.reason}</div> : null}
                </td>
                <td>{formatDateTime(j.updatedAt)}</td>
                <td>
                  {j.canRetry ? <button type="button" aria-disabled={busy === j.id} onClick={() => void act('print.retry', j.id)}>{t('retry')}</button> : null}
                  {j.canCancel ? <button type="button" aria-disabled={busy === j.id} onClick={() => void act('print.cancel', j.id)}>{t('cancel')}</button> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={onClose}>{t('close')}</button>
      </div>
    </Modal>
  );
}

import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import type { Language } from '../core/errors';
import type { Db } from '../storage/db';
import { getDossierFile, setFileUploaded } from '../storage/dossier-files-store';
import { attachmentReplacedBy } from '../storage/attachment-replacement';
import { applyPortalAck, portalLinkOf, setPortalVersion } from '../storage/dossier-store';
import { localFromPortalTime, recordSendConflict } from '../storage/lifecycle-store';
import { isDossierStatus } from '../core/lifecycle';
import type { OutboxItem, Outcome } from '../storage/outbox-store';
import type { PortalAdapter, PortalResult } from '../portal/portal-adapter';
import { backoffDelay } from './backoff';
import { syncMessage, type SyncTextKey } from './messages';

// One outbox entry, sent: the portal's answer becomes an Outcome that the worker applies with
// the rest of its batch. Nothing here writes to the database directly.

export type SendContext = Readonly<{ db: Db; portal: PortalAdapter; now: () => number; random: () => number; language: () => Language }>;

/** How many times a checksum mismatch restarts an upload before the officer is told. */
const MAX_CHECKSUM_RESTARTS = 3;

/** A refusal of the station's own: the entry cannot go as it is; the officer reads why. */
function refuse(item: OutboxItem, ctx: SendContext, key: SyncTextKey, params: Record<string, string> = {}, status = 0): Outcome {
  return { kind: 'rejected', entryId: item.id, status, error: syncMessage(key, params, ctx.language()) };
}

function notOk(item: OutboxItem, ctx: SendContext, result: Exclude<PortalResult<unknown>, { kind: 'ok' }>): Outcome {
  if (result.kind === 'rejected') {
    return { kind: 'rejected', entryId: item.id, status: result.status, error: `${result.message} (${result.code})` };
  }
  const attempts = item.attempts + 1;
  return { kind: 'retry', entryId: item.id, attempts, nextAttemptAt: ctx.now() + backoffDelay(attempts, ctx.random), error: result.reason, status: result.status };
}

export async function sendEntry(item: OutboxItem, ctx: SendContext): Promise<Outcome> {
  switch (item.kind) {
    case 'dossier.create': {
      const result = await ctx.portal.createDossier(item.idempotencyKey, item.payload);
      if (result.kind !== 'ok') return notOk(item, ctx, result);
      return {
        kind: 'acknowledged', entryId: item.id, dossierId: item.dossierId, portalRef: result.value.portalId,
        apply: (db) => applyPortalAck(db, item.dossierId, result.value),
      };
    }
    case 'dossier.update': {
      // The version this change applies to is known only once the earlier changes are acknowledged
      // (they always are first: one dossier's entries go in order).
      const { portalId, version } = portalLinkOf(ctx.db, item.dossierId);
      if (!portalId) return refuse(item, ctx, 'UPDATE_BEFORE_ACK');
      const result = await ctx.portal.updateDossier(item.idempotencyKey, portalId, { ...(item.payload as object), PhienBanTruoc: version ?? 1 });
      if (result.kind !== 'ok') return notOk(item, ctx, result);
      return {
        kind: 'acknowledged', entryId: item.id, dossierId: item.dossierId, portalRef: `${result.value.portalId}@${result.value.version}`,
        apply: (db) => setPortalVersion(db, item.dossierId, result.value.version),
      };
    }
    case 'file.upload':
      return uploadFile(item, ctx);
    case 'dossier.transition': {
      // After the dossier's creation and its earlier changes (one dossier's entries go in order).
      const { portalId, version } = portalLinkOf(ctx.db, item.dossierId);
      if (!portalId) return refuse(item, ctx, 'UPDATE_BEFORE_ACK');
      const result = await ctx.portal.recordTransition(item.idempotencyKey, portalId, { ...(item.payload as object), PhienBanTruoc: version ?? 1 });
      if (result.kind === 'rejected' && result.code === 'STATUS_CONFLICT') {
        // The portal's record has moved on (the back office stopped what the counter returned):
        // kept for the officer with both sides; the entry stays rejected, holding back this dossier only.
        const portal = conflictOf(result.body);
        return {
          kind: 'rejected', entryId: item.id, status: result.status, error: `${result.message} (${result.code})`,
          ...(portal ? { apply: (db: Db) => void recordSendConflict(db, item.dossierId, item.id, portal, new Date(ctx.now())) } : {}),
        };
      }
      if (result.kind !== 'ok') return notOk(item, ctx, result);
      return {
        kind: 'acknowledged', entryId: item.id, dossierId: item.dossierId, portalRef: `${result.value.portalId}@${result.value.version}`,
        apply: (db) => setPortalVersion(db, item.dossierId, result.value.version),
      };
    }
  }
}

/** What a 409 STATUS_CONFLICT says of the portal's record (PROTOCOL.md, "Transitions"). */
function conflictOf(body: unknown) {
  const e = (body as { error?: Record<string, unknown> } | undefined)?.error;
  const status = e?.TrangThaiHienTai;
  if (!isDossierStatus(status)) return undefined;
  const str = (v: unknown) => (typeof v === 'string' ? v.normalize('NFC') : '');
  return {
    status, unit: str(e?.DonViXuLy), officer: str(e?.CanBoXuLy), note: str(e?.NoiDung),
    at: typeof e?.ThoiGian === 'string' ? (localFromPortalTime(e.ThoiGian) ?? null) : null,
  };
}

/**
 * Chunked, resumable upload. The upload is created under the entry's idempotency key, so after a
 * crash or a dropped connection the same call answers the same upload with the bytes it already
 * has, and sending resumes there. A file that replaces an attachment (a rescan) names it; the
 * portal swaps the two when the upload completes, and completing again answers the same swap.
 */
async function uploadFile(item: OutboxItem, ctx: SendContext): Promise<Outcome> {
  const file = item.dossierFileId === null ? undefined : getDossierFile(ctx.db, item.dossierFileId);
  const { portalId } = portalLinkOf(ctx.db, item.dossierId);
  if (!file) return refuse(item, ctx, 'FILE_RECORD_GONE');
  if (!portalId) return refuse(item, ctx, 'FILE_BEFORE_ACK');

  let fd: number;
  try {
    fd = openSync(file.path, 'r');
  } catch {
    return refuse(item, ctx, 'FILE_UNREADABLE', { file: file.fileName });
  }
  try {
    const read = (offset: number, length: number) => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, file.size - offset)));
      readSync(fd, buffer, 0, buffer.length, offset);
      return buffer;
    };
    // The file sent must be the file recorded: a changed file is refused here, not at the portal.
    const hash = createHash('sha256');
    for (let offset = 0; offset < file.size; offset += 1 << 20) hash.update(read(offset, 1 << 20));
    if (hash.digest('hex') !== file.sha256) {
      return refuse(item, ctx, 'FILE_CHANGED', { file: file.fileName });
    }

    // A rescan (or a signed copy) replaces the document's file at the portal when it completes.
    const replaces = attachmentReplacedBy(ctx.db, file.id);
    for (let restart = 0; restart <= MAX_CHECKSUM_RESTARTS; restart++) {
      const started = await ctx.portal.startUpload(item.idempotencyKey, portalId, {
        fileName: file.fileName, size: file.size, sha256: file.sha256, documentCode: file.documentCode, mime: file.mime, replaces,
      });
      if (started.kind !== 'ok') return notOk(item, ctx, started);
      let received = started.value.received;
      const chunk = started.value.chunkSize;
      while (received < file.size) {
        const sent = await ctx.portal.uploadChunk(started.value.uploadId, received, read(received, chunk));
        if (sent.kind === 'rejected' && sent.code === 'OFFSET_MISMATCH') {
          const status = await ctx.portal.uploadStatus(started.value.uploadId);
          if (status.kind !== 'ok') return notOk(item, ctx, status);
          received = status.value.received;
          continue;
        }
        if (sent.kind !== 'ok') return notOk(item, ctx, sent);
        received = sent.value.received;
      }
      const done = await ctx.portal.completeUpload(started.value.uploadId);
      if (done.kind === 'rejected' && done.code === 'CHECKSUM_MISMATCH') continue; // the portal starts it again from 0
      if (done.kind !== 'ok') return notOk(item, ctx, done);
      return {
        kind: 'acknowledged', entryId: item.id, dossierId: item.dossierId, portalRef: done.value.attachmentId,
        apply: (db) => setFileUploaded(db, file.id, started.value.uploadId, done.value.attachmentId),
      };
    }
    return refuse(item, ctx, 'FILE_CHECKSUM_REFUSED', { file: file.fileName }, 422);
  } finally {
    closeSync(fd);
  }
}

import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import type { Db } from '../storage/database';
import { stmt } from '../storage/statements';
import { getDossierFile, portalIdOf, recordDossierAck, type OutboxItem, type Outcome } from '../storage/outbox-store';
import type { PortalAdapter, PortalResult } from '../portal/portal-adapter';
import { backoffDelay } from './backoff';

// One outbox entry, sent: the portal's answer becomes an Outcome that the worker applies with
// the rest of its batch. Nothing here writes to the database directly.

export type SendContext = Readonly<{ db: Db; portal: PortalAdapter; now: () => number; random: () => number }>;

/** How many times a checksum mismatch restarts an upload before the officer is told. */
const MAX_CHECKSUM_RESTARTS = 3;

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
        apply: (db) => recordDossierAck(db, item.dossierId, result.value),
      };
    }
    case 'dossier.update': {
      const portalId = portalIdOf(ctx.db, item.dossierId);
      if (!portalId) return { kind: 'rejected', entryId: item.id, status: 0, error: 'Hồ sơ chưa được cổng xác nhận, không thể gửi thay đổi.' };
      // The version this change applies to is known only once the earlier changes are acknowledged
      // (they always are first: one dossier's entries go in order).
      const { portal_version: version } = stmt(ctx.db, 'SELECT portal_version FROM dossiers WHERE id = ?').get(item.dossierId) as { portal_version: number | null };
      const result = await ctx.portal.updateDossier(item.idempotencyKey, portalId, { ...(item.payload as object), PhienBanTruoc: version ?? 1 });
      if (result.kind !== 'ok') return notOk(item, ctx, result);
      return {
        kind: 'acknowledged', entryId: item.id, dossierId: item.dossierId, portalRef: `${result.value.portalId}@${result.value.version}`,
        apply: (db) => stmt(db, 'UPDATE dossiers SET portal_version = ? WHERE id = ?').run(result.value.version, item.dossierId),
      };
    }
    case 'file.upload':
      return uploadFile(item, ctx);
  }
}

/**
 * Chunked, resumable upload. The upload is created under the entry's idempotency key, so after a
 * crash or a dropped connection the same call answers the same upload with the bytes it already
 * has, and sending resumes there.
 */
async function uploadFile(item: OutboxItem, ctx: SendContext): Promise<Outcome> {
  const file = item.dossierFileId === null ? undefined : getDossierFile(ctx.db, item.dossierFileId);
  const portalId = portalIdOf(ctx.db, item.dossierId);
  if (!file) return { kind: 'rejected', entryId: item.id, status: 0, error: 'Không còn tệp đính kèm trong cơ sở dữ liệu.' };
  if (!portalId) return { kind: 'rejected', entryId: item.id, status: 0, error: 'Hồ sơ chưa được cổng xác nhận, chưa thể gửi tệp.' };

  let fd: number;
  try {
    fd = openSync(file.path, 'r');
  } catch {
    return { kind: 'rejected', entryId: item.id, status: 0, error: `Không đọc được tệp ${file.fileName} trong thư mục dữ liệu.` };
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
      return { kind: 'rejected', entryId: item.id, status: 0, error: `Tệp ${file.fileName} đã bị thay đổi sau khi lưu (SHA-256 không khớp).` };
    }

    for (let restart = 0; restart <= MAX_CHECKSUM_RESTARTS; restart++) {
      const started = await ctx.portal.startUpload(item.idempotencyKey, portalId, {
        fileName: file.fileName, size: file.size, sha256: file.sha256, documentCode: file.documentCode, mime: file.mime,
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
        apply: (db) => stmt(db, 'UPDATE dossier_files SET upload_id = ?, portal_attachment_id = ? WHERE id = ?').run(started.value.uploadId, done.value.attachmentId, file.id),
      };
    }
    return { kind: 'rejected', entryId: item.id, status: 422, error: `Cổng báo sai mã kiểm tra tệp ${file.fileName} nhiều lần.` };
  } finally {
    closeSync(fd);
  }
}

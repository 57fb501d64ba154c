import type { Db } from './database';
import type { AuditCheckpoint, AuditEntry } from './audit-log';
import { stmt } from './statements';

// The audit log leaves the station in batches, in order, from a cursor (the last entry the
// portal acknowledged): POST /agencies/{MaCoQuan}/audit-batches (main/portal/PROTOCOL.md, "Audit
// log"). Each batch names the entry it continues from, so the portal can check that nothing is
// missing or rewritten between batches as well as within one. A copy held outside the station
// is what makes a rewritten local log detectable even if someone rebuilds its whole chain.

/** Entries per batch: a day at a busy counter is a few hundred. */
export const AUDIT_BATCH_SIZE = 200;

export type AuditBatch = Readonly<{
  /** The last entry before this batch (null: the batch starts the log). */
  after: AuditCheckpoint | null;
  entries: readonly AuditEntry[];
}>;

type Row = { seq: number; at: number; officer_id: string; action: string; dossier_id: number | null; before: string | null; after: string | null; prev_hash: string; hash: string };

/** The next batch after `cursor` (the last seq acknowledged; 0 for none), or null when none is waiting. */
export function nextAuditBatch(db: Db, cursor: number, limit = AUDIT_BATCH_SIZE): AuditBatch | null {
  const rows = stmt(db, 'SELECT seq, at, officer_id, action, dossier_id, before, after, prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?').all(cursor, limit) as Row[];
  if (rows.length === 0) return null;
  const previous = cursor > 0 ? (stmt(db, 'SELECT seq, hash FROM audit_log WHERE seq = ?').get(cursor) as AuditCheckpoint | undefined) : undefined;
  return {
    after: previous ? { seq: previous.seq, hash: previous.hash } : null,
    entries: rows.map((r) => ({ seq: r.seq, at: r.at, officerId: r.officer_id, action: r.action, dossierId: r.dossier_id, before: r.before, after: r.after, prevHash: r.prev_hash, hash: r.hash })),
  };
}

/** The batch as the portal's JSON (PROTOCOL.md): Vietnamese field names like the rest of it. */
export function auditBatchBody(stationId: string, batch: AuditBatch): Readonly<Record<string, unknown>> {
  return {
    MaMayTram: stationId,
    TiepTheo: batch.after ? { Seq: batch.after.seq, MaBam: batch.after.hash } : null,
    DanhSach: batch.entries.map((e) => ({
      Seq: e.seq, ThoiDiem: e.at, CanBo: e.officerId, HanhDong: e.action, IdHoSo: e.dossierId, Truoc: e.before, Sau: e.after, MaBamTruoc: e.prevHash, MaBam: e.hash,
    })),
  };
}

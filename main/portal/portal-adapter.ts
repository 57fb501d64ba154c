import type { CalendarDay } from '../core/calendar/types';
import type { LocalDate, Procedure } from '../core/model';

// The station's only view of the provincial portal (PROTOCOL.md beside this file). The sync
// worker depends on this interface; `HttpPortal` is the one real implementation.

/** Every portal answer, sorted by what the outbox must do with it (docs/sync.md, rule 4). */
export type PortalResult<T> =
  | Readonly<{ kind: 'ok'; value: T }>
  /** A 4xx other than 401: the request itself is wrong; retrying cannot help. */
  | Readonly<{ kind: 'rejected'; status: number; code: string; message: string; field?: string; body?: unknown }>
  /** Network error, timeout, 429, 5xx, an unreadable answer, or credentials refused: try later. */
  | Readonly<{ kind: 'transient'; reason: string; status?: number }>;

export type PortalDossierAck = Readonly<{ portalId: string; code: string; version: number }>;
export type PortalLease = Readonly<{ id: string; agency: string; day: LocalDate; first: number; last: number }>;
/** Numbers `first`–`last` of a day's sequence (both included). */
export type UsedNumbers = ReadonlyArray<Readonly<{ first: number; last: number }>>;
export type PortalUpload = Readonly<{ uploadId: string; chunkSize: number; received: number }>;
export type PortalEvent = Readonly<{
  cursor: string; portalId: string; code: string; status: number; unit: string; officer: string; at: string; note: string;
}>;
export type AttachmentMeta = Readonly<{
  fileName: string; size: number; sha256: string; documentCode: string | null; mime: string;
  /** The portal's id of the attachment this file replaces (a rescan, a re-signed copy); null or absent for a new one. */
  replaces?: string | null;
}>;

/**
 * How far the portal holds the station's audit log after a batch (PROTOCOL.md, "Audit log"). A
 * gap (409 AUDIT_CHAIN_GAP) is an answer of the same kind: the batch followed an entry the
 * portal does not hold, and `held` is the last one it does (the station sends again from there).
 * A rewritten entry (409 AUDIT_CHAIN_FORK) stays a refusal: nothing the station sends can mend it.
 */
export type AuditBatchAck =
  | Readonly<{ kind: 'held'; /** DaNhan */ held: number; hash: string; added: number }>
  | Readonly<{ kind: 'gap'; held: number }>;

export interface PortalAdapter {
  ping(): Promise<PortalResult<{ time: string }>>;
  catalogue(knownVersion?: string): Promise<PortalResult<{ version: string; procedures: Procedure[] } | 'unchanged'>>;
  calendar(year: number): Promise<PortalResult<{ version: string; days: CalendarDay[] }>>;
  /** `used`: the numbers of the day the station already used; the portal leases above them (PROTOCOL.md). */
  leaseNumbers(agency: string, station: number, day: LocalDate, count: number, used: UsedNumbers): Promise<PortalResult<PortalLease>>;
  createDossier(idempotencyKey: string, record: unknown): Promise<PortalResult<PortalDossierAck>>;
  updateDossier(idempotencyKey: string, portalId: string, patch: unknown): Promise<PortalResult<PortalDossierAck>>;
  /** A change of status made at the counter (PROTOCOL.md, "Transitions"); 409 STATUS_CONFLICT when the portal's record has moved on. */
  recordTransition(idempotencyKey: string, portalId: string, transition: unknown): Promise<PortalResult<PortalDossierAck>>;
  startUpload(idempotencyKey: string, portalId: string, meta: AttachmentMeta): Promise<PortalResult<PortalUpload>>;
  uploadStatus(uploadId: string): Promise<PortalResult<{ received: number; done: boolean }>>;
  uploadChunk(uploadId: string, offset: number, bytes: Buffer): Promise<PortalResult<{ received: number }>>;
  completeUpload(uploadId: string): Promise<PortalResult<{ attachmentId: string; sha256: string }>>;
  /** A batch of the audit log (`auditBatchBody`, main/storage/audit-export.ts) for the agency. */
  sendAuditBatch(agency: string, body: unknown): Promise<PortalResult<AuditBatchAck>>;
  feed(after: string, limit: number): Promise<PortalResult<{ events: PortalEvent[]; next: string }>>;
  close(): void;
}

import type { AuditSyncProblem } from '../storage/sync-state-store';
import { fillTemplate, registerErrors, type Catalogue, type ErrorParams, type Language } from '../core/errors';

// The sync feature's messages: what the officer reads about the portal connection and about a
// change the portal could not take. The worker keeps the technical reason too (for the
// technician); people read these.

export const syncErrors = {} as const satisfies Catalogue;
registerErrors(syncErrors);

declare module '../core/errors' {
  interface ErrorCatalogues {
    sync: typeof syncErrors;
  }
}

export const syncText = {
  PORTAL_NOT_CONFIGURED: { vi: 'Chưa cấu hình địa chỉ và thông tin đăng nhập cổng.', en: 'The portal address and credentials are not set.' },
  PORTAL_UNREACHABLE: {
    vi: 'Không kết nối được cổng dịch vụ công ({detail}). Hồ sơ vẫn được lưu trên máy và sẽ tự gửi khi có mạng; nếu kéo dài, báo cán bộ CNTT kiểm tra mạng.',
    en: 'The portal cannot be reached ({detail}). Dossiers are kept on this PC and sent when the network is back; if it lasts, ask the technician to check the network.',
  },
  PORTAL_SERVER_ERROR: {
    vi: 'Cổng dịch vụ công đang gặp sự cố (mã {status}). Trạm sẽ tự gửi lại sau ít phút; không cần làm gì thêm.',
    en: 'The portal has a problem (status {status}). The station retries in a few minutes; nothing to do.',
  },
  PORTAL_BUSY: {
    vi: 'Cổng dịch vụ công đang quá tải (mã 429). Trạm sẽ tự gửi lại sau ít phút.',
    en: 'The portal is overloaded (429). The station retries in a few minutes.',
  },
  PORTAL_UNREADABLE: {
    vi: 'Cổng trả lời dữ liệu không đọc được ({detail}). Trạm sẽ thử lại; nếu kéo dài, báo cán bộ CNTT.',
    en: 'The portal answered something unreadable ({detail}). The station retries; if it lasts, call the technician.',
  },
  PORTAL_AUTH_FAILED: {
    vi: 'Cổng từ chối thông tin đăng nhập của trạm. Báo cán bộ CNTT kiểm tra mã trạm và khóa bí mật ở trang Đồng bộ.',
    en: "The portal refuses the station's credentials. Ask the technician to check the client id and secret on the Sync page.",
  },
  PORTAL_ERROR: { vi: 'Cổng trả lỗi: {detail}', en: 'The portal answered an error: {detail}' },
  PORTAL_OK: { vi: 'Kết nối và đăng nhập cổng thành công.', en: 'Connected and logged in to the portal.' },
  UPDATE_BEFORE_ACK: {
    vi: 'Hồ sơ chưa được cổng xác nhận, không thể gửi thay đổi.',
    en: 'The portal has not acknowledged the dossier yet: the change cannot be sent.',
  },
  FILE_RECORD_GONE: { vi: 'Không còn tệp đính kèm trong cơ sở dữ liệu.', en: 'The attachment is no longer in the database.' },
  FILE_BEFORE_ACK: { vi: 'Hồ sơ chưa được cổng xác nhận, chưa thể gửi tệp.', en: 'The portal has not acknowledged the dossier yet: the file cannot be sent.' },
  FILE_UNREADABLE: { vi: 'Không đọc được tệp {file} trong thư mục dữ liệu.', en: 'File {file} cannot be read in the data folder.' },
  FILE_CHANGED: { vi: 'Tệp {file} đã bị thay đổi sau khi lưu (SHA-256 không khớp).', en: 'File {file} was changed after it was saved (SHA-256 mismatch).' },
  FILE_CHECKSUM_REFUSED: { vi: 'Cổng báo sai mã kiểm tra tệp {file} nhiều lần.', en: 'The portal refused the checksum of file {file} several times.' },
  LEASE_OVERLAP: {
    vi: 'Cổng cấp dãy số {from}–{to} cho ngày {day}, trùng với số hồ sơ trạm đã dùng hoặc đang giữ ({heldFrom}–{heldTo}). Trạm đã từ chối dãy số này nên không hồ sơ nào bị cấp trùng mã; vẫn tiếp nhận bình thường — khi hết số hợp lệ, hồ sơ mới mang mã tạm (in rõ trên phiếu) và cổng sẽ cấp mã chính thức khi đồng bộ. Báo cán bộ CNTT liên hệ quản trị cổng dịch vụ công về việc cấp số trùng.',
    en: 'The portal leased numbers {from}–{to} for {day}, which overlap numbers this station already used or holds ({heldFrom}–{heldTo}). The station refused them, so no dossier got a code twice; keep receiving as usual — once the valid numbers run out, new dossiers get provisional codes (printed as such) that the portal replaces on sync. Ask the technician to report the overlapping lease to the portal administrators.',
  },
  LEASE_INVALID: {
    vi: 'Cổng trả dãy số hồ sơ không hợp lệ cho ngày {day} ({detail}). Trạm không dùng dãy số này; vẫn tiếp nhận bình thường — khi hết số hợp lệ, hồ sơ mới mang mã tạm. Nếu kéo dài, báo cán bộ CNTT.',
    en: 'The portal answered an invalid number lease for {day} ({detail}). The station does not use it; keep receiving as usual — once the valid numbers run out, new dossiers get provisional codes. If it lasts, call the technician.',
  },
  LEASE_REFUSED: {
    vi: 'Cổng không cấp thêm số hồ sơ cho ngày {day}: {detail}. Vẫn tiếp nhận bình thường — khi hết số đã được cấp, hồ sơ mới mang mã tạm (in rõ trên phiếu) và cổng sẽ cấp mã chính thức khi đồng bộ. Nếu kéo dài, báo cán bộ CNTT.',
    en: 'The portal leases no more dossier numbers for {day}: {detail}. Keep receiving as usual — once the leased numbers run out, new dossiers get provisional codes (printed as such) that the portal replaces on sync. If it lasts, call the technician.',
  },
  AUDIT_FORK: {
    vi: 'Nhật ký thao tác trên máy trạm khác với bản cổng dịch vụ công đã nhận (mục số {seq} không khớp): nhật ký của trạm có thể đã bị sửa hoặc dựng lại. Trạm ngừng gửi nhật ký lên cổng; hồ sơ vẫn tiếp nhận và đồng bộ bình thường. Không tự sửa dữ liệu trên máy — báo ngay cán bộ CNTT để đối chiếu với bản trên cổng.',
    en: "The station's audit log differs from the copy the portal holds (entry {seq} does not match): the log on this PC may have been edited or rebuilt. The station stops sending its log; dossiers are received and synced as usual. Do not change anything on this PC — call the technician at once to compare it with the portal's copy.",
  },
  AUDIT_PORTAL_AHEAD: {
    vi: 'Cổng dịch vụ công đã nhận nhật ký thao tác của trạm đến mục số {held}, nhưng máy trạm chỉ còn đến mục số {head}: nhật ký trên máy đã bị xóa bớt hoặc được khôi phục từ bản sao cũ. Trạm ngừng gửi nhật ký lên cổng; hồ sơ vẫn đồng bộ bình thường. Báo ngay cán bộ CNTT.',
    en: "The portal holds the station's audit log up to entry {held}, but this PC only has it up to entry {head}: entries were deleted or an old backup was restored. The station stops sending its log; dossiers are synced as usual. Call the technician at once.",
  },
  AUDIT_REFUSED: {
    vi: 'Cổng dịch vụ công từ chối nhật ký thao tác của trạm ({detail}). Trạm ngừng gửi nhật ký lên cổng; hồ sơ vẫn đồng bộ bình thường. Báo cán bộ CNTT kiểm tra nhật ký (npm run audit-verify).',
    en: "The portal refuses the station's audit log ({detail}). The station stops sending its log; dossiers are synced as usual. Ask the technician to check the log (npm run audit-verify).",
  },
  STATION_FAULT: {
    vi: 'Trạm gặp lỗi khi đồng bộ ({detail}). Các hồ sơ vẫn được giữ và sẽ gửi lại; nếu kéo dài, báo cán bộ CNTT.',
    en: 'The station hit an error while syncing ({detail}). Dossiers are kept and will be sent again; if it lasts, call the technician.',
  },
} as const satisfies Catalogue;

export type SyncTextKey = keyof typeof syncText;

export function syncMessage(key: SyncTextKey, params: ErrorParams, lang: Language): string {
  return fillTemplate(syncText[key][lang], params);
}

/** What a portal's "try again later" reason means for the officer. */
export function describeTransient(reason: string, status: number | undefined, lang: Language): string {
  if (reason === 'AUTH_FAILED') return syncMessage('PORTAL_AUTH_FAILED', {}, lang);
  if (status === 429) return syncMessage('PORTAL_BUSY', {}, lang);
  if (status !== undefined && status >= 500) return syncMessage('PORTAL_SERVER_ERROR', { status }, lang);
  if (status !== undefined) return syncMessage('PORTAL_UNREADABLE', { detail: reason }, lang);
  return syncMessage('PORTAL_UNREACHABLE', { detail: reason }, lang);
}

/** Why the portal will not take the audit log, for the officer and the technician: the message and the portal's code. */
export function describeAuditProblem(problem: AuditSyncProblem, lang: Language): Readonly<{ code: string; seq: number | null; message: string }> {
  const seq = problem.seq === null ? '?' : String(problem.seq);
  const message = problem.code === 'AUDIT_CHAIN_FORK'
    ? syncMessage('AUDIT_FORK', { seq }, lang)
    : problem.code === 'AUDIT_PORTAL_AHEAD'
      ? syncMessage('AUDIT_PORTAL_AHEAD', { held: seq, head: String(problem.head ?? '?') }, lang)
      : syncMessage('AUDIT_REFUSED', { detail: problem.detail }, lang);
  return { code: problem.code, seq: problem.seq, message };
}

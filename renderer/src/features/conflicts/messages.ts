import { defineMessages } from '../../common/i18n/i18n';

export const conflictWords = defineMessages({
  title: { vi: 'Khác biệt với cổng dịch vụ công', en: 'Disagreements with the portal' },
  intro: {
    vi: 'Trạm và cổng ghi nhận trạng thái khác nhau cho các hồ sơ dưới đây. Hồ sơ bị khoá thao tác cho đến khi cán bộ quyết định.',
    en: 'The station and the portal record different statuses for these dossiers. Each is locked until an officer decides.',
  },
  none: { vi: 'Không có khác biệt nào cần xử lý.', en: 'No disagreement to decide.' },
  showResolved: { vi: 'Hiện cả các khác biệt đã xử lý', en: 'Show decided ones too' },
  station: { vi: 'Trạm ghi nhận', en: 'The station says' },
  portal: { vi: 'Cổng ghi nhận', en: 'The portal says' },
  portalBy: { vi: '{officer}, {unit}', en: '{officer}, {unit}' },
  portalAt: { vi: 'lúc {at}', en: 'at {at}' },
  detectedAt: { vi: 'Phát hiện {at}', en: 'Found {at}' },
  sourceFeed: { vi: 'qua cập nhật từ cổng', en: 'from the portal\'s feed' },
  sourceSend: { vi: 'khi trạm gửi thay đổi lên cổng', en: 'when the station sent a change' },
  advice: { vi: 'Cần làm', en: 'What to do' },
  note: { vi: 'Ghi chú quyết định (đã thống nhất với ai, khi nào)', en: 'Note (agreed with whom, when)' },
  keepStation: { vi: 'Giữ theo trạm', en: 'Keep the station\'s' },
  acceptPortal: { vi: 'Theo cổng', en: 'Take the portal\'s' },
  keepStationTitle: { vi: 'Giữ trạng thái của trạm?', en: 'Keep the station\'s status?' },
  keepStationWhat: {
    vi: 'Hồ sơ {code} giữ trạng thái "{station}" như trạm đã ghi nhận; trạm gửi lại xác nhận lên cổng để cổng sửa theo. Không hoàn tác được.',
    en: 'Dossier {code} keeps "{station}" as the station recorded it; the station confirms it to the portal. This cannot be undone.',
  },
  acceptPortalTitle: { vi: 'Theo trạng thái của cổng?', en: 'Take the portal\'s status?' },
  acceptPortalWhat: {
    vi: 'Hồ sơ {code} chuyển sang "{portal}" như cổng ghi nhận; thay đổi trạm đã ghi trước đó không gửi lên cổng nữa. Không hoàn tác được.',
    en: 'Dossier {code} becomes "{portal}" as the portal records it; the station\'s earlier change is not sent. This cannot be undone.',
  },
  decided: { vi: 'Đã quyết định: {choice} — {at}', en: 'Decided: {choice} — {at}' },
  decidedNow: { vi: 'Đã ghi quyết định cho hồ sơ {code}: {choice}.', en: 'Decision recorded for {code}: {choice}.' },
  openDossier: { vi: 'Mở hồ sơ', en: 'Open the dossier' },
  deciding: { vi: 'Đang ghi…', en: 'Recording…' },
  onlyDeciders: { vi: 'Chỉ cán bộ tiếp nhận hoặc lãnh đạo được quyết định.', en: 'Only a reception officer or a leader may decide.' },
});

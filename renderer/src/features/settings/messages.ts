import { defineMessages } from '../../common/i18n/i18n';

export const settingsWords = defineMessages({
  agency: { vi: 'Cơ quan', en: 'Agency' },
  station: { vi: 'Máy trạm', en: 'Station' },
  parentName: { vi: 'Cơ quan chủ quản', en: 'Parent body' },
  name: { vi: 'Tên cơ quan tiếp nhận', en: 'Receiving agency' },
  unitName: { vi: 'Bộ phận', en: 'Unit' },
  placeName: { vi: 'Địa danh (ghi ngày tháng)', en: 'Place name (for dates)' },
  agencyId: { vi: 'Mã định danh cơ quan', en: 'National agency identifier' },
  resultCounter: { vi: 'Nơi trả kết quả', en: 'Where results are collected' },
  demoData: { vi: 'Dữ liệu mẫu', en: 'Demo data' },
  codeFormat: { vi: 'Mẫu mã hồ sơ ({agency} {yyyy} {yy} {MM} {dd} {station} {seq:4})', en: 'Dossier code format ({agency} {yyyy} {yy} {MM} {dd} {station} {seq:4})' },
  stationNumber: { vi: 'Số máy trạm', en: 'Station number' },
  idleLock: { vi: 'Tự khóa sau (phút không dùng)', en: 'Lock after (minutes unused)' },
  lookupUrl: { vi: 'Địa chỉ tra cứu (QR), {code} là mã hồ sơ', en: 'Lookup address (QR), {code} is the dossier code' },
  workingHours: { vi: 'Giờ làm việc (ví dụ 07:00-11:30, 13:30-17:00)', en: 'Working hours (e.g. 07:00-11:30, 13:30-17:00)' },
  paper: { vi: 'Khổ giấy', en: 'Paper' },
  copies: { vi: 'Số liên giấy hẹn', en: 'Slip copies' },
  language: { vi: 'Ngôn ngữ / Language', en: 'Language / Ngôn ngữ' },
  saveSettings: { vi: 'Lưu cài đặt', en: 'Save settings' },
  settingsSaved: { vi: 'Đã lưu cài đặt.', en: 'Settings saved.' },
});

import { defineMessages } from '../../common/i18n/i18n';

export const logbookWords = defineMessages({
  search: { vi: 'Tìm theo tên, số định danh, số điện thoại hoặc mã hồ sơ (cả 4 số cuối)…', en: 'Search by name, identity number, phone or code (the last 4 digits too)…' },
  logbookOf: { vi: 'Hồ sơ tiếp nhận ngày', en: 'Dossiers received on' },
  noDossiers: { vi: 'Chưa có hồ sơ nào tiếp nhận ngày này.', en: 'No dossier received on this day.' },
  noMatch: { vi: 'Không tìm thấy hồ sơ phù hợp với "{query}". Thử tên không dấu, số định danh hoặc 4 số cuối của mã.', en: 'No dossier matches "{query}". Try the name without diacritics, the identity number or the last 4 digits of the code.' },
  line: { vi: 'STT', en: 'No.' },
  code: { vi: 'Mã hồ sơ', en: 'Dossier code' },
  owner: { vi: 'Chủ hồ sơ', en: 'Owner' },
  idNumber: { vi: 'Số định danh', en: 'Identity number' },
  phone: { vi: 'Số điện thoại', en: 'Phone' },
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  receivedAt: { vi: 'Tiếp nhận', en: 'Received' },
  appointment: { vi: 'Hẹn trả', en: 'Due' },
  status: { vi: 'Trạng thái', en: 'Status' },
  receipts: { vi: 'Biên lai thu phí trong ngày (F7)', en: "The day's fee receipts (F7)" },
  keys: { vi: '↓ vào danh sách · Enter mở hồ sơ · Esc quay lại', en: '↓ into the list · Enter opens · Esc back' },
});

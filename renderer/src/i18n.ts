import { createContext, useContext } from 'react';

// Vietnamese by default; English for technicians and visitors. Keys are the Vietnamese
// dictionary's; a missing English entry falls back to Vietnamese rather than showing a key.
const vi = {
  appTitle: 'Trạm tiếp nhận hồ sơ một cửa',
  navIntake: 'Tiếp nhận',
  navLogbook: 'Sổ theo dõi',
  navCalendar: 'Lịch làm việc',
  navSettings: 'Cài đặt',
  procedure: 'Thủ tục hành chính',
  procedureSearch: 'Gõ vài chữ tên thủ tục (có dấu hoặc không) hoặc mã thủ tục…',
  noProcedure: 'Không có thủ tục phù hợp.',
  owner: 'Chủ hồ sơ',
  fullName: 'Họ và tên',
  idNumber: 'Số định danh cá nhân (CCCD)',
  birthDate: 'Ngày sinh (dd/mm/yyyy)',
  phone: 'Số điện thoại',
  email: 'Email (không bắt buộc)',
  address: 'Địa chỉ',
  submitterDiffers: 'Người nộp hồ sơ khác chủ hồ sơ',
  submitter: 'Người nộp hồ sơ',
  submitterId: 'Số giấy tờ người nộp',
  delivery: 'Nhận kết quả',
  deliveryCounter: 'Tại Bộ phận Một cửa',
  deliveryPost: 'Qua dịch vụ bưu chính công ích',
  postalAddress: 'Địa chỉ nhận qua bưu chính',
  documents: 'Thành phần hồ sơ đã nhận',
  docName: 'Tên giấy tờ',
  originals: 'Bản chính',
  certifiedCopies: 'Bản sao CT',
  copies: 'Bản sao',
  optional: 'nếu có',
  sets: 'Số bộ hồ sơ',
  notes: 'Ghi chú',
  appointment: 'Hẹn trả kết quả',
  countingFrom: 'Tính từ',
  processing: 'Thời hạn giải quyết',
  save: 'Tiếp nhận hồ sơ',
  saving: 'Đang lưu…',
  newDossier: 'Hồ sơ mới',
  saved: 'Đã tiếp nhận hồ sơ',
  dossierCode: 'Mã hồ sơ',
  printSlip: 'In giấy hẹn',
  previewSlip: 'Xem giấy hẹn',
  close: 'Đóng',
  print: 'In',
  openPdf: 'Mở tệp PDF',
  paper: 'Khổ giấy',
  printer: 'Máy in',
  printed: 'Đã gửi lệnh in tới',
  noPrinter: 'Chưa có máy in: mở tệp PDF để in từ trình xem.',
  fixErrors: 'Hồ sơ chưa lưu: hãy sửa các ô được đánh dấu.',
  draftRestored: 'Đã khôi phục hồ sơ đang nhập dở.',
  search: 'Tìm theo tên, số định danh, số điện thoại hoặc mã hồ sơ…',
  logbookOf: 'Hồ sơ tiếp nhận ngày',
  noDossiers: 'Chưa có hồ sơ.',
  line: 'STT',
  receivedAt: 'Tiếp nhận',
  status: 'Trạng thái',
  year: 'Năm',
  date: 'Ngày',
  kind: 'Loại',
  name: 'Tên',
  holiday: 'Nghỉ lễ, Tết',
  compensatory: 'Nghỉ bù',
  makeup_workday: 'Làm bù (thứ Bảy)',
  add: 'Thêm / sửa',
  remove: 'Xoá',
  reseed: 'Khôi phục mặc định theo luật',
  workingHours: 'Giờ làm việc',
  agency: 'Cơ quan',
  station: 'Trạm',
  saveSettings: 'Lưu cài đặt',
  settingsSaved: 'Đã lưu cài đặt.',
  demoData: 'Dữ liệu mẫu',
  pendingSync: 'Chờ đồng bộ',
  shortcuts: 'F2 hồ sơ mới · Enter sang ô tiếp · Ctrl+S tiếp nhận · Ctrl+P in giấy hẹn · F3 tìm hồ sơ',
} as const;

export type MessageKey = keyof typeof vi;

const en: Partial<Record<MessageKey, string>> = {
  appTitle: 'One-stop reception station',
  navIntake: 'Intake', navLogbook: 'Log book', navCalendar: 'Calendar', navSettings: 'Settings',
  procedure: 'Procedure', procedureSearch: 'Type a few letters of the procedure (diacritics optional) or its code…',
  noProcedure: 'No matching procedure.', owner: 'Dossier owner', fullName: 'Full name', idNumber: 'Personal identity number',
  birthDate: 'Date of birth (dd/mm/yyyy)', phone: 'Phone', email: 'Email (optional)', address: 'Address',
  submitterDiffers: 'Submitted by someone else', submitter: 'Submitter', submitterId: "Submitter's ID number",
  delivery: 'Result delivery', deliveryCounter: 'At the counter', deliveryPost: 'By public postal service',
  postalAddress: 'Postal address', documents: 'Documents received', docName: 'Document', originals: 'Originals',
  certifiedCopies: 'Certified copies', copies: 'Copies', optional: 'if any', sets: 'Sets', notes: 'Notes',
  appointment: 'Result due', countingFrom: 'Counting from', processing: 'Processing time', save: 'Receive dossier',
  saving: 'Saving…', newDossier: 'New dossier', saved: 'Dossier received', dossierCode: 'Dossier code', printSlip: 'Print slip',
  previewSlip: 'Preview slip', close: 'Close', print: 'Print', openPdf: 'Open PDF', paper: 'Paper', printer: 'Printer',
  printed: 'Sent to printer', noPrinter: 'No printer: open the PDF and print from the viewer.',
  fixErrors: 'Not saved: fix the marked fields.', draftRestored: 'Your unfinished dossier was restored.',
  search: 'Search by name, identity number, phone or code…', logbookOf: 'Dossiers received on', noDossiers: 'No dossiers yet.',
  line: 'No.', receivedAt: 'Received', status: 'Status', year: 'Year', date: 'Date', kind: 'Kind', name: 'Name',
  holiday: 'Holiday', compensatory: 'Compensatory day off', makeup_workday: 'Make-up working Saturday', add: 'Add / change',
  remove: 'Remove', reseed: 'Restore statutory defaults', workingHours: 'Working hours', agency: 'Agency', station: 'Station',
  saveSettings: 'Save settings', settingsSaved: 'Settings saved.', demoData: 'Demo data', pendingSync: 'Waiting to sync',
  shortcuts: 'F2 new · Enter next field · Ctrl+S receive · Ctrl+P print slip · F3 search',
};

export type Lang = 'vi' | 'en';
export const LangContext = createContext<Lang>('vi');

export function useT(): (key: MessageKey) => string {
  const lang = useContext(LangContext);
  return (key) => (lang === 'en' ? (en[key] ?? vi[key]) : vi[key]);
}

export const statusNames: Record<number, string> = {
  1: 'Mới đăng ký', 2: 'Được tiếp nhận', 3: 'Không được tiếp nhận', 4: 'Đang xử lý', 5: 'Yêu cầu bổ sung',
  6: 'Yêu cầu nghĩa vụ tài chính', 7: 'Công dân rút hồ sơ', 8: 'Dừng xử lý', 9: 'Đã xử lý xong', 10: 'Đã trả kết quả',
};

const weekdays = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** "2023-11-03T09:00" → "09 giờ 00, Thứ Sáu 03/11/2023". */
export function formatLocalDateTime(s: string): string {
  const [date = '', time = ''] = s.split('T');
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = weekdays[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${time.replace(':', ' giờ ')}, ${weekday} ${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

export function formatShort(s: string): string {
  const [date = '', time = ''] = s.split('T');
  const [y, m, d] = date.split('-');
  return `${time} ${d}/${m}/${y}`;
}

export function formatProcessing(p: { unit: 'day' | 'hour'; amount: number } | { unit: 'same_day'; cutoff: string }): string {
  switch (p.unit) {
    case 'day': return `${p.amount} ngày làm việc`;
    case 'hour': return `${p.amount} giờ làm việc`;
    case 'same_day': return `Trong ngày (nhận sau ${p.cutoff} trả ngày làm việc tiếp theo)`;
  }
}

/** "23/11/1990", "23111990", "3/1/1990" → "1990-11-23"; anything else is passed on as typed, for the station to refuse. */
export function parseDateInput(text: string): string {
  const t = text.trim();
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  if (!m) return t;
  return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

export function formatDateInput(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

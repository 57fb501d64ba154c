import { defineMessages } from '../../common/i18n/i18n';

export const printingWords = defineMessages({
  bar: { vi: 'Lệnh in', en: 'Print jobs' },
  barWaiting: { vi: 'chờ {n}', en: '{n} waiting' },
  barFailed: { vi: 'lỗi {n}', en: '{n} failed' },
  panelTitle: { vi: 'Lệnh in gần đây', en: 'Recent print jobs' },
  close: { vi: 'Đóng', en: 'Close' },
  empty: { vi: 'Chưa có lệnh in nào.', en: 'No print jobs yet.' },
  what: { vi: 'Nội dung', en: 'What' },
  printer: { vi: 'Máy in', en: 'Printer' },
  state: { vi: 'Trạng thái', en: 'State' },
  at: { vi: 'Lúc', en: 'At' },
  defaultPrinter: { vi: 'máy in mặc định', en: 'default printer' },
  retry: { vi: 'In lại', en: 'Print again' },
  cancel: { vi: 'Huỷ', en: 'Cancel' },
  kindSlip: { vi: 'Giấy tiếp nhận {code}', en: 'Appointment slip {code}' },
  kindForm: { vi: 'Biểu mẫu {code}', en: 'Form {code}' },
  kindReceipt: { vi: 'Biên lai', en: 'Receipt' },
  kindOther: { vi: 'Tài liệu', en: 'Document' },
  attempts: { vi: '{n} lần gửi', en: '{n} attempts' },
  summary: {
    vi: '{waiting} lệnh đang chờ, {failed} lệnh lỗi. Lệnh đang chờ tự in khi máy in sẵn sàng; lệnh lỗi cần xem khay giấy rồi bấm "In lại".',
    en: '{waiting} waiting, {failed} failed. Waiting jobs print on their own once the printer is ready; for a failed one, look at the tray, then press "Print again".',
  },
});

// The words every screen uses. Feature words live in features/<name>/messages.ts.
// (No import of ./i18n here: i18n imports this file.)

export const common = {
  close: { vi: 'Đóng', en: 'Close' },
  cancel: { vi: 'Huỷ', en: 'Cancel' },
  back: { vi: 'Quay lại', en: 'Back' },
  save: { vi: 'Lưu', en: 'Save' },
  saving: { vi: 'Đang lưu…', en: 'Saving…' },
  loading: { vi: 'Đang tải…', en: 'Loading…' },
  retry: { vi: 'Thử lại', en: 'Try again' },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
  none: { vi: '—', en: '—' },
  technicalDetail: { vi: 'Chi tiết kỹ thuật (cho cán bộ CNTT)', en: 'Technical detail (for the technician)' },
  dateInvalid: {
    vi: 'Ngày "{value}" không hợp lệ. Nhập theo dạng ngày/tháng/năm, ví dụ 23/11/2026.',
    en: '"{value}" is not a valid date. Type it as day/month/year, e.g. 23/11/2026.',
  },
  datePlaceholder: { vi: 'dd/mm/yyyy', en: 'dd/mm/yyyy' },
} as const;

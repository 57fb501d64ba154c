import { defineMessages } from '../../common/i18n/i18n';

export const logbookExportWords = defineMessages({
  legend: { vi: 'In hoặc xuất sổ theo dõi hồ sơ', en: 'Print or export the log book' },
  from: { vi: 'Từ ngày', en: 'From' },
  to: { vi: 'Đến ngày', en: 'To' },
  pdf: { vi: 'Xem bản in (PDF)', en: 'Print preview (PDF)' },
  xlsx: { vi: 'Lưu tệp Excel', en: 'Save as Excel' },
  working: { vi: 'Đang tạo tệp…', en: 'Making the file…' },
  madePdf: { vi: 'Sổ theo dõi {period}: {lines} dòng.', en: 'Log book {period}: {lines} lines.' },
  madeXlsx: { vi: 'Đã tạo tệp "{name}" ({lines} dòng). Nếu trình duyệt không tự lưu, bấm vào tên tệp.', en: 'Made "{name}" ({lines} lines). If it was not saved, click the file name.' },
  period: { vi: 'từ ngày {from} đến ngày {to}', en: 'from {from} to {to}' },
  day: { vi: 'ngày {day}', en: 'of {day}' },
  fileTitle: { vi: 'Sổ theo dõi hồ sơ {period}', en: 'Sổ theo dõi hồ sơ {period}' },
  preview: { vi: 'Sổ theo dõi hồ sơ (Mẫu 06)', en: 'Log book (form 06)' },
  savePdf: { vi: 'Lưu tệp PDF', en: 'Save the PDF' },
});

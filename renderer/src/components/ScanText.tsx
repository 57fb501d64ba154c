import { useContext } from 'react';
import { LangContext } from '../i18n';

// The words of scanning (the scan dialog, the documents' scan column, the technician's scanner
// page), Vietnamese first, English for technicians; kept with the feature.

const vi = {
  scan: 'Quét',
  scanMore: 'Quét thêm',
  scanning: 'Đang quét…',
  stop: 'Dừng',
  save: 'Lưu vào hồ sơ',
  saving: 'Đang lưu…',
  close: 'Đóng',
  closeUnsaved: 'Đóng mà không lưu {n} trang đã quét?',
  discardPages: 'Bỏ các trang',
  goBack: 'Quay lại',
  scanner: 'Máy quét',
  source: 'Nguồn giấy',
  flatbed: 'Mặt kính',
  feeder: 'Khay nạp (1 mặt)',
  duplex: 'Khay nạp (2 mặt)',
  mode: 'Chế độ',
  color: 'Màu',
  gray: 'Xám',
  lineart: 'Đen trắng',
  resolution: 'Độ phân giải',
  pageSize: 'Khổ giấy',
  page: 'Trang',
  pages: 'trang',
  pageOf: 'Trang {n}',
  scanningPage: 'Đang quét trang {n}…',
  received: 'Đã nhận {n} trang',
  noPages: 'Chưa có trang nào. Đặt giấy vào máy quét rồi bấm "Quét" (Enter).',
  rotateLeft: 'Xoay trái',
  rotateRight: 'Xoay phải',
  moveLeft: 'Lên trước',
  moveRight: 'Xuống sau',
  remove: 'Bỏ trang',
  restore: 'Lấy lại',
  rescan: 'Quét lại trang này',
  rescanning: 'Đang quét lại trang này',
  blank: 'Trang trắng',
  removedByOfficer: 'Đã bỏ',
  removedPages: 'Trang bị bỏ ra ({n}) — không đưa vào tệp PDF',
  blankNote: 'Trang trắng (mặt sau để trống) được tự động bỏ ra; bấm "Lấy lại" nếu cần giữ.',
  estimate: 'Tệp PDF khoảng {size}',
  storedBefore: 'Đã lưu trước đây: {pages} trang, {size}, lúc {at}.',
  replace: 'Thay tệp đã lưu',
  append: 'Thêm vào sau tệp đã lưu',
  savedAs: 'Đã lưu {pages} trang ({size}) vào hồ sơ.',
  view: 'Xem',
  viewPdf: 'Xem PDF',
  notScanned: 'Chưa quét',
  scannedSummary: '{pages} trang · {size}',
  scannedDocs: 'Bản quét giấy tờ',
  scanHint: 'Quét từng giấy tờ: các trang hiện dần khi máy quét chạy; xoay, sắp xếp, bỏ hoặc quét lại từng trang trước khi lưu.',
  testScan: 'Quét thử',
  testTitle: 'Quét thử (không lưu)',
  // technician's page
  navScanners: 'Máy quét',
  findScanners: 'Tìm máy quét',
  finding: 'Đang tìm…',
  noScanners: 'Chưa thấy máy quét nào. Kiểm tra máy quét đã bật, đã cắm cáp hoặc cùng mạng, rồi bấm "Tìm máy quét".',
  defaultScanner: 'Máy quét mặc định của máy trạm',
  deviceId: 'Mã thiết bị (nhập tay, ví dụ sane:test hoặc escl:http://10.0.0.5/eSCL)',
  networkScanners: 'Máy quét mạng (eSCL/AirScan) nhập theo địa chỉ',
  networkHint: 'Dùng khi máy quét mạng không tự hiện ra (mạng chặn mDNS). Ví dụ http://192.168.1.20/eSCL',
  add: 'Thêm',
  discover: 'Tự tìm máy quét mạng (mDNS)',
  dropBlank: 'Tự bỏ trang trắng (mặt sau để trống khi quét 2 mặt)',
  profile: 'Cấu hình quét mặc định',
  deviceOptions: 'Tuỳ chọn riêng của máy quét (nâng cao)',
  deviceOptionsHint: 'Chỉ đặt khi hãng máy quét hướng dẫn; để trống là dùng giá trị của máy.',
  optionDefault: '(mặc định của máy)',
  saveSettings: 'Lưu cài đặt',
  settingsSaved: 'Đã lưu cài đặt máy quét.',
  capabilities: 'Máy này quét được',
  maxArea: 'khổ tối đa {w}×{h} mm',
  notes: 'Ghi chú khi tìm',
} as const;

export type ScanKey = keyof typeof vi;

const en: Partial<Record<ScanKey, string>> = {
  closeUnsaved: 'Close without saving the {n} pages scanned?', discardPages: 'Discard the pages', goBack: 'Go back',
  scan: 'Scan', scanMore: 'Scan more', scanning: 'Scanning…', stop: 'Stop', save: 'Save to dossier', saving: 'Saving…', close: 'Close',
  scanner: 'Scanner', source: 'Source', flatbed: 'Flatbed', feeder: 'Feeder (one side)', duplex: 'Feeder (both sides)', mode: 'Mode',
  color: 'Colour', gray: 'Grey', lineart: 'Black & white', resolution: 'Resolution', pageSize: 'Paper', page: 'Page', pages: 'pages',
  pageOf: 'Page {n}', scanningPage: 'Scanning page {n}…', received: '{n} pages received', noPages: 'No pages yet. Load the paper and press Scan (Enter).',
  rotateLeft: 'Rotate left', rotateRight: 'Rotate right', moveLeft: 'Move earlier', moveRight: 'Move later', remove: 'Remove page', restore: 'Bring back',
  rescan: 'Rescan this page', rescanning: 'Rescanning this page', blank: 'Blank page', removedByOfficer: 'Removed',
  removedPages: 'Pages left out ({n}) — not in the PDF', blankNote: 'Blank pages (empty backs) are left out automatically; bring one back if needed.',
  estimate: 'PDF about {size}', storedBefore: 'Stored before: {pages} pages, {size}, at {at}.', replace: 'Replace the stored file', append: 'Add after the stored file',
  savedAs: '{pages} pages ({size}) saved to the dossier.', view: 'View', viewPdf: 'View PDF', notScanned: 'Not scanned', scannedSummary: '{pages} pages · {size}',
  scannedDocs: 'Scanned documents', testScan: 'Test scan', testTitle: 'Test scan (not stored)', navScanners: 'Scanners', findScanners: 'Find scanners',
  finding: 'Searching…', defaultScanner: "This station's default scanner", saveSettings: 'Save settings', settingsSaved: 'Scanner settings saved.',
  dropBlank: 'Leave out blank pages automatically', discover: 'Find network scanners automatically (mDNS)', profile: 'Default scan profile',
  deviceOptions: 'Scanner-specific options (advanced)', capabilities: 'This scanner can do', maxArea: 'up to {w}×{h} mm',
};

export function useScanText(): (key: ScanKey, params?: Record<string, string | number>) => string {
  const lang = useContext(LangContext);
  return (key, params = {}) => (lang === 'en' ? (en[key] ?? vi[key]) : vi[key]).replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

/** 123456 → "121 KB"; under a megabyte in KB, above in MB with one decimal. */
export function formatBytes(bytes: number): string {
  return bytes < 1_000_000 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1_048_576).toFixed(1).replace('.', ',')} MB`;
}

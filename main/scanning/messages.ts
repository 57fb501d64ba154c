import { registerErrors, type Catalogue } from '../core/errors';

// Scanning paper documents: what a scanner or a scan session can answer.

export const scanningErrors = {
  SCANNER_NOT_CHOSEN: {
    vi: 'Chưa chọn máy quét. Vào Cài đặt > Máy quét, bấm "Tìm máy quét" rồi chọn máy mặc định.',
    en: 'No scanner chosen. Open Settings > Scanners, search for scanners and choose the default one.',
  },
  SCANNER_NOT_FOUND: {
    vi: 'Không tìm thấy máy quét "{device}". Kiểm tra máy quét đã bật và đã cắm cáp (hoặc cùng mạng với máy tính), rồi bấm "Tìm máy quét".',
    en: 'Scanner "{device}" not found. Check it is on and connected (or on the same network), then search for scanners again.',
  },
  SCANNER_NO_BACKEND: {
    vi: 'Máy tính này chưa có phần mềm điều khiển máy quét ({detail}). Báo cán bộ CNTT cài đặt (Linux: gói sane-utils; Windows: trình điều khiển WIA của hãng).',
    en: 'This PC has no scanner software ({detail}). Ask the technician to install it (Linux: sane-utils; Windows: the maker\'s WIA driver).',
  },
  SCANNER_BUSY: {
    vi: 'Máy quét đang bận (đang quét việc khác hoặc đang khởi động). Chờ một lát rồi bấm "Quét" lại.',
    en: 'The scanner is busy (another job or warming up). Wait a moment and scan again.',
  },
  SCANNER_JAMMED: {
    vi: 'Kẹt giấy trong máy quét. Mở nắp khay nạp, gỡ tờ bị kẹt, đặt lại các tờ chưa quét rồi bấm "Quét"; {pages} trang đã quét vẫn được giữ.',
    en: 'Paper jam. Open the feeder, remove the jammed sheet, reload the sheets not yet scanned and scan again; the {pages} pages scanned are kept.',
  },
  SCANNER_FEEDER_EMPTY: {
    vi: 'Khay nạp giấy đang trống. Đặt giấy vào khay nạp (hoặc chọn quét trên mặt kính) rồi bấm "Quét".',
    en: 'The document feeder is empty. Load the paper (or choose the flatbed) and scan again.',
  },
  SCANNER_COVER_OPEN: {
    vi: 'Nắp máy quét đang mở. Đóng nắp rồi bấm "Quét"; {pages} trang đã quét vẫn được giữ.',
    en: 'The scanner cover is open. Close it and scan again; the {pages} pages scanned are kept.',
  },
  SCANNER_GONE: {
    vi: 'Mất kết nối với máy quét giữa chừng; {pages} trang đã quét vẫn được giữ. Kiểm tra điện, cáp hoặc mạng của máy quét rồi bấm "Quét" để quét tiếp các tờ còn lại.',
    en: 'The scanner disconnected mid-job; the {pages} pages scanned are kept. Check its power, cable or network and scan the remaining sheets.',
  },
  SCANNER_FAILED: {
    vi: 'Máy quét báo lỗi ({detail}); {pages} trang đã quét vẫn được giữ. Tắt rồi bật lại máy quét và quét lại; nếu vẫn lỗi, báo cán bộ CNTT.',
    en: 'The scanner reported an error ({detail}); the {pages} pages scanned are kept. Turn it off and on and scan again; if it persists, call the technician.',
  },
  SCANNER_ACCESS_DENIED: {
    vi: 'Máy tính không được phép dùng máy quét "{device}". Báo cán bộ CNTT cấp quyền (Linux: nhóm scanner).',
    en: 'This PC may not use scanner "{device}". Ask the technician for access (Linux: the scanner group).',
  },
  SCANNER_TIMEOUT: {
    vi: 'Máy quét không phản hồi ({detail}). Kiểm tra máy quét rồi thử lại; {pages} trang đã quét vẫn được giữ.',
    en: 'The scanner does not answer ({detail}). Check it and try again; the {pages} pages scanned are kept.',
  },
  SCANNER_SETTING_UNSUPPORTED: {
    vi: 'Máy quét không hỗ trợ cài đặt này ({detail}). Chọn nguồn giấy, chế độ màu hoặc độ phân giải khác.',
    en: 'The scanner does not support this setting ({detail}). Choose another source, colour mode or resolution.',
  },
  SCANNER_CAPABILITIES_INVALID: {
    vi: 'Máy quét "{device}" báo thông số không dùng được ({detail}). Báo cán bộ CNTT kiểm tra hoặc cập nhật phần mềm của máy quét.',
    en: 'Scanner "{device}" reports unusable capabilities ({detail}). Ask the technician to check or update its firmware or driver.',
  },
  SCAN_BAD_IMAGE: {
    vi: 'Trang {page} nhận từ máy quét bị hỏng ({detail}) nên không được giữ. Quét lại tờ đó.',
    en: 'Page {page} from the scanner is damaged ({detail}) and was not kept. Scan that sheet again.',
  },
  SCAN_PDF_NOT_IMAGE: {
    vi: 'Máy quét gửi về tệp PDF thay vì ảnh nên trạm không ghép được trang. Báo cán bộ CNTT đặt máy quét gửi ảnh JPEG.',
    en: 'The scanner sent a PDF instead of images, so the pages cannot be assembled. Ask the technician to set it to send JPEG images.',
  },
  SCAN_CANCELLED: { vi: 'Đã dừng quét; {pages} trang đã quét vẫn được giữ.', en: 'Scanning stopped; the {pages} pages scanned are kept.' },
  SCAN_SESSION_NOT_FOUND: {
    vi: 'Phiên quét này đã đóng. Bấm "Quét" ở giấy tờ cần quét để mở lại.',
    en: 'This scanning session is closed. Press Scan on the document again.',
  },
  SCAN_PAGE_NOT_FOUND: { vi: 'Không còn trang này trong phiên quét.', en: 'This page is no longer in the scanning session.' },
  SCAN_NO_PAGES: { vi: 'Chưa có trang nào để lưu. Bấm "Quét" để quét giấy tờ.', en: 'No page to save yet. Press Scan first.' },
  SCAN_TOO_MANY_PAGES: {
    vi: 'Một giấy tờ có tối đa {max} trang. Lưu phần đã quét rồi quét tiếp vào giấy tờ khác.',
    en: 'A document holds at most {max} pages. Save what is scanned and continue in another document.',
  },
  SCAN_JOB_RUNNING: {
    vi: 'Máy quét đang quét. Chờ quét xong hoặc bấm "Dừng" trước khi làm việc khác với máy quét.',
    en: 'The scanner is scanning. Wait for it to finish or press Stop first.',
  },
  SCAN_DOCUMENT_UNKNOWN: {
    vi: 'Giấy tờ "{document}" không có trong hồ sơ {code}.',
    en: 'Document "{document}" is not part of dossier {code}.',
  },
  SCAN_STORE_FAILED: {
    vi: 'Không ghi được tệp PDF vào thư mục dữ liệu ({detail}); chưa có gì được lưu và các trang đã quét vẫn được giữ. Kiểm tra ổ đĩa còn chỗ trống rồi lưu lại.',
    en: 'The PDF could not be written to the data folder ({detail}); nothing was saved and the scanned pages are kept. Check the disk has free space and save again.',
  },
  SCAN_FILE_DAMAGED: {
    vi: 'Tệp PDF đã lưu của giấy tờ "{document}" bị thiếu hoặc đã bị thay đổi (mã SHA-256 không khớp). Quét lại giấy tờ này.',
    en: 'The stored PDF of document "{document}" is missing or was altered (SHA-256 mismatch). Scan this document again.',
  },
  SCANNER_ADDRESS_UNKNOWN: {
    vi: 'Địa chỉ máy quét mạng "{device}" không có trong danh sách của trạm nên không được dùng. Cán bộ CNTT nhập địa chỉ này trong Cài đặt > Máy quét (hoặc bấm "Tìm máy quét" để tìm trên mạng) rồi quét lại.',
    en: 'Network scanner address "{device}" is not on the station\'s list, so it is not used. Ask the technician to enter it in Settings > Scanners (or search for scanners on the network), then scan again.',
  },
  SCAN_PAGE_STORE_FAILED: {
    vi: 'Không ghi được trang {page} vào ổ đĩa ({detail}) nên đã dừng quét; các trang trước vẫn được giữ. Kiểm tra ổ đĩa còn chỗ trống, đặt lại các tờ chưa quét rồi bấm "Quét".',
    en: 'Page {page} could not be written to disk ({detail}), so scanning stopped; the earlier pages are kept. Check the disk has free space, reload the sheets not yet scanned and scan again.',
  },
  SCAN_SESSION_DOSSIER_REFUSED: {
    vi: 'Hồ sơ {code} đã bị từ chối tiếp nhận nên không lưu bản quét vào hồ sơ này được nữa; {pages} trang của phiên quét dở đã được xoá. Nếu công dân nộp lại, tiếp nhận hồ sơ mới rồi quét vào hồ sơ đó.',
    en: 'Dossier {code} was refused, so scans can no longer be saved to it; the {pages} pages of the unfinished session were removed. If the citizen applies again, receive a new dossier and scan into it.',
  },
  SCAN_SESSION_ABANDONED: {
    vi: 'Phiên quét dở của giấy tờ "{document}" ({pages} trang, quét lúc {at}) đã bị xoá vì bỏ dở quá {days} ngày mà chưa lưu. Quét lại giấy tờ này nếu còn cần.',
    en: 'The unfinished scan of "{document}" ({pages} pages, scanned {at}) was removed after {days} days without being saved. Scan the document again if it is still needed.',
  },
  SCAN_SESSION_PAGE_DAMAGED: {
    vi: 'Trang {page} của phiên quét dở bị hỏng trên ổ đĩa ({detail}) nên đã được bỏ ra; các trang khác vẫn còn. Đặt lại tờ đó vào máy quét, bấm "Quét" rồi kéo trang mới về đúng chỗ.',
    en: 'Page {page} of the unfinished session is damaged on disk ({detail}) and was left out; the other pages are kept. Rescan that sheet and drag the new page into its place.',
  },
} as const satisfies Catalogue;
registerErrors(scanningErrors);

declare module '../core/errors' {
  interface ErrorCatalogues {
    scanning: typeof scanningErrors;
  }
}

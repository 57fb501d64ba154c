import { registerErrors, type Catalogue } from '../core/errors';

// The print queue: why a job waits or failed, as the officer reads it in the print panel, and
// the errors of its channels. A job the printer took and then lost is never sent again on its
// own (a page may have come out): the officer looks at the tray and decides with "In lại".

export const printingErrors = {
  // ── why a job waits in the station (the printer never took it; sent on its own later) ──
  PRINT_WAIT_NO_PRINTER: {
    vi: 'Không thấy máy in {printer}. Lệnh in được giữ lại và tự gửi khi máy in có mặt; kiểm tra máy in đã bật và cắm cáp, hoặc chọn máy in khác rồi in lại.',
    en: 'Printer {printer} is not there. The job is kept and sent on its own when the printer is back; check it is on and plugged in, or choose another printer and print again.',
  },
  PRINT_WAIT_NOT_ACCEPTING: {
    vi: 'Máy in {printer} đang không nhận lệnh in ({detail}). Lệnh in được giữ lại và tự gửi khi máy in nhận lại; báo cán bộ CNTT nếu kéo dài.',
    en: 'Printer {printer} is not taking jobs ({detail}). The job is kept and sent on its own when it takes jobs again; tell the technician if it lasts.',
  },
  PRINT_WAIT_SPOOLER_DOWN: {
    vi: 'Dịch vụ in của máy tính (CUPS) không chạy ({detail}). Lệnh in được giữ lại và tự gửi khi dịch vụ chạy lại; báo cán bộ CNTT.',
    en: 'The computer\'s print service (CUPS) is not running ({detail}). The job is kept and sent on its own when it runs again; tell the technician.',
  },
  PRINT_WAIT_FAILED: {
    vi: 'Chưa gửi được lệnh in ({detail}). Trạm tự thử lại sau ít giây; kiểm tra máy in nếu lỗi lặp lại.',
    en: 'The job could not be sent yet ({detail}). The station tries again in a few seconds; check the printer if it repeats.',
  },
  // ── held by the printer: it took the job and will print it ──
  PRINT_HELD_PAUSED: {
    vi: 'Máy in {printer} đang tạm dừng{detail}: lệnh in đã nằm trong máy in và sẽ in khi máy in chạy lại. Kiểm tra giấy, mực, nắp máy; không cần in lại.',
    en: 'Printer {printer} is paused{detail}: it holds the job and prints it when it runs again. Check paper, toner and covers; no need to print again.',
  },
  PRINT_HELD_STOPPED: {
    vi: 'Máy in {printer} dừng giữa chừng lệnh in này ({detail}). Kiểm tra giấy, kẹt giấy, mực: máy in sẽ in tiếp khi hết lỗi; không in lại.',
    en: 'Printer {printer} stopped in the middle of this job ({detail}). Check paper, jams and toner: it carries on once cleared; do not print again.',
  },
  // ── the printer took the job and lost it: failed, never resent on its own ──
  PRINT_LOST_CANCELLED: {
    vi: 'Máy in {printer} đã nhận lệnh in rồi huỷ nó ({detail}). Trạm không tự in lại để tránh in hai lần: xem khay giấy, nếu phiếu chưa ra thì bấm "In lại".',
    en: 'Printer {printer} took the job and then cancelled it ({detail}). The station does not print it again on its own, so that nothing prints twice: look at the tray and press "Print again" if the page did not come out.',
  },
  PRINT_LOST_ABORTED: {
    vi: 'Máy in {printer} đã nhận lệnh in nhưng bị lỗi giữa chừng ({detail}). Trạm không tự in lại để tránh in hai lần: xem khay giấy (có thể ra thiếu trang), rồi bấm "In lại" nếu cần.',
    en: 'Printer {printer} took the job but failed in the middle of it ({detail}). The station does not print it again on its own: look at the tray (pages may be missing) and press "Print again" if needed.',
  },
  PRINT_LOST_VANISHED: {
    vi: 'Máy in {printer} không còn giữ lệnh in {job} (đã bị xoá khỏi hàng đợi in). Không rõ phiếu đã in chưa: xem khay giấy, nếu chưa có thì bấm "In lại".',
    en: 'Printer {printer} no longer knows job {job} (it was removed from the print queue). Whether it printed is unknown: look at the tray and press "Print again" if the page is not there.',
  },
  PRINT_UNCERTAIN: {
    vi: 'Trạm bị tắt trong lúc gửi lệnh in tới {printer}, không biết máy in đã nhận chưa. Xem khay giấy, nếu phiếu chưa ra thì bấm "In lại".',
    en: 'The station stopped while sending the job to {printer}; whether the printer took it is unknown. Look at the tray and press "Print again" if the page did not come out.',
  },
  PRINT_DEVICE_FAILED: {
    vi: 'Không in được trên {printer}: {detail}. Kiểm tra máy in rồi bấm "In lại".',
    en: 'Could not print on {printer}: {detail}. Check the printer and press "Print again".',
  },
  // ── the panel's channels ──
  PRINT_JOB_NOT_FOUND: {
    vi: 'Không có lệnh in số {id}. Mở lại bảng lệnh in để xem danh sách mới.',
    en: 'There is no print job {id}. Open the print panel again for the current list.',
  },
  PRINT_JOB_NOT_RETRYABLE: {
    vi: 'Lệnh in số {id} đang ở trạng thái "{state}", không in lại được. Chỉ in lại lệnh đang chờ hoặc bị lỗi; muốn in thêm bản, in lại từ hồ sơ.',
    en: 'Print job {id} is "{state}" and cannot be printed again here. Only waiting or failed jobs can; for another copy, print from the dossier.',
  },
  PRINT_JOB_NOT_CANCELLABLE: {
    vi: 'Lệnh in số {id} đang ở trạng thái "{state}", không huỷ được.',
    en: 'Print job {id} is "{state}" and cannot be cancelled.',
  },
  PRINT_QUEUE_FAILED: {
    vi: 'Không đưa được vào hàng đợi in: {reason}. Thử in lại; nếu vẫn lỗi, lưu PDF và in từ máy khác.',
    en: 'The job could not be queued: {reason}. Try again; if it still fails, save the PDF and print it elsewhere.',
  },
} as const satisfies Catalogue;
registerErrors(printingErrors);

declare module '../core/errors' {
  interface ErrorCatalogues {
    printing: typeof printingErrors;
  }
}

export type PrintReasonCode = keyof typeof printingErrors;

/** State names as the panel shows them (for the errors above). */
export const printStateNames = {
  waiting: { vi: 'đang chờ', en: 'waiting' },
  sending: { vi: 'đang gửi', en: 'sending' },
  sent: { vi: 'đã gửi tới máy in', en: 'sent to the printer' },
  printed: { vi: 'đã in', en: 'printed' },
  failed: { vi: 'lỗi', en: 'failed' },
  cancelled: { vi: 'đã huỷ', en: 'cancelled' },
} as const;

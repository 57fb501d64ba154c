import { fillTemplate, registerErrors, type Catalogue, type ErrorParams, type Language } from '../core/errors';

// The queue: what the officer (and the kiosk) read about tickets, counters and the thermal
// printer. A print that failed names the printer's fault and what to do; the ticket itself is
// always kept, and printed again only when someone asks.

export const queueErrors = {
  QUEUE_GROUP_UNKNOWN: {
    vi: 'Không có nhóm dịch vụ "{group}". Chọn một nhóm trong danh sách (Cài đặt > Hàng đợi).',
    en: 'There is no service group "{group}". Choose one from the list (Settings > Queue).',
  },
  QUEUE_COUNTER_UNKNOWN: {
    vi: 'Không có quầy số {counter}. Chọn một quầy trong danh sách; cán bộ CNTT thêm quầy ở Cài đặt > Hàng đợi.',
    en: 'There is no counter {counter}. Choose a counter from the list; the technician adds counters under Settings > Queue.',
  },
  QUEUE_TICKET_UNKNOWN: { vi: 'Không tìm thấy phiếu số thứ tự này.', en: 'This queue ticket was not found.' },
  QUEUE_TICKET_OTHER_DAY: {
    vi: 'Phiếu {number} là của ngày {day}, không còn trong hàng đợi hôm nay. Mời công dân lấy số mới.',
    en: 'Ticket {number} is from {day} and no longer in today\'s queue. Ask the citizen to take a new number.',
  },
  QUEUE_NOTHING_WAITING: {
    vi: 'Không còn ai chờ cho quầy {counter}.',
    en: 'Nobody is waiting for counter {counter}.',
  },
  QUEUE_COUNTER_BUSY: {
    vi: 'Quầy đang gọi số {number} mà công dân chưa tới. Bấm "Gọi lại" hoặc "Bỏ qua" trước khi gọi số tiếp theo.',
    en: 'The counter is calling {number} and the citizen has not come. Recall or skip it before calling the next one.',
  },
  QUEUE_CANNOT_RECALL: {
    vi: 'Không gọi lại được số {number}: phiếu {state}. Chỉ gọi lại số vừa gọi hoặc số đã bỏ qua.',
    en: 'Ticket {number} cannot be recalled: it is {state}. Only a ticket being called or skipped can be.',
  },
  QUEUE_CANNOT_SKIP: {
    vi: 'Không bỏ qua được số {number}: phiếu {state}. Chỉ bỏ qua số đã gọi mà công dân chưa tới.',
    en: 'Ticket {number} cannot be skipped: it is {state}. Only a called ticket whose citizen has not come can be.',
  },
  QUEUE_CANNOT_SERVE: {
    vi: 'Số {number} {state}: chỉ bắt đầu phục vụ số vừa được gọi.',
    en: 'Ticket {number} is {state}: only a called ticket can be served.',
  },
  QUEUE_CANNOT_FINISH: {
    vi: 'Số {number} {state}: chỉ kết thúc số đã được gọi.',
    en: 'Ticket {number} is {state}: only a called ticket can be finished.',
  },
  QUEUE_CANNOT_TRANSFER: {
    vi: 'Số {number} {state}: không chuyển được nữa. Mời công dân lấy số mới nếu cần làm thêm việc.',
    en: 'Ticket {number} is {state} and cannot be transferred. Ask the citizen to take a new number for more business.',
  },
  QUEUE_TRANSFER_SAME: {
    vi: 'Số {number} đã ở quầy/nhóm này. Chọn quầy hoặc nhóm khác để chuyển.',
    en: 'Ticket {number} is already there. Choose another counter or group.',
  },
  QUEUE_PRINT_IN_PROGRESS: {
    vi: 'Phiếu {number} đang được in. Chờ máy in xong rồi mới in lại.',
    en: 'Ticket {number} is being printed. Wait for it before printing again.',
  },
  QUEUE_SETTINGS_GROUPS_DUPLICATE: {
    vi: 'Chữ cái {letter} được dùng cho hai nhóm dịch vụ. Mỗi nhóm một chữ cái riêng.',
    en: 'Letter {letter} is used by two service groups. Give each group its own letter.',
  },
  QUEUE_SETTINGS_COUNTERS_DUPLICATE: {
    vi: 'Có hai quầy cùng số {counter}. Mỗi quầy một số riêng.',
    en: 'Two counters have number {counter}. Give each counter its own number.',
  },
  QUEUE_SETTINGS_COUNTER_GROUP: {
    vi: 'Quầy {counter} phục vụ nhóm "{group}" không có trong danh sách nhóm dịch vụ.',
    en: 'Counter {counter} serves group "{group}", which is not in the list of service groups.',
  },
  QUEUE_SETTINGS_THIS_COUNTER: {
    vi: 'Quầy của máy trạm này (số {counter}) không có trong danh sách quầy. Thêm quầy đó hoặc chọn quầy khác.',
    en: 'This station\'s counter ({counter}) is not in the list of counters. Add it or choose another.',
  },
  QUEUE_SETTINGS_FOLLOW_URL: {
    vi: 'Địa chỉ theo dõi hàng đợi phải chứa {number} (số thứ tự sẽ thay vào đó), ví dụ https://dichvucong.example/hang-doi?so={number}.',
    en: 'The queue-following address must contain {number} (replaced by the ticket number), e.g. https://dichvucong.example/hang-doi?so={number}.',
  },
} as const satisfies Catalogue;
registerErrors(queueErrors);

declare module '../core/errors' {
  interface ErrorCatalogues {
    queue: typeof queueErrors;
  }
}

/** Why a ticket did not print, and what to do: one text per fault (see PrintFailure). */
export const printFailureText = {
  paper_out: { vi: 'Máy in phiếu hết giấy. Thay cuộn giấy mới rồi bấm "In lại".', en: 'The ticket printer is out of paper. Load a new roll and print again.' },
  cover_open: { vi: 'Nắp máy in phiếu đang mở. Đóng nắp rồi bấm "In lại".', en: 'The ticket printer cover is open. Close it and print again.' },
  offline: {
    vi: 'Máy in phiếu đang báo lỗi hoặc tạm dừng (kẹt dao cắt, quá nhiệt…). Xem đèn báo trên máy, tắt rồi bật lại máy in, sau đó bấm "In lại".',
    en: 'The ticket printer reports an error or is paused (cutter jam, overheating...). Check its lights, turn it off and on, then print again.',
  },
  no_answer: {
    vi: 'Máy in phiếu không trả lời ({where}). Kiểm tra máy in đã bật và cáp đã cắm; nếu vẫn vậy, báo cán bộ CNTT kiểm tra cổng và tốc độ baud ở Cài đặt > Hàng đợi.',
    en: 'The ticket printer does not answer ({where}). Check it is on and connected; if it persists, ask the technician to check the port and baud rate under Settings > Queue.',
  },
  garbage: {
    vi: 'Máy in phiếu trả lời dữ liệu lạ ({where}): thường do sai tốc độ baud hoặc nhầm thiết bị. Báo cán bộ CNTT kiểm tra cài đặt máy in.',
    en: 'The ticket printer answered unexpected data ({where}): usually a wrong baud rate or another device. Ask the technician to check the printer settings.',
  },
  write_failed: {
    vi: 'Phiếu chưa in hết: mất kết nối với máy in giữa chừng ({where}). Kiểm tra máy in và cáp; nếu phiếu ra thiếu hoặc không ra, bấm "In lại".',
    en: 'The ticket did not print in full: the printer connection was lost ({where}). Check the printer and cable; if the ticket is missing or cut short, print again.',
  },
  not_found: {
    vi: 'Không thấy máy in phiếu ({where}). Kiểm tra máy in đã cắm cáp USB hoặc cáp nối tiếp và đã bật, rồi bấm "In lại".',
    en: 'The ticket printer is not there ({where}). Check its USB or serial cable and that it is on, then print again.',
  },
  access_denied: {
    vi: 'Máy tính không cho phép trạm dùng máy in phiếu ({where}). Báo cán bộ CNTT cấp quyền (Linux: nhóm dialout hoặc lp).',
    en: 'This PC does not let the station use the ticket printer ({where}). Ask the technician for access (Linux: the dialout or lp group).',
  },
  busy: {
    vi: 'Máy in phiếu đang được chương trình khác dùng ({where}). Đóng chương trình đó rồi bấm "In lại".',
    en: 'Another program is using the ticket printer ({where}). Close it and print again.',
  },
  refused: {
    vi: 'Máy in phiếu ở {where} không nhận kết nối. Kiểm tra máy in đã bật, đúng địa chỉ IP và cổng (thường 9100), rồi bấm "In lại".',
    en: 'The ticket printer at {where} refuses the connection. Check it is on and the IP address and port (usually 9100), then print again.',
  },
  unreachable: {
    vi: 'Không tới được máy in phiếu ở {where}. Kiểm tra cáp mạng của máy in và địa chỉ IP, rồi bấm "In lại".',
    en: 'The ticket printer at {where} cannot be reached. Check its network cable and IP address, then print again.',
  },
  timeout: {
    vi: 'Máy in phiếu ở {where} không phản hồi kịp. Kiểm tra máy in rồi bấm "In lại".',
    en: 'The ticket printer at {where} did not respond in time. Check it and print again.',
  },
  gone: {
    vi: 'Mất kết nối với máy in phiếu ({where}). Kiểm tra cáp rồi bấm "In lại".',
    en: 'The connection to the ticket printer was lost ({where}). Check the cable and print again.',
  },
  failed: {
    vi: 'Không dùng được máy in phiếu ({where}: {detail}). Báo cán bộ CNTT kiểm tra cài đặt máy in.',
    en: 'The ticket printer cannot be used ({where}: {detail}). Ask the technician to check the printer settings.',
  },
  not_configured: {
    vi: 'Chưa cài đặt máy in phiếu nên phiếu chưa được in. Đọc số cho công dân; báo cán bộ CNTT cài máy in ở Cài đặt > Hàng đợi.',
    en: 'No ticket printer is set up, so the ticket was not printed. Tell the citizen the number; ask the technician to set the printer up under Settings > Queue.',
  },
  interrupted: {
    vi: 'Trạm dừng giữa lúc in nên không rõ phiếu đã ra chưa. Hỏi công dân; nếu chưa có phiếu, bấm "In lại".',
    en: 'The station stopped while printing, so it is not known whether the ticket came out. Ask the citizen; if they have none, print again.',
  },
} as const satisfies Catalogue;

export const queueText = {
  TEST_PRINTED: { vi: 'Đã in phiếu thử ({bytes} byte). Kiểm tra chữ tiếng Việt và mã QR trên phiếu.', en: 'Test ticket printed ({bytes} bytes). Check the Vietnamese text and the QR code on it.' },
  PAPER_NEAR_END: { vi: 'Giấy in phiếu sắp hết: chuẩn bị cuộn giấy mới.', en: 'The ticket paper is nearly out: have a new roll ready.' },
  STATE_WAITING: { vi: 'đang chờ', en: 'waiting' },
  STATE_CALLED: { vi: 'đã được gọi', en: 'called' },
  STATE_SERVING: { vi: 'đang được phục vụ', en: 'being served' },
  STATE_FINISHED: { vi: 'đã xong', en: 'finished' },
  STATE_SKIPPED: { vi: 'đã bỏ qua', en: 'skipped' },
  TEST_GROUP: { vi: 'In thử máy in', en: 'Printer test' },
  TEST_NOTE: { vi: 'Phiếu in thử: không dùng để chờ lượt.', en: 'Test ticket: not valid for the queue.' },
} as const satisfies Catalogue;

export function queueMessage(key: keyof typeof queueText | keyof typeof printFailureText, params: ErrorParams, lang: Language): string {
  const text = key in queueText ? queueText[key as keyof typeof queueText] : printFailureText[key as keyof typeof printFailureText];
  return fillTemplate(text[lang], params);
}

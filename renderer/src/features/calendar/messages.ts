import { defineMessages } from '../../common/i18n/i18n';

export const calendarWords = defineMessages({
  year: { vi: 'Năm', en: 'Year' },
  date: { vi: 'Ngày', en: 'Date' },
  kind: { vi: 'Loại', en: 'Kind' },
  name: { vi: 'Tên', en: 'Name' },
  holiday: { vi: 'Nghỉ lễ, Tết', en: 'Holiday' },
  compensatory: { vi: 'Nghỉ bù', en: 'Compensatory day off' },
  makeup_workday: { vi: 'Làm bù (thứ Bảy)', en: 'Make-up working Saturday' },
  add: { vi: 'Thêm / sửa', en: 'Add / change' },
  edit: { vi: 'Sửa', en: 'Edit' },
  remove: { vi: 'Xoá', en: 'Remove' },
  removeTitle: { vi: 'Xoá ngày {date} khỏi lịch?', en: 'Remove {date} from the calendar?' },
  removeMessage: {
    vi: '"{name}" ({kind}) sẽ bị xoá: hạn trả của hồ sơ tiếp nhận từ nay sẽ tính ngày {date} như ngày thường. Có thể thêm lại hoặc khôi phục mặc định theo luật.',
    en: '"{name}" ({kind}) will be removed: appointments computed from now on treat {date} as an ordinary day. You can add it again or restore the defaults.',
  },
  removed: { vi: 'Đã xoá ngày {date}.', en: '{date} removed.' },
  saved: { vi: 'Đã lưu ngày {date}.', en: '{date} saved.' },
  reseed: { vi: 'Khôi phục mặc định theo luật', en: 'Restore statutory defaults' },
  reseedTitle: { vi: 'Khôi phục lịch năm {year} theo luật?', en: 'Restore the statutory calendar of {year}?' },
  reseedMessage: {
    vi: 'Các ngày nghỉ, nghỉ bù, làm bù đã sửa tay của năm {year} sẽ được thay bằng mặc định tính theo Bộ luật Lao động.',
    en: 'The days changed by hand for {year} will be replaced by the defaults of the Labour Code.',
  },
  reseeded: { vi: 'Đã khôi phục lịch năm {year} theo luật.', en: 'The {year} calendar was restored to the statutory defaults.' },
  workingHours: { vi: 'Giờ làm việc', en: 'Working hours' },
  weekday0: { vi: 'CN', en: 'Sun' }, weekday1: { vi: 'T2', en: 'Mon' }, weekday2: { vi: 'T3', en: 'Tue' }, weekday3: { vi: 'T4', en: 'Wed' },
  weekday4: { vi: 'T5', en: 'Thu' }, weekday5: { vi: 'T6', en: 'Fri' }, weekday6: { vi: 'T7', en: 'Sat' },
  needDate: { vi: 'Nhập ngày theo dạng ngày/tháng/năm, ví dụ 02/09/2026.', en: 'Type the date as day/month/year, e.g. 02/09/2026.' },
  badDate: {
    vi: 'Ngày vừa nhập không hợp lệ (không có ngày này). Nhập theo dạng ngày/tháng/năm, ví dụ 02/09/2026.',
    en: 'The date typed is not valid (no such day). Type it as day/month/year, e.g. 02/09/2026.',
  },
});

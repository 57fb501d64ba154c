import { defineMessages } from '../common/i18n/i18n';

export const shellWords = defineMessages({
  appTitle: { vi: 'Trạm tiếp nhận hồ sơ một cửa', en: 'One-stop reception station' },
  demoData: { vi: 'Dữ liệu mẫu', en: 'Demo data' },
  webHost: { vi: 'Trình duyệt', en: 'Browser' },
  desktopHost: { vi: 'Máy trạm', en: 'Desktop' },
  schema: { vi: 'CSDL v{n}', en: 'DB v{n}' },
  keys: { vi: 'Enter sang ô tiếp · Ctrl+S tiếp nhận · Ctrl+P in giấy hẹn · Esc đóng', en: 'Enter next field · Ctrl+S receive · Ctrl+P print slip · Esc close' },
  linkDown: {
    vi: 'Mất kết nối với chương trình trạm — đang thử kết nối lại; dữ liệu đang nhập vẫn được giữ.',
    en: 'Lost the link to the station — reconnecting; what you typed is kept.',
  },
  loadFailed: {
    vi: 'Không mở được màn hình này. Bấm F5 để tải lại; nếu vẫn lỗi, báo cán bộ CNTT.',
    en: 'This screen could not be opened. Press F5 to reload; if it persists, call the technician.',
  },
  notFound: { vi: 'Không có trang này. Bấm F2 để về màn hình tiếp nhận.', en: 'No such page. Press F2 for the intake screen.' },
});

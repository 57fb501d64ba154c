import { registerErrors, type Catalogue } from '../core/errors';

// Officers' accounts and sessions.

export const officersErrors = {
  LOGIN_FAILED: {
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng. Hãy gõ lại cẩn thận (chú ý bộ gõ tiếng Việt và phím Caps Lock).',
    en: 'Wrong user name or password. Type them again carefully (mind the Vietnamese keyboard and Caps Lock).',
  },
  ACCOUNT_INACTIVE: {
    vi: 'Tài khoản {username} đã bị khóa. Liên hệ cán bộ CNTT nếu cần dùng lại.',
    en: 'Account {username} is disabled. Ask the technician if it is needed again.',
  },
  FIRST_OFFICER_EXISTS: {
    vi: 'Trạm đã có tài khoản cán bộ. Hãy đăng nhập; tài khoản mới do cán bộ CNTT tạo ở trang Cán bộ.',
    en: 'The station already has officer accounts. Log in; new accounts are created by the technician on the Officers page.',
  },
  USERNAME_TAKEN: { vi: 'Tên đăng nhập "{username}" đã có người dùng. Chọn tên khác.', en: 'User name "{username}" is taken. Choose another.' },
  OFFICER_NOT_FOUND: { vi: 'Không tìm thấy tài khoản cán bộ này.', en: 'This officer account does not exist.' },
  LAST_TECHNICIAN: {
    vi: 'Không thể bỏ quyền hoặc khóa tài khoản CNTT cuối cùng: trạm sẽ không còn ai cài đặt được. Tạo tài khoản CNTT khác trước.',
    en: 'The last technician account cannot lose its role or be disabled: nobody could set the station up. Create another technician first.',
  },
  PASSWORD_WRONG: { vi: 'Mật khẩu không đúng. Hãy gõ lại.', en: 'Wrong password. Type it again.' },
  NAME_REQUIRED: { vi: 'Vui lòng nhập họ và tên của cán bộ.', en: "Enter the officer's full name." },
} as const satisfies Catalogue;
registerErrors(officersErrors);

declare module '../core/errors' {
  interface ErrorCatalogues {
    officers: typeof officersErrors;
  }
}

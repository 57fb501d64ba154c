import { defineMessages } from '../../common/i18n/i18n';

export const officersWords = defineMessages({
  // First start
  firstTitle: { vi: 'Khởi tạo trạm: tài khoản cán bộ CNTT đầu tiên', en: 'Setting up the station: the first technician account' },
  firstIntro: {
    vi: 'Trạm chưa có tài khoản nào. Cán bộ CNTT tạo tài khoản của mình (có đủ quyền CNTT, tiếp nhận, lãnh đạo); các tài khoản khác tạo sau ở trang Cán bộ.',
    en: 'The station has no account yet. The technician creates theirs (with the technician, reception and leader roles); other accounts come later on the Officers page.',
  },
  username: { vi: 'Tên đăng nhập', en: 'User name' },
  usernameHint: { vi: 'chữ thường không dấu, số, dấu chấm: ví dụ nguyen.van.a', en: 'lower case, digits, dots: e.g. nguyen.van.a' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  passwordHint: { vi: 'ít nhất 8 ký tự, không phải toàn số; nên dùng một câu dễ nhớ', en: 'at least 8 characters, not only digits; a sentence you remember is best' },
  passwordAgain: { vi: 'Nhập lại mật khẩu', en: 'Password again' },
  passwordsDiffer: { vi: 'Hai lần nhập mật khẩu không giống nhau.', en: 'The two passwords differ.' },
  createFirst: { vi: 'Tạo tài khoản và đăng nhập', en: 'Create the account and log in' },
  recoveryTitle: { vi: 'Mã khôi phục dữ liệu', en: 'Data recovery code' },
  recoveryIntro: {
    vi: 'Dữ liệu của trạm được mã hóa. Nếu máy hỏng hoặc cài lại hệ điều hành, chỉ mã này mở lại được dữ liệu. In hoặc chép mã, cất vào tủ hồ sơ của đơn vị; mã chỉ hiện một lần.',
    en: "The station's data is encrypted. If the machine breaks or the system is reinstalled, only this code opens the data again. Print or copy it and keep it in the unit's safe; it is shown once.",
  },
  printRecovery: { vi: 'In mã khôi phục', en: 'Print the recovery code' },
  recoveryKept: { vi: 'Tôi đã in hoặc chép mã và cất giữ cẩn thận', en: 'I have printed or copied the code and put it away' },
  continue: { vi: 'Tiếp tục', en: 'Continue' },
  // Login
  loginTitle: { vi: 'Đăng nhập', en: 'Log in' },
  loginIntro: { vi: 'Mỗi cán bộ đăng nhập bằng tài khoản của mình: việc làm trên trạm được ghi tên người làm.', en: 'Each officer logs in with their own account: what is done at the station is recorded under their name.' },
  login: { vi: 'Đăng nhập', en: 'Log in' },
  // Lock
  lockedTitle: { vi: 'Trạm đang khóa', en: 'The station is locked' },
  lockedIntro: { vi: '{name} nhập mật khẩu để mở lại; hồ sơ đang nhập vẫn được giữ nguyên.', en: '{name}, type your password to open it again; the form being typed is kept.' },
  unlock: { vi: 'Mở khóa', en: 'Unlock' },
  otherOfficer: { vi: 'Cán bộ khác đăng nhập', en: 'Another officer logs in' },
  // Change password
  changeTitle: { vi: 'Đổi mật khẩu', en: 'Change the password' },
  mustChange: { vi: 'Đây là lần đăng nhập đầu tiên (hoặc mật khẩu vừa được cấp lại): hãy đặt mật khẩu của riêng mình.', en: 'This is the first login (or the password was just reset): set a password of your own.' },
  currentPassword: { vi: 'Mật khẩu hiện tại', en: 'Current password' },
  newPassword: { vi: 'Mật khẩu mới', en: 'New password' },
  changed: { vi: 'Đã đổi mật khẩu.', en: 'Password changed.' },
  // The officer in the top bar
  lock: { vi: 'Khóa', en: 'Lock' },
  logout: { vi: 'Đăng xuất', en: 'Log out' },
  changePassword: { vi: 'Đổi mật khẩu', en: 'Change password' },
  // Roles
  role_reception: { vi: 'Tiếp nhận', en: 'Reception' },
  role_technician: { vi: 'CNTT', en: 'Technician' },
  role_leader: { vi: 'Lãnh đạo', en: 'Leader' },
  role_display: { vi: 'Màn hình công dân', en: 'Citizen display' },
  role_kiosk: { vi: 'Máy lấy số thứ tự', en: 'Ticket kiosk' },
  // Officers page
  officersTitle: { vi: 'Tài khoản cán bộ', en: 'Officer accounts' },
  roles: { vi: 'Quyền', en: 'Roles' },
  state: { vi: 'Trạng thái', en: 'State' },
  active: { vi: 'Đang dùng', en: 'Active' },
  inactive: { vi: 'Đã khóa', en: 'Disabled' },
  mustChangeFlag: { vi: 'chờ đổi mật khẩu', en: 'to change password' },
  newOfficer: { vi: 'Thêm cán bộ', en: 'Add an officer' },
  initialPassword: { vi: 'Mật khẩu ban đầu', en: 'First password' },
  initialPasswordHint: { vi: 'cán bộ đổi ngay ở lần đăng nhập đầu', en: 'the officer changes it at the first login' },
  create: { vi: 'Tạo tài khoản', en: 'Create the account' },
  created: { vi: 'Đã tạo tài khoản {username}.', en: 'Account {username} created.' },
  edit: { vi: 'Sửa', en: 'Edit' },
  save: { vi: 'Lưu', en: 'Save' },
  saved: { vi: 'Đã lưu tài khoản {username}.', en: 'Account {username} saved.' },
  disable: { vi: 'Khóa tài khoản', en: 'Disable' },
  enable: { vi: 'Mở lại tài khoản', en: 'Enable' },
  resetPassword: { vi: 'Cấp lại mật khẩu', en: 'Reset password' },
  resetDone: { vi: 'Đã cấp lại mật khẩu cho {username}; cán bộ đổi ở lần đăng nhập tới.', en: 'Password of {username} reset; they change it at the next login.' },
  rolesRequired: { vi: 'Chọn ít nhất một quyền.', en: 'Choose at least one role.' },
  // Audit
  auditTitle: { vi: 'Nhật ký thao tác', en: 'Audit log' },
  auditIntro: { vi: 'Mỗi việc làm trên trạm được ghi kèm tên cán bộ; các dòng nối chuỗi với nhau nên không sửa hoặc xóa được mà không bị phát hiện.', en: 'Every action is recorded with the officer; entries are chained, so none can be changed or removed unnoticed.' },
  auditVerify: { vi: 'Kiểm tra toàn vẹn nhật ký', en: 'Check the audit log' },
  auditChecking: { vi: 'Đang kiểm tra…', en: 'Checking…' },
});

export const roleKey = (role: 'reception' | 'technician' | 'leader' | 'display' | 'kiosk') => `role_${role}` as const;

import { useContext } from 'react';
import { LangContext } from '../i18n';

// The words of the signing screen and the PIN dialog, Vietnamese first (English for
// technicians), kept with the feature rather than in the shared dictionary.

const vi = {
  navSigning: 'Chữ ký số',
  enabled: 'Cơ quan ký số giấy tiếp nhận (không bắt buộc: giấy chưa ký vẫn in được)',
  rescan: 'Quét lại token',
  tokens: 'Token đang cắm',
  noTokens: 'Chưa thấy token nào. Cắm token ký số vào máy: danh sách tự cập nhật trong vài giây.',
  serial: 'Số sê-ri',
  certificates: 'Chứng thư số',
  noCertificates: 'Token không có chứng thư số để ký.',
  holder: 'Người/đơn vị được cấp',
  organisation: 'Cơ quan',
  unit: 'Đơn vị',
  identifiers: 'Mã số',
  issuer: 'Tổ chức cấp',
  validity: 'Hiệu lực',
  keyAlgorithm: 'Khóa',
  expired: 'Đã hết hạn',
  not_yet_valid: 'Chưa đến ngày hiệu lực',
  expiring_soon: 'Sắp hết hạn',
  no_signing_usage: 'Không được phép dùng để ký',
  ca_certificate: 'Chứng thư của tổ chức cấp',
  daysLeft: 'còn {n} ngày',
  cannotSign: 'Không dùng để ký được',
  pinOk: 'PIN bình thường',
  pinCountLow: 'Đã có lần nhập sai PIN',
  pinFinalTry: 'Chỉ còn 1 lần nhập PIN',
  pinLocked: 'Token đã bị khóa PIN',
  modules: 'Thư viện token (PKCS#11)',
  moduleLoaded: 'Đã nạp',
  moduleUnavailable: 'Không dùng được',
  addModule: 'Thêm thư viện',
  addModuleHint: 'Đường dẫn tệp .dll/.so của nhà cung cấp token (ví dụ C:\\Windows\\System32\\vnptca_p11_v8.dll)',
  remove: 'Bỏ',
  disable: 'Tắt',
  enable: 'Bật',
  usbEvents: 'Nhận biết cắm/rút USB: có',
  usbPoll: 'Nhận biết cắm/rút USB: không có ({reason}); trạm tự kiểm tra lại mỗi 1,5 giây',
  trustedRoots: 'Chứng thư gốc được tin cậy (để kiểm tra chữ ký)',
  noTrustedRoots: 'Chưa có: chữ ký sẽ được báo "không xác định được người ký".',
  trustFolder: 'Hoặc chép tệp chứng thư (.pem, .cer, .crt) vào thư mục:',
  pastePem: 'Dán chứng thư gốc dạng PEM (-----BEGIN CERTIFICATE-----…)',
  addRoot: 'Thêm chứng thư gốc',
  verifyTitle: 'Kiểm tra chữ ký của một tệp PDF',
  chooseFile: 'Chọn tệp PDF',
  signSlip: 'Ký số',
  signTitle: 'Ký số giấy tiếp nhận',
  token: 'Token',
  certificate: 'Chứng thư số',
  pin: 'Mã PIN của token',
  pinPad: 'Nhập PIN trên bàn phím của token khi được hỏi',
  confirmFinalTry: 'Tôi hiểu: nếu nhập sai lần này, token sẽ bị khóa.',
  sign: 'Ký',
  signing: 'Đang ký…',
  close: 'Đóng',
  openSigned: 'Mở tệp đã ký',
  valid: 'Hợp lệ',
  invalid: 'Không hợp lệ',
  unknown_signer: 'Chưa xác định được người ký',
  unsigned: 'Chưa được ký số',
  signedBy: 'Người ký',
  signedAt: 'Thời điểm ký',
  settingsSaved: 'Đã lưu.',
  notes: 'Ghi chú',
} as const;

export type SigningKey = keyof typeof vi;

const en: Partial<Record<SigningKey, string>> = {
  navSigning: 'Digital signature',
  enabled: 'The agency signs its slips (optional: unsigned slips still print)',
  rescan: 'Rescan tokens',
  tokens: 'Tokens plugged in',
  noTokens: 'No token yet. Plug in a signing token: the list updates within seconds.',
  serial: 'Serial',
  certificates: 'Certificates',
  noCertificates: 'No signing certificate on this token.',
  holder: 'Holder', organisation: 'Organisation', unit: 'Unit', identifiers: 'Numbers', issuer: 'Issuer', validity: 'Validity', keyAlgorithm: 'Key',
  expired: 'Expired', not_yet_valid: 'Not yet valid', expiring_soon: 'Expiring soon', no_signing_usage: 'Not allowed to sign', ca_certificate: 'CA certificate',
  daysLeft: '{n} days left', cannotSign: 'Cannot sign',
  pinOk: 'PIN normal', pinCountLow: 'A wrong PIN was entered', pinFinalTry: 'One PIN try left', pinLocked: 'PIN locked',
  modules: 'Token libraries (PKCS#11)', moduleLoaded: 'Loaded', moduleUnavailable: 'Unavailable', addModule: 'Add library',
  addModuleHint: "Path of the token vendor's .dll/.so", remove: 'Remove', disable: 'Disable', enable: 'Enable',
  usbEvents: 'USB plug detection: yes', usbPoll: 'USB plug detection: no ({reason}); the station checks every 1.5 s',
  trustedRoots: 'Trusted root certificates (for verification)', noTrustedRoots: 'None: signatures will show "unknown signer".',
  trustFolder: 'Or copy certificate files (.pem, .cer, .crt) into:', pastePem: 'Paste a root certificate in PEM', addRoot: 'Add root',
  verifyTitle: 'Verify the signatures of a PDF', chooseFile: 'Choose a PDF',
  signSlip: 'Sign', signTitle: 'Sign the appointment slip', token: 'Token', certificate: 'Certificate', pin: 'Token PIN',
  pinPad: "Type the PIN on the token's own keypad when asked", confirmFinalTry: 'I understand: a wrong PIN now locks the token.',
  sign: 'Sign', signing: 'Signing…', close: 'Close', openSigned: 'Open the signed file',
  valid: 'Valid', invalid: 'Invalid', unknown_signer: 'Unknown signer', unsigned: 'Not signed', signedBy: 'Signed by', signedAt: 'Signed at',
  settingsSaved: 'Saved.', notes: 'Notes',
};

export function useSigningText(): (key: SigningKey, params?: Record<string, string | number>) => string {
  const lang = useContext(LangContext);
  return (key, params = {}) => {
    const text = lang === 'en' ? (en[key] ?? vi[key]) : vi[key];
    return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
  };
}

/** "2026-11-23T02:32:05Z" → "23/11/2026" in Vietnam time. */
export function vnDate(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3_600_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

/** "… 09:32:05, 23/11/2026" in Vietnam time. */
export function vnDateTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}, ${vnDate(iso)}`;
}

import { defineMessages } from '../i18n/i18n';

// The words of signing with a token, wherever it happens (the slip, a scanned document) and of
// a certificate as officers read it.

export const signingWords = defineMessages({
  token: { vi: 'Token', en: 'Token' },
  certificate: { vi: 'Chứng thư số', en: 'Certificate' },
  pin: { vi: 'Mã PIN của token', en: 'Token PIN' },
  pinPad: { vi: 'Nhập PIN trên bàn phím của token khi được hỏi', en: "Type the PIN on the token's own keypad when asked" },
  confirmFinalTry: { vi: 'Tôi hiểu: nếu nhập sai lần này, token sẽ bị khóa.', en: 'I understand: a wrong PIN now locks the token.' },
  sign: { vi: 'Ký', en: 'Sign' },
  signing: { vi: 'Đang ký…', en: 'Signing…' },
  readingToken: { vi: 'Đang đọc token… lệnh ký sẽ chạy ngay khi đọc xong.', en: 'Reading the token… signing starts as soon as it is read.' },
  noTokens: {
    vi: 'Chưa thấy token nào. Cắm token ký số vào máy: danh sách tự cập nhật trong vài giây.',
    en: 'No token yet. Plug in a signing token: the list updates within seconds.',
  },
  noCertificates: { vi: 'Token không có chứng thư số để ký. Hãy chọn token khác.', en: 'No signing certificate on this token. Choose another token.' },
  cannotSign: { vi: 'Không dùng để ký được', en: 'Cannot sign' },
  pinOk: { vi: 'PIN bình thường', en: 'PIN normal' },
  pinCountLow: { vi: 'Đã có lần nhập sai PIN', en: 'A wrong PIN was entered' },
  pinFinalTry: { vi: 'Chỉ còn 1 lần nhập PIN', en: 'One PIN try left' },
  pinLocked: {
    vi: 'Token đã bị khóa PIN: không ký được. Liên hệ tổ chức cấp chứng thư để mở khóa.',
    en: 'The token PIN is locked: it cannot sign. Ask the certificate issuer to unlock it.',
  },
  confirmFirst: { vi: 'Đây là lần nhập PIN cuối: đánh dấu ô xác nhận rồi bấm Ký.', en: 'This is the last PIN try: tick the confirmation, then Sign.' },
  pinMissing: { vi: 'Nhập mã PIN của token rồi bấm Enter.', en: 'Type the token PIN, then press Enter.' },
  // a certificate
  organisation: { vi: 'Cơ quan', en: 'Organisation' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  identifiers: { vi: 'Mã số', en: 'Numbers' },
  issuer: { vi: 'Tổ chức cấp', en: 'Issuer' },
  validity: { vi: 'Hiệu lực', en: 'Validity' },
  keyAlgorithm: { vi: 'Khóa', en: 'Key' },
  expired: { vi: 'Đã hết hạn', en: 'Expired' },
  not_yet_valid: { vi: 'Chưa đến ngày hiệu lực', en: 'Not yet valid' },
  expiring_soon: { vi: 'Sắp hết hạn', en: 'Expiring soon' },
  no_signing_usage: { vi: 'Không được phép dùng để ký', en: 'Not allowed to sign' },
  ca_certificate: { vi: 'Chứng thư của tổ chức cấp', en: 'CA certificate' },
  daysLeft: { vi: 'còn {n} ngày', en: '{n} days left' },
  // a verification
  valid: { vi: 'Hợp lệ', en: 'Valid' },
  invalid: { vi: 'Không hợp lệ', en: 'Invalid' },
  unknown_signer: { vi: 'Chưa xác định được người ký', en: 'Unknown signer' },
  unsigned: { vi: 'Chưa được ký số', en: 'Not signed' },
  // the wait after wrong PINs (pin-countdown.ts)
  pinWait: { vi: 'Thử lại sau {seconds} giây', en: 'Try again in {seconds} s' },
});

import { defineMessages } from '../../common/i18n/i18n';

export const displayWords = defineMessages({
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  idNumber: { vi: 'Số CCCD', en: 'Identity number' },
  birthDate: { vi: 'Ngày sinh', en: 'Date of birth' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  submitterName: { vi: 'Người nộp thay', en: 'Submitted by' },
  procedureName: { vi: 'Thủ tục', en: 'Procedure' },
  documents: { vi: 'Giấy tờ đã nộp', en: 'Papers handed in' },
  counts: { vi: '{originals} bản chính · {certified} bản sao chứng thực · {copies} bản sao', en: '{originals} original · {certified} certified copy · {copies} copy' },
  appointmentAt: { vi: 'Hẹn trả kết quả', en: 'Result on' },
  resultDelivery: { vi: 'Nhận kết quả', en: 'Result by' },
  counter: { vi: 'Tại quầy', en: 'At the counter' },
  post: { vi: 'Qua bưu điện', en: 'By post' },
  officer: { vi: 'Cán bộ tiếp nhận', en: 'Officer' },
  send: { vi: 'Gửi đánh giá', en: 'Send my rating' },
  sending: { vi: 'Đang gửi…', en: 'Sending…' },
  chooseFirst: { vi: 'Xin chạm vào một mức đánh giá ở trên.', en: 'Please touch one of the ratings above.' },
  loading: { vi: 'Đang kết nối với chương trình trạm…', en: 'Connecting to the station…' },
});

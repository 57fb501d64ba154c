import type { Language } from './errors';

// How a form field is named in messages ("Vui lòng nhập họ và tên chủ hồ sơ.").
const fieldLabels: Record<string, { vi: string; en: string }> = {
  'owner.fullName': { vi: 'họ và tên chủ hồ sơ', en: "the owner's full name" },
  'owner.idNumber': { vi: 'số định danh cá nhân', en: 'the identity number' },
  'owner.birthDate': { vi: 'ngày sinh', en: 'the date of birth' },
  'owner.phone': { vi: 'số điện thoại', en: 'the phone number' },
  'owner.email': { vi: 'email', en: 'the email' },
  'owner.address': { vi: 'địa chỉ', en: 'the address' },
  'submitter.fullName': { vi: 'họ và tên người nộp', en: "the submitter's full name" },
  'submitter.idNumber': { vi: 'số giấy tờ người nộp', en: "the submitter's identity number" },
  'submitter.phone': { vi: 'số điện thoại người nộp', en: "the submitter's phone" },
  'resultDelivery.address': { vi: 'địa chỉ nhận kết quả', en: 'the delivery address' },
  procedureCode: { vi: 'thủ tục', en: 'the procedure' },
  notes: { vi: 'ghi chú', en: 'the notes' },
  name: { vi: 'tên', en: 'the name' },
  sets: { vi: 'số bộ hồ sơ', en: 'the number of sets' },
  documents: { vi: 'thành phần hồ sơ', en: 'the documents' },
  owner: { vi: 'chủ hồ sơ', en: 'the owner' },
  intakeKey: { vi: 'mã phiên nhập', en: 'the intake key' },
  receivedAt: { vi: 'thời điểm tiếp nhận', en: 'the reception time' },
  date: { vi: 'ngày', en: 'the date' },
  query: { vi: 'nội dung tìm', en: 'the search text' },
  'station.codeFormat': { vi: 'mẫu mã hồ sơ', en: 'the code format' },
  'station.workingHours': { vi: 'giờ làm việc', en: 'the working hours' },
  'station.officerName': { vi: 'tên cán bộ tiếp nhận', en: "the officer's name" },
};

export function labelOf(field: string, lang: Language): string {
  return fieldLabels[field]?.[lang] ?? field;
}

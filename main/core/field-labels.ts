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
};

export function labelOf(field: string, lang: Language): string {
  return fieldLabels[field]?.[lang] ?? field;
}

// Realistic data for the forms after intake, on the test clock's dates (Monday 23/11/2026).
// Some strings are fed in NFD on purpose: every form must print them composed.

import type { ApologyLetterData } from '../../main/forms/apology-letter';
import type { FormAgency } from '../../main/forms/form-layout';
import type { LogBookData, LogBookEntry } from '../../main/forms/log-book';
import type { ProcessingControlData } from '../../main/forms/processing-control';
import type { RefusalNoticeData } from '../../main/forms/refusal-notice';
import type { ResultHandoverData } from '../../main/forms/result-handover';
import type { StopNoticeData } from '../../main/forms/stop-notice';
import type { SupplementRequestData } from '../../main/forms/supplement-request';

export const counterAgency: FormAgency = {
  parentName: 'UBND tỉnh Bắc Ninh',
  name: 'UBND xã Tiên Du',
  unitName: 'Bộ phận Một cửa',
  placeName: 'Tiên Du',
};

/** The agency that signs letters (no unit line). */
export const issuingAgency: FormAgency = { parentName: 'UBND tỉnh Bắc Ninh', name: 'UBND xã Tiên Du', placeName: 'Tiên Du' };

export const applicant = {
  fullName: 'Nguyễn Thị Thuỷ Tiên'.normalize('NFD'),
  address: 'Số 12, ngõ 34, thôn Đông Khê, xã Tiên Du, tỉnh Bắc Ninh'.normalize('NFD'),
  phone: '0912 345 678',
  email: 'thuytien.nguyen@gmail.com',
};

export function sampleSupplementRequest(overrides: Partial<SupplementRequestData> = {}): SupplementRequestData {
  return {
    agency: counterAgency,
    number: '0012/PYCBS',
    issuedAt: '2026-11-23T09:45',
    applicant,
    request: 'Đăng ký khai sinh',
    procedureCode: '1.001193',
    items: [
      'Giấy chứng sinh do cơ sở khám bệnh, chữa bệnh cấp (bản chính)'.normalize('NFD'),
      'Văn bản ủy quyền có chứng thực (người đi đăng ký không phải cha, mẹ của trẻ)',
    ],
    reason: 'Hồ sơ chưa có Giấy chứng sinh bản chính; người đi đăng ký không phải cha, mẹ của trẻ.',
    contact: { name: 'Đặng Quốc Bảo', phone: '0222 3812 345' },
    officerName: 'Đặng Quốc Bảo'.normalize('NFD'),
    completeBy: '2026-12-07',
    ...overrides,
  };
}

export function sampleRefusal(overrides: Partial<RefusalNoticeData> = {}): RefusalNoticeData {
  return {
    agency: counterAgency,
    number: '0003/PTC',
    issuedAt: '2026-11-23T10:05',
    applicant,
    request: 'Đăng ký kết hôn có yếu tố nước ngoài',
    legalBasis: 'Điều 37 Luật Hộ tịch năm 2014',
    reason: 'Yêu cầu không thuộc thẩm quyền giải quyết của UBND cấp xã; đề nghị công dân nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh.'.normalize('NFD'),
    officerName: 'Đặng Quốc Bảo',
    ...overrides,
  };
}

export function sampleApology(overrides: Partial<ApologyLetterData> = {}): ApologyLetterData {
  return {
    agency: issuingAgency,
    number: '15/PXL-UBND',
    issuedAt: '2026-11-27T10:00',
    recipient: { fullName: applicant.fullName, address: applicant.address, phone: applicant.phone },
    dossierCode: '000.00.06.H56-261123-0361',
    request: 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu',
    receivedAt: '2026-11-23T09:32',
    appointmentAt: '2026-11-30T09:00',
    reason: 'Cần xác minh nguồn gốc thửa đất với Văn phòng đăng ký đất đai tỉnh.'.normalize('NFD'),
    newAppointmentAt: '2026-12-07T16:00',
    signer: { role: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', name: 'Lê Minh Khôi' },
    ...overrides,
  };
}

export function sampleStopNotice(overrides: Partial<StopNoticeData> = {}): StopNoticeData {
  return {
    formSet: 'tt03-2025',
    agency: issuingAgency,
    number: '08/TB-UBND',
    issuedAt: '2026-11-26T14:00',
    recipient: { fullName: applicant.fullName, address: applicant.address },
    dossierCode: '000.00.06.H56-261123-0361',
    request: 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu',
    receivedAt: '2026-11-23T09:32',
    legalBasis: 'Luật Đất đai năm 2024',
    reason: 'Thửa đất đang có tranh chấp, đã được Tòa án nhân dân thụ lý giải quyết.'.normalize('NFD'),
    contact: { name: 'Đặng Quốc Bảo', phone: '0222 3812 345' },
    signer: { role: 'CHỦ TỊCH', name: 'Phạm Văn Đức' },
    ...overrides,
  };
}

export function sampleProcessingControl(overrides: Partial<ProcessingControlData> = {}): ProcessingControlData {
  return {
    agency: counterAgency,
    dossierCode: '000.00.06.H56-261123-0361',
    applicantName: applicant.fullName,
    request: 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu',
    receivedAt: '2026-11-23T09:32',
    appointmentAt: '2026-11-30T09:00',
    leadUnit: 'Công chức Địa chính – Nông nghiệp – Xây dựng và Môi trường',
    coordinatingUnits: ['Văn phòng đăng ký đất đai tỉnh Bắc Ninh – Chi nhánh Tiên Du'],
    handoffs: [
      { fromUnit: 'Bộ phận Một cửa', toUnit: 'Công chức Địa chính', at: '2026-11-23T10:15', fromPerson: 'Đặng Quốc Bảo', toPerson: 'Hoàng Thị Mai', dueAt: '2026-11-23T17:00' },
      { fromUnit: 'Công chức Địa chính', toUnit: 'Văn phòng đăng ký đất đai', at: '2026-11-26T08:30', fromPerson: 'Hoàng Thị Mai', dueAt: '2026-11-25T17:00', note: 'Chờ xác minh'.normalize('NFD') },
    ],
    ...overrides,
  };
}

export function sampleHandover(overrides: Partial<ResultHandoverData> = {}): ResultHandoverData {
  return {
    agency: counterAgency,
    number: '0361/GNKQ',
    dossierCode: '000.00.06.H56-261123-0361',
    request: 'Đăng ký khai sinh',
    owner: { fullName: applicant.fullName, idNumber: '027190001234', address: applicant.address },
    receivedAt: '2026-11-23T09:32',
    appointmentAt: '2026-11-30T09:00',
    returnedAt: '2026-11-27T15:20',
    receiver: { kind: 'authorised', fullName: 'Trần Văn Hùng'.normalize('NFD'), idNumber: '027088004321', authorisation: 'Giấy ủy quyền số 12/UQ ngày 20/11/2026' },
    delivery: { method: 'counter', place: 'Quầy số 2 – Bộ phận Một cửa UBND xã Tiên Du' },
    results: [
      { name: 'Giấy khai sinh (bản chính)', copies: 1 },
      { name: 'Trích lục khai sinh (bản sao)'.normalize('NFD'), copies: 2 },
    ],
    officerName: 'Đặng Quốc Bảo',
    ...overrides,
  };
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Ngọc', 'Minh', 'Thu', 'Quốc', 'Thanh'];
const GIVEN = ['An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hà', 'Hùng', 'Khánh', 'Linh', 'Mai', 'Nam', 'Phương', 'Quang', 'Thảo', 'Tuấn', 'Yến'];
const PROCEDURES = [
  'Đăng ký khai sinh',
  'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
  'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu',
  'Đăng ký kết hôn',
  'Cấp bản sao trích lục hộ tịch',
  'Xác nhận tình trạng hôn nhân',
];

/** `n` log-book lines in November 2026, deterministic (line k is always the same). */
export function logBookEntries(n: number): LogBookEntry[] {
  return Array.from({ length: n }, (_, k) => {
    const day = 2 + (k % 27);
    const received = `2026-11-${String(day).padStart(2, '0')}T${String(7 + (k % 9)).padStart(2, '0')}:${String((k * 7) % 60).padStart(2, '0')}`;
    const dueDay = Math.min(30, day + 5);
    const appointment = `2026-11-${String(dueDay).padStart(2, '0')}T16:00`;
    const done = k % 3 !== 0;
    return {
      line: k + 1,
      dossierCode: `000.00.06.H56-2611${String(day).padStart(2, '0')}-${String(k + 1).padStart(4, '0')}`,
      procedureName: PROCEDURES[k % PROCEDURES.length] as string,
      ownerName: `${FAMILY[k % FAMILY.length]} ${MIDDLE[(k >> 1) % MIDDLE.length]} ${GIVEN[(k * 7) % GIVEN.length]}`,
      address: `Số ${1 + (k % 150)}, thôn Đông Khê, xã Tiên Du, tỉnh Bắc Ninh`,
      phone: `09${String(10_000_000 + ((k * 7919) % 89_999_999)).padStart(8, '0')}`,
      receivedAt: received,
      appointmentAt: appointment,
      ...(done ? { resultAt: appointment.replace('T16:00', 'T09:00'), returnedAt: appointment.replace('T16:00', 'T10:30'), receiverName: 'Chủ hồ sơ' } : {}),
      ...(k % 11 === 0 ? { note: 'Trả qua bưu chính: EE123456785VN' } : {}),
    };
  });
}

export function sampleLogBook(entries: readonly LogBookEntry[] = logBookEntries(40), overrides: Partial<LogBookData> = {}): LogBookData {
  return { agency: counterAgency, volume: '11/2026', period: { from: '2026-11-01', to: '2026-11-30' }, entries, ...overrides };
}

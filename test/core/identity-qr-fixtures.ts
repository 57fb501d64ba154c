// Realistic texts of identity-card QR codes and of the other QR codes a reader at the counter
// meets. Invented people; every identity number is valid (province code, century/gender digit
// and year digits agree with the birth date and gender). No vitest import: benchmarks use it too.

import type { IdentityCard, IdentityQrFailureReason } from '../../main/core/identity-qr';

export type CardFixture = Readonly<{ label: string; text: string; card: IdentityCard }>;
export type OtherFixture = Readonly<{ label: string; text: string; reason: IdentityQrFailureReason; idNumber?: string }>;

/** The seven fields of the chip CCCD, a man from Hà Nội born in 1990 with an old CMND. */
export const CCCD_HANOI =
  '001090012345|013245678|Nguyễn Văn Bình|17051990|Nam|Số 12 ngõ 34 phố Tô Hiệu, Phường Nghĩa Đô, Quận Cầu Giấy, Hà Nội|15062021';

export const identityCards: readonly CardFixture[] = [
  {
    label: 'chip CCCD, seven fields with the old 9-digit number',
    text: CCCD_HANOI,
    card: {
      kind: 'cccd',
      idNumber: '001090012345',
      oldIdNumber: '013245678',
      fullName: 'Nguyễn Văn Bình',
      birthDate: '1990-05-17',
      gender: 'male',
      address: 'Số 12 ngõ 34 phố Tô Hiệu, Phường Nghĩa Đô, Quận Cầu Giấy, Hà Nội',
      issueDate: '2021-06-15',
    },
  },
  {
    label: 'chip CCCD, old number empty (a woman born in 1985)',
    text: '079185000123||Trần Thị Mai|01011985|Nữ|123/4 Lê Văn Sỹ, Phường 13, Quận 3, TP. Hồ Chí Minh|22042022',
    card: {
      kind: 'cccd',
      idNumber: '079185000123',
      fullName: 'Trần Thị Mai',
      birthDate: '1985-01-01',
      gender: 'female',
      address: '123/4 Lê Văn Sỹ, Phường 13, Quận 3, TP. Hồ Chí Minh',
      issueDate: '2022-04-22',
    },
  },
  {
    label: 'chip CCCD, a man born in the 2000s',
    text: '038204006789||Lê Minh Khang|09092004|Nam|Thôn Đông, Xã Quảng Phú, TP. Thanh Hóa, Thanh Hóa|03102021',
    card: {
      kind: 'cccd',
      idNumber: '038204006789',
      fullName: 'Lê Minh Khang',
      birthDate: '2004-09-09',
      gender: 'male',
      address: 'Thôn Đông, Xã Quảng Phú, TP. Thanh Hóa, Thanh Hóa',
      issueDate: '2021-10-03',
    },
  },
  {
    label: 'chip CCCD, name and gender in capitals (a woman born on 28/02/2001)',
    text: '027301004321|125678901|PHẠM THỊ HỒNG NHUNG|28022001|NỮ|Khu 3, Phường Đại Phúc, TP. Bắc Ninh, Bắc Ninh|10082021',
    card: {
      kind: 'cccd',
      idNumber: '027301004321',
      oldIdNumber: '125678901',
      fullName: 'PHẠM THỊ HỒNG NHUNG',
      birthDate: '2001-02-28',
      gender: 'female',
      address: 'Khu 3, Phường Đại Phúc, TP. Bắc Ninh, Bắc Ninh',
      issueDate: '2021-08-10',
    },
  },
  {
    label: 'six fields: a reader that leaves the old-number field out',
    text: '001090012345|Nguyễn Văn Bình|17051990|Nam|Số 12 ngõ 34 phố Tô Hiệu, Phường Nghĩa Đô, Quận Cầu Giấy, Hà Nội|15062021',
    card: {
      kind: 'cccd',
      idNumber: '001090012345',
      fullName: 'Nguyễn Văn Bình',
      birthDate: '1990-05-17',
      gender: 'male',
      address: 'Số 12 ngõ 34 phố Tô Hiệu, Phường Nghĩa Đô, Quận Cầu Giấy, Hà Nội',
      issueDate: '2021-06-15',
    },
  },
  {
    label: 'an Ê Đê name with an apostrophe',
    text: "066195004567||H'Linh Niê|12121995|Nữ|Buôn Ko Tam, Xã Ea Tu, TP. Buôn Ma Thuột, Đắk Lắk|25052021",
    card: {
      kind: 'cccd',
      idNumber: '066195004567',
      fullName: "H'Linh Niê",
      birthDate: '1995-12-12',
      gender: 'female',
      address: 'Buôn Ko Tam, Xã Ea Tu, TP. Buôn Ma Thuột, Đắk Lắk',
      issueDate: '2021-05-25',
    },
  },
  {
    label: 'identity card since 1/7/2024: seven fields, issued in August 2024',
    text: '040306009876||Hoàng Thị Lan Anh|05032006|Nữ|Xóm 5, Xã Nghi Phong, Tỉnh Nghệ An|12082024',
    card: {
      kind: 'can_cuoc',
      idNumber: '040306009876',
      fullName: 'Hoàng Thị Lan Anh',
      birthDate: '2006-03-05',
      gender: 'female',
      address: 'Xóm 5, Xã Nghi Phong, Tỉnh Nghệ An',
      issueDate: '2024-08-12',
    },
  },
  {
    label: "identity card since 1/7/2024 of a child: expiry date and parents' names after the issue date",
    text: '001215003456||Đỗ Gia Bảo|20112015|Nam|Số 8 phố Huế, Phường Hai Bà Trưng, Hà Nội|02082024|20112029|Đỗ Văn Tùng|Vũ Thị Hà',
    card: {
      kind: 'can_cuoc',
      idNumber: '001215003456',
      fullName: 'Đỗ Gia Bảo',
      birthDate: '2015-11-20',
      gender: 'male',
      address: 'Số 8 phố Huế, Phường Hai Bà Trưng, Hà Nội',
      issueDate: '2024-08-02',
    },
  },
  {
    label: 'identity card since 1/7/2024 with the old CMND and a cancelled identity number',
    text: '036192001122|161234567|Vũ Thị Thanh Hương|14021992|Nữ|Tổ 4, Phường Nam Định, Tỉnh Ninh Bình|20092024|14022032|036192009999',
    card: {
      kind: 'can_cuoc',
      idNumber: '036192001122',
      oldIdNumber: '161234567',
      fullName: 'Vũ Thị Thanh Hương',
      birthDate: '1992-02-14',
      gender: 'female',
      address: 'Tổ 4, Phường Nam Định, Tỉnh Ninh Bình',
      issueDate: '2024-09-20',
    },
  },
];

/** EMVCo payload of a VietQR transfer (bank BIN 970436), with its real CRC-16. */
export const VIETQR_PAYMENT =
  '00020101021238570010A00000072701270006970436011300110012345670208QRIBFTTA53037045405500005802VN62180814Le phi ho tich6304AF70';

export const otherCodes: readonly OtherFixture[] = [
  { label: 'the portal lookup URL printed on a slip', text: 'https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?ma=000.00.06.H56-261123-0001', reason: 'not_identity_card' },
  { label: 'a VietQR payment code', text: VIETQR_PAYMENT, reason: 'not_identity_card' },
  { label: 'an EAN-13 product barcode', text: '8935049500513', reason: 'not_identity_card' },
  // Health-insurance card QR: card code, hex-encoded name, birth date, gender code, … (no 12-digit first field).
  { label: 'a health-insurance (BHYT) card', text: 'GD4010123456789|4e677579e1bb856e2056c4836e2042c3ac6e68|17/05/1990|1|...|01 - 001|01/01/2026|-|', reason: 'not_identity_card' },
  { label: 'a bank app QR of an account number with a pipe', text: '9704360011001234567|VCB|NGUYEN VAN BINH', reason: 'not_identity_card' },
  { label: 'only white space and a line end', text: '  \r\n', reason: 'empty' },
];

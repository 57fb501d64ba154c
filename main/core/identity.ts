import { StationError } from './errors';
import type { LocalDate } from './model';

// Province codes of the 12-digit personal identity number (Circular 07/2016/TT-BCA annex).
// Numbers issued before the 2025 merger keep the old codes, and the 34 merged provinces
// kept codes from this list, so this one table validates old and new numbers alike.
export const provinceCodes: Readonly<Record<string, string>> = {
  '001': 'Hà Nội', '002': 'Hà Giang', '004': 'Cao Bằng', '006': 'Bắc Kạn', '008': 'Tuyên Quang',
  '010': 'Lào Cai', '011': 'Điện Biên', '012': 'Lai Châu', '014': 'Sơn La', '015': 'Yên Bái',
  '017': 'Hòa Bình', '019': 'Thái Nguyên', '020': 'Lạng Sơn', '022': 'Quảng Ninh', '024': 'Bắc Giang',
  '025': 'Phú Thọ', '026': 'Vĩnh Phúc', '027': 'Bắc Ninh', '030': 'Hải Dương', '031': 'Hải Phòng',
  '033': 'Hưng Yên', '034': 'Thái Bình', '035': 'Hà Nam', '036': 'Nam Định', '037': 'Ninh Bình',
  '038': 'Thanh Hóa', '040': 'Nghệ An', '042': 'Hà Tĩnh', '044': 'Quảng Bình', '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế', '048': 'Đà Nẵng', '049': 'Quảng Nam', '051': 'Quảng Ngãi', '052': 'Bình Định',
  '054': 'Phú Yên', '056': 'Khánh Hòa', '058': 'Ninh Thuận', '060': 'Bình Thuận', '062': 'Kon Tum',
  '064': 'Gia Lai', '066': 'Đắk Lắk', '067': 'Đắk Nông', '068': 'Lâm Đồng', '070': 'Bình Phước',
  '072': 'Tây Ninh', '074': 'Bình Dương', '075': 'Đồng Nai', '077': 'Bà Rịa - Vũng Tàu', '079': 'Hồ Chí Minh',
  '080': 'Long An', '082': 'Tiền Giang', '083': 'Bến Tre', '084': 'Trà Vinh', '086': 'Vĩnh Long',
  '087': 'Đồng Tháp', '089': 'An Giang', '091': 'Kiên Giang', '092': 'Cần Thơ', '093': 'Hậu Giang',
  '094': 'Sóc Trăng', '095': 'Bạc Liêu', '096': 'Cà Mau',
};

export type Gender = 'male' | 'female';

/** Digit 4 encodes century and gender: 0/1 → 1900s, 2/3 → 2000s, … even male, odd female. */
function centuryOf(digit: number): number {
  return 1900 + Math.floor(digit / 2) * 100;
}

export type IdNumberInfo = Readonly<{ province: string; provinceName: string; gender: Gender; birthYear: number }>;

/**
 * Checks a personal identity number (CCCD / số định danh cá nhân) against its structure and,
 * when known, the date of birth. Throws StationError with field "idNumber" on the first problem.
 */
export function checkIdNumber(idNumber: string, birthDate?: LocalDate): IdNumberInfo {
  const field = 'idNumber';
  if (!/^\d{12}$/.test(idNumber)) throw new StationError('ID_NUMBER_FORMAT', {}, field);
  const province = idNumber.slice(0, 3);
  const provinceName = provinceCodes[province];
  if (!provinceName) throw new StationError('ID_NUMBER_PROVINCE', { province }, field);
  const digit = Number(idNumber[3]);
  const yy = idNumber.slice(4, 6);
  const birthYear = centuryOf(digit) + Number(yy);
  if (birthDate) {
    const year = Number(birthDate.slice(0, 4));
    if (centuryOf(digit) !== Math.floor(year / 100) * 100) {
      throw new StationError('ID_NUMBER_CENTURY', { digit, year }, field);
    }
    if (yy !== birthDate.slice(2, 4)) throw new StationError('ID_NUMBER_YEAR', { digits: yy, year }, field);
  }
  return { province, provinceName, gender: digit % 2 === 0 ? 'male' : 'female', birthYear };
}

// Mobile prefixes in use after the 2018 renumbering; landlines are 0 + 2xx area code + 7–8 digits (11 digits).
const MOBILE = /^0(3[2-9]|5[25689]|7[06-9]|8[1-9]|9\d)\d{7}$/;
const LANDLINE = /^02\d{9}$/;

/** Normalises "+84 912 345 678", "0912.345.678", "84912345678" to "0912345678"; null when not Vietnamese. */
export function normalizePhone(input: string): string | null {
  let digits = input.replace(/[\s.\-()]/g, '');
  if (digits.startsWith('+84')) digits = '0' + digits.slice(3);
  else if (/^84\d{9,10}$/.test(digits)) digits = '0' + digits.slice(2);
  return MOBILE.test(digits) || LANDLINE.test(digits) ? digits : null;
}

export function isEmail(input: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(input) && input.length <= 254;
}

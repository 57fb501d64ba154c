// Realistic Vietnamese applicants for the search benchmark: family names weighted as in the
// population, gendered middle and given names, identity numbers consistent with the birth date
// (valid province codes), mobile numbers in the prefixes in use since 2018.

import { pick, weighted } from './stats';

export type Gender = 'male' | 'female';

export type Person = {
  fullName: string;
  gender: Gender;
  birthDate: string;
  idNumber: string;
  phone: string;
  email: string | null;
  address: string;
};

// Share of the population, percent (commonly cited figures); the tail shares the rest.
const FAMILY_NAMES: ReadonlyArray<readonly [string, number]> = [
  ['Nguyễn', 38.4], ['Trần', 11.0], ['Lê', 9.5], ['Phạm', 7.1], ['Hoàng', 3.1], ['Huỳnh', 2.0],
  ['Phan', 4.5], ['Vũ', 2.0], ['Võ', 1.9], ['Đặng', 2.1], ['Bùi', 2.0], ['Đỗ', 1.4], ['Hồ', 1.3],
  ['Ngô', 1.3], ['Dương', 1.0], ['Lý', 0.5], ['Đinh', 0.9], ['Đoàn', 0.7], ['Trương', 0.7],
  ['Lâm', 0.5], ['Mai', 0.5], ['Trịnh', 0.5], ['Cao', 0.4], ['Lương', 0.4], ['Hà', 0.4], ['Tạ', 0.3],
  ['Chu', 0.3], ['Lưu', 0.3], ['Tô', 0.3], ['Kiều', 0.2], ['Quách', 0.2], ['Thái', 0.2], ['Vương', 0.2],
  ['Triệu', 0.2], ['Phùng', 0.2], ['Đào', 0.4], ['La', 0.1], ['Châu', 0.2], ['Tăng', 0.1], ['Khúc', 0.1],
  ['Nông', 0.2], ['Lò', 0.1], ['Hứa', 0.1], ['Âu', 0.1], ['Doãn', 0.1], ['Khổng', 0.05], ['Tống', 0.1],
  ['Mạc', 0.05], ['Lại', 0.1], ['Giáp', 0.05], ['Ông', 0.05], ['Kim', 0.05],
];

const MIDDLE_MALE: ReadonlyArray<readonly [string, number]> = [
  ['Văn', 40], ['Hữu', 6], ['Đức', 7], ['Minh', 8], ['Quốc', 5], ['Thanh', 4], ['Ngọc', 3], ['Công', 4],
  ['Xuân', 3], ['Quang', 4], ['Tiến', 2], ['Trung', 2], ['Anh', 2], ['Hoàng', 2], ['Gia', 2], ['Thế', 2],
  ['Đình', 3], ['Bá', 1], ['Mạnh', 1], ['Duy', 2], ['Văn Minh', 1], ['Đức Anh', 1], ['Hữu Thành', 0.5],
];
const MIDDLE_FEMALE: ReadonlyArray<readonly [string, number]> = [
  ['Thị', 50], ['Ngọc', 6], ['Thu', 5], ['Thanh', 5], ['Minh', 3], ['Kim', 3], ['Mai', 2], ['Bảo', 2],
  ['Phương', 2], ['Hồng', 3], ['Thuỳ', 2], ['Diệu', 1], ['Khánh', 2], ['Hải', 1], ['Quỳnh', 1], ['Hoài', 1],
  ['Thị Thu', 3], ['Thị Ngọc', 2], ['Thị Thanh', 2], ['Ngọc Bảo', 1], ['Thị Kim', 1], ['Thị Hồng', 1],
];

const GIVEN_MALE = [
  'An', 'Anh', 'Bảo', 'Bình', 'Cường', 'Chiến', 'Công', 'Dũng', 'Duy', 'Dương', 'Đạt', 'Đức', 'Định', 'Đông',
  'Giang', 'Hải', 'Hào', 'Hậu', 'Hiếu', 'Hiển', 'Hiệp', 'Hoà', 'Hoàng', 'Huy', 'Hùng', 'Hưng', 'Khang', 'Khánh',
  'Khoa', 'Kiên', 'Lâm', 'Long', 'Lực', 'Mạnh', 'Minh', 'Nam', 'Nghĩa', 'Nhân', 'Phong', 'Phúc', 'Phước',
  'Quang', 'Quân', 'Quốc', 'Quý', 'Sơn', 'Tài', 'Tâm', 'Thái', 'Thắng', 'Thành', 'Thịnh', 'Thông', 'Tiến',
  'Toàn', 'Trí', 'Trọng', 'Trung', 'Trường', 'Tú', 'Tuấn', 'Tùng', 'Việt', 'Vinh', 'Vũ', 'Hoàn', 'Lộc',
  'Luân', 'Đăng', 'Nguyên', 'Nhật', 'Phát', 'Tân', 'Thuận', 'Tín', 'Khải', 'Kiệt', 'Hiền',
];
const GIVEN_FEMALE = [
  'An', 'Anh', 'Ánh', 'Bích', 'Chi', 'Châu', 'Diệp', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền',
  'Hoa', 'Hoài', 'Hồng', 'Huệ', 'Hương', 'Hường', 'Huyền', 'Khánh', 'Lan', 'Liên', 'Linh', 'Loan', 'Ly', 'Mai',
  'My', 'Nga', 'Ngân', 'Ngọc', 'Nhung', 'Như', 'Nhi', 'Oanh', 'Phương', 'Phượng', 'Quỳnh', 'Tâm', 'Thảo',
  'Thanh', 'Thoa', 'Thu', 'Thuý', 'Thuỷ', 'Thư', 'Trang', 'Trâm', 'Trinh', 'Tuyết', 'Uyên', 'Vân', 'Vi', 'Xuân',
  'Yến', 'Diễm', 'Lệ', 'Nguyệt', 'Quyên', 'Sen', 'Tiên', 'Trúc', 'Tú', 'Kiều', 'Lụa', 'Hạ', 'Gấm', 'Đào',
  'Nhàn', 'Thơm', 'Hậu', 'Lành', 'Mận',
];

/** Zipf-like weights: the first names of each list are the most frequent. */
const zipf = (names: readonly string[]): Array<readonly [string, number]> => names.map((n, i) => [n, 1 / (i + 3) ** 0.8] as const);

// Province codes of the identity number: mostly the commune's own province (Bắc Ninh 027 and the
// merged Bắc Giang 024), then Hà Nội and the big cities, then the rest.
const PROVINCES: ReadonlyArray<readonly [string, number]> = [
  ['027', 45], ['024', 20], ['001', 10], ['079', 3], ['031', 2], ['030', 2], ['033', 2], ['022', 1.5],
  ['019', 1.5], ['026', 1.5], ['038', 1.5], ['040', 1.5], ['034', 1], ['036', 1], ['035', 1], ['025', 1],
  ['037', 1], ['042', 0.5], ['048', 0.5], ['092', 0.5], ['002', 0.3], ['004', 0.3], ['010', 0.3], ['096', 0.3],
  ['066', 0.3], ['075', 0.3], ['089', 0.3],
];

const MOBILE_PREFIXES: ReadonlyArray<readonly [string, number]> = [
  // Viettel
  ['086', 3], ['096', 5], ['097', 6], ['098', 6], ['032', 3], ['033', 3], ['034', 3], ['035', 3], ['036', 3], ['037', 3], ['038', 3], ['039', 3],
  // Vinaphone
  ['088', 2], ['091', 5], ['094', 4], ['081', 1.5], ['082', 1.5], ['083', 1.5], ['084', 1.5], ['085', 1.5],
  // MobiFone
  ['089', 1.5], ['090', 4], ['093', 3], ['070', 1.5], ['076', 1], ['077', 1.5], ['078', 1], ['079', 1],
  // Vietnamobile, Gmobile, Reddi
  ['092', 1], ['056', 0.5], ['058', 0.5], ['099', 0.5], ['059', 0.3], ['055', 0.2],
];

const VILLAGES = ['Đông Khê', 'Tiên Du', 'Lạc Vệ', 'Phú Lâm', 'Liên Bão', 'Hoàn Sơn', 'Nội Duệ', 'Việt Đoàn', 'Đại Đồng',
  'Minh Đạo', 'Cảnh Hưng', 'Tri Phương', 'Hiên Vân', 'Tân Chi', 'Phật Tích', 'Dũng Vi', 'Lũng Giang', 'Ngang Nội'];
const COMMUNES = ['Tiên Du', 'Liên Bão', 'Phật Tích', 'Đại Đồng', 'Tân Chi', 'Tam Sơn', 'Tương Giang', 'Từ Sơn'];
const MAIL_DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.com', 'outlook.com'];

const familyName = weighted(FAMILY_NAMES);
const middleMale = weighted(MIDDLE_MALE);
const middleFemale = weighted(MIDDLE_FEMALE);
const givenMale = weighted(zipf(GIVEN_MALE));
const givenFemale = weighted(zipf(GIVEN_FEMALE));
const province = weighted(PROVINCES);
const mobilePrefix = weighted(MOBILE_PREFIXES);

export const GIVEN_NAME_COUNT = new Set([...GIVEN_MALE, ...GIVEN_FEMALE]).size;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const ASCII = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, '');

function birthDate(random: () => number): string {
  // Applicants are adults mostly, parents registering a child's birth use the parent's data.
  const year = 1940 + Math.floor(random() ** 0.7 * 67); // 1940–2006, skewed to the young side
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  return `${year}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function idNumber(birth: string, gender: Gender, provinceCode: string, serial: number): string {
  const year = Number(birth.slice(0, 4));
  const digit = (Math.floor(year / 100) - 19) * 2 + (gender === 'female' ? 1 : 0);
  return `${provinceCode}${digit}${birth.slice(2, 4)}${pad(serial, 6)}`;
}

export function person(random: () => number): Person {
  const gender: Gender = random() < 0.52 ? 'female' : 'male';
  const family = familyName(random);
  const roll = random();
  const middle = roll < 0.04 ? '' : gender === 'male' ? middleMale(random) : middleFemale(random);
  const given = gender === 'male' ? givenMale(random) : givenFemale(random);
  const fullName = [family, middle, given].filter(Boolean).join(' ').normalize('NFC');
  const birth = birthDate(random);
  const id = idNumber(birth, gender, province(random), Math.floor(random() * 1_000_000));
  const phone = `${mobilePrefix(random)}${pad(Math.floor(random() * 10_000_000), 7)}`;
  const email = random() < 0.2 ? `${ASCII(given)}${ASCII(family)}${birth.slice(2, 4)}@${pick(random, MAIL_DOMAINS)}` : null;
  const address = `Số ${1 + Math.floor(random() * 200)}, thôn ${pick(random, VILLAGES)}, xã ${pick(random, COMMUNES)}, tỉnh Bắc Ninh`.normalize('NFC');
  return { fullName, gender, birthDate: birth, idNumber: id, phone, email, address };
}

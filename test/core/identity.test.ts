import { describe, it, expect } from 'vitest';
import { checkIdNumber, isEmail, normalizePhone, provinceCodes } from '../../main/core/identity';
import { StationError } from '../../main/core/errors';
import { messages } from '../../main/messages';

const formatError = messages.error;
import { idNumberFor } from '../helpers/people';

/** The typed error checkIdNumber throws, or undefined when the number is accepted. */
function refusal(idNumber: string, birthDate?: string): StationError | undefined {
  try {
    checkIdNumber(idNumber, birthDate);
    return undefined;
  } catch (e) {
    if (e instanceof StationError) return e;
    throw e;
  }
}

describe('personal identity number (CCCD)', () => {
  it('accepts numbers consistent with the date of birth, for men and women of both centuries', () => {
    expect(checkIdNumber('001090012345', '1990-05-17')).toEqual({ province: '001', provinceName: 'Hà Nội', gender: 'male', birthYear: 1990 });
    expect(checkIdNumber('079185000123', '1985-01-01')).toEqual({ province: '079', provinceName: 'Hồ Chí Minh', gender: 'female', birthYear: 1985 });
    expect(checkIdNumber('027201000001', '2001-12-31')).toEqual({ province: '027', provinceName: 'Bắc Ninh', gender: 'male', birthYear: 2001 });
    expect(checkIdNumber('096300999999', '2000-02-29')).toMatchObject({ province: '096', gender: 'female', birthYear: 2000 });
    expect(checkIdNumber('001199000000', '1999-06-01')).toMatchObject({ gender: 'female', birthYear: 1999 });
  });

  it('accepts a number without a date of birth and derives the birth year from it', () => {
    expect(checkIdNumber('038305123456')).toMatchObject({ provinceName: 'Thanh Hóa', gender: 'female', birthYear: 2005 });
  });

  it('keeps the old province codes of numbers issued before the 2025 merger', () => {
    // Hà Giang merged into Tuyên Quang, Bắc Giang into Bắc Ninh: their numbers stay valid.
    expect(checkIdNumber(idNumberFor('1970-03-03', 'male', { province: '002' }), '1970-03-03').provinceName).toBe('Hà Giang');
    expect(checkIdNumber(idNumberFor('1970-03-03', 'female', { province: '024' }), '1970-03-03').provinceName).toBe('Bắc Giang');
    expect(Object.keys(provinceCodes)).toHaveLength(63);
  });

  it('derives the gender from the 4th digit', () => {
    expect(checkIdNumber(idNumberFor('1962-07-07', 'male')).gender).toBe('male');
    expect(checkIdNumber(idNumberFor('1962-07-07', 'female')).gender).toBe('female');
    expect(checkIdNumber(idNumberFor('2010-07-07', 'male')).gender).toBe('male');
    expect(checkIdNumber(idNumberFor('2010-07-07', 'female')).gender).toBe('female');
  });

  it.each([
    ['00109001234', 'eleven digits'],
    ['0010900123456', 'thirteen digits'],
    ['00109001234A', 'a letter'],
    ['001 090 012 345', 'spaces'],
    ['', 'nothing'],
    ['００１０９００１２３４５', 'full-width digits'],
  ])('refuses %j (%s) as a malformed number', (idNumber) => {
    const error = refusal(idNumber);
    expect(error?.code).toBe('ID_NUMBER_FORMAT');
    expect(error?.field).toBe('idNumber');
  });

  it.each(['000', '003', '005', '099', '100', '097'])('refuses the unknown province code %s', (province) => {
    const error = refusal(`${province}090012345`, '1990-01-01');
    expect(error?.code).toBe('ID_NUMBER_PROVINCE');
    expect(error?.params).toEqual({ province });
    expect(formatError('ID_NUMBER_PROVINCE', error!.params, 'vi')).toBe(`Mã tỉnh "${province}" ở 3 số đầu của số định danh không có trong danh mục.`);
  });

  it('refuses a century digit that contradicts the birth year', () => {
    // Born 2001: digit must be 2 (male) or 3 (female); 0/1 mean the 1900s.
    expect(refusal('001001012345', '2001-04-04')?.code).toBe('ID_NUMBER_CENTURY');
    expect(refusal('001101012345', '2001-04-04')?.code).toBe('ID_NUMBER_CENTURY');
    // Born 1999 with a 2000s digit.
    expect(refusal('001299012345', '1999-04-04')?.code).toBe('ID_NUMBER_CENTURY');
    expect(refusal('001399012345', '1999-04-04')?.code).toBe('ID_NUMBER_CENTURY');
    const error = refusal('001001012345', '2001-04-04');
    expect(formatError(error!.code, error!.params, 'vi')).toBe('Số thứ 4 của số định danh (0) không khớp với năm sinh 2001.');
  });

  it('refuses year digits that are not the last two digits of the birth year', () => {
    const error = refusal('001091012345', '1990-05-17');
    expect(error?.code).toBe('ID_NUMBER_YEAR');
    expect(formatError(error!.code, error!.params, 'vi')).toBe('Số thứ 5–6 của số định danh (91) phải là 2 số cuối của năm sinh 1990.');
    expect(refusal('001209012345', '2010-05-17')?.code).toBe('ID_NUMBER_YEAR');
  });
});

describe('phone numbers', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['0912 345 678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['0912-345-678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['+84912345678', '0912345678'],
    ['84912345678', '0912345678'],
    ['(+84) 912 345 678', '0912345678'],
    ['0862 123 456', '0862123456'],
    ['0326 123 456', '0326123456'],
    ['0708 123 456', '0708123456'],
    ['0888 123 456', '0888123456'],
    ['0599 123 456', '0599123456'], // Gmobile
    ['0559 123 456', '0559123456'], // Wintel (formerly Reddi), 055 since 2021
  ])('accepts the mobile number %j as %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    ['024 3825 3536', '02438253536'], // Hà Nội
    ['028 3829 1234', '02838291234'], // Hồ Chí Minh
    ['0222 381 2345', '02223812345'], // Bắc Ninh
    ['+84 24 3825 3536', '02438253536'],
  ])('accepts the landline %j as %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    ['0123456789', 'a 10-digit number with the retired 01x prefix'],
    ['01234567890', 'an old 11-digit mobile number (renumbered in 2018)'],
    ['0912345', 'too short'],
    ['09123456789', 'a mobile number with one digit too many'],
    ['0243825353', 'a landline with one digit missing'],
    ['0012345678', 'an international prefix'],
    ['+1 212 555 0100', 'a foreign number'],
    ['0912abc678', 'letters'],
    ['', 'nothing'],
  ])('refuses %j (%s)', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
});

describe('email', () => {
  it('accepts ordinary addresses and refuses malformed ones', () => {
    expect(isEmail('thuytien.nguyen@gmail.com')).toBe(true);
    expect(isEmail('van.an@tiendu.bacninh.gov.vn')).toBe(true);
    expect(isEmail('van an@gmail.com')).toBe(false);
    expect(isEmail('vanan@gmail')).toBe(false);
    expect(isEmail('@gmail.com')).toBe(false);
    expect(isEmail(`${'a'.repeat(250)}@x.vn`)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { looksLikeIdentityQr, parseIdentityQr, type IdentityQrResult } from '../../main/core/identity-qr';
import { checkIdNumber } from '../../main/core/identity';
import { CCCD_HANOI, identityCards, otherCodes } from './identity-qr-fixtures';

const ADDRESS = 'Số 12 ngõ 34 phố Tô Hiệu, Phường Nghĩa Đô, Quận Cầu Giấy, Hà Nội';

function failure(result: IdentityQrResult) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.card)}`);
  return result;
}

function success(result: IdentityQrResult) {
  if (!result.ok) throw new Error(`expected a card, got ${result.reason}`);
  return result;
}

describe('identity-card QR: the cards', () => {
  it('fixtures are valid people: each number agrees with the birth date and gender', () => {
    for (const f of identityCards) {
      expect(checkIdNumber(f.card.idNumber, f.card.birthDate).gender, f.label).toBe(f.card.gender);
    }
  });

  it.each(identityCards.map((f) => [f.label, f] as const))('reads %s', (_label, fixture) => {
    expect(success(parseIdentityQr(fixture.text)).card).toEqual(fixture.card);
  });

  it('reads the same card from decomposed (NFD) text and answers composed (NFC) fields', () => {
    for (const f of identityCards) {
      const nfd = f.text.normalize('NFD');
      expect(nfd).not.toBe(f.text);
      const { card } = success(parseIdentityQr(nfd));
      expect(card).toEqual(f.card);
      expect(card.fullName === card.fullName.normalize('NFC')).toBe(true);
      expect(card.address === undefined || card.address === card.address.normalize('NFC')).toBe(true);
    }
  });

  it('ignores a BOM, a line end and stray spaces, and collapses spaces inside fields', () => {
    const text = `\uFEFF 001090012345| 013245678 |Nguyễn  Văn\u00a0Bình |17051990| nam |Số 12  ngõ 34 phố Tô Hiệu, Phường Nghĩa Đô, Quận Cầu Giấy, Hà Nội|15062021\r\n`;
    const { card, warnings } = success(parseIdentityQr(text));
    expect(card).toMatchObject({ fullName: 'Nguyễn Văn Bình', gender: 'male', oldIdNumber: '013245678', address: ADDRESS });
    expect(warnings).toEqual([]);
  });

  it('knows the gender word in any case and in NFD', () => {
    for (const word of ['Nữ', 'nữ', 'NỮ', 'Nữ'.normalize('NFD'), 'NỮ'.normalize('NFD')]) {
      const text = `079185000123||Trần Thị Mai|01011985|${word}|Quận 3, TP. Hồ Chí Minh|22042022`;
      expect(success(parseIdentityQr(text)).card.gender, word).toBe('female');
    }
  });

  it('finds the fields by content when a reader puts the gender before the birth date', () => {
    const text = `001090012345|Nguyễn Văn Bình|Nam|17051990|${ADDRESS}|15062021`;
    expect(success(parseIdentityQr(text)).card).toMatchObject({ birthDate: '1990-05-17', gender: 'male', address: ADDRESS, issueDate: '2021-06-15' });
  });

  it("reports the new card's extra content it does not use", () => {
    const child = identityCards.find((f) => f.card.idNumber === '001215003456')!;
    expect(success(parseIdentityQr(child.text)).warnings).toEqual([{ code: 'extra_fields', value: '3' }]);
    const cancelled = identityCards.find((f) => f.card.idNumber === '036192001122')!;
    expect(success(parseIdentityQr(cancelled.text)).warnings).toEqual([
      { code: 'second_number', value: '036192009999' },
      { code: 'extra_fields', value: '1' },
    ]);
  });

  it('tells the chip CCCD from the identity card issued since 1 July 2024 by the issue date', () => {
    const onJune30 = success(parseIdentityQr(CCCD_HANOI.replace('15062021', '30062024'))).card;
    const onJuly1 = success(parseIdentityQr(CCCD_HANOI.replace('15062021', '01072024'))).card;
    expect([onJune30.kind, onJuly1.kind]).toEqual(['cccd', 'can_cuoc']);
  });

  it('leaves out an issue date that is not a real date, before the birth or after today, and says so', () => {
    const unreal = success(parseIdentityQr(CCCD_HANOI.replace('15062021', '31062021')));
    expect(unreal.card.issueDate).toBeUndefined();
    expect(unreal.warnings).toEqual([{ code: 'issue_date_invalid', value: '31062021' }]);

    const beforeBirth = success(parseIdentityQr(CCCD_HANOI.replace('15062021', '15061989')));
    expect(beforeBirth.card.issueDate).toBeUndefined();
    expect(beforeBirth.warnings).toEqual([{ code: 'issue_date_implausible', value: '1989-06-15' }]);

    const today = '2026-11-23';
    const tomorrow = success(parseIdentityQr(CCCD_HANOI.replace('15062021', '24112026'), { today }));
    expect(tomorrow.card.issueDate).toBeUndefined();
    expect(tomorrow.warnings).toEqual([{ code: 'issue_date_implausible', value: '2026-11-24' }]);
    expect(success(parseIdentityQr(CCCD_HANOI.replace('15062021', '23112026'), { today })).card.issueDate).toBe(today);
  });

  it('takes a card without an address and warns', () => {
    const result = success(parseIdentityQr('001090012345|013245678|Nguyễn Văn Bình|17051990|Nam||15062021'));
    expect(result.card.address).toBeUndefined();
    expect(result.warnings).toEqual([{ code: 'address_missing' }]);
  });
});

describe('identity-card QR: what is refused', () => {
  it.each(otherCodes.map((f) => [f.label, f] as const))('%s', (_label, fixture) => {
    const result = failure(parseIdentityQr(fixture.text));
    expect(result.reason).toBe(fixture.reason);
    expect(result.idNumber).toBeUndefined();
  });

  it('empty text', () => {
    expect(parseIdentityQr('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseIdentityQr('\uFEFF')).toEqual({ ok: false, reason: 'empty' });
  });

  it('a burst cut anywhere after the number: truncated, and the number is kept', () => {
    // Every prefix from the full number up to one character short of the end.
    for (let cut = 12; cut < CCCD_HANOI.length; cut += 1) {
      const prefix = CCCD_HANOI.slice(0, cut);
      expect(parseIdentityQr(prefix), prefix).toEqual({ ok: false, reason: 'truncated', idNumber: '001090012345' });
    }
    expect(parseIdentityQr(CCCD_HANOI).ok).toBe(true);
  });

  it('a burst cut inside NFD text is truncated too', () => {
    const nfd = CCCD_HANOI.normalize('NFD');
    const cut = nfd.indexOf('Bi') + 2; // after "Bi", before the combining acute of "ì"
    expect(parseIdentityQr(nfd.slice(0, cut))).toEqual({ ok: false, reason: 'truncated', idNumber: '001090012345' });
  });

  it('a number whose province code does not exist', () => {
    expect(parseIdentityQr(CCCD_HANOI.replace('001090012345', '003090012345'))).toEqual({ ok: false, reason: 'number_invalid' });
    expect(parseIdentityQr('003090012345')).toEqual({ ok: false, reason: 'number_invalid' });
  });

  it('a birth date that is not a real date, or after today', () => {
    expect(parseIdentityQr(CCCD_HANOI.replace('17051990', '30021990'))).toEqual({ ok: false, reason: 'birth_date_invalid', idNumber: '001090012345' });
    expect(parseIdentityQr(CCCD_HANOI.replace('17051990', '17131990'))).toEqual({ ok: false, reason: 'birth_date_invalid', idNumber: '001090012345' });
    const baby = '001226000001||Nguyễn Văn An|24112026|Nam|Hà Nội|24112026';
    expect(parseIdentityQr(baby, { today: '2026-11-23' })).toEqual({ ok: false, reason: 'birth_date_invalid', idNumber: '001226000001' });
  });

  it("the number's digits disagree with the birth date or the gender", () => {
    const id = '001090012345';
    // Year digits 90, born 1991.
    expect(parseIdentityQr(CCCD_HANOI.replace('17051990', '17051991'))).toEqual({ ok: false, reason: 'number_mismatch', idNumber: id });
    // Century digit 0 (1900s), born 2090 — year digits agree, the century does not.
    expect(parseIdentityQr(CCCD_HANOI.replace('17051990', '17052090'))).toEqual({ ok: false, reason: 'number_mismatch', idNumber: id });
    // Digit 0 is a man; the card says Nữ.
    expect(parseIdentityQr(CCCD_HANOI.replace('|Nam|', '|Nữ|'))).toEqual({ ok: false, reason: 'number_mismatch', idNumber: id });
  });

  it('digits where the name belongs', () => {
    const text = CCCD_HANOI.replace('Nguyễn Văn Bình', 'Ngu7en V4n B1nh');
    expect(parseIdentityQr(text)).toEqual({ ok: false, reason: 'name_invalid', idNumber: '001090012345' });
  });

  it('a lone valid number (a reader sending only the number) falls back to the number', () => {
    expect(parseIdentityQr('001090012345\r\n')).toEqual({ ok: false, reason: 'truncated', idNumber: '001090012345' });
  });
});

describe('looksLikeIdentityQr', () => {
  it('is true for every card and false for the other codes', () => {
    for (const f of identityCards) expect(looksLikeIdentityQr(f.text), f.label).toBe(true);
    expect(looksLikeIdentityQr(`\uFEFF${CCCD_HANOI}`)).toBe(true);
    for (const f of otherCodes) expect(looksLikeIdentityQr(f.text), f.label).toBe(false);
    expect(looksLikeIdentityQr('00109001234|x')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { cardValues, planFill } from '../../../../renderer/src/features/devices/card-fill';

// What a card read does to the intake form: empty fields are filled, fields the officer typed
// differently wait for the officer's word, fields typed the same (marks, case, spaces aside) are left.

const card = {
  kind: 'cccd' as const,
  idNumber: '001090012345',
  fullName: 'Nguyễn Văn Bình',
  birthDate: '1990-05-17',
  gender: 'male' as const,
  address: 'Số 12 ngõ 34 phố Tô Hiệu, Phường Nghĩa Đô, Quận Cầu Giấy, Hà Nội',
};
const empty = { fullName: '', idNumber: '', birthDate: '', address: '' };

describe('a card read on the intake form', () => {
  it('fills every empty field, the date as the officer types it', () => {
    expect(planFill(empty, cardValues(card))).toEqual({
      fill: { fullName: 'Nguyễn Văn Bình', idNumber: '001090012345', birthDate: '17/05/1990', address: card.address },
      differ: [],
    });
  });

  it('keeps what was typed otherwise aside for a question, and leaves what agrees', () => {
    const typed = { fullName: 'Nguyen Van Binh', idNumber: '001090012345', birthDate: '', address: '  số 12 ngõ 34 phố tô hiệu,  phường nghĩa đô, quận cầu giấy, hà nội ' };
    expect(planFill(typed, cardValues(card))).toEqual({
      fill: { birthDate: '17/05/1990' },
      differ: [{ field: 'fullName', typed: 'Nguyen Van Binh', card: 'Nguyễn Văn Bình' }],
    });
  });

  it('compares in NFC: a name typed with combining marks is the same name', () => {
    const decomposed = 'Nguyễn Văn Bình'.normalize('NFD');
    expect(planFill({ ...empty, fullName: decomposed }, cardValues(card)).differ).toEqual([]);
  });

  it('a card without an address leaves the address alone', () => {
    const { address: _none, ...noAddress } = card;
    expect(planFill({ ...empty, address: 'Thôn Đông' }, cardValues(noAddress)).fill).not.toHaveProperty('address');
  });
});

import { describe, expect, it } from 'vitest';
import { displayChannels } from '../../../../main/contract/display-channels';
import { detailsOf } from '../../../../renderer/src/features/display/mirror';
import { emptyForm, type FormState } from '../../../../renderer/src/features/intake/form';

// What the citizen's screen is sent while the officer types: always what `display.show` accepts,
// whatever is half-typed (a date not finished, letters in the phone), and only the papers ticked.

const accepts = (value: unknown) => displayChannels['display.show'].input.safeParse(value).success;

describe('the intake form as the display shows it', () => {
  it('sends the owner, the procedure, the papers ticked, the appointment', () => {
    const form: FormState = {
      ...emptyForm(),
      procedureCode: '1.001193',
      owner: { fullName: 'Trần Thị Mai', idNumber: '079185000123', birthDate: '01/01/1985', phone: '0912 345 678', email: '', address: '123/4 Lê Văn Sỹ' },
      documents: { TK: { received: true, originals: 1, certifiedCopies: 0, copies: 0 }, GCS: { received: false, originals: 1, certifiedCopies: 0, copies: 0 } },
    };
    const procedure = { name: 'Thủ tục đăng ký khai sinh', documents: [{ code: 'TK', name: 'Tờ khai' }, { code: 'GCS', name: 'Giấy chứng sinh' }] };
    const details = detailsOf(form, procedure, '2026-11-23T17:00');
    expect(details).toEqual({
      fullName: 'Trần Thị Mai', idNumber: '079185000123', birthDate: '1985-01-01', phone: '0912 345 678', address: '123/4 Lê Văn Sỹ',
      procedureName: 'Thủ tục đăng ký khai sinh', documents: [{ name: 'Tờ khai', originals: 1, certifiedCopies: 0, copies: 0 }],
      appointmentAt: '2026-11-23T17:00', resultDelivery: 'counter',
    });
    expect(accepts(details)).toBe(true);
  });

  it('leaves out what is half-typed and cleans what the contract would refuse', () => {
    const form: FormState = { ...emptyForm(), owner: { fullName: 'An', idNumber: '0011', birthDate: '17/05/19', phone: 'gọi 0912-34', email: '', address: '' } };
    const details = detailsOf(form);
    expect(details).toEqual({ fullName: 'An', idNumber: '0011', phone: '0912-34', resultDelivery: 'counter' });
    expect(accepts(details)).toBe(true);
  });
});

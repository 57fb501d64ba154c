import { afterAll, describe, expect, it } from 'vitest';
import { buildApologyLetter, renderApologyLetter } from '../../main/forms/apology-letter';
import { FormDataError } from '../../main/forms/form-errors';
import { sampleApology } from './lifecycle-fixtures';
import { pdfReader } from './pdf-text';

const pdf = pdfReader('apology-letter-');
afterAll(() => pdf.dispose());

describe('Mẫu 04 — Phiếu xin lỗi và hẹn lại ngày trả kết quả', () => {
  it('apologises, gives the reason and the new date, signed with the seal', async () => {
    const file = pdf.save(await renderApologyLetter(sampleApology()), 'm04');
    const t = pdf.layout(file);
    const f = pdf.flat(file);
    expect(pdf.info(file)['Pages']).toBe('1');
    expect(pdf.info(file)['Title']).toBe('Phiếu xin lỗi và hẹn lại ngày trả kết quả – 000.00.06.H56-261123-0361');
    expect(t).not.toMatch(/[\u0300-\u036f]/);
    for (const expected of ['Mẫu số 04 – Thông tư 01/2018/TT-VPCP', 'Số: 15/PXL-UBND', 'Tiên Du, ngày 27 tháng 11 năm 2026', 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', 'Kính gửi: Ông/Bà Nguyễn Thị Thuỷ Tiên', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', '(Ký, ghi rõ họ tên và đóng dấu)', 'Lê Minh Khôi', 'Nơi nhận:', '- Như trên;', '- Lưu: VT.']) {
      expect(t, expected).toContain(expected);
    }
    expect(f).toContain('Ngày 23/11/2026, UBND xã Tiên Du tiếp nhận giải quyết hồ sơ đề nghị Cấp Giấy chứng nhận quyền sử dụng đất lần đầu của ông/bà. Mã hồ sơ: 000.00.06.H56-261123-0361.');
    expect(f).toContain('Thời gian hẹn trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 30/11/2026.');
    expect(f).toContain('Lý do: Cần xác minh nguồn gốc thửa đất với Văn phòng đăng ký đất đai tỉnh.');
    expect(f).toContain('UBND xã Tiên Du xin lỗi ông/bà và sẽ trả kết quả giải quyết hồ sơ cho ông/bà vào 16 giờ 00 phút, ngày 07/12/2026.');
    expect(f).toContain('(Địa chỉ: Số 12, ngõ 34, thôn Đông Khê, xã Tiên Du, tỉnh Bắc Ninh; Số điện thoại: 0912 345 678)');
  });

  it('becomes the letter asking for more time in the 2025 set', async () => {
    const file = pdf.save(await renderApologyLetter(sampleApology({ formSet: 'tt03-2025', paper: 'A5' })), 'm04-2025');
    const f = pdf.flat(file);
    expect(pdf.info(file)['Pages']).toBe('1');
    expect(f).toContain('Mẫu số 04 – Thông tư 03/2025/TT-VPCP');
    expect(f).toContain('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
    expect(f).toContain('đề nghị ông/bà đồng ý gia hạn thời gian giải quyết hồ sơ đến 16 giờ 00 phút, ngày 07/12/2026.');
  });

  it('refuses a new date that is not later than the old one', () => {
    let error: unknown;
    try {
      buildApologyLetter(sampleApology({ newAppointmentAt: '2026-11-30T09:00' }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormDataError);
    expect((error as FormDataError).issues).toEqual([{ code: 'DATE_ORDER', field: 'newAppointmentAt', params: { label: 'Ngày hẹn trả kết quả mới', after: 'ngày hẹn cũ' } }]);
    expect(() => buildApologyLetter(sampleApology({ newAppointmentAt: '2026-11-26T09:00', appointmentAt: '2026-11-25T09:00' }))).toThrow(FormDataError);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { FormDataError } from '../../main/forms/form-errors';
import { buildResultHandover, renderResultHandover } from '../../main/forms/result-handover';
import { sampleHandover } from './lifecycle-fixtures';
import { pdfReader } from './pdf-text';

const pdf = pdfReader('result-handover-');
afterAll(() => pdf.dispose());

describe('Phiếu giao nhận kết quả giải quyết hồ sơ', () => {
  it('records the result papers handed to an authorised person at the counter, on one A5 page', async () => {
    const file = pdf.save(await renderResultHandover(sampleHandover()), 'handover');
    const t = pdf.layout(file);
    const f = pdf.flat(file);
    expect(pdf.info(file)['Pages']).toBe('1');
    expect(pdf.info(file)['Page size']).toMatch(/^419\.5\d? x 595\.2\d? pts/);
    expect(t).not.toMatch(/[\u0300-\u036f]/);
    // Neither set numbers this note.
    expect(t).not.toContain('Mẫu số');
    for (const expected of ['PHIẾU GIAO NHẬN KẾT QUẢ GIẢI QUYẾT HỒ SƠ', 'Mã hồ sơ: 000.00.06.H56-261123-0361', 'Số: 0361/GNKQ', 'Tiên Du, ngày 27 tháng 11 năm 2026', 'Giấy khai sinh (bản chính)', 'Trích lục khai sinh (bản sao)', 'NGƯỜI NHẬN KẾT QUẢ', 'NGƯỜI TRẢ KẾT QUẢ']) {
      expect(t, expected).toContain(expected);
    }
    expect(f).toContain('Hôm nay, vào lúc 15 giờ 20 phút, ngày 27/11/2026, tại Quầy số 2 – Bộ phận Một cửa UBND xã Tiên Du, kết quả giải quyết hồ sơ được giao như sau:');
    expect(f).toContain('Chủ hồ sơ: Ông/Bà Nguyễn Thị Thuỷ Tiên; số định danh cá nhân: 027190001234');
    expect(f).toContain('Người nhận kết quả: Ông/Bà Trần Văn Hùng, số định danh cá nhân: 027088004321, người được ủy quyền của chủ hồ sơ (Giấy ủy quyền số 12/UQ ngày 20/11/2026)');
    expect(f).toContain('Hình thức trả kết quả: trực tiếp tại Bộ phận Một cửa');
    expect(t).toMatch(/Trần Văn Hùng\s+Đặng Quốc Bảo\s*$/);
  });

  it('by post: the tracking number and the postal employee who took it', async () => {
    const file = pdf.save(
      await renderResultHandover(
        sampleHandover({
          receiver: { kind: 'owner' },
          delivery: { method: 'post', trackingNumber: 'EE123456785VN', postalService: 'Bưu điện xã Tiên Du', address: 'Số 5, đường Lý Thái Tổ, phường Kinh Bắc, tỉnh Bắc Ninh', courierName: 'Ngô Văn Nam' },
          paper: 'A4',
        }),
      ),
      'handover-post',
    );
    const f = pdf.flat(file);
    expect(f).toContain('Người nhận kết quả: Ông/Bà Nguyễn Thị Thuỷ Tiên (chủ hồ sơ)');
    expect(f).toContain('Hình thức trả kết quả: qua dịch vụ bưu chính công ích (Bưu điện xã Tiên Du); số hiệu bưu gửi: EE123456785VN');
    expect(f).toContain('Địa chỉ nhận kết quả: Số 5, đường Lý Thái Tổ, phường Kinh Bắc, tỉnh Bắc Ninh');
    expect(pdf.layout(file)).toMatch(/NHÂN VIÊN BƯU CHÍNH\s+NGƯỜI TRẢ KẾT QUẢ[\s\S]*Ngô Văn Nam\s+Đặng Quốc Bảo/);
  });

  it('refuses a handover without a tracking number, a receiver or any result paper', () => {
    let error: unknown;
    try {
      buildResultHandover(sampleHandover({ delivery: { method: 'post', trackingNumber: ' ', address: 'Số 5' }, results: [], receiver: { kind: 'authorised', fullName: 'Trần Văn Hùng', idNumber: '' } }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormDataError);
    expect((error as FormDataError).issues.map((i) => i.field)).toEqual(['receiver.idNumber', 'delivery.trackingNumber', 'results']);
  });
});

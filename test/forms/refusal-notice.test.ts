import { afterAll, describe, expect, it } from 'vitest';
import { FormDataError } from '../../main/forms/form-errors';
import { buildRefusalNotice, renderRefusalNotice } from '../../main/forms/refusal-notice';
import { sampleRefusal } from './lifecycle-fixtures';
import { pdfReader } from './pdf-text';

const pdf = pdfReader('refusal-notice-');
afterAll(() => pdf.dispose());

describe('Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ', () => {
  it('prints the specific reason and the rule it rests on, signed by both sides', async () => {
    const file = pdf.save(await renderRefusalNotice(sampleRefusal()), 'm03');
    const t = pdf.layout(file);
    const f = pdf.flat(file);
    expect(pdf.info(file)['Pages']).toBe('1');
    expect(t).not.toMatch(/[\u0300-\u036f]/);
    for (const expected of [
      'Mẫu số 03 – Thông tư 01/2018/TT-VPCP',
      'Số: 0003/PTC',
      'Tiên Du, ngày 23 tháng 11 năm 2026',
      'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
    ]) {
      expect(t, expected).toContain(expected);
    }
    expect(f).toContain('Bộ phận Một cửa UBND xã Tiên Du tiếp nhận hồ sơ của: Ông/Bà Nguyễn Thị Thuỷ Tiên');
    expect(f).toContain('Nội dung yêu cầu giải quyết: Đăng ký kết hôn có yếu tố nước ngoài');
    expect(f).toContain('Căn cứ quy định tại Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ và Điều 37 Luật Hộ tịch năm 2014, Bộ phận Một cửa UBND xã Tiên Du thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:');
    expect(f).toContain('Yêu cầu không thuộc thẩm quyền giải quyết của UBND cấp xã; đề nghị công dân nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh.');
    expect(f).toContain('Xin thông báo cho Ông/Bà được biết và thực hiện./.');
    // The owner signs on the left, the officer on the right.
    expect(t).toMatch(/Nguyễn Thị Thuỷ Tiên\s+Đặng Quốc Bảo\s*$/);
  });

  it('cites the 2025 decree in the 2025 set', async () => {
    const file = pdf.save(await renderRefusalNotice(sampleRefusal({ formSet: 'tt03-2025', legalBasis: undefined, paper: 'A5' })), 'm03-2025');
    const f = pdf.flat(file);
    expect(f).toContain('Mẫu số 03 – Thông tư 03/2025/TT-VPCP');
    expect(f).toContain('Căn cứ quy định tại Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ, Bộ phận Một cửa');
  });

  it('will not print a refusal without its reason', () => {
    expect(() => buildRefusalNotice(sampleRefusal({ reason: '' }))).toThrow(FormDataError);
    expect(() => buildRefusalNotice(sampleRefusal({ formSet: 'tt99' as never }))).toThrow(/FORM_NOT_IN_SET|forms of tt99/);
  });
});

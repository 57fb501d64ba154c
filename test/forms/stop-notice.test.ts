import { afterAll, describe, expect, it } from 'vitest';
import { FormDataError, formatFormIssue } from '../../main/forms/form-errors';
import { formTemplate } from '../../main/forms/form-sets';
import { buildStopNotice, renderStopNotice } from '../../main/forms/stop-notice';
import { sampleStopNotice } from './lifecycle-fixtures';
import { pdfReader } from './pdf-text';

const pdf = pdfReader('stop-notice-');
afterAll(() => pdf.dispose());

describe('Thông báo dừng giải quyết hồ sơ (Circular 03/2025)', () => {
  it('tells the citizen the dossier is stopped, why and on which rule', async () => {
    const file = pdf.save(await renderStopNotice(sampleStopNotice()), 'stop');
    const t = pdf.layout(file);
    const f = pdf.flat(file);
    expect(pdf.info(file)['Pages']).toBe('1');
    expect(t).not.toMatch(/[\u0300-\u036f]/);
    for (const expected of ['Mẫu số 05 – Thông tư 03/2025/TT-VPCP', 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ', 'Số: 08/TB-UBND', 'Tiên Du, ngày 26 tháng 11 năm 2026', 'CHỦ TỊCH', 'Phạm Văn Đức']) {
      expect(t, expected).toContain(expected);
    }
    expect(f).toContain('Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ và Luật Đất đai năm 2024, UBND xã Tiên Du thông báo dừng giải quyết hồ sơ nêu trên.');
    expect(f).toContain('Lý do: Thửa đất đang có tranh chấp, đã được Tòa án nhân dân thụ lý giải quyết.');
    expect(f).toContain('Mã hồ sơ: 000.00.06.H56-261123-0361');
  });

  it('does not exist in the 2018 set: a typed refusal that says what to do', () => {
    expect(formTemplate('tt01-2018', 'stop_notice')).toBeUndefined();
    let error: unknown;
    try {
      buildStopNotice(sampleStopNotice({ formSet: 'tt01-2018' }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormDataError);
    const issue = (error as FormDataError).issues[0]!;
    expect(issue.code).toBe('FORM_NOT_IN_SET');
    expect(formatFormIssue('Thông báo dừng giải quyết hồ sơ', issue, 'vi')).toBe(
      'Bộ biểu mẫu theo Thông tư 01/2018/TT-VPCP không có Thông báo dừng giải quyết hồ sơ. Cán bộ CNTT chọn bộ biểu mẫu theo Thông tư 03/2025/TT-VPCP trong Cài đặt nếu cơ quan áp dụng mẫu này.',
    );
  });
});

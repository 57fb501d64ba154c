import { describe, expect, it } from 'vitest';
import { FORM_SETS, formNumberLine, formTemplate, isFormSetId } from '../../main/forms/form-sets';
import { formatLongDate, formatPlaceAndDate, sentenceCase } from '../../main/forms/form-layout';

describe('the form sets', () => {
  it('numbers the forms of Circular 01/2018 and renumbers them in Circular 03/2025, which adds the stop notice', () => {
    const numbers = (set: 'tt01-2018' | 'tt03-2025') =>
      Object.fromEntries(Object.values(FORM_SETS[set].forms).map((t) => [t!.kind, t!.number ?? null]));
    expect(numbers('tt01-2018')).toEqual({ receipt_slip: '01', supplement_request: '02', refusal: '03', apology: '04', processing_control: '05', log_book: '06', result_handover: null });
    expect(numbers('tt03-2025')).toEqual({ receipt_slip: '01', supplement_request: '02', refusal: '03', apology: '04', stop_notice: '05', processing_control: '06', log_book: '07', result_handover: null });
    expect(formTemplate('tt03-2025', 'apology')?.title).toBe('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
    expect(formNumberLine('tt03-2025', formTemplate('tt03-2025', 'log_book')!)).toBe('Mẫu số 07 – Thông tư 03/2025/TT-VPCP');
    expect(formNumberLine('tt01-2018', formTemplate('tt01-2018', 'result_handover')!)).toBeUndefined();
    expect(isFormSetId('tt03-2025')).toBe(true);
    expect(isFormSetId('toString')).toBe(false);
  });

  it('writes dates as administrative documents do', () => {
    expect(formatLongDate('2026-02-05')).toBe('ngày 05 tháng 02 năm 2026');
    expect(formatLongDate('2026-11-23T09:32')).toBe('ngày 23 tháng 11 năm 2026');
    expect(formatPlaceAndDate('Tiên Du', '2026-03-09')).toBe('Tiên Du, ngày 09 tháng 3 năm 2026');
    expect(sentenceCase('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN')).toBe('Văn bản xin lỗi và đề nghị gia hạn');
  });
});

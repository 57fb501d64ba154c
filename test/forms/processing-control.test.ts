import { afterAll, describe, expect, it } from 'vitest';
import { buildProcessingControl, handoffOutcome, renderProcessingControl } from '../../main/forms/processing-control';
import { sampleProcessingControl } from './lifecycle-fixtures';
import { pdfReader } from './pdf-text';

const pdf = pdfReader('processing-control-');
afterAll(() => pdf.dispose());

describe('Mẫu 05 — Phiếu kiểm soát quá trình giải quyết hồ sơ', () => {
  it('lists each hand-off with its time, both signers and whether it was on time, and blank rows to fill by hand', async () => {
    const data = sampleProcessingControl();
    const file = pdf.save(await renderProcessingControl(data), 'm05');
    const t = pdf.layout(file);
    const f = pdf.flat(file);
    expect(pdf.info(file)['Pages']).toBe('1');
    expect(t).not.toMatch(/[\u0300-\u036f]/);
    for (const expected of [
      'Mẫu số 05 – Thông tư 01/2018/TT-VPCP',
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      'Mã hồ sơ: 000.00.06.H56-261123-0361',
      'Kèm theo hồ sơ của: Nguyễn Thị Thuỷ Tiên',
      'Thời gian nhận hồ sơ: 09 giờ 32 phút, ngày 23/11/2026',
      'Thời gian hẹn trả kết quả: 09 giờ 00 phút, ngày 30/11/2026',
      '10 giờ 15 phút, ngày 23/11/2026',
      '08 giờ 30 phút, ngày 26/11/2026',
      'Đặng Quốc Bảo',
      'Hoàng Thị Mai',
      'Đúng hạn',
      'Quá hạn',
    ]) {
      expect(t, expected).toContain(expected);
    }
    expect(f).toContain('Cơ quan (bộ phận) giải quyết hồ sơ: Công chức Địa chính – Nông nghiệp – Xây dựng và Môi trường');
    expect(f).toContain('Cơ quan phối hợp giải quyết hồ sơ: Văn phòng đăng ký đất đai tỉnh Bắc Ninh – Chi nhánh Tiên Du');
    expect(f).toContain('1. Giao: Bộ phận Một cửa 2. Nhận: Công chức Địa chính');
    expect(f).toContain('Chờ xác minh');
    // Two blank rows by default.
    expect(t.match(/…… giờ …… phút, ngày/g)).toHaveLength(2);
    expect(t.match(/Người giao/g)).toHaveLength(4);
  });

  it('computes early, on time and late from the due time, and takes a given result as it is', () => {
    expect(handoffOutcome({ fromUnit: 'A', toUnit: 'B', at: '2026-11-24T10:00', dueAt: '2026-11-25T17:00' })).toBe('early');
    expect(handoffOutcome({ fromUnit: 'A', toUnit: 'B', at: '2026-11-25T17:00', dueAt: '2026-11-25T17:00' })).toBe('on_time');
    expect(handoffOutcome({ fromUnit: 'A', toUnit: 'B', at: '2026-11-26T07:00', dueAt: '2026-11-25T17:00' })).toBe('late');
    expect(handoffOutcome({ fromUnit: 'A', toUnit: 'B', at: '2026-11-26T07:00' })).toBeUndefined();
    expect(handoffOutcome({ fromUnit: 'A', toUnit: 'B', outcome: 'on_time' })).toBe('on_time');
  });

  it('numbers it 06 in the 2025 set and rejects an impossible hand-off time', () => {
    const doc = JSON.stringify(buildProcessingControl(sampleProcessingControl({ formSet: 'tt03-2025', blankRows: 0 })));
    expect(doc).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    const built = buildProcessingControl(sampleProcessingControl({ formSet: 'tt03-2025' }));
    const header = (built.header as (page: number) => { text: string })(1);
    expect(header.text).toBe('Mẫu số 06 – Thông tư 03/2025/TT-VPCP');
    expect(() => buildProcessingControl(sampleProcessingControl({ handoffs: [{ fromUnit: 'A', toUnit: 'B', at: '26/11/2026' }] }))).toThrow(/Thời gian giao, nhận \(dòng 1\)/);
  });
});

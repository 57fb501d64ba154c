import { afterAll, describe, expect, it } from 'vitest';
import { FormDataError, formatFormIssue } from '../../main/forms/form-errors';
import { buildSupplementRequest, renderSupplementRequest } from '../../main/forms/supplement-request';
import { sampleSupplementRequest } from './lifecycle-fixtures';
import { pdfReader } from './pdf-text';

const pdf = pdfReader('supplement-request-');
afterAll(() => pdf.dispose());

describe('Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', () => {
  it('prints what to complete, why and whom to ask, in composed Vietnamese on one A4 page', async () => {
    const data = sampleSupplementRequest();
    expect(data.applicant.fullName).not.toBe(data.applicant.fullName.normalize('NFC'));
    const file = pdf.save(await renderSupplementRequest(data), 'm02');
    const t = pdf.layout(file);
    const f = pdf.flat(file);
    expect(pdf.info(file)['Pages']).toBe('1');
    expect(pdf.info(file)['Page size']).toContain('595.28 x 841.89');
    expect(t).not.toMatch(/[\u0300-\u036f]/);
    for (const expected of [
      'Mẫu số 02 – Thông tư 01/2018/TT-VPCP',
      'UBND TỈNH BẮC NINH',
      'UBND XÃ TIÊN DU',
      'BỘ PHẬN MỘT CỬA',
      'Số: 0012/PYCBS',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Tiên Du, ngày 23 tháng 11 năm 2026',
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      'Hồ sơ của: Nguyễn Thị Thuỷ Tiên',
      'Nội dung yêu cầu giải quyết: Đăng ký khai sinh (mã TTHC 1.001193)',
      'Địa chỉ: Số 12, ngõ 34, thôn Đông Khê, xã Tiên Du, tỉnh Bắc Ninh',
      'Số điện thoại: 0912 345 678',
      'Email: thuytien.nguyen@gmail.com',
      'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:',
      '1. Giấy chứng sinh do cơ sở khám bệnh, chữa bệnh cấp (bản chính)',
      '2. Văn bản ủy quyền có chứng thực (người đi đăng ký không phải cha, mẹ của trẻ)',
      'Thời hạn bổ sung, hoàn thiện hồ sơ: trước ngày 07/12/2026.',
      'NGƯỜI HƯỚNG DẪN',
      'Đặng Quốc Bảo',
    ]) {
      expect(t, expected).toContain(expected);
    }
    expect(f).toContain('Lý do: Hồ sơ chưa có Giấy chứng sinh bản chính; người đi đăng ký không phải cha, mẹ của trẻ.');
    expect(f).toContain('ông/bà liên hệ với Đặng Quốc Bảo, số điện thoại 0222 3812 345 để được hướng dẫn./.');
    // Not received: no dossier code line.
    expect(t).not.toContain('Mã hồ sơ');
  });

  it('prints the dossier code when the back office asks, and fits A5', async () => {
    const file = pdf.save(await renderSupplementRequest(sampleSupplementRequest({ dossierCode: '000.00.06.H56-261123-0361', paper: 'A5', formSet: 'tt03-2025' })), 'm02-a5');
    expect(pdf.info(file)['Pages']).toBe('1');
    expect(pdf.info(file)['Page size']).toMatch(/^419\.5\d? x 595\.2\d? pts/);
    const t = pdf.layout(file);
    expect(t).toContain('Mã hồ sơ: 000.00.06.H56-261123-0361');
    expect(t).toContain('Mẫu số 02 – Thông tư 03/2025/TT-VPCP');
    expect(pdf.maxWordRight(file)).toBeLessThanOrEqual(419.53 - 20);
  });

  it('refuses incomplete data with every problem at once, before any layout', () => {
    const bad = sampleSupplementRequest({ items: [], reason: '  ', issuedAt: '2026-11-31T09:00', contact: { name: '', phone: '0222 3812 345' } });
    let error: unknown;
    try {
      buildSupplementRequest(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormDataError);
    const issues = (error as FormDataError).issues;
    expect(issues.map((i) => [i.code, i.field])).toEqual([
      ['DATE_INVALID', 'issuedAt'],
      ['LIST_EMPTY', 'items'],
      ['REQUIRED', 'reason'],
      ['REQUIRED', 'contact.name'],
    ]);
    expect(formatFormIssue('Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', issues[2]!, 'vi')).toBe('Thiếu "Lý do" nên chưa in được Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. Hãy nhập rồi in lại.');
    expect(formatFormIssue('Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', issues[0]!, 'en')).toBe('"Ngày lập phiếu" (2026-11-31T09:00) is not a valid date and time, so Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ cannot be printed.');
  });
});

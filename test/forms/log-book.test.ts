import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { FormDataError } from '../../main/forms/form-errors';
import { buildLogBook, renderLogBook } from '../../main/forms/log-book';
import { columnEdges } from '../../main/forms/paged-table';
import { logBookEntries, sampleLogBook } from './lifecycle-fixtures';
import { pdfReader } from './pdf-text';

const pdf = pdfReader('log-book-');
afterAll(() => pdf.dispose());

describe('Mẫu 06 — Sổ theo dõi hồ sơ', () => {
  it('runs over landscape pages with the header rows on every page and no line split between pages', async () => {
    const entries = logBookEntries(130);
    const file = pdf.save(await renderLogBook(sampleLogBook(entries)), 'm06');
    const info = pdf.info(file);
    expect(info['Page size']).toContain('841.89 x 595.28');
    expect(info['Title']).toBe('Sổ theo dõi hồ sơ – Từ ngày 01/11/2026 đến ngày 30/11/2026');
    const pages = Number(info['Pages']);
    expect(pages).toBeGreaterThanOrEqual(4);
    const all = pdf.layout(file);
    expect(all).not.toMatch(/[\u0300-\u036f]/);
    const first = pdf.layout(file, 1);
    for (const expected of ['Mẫu số 06 – Thông tư 01/2018/TT-VPCP', 'UBND TỈNH BẮC NINH', 'UBND XÃ TIÊN DU', 'BỘ PHẬN MỘT CỬA', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'SỔ THEO DÕI HỒ SƠ', 'Quyển số: 11/2026 – Từ ngày 01/11/2026 đến ngày 30/11/2026']) {
      expect(first, expected).toContain(expected);
    }
    let seen = 0;
    for (let page = 1; page <= pages; page++) {
      const t = pdf.flat(file, page);
      for (const heading of ['Mã hồ sơ', 'Nội dung yêu cầu giải quyết', 'Chủ hồ sơ', 'Địa chỉ', 'Số điện thoại', 'Thời gian (giờ, ngày tháng năm)', 'Nhận hồ sơ', 'Hẹn trả kết quả', 'Có kết quả', 'Trả kết quả', 'Người nhận kết quả ký, ghi rõ họ tên', '(1)', '(11)']) {
        expect(t, `page ${page}: ${heading}`).toContain(heading);
      }
      expect(t).toContain(`Trang ${page}/${pages}`);
      if (page > 1) expect(t).toContain('SỔ THEO DÕI HỒ SƠ – Quyển số: 11/2026 – Từ ngày 01/11/2026 đến ngày 30/11/2026');
      // Every line on this page is whole: with its code come its owner and phone.
      for (const e of entries) {
        if (!t.includes(` ${e.dossierCode} `)) continue;
        seen++;
        expect(t, `line ${e.line} on page ${page}`).toContain(e.ownerName);
        expect(t, `line ${e.line} on page ${page}`).toContain(e.phone);
      }
    }
    // Each line is printed once.
    expect(seen).toBe(entries.length);
    expect(pdf.maxWordRight(file)).toBeLessThanOrEqual(841.89 - 20);
  });

  it('prints every value of a line, with times as the book writes them', async () => {
    const [e] = logBookEntries(3).slice(1);
    const file = pdf.save(await renderLogBook(sampleLogBook([{ ...e!, ownerName: 'Đặng Thị Ánh Tuyết'.normalize('NFD'), note: 'Trả qua bưu chính EE123456785VN' }])), 'm06-one');
    const t = pdf.flat(file);
    for (const expected of ['000.00.06.H56-261103-0002', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', 'Đặng Thị Ánh Tuyết', 'Số 2, thôn Đông Khê, xã Tiên Du, tỉnh Bắc Ninh', e!.phone, 'Chủ hồ sơ', 'Trả qua bưu chính EE123456785VN']) {
      expect(t, expected).toContain(expected);
    }
    // The four times, each "hh:mm" over its date, in column order, then who took the result.
    const l = pdf.layout(file);
    expect(l).toMatch(/08:07\s+16:00\s+09:00\s+10:30\s+Chủ hồ sơ\n/);
    expect(l).toMatch(/03\/11\/2026\s+08\/11\/2026\s+08\/11\/2026\s+08\/11\/2026\s+Trả qua bưu chính\n/);
    expect(pdf.info(file)['Pages']).toBe('1');
  });

  it('breaks a long word inside its column rather than over the next one', async () => {
    const [e] = logBookEntries(1);
    const address = 'Thôn-Đông-Khê-xã-Tiên-Du-tỉnh-Bắc-Ninh-không-có-dấu-cách-nào-cả-rất-dài';
    const ownerName = 'Tônnữhoàngthịphươngthảonguyênkhánhlinhngọcbích';
    const data = sampleLogBook([{ ...e!, address, ownerName }]);
    const file = pdf.save(await renderLogBook(data), 'm06-long');
    const edges = columnEdges(buildLogBook(data));
    const bbox = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    const words = [...bbox.matchAll(/xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)</g)].map((m) => ({ x0: Number(m[1]), x1: Number(m[2]), text: m[3]! }));
    const inColumn = (text: string, col: number) => {
      const parts = words.filter((w) => text.includes(w.text) && w.text.length > 2 && w.x0 >= edges[col]! - 1);
      expect(parts.map((w) => w.text).join('')).toBe(text);
      for (const w of parts) expect(w.x1, w.text).toBeLessThanOrEqual(edges[col + 1]! + 0.5);
    };
    inColumn(ownerName, 3);
    inColumn(address, 4);
  });

  it('refuses an empty or reversed period and names the 2025 number', () => {
    expect(() => buildLogBook(sampleLogBook([]))).toThrow(FormDataError);
    let error: unknown;
    try {
      buildLogBook(sampleLogBook(logBookEntries(2), { period: { from: '2026-11-30', to: '2026-11-01' } }));
    } catch (x) {
      error = x;
    }
    expect((error as FormDataError).issues).toEqual([{ code: 'DATE_ORDER', field: 'period.to', params: { label: 'Đến ngày', after: 'từ ngày' } }]);
    expect(buildLogBook(sampleLogBook(logBookEntries(2), { formSet: 'tt03-2025' })).runningHeader?.first).toBe('Mẫu số 07 – Thông tư 03/2025/TT-VPCP');
  });
});

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeCode128 } from '../../main/forms/code128';
import { defaultFontDirectory, fontDirectoryInUse, normalizeNfc, renderPdf, setFontDirectory } from '../../main/forms/pdf';
import {
  buildReceiptSlip,
  formatPlaceAndDate,
  formatProcessingTime,
  formatTimeAndDate,
  dateTimeParts,
  renderReceiptSlip,
} from '../../main/forms/receipt-slip';
import type { ReceiptSlipData, SlipLayout } from '../../main/forms/receipt-slip-data';
import { sampleSlip } from './fixtures';

const dir = mkdtempSync(path.join(tmpdir(), 'receipt-slip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
async function render(data: ReceiptSlipData, layout: SlipLayout): Promise<string> {
  const file = path.join(dir, `slip-${++counter}.pdf`);
  writeFileSync(file, await renderReceiptSlip(data, layout));
  return file;
}

const text = (file: string, ...args: string[]): string =>
  execFileSync('pdftotext', ['-layout', ...args, file, '-'], { encoding: 'utf8' });
/** The text with runs of whitespace (line breaks, layout padding) collapsed to one space. */
const flat = (file: string, ...args: string[]): string =>
  execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
const info = (file: string): Record<string, string> =>
  Object.fromEntries(
    execFileSync('pdfinfo', [file], { encoding: 'utf8' })
      .split('\n')
      .map((l) => /^([^:]+):\s*(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2]]),
  );

/** Reads the Code 128 symbol back from a page rendered at 300 dpi (greyscale PGM). */
function readBarcode(file: string, page = 1): string | undefined {
  const base = path.join(dir, `scan-${++counter}`);
  execFileSync('pdftoppm', ['-gray', '-r', '300', '-f', String(page), '-l', String(page), '-singlefile', file, base]);
  const pgm = readFileSync(`${base}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const offset = header[0].length;
  for (let y = 0; y < height; y += 2) {
    const runs: number[] = [];
    let dark = false;
    let start = 0;
    const firstDark: number[] = [];
    for (let x = 0; x <= width; x++) {
      const d = x < width && (pgm[offset + y * width + x] as number) < 128;
      if (d !== dark) {
        if (x > start) runs.push(x - start);
        if (d) firstDark.push(runs.length);
        dark = d;
        start = x;
      }
    }
    // runs alternate light/dark starting with light; try every dark run as a start pattern.
    for (const i of firstDark) {
      const widths: number[] = [];
      for (let k = i; k + 6 <= runs.length; k += 6) {
        const isStop = k + 7 <= runs.length && quantize(runs.slice(k, k + 7), 13).join('') === '2331112';
        if (isStop && widths.length > 0) {
          widths.push(2, 3, 3, 1, 1, 1, 2);
          try {
            return decodeCode128(widths);
          } catch {
            break;
          }
        }
        const q = quantize(runs.slice(k, k + 6), 11);
        if (q.some((w) => w < 1 || w > 4) || q.reduce((a, b) => a + b, 0) !== 11) break;
        widths.push(...q);
      }
    }
  }
  return undefined;
}

function quantize(runs: number[], modules: number): number[] {
  const m = runs.reduce((a, b) => a + b, 0) / modules;
  return runs.map((r) => Math.round(r / m));
}

describe('date and time wording', () => {
  it('formats times and dates as the form writes them', () => {
    expect(formatTimeAndDate('2023-11-03T09:00')).toBe('09 giờ 00 phút, ngày 03/11/2023');
    expect(formatTimeAndDate('2023-10-27T09:32')).toBe('09 giờ 32 phút, ngày 27/10/2023');
    expect(formatPlaceAndDate('Tiên Du', '2023-10-27T09:32')).toBe('Tiên Du, ngày 27 tháng 10 năm 2023');
    // Decree 30/2020: day < 10 and months 1, 2 with a leading zero; months 3–12 without.
    expect(formatPlaceAndDate('Bắc Ninh', '2024-02-05T08:00')).toBe('Bắc Ninh, ngày 05 tháng 02 năm 2024');
    expect(formatPlaceAndDate('Bắc Ninh', '2024-03-05T08:00')).toBe('Bắc Ninh, ngày 05 tháng 3 năm 2024');
    expect(formatProcessingTime({ unit: 'day', amount: 5 })).toBe('5 ngày làm việc');
    expect(formatProcessingTime({ unit: 'hour', amount: 4 })).toBe('4 giờ làm việc');
    expect(formatProcessingTime({ unit: 'day', amount: 0.5 })).toBe('0,5 ngày làm việc');
    expect(formatProcessingTime({ unit: 'same_day', cutoff: '15:00' })).toMatch(/^trong ngày/);
  });

  it('rejects malformed or impossible date-times', () => {
    expect(dateTimeParts('2024-02-29T23:59')).toEqual({ year: 2024, month: 2, day: 29, hour: 23, minute: 59 });
    for (const bad of ['2023-02-29T09:00', '2023-13-01T09:00', '2023-11-03 09:00', '2023-11-03T24:00', '03/11/2023']) {
      expect(() => dateTimeParts(bad), bad).toThrow(RangeError);
    }
    expect(() => buildReceiptSlip(sampleSlip({ appointmentAt: 'soon' }), { paper: 'A4', copies: 1 })).toThrow(RangeError);
  });
});

describe('normalizeNfc', () => {
  it('copies the definition with every string in NFC, leaving the input alone', () => {
    const image = Buffer.from([1, 2, 3]);
    const input = {
      content: [{ text: 'Nguyễn'.normalize('NFD') }, ['Thuỷ'.normalize('NFD')]],
      images: { logo: image },
      footer: (page: number) => `Trang ${page} – Bảo`.normalize('NFD'),
    };
    const out = normalizeNfc(input);
    expect(out.content[0]).toEqual({ text: 'Nguyễn' });
    expect(out.content[1]).toEqual(['Thuỷ']);
    expect(out.images.logo).toBe(image);
    expect(out.footer(2)).toBe('Trang 2 – Bảo');
    expect((input.content[0] as { text: string }).text).toBe('Nguyễn'.normalize('NFD'));
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => normalizeNfc(cyclic)).toThrow(/cycle/);
  });

  it('renders NFD input as composed text', async () => {
    const file = path.join(dir, 'nfd.pdf');
    writeFileSync(file, await renderPdf({ content: ['Nguyễn Thị Thuỷ Tiên — Đặng Quốc Bảo'.normalize('NFD')] }));
    expect(text(file)).toContain('Nguyễn Thị Thuỷ Tiên — Đặng Quốc Bảo');
  });
});

describe('renderPdf fonts', () => {
  it('finds Roboto in pdfmake by default and can be pointed at another folder', async () => {
    expect(fontDirectoryInUse()).toBe(defaultFontDirectory());
    expect(readdirSync(defaultFontDirectory())).toContain('Roboto-Regular.ttf');
    const empty = mkdtempSync(path.join(dir, 'fonts-'));
    setFontDirectory(empty);
    try {
      await expect(renderPdf({ content: ['x'] })).rejects.toThrow(/Font file missing.*setFontDirectory/);
      const copy = mkdtempSync(path.join(dir, 'fonts-'));
      for (const f of readdirSync(defaultFontDirectory())) copyFileSync(path.join(defaultFontDirectory(), f), path.join(copy, f));
      setFontDirectory(copy);
      const file = path.join(dir, 'copied-fonts.pdf');
      writeFileSync(file, await renderPdf({ content: ['Đặng Quốc Bảo'] }));
      expect(text(file)).toContain('Đặng Quốc Bảo');
    } finally {
      setFontDirectory(defaultFontDirectory());
    }
  });
});

describe('renderReceiptSlip', () => {
  it('prints every field of Mẫu 01 in composed Vietnamese on one A4 page', async () => {
    const data = sampleSlip();
    // The fixture really feeds decomposed strings.
    expect(data.owner.fullName).not.toBe(data.owner.fullName.normalize('NFC'));
    const file = await render(data, { paper: 'A4', copies: 1 });
    const t = text(file);
    const f = flat(file);
    expect(info(file)['Pages']).toBe('1');
    expect(info(file)['Page size']).toContain('595.28 x 841.89');
    expect(t).toBe(t.normalize('NFC'));
    expect(t).not.toMatch(/[\u0300-\u036f]/);
    for (const expected of [
      'UBND TỈNH BẮC NINH',
      'UBND XÃ TIÊN DU',
      'BỘ PHẬN MỘT CỬA',
      'Số: 0361/TNHS',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Tiên Du, ngày 27 tháng 10 năm 2023',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Mã hồ sơ: 000.00.06.H56-231027-0361',
      'tiếp nhận hồ sơ của: Ông/Bà Nguyễn Thị Thuỷ Tiên',
      'Số định danh cá nhân / CCCD: 027190001234',
      'Địa chỉ: Số 12, ngõ 34, thôn Đông Khê, xã Tiên Du, tỉnh Bắc Ninh',
      'Số điện thoại: 0912 345 678',
      'Email: thuytien.nguyen@gmail.com',
      'Nội dung yêu cầu giải quyết: Đăng ký khai sinh',
      'Tờ khai đăng ký khai sinh (theo mẫu)',
      'Giấy chứng nhận kết hôn của cha, mẹ trẻ',
      'Số lượng hồ sơ: 01 (bộ)',
      'Thời gian giải quyết hồ sơ theo quy định là: 5 ngày làm việc',
      'Thời gian nhận hồ sơ: 09 giờ 32 phút, ngày 27/10/2023',
      'Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 03/11/2023',
      'Đăng ký nhận kết quả tại: Quầy số 2 – Bộ phận Một cửa UBND xã Tiên Du',
      'Vào Sổ theo dõi hồ sơ, Quyển số: 03/2023, Số thứ tự: 361',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Đặng Quốc Bảo',
    ]) {
      expect(t, expected).toContain(expected);
    }
    for (const header of ['STT', 'Tên giấy tờ', 'Bản chính', 'Bản sao chứng thực', 'Bản sao/ Photo']) {
      expect(f, header).toContain(header);
    }
    expect(f).toContain('(Ký và ghi rõ họ tên)');
    expect(f).toContain('Văn bản ủy quyền có chứng thực (trường hợp ủy quyền thực hiện thủ tục đăng ký khai sinh cho người khác)');
    // Without a second copy there is no copy marker, and no demo or provisional mark.
    expect(t).not.toMatch(/Liên 1|DEMO|Mã hồ sơ tạm/);
    // The submitter signs on the left: here the owner.
    expect(t).toMatch(/Nguyễn Thị Thuỷ Tiên\s+Đặng Quốc Bảo/);
  });

  it('prints two copies on two pages, each marked, and A5 when asked', async () => {
    const file = await render(sampleSlip(), { paper: 'A5', copies: 2 });
    const i = info(file);
    expect(i['Pages']).toBe('2');
    expect(i['Page size']).toMatch(/^419\.5\d? x 595\.2\d? pts/);
    const first = text(file, '-f', '1', '-l', '1');
    const second = text(file, '-f', '2', '-l', '2');
    expect(first).toContain('Liên 1: Bản giao công dân');
    expect(second).toContain('Liên 2: Bản lưu hồ sơ');
    for (const page of [first, second]) {
      expect(page).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
      expect(page).toContain('Nguyễn Thị Thuỷ Tiên');
      expect(page).toContain('09 giờ 00 phút, ngày 03/11/2023');
      expect(page).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
    }
    const a4 = await render(sampleSlip(), { paper: 'A4', copies: 2 });
    expect(info(a4)['Pages']).toBe('2');
    expect(info(a4)['Page size']).toContain('(A4)');
  });

  it('draws the dossier code as a Code 128 barcode that reads back', async () => {
    const a4 = await render(sampleSlip(), { paper: 'A4', copies: 1 });
    expect(readBarcode(a4)).toBe('000.00.06.H56-231027-0361');
    const a5 = await render(sampleSlip({ dossierCode: 'G09.20-20260609-0092637' }), { paper: 'A5', copies: 2 });
    expect(readBarcode(a5, 2)).toBe('G09.20-20260609-0092637');
  });

  it('puts the look-up URL in a QR code next to the code', () => {
    const doc = JSON.stringify(buildReceiptSlip(sampleSlip(), { paper: 'A4', copies: 1 }));
    expect(doc).toContain('"qr":"https://dichvucong.bacninh.gov.vn/tra-cuu-ho-so?ma=000.00.06.H56-231027-0361"');
  });

  it('marks a provisional code and demo data, and prints post delivery and the submitter', async () => {
    const file = await render(
      sampleSlip({
        provisionalCode: true,
        demo: true,
        submitter: { fullName: 'Trần Văn Hùng', idNumber: '027088004321', phone: '0987 654 321' },
        resultDelivery: { method: 'post', address: 'Số 5, đường Lý Thái Tổ, phường Kinh Bắc, tỉnh Bắc Ninh' },
        notes: 'Bổ sung bản chính Giấy chứng sinh khi nhận kết quả.',
        procedure: { code: '1.001193', name: 'Đăng ký khai sinh', processingTime: { unit: 'same_day', cutoff: '15:00' } },
      }),
      { paper: 'A5', copies: 1 },
    );
    const t = text(file);
    const f = flat(file);
    expect(info(file)['Pages']).toBe('1');
    expect(t).toContain('Mã hồ sơ tạm (sẽ được cấp mã chính thức khi đồng bộ)');
    expect(t).toContain('DỮ LIỆU MẪU – DEMO');
    expect(f).toContain('Đăng ký nhận kết quả qua dịch vụ bưu chính công ích: Số 5, đường Lý Thái Tổ, phường Kinh Bắc, tỉnh Bắc Ninh');
    expect(f).toContain('Người nộp thay: Ông/Bà Trần Văn Hùng; CCCD: 027088004321; Số điện thoại: 0987 654 321');
    expect(f).toContain('Ghi chú: Bổ sung bản chính Giấy chứng sinh khi nhận kết quả.');
    expect(f).toContain('theo quy định là: trong ngày');
    // The person who handed the dossier in signs on the left.
    expect(t).toMatch(/Trần Văn Hùng\s+Đặng Quốc Bảo/);
  });

  it('wraps long names and addresses instead of running off the page', async () => {
    const owner = {
      fullName: 'Tôn Nữ Hoàng Thị Phương Thảo Nguyên Khánh Linh Ngọc Bích Trâm Anh',
      idNumber: '027190001234',
      address:
        'Phòng 1204, tòa nhà chung cư cao tầng Khu đô thị mới Kim Chung – Di Trạch, thôn Đông Khê, xã Tiên Du, tỉnh Bắc Ninh (gần cổng chợ, đối diện trường mầm non Hoa Sen)',
      phone: '0912345678',
      email: 'rat.rat.rat.dai.email.khongcodaucachnaoca@example-province.gov.vn',
    };
    const file = await render(sampleSlip({ owner }), { paper: 'A5', copies: 1 });
    expect(info(file)['Pages']).toBe('1');
    const f = flat(file);
    expect(f).toContain(owner.address.replace(/\s+/g, ' '));
    // pdftotext -bbox gives every word's box: none may cross the right margin of the page.
    const bbox = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    const xMax = [...bbox.matchAll(/xMax="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.max(...xMax)).toBeLessThanOrEqual(419.53 - 20);
  });

  it('keeps a long list of documents to one page per copy, and starts each copy on a new page', async () => {
    const base = sampleSlip().documents;
    const eight = [
      ...base,
      { name: 'Trích lục ghi chú ly hôn / hủy kết hôn (nếu có), kèm bản dịch có công chứng đối với giấy tờ do nước ngoài cấp', originals: 1, certifiedCopies: 1, copies: 0 },
      { name: 'Giấy xác nhận tình trạng hôn nhân của người mẹ (trường hợp không có đăng ký kết hôn)', originals: 1, certifiedCopies: 0, copies: 2 },
    ];
    const busy = sampleSlip({
      documents: eight,
      demo: true,
      provisionalCode: true,
      submitter: { fullName: 'Trần Văn Hùng', idNumber: '027088004321', phone: '0987 654 321' },
      notes: 'Công dân bổ sung bản chính Giấy chứng sinh khi nhận kết quả; liên hệ cán bộ tiếp nhận nếu cần hỗ trợ.',
    });
    for (const paper of ['A4', 'A5'] as const) {
      const file = await render(busy, { paper, copies: 2 });
      expect(info(file)['Pages'], paper).toBe('2');
      expect(text(file, '-f', '2', '-l', '2')).toMatch(/Liên 2: Bản lưu hồ sơ[\s\S]*NGƯỜI TIẾP NHẬN HỒ SƠ/);
    }
    // Far too many for a page: the slip runs on, but the second copy still starts a page.
    const many = Array.from({ length: 30 }, (_, k) => ({ name: `Giấy tờ số ${k + 1} theo quy định`, originals: 1, certifiedCopies: 0, copies: 0 }));
    const file = await render(sampleSlip({ documents: many }), { paper: 'A5', copies: 2 });
    const pages = Number(info(file)['Pages']);
    expect(pages).toBeGreaterThanOrEqual(4);
    const starts = Array.from({ length: pages }, (_, k) => text(file, '-f', String(k + 1), '-l', String(k + 1)));
    const secondCopy = starts.findIndex((p) => p.includes('Liên 2: Bản lưu hồ sơ'));
    expect(secondCopy).toBeGreaterThan(0);
    expect(starts[secondCopy]).toContain('UBND TỈNH BẮC NINH');
    expect(starts[secondCopy - 1]).not.toContain('Liên 2');
  });

  it('renders an empty list of documents', async () => {
    const file = await render(sampleSlip({ documents: [] }), { paper: 'A4', copies: 1 });
    expect(text(file)).toContain('(Không có giấy tờ)');
  });

  it('keeps the Unicode mapping of every letter on warm renders (fonts shared between documents)', async () => {
    const layout = { paper: 'A5', copies: 2 } as const;
    const data = sampleSlip({ demo: true });
    const a = await render(data, layout);
    const b = await render(data, layout);
    expect(text(b)).toBe(text(a));
    expect(text(b)).toContain('DỮ LIỆU MẪU – DEMO');
    expect(text(b)).toContain('(Liên 1: Bản giao công dân)');
    const fonts = execFileSync('pdffonts', [b], { encoding: 'utf8' });
    for (const face of ['Roboto-Regular', 'Roboto-Medium', 'Roboto-Italic']) expect(fonts).toContain(face);
  });

  it('renders several slips at once without mixing them up', async () => {
    const names = ['Lê Thị Hồng Nhung', 'Phạm Đức Thắng', 'Võ Ngọc Yến'];
    const pdfs = await Promise.all(
      names.map((fullName, k) =>
        renderReceiptSlip(sampleSlip({ owner: { ...sampleSlip().owner, fullName }, dossierCode: `000.00.06.H56-231027-036${k}` }), {
          paper: 'A5',
          copies: 1,
        }),
      ),
    );
    pdfs.forEach((pdf, k) => {
      const file = path.join(dir, `concurrent-${k}.pdf`);
      writeFileSync(file, pdf);
      const t = text(file);
      expect(t).toContain(`Ông/Bà ${names[k]}`);
      expect(t).toContain(`000.00.06.H56-231027-036${k}`);
      expect(t).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    });
  });
});

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import type { ReceiptViewWire } from '../../main/contract/fees-schemas';
import { pdfReader } from '../forms/pdf-text';
import { openStation } from '../../main/station';
import { FIXED_NOW, openTestStation, tempDir } from '../helpers/station';
import { COPY_FEE, feesClient, LEADER, SIGNATURE_CERTIFICATION, SIGNATURE_FEE, TECH, type FeesClient } from './helpers';

// The printed receipt, read back as a person reads it (pdftotext) and looked at as pixels
// (pdftoppm): one page per copy, the number, the amount in figures and in words, the payer,
// the officer; a voided receipt unmistakably marked.

const reader = pdfReader('fees-receipt-');
afterAll(() => reader.dispose());

async function receiptPdf(f: FeesClient, id: number, name: string): Promise<string> {
  const { base64 } = await f.call<{ base64: string; fileName: string }>('receipts.pdf', { id });
  return reader.save(Buffer.from(base64, 'base64'), name);
}

/** Pixels of a page that are red or reddish (the number, the "ĐÃ HỦY" mark), rendered at 40 dpi. */
function redPixels(file: string, page: number): number {
  const base = file.replace(/\.pdf$/, `-p${page}`);
  execFileSync('pdftoppm', ['-r', '40', '-f', String(page), '-l', String(page), '-singlefile', file, base]);
  const ppm = readFileSync(`${base}.ppm`);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a PPM');
  let red = 0;
  for (let i = header[0].length; i + 2 < ppm.length; i += 3) {
    // Red ink and its pale watermark tint alike: red well above green and blue.
    if (ppm[i]! - ppm[i + 1]! > 25 && ppm[i]! - ppm[i + 2]! > 20) red++;
  }
  return red;
}

async function paidReceipt(options: { name?: string; copies?: string[]; taxCode?: string } = {}) {
  const station = openTestStation();
  const f = feesClient(station);
  await f.assign();
  await f.call('fees.configure', { collectorTaxCode: options.taxCode ?? '2300123456', ...(options.copies ? { receiptCopies: options.copies } : {}) }, TECH);
  const code = await f.dossier(undefined, { owner: { fullName: options.name ?? 'Nguyễn Thị Hồng Nhung' } });
  const { receipt } = await f.payNow(code, [{ feeName: COPY_FEE, quantity: 12 }], { amountVnd: 24_000 });
  return { station, f, code, receipt: receipt! };
}

describe('the printed receipt', () => {
  it('prints each copy on its own page with the form, series and number, the payer, the fees, the amount in words, the method, the officer', async () => {
    const { f, code, receipt } = await paidReceipt();
    const file = await receiptPdf(f, receipt.id, 'paid');
    expect(reader.info(file)).toMatchObject({ Pages: '2', Title: 'Biên lai 01BLP AA/26P số 0000001' });
    expect(reader.info(file)['Page size']).toMatch(/^419\.5\d* x 595\.2\d* pts/); // A5
    for (const [page, copy] of [[1, 'Liên 1: Lưu'], [2, 'Liên 2: Giao cho người nộp tiền']] as const) {
      const text = reader.flat(file, page);
      expect(text).toContain('BIÊN LAI THU PHÍ, LỆ PHÍ');
      expect(text).toContain(copy);
      expect(text).toContain('Mẫu số: 01BLP');
      expect(text).toContain('Ký hiệu: AA/26P');
      expect(text).toContain('Số: 0000001');
      expect(text).toContain('Mã số thuế: 2300123456');
      expect(text).toContain('Tên người nộp tiền: Nguyễn Thị Hồng Nhung');
      expect(text).toContain(`Mã hồ sơ: ${code}`);
      expect(reader.layout(file, page)).toMatch(/1\s+Phí chứng thực bản sao\s+12\s+2\.000 đ\s+0\s?đ\s+24\.000 đ/);
      expect(text).toContain('Tổng cộng 24.000 đ');
      expect(text).toContain('Số tiền bằng chữ: Hai mươi tư nghìn đồng.');
      expect(text).toContain('Hình thức thanh toán: Tiền mặt');
      expect(text).toContain('Tiên Du, ngày 23 tháng 11 năm 2026');
      expect(text).toContain('NGƯỜI NỘP TIỀN');
      expect(text).toMatch(/NGƯỜI THU TIỀN .*Trần Thị Thu/);
    }
    // Only the number is red on a valid receipt.
    expect(redPixels(file, 1)).toBeLessThan(400);
  });

  it('writes a name typed in decomposed Unicode (NFD) as composed text', async () => {
    const { f, receipt } = await paidReceipt({ name: 'Đỗ Thị Ngọc Ánh'.normalize('NFD') });
    expect(receipt.payerName).toBe('Đỗ Thị Ngọc Ánh'.normalize('NFC'));
    const text = reader.flat(await receiptPdf(f, receipt.id, 'nfd'), 1);
    expect(text).toContain('Đỗ Thị Ngọc Ánh'.normalize('NFC'));
    expect(text).not.toContain('Ngọc'.normalize('NFD'));
  });

  it('prints as many copies as the agency uses, each labelled', async () => {
    const { f, receipt } = await paidReceipt({ copies: ['Lưu', 'Giao cho người nộp tiền', 'Chuyển kế toán'] });
    const file = await receiptPdf(f, receipt.id, 'three');
    expect(reader.info(file).Pages).toBe('3');
    expect(reader.flat(file, 3)).toContain('Liên 3: Chuyển kế toán');
  });

  it('prints the grounds of an exemption under its fee', async () => {
    const station = openTestStation();
    const f = feesClient(station);
    await f.assign();
    const { receipt } = await f.payNow(await f.dossier(SIGNATURE_CERTIFICATION), [{ feeName: SIGNATURE_FEE, exemption: { reason: 'poor_household', percent: 50, detail: 'Sổ hộ nghèo số 12/2026' } }], { amountVnd: 5000 });
    const text = reader.flat(await receiptPdf(f, receipt!.id, 'exempt'), 1);
    expect(text).toContain('Miễn, giảm: Người thuộc hộ nghèo (50%): Sổ hộ nghèo số 12/2026');
    expect(text).toContain('Số tiền bằng chữ: Năm nghìn đồng.');
  });

  it('leaves a line for the tax code when the technician has not entered it', async () => {
    const { f, receipt } = await paidReceipt({ taxCode: '' });
    expect(reader.flat(await receiptPdf(f, receipt.id, 'no-tax'), 1)).toMatch(/Mã số thuế: …+/);
  });

  it('marks a voided receipt across every page, with when, by whom and why', async () => {
    const { station, f, receipt } = await paidReceipt();
    const before = await receiptPdf(f, receipt.id, 'before-void');
    station.clock.setLocal('2026-11-23T10:15');
    await f.call<ReceiptViewWire>('receipts.void', { id: receipt.id, reason: 'Ghi sai tên người nộp' }, LEADER);
    const file = await receiptPdf(f, receipt.id, 'voided');
    for (const page of [1, 2]) {
      const text = reader.flat(file, page);
      expect(text).toContain('BIÊN LAI ĐÃ HỦY lúc 10:15 23/11/2026, cán bộ Nguyễn Lãnh Đạo. Lý do: Ghi sai tên người nộp');
      expect(text).toContain('Số: 0000001');
      // The watermark: a large red mark the valid receipt does not have.
      expect(redPixels(file, page)).toBeGreaterThan(redPixels(before, page) + 2000);
    }
  });

  it('prints an e-receipt once, as its representation, with the provider\'s lookup code still to come', async () => {
    const station = openTestStation();
    const f = feesClient(station);
    await f.call('fees.configure', { collectorTaxCode: '2300123456' }, TECH);
    await f.assign({ formNumber: '01BLP0-001', series: 'AA-26E', kind: 'electronic' });
    const { receipt } = await f.payNow(await f.dossier(), [{ feeName: COPY_FEE }], { amountVnd: 2000 });
    expect(receipt?.electronic).toEqual({ state: 'waiting', lookupCode: null, lastError: null });
    const file = await receiptPdf(f, receipt!.id, 'electronic');
    expect(reader.info(file).Pages).toBe('1');
    const text = reader.flat(file, 1);
    expect(text).toContain('(Bản thể hiện của biên lai điện tử)');
    expect(text).toContain('Mẫu số: 01BLP0-001');
    expect(text).toContain('Mã tra cứu biên lai điện tử: đang chờ nhà cung cấp phát hành');
    expect(text).not.toContain('Liên 1');
  });
});

describe('printing the receipt', () => {
  it('sends the PDF to the printer the officer chose, and says in Vietnamese when there is none', async () => {
    const jobs: Array<{ title: string; printer?: string | undefined; pages: number }> = [];
    const dir = tempDir();
    const station = openStation({
      dataDir: dir, host: 'web', version: 'test', now: () => FIXED_NOW,
      printer: {
        list: async () => [{ name: 'quay-1', displayName: 'Máy in quầy 1', isDefault: true }],
        print: async (job) => {
          jobs.push({ title: job.title, printer: job.printer, pages: (job.pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length });
          return { printer: job.printer ?? 'quay-1' };
        },
      },
    });
    onTestFinished(() => station.close());
    const f = feesClient(station);
    await f.assign();
    const { receipt } = await f.payNow(await f.dossier(), [{ feeName: COPY_FEE }], { amountVnd: 2000 });
    expect(await f.call('receipts.print', { id: receipt!.id, printer: 'quay-1' })).toEqual({ printed: true, printer: 'quay-1' });
    expect(jobs).toEqual([{ title: 'bien-lai-AA-26P-0000001.pdf', printer: 'quay-1', pages: 2 }]);

    const none = feesClient(openTestStation());
    await none.assign();
    const other = await none.payNow(await none.dossier(), [{ feeName: COPY_FEE }], { amountVnd: 2000 });
    const error = await none.refused('receipts.print', { id: other.receipt!.id });
    expect(error.code).toBe('RECEIPT_PRINT_FAILED');
    expect(error.message).toMatch(/Không in được biên lai: Máy này chưa có máy in nào được cấu hình\. Kiểm tra máy in/);
  });
});

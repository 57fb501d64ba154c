import { describe, expect, it } from 'vitest';
import { processPage } from '../../main/scanning/page-compress';
import { decodePageFile, encodePageFile, PageFileDamaged } from '../../main/scanning/page-file';
import { buildScanPdf } from '../../main/scanning/scan-pdf';
import { scannedPage } from './pages';

// A page of an unfinished session, written to disk and read back after a restart, is the same
// page: the same PDF streams, the same pictures for the screen.

const info = { title: 'Tờ khai', subject: 'Đăng ký khai sinh', author: 'UBND xã', createdAt: new Date('2026-11-23T02:32:00Z') };

describe('page files of unfinished sessions', () => {
  it('bring back black-and-white, grey and colour pages exactly, so the PDF is the same', async () => {
    const pages = [
      await processPage(await scannedPage('text', 150), 'lineart'),
      await processPage(await scannedPage('photo', 150), 'gray'),
      await processPage(await scannedPage('signature', 150, 3), 'color'),
    ];
    expect(pages.map((p) => p.parts.kind)).toEqual(['bilevel', 'layered', 'layered']);
    const back = pages.map((p) => decodePageFile(encodePageFile(p)));
    expect(back).toEqual(pages);
    const pdf = async (list: typeof pages) => (await buildScanPdf(list.map((p) => ({ parts: p.parts, dpi: p.dpi, rotation: 0 as const })), info)).pdf;
    expect((await pdf(back)).equals(await pdf(pages))).toBe(true);
  });

  it('refuse a file cut short, with its header broken or that is no page file, saying why', async () => {
    const file = encodePageFile(await processPage(await scannedPage('text', 100), 'gray'));
    const failure = (data: Buffer) => { try { decodePageFile(data); return 'read'; } catch (e) { return e instanceof PageFileDamaged ? e.message : `other: ${String(e)}`; } };
    expect(failure(file.subarray(0, file.length - 100))).toBe('tệp bị cắt cụt');
    expect(failure(file.subarray(0, 20))).toBe('tệp bị cắt cụt');
    const broken = Buffer.from(file);
    broken[10] = 0x00; // the first byte of the JSON header
    expect(failure(broken)).toBe('phần đầu tệp hỏng');
    const renamed = Buffer.from(file.toString('latin1').replace('"width"', '"wideh"'), 'latin1');
    expect(failure(renamed)).toBe('thông số trang không hợp lệ');
    expect(failure(Buffer.from('%PDF-1.7\n'))).toBe('không phải tệp trang quét');
    expect(failure(Buffer.alloc(0))).toBe('không phải tệp trang quét');
  });
});

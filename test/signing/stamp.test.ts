import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { renderStamp } from '../../main/signing/stamp';

// The visible stamp: one page the size of the box, every line in it, Vietnamese intact.

function text(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'station-stamp-'));
  try {
    writeFileSync(join(dir, 's.pdf'), pdf);
    return execFileSync('pdftotext', [join(dir, 's.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the signature stamp', () => {
  it('shows signer, organisation and ISO 8601 time on one page of the given size', async () => {
    const pdf = await renderStamp({ signer: 'Nguyễn Văn An', organisation: 'UBND xã Tiên Du', signedAt: '2026-11-23T09:32:05+07:00' }, 190, 54);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: 190, height: 54 });
    const t = text(pdf);
    expect(t).toContain('Ký bởi: Nguyễn Văn An');
    expect(t).toContain('Cơ quan: UBND xã Tiên Du');
    expect(t).toContain('Thời gian ký: 2026-11-23T09:32:05+07:00');
  });

  it('keeps the time in the box when the organisation’s name is very long: smaller type, then a shortened name', async () => {
    const organisation = 'Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh – Chi nhánh liên xã Tiên Du, Lim, Nội Duệ, Liên Bão và Hiên Vân';
    const pdf = await renderStamp({ signer: 'Nguyễn Thị Thuỷ Tiên', organisation, signedAt: '2026-11-23T09:32:05+07:00' }, 170, 38);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
    const t = text(pdf);
    expect(t).toContain('Thời gian ký: 2026-11-23T09:32:05+07:00');
    expect(t).toContain('Nguyễn Thị Thuỷ Tiên');
  });
});

import { describe, expect, it } from 'vitest';
import { PAPER_DOTS, blankRows, rasterText, ruleRows, stackBitmaps } from '../../../../hardware/printers/escpos/raster-text';
import { inkIn } from '../escpos-fake';

const ink = (b: { width: number; height: number; data: Uint8Array }, box?: { x: number; y: number; width: number; height: number }) =>
  inkIn({ width: b.width, dots: b.data }, box ?? { x: 0, y: 0, width: b.width, height: b.height });

const third = (b: { width: number; height: number }, i: 0 | 1 | 2) => ({ x: Math.floor((b.width / 3) * i), y: 0, width: Math.floor(b.width / 3), height: b.height });

describe('Vietnamese text as a 1-bit raster', () => {
  it('draws across the paper width, 384 or 576 dots, with ink', async () => {
    for (const width of [PAPER_DOTS[58], PAPER_DOTS[80]]) {
      const b = await rasterText('Trung tâm Phục vụ hành chính công', width);
      expect(b.width).toBe(width);
      expect(b.data.length).toBe((width / 8) * b.height);
      expect(b.height).toBeGreaterThan(20);
      expect(ink(b)).toBeGreaterThan(500);
    }
  });

  it('gives the same dots for NFD input as for NFC', async () => {
    const text = 'Giấy hẹn: Ủy ban nhân dân xã Đông Hưng';
    const nfc = await rasterText(text, 384);
    const nfd = await rasterText(text.normalize('NFD'), 384);
    expect(Buffer.from(nfd.data).equals(Buffer.from(nfc.data))).toBe(true);
  });

  it('puts lines of one size on the same height whatever their letters', async () => {
    const plain = await rasterText('ao', 384);
    const marked = await rasterText('Ẫỵ', 384);
    expect(marked.height).toBe(plain.height);
  });

  it('wraps a long line instead of cutting it', async () => {
    const one = await rasterText('Hộ tịch', 384);
    const long = await rasterText('Đăng ký khai sinh, kết hôn, khai tử và cấp bản sao trích lục hộ tịch cho công dân cư trú trên địa bàn', 384);
    // Three lines or more: two would be one line plus one line pitch (under 2 × one line).
    expect(long.height).toBeGreaterThan(2.5 * one.height);
    const unbroken = await rasterText('X'.repeat(80), 384); // one word wider than the paper
    expect(unbroken.height).toBeGreaterThan(one.height);
    expect(ink(unbroken, { x: 0, y: 0, width: 4, height: unbroken.height })).toBe(0); // margins stay white
    expect(ink(unbroken, { x: 380, y: 0, width: 4, height: unbroken.height })).toBe(0);
  });

  it('aligns left, centre and right', async () => {
    const left = await rasterText('A015', 576, { align: 'left' });
    const center = await rasterText('A015', 576, { align: 'center' });
    const right = await rasterText('A015', 576, { align: 'right' });
    expect([ink(left, third(left, 0)) > 0, ink(left, third(left, 1)) > 0, ink(left, third(left, 2)) > 0]).toEqual([true, false, false]);
    expect([ink(center, third(center, 0)) > 0, ink(center, third(center, 1)) > 0, ink(center, third(center, 2)) > 0]).toEqual([false, true, false]);
    expect([ink(right, third(right, 0)) > 0, ink(right, third(right, 1)) > 0, ink(right, third(right, 2)) > 0]).toEqual([false, false, true]);
  });

  it('draws the ticket number large and bold text heavier', async () => {
    const normal = await rasterText('A015', 384);
    const huge = await rasterText('A015', 384, { size: 'huge', bold: true });
    expect(huge.height).toBeGreaterThan(4 * normal.height);
    const regular = await rasterText('Hộ tịch', 384);
    const bold = await rasterText('Hộ tịch', 384, { bold: true });
    expect(ink(bold)).toBeGreaterThan(ink(regular) * 1.1);
  });

  it('keeps markup characters as text', async () => {
    const b = await rasterText('Đất đai & <nhà ở>', 384);
    expect(ink(b)).toBeGreaterThan(ink(await rasterText('Đất đai', 384)));
  });

  it('empty text is no rows; refuses a width that is not a multiple of 8', async () => {
    expect(await rasterText('  \n ', 384)).toEqual({ width: 384, height: 0, data: new Uint8Array(0) });
    await expect(rasterText('x', 100)).rejects.toThrow(/multiple of 8/);
  });

  it('stacks blocks, blank rows and rules', () => {
    const rule = ruleRows(384, 2, 0.5);
    expect(ink(rule)).toBe(2 * 192);
    const stacked = stackBitmaps([blankRows(384, 3), rule]);
    expect(stacked.height).toBe(5);
    expect(ink(stacked, { x: 0, y: 0, width: 384, height: 3 })).toBe(0);
    expect(() => stackBitmaps([blankRows(384, 1), blankRows(576, 1)])).toThrow(RangeError);
  });
});

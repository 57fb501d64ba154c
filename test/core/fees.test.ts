import { describe, expect, it } from 'vitest';
import { feeKindOf, feeLineAmounts, feeTotals, formatReceiptNumber } from '../../main/core/fees';

// The arithmetic of a dossier's fees, shared by the intake form and the station.

describe('fee lines', () => {
  it('multiplies the unit amount by the quantity', () => {
    expect(feeLineAmounts({ unitAmountVnd: 2000, quantity: 3, exemption: null })).toEqual({ grossVnd: 6000, exemptVnd: 0, dueVnd: 6000 });
  });

  it('waives a fee in full and reduces one in part, rounding the reduction in the payer\'s favour', () => {
    expect(feeLineAmounts({ unitAmountVnd: 10_000, quantity: 1, exemption: { reason: 'poor_household', percent: 100, detail: '' } }).dueVnd).toBe(0);
    expect(feeLineAmounts({ unitAmountVnd: 10_000, quantity: 1, exemption: { reason: 'disability', percent: 50, detail: '' } })).toEqual({ grossVnd: 10_000, exemptVnd: 5000, dueVnd: 5000 });
    expect(feeLineAmounts({ unitAmountVnd: 5001, quantity: 1, exemption: { reason: 'disability', percent: 50, detail: '' } })).toEqual({ grossVnd: 5001, exemptVnd: 2501, dueVnd: 2500 });
  });

  it('adds lines up', () => {
    expect(feeTotals([{ grossVnd: 6000, exemptVnd: 0, dueVnd: 6000 }, { grossVnd: 10_000, exemptVnd: 10_000, dueVnd: 0 }])).toEqual({ grossVnd: 16_000, exemptVnd: 10_000, dueVnd: 6000 });
  });

  it('prints receipt numbers with seven digits and tells charges (lệ phí) from fees (phí)', () => {
    expect(formatReceiptNumber(123)).toBe('0000123');
    expect(formatReceiptNumber(9_999_999)).toBe('9999999');
    expect(feeKindOf('Lệ phí đăng ký khai sinh')).toBe(2);
    expect(feeKindOf('Phí chứng thực chữ ký')).toBe(1);
    expect(feeKindOf('Le\u0323\u0302 phí cấp bản sao'.normalize('NFD'))).toBe(2);
  });
});

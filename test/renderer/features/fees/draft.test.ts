import { describe, expect, it } from 'vitest';
import type { DossierFeesView } from '../../../../main/contract/fees-schemas';
import {
  amountsOf, draftOf, errorsByRow, linesToRecord, newPaymentKey, parsePercent, parseVnd, sameAsRecorded, totalsOf, type LineDraft,
} from '../../../../renderer/src/features/fees/draft';

// The fee lines as the officer edits them: the amounts shown must be the ones the station
// records, what is sent must be what the station takes, and its errors must land on the row typed.

const COPY = 'Phí chứng thực bản sao từ bản chính';
const SIGN = 'Phí chứng thực chữ ký';

const view = (over: Partial<DossierFeesView> = {}): DossierFeesView => ({
  code: '000.00.06.H56-261123-0001',
  procedureCode: '2.000815',
  procedureName: 'Chứng thực bản sao',
  catalogueFees: [
    { name: COPY, amountVnd: 2000, note: '2.000 đồng/trang', fixed: true },
    { name: SIGN, amountVnd: 0, note: 'do tỉnh quy định', fixed: false },
  ],
  lines: [],
  totals: { grossVnd: 0, exemptVnd: 0, dueVnd: 0, paidVnd: 0, outstandingVnd: 0 },
  recorded: null,
  receipts: [],
  ...over,
});

const line = (over: Partial<LineDraft> = {}): LineDraft => ({ feeName: COPY, note: '', fixed: true, unitAmount: '2000', quantity: '3', exemption: null, ...over });

describe('the fee lines being edited', () => {
  it('starts from every fee of the procedure once, or from what was recorded with the other fees at 0', () => {
    expect(draftOf(view()).map((l) => [l.feeName, l.quantity, l.fixed])).toEqual([[COPY, '1', true], [SIGN, '1', false]]);
    const recorded = view({
      recorded: { at: '2026-11-23T09:32', officerId: 'o', officerName: 'Thu' },
      lines: [{
        position: 0, feeName: COPY, note: '', unitAmountVnd: 2000, quantity: 3, grossVnd: 6000,
        exemption: { reason: 'disability', reasonName: 'Người khuyết tật', percent: 50, detail: 'Giấy 125' }, exemptVnd: 3000, dueVnd: 3000, status: 'unpaid', receiptId: null,
      }],
    });
    const d = draftOf(recorded);
    expect(d.map((l) => [l.feeName, l.quantity, l.exemption?.percent ?? null])).toEqual([[COPY, '3', '50'], [SIGN, '0', null]]);
    expect(sameAsRecorded(d, recorded)).toBe(true);
    expect(sameAsRecorded([{ ...d[0]!, quantity: '4' }, d[1]!], recorded)).toBe(false);
    expect(sameAsRecorded(d, view())).toBe(false);
  });

  it('computes what is due as the station does, a reduction rounded in the payer\'s favour', () => {
    expect(amountsOf(line())).toEqual({ grossVnd: 6000, exemptVnd: 0, dueVnd: 6000 });
    expect(amountsOf(line({ exemption: { reason: 'disability', percent: '50', detail: '' } }))).toEqual({ grossVnd: 6000, exemptVnd: 3000, dueVnd: 3000 });
    expect(amountsOf(line({ unitAmount: '5001', quantity: '1', exemption: { reason: 'poor_household', percent: '50', detail: '' } })).dueVnd).toBe(2500);
    expect(amountsOf(line({ exemption: { reason: 'other', percent: '', detail: 'x' } })).dueVnd).toBe(0); // empty percent waives it all
    expect(totalsOf([line(), line({ feeName: SIGN, unitAmount: '10.000', quantity: '1' })])).toEqual({ grossVnd: 16000, exemptVnd: 0, dueVnd: 16000 });
  });

  it('reads amounts and percentages as typed', () => {
    expect(parseVnd('5.000 đ')).toBe(5000);
    expect(parseVnd('')).toBe(0);
    expect(parsePercent('50,4')).toBe(50);
    expect(parsePercent('250')).toBe(100);
  });

  it('sends only lines with a quantity, the amount only where the province sets it, and maps errors back to the rows', () => {
    const draft = [line({ quantity: '0' }), line({ feeName: SIGN, fixed: false, unitAmount: '10000', quantity: '2', exemption: { reason: 'other', percent: '100', detail: '  ' } })];
    const { lines, rows } = linesToRecord(draft);
    expect(lines).toEqual([{ feeName: SIGN, quantity: 2, unitAmountVnd: 10000, exemption: { reason: 'other', percent: 100, detail: '' } }]);
    expect(rows).toEqual([1]);
    expect(errorsByRow({ 'lines.0.exemption.detail': 'Ghi rõ căn cứ', 'payment.number': 'Số sai' }, rows)).toEqual({ 'rows.1.exemption.detail': 'Ghi rõ căn cứ', 'payment.number': 'Số sai' });
  });

  it('mints a fresh version-4 key for each payment', () => {
    const a = newPaymentKey();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newPaymentKey()).not.toBe(a);
  });
});

import { exemptionReasonNames, feeKindOf, formatReceiptNumber, type PaymentMethod } from '../core/fees';
import { portalTime } from '../portal/portal-record';
import type { FeeLine, ReceiptRecord } from './fees-store';

// The dossier's fees as the portal receives them (DanhSachLePhi, main/portal/PROTOCOL.md): sent
// as a `dossier.update` whenever the fees are recorded, paid or a receipt is voided, queued in
// the same transaction.

const METHOD_CODES: Readonly<Record<PaymentMethod, 1 | 2 | 3>> = { cash: 1, transfer: 2, qr: 3 };

/** 0 unpaid (chưa thu), 1 paid (đã thu), 2 nothing to pay (miễn). */
function paymentState(line: FeeLine): 0 | 1 | 2 {
  if (line.dueVnd === 0) return 2;
  return line.receiptId === null ? 0 : 1;
}

export function danhSachLePhi(lines: readonly FeeLine[], receipt: (id: number) => ReceiptRecord | undefined) {
  return lines.map((l) => {
    const r = l.receiptId === null ? undefined : receipt(l.receiptId);
    return {
      TenPhiLePhi: l.feeName,
      LoaiPhiLePhi: feeKindOf(l.feeName),
      MucThu: l.unitAmountVnd,
      SoLuong: l.quantity,
      ThanhTien: l.grossVnd,
      MienGiam: l.exemption === null ? null : {
        LyDo: l.exemption.reason,
        TenLyDo: exemptionReasonNames[l.exemption.reason].vi,
        TyLe: l.exemption.percent,
        SoTien: l.exemptVnd,
        GhiChu: l.exemption.detail,
      },
      SoTienPhaiNop: l.dueVnd,
      TrangThaiThanhToan: paymentState(l),
      HinhThucThanhToan: r ? METHOD_CODES[r.method] : null,
      BienLai: r ? { MauSo: r.formNumber, KyHieu: r.series, So: formatReceiptNumber(r.number), NgayThu: portalTime(r.issuedAt) } : null,
    };
  });
}

import { formatReceiptNumber, type PaymentMethod } from '../../core/fees';
import type { LocalDateTime } from '../../core/model';
import { vndInWords } from '../../core/vnd-words';
import { portalTime } from '../../portal/portal-record';
import type { FeeLine } from '../fees-store';
import type { EReceiptDocument, ProviderPaymentMethod } from './provider';

// The e-receipt document, built when the receipt is written and stored with its job: what the
// provider receives is what the officer was shown. Every string NFC, like every printed text.

const METHODS: Readonly<Record<PaymentMethod, ProviderPaymentMethod>> = { cash: 'TM', transfer: 'CK', qr: 'QR' };

export type EReceiptSource = Readonly<{
  formNumber: string; series: string; number: number; issuedAt: LocalDateTime;
  collector: Readonly<{ name: string; taxCode: string; agencyId: string }>;
  payer: Readonly<{ name: string; address: string }>;
  dossierCode: string; procedureName: string; method: PaymentMethod; officerName: string; items: readonly FeeLine[];
}>;

export function eReceiptDocument(s: EReceiptSource): EReceiptDocument {
  const nfc = (t: string) => t.normalize('NFC');
  const total = s.items.reduce((a, l) => a + l.dueVnd, 0);
  return {
    MauSo: s.formNumber,
    KyHieu: s.series,
    SoBienLai: formatReceiptNumber(s.number),
    NgayLap: portalTime(s.issuedAt),
    DonViThu: { Ten: nfc(s.collector.name), MaSoThue: s.collector.taxCode, MaCoQuan: s.collector.agencyId },
    NguoiNop: { HoTen: nfc(s.payer.name), DiaChi: nfc(s.payer.address) },
    MaHoSo: s.dossierCode,
    TenThuTuc: nfc(s.procedureName),
    HinhThucThanhToan: METHODS[s.method],
    DanhSachKhoanThu: s.items.map((l) => ({ TenKhoanThu: nfc(l.feeName), SoLuong: l.quantity, MucThu: l.unitAmountVnd, MienGiam: l.exemptVnd, ThanhTien: l.dueVnd })),
    TongTien: total,
    TongTienBangChu: vndInWords(total),
    CanBoThu: nfc(s.officerName),
  };
}

// The station's only view of an electronic-receipt provider (biên lai điện tử: the providers'
// services the station cannot reach from here). The e-receipt worker depends on this interface;
// `HttpEReceiptProvider` (http-provider.ts) is the one real implementation of the protocol in
// PROTOCOL.md beside this file, and `simulator/` a real server implementing it for tests and demos.

/** Every provider answer, sorted by what the job must do with it. */
export type ProviderResult<T> =
  | Readonly<{ kind: 'ok'; value: T }>
  /** A 4xx other than 401/408/429: the request itself is wrong; retrying cannot help. */
  | Readonly<{ kind: 'rejected'; status: number; code: string; message: string }>
  /** Network error, timeout, 401 (key refused: the technician fixes it), 408, 429, 5xx, an unreadable answer: try later. */
  | Readonly<{ kind: 'transient'; reason: 'network' | 'timeout' | 'auth' | 'busy' | 'server' | 'unreadable'; detail: string; status?: number }>;

/** 1 cash (tiền mặt), 2 transfer (chuyển khoản), 3 QR — as the provider codes them. */
export type ProviderPaymentMethod = 'TM' | 'CK' | 'QR';

/** The e-receipt as the provider receives it: recorded with the receipt, sent as recorded. */
export type EReceiptDocument = Readonly<{
  MauSo: string;
  KyHieu: string;
  /** Seven digits, the station's number: the provider never numbers it. */
  SoBienLai: string;
  /** yyyyMMddHHmmss, Asia/Ho_Chi_Minh. */
  NgayLap: string;
  DonViThu: Readonly<{ Ten: string; MaSoThue: string; MaCoQuan: string }>;
  NguoiNop: Readonly<{ HoTen: string; DiaChi: string }>;
  MaHoSo: string;
  TenThuTuc: string;
  HinhThucThanhToan: ProviderPaymentMethod;
  DanhSachKhoanThu: ReadonlyArray<Readonly<{ TenKhoanThu: string; SoLuong: number; MucThu: number; MienGiam: number; ThanhTien: number }>>;
  TongTien: number;
  TongTienBangChu: string;
  CanBoThu: string;
}>;

export type IssuedEReceipt = Readonly<{ providerId: string; lookupCode: string; issuedAt: string }>;

export interface EReceiptProvider {
  /** Checks the key: answers the tax code of the seller the key belongs to. */
  ping(): Promise<ProviderResult<{ time: string; taxCode: string }>>;
  /** Issues the receipt; the same key answers the same receipt again, however many times. */
  issue(idempotencyKey: string, document: EReceiptDocument): Promise<ProviderResult<IssuedEReceipt>>;
  /** Cancels an issued receipt (it keeps its number at the provider too). */
  cancel(idempotencyKey: string, providerId: string, reason: string): Promise<ProviderResult<{ cancelledAt: string }>>;
  close(): void;
}

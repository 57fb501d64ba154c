import type { LocalDateTime, ProcessingTime } from '../core/model';

/**
 * Everything printed on Mẫu 01 "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
 * (Circular 01/2018/TT-VPCP; docs/domain.md, "The printed forms"). Built by the core from a saved dossier
 * and the agency profile; the form only lays it out.
 */
export type ReceiptSlipData = Readonly<{
  agency: Readonly<{
    /** Upper header line, e.g. "UBND TỈNH BẮC NINH" (the governing body). */
    parentName: string;
    /** The receiving unit, e.g. "UBND XÃ TIÊN DU" + "BỘ PHẬN MỘT CỬA". */
    name: string;
    unitName: string;
    /** Place name used in "…, ngày dd tháng mm năm yyyy". */
    placeName: string;
  }>;
  /** Slip number as printed after "Số:", e.g. "0361/TNHS". */
  slipNumber: string;
  dossierCode: string;
  /** The code is provisional until the portal confirms it (sync issue). */
  provisionalCode: boolean;
  /** URL the QR code opens to look the status up; the code is already substituted. */
  lookupUrl: string;
  owner: Readonly<{
    fullName: string;
    idNumber: string;
    address: string;
    phone: string;
    email?: string;
  }>;
  /** Only when the person at the counter is not the owner. */
  submitter?: Readonly<{ fullName: string; idNumber?: string; phone?: string }>;
  procedure: Readonly<{ code: string; name: string; processingTime: ProcessingTime }>;
  documents: ReadonlyArray<Readonly<{ name: string; originals: number; certifiedCopies: number; copies: number }>>;
  sets: number;
  receivedAt: LocalDateTime;
  appointmentAt: LocalDateTime;
  resultDelivery: Readonly<{ method: 'counter' } | { method: 'post'; address: string }>;
  /** Where the result is handed back when collected at the counter. */
  resultCounter: string;
  logBook: Readonly<{ volume: string; line: number }>;
  officerName: string;
  notes?: string;
  /** Printed as a discreet mark when the agency profile is still the seeded demo. */
  demo: boolean;
}>;

export type SlipLayout = Readonly<{ paper: 'A4' | 'A5'; copies: 1 | 2 }>;

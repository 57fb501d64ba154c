import type { AgencyProfile, StationSettings } from '../contract/schemas';
import type { Dossier, LocalDateTime, ProcessingTime } from '../core/model';

/**
 * Everything printed on Mẫu 01 "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
 * (Circular 01/2018/TT-VPCP; docs/domain.md, "The printed forms"). Built by `slipDataOf` from a
 * saved dossier and the agency profile; the form only lays it out.
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

/** The slip of a saved dossier: one mapping, used wherever a slip is printed or signed. */
export function slipDataOf(d: Dossier, agency: AgencyProfile, station: StationSettings): ReceiptSlipData {
  return {
    agency: { parentName: agency.parentName, name: agency.name, unitName: agency.unitName, placeName: agency.placeName },
    slipNumber: `${String(d.logBookLine).padStart(4, '0')}/TNHS`,
    dossierCode: d.code,
    provisionalCode: d.codeIsProvisional,
    lookupUrl: station.lookupUrlTemplate.replace('{code}', encodeURIComponent(d.code)),
    owner: { fullName: d.owner.fullName, idNumber: d.owner.idNumber, address: d.owner.address, phone: d.owner.phone, ...(d.owner.email ? { email: d.owner.email } : {}) },
    ...(d.submitter ? { submitter: d.submitter } : {}),
    procedure: { code: d.procedureCode, name: d.procedureName, processingTime: d.processingTime },
    documents: d.documents,
    sets: d.sets,
    receivedAt: d.receivedAt,
    appointmentAt: d.appointmentAt,
    resultDelivery: d.resultDelivery,
    resultCounter: agency.resultCounter,
    logBook: { volume: d.logBookVolume, line: d.logBookLine },
    officerName: d.officerName,
    ...(d.notes ? { notes: d.notes } : {}),
    demo: agency.demo,
  };
}

/** The slip's file name for a dossier code. */
export const slipFileName = (code: string, signed = false): string => `giay-tiep-nhan-${code.replace(/[^\w.-]+/g, '_')}${signed ? '-ky-so' : ''}.pdf`;

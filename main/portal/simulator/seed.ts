import { createHash } from 'node:crypto';
import { demoCatalogue } from '../../catalogue/demo-catalogue';
import { defaultCalendarDays } from '../../core/calendar';
import type { CalendarDayKind } from '../../core/calendar';
import type { Procedure, ProcessingTime } from '../../core/model';
import { missingCaseError } from '../../core/errors';
import type { PortalCalendarDay, PortalProcedure } from './validation';

// What the simulated portal serves before anyone replaces it through /__sim/: the demo
// catalogue in the protocol's shape (the same national codes the station seeds, so dossiers
// of a fresh station name procedures the portal knows) and each year's default calendar.

function processingTime(t: ProcessingTime): PortalProcedure['ThoiHanGiaiQuyet'] {
  switch (t.unit) {
    case 'day': return { DonVi: 'ngay', GiaTri: t.amount };
    case 'hour': return { DonVi: 'gio', GiaTri: t.amount };
    case 'same_day': return { DonVi: 'trong_ngay', GioChot: t.cutoff };
    default: throw missingCaseError(t);
  }
}

export function toPortalProcedure(p: Procedure): PortalProcedure {
  return {
    MaTTHC: p.code,
    TenTTHC: p.name,
    TenLinhVuc: p.field,
    CapThucHien: p.level === 'commune' ? 'xa' : 'tinh',
    ThoiHanGiaiQuyet: processingTime(p.processingTime),
    SoBoHoSo: p.sets,
    PhiLePhi: p.fees.map((f) => ({ TenPhi: f.name, SoTien: f.amountVnd, ...(f.note ? { MoTa: f.note } : {}) })),
    ThanhPhanHoSo: p.documents.map((d) => ({
      Ma: d.code, Ten: d.name, SoBanChinh: d.originals, SoBanSao: d.certifiedCopies, SoBanPhoto: d.copies, BatBuoc: d.mandatory,
    })),
  };
}

/** A short content hash: the version of a catalogue or calendar nobody named. */
export function contentVersion(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

export function seedCatalogue(): { version: string; procedures: PortalProcedure[] } {
  const procedures = demoCatalogue.map(toPortalProcedure);
  return { version: contentVersion(procedures), procedures };
}

const KIND: Readonly<Record<CalendarDayKind, PortalCalendarDay['Loai']>> = {
  holiday: 'nghi_le', compensatory: 'nghi_bu', makeup_workday: 'lam_bu',
};

export function defaultCalendar(year: number): { version: string; days: PortalCalendarDay[] } {
  const days = defaultCalendarDays(year).map((d) => ({ Ngay: d.date.replace(/-/g, ''), Loai: KIND[d.kind], Ten: d.name }));
  return { version: contentVersion(days), days };
}

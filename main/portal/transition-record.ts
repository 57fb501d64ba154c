import type { DossierStatus, LifecycleEvent, ResultHandover } from '../core/lifecycle';
import type { LocalDateTime } from '../core/model';
import { portalTime } from './portal-record';

// A change of a dossier's status made at the station, as the portal receives it
// (PROTOCOL.md, "Transitions"). Built in the transaction of the change and stored in its outbox
// entry, so the change sent is the change the officer saw recorded.

export type TransitionFacts = Readonly<{
  code: string;
  /** The lifecycle event, or `confirm_status`: the station confirms its status over the portal's (an officer decided a conflict). */
  event: LifecycleEvent | 'confirm_status';
  from: DossierStatus | null;
  to: DossierStatus;
  at: LocalDateTime;
  officerName: string;
  unit: string;
  reason?: string;
  /** The appointment after a supplement (a new slip). */
  appointmentAt?: LocalDateTime;
  /** The date promised by an apology (Mẫu 04). */
  newAppointmentAt?: LocalDateTime;
  /** What the citizen must complete (Mẫu 02). */
  items?: readonly string[];
  /** The papers brought with a supplement. */
  papers?: ReadonlyArray<Readonly<{ code?: string; name: string; originals: number; certifiedCopies: number; copies: number }>>;
  handover?: ResultHandover;
  toUnit?: string;
  /** The officer confirmed the station's record over the portal's: the portal applies it as given. */
  confirm?: boolean;
}>;

/** The body of POST /dossiers/{IdHoSo}/transitions (PhienBanTruoc is added when it is sent). */
export function transitionRecord(t: TransitionFacts) {
  const h = t.handover;
  return {
    MaHoSo: t.code,
    SuKien: t.event,
    TrangThaiTruoc: t.from,
    TrangThaiHoSo: t.to,
    ThoiGian: portalTime(t.at),
    CanBoXuLy: t.officerName,
    DonViXuLy: t.unit,
    LyDo: t.reason ?? '',
    ...(t.appointmentAt !== undefined ? { NgayHenTra: portalTime(t.appointmentAt) } : {}),
    ...(t.newAppointmentAt !== undefined ? { NgayHenTraMoi: portalTime(t.newAppointmentAt) } : {}),
    ...(t.items !== undefined ? { NoiDungBoSung: [...t.items] } : {}),
    ...(t.papers !== undefined
      ? { GiayToBoSung: t.papers.map((p) => ({ MaThanhPhanHoSo: p.code ?? null, TenGiayTo: p.name, SoBanChinh: p.originals, SoBanSao: p.certifiedCopies, SoBanPhoto: p.copies })) }
      : {}),
    ...(t.toUnit !== undefined ? { DonViNhan: t.toUnit } : {}),
    ...(h !== undefined
      ? {
          NguoiNhanKetQua: h.receiver.kind === 'owner'
            ? { LaChuHoSo: true }
            : { LaChuHoSo: false, HoTen: h.receiver.fullName, SoDinhDanh: h.receiver.idNumber.replace(/\s+/g, ''), GiayUyQuyen: h.receiver.authorisation ?? '' },
          HinhThucTraKetQua: h.delivery.method === 'post' ? 2 : 1,
          SoHieuBuuGui: h.delivery.method === 'post' ? h.delivery.trackingNumber.replace(/\s+/g, '').toUpperCase() : '',
          CanBoTraKetQua: h.officerName,
        }
      : {}),
    ...(t.confirm === true ? { XacNhanXungDot: true } : {}),
  };
}

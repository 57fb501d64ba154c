import type { Dossier } from '../core/model';

// The dossier as the provincial portal will receive it, with the national portal's field names
// (docs/sync.md). Built at intake and stored in the outbox entry, so the record that is sent is
// the record that was acknowledged to the officer. The sync issue defines the protocol.

/** "2023-10-27T09:32" → "20231027093200" (yyyyMMddHHmmss, Asia/Ho_Chi_Minh). */
export function portalTime(local: string): string {
  return local.replace(/[-T:]/g, '') + '00';
}

/** What the record is made of: a dossier being received, or one as stored. */
export type RecordSource = Omit<Dossier, 'code' | 'codeIsProvisional' | 'logBookLine'>;

/** `provisional`: the code was issued offline without a leased number; the portal assigns the final one. */
export function portalRecord(code: string, agencyId: string, d: RecordSource, provisional = false) {
  return {
    MaHoSo: provisional ? null : code,
    MaHoSoTam: provisional ? code : null,
    MaCoQuan: agencyId,
    MaTTHC: d.procedureCode,
    TenTTHC: d.procedureName,
    ChuHoSo: d.owner.fullName,
    SoDinhDanh: d.owner.idNumber,
    NgaySinh: d.owner.birthDate.replace(/-/g, ''),
    SoDienThoai: d.owner.phone,
    Email: d.owner.email ?? '',
    DiaChi: d.owner.address,
    NguoiNop: d.submitter?.fullName ?? d.owner.fullName,
    NgayTiepNhan: portalTime(d.receivedAt),
    NgayHenTra: portalTime(d.appointmentAt),
    TrangThaiHoSo: d.status,
    KenhThucHien: d.channel,
    HinhThucNhanKetQua: d.resultDelivery.method === 'post' ? 2 : 1,
    DiaChiNhanKetQua: d.resultDelivery.method === 'post' ? d.resultDelivery.address : '',
    SoBoHoSo: d.sets,
    TaiLieuNop: d.documents.map((doc) => ({
      MaThanhPhanHoSo: doc.code,
      TenTaiLieu: doc.name,
      SoBanChinh: doc.originals,
      SoBanSao: doc.certifiedCopies,
      SoBanPhoto: doc.copies,
    })),
    GhiChu: d.notes,
  };
}

// A dossier record as a station sends it (PROTOCOL.md, POST /dossiers), with the national
// portal's field names. Overrides replace fields; `undefined` removes one.

export const AGENCY = '000.00.06.H56';

export function sampleDossier(overrides: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const record: Record<string, unknown> = {
    MaHoSo: null,
    MaHoSoTam: null,
    MaCoQuan: AGENCY,
    MaTTHC: '1.001193',
    TenTTHC: 'Thủ tục đăng ký khai sinh',
    ChuHoSo: 'Nguyễn Thị Lan',
    SoDinhDanh: '001190012345',
    NgaySinh: '19900512',
    SoDienThoai: '0912345678',
    Email: 'lan.nguyen@example.vn',
    DiaChi: 'Số 12 ngõ 34 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội',
    NguoiNop: 'Nguyễn Thị Lan',
    NgayTiepNhan: '20261123093200',
    NgayHenTra: '20261123160000',
    TrangThaiHoSo: 2,
    KenhThucHien: 1,
    HinhThucNhanKetQua: 1,
    DiaChiNhanKetQua: '',
    SoBoHoSo: 1,
    TaiLieuNop: [
      { MaThanhPhanHoSo: 'TP1', TenTaiLieu: 'Tờ khai đăng ký khai sinh theo mẫu', SoBanChinh: 1, SoBanSao: 0, SoBanPhoto: 0 },
      { MaThanhPhanHoSo: 'TP2', TenTaiLieu: 'Giấy chứng sinh', SoBanChinh: 1, SoBanSao: 0, SoBanPhoto: 0 },
    ],
    GhiChu: '',
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete record[k];
    else record[k] = v;
  }
  return record;
}

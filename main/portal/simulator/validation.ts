import { z } from 'zod';
import { isValidLocalDate } from '../../core/time';
import { SimError } from './sim-error';

// The request bodies of PROTOCOL.md as zod schemas, built once at load. A failure becomes
// `400 { error: { code: "VALIDATION", field, message } }` with a Vietnamese message naming the
// field, as a real portal's integration layer answers. Unknown fields are kept (looseObject):
// a portal accepts fields it does not know rather than rejecting a newer station.

const LABELS: Readonly<Record<string, string>> = {
  MaHoSo: 'Mã hồ sơ', MaHoSoTam: 'Mã hồ sơ tạm', MaCoQuan: 'Mã cơ quan', MaTTHC: 'Mã thủ tục', TenTTHC: 'Tên thủ tục',
  ChuHoSo: 'Chủ hồ sơ', SoDinhDanh: 'Số định danh cá nhân', NgaySinh: 'Ngày sinh', SoDienThoai: 'Số điện thoại',
  Email: 'Email', DiaChi: 'Địa chỉ', NguoiNop: 'Người nộp', NgayTiepNhan: 'Ngày tiếp nhận', NgayHenTra: 'Ngày hẹn trả',
  TrangThaiHoSo: 'Trạng thái hồ sơ', KenhThucHien: 'Kênh thực hiện', HinhThucNhanKetQua: 'Hình thức nhận kết quả',
  DiaChiNhanKetQua: 'Địa chỉ nhận kết quả', SoBoHoSo: 'Số bộ hồ sơ', TaiLieuNop: 'Tài liệu nộp',
  MaThanhPhanHoSo: 'Mã thành phần hồ sơ', TenTaiLieu: 'Tên tài liệu', SoBanChinh: 'Số bản chính', SoBanSao: 'Số bản sao',
  SoBanPhoto: 'Số bản photo', GhiChu: 'Ghi chú', PhienBanTruoc: 'Phiên bản trước', MaMayTram: 'Mã máy trạm', Ngay: 'Ngày',
  SoLuong: 'Số lượng', DaDung: 'Các số đã dùng', TuSo: 'Từ số', DenSo: 'Đến số', ThayThe: 'Tệp được thay thế', TenTep: 'Tên tệp', KichThuoc: 'Kích thước', Sha256: 'Mã băm SHA-256', LoaiTep: 'Loại tệp',
  grant_type: 'Kiểu cấp quyền (grant_type)', client_id: 'Mã ứng dụng (client_id)', client_secret: 'Mật khẩu ứng dụng (client_secret)',
  DonViXuLy: 'Đơn vị xử lý', CanBoXuLy: 'Cán bộ xử lý', ThoiGian: 'Thời gian', NoiDung: 'Nội dung', IdHoSo: 'Mã định danh hồ sơ',
  DanhGiaHaiLong: 'Đánh giá sự hài lòng', IdLuot: 'Mã lượt đánh giá', GiaiDoan: 'Giai đoạn đánh giá', MucDo: 'Mức độ hài lòng',
  TenMucDo: 'Tên mức độ hài lòng', GopY: 'Góp ý', CanBoTiepNhan: 'Cán bộ tiếp nhận', MaCanBo: 'Mã cán bộ',
  DanhSachLePhi: 'Danh sách phí, lệ phí', TenPhiLePhi: 'Tên phí, lệ phí', LoaiPhiLePhi: 'Loại phí, lệ phí', MucThu: 'Mức thu',
  ThanhTien: 'Thành tiền', MienGiam: 'Miễn, giảm', TenLyDo: 'Tên lý do miễn, giảm', TyLe: 'Tỷ lệ miễn, giảm',
  SoTien: 'Số tiền', SoTienPhaiNop: 'Số tiền phải nộp', TrangThaiThanhToan: 'Trạng thái thanh toán',
  HinhThucThanhToan: 'Hình thức thanh toán', BienLai: 'Biên lai', MauSo: 'Mẫu số biên lai', KyHieu: 'Ký hiệu biên lai', So: 'Số biên lai',
  NgayThu: 'Ngày thu',
  SuKien: 'Sự kiện', TrangThaiTruoc: 'Trạng thái trước', LyDo: 'Lý do', 'MienGiam.LyDo': 'Lý do miễn, giảm', NgayHenTraMoi: 'Ngày hẹn trả mới', NoiDungBoSung: 'Nội dung cần bổ sung',
  GiayToBoSung: 'Giấy tờ bổ sung', TenGiayTo: 'Tên giấy tờ', NguoiNhanKetQua: 'Người nhận kết quả', HoTen: 'Họ tên',
  HinhThucTraKetQua: 'Hình thức trả kết quả', SoHieuBuuGui: 'Số hiệu bưu gửi', XacNhanXungDot: 'Xác nhận xung đột', DonViNhan: 'Đơn vị nhận',
};

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'chuỗi ký tự', number: 'số', int: 'số nguyên', boolean: 'true hoặc false', array: 'danh sách', object: 'đối tượng',
};

function fieldOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function labelOf(path: readonly PropertyKey[]): string {
  const names = path.filter((p): p is string => typeof p === 'string');
  const last = names[names.length - 1];
  // A name that means different things in different places is labelled with its parent ("MienGiam.LyDo").
  const name = last === undefined ? undefined : (LABELS[`${names[names.length - 2] ?? ''}.${last}`] ?? LABELS[last]);
  const field = fieldOf(path);
  return name ? `${name} (${field})` : field ? `Trường ${field}` : 'Nội dung yêu cầu';
}

/** One zod issue as a Vietnamese sentence. Schema checks carry their own Vietnamese predicate. */
function vietnamese(issue: z.core.$ZodIssue): string {
  const label = labelOf(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (!('input' in issue) || issue.input === undefined) return `Thiếu ${label}.`;
      return `${label} phải là ${TYPE_NAMES[issue.expected] ?? issue.expected}.`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? `${label} không được để trống.` : `${label} phải có ít nhất ${issue.minimum} ký tự.`;
      if (issue.origin === 'array') return `${label} phải có ít nhất ${issue.minimum} mục.`;
      return `${label} phải lớn hơn hoặc bằng ${issue.minimum}.`;
    case 'too_big':
      if (issue.origin === 'string') return `${label} quá dài (tối đa ${issue.maximum} ký tự).`;
      if (issue.origin === 'array') return `${label} có quá nhiều mục (tối đa ${issue.maximum}).`;
      return `${label} phải nhỏ hơn hoặc bằng ${issue.maximum}.`;
    case 'invalid_value':
      return `${label} phải là một trong các giá trị: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'unrecognized_keys':
      return `Trường không được hỗ trợ: ${issue.keys.join(', ')}.`;
    case 'invalid_format':
    case 'custom':
      return `${label} ${issue.message}`;
    default:
      return `${label} không hợp lệ.`;
  }
}

/** Parses `input` with `schema` or throws a 400 SimError for the first issue. */
export function parseBody<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new SimError(400, 'VALIDATION', 'Dữ liệu không hợp lệ.');
  throw new SimError(400, 'VALIDATION', vietnamese(issue), { field: fieldOf(issue.path) || undefined });
}

// ── building blocks ───────────────────────────────────────────────────────────

const realDate = (ymd: string) => isValidLocalDate(`${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`);

/** yyyyMMdd, a real date. */
export const portalDate = z.string().refine((s) => /^\d{8}$/.test(s) && realDate(s), { error: 'phải là ngày có thật, dạng yyyyMMdd.' });

/** yyyyMMddHHmmss, a real date and time (Asia/Ho_Chi_Minh). */
export const portalDateTime = z.string().refine(
  (s) => /^\d{14}$/.test(s) && realDate(s) && Number(s.slice(8, 10)) <= 23 && Number(s.slice(10, 12)) <= 59 && Number(s.slice(12, 14)) <= 59,
  { error: 'phải là thời điểm có thật, dạng yyyyMMddHHmmss.' },
);

const text = (max: number) => z.string().max(max);
const required = (max: number) => z.string().min(1).max(max).regex(/\S/, { error: 'không được để trống.' });
const count = (max: number) => z.number().int().min(0).max(max);

export const agencyCode = z.string().min(1).max(40).regex(/^[A-Za-z0-9._-]+$/, {
  error: 'chỉ gồm chữ, số và các dấu . _ - (ví dụ 000.00.06.H56).',
});

const dossierCode = z.string().min(1).max(64).regex(/^[^\s/\\?#%]+$/, { error: 'không được chứa khoảng trắng hay các ký tự / \\ ? # %.' });

const submittedDocument = z.looseObject({
  MaThanhPhanHoSo: required(40),
  TenTaiLieu: required(500),
  SoBanChinh: count(100),
  SoBanSao: count(100),
  SoBanPhoto: count(100),
});

const money = z.number().int().min(0).max(100_000_000_000);

/**
 * One fee or charge of a dossier (DanhSachLePhi): its amounts add up, an exemption carries its
 * reason, a paid fee its receipt and method, an exempted one nothing left to pay.
 */
const feeEntry = z
  .looseObject({
    TenPhiLePhi: required(500),
    LoaiPhiLePhi: z.union([z.literal(1), z.literal(2)]),
    MucThu: money,
    SoLuong: z.number().int().min(1).max(100_000),
    ThanhTien: money,
    MienGiam: z.looseObject({
      LyDo: required(40),
      TenLyDo: text(300).optional(),
      TyLe: z.number().int().min(1).max(100),
      SoTien: money,
      GhiChu: text(300).optional(),
    }).nullable(),
    SoTienPhaiNop: money,
    TrangThaiThanhToan: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    HinhThucThanhToan: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
    BienLai: z.looseObject({
      MauSo: required(20),
      KyHieu: required(20),
      So: z.string().regex(/^\d{7}$/, { error: 'phải gồm đúng 7 chữ số.' }),
      NgayThu: portalDateTime,
    }).nullable(),
  })
  .superRefine((f, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (f.ThanhTien !== f.MucThu * f.SoLuong) issue('ThanhTien', 'phải bằng Mức thu × Số lượng.');
    if (f.SoTienPhaiNop !== f.ThanhTien - (f.MienGiam?.SoTien ?? 0)) issue('SoTienPhaiNop', 'phải bằng Thành tiền trừ số tiền miễn, giảm.');
    if (f.TrangThaiThanhToan === 1 && (f.BienLai === null || f.HinhThucThanhToan === null)) issue('BienLai', 'là bắt buộc (cùng hình thức thanh toán) khi đã thu tiền.');
    if (f.TrangThaiThanhToan === 2 && f.SoTienPhaiNop !== 0) issue('TrangThaiThanhToan', 'chỉ là 2 (miễn) khi không còn tiền phải nộp.');
  });

/** Fields of a dossier record that the station may send and later change. */
const mutableFields = {
  MaTTHC: required(40),
  TenTTHC: required(500),
  ChuHoSo: required(200),
  SoDinhDanh: z.string().regex(/^\d{12}$/, { error: 'phải gồm đúng 12 chữ số.' }),
  NgaySinh: portalDate.optional(),
  SoDienThoai: text(20).regex(/^[0-9+ .()-]*$/, { error: 'chỉ gồm chữ số và các dấu + . - ( ) hay khoảng trắng.' }).optional(),
  Email: text(254).regex(/^$|^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: 'không phải địa chỉ email hợp lệ.' }).optional(),
  DiaChi: text(500).optional(),
  NguoiNop: text(200).optional(),
  NgayTiepNhan: portalDateTime,
  NgayHenTra: portalDateTime,
  TrangThaiHoSo: z.number().int().min(1).max(10),
  KenhThucHien: z.number().int().min(1).max(3),
  HinhThucNhanKetQua: z.number().int().min(1).max(3).optional(),
  DiaChiNhanKetQua: text(500).optional(),
  SoBoHoSo: z.number().int().min(1).max(100).optional(),
  TaiLieuNop: z.array(submittedDocument).max(200).optional(),
  GhiChu: text(2000).optional(),
  DanhSachLePhi: z.array(feeEntry).max(50).optional(),
};

export type DossierRecord = Readonly<Record<string, unknown>> & Readonly<{
  MaHoSo?: string | null; MaHoSoTam?: string | null; MaCoQuan: string; NgayTiepNhan: string; NgayHenTra: string;
  HinhThucNhanKetQua?: number; DiaChiNhanKetQua?: string;
}>;

/** Rules across fields, checked on a whole record (after creation, and after a change is merged). */
export function checkRecord(record: DossierRecord): void {
  if (record.NgayHenTra < record.NgayTiepNhan) {
    throw new SimError(400, 'VALIDATION', `${labelOf(['NgayHenTra'])} không được trước ngày tiếp nhận.`, { field: 'NgayHenTra' });
  }
  if (record.HinhThucNhanKetQua === 2 && !(record.DiaChiNhanKetQua ?? '').trim()) {
    throw new SimError(400, 'VALIDATION', `${labelOf(['DiaChiNhanKetQua'])} là bắt buộc khi nhận kết quả qua bưu chính.`, { field: 'DiaChiNhanKetQua' });
  }
}

export const newDossierSchema = z
  .looseObject({
    MaHoSo: dossierCode.nullable().optional(),
    MaHoSoTam: dossierCode.nullable().optional(),
    MaCoQuan: agencyCode,
    ...mutableFields,
  })
  .superRefine((d, ctx) => {
    const hasFinal = typeof d.MaHoSo === 'string';
    const hasProvisional = typeof d.MaHoSoTam === 'string';
    if (!hasFinal && !hasProvisional) {
      ctx.addIssue({ code: 'custom', path: ['MaHoSo'], message: 'là bắt buộc (hoặc gửi MaHoSoTam khi chưa có mã chính thức).' });
    } else if (hasFinal && hasProvisional) {
      ctx.addIssue({ code: 'custom', path: ['MaHoSoTam'], message: 'chỉ gửi khi không có mã hồ sơ chính thức (MaHoSo).' });
    }
  });

/**
 * A citizen's satisfaction rating of one visit (the intake, or the return of the result), given
 * on the screen facing them. Sent once per visit; the portal keeps every visit's rating in
 * `DanhSachDanhGia` and refuses a different rating for a visit already rated.
 */
export const satisfactionRatingSchema = z.looseObject({
  IdLuot: required(64),
  /** 1: tiếp nhận hồ sơ, 2: trả kết quả. */
  GiaiDoan: z.union([z.literal(1), z.literal(2)]),
  /** 4 rất hài lòng, 3 hài lòng, 2 bình thường, 1 không hài lòng. */
  MucDo: z.number().int().min(1).max(4),
  TenMucDo: text(100).optional(),
  GopY: text(500).optional(),
  CanBoTiepNhan: required(200),
  MaCanBo: text(100).optional(),
  ThoiGian: portalDateTime,
});
export type SatisfactionRating = z.output<typeof satisfactionRatingSchema>;

/** A PATCH body: any of the changeable fields plus the version the station last saw. */
export const dossierChangeSchema = z.looseObject({
  ...z.object(mutableFields).partial().shape,
  DanhGiaHaiLong: satisfactionRatingSchema.optional(),
  MaHoSo: z.unknown().optional(),
  MaHoSoTam: z.unknown().optional(),
  MaCoQuan: z.unknown().optional(),
  PhienBanTruoc: z.number().int().min(1),
});

/** A number of a day's sequence as a lease names it. */
const leaseNumber = z.number().int().min(1).max(999_999);

export const leaseRequestSchema = z.looseObject({
  MaMayTram: z.string().regex(/^[A-Za-z0-9]{1,8}$/, { error: 'gồm 1–8 chữ hoặc số (ví dụ "01").' }),
  Ngay: portalDate,
  SoLuong: z.number().int().min(1).max(1000),
  /** The numbers of the day the station already used (its own block, earlier leases): required, [] when none. */
  DaDung: z.array(z.looseObject({ TuSo: leaseNumber, DenSo: leaseNumber })
    .refine((r) => r.DenSo >= r.TuSo, { path: ['DenSo'], error: 'không được nhỏ hơn Từ số (TuSo).' })).max(100),
});

/** Largest file the simulator accepts (413 above). */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

export const uploadRequestSchema = z.looseObject({
  TenTep: required(255),
  KichThuoc: z.number().int().min(0),
  Sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, { error: 'phải gồm 64 ký tự thập lục phân.' }),
  /** null or absent for a file outside the procedure's documents (a signed receipt). */
  MaThanhPhanHoSo: text(40).nullable().optional(),
  LoaiTep: required(100),
  /** The IdTaiLieu of the dossier's attachment this file replaces (a rescan); null or absent for a new file. */
  ThayThe: z.string().regex(/^[A-Za-z0-9-]{1,100}$/, { error: 'phải là IdTaiLieu của một tệp đính kèm của hồ sơ.' }).nullable().optional(),
});

export const tokenRequestSchema = z.looseObject({
  grant_type: z.literal('client_credentials'),
  client_id: required(200),
  client_secret: required(500),
});

/** The events a station may report (core/lifecycle.ts) and `confirm_status` (an officer's decision of a conflict). */
const TRANSITION_EVENTS = [
  'refuse', 'request_supplement', 'complete_supplement', 'start_processing', 'meet_financial_obligation', 'withdraw', 'stop_processing',
  'finish', 'finish_at_counter', 'return_result', 'apologise', 'confirm_status',
] as const;
const NEEDS_REASON: ReadonlySet<string> = new Set(['refuse', 'request_supplement', 'withdraw', 'stop_processing', 'apologise']);
const status = z.number().int().min(1).max(10);

/** POST /dossiers/{IdHoSo}/transitions (PROTOCOL.md, "Transitions"). */
export const transitionSchema = z
  .looseObject({
    MaHoSo: z.string().max(64).optional(),
    SuKien: z.enum(TRANSITION_EVENTS),
    TrangThaiTruoc: status.nullable(),
    TrangThaiHoSo: status,
    ThoiGian: portalDateTime,
    CanBoXuLy: required(200),
    DonViXuLy: text(500).optional(),
    LyDo: text(2000).optional(),
    NgayHenTra: portalDateTime.optional(),
    NgayHenTraMoi: portalDateTime.optional(),
    NoiDungBoSung: z.array(required(500)).max(50).optional(),
    GiayToBoSung: z.array(z.looseObject({ MaThanhPhanHoSo: text(40).nullable().optional(), TenGiayTo: required(500), SoBanChinh: count(100), SoBanSao: count(100), SoBanPhoto: count(100) })).max(50).optional(),
    DonViNhan: text(200).optional(),
    NguoiNhanKetQua: z.looseObject({
      LaChuHoSo: z.boolean(),
      HoTen: text(200).optional(),
      SoDinhDanh: z.string().regex(/^\d{12}$/, { error: 'phải gồm đúng 12 chữ số.' }).optional(),
      GiayUyQuyen: text(300).optional(),
    }).optional(),
    HinhThucTraKetQua: z.number().int().min(1).max(2).optional(),
    SoHieuBuuGui: text(40).optional(),
    CanBoTraKetQua: text(200).optional(),
    XacNhanXungDot: z.boolean().optional(),
    PhienBanTruoc: z.number().int().min(1),
  })
  .superRefine((t, ctx) => {
    if (NEEDS_REASON.has(t.SuKien) && !(t.LyDo ?? '').trim()) ctx.addIssue({ code: 'custom', path: ['LyDo'], message: 'là bắt buộc với sự kiện này.' });
    if (t.SuKien === 'apologise' && t.NgayHenTraMoi === undefined) ctx.addIssue({ code: 'custom', path: ['NgayHenTraMoi'], message: 'là bắt buộc khi xin lỗi và hẹn lại.' });
    if (t.SuKien === 'return_result') {
      const r = t.NguoiNhanKetQua;
      if (!r) ctx.addIssue({ code: 'custom', path: ['NguoiNhanKetQua'], message: 'là bắt buộc khi trả kết quả.' });
      else if (!r.LaChuHoSo && (!(r.HoTen ?? '').trim() || r.SoDinhDanh === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['NguoiNhanKetQua', 'SoDinhDanh'], message: 'và họ tên của người được ủy quyền là bắt buộc.' });
      }
      if (t.HinhThucTraKetQua === 2 && !(t.SoHieuBuuGui ?? '').trim()) ctx.addIssue({ code: 'custom', path: ['SoHieuBuuGui'], message: 'là bắt buộc khi trả qua bưu chính.' });
    }
  });

export type TransitionBody = z.output<typeof transitionSchema>;

// ── simulator administration ─────────────────────────────────────────────────

export const eventRequestSchema = z.looseObject({
  IdHoSo: z.string().min(1).optional(),
  MaHoSo: z.string().min(1).optional(),
  MaCoQuan: agencyCode.optional(),
  TrangThaiHoSo: z.number().int().min(1).max(10),
  DonViXuLy: text(500).optional(),
  CanBoXuLy: text(200).optional(),
  ThoiGian: portalDateTime.optional(),
  NoiDung: text(2000).optional(),
});

const procedureSchema = z.looseObject({
  MaTTHC: required(40),
  TenTTHC: required(500),
  TenLinhVuc: required(200),
  CapThucHien: z.enum(['xa', 'tinh']),
  ThoiHanGiaiQuyet: z.looseObject({
    DonVi: z.enum(['ngay', 'gio', 'trong_ngay']),
    GiaTri: z.number().min(0).optional(),
    GioChot: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'phải có dạng HH:mm.' }).optional(),
  }),
  SoBoHoSo: z.number().int().min(1),
  PhiLePhi: z.array(z.looseObject({ TenPhi: required(500), SoTien: z.number().int().min(0), MoTa: text(2000).optional() })),
  ThanhPhanHoSo: z.array(z.looseObject({
    Ma: required(40), Ten: required(1000), SoBanChinh: count(100), SoBanSao: count(100), SoBanPhoto: count(100), BatBuoc: z.boolean(),
  })),
});

export type PortalProcedure = z.output<typeof procedureSchema>;

export const catalogueRequestSchema = z.looseObject({
  version: z.string().min(1).max(100).optional(),
  procedures: z.array(procedureSchema),
});

const calendarDaySchema = z.looseObject({
  Ngay: portalDate,
  Loai: z.enum(['nghi_le', 'nghi_bu', 'lam_bu']),
  Ten: required(200),
});

export type PortalCalendarDay = z.output<typeof calendarDaySchema>;

export const calendarRequestSchema = z
  .looseObject({
    year: z.number().int().min(1900).max(9999),
    version: z.string().min(1).max(100).optional(),
    days: z.array(calendarDaySchema),
  })
  .superRefine((c, ctx) => {
    c.days.forEach((d, i) => {
      if (d.Ngay.slice(0, 4) !== String(c.year)) ctx.addIssue({ code: 'custom', path: ['days', i, 'Ngay'], message: `phải thuộc năm ${c.year}.` });
    });
  });

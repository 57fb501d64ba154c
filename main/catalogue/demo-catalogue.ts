// Demo catalogue (danh mục thủ tục hành chính mẫu) seeded on the very first start, so that a
// fresh station can receive dossiers before it has ever reached the portal. It is DEMO DATA:
// every entry carries `demo: true`, and the real catalogue (names, documents, fees and time
// limits as published for the province) is supplied by the portal and replaces this one.
//
// Scope: common procedures received at the commune-level counter (Trung tâm Phục vụ hành chính
// công cấp xã) under the two-tier local government in force since 01/7/2025. Codes are the
// national codes of the Cơ sở dữ liệu quốc gia về thủ tục hành chính (dichvucong.gov.vn).
// A code that could not be confirmed from a public source would be marked `// code unconfirmed`
// (none in this version); figures that could not be confirmed are marked `unconfirmed` next to
// the field.
//
// Regulation basis (as of 21/11/2026):
// - Hộ tịch: Luật Hộ tịch 2014 (60/2014/QH13); Nghị định 123/2015/NĐ-CP, sửa đổi bởi
//   Nghị định 07/2025/NĐ-CP; Thông tư 04/2020/TT-BTP. Luật Hộ tịch 2026 (03/2026/QH16) takes
//   effect only on 01/3/2027 and is not applied here.
// - Liên thông khai sinh: Nghị định 63/2024/NĐ-CP; Quyết định 296/QĐ-VPCP.
// - Chứng thực: Nghị định 23/2015/NĐ-CP.
// - Phí, lệ phí: Thông tư 85/2019/TT-BTC (lệ phí hộ tịch, đăng ký hộ kinh doanh do HĐND cấp
//   tỉnh quy định); Thông tư 226/2016/TT-BTC (phí chứng thực); Thông tư 281/2016/TT-BTC (phí
//   cấp bản sao trích lục hộ tịch); Thông tư 75/2022/TT-BTC (lệ phí đăng ký cư trú).
//   Amounts set by the province are illustrated with Hà Nội (Nghị quyết 06/2020/NQ-HĐND) where
//   known; otherwise the amount is 0 and the note says the province sets it.
// - Bảo trợ xã hội: Nghị định 20/2021/NĐ-CP (sửa đổi bởi Nghị định 76/2024/NĐ-CP); Thông tư
//   01/2019/TT-BLĐTBXH (xác định mức độ khuyết tật).
// - Người có công: Nghị định 131/2021/NĐ-CP.
// - Đất đai: Luật Đất đai 2024.
// - Hộ kinh doanh: Nghị định 168/2025/NĐ-CP.
//
// Counts follow the national database: bản chính (originals), bản sao có chứng thực
// (certifiedCopies), bản sao / bản chụp (copies). Identity papers shown at the counter are
// listed as one original, as the national database lists them for direct submission.

import type { Procedure, ProcessingTime, RequiredDocument } from '../core/model';

/** Same working day; received after 15:00 → next working day (the usual wording). */
const SAME_DAY: ProcessingTime = { unit: 'same_day', cutoff: '15:00' };

const days = (amount: number): ProcessingTime => ({ unit: 'day', amount });

type Counts = Readonly<{ originals?: number; certifiedCopies?: number; copies?: number }>;

const doc = (code: string, name: string, counts: Counts, mandatory = true): RequiredDocument => ({
  code,
  name,
  originals: counts.originals ?? 0,
  certifiedCopies: counts.certifiedCopies ?? 0,
  copies: counts.copies ?? 0,
  mandatory,
});

const ONE_ORIGINAL: Counts = { originals: 1 };
const ONE_COPY: Counts = { copies: 1 };

const IDENTITY = 'Giấy tờ tùy thân còn giá trị sử dụng của người yêu cầu (xuất trình khi nộp trực tiếp)';
const RESIDENCE =
  'Giấy tờ chứng minh thông tin cư trú (chỉ khi cơ quan đăng ký không khai thác được dữ liệu cư trú)';
const PROXY = 'Văn bản ủy quyền theo quy định (trường hợp ủy quyền thực hiện thủ tục)';

const CIVIL_FEE_BY_PROVINCE =
  'Mức do HĐND cấp tỉnh quy định (Thông tư 85/2019/TT-BTC); miễn cho người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật';

export const demoCatalogue: readonly Procedure[] = [
  // ─────────────────────────────── Hộ tịch ───────────────────────────────
  {
    code: '1.001193',
    name: 'Thủ tục đăng ký khai sinh',
    field: 'Hộ tịch',
    level: 'commune',
    processingTime: SAME_DAY,
    fees: [
      {
        name: 'Lệ phí đăng ký khai sinh',
        amountVnd: 0,
        note: 'Miễn lệ phí khi đăng ký đúng hạn (Điều 11 Luật Hộ tịch); đăng ký quá hạn theo mức HĐND cấp tỉnh, ví dụ Hà Nội 5.000 đồng/việc',
      },
    ],
    documents: [
      doc('TP1', 'Tờ khai đăng ký khai sinh theo mẫu', ONE_ORIGINAL),
      doc(
        'TP2',
        'Giấy chứng sinh; nếu không có thì văn bản của người làm chứng hoặc giấy cam đoan về việc sinh',
        ONE_ORIGINAL,
      ),
      doc('TP3', 'Biên bản xác nhận việc trẻ bị bỏ rơi (trường hợp trẻ bị bỏ rơi)', ONE_ORIGINAL, false),
      doc('TP4', IDENTITY, ONE_ORIGINAL),
      doc('TP5', PROXY, ONE_ORIGINAL, false),
      doc('TP6', RESIDENCE, ONE_ORIGINAL, false),
    ],
    sets: 1,
    demo: true,
  },
  {
    code: '1.000894',
    name: 'Thủ tục đăng ký kết hôn',
    field: 'Hộ tịch',
    level: 'commune',
    // Ngay trong ngày; trường hợp cần xác minh thì không quá 05 ngày làm việc.
    processingTime: SAME_DAY,
    fees: [
      {
        name: 'Lệ phí đăng ký kết hôn',
        amountVnd: 0,
        note: 'Miễn lệ phí đăng ký kết hôn của công dân Việt Nam cư trú ở trong nước (Điều 11 Luật Hộ tịch)',
      },
    ],
    documents: [
      doc('TP1', 'Tờ khai đăng ký kết hôn theo mẫu', ONE_ORIGINAL),
      doc('TP2', 'Giấy tờ tùy thân còn giá trị sử dụng của hai bên nam, nữ (hai bên cùng có mặt)', {
        originals: 2,
      }),
      doc(
        'TP3',
        'Giấy xác nhận tình trạng hôn nhân (chỉ khi cơ quan đăng ký không khai thác được dữ liệu hộ tịch)',
        ONE_ORIGINAL,
        false,
      ),
      doc(
        'TP4',
        'Trích lục ghi chú ly hôn (công dân Việt Nam đã ly hôn, hủy kết hôn ở nước ngoài)',
        ONE_ORIGINAL,
        false,
      ),
      doc('TP5', RESIDENCE, ONE_ORIGINAL, false),
    ],
    sets: 1,
    demo: true,
  },
  {
    code: '1.000656',
    name: 'Thủ tục đăng ký khai tử',
    field: 'Hộ tịch',
    level: 'commune',
    // Ngay trong ngày; trường hợp cần xác minh thì không quá 03 ngày làm việc.
    processingTime: SAME_DAY,
    fees: [
      {
        name: 'Lệ phí đăng ký khai tử',
        amountVnd: 0,
        note: 'Miễn lệ phí khi đăng ký đúng hạn (Điều 11 Luật Hộ tịch); đăng ký quá hạn theo mức HĐND cấp tỉnh, ví dụ Hà Nội 5.000 đồng/việc',
      },
    ],
    documents: [
      doc('TP1', 'Tờ khai đăng ký khai tử theo mẫu', ONE_ORIGINAL),
      doc('TP2', 'Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử do cơ quan có thẩm quyền cấp', ONE_ORIGINAL),
      doc('TP3', IDENTITY, ONE_ORIGINAL),
      doc('TP4', PROXY, ONE_ORIGINAL, false),
    ],
    sets: 1,
    demo: true,
  },
  {
    code: '1.001022',
    name: 'Thủ tục đăng ký nhận cha, mẹ, con',
    field: 'Hộ tịch',
    level: 'commune',
    // 03 ngày làm việc; trường hợp cần xác minh thì kéo dài không quá 05 ngày làm việc.
    processingTime: days(3),
    fees: [{ name: 'Lệ phí đăng ký nhận cha, mẹ, con', amountVnd: 0, note: CIVIL_FEE_BY_PROVINCE }],
    documents: [
      doc('TP1', 'Tờ khai đăng ký nhận cha, mẹ, con theo mẫu', ONE_ORIGINAL),
      doc(
        'TP2',
        'Văn bản của cơ quan y tế, cơ quan giám định hoặc cơ quan có thẩm quyền khác xác nhận quan hệ cha, mẹ, con; nếu không có thì thư từ, phim ảnh, băng đĩa, đồ dùng, vật dụng chứng minh quan hệ cùng văn bản cam đoan',
        ONE_ORIGINAL,
      ),
      doc('TP3', 'Giấy tờ tùy thân còn giá trị sử dụng của bên nhận và bên được nhận (các bên cùng có mặt)', {
        originals: 2,
      }),
      doc('TP4', RESIDENCE, ONE_ORIGINAL, false),
    ],
    sets: 1,
    demo: true,
  },
  {
    code: '1.000689',
    name: 'Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con',
    field: 'Hộ tịch',
    level: 'commune',
    // Thời hạn như đăng ký nhận cha, mẹ, con (Điều 25 Luật Hộ tịch).
    processingTime: days(3),
    fees: [
      {
        name: 'Lệ phí đăng ký nhận cha, mẹ, con',
        amountVnd: 0,
        note: `Phần khai sinh đúng hạn được miễn; phần nhận cha, mẹ, con: ${CIVIL_FEE_BY_PROVINCE}`,
      },
    ],
    documents: [
      doc('TP1', 'Tờ khai đăng ký khai sinh theo mẫu', ONE_ORIGINAL),
      doc('TP2', 'Tờ khai đăng ký nhận cha, mẹ, con theo mẫu', ONE_ORIGINAL),
      doc(
        'TP3',
        'Giấy chứng sinh; nếu không có thì văn bản của người làm chứng hoặc giấy cam đoan về việc sinh',
        ONE_ORIGINAL,
      ),
      doc('TP4', 'Chứng cứ chứng minh quan hệ cha, mẹ, con', ONE_ORIGINAL),
      doc('TP5', IDENTITY, ONE_ORIGINAL),
    ],
    sets: 1,
    demo: true,
  },
  {
    code: '1.004873',
    name: 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân',
    field: 'Hộ tịch',
    level: 'commune',
    processingTime: days(3),
    fees: [
      {
        name: 'Lệ phí cấp Giấy xác nhận tình trạng hôn nhân',
        amountVnd: 3_000,
        note: 'Mức minh họa: Hà Nội 3.000 đồng/việc (Nghị quyết 06/2020/NQ-HĐND); tỉnh khác do HĐND cấp tỉnh quy định',
      },
    ],
    documents: [
      doc('TP1', 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu', ONE_ORIGINAL),
      doc(
        'TP2',
        'Giấy tờ chứng minh đã ly hôn hoặc vợ, chồng đã chết (trường hợp đã có vợ, chồng)',
        ONE_ORIGINAL,
        false,
      ),
      doc(
        'TP3',
        'Giấy xác nhận tình trạng hôn nhân đã được cấp trước đây (trường hợp đề nghị cấp lại)',
        ONE_ORIGINAL,
        false,
      ),
      doc('TP4', IDENTITY, ONE_ORIGINAL),
      doc('TP5', PROXY, ONE_ORIGINAL, false),
    ],
    sets: 1,
    demo: true,
  },
  {
    code: '2.000635',
    name: 'Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh',
    field: 'Hộ tịch',
    level: 'commune',
    processingTime: SAME_DAY,
    fees: [
      {
        name: 'Phí cấp bản sao trích lục hộ tịch',
        amountVnd: 8_000,
        note: '8.000 đồng/bản sao (Thông tư 281/2016/TT-BTC)',
      },
    ],
    documents: [
      doc('TP1', 'Tờ khai cấp bản sao trích lục hộ tịch theo mẫu', ONE_ORIGINAL),
      doc('TP2', IDENTITY, ONE_ORIGINAL),
      doc('TP3', PROXY, ONE_ORIGINAL, false),
    ],
    sets: 1,
    demo: true,
  },
  {
    code: '1.004859',
    name: 'Thủ tục thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc',
    field: 'Hộ tịch',
    level: 'commune',
    // 03 ngày làm việc (bổ sung thông tin: ngay trong ngày); cần xác minh thì kéo dài thêm.
    processingTime: days(3),
    fees: [{ name: 'Lệ phí thay đổi, cải chính, bổ sung thông tin hộ tịch', amountVnd: 0, note: CIVIL_FEE_BY_PROVINCE }],
    documents: [
      doc(
        'TP1',
        'Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc theo mẫu',
        ONE_ORIGINAL,
      ),
      doc(
        'TP2',
        'Giấy tờ làm căn cứ cho việc thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc',
        ONE_ORIGINAL,
      ),
      doc('TP3', IDENTITY, ONE_ORIGINAL),
      doc('TP4', PROXY, ONE_ORIGINAL, false),
      doc('TP5', RESIDENCE, ONE_ORIGINAL, false),
    ],
    sets: 1,
    demo: true,
  },
  {
    code: '1.004884',
    name: 'Thủ tục đăng ký lại khai sinh',
    field: 'Hộ tịch',
    level: 'commune',
    // 05 ngày làm việc (Nghị định 123/2015/NĐ-CP); cần xác minh thì kéo dài thêm.
    processingTime: days(5),
    fees: [{ name: 'Lệ phí đăng ký lại khai sinh', amountVnd: 0, note: CIVIL_FEE_BY_PROVINCE }],
    documents: [
      doc('TP1', 'Tờ khai đăng ký lại khai sinh theo mẫu', ONE_ORIGINAL),
      doc(
        'TP2',
        'Bản sao Giấy khai sinh cũ hoặc giấy tờ, tài liệu có nội dung liên quan đến việc khai sinh; nếu không có thì văn bản cam đoan',
        ONE_COPY,
      ),
      doc('TP3', IDENTITY, ONE_ORIGINAL),
      doc('TP4', PROXY, ONE_ORIGINAL, false),
    ],
    sets: 1,
    demo: true,
  },
  {
    code: '1.004746',
    name: 'Thủ tục đăng ký lại kết hôn',
    field: 'Hộ tịch',
    level: 'commune',
    processingTime: days(5),
    fees: [{ name: 'Lệ phí đăng ký lại kết hôn', amountVnd: 0, note: CIVIL_FEE_BY_PROVINCE }],
    documents: [
      doc('TP1', 'Tờ khai đăng ký lại kết hôn theo mẫu', ONE_ORIGINAL),
      doc('TP2', 'Bản sao Giấy chứng nhận kết hôn được cấp trước đây (nếu có)', ONE_COPY, false),
      doc('TP3', 'Giấy tờ tùy thân còn giá trị sử dụng của hai bên vợ, chồng', { originals: 2 }),
    ],
    sets: 1,
    demo: true,
  },
  {
    code: '1.005461',
    name: 'Thủ tục đăng ký lại khai tử',
    field: 'Hộ tịch',
    level: 'commune',
    processingTime: days(5),
    fees: [{ name: 'Lệ phí đăng ký lại khai tử', amountVnd: 0, note: CIVIL_FEE_BY_PROVINCE }],
    documents: [
      doc('TP1', 'Tờ khai đăng ký lại khai tử theo mẫu', ONE_ORIGINAL),
      doc('TP2', 'Bản sao Giấy chứng tử trước đây hoặc giấy tờ, tài liệu liên quan đến việc khai tử', ONE_COPY),
      doc('TP3', IDENTITY, ONE_ORIGINAL),
    ],
    sets: 1,
    demo: true,
  },
  {
    // Nhóm liên thông điện tử (Nghị định 63/2024/NĐ-CP), thay cho mã cũ 2.000986; nộp trên Cổng
    // Dịch vụ công quốc gia hoặc VNeID — tại quầy, cán bộ hỗ trợ nộp trực tuyến.
    code: '3.000722',
    name: 'Liên thông điện tử: đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế, cấp thẻ căn cước cho trẻ em dưới 6 tuổi',
    field: 'Hộ tịch',
    level: 'commune',
    // Khai sinh trong ngày; thường trú 2–5 ngày; thẻ BHYT tối đa 2 ngày; căn cước (nếu yêu cầu)
    // tối đa 5 ngày. 5 ngày làm việc là mức bao trùm — unconfirmed as a published total.
    processingTime: days(5),
    fees: [
      {
        name: 'Lệ phí đăng ký khai sinh, đăng ký thường trú',
        amountVnd: 0,
        note: 'Khai sinh đúng hạn được miễn; trẻ em được miễn lệ phí đăng ký cư trú (Thông tư 75/2022/TT-BTC)',
      },
    ],
    documents: [
      doc('TP1', 'Tờ khai điện tử liên thông theo mẫu', ONE_ORIGINAL),
      doc(
        'TP2',
        'Giấy chứng sinh (dữ liệu điện tử liên thông từ cơ sở y tế); nếu không có thì giấy tờ thay thế theo pháp luật hộ tịch',
        ONE_ORIGINAL,
      ),
      doc(
        'TP3',
        'Giấy tờ theo pháp luật cư trú (trường hợp đăng ký thường trú cho trẻ khác nơi thường trú của cha, mẹ)',
        ONE_COPY,
        false,
      ),
    ],
    sets: 1,
    demo: true,
  },
  {
    code: '1.004837',
    name: 'Thủ tục đăng ký giám hộ',
    field: 'Hộ tịch',
    level: 'commune',
    processingTime: days(3),
    fees: [
      {
        name: 'Lệ phí đăng ký giám hộ',
        amountVnd: 0,
        note: 'Miễn lệ phí đăng ký giám hộ (Điều 11 Luật Hộ tịch)',
      },
    ],
    documents: [
      doc('TP1', 'Tờ khai đăng ký giám hộ theo mẫu', ONE_ORIGINAL),
      doc(
        'TP2',
        'Văn bản cử người giám hộ (giám hộ cử) hoặc giấy tờ chứng minh điều kiện làm giám hộ đương nhiên',
        ONE_ORIGINAL,
      ),
      doc('TP3', IDENTITY, ONE_ORIGINAL),
      doc('TP4', PROXY, ONE_ORIGINAL, false),
    ],
    sets: 1,
    demo: true,
  },

  // ─────────────────────────────── Chứng thực ───────────────────────────────
  {
    code: '2.000815',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam; cơ quan, tổ chức có thẩm quyền của nước ngoài; cơ quan, tổ chức có thẩm quyền của Việt Nam liên kết với cơ quan, tổ chức có thẩm quyền của nước ngoài cấp hoặc chứng nhận',
    field: 'Chứng thực',
    level: 'commune',
    processingTime: SAME_DAY,
    fees: [
      {
        name: 'Phí chứng thực bản sao từ bản chính',
        amountVnd: 2_000,
        note: '2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản (Thông tư 226/2016/TT-BTC)',
      },
    ],
    documents: [
      doc('TP1', 'Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao', ONE_ORIGINAL),
      doc(
        'TP2',
        'Bản chụp cần chứng thực (nếu người yêu cầu không mang theo thì cơ quan chụp từ bản chính)',
        ONE_COPY,
        false,
      ),
    ],
    sets: 1,
    demo: true,
  },
  {
    code: '2.000884',
    name: 'Thủ tục chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)',
    field: 'Chứng thực',
    level: 'commune',
    processingTime: SAME_DAY,
    fees: [
      {
        name: 'Phí chứng thực chữ ký',
        amountVnd: 10_000,
        note: '10.000 đồng/trường hợp (Thông tư 226/2016/TT-BTC)',
      },
    ],
    documents: [
      doc(
        'TP1',
        'Bản chính hoặc bản sao có chứng thực giấy tờ tùy thân còn giá trị sử dụng của người yêu cầu',
        ONE_ORIGINAL,
      ),
      doc('TP2', 'Giấy tờ, văn bản sẽ ký (người yêu cầu ký trước mặt người thực hiện chứng thực)', ONE_ORIGINAL),
    ],
    sets: 1,
    demo: true,
  },
  {
    code: '2.001035',
    name: 'Chứng thực giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất, nhà ở',
    field: 'Chứng thực',
    level: 'commune',
    // Không quá 02 ngày làm việc (Nghị định 23/2015/NĐ-CP).
    processingTime: days(2),
    fees: [
      {
        name: 'Phí chứng thực hợp đồng, giao dịch',
        amountVnd: 50_000,
        note: '50.000 đồng/hợp đồng, giao dịch (Thông tư 226/2016/TT-BTC)',
      },
    ],
    documents: [
      doc(
        'TP1',
        'Dự thảo hợp đồng, giao dịch (đủ số bản cho các bên và một bản lưu tại cơ quan chứng thực)',
        ONE_ORIGINAL,
      ),
      doc('TP2', 'Bản sao giấy tờ tùy thân của người yêu cầu chứng thực (kèm bản chính để đối chiếu)', ONE_COPY),
      doc(
        'TP3',
        'Bản sao Giấy chứng nhận quyền sở hữu, quyền sử dụng hoặc giấy tờ thay thế của tài sản (kèm bản chính để đối chiếu)',
        ONE_COPY,
      ),
      doc('TP4', 'Giấy tờ chứng minh thẩm quyền của người đại diện (trường hợp là người đại diện)', ONE_COPY, false),
    ],
    sets: 1,
    demo: true,
  },
  {
    code: '2.001019',
    name: 'Chứng thực di chúc',
    field: 'Chứng thực',
    level: 'commune',
    processingTime: days(2),
    fees: [{ name: 'Phí chứng thực di chúc', amountVnd: 50_000, note: '50.000 đồng/di chúc (Thông tư 226/2016/TT-BTC)' }],
    documents: [
      doc('TP1', 'Dự thảo di chúc', ONE_ORIGINAL),
      doc('TP2', 'Bản sao giấy tờ tùy thân của người lập di chúc (kèm bản chính để đối chiếu)', ONE_COPY),
      doc(
        'TP3',
        'Bản sao giấy chứng nhận quyền sở hữu, quyền sử dụng tài sản (trường hợp di chúc liên quan đến tài sản phải đăng ký)',
        ONE_COPY,
        false,
      ),
    ],
    sets: 1,
    demo: true,
  },
  {
    code: '2.000908',
    name: 'Cấp bản sao từ sổ gốc',
    field: 'Chứng thực',
    level: 'commune',
    processingTime: SAME_DAY,
    fees: [{ name: 'Phí cấp bản sao từ sổ gốc', amountVnd: 0, note: 'Không thu phí' }],
    documents: [
      doc('TP1', 'Tờ khai (văn bản) yêu cầu cấp bản sao từ sổ gốc', ONE_ORIGINAL),
      doc('TP2', 'Bản chính hoặc bản sao có chứng thực giấy tờ tùy thân của người yêu cầu', ONE_ORIGINAL),
      doc(
        'TP3',
        'Giấy tờ chứng minh quan hệ với người được cấp bản chính (trường hợp yêu cầu cấp thay)',
        ONE_COPY,
        false,
      ),
    ],
    sets: 1,
    demo: true,
  },

  // ─────────────────────────────── Bảo trợ xã hội ───────────────────────────────
  {
    code: '1.001776',
    name: 'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng',
    field: 'Bảo trợ xã hội',
    level: 'commune',
    // 07 ngày rà soát + 02 ngày niêm yết + 03 ngày quyết định (Nghị định 20/2021/NĐ-CP) —
    // processing time unconfirmed for the two-tier arrangement.
    processingTime: days(12),
    fees: [],
    documents: [
      doc(
        'TP1',
        'Tờ khai đề nghị trợ giúp xã hội (Mẫu số 1a, 1b, 1c, 1d, 1đ) hoặc tờ khai nhận chăm sóc, nuôi dưỡng (Mẫu số 2a, 2b, 03) ban hành kèm Nghị định 20/2021/NĐ-CP',
        ONE_ORIGINAL,
      ),
      doc('TP2', 'Giấy tờ tùy thân của đối tượng hoặc người giám hộ (xuất trình để đối chiếu)', ONE_ORIGINAL),
      doc('TP3', 'Giấy xác nhận khuyết tật (trường hợp người khuyết tật)', ONE_COPY, false),
      doc('TP4', 'Giấy khai sinh của trẻ em (trường hợp xét trợ cấp cho trẻ em hoặc người đang nuôi con)', ONE_COPY, false),
      doc(
        'TP5',
        'Giấy tờ của cơ quan y tế xác nhận nhiễm HIV hoặc đang mang thai (trường hợp tương ứng)',
        ONE_COPY,
        false,
      ),
    ],
    sets: 1,
    demo: true,
  },
  {
    code: '1.001731',
    name: 'Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội',
    field: 'Bảo trợ xã hội',
    level: 'commune',
    processingTime: days(3), // processing time unconfirmed
    fees: [],
    documents: [
      doc('TP1', 'Tờ khai đề nghị hỗ trợ chi phí mai táng theo mẫu (Nghị định 20/2021/NĐ-CP)', ONE_ORIGINAL),
      doc('TP2', 'Bản sao Giấy báo tử hoặc Trích lục khai tử', ONE_COPY),
    ],
    sets: 1,
    demo: true,
  },
  {
    code: '1.001699',
    name: 'Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật',
    field: 'Bảo trợ xã hội',
    level: 'commune',
    processingTime: days(25),
    fees: [],
    documents: [
      doc(
        'TP1',
        'Đơn đề nghị xác định, xác định lại mức độ khuyết tật và cấp, cấp đổi, cấp lại Giấy xác nhận khuyết tật (Mẫu số 01, Thông tư 01/2019/TT-BLĐTBXH)',
        ONE_ORIGINAL,
      ),
      doc(
        'TP2',
        'Bản sao giấy tờ liên quan đến khuyết tật: bệnh án, giấy tờ khám, điều trị, phẫu thuật hoặc giấy tờ liên quan khác (nếu có)',
        ONE_COPY,
        false,
      ),
      doc('TP3', 'Bản sao kết luận của Hội đồng Giám định y khoa (nếu có)', ONE_COPY, false),
    ],
    sets: 1,
    demo: true,
  },

  // ─────────────────────────────── Người có công ───────────────────────────────
  {
    code: '1.010833',
    name: 'Cấp giấy xác nhận thân nhân của người có công',
    field: 'Người có công',
    level: 'commune',
    processingTime: days(5), // processing time unconfirmed
    fees: [],
    documents: [
      doc('TP1', 'Đơn đề nghị cấp giấy xác nhận thân nhân của người có công theo mẫu (Nghị định 131/2021/NĐ-CP)', ONE_ORIGINAL),
      doc('TP2', 'Bản sao giấy tờ chứng minh quan hệ thân nhân với người có công (nếu có)', ONE_COPY, false),
    ],
    sets: 1,
    demo: true,
  },

  // ─────────────────────────────── Đất đai ───────────────────────────────
  {
    code: '1.012812',
    name: 'Hòa giải tranh chấp đất đai',
    field: 'Đất đai',
    level: 'commune',
    // Không quá 30 ngày kể từ ngày nhận đơn (Luật Đất đai 2024) — calendar days in the law.
    processingTime: days(30),
    fees: [],
    documents: [
      doc('TP1', 'Đơn yêu cầu hòa giải tranh chấp đất đai', ONE_ORIGINAL),
      doc('TP2', 'Giấy tờ, tài liệu liên quan đến thửa đất đang tranh chấp (nếu có)', ONE_COPY, false),
    ],
    sets: 1,
    demo: true,
  },

  // ─────────────────────────────── Hộ kinh doanh ───────────────────────────────
  {
    code: '1.001612',
    name: 'Đăng ký thành lập hộ kinh doanh',
    field: 'Hộ kinh doanh',
    level: 'commune',
    // 03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ (Nghị định 168/2025/NĐ-CP).
    processingTime: days(3),
    fees: [
      {
        name: 'Lệ phí đăng ký hộ kinh doanh',
        amountVnd: 100_000,
        note: 'Mức minh họa: Hà Nội 100.000 đồng/lần khi nộp hồ sơ giấy, 0 đồng khi nộp trực tuyến; tỉnh khác do HĐND cấp tỉnh quy định',
      },
    ],
    documents: [
      doc('TP1', 'Giấy đề nghị đăng ký hộ kinh doanh theo mẫu', ONE_ORIGINAL),
      doc(
        'TP2',
        'Bản sao văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh (trường hợp hộ gia đình đăng ký)',
        { certifiedCopies: 1 },
        false,
      ),
    ],
    sets: 1,
    demo: true,
  },
];

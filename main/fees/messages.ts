import { fillTemplate, registerErrors, type Catalogue, type ErrorParams, type Language } from '../core/errors';

// The fees feature's messages: recording fees and exemptions on a dossier, taking payment,
// receipts and their books, voiding, the e-receipt provider. Each says what happened and what
// to do; a refused request has written nothing, and the messages say so where a person might fear otherwise.

export const feesErrors = {
  FEES_OFFICER_REQUIRED: {
    vi: 'Chưa xác định được cán bộ thu tiền cho yêu cầu này. Hãy đăng nhập lại rồi thử lại; chưa có gì được ghi.',
    en: 'No officer is known for this request. Log in again and retry; nothing was written.',
  },
  FEE_UNKNOWN: {
    vi: 'Khoản "{fee}" không có trong danh mục phí, lệ phí của thủ tục {procedure}. Chọn lại khoản thu trong danh sách của thủ tục.',
    en: 'Fee "{fee}" is not among the fees of procedure {procedure}. Choose the fee from the procedure\'s list.',
  },
  FEE_DUPLICATE: {
    vi: 'Khoản "{fee}" được nhập hai lần. Gộp lại thành một dòng và sửa số lượng.',
    en: 'Fee "{fee}" is entered twice. Keep one line and change its quantity.',
  },
  FEE_AMOUNT_FIXED: {
    vi: 'Mức thu của khoản "{fee}" do danh mục quy định là {amount}, không sửa được tại quầy. Nếu danh mục sai, báo cán bộ CNTT cập nhật danh mục thủ tục.',
    en: 'The amount of "{fee}" is set by the catalogue at {amount} and cannot be changed at the counter. If the catalogue is wrong, ask the technician to update it.',
  },
  FEE_EXEMPTION_REASON_REQUIRED: {
    vi: 'Khoản "{fee}" được miễn, giảm nhưng chưa có lý do. Chọn lý do (gia đình có công, hộ nghèo, người khuyết tật, khai sinh đúng hạn…) rồi lưu lại; chưa có gì được ghi.',
    en: 'Fee "{fee}" is exempted without a reason. Choose the grounds (policy family, poor household, disability, birth registered on time…) and save again; nothing was written.',
  },
  FEE_EXEMPTION_REASON_UNKNOWN: {
    vi: 'Lý do miễn, giảm "{reason}" không có trong danh sách. Chọn một lý do trong danh sách, hoặc "Lý do khác" và ghi rõ căn cứ.',
    en: 'Exemption reason "{reason}" is not in the list. Choose one from the list, or "Other grounds" and write them out.',
  },
  FEE_EXEMPTION_DETAIL_REQUIRED: {
    vi: 'Khoản "{fee}" được miễn, giảm vì "Lý do khác": ghi rõ căn cứ miễn, giảm (văn bản, giấy tờ của người nộp) rồi lưu lại.',
    en: 'Fee "{fee}" is exempted on other grounds: write out the grounds (the regulation, the payer\'s papers) and save again.',
  },
  FEES_NOTHING_DUE: {
    vi: 'Hồ sơ {code} không còn khoản phí, lệ phí nào phải thu (đã được miễn hoặc đã thu đủ), nên không lập biên lai.',
    en: 'Dossier {code} has nothing left to pay (exempted or paid in full): no receipt is made.',
  },
  FEES_ALREADY_PAID: {
    vi: 'Các khoản thu của hồ sơ {code} đã được lập biên lai {receipt}. Muốn sửa, hãy hủy biên lai đó trước (ghi rõ lý do) rồi nhập lại.',
    en: 'The fees of dossier {code} are already on receipt {receipt}. To change them, void that receipt first (with the reason), then enter them again.',
  },
  PAYMENT_AMOUNT_MISMATCH: {
    vi: 'Số tiền thu ({given}) không khớp với số tiền phải nộp ({due}). Kiểm tra lại số tiền rồi thu lại; chưa có biên lai nào được lập.',
    en: 'The amount taken ({given}) does not match the amount due ({due}). Check the amount and take the payment again; no receipt was made.',
  },
  PAYMENT_KEY_REUSED: {
    vi: 'Lượt thu tiền này đã được dùng cho hồ sơ khác. Mở lại hồ sơ rồi thu lại.',
    en: 'This payment was already used for another dossier. Reopen the dossier and take the payment again.',
  },
  RECEIPT_BOOK_NONE: {
    vi: 'Máy trạm chưa được cấp quyển biên lai nào. Báo cán bộ CNTT cấp dải số biên lai (mẫu số, ký hiệu, từ số – đến số) trước khi thu tiền; chưa có gì được ghi.',
    en: 'This station has no receipt book yet. Ask the technician to assign a range of receipt numbers (form, series, first–last) before taking payments; nothing was written.',
  },
  RECEIPT_BOOK_EXHAUSTED: {
    vi: 'Quyển biên lai {series} của máy trạm đã dùng hết số (số cuối {last}). Báo cán bộ CNTT cấp dải số mới; chưa có biên lai nào được lập.',
    en: 'Receipt book {series} of this station has no numbers left (last {last}). Ask the technician for a new range; no receipt was made.',
  },
  RECEIPT_BOOK_NOT_FOUND: {
    vi: 'Không tìm thấy quyển biên lai số {id} trên máy trạm này. Chọn lại quyển biên lai.',
    en: 'Receipt book {id} is not on this station. Choose the book again.',
  },
  RECEIPT_NUMBER_OUT_OF_RANGE: {
    vi: 'Số biên lai {number} không thuộc dải số của máy trạm này ({ranges}, ký hiệu {series}): tờ biên lai đó không được cấp cho máy này. Kiểm tra lại quyển biên lai đang dùng; chưa có gì được ghi.',
    en: 'Receipt number {number} is outside this station\'s range ({ranges}, series {series}): that sheet was not assigned to this station. Check the receipt book in use; nothing was written.',
  },
  RECEIPT_NUMBER_NOT_NEXT: {
    vi: 'Số biên lai tiếp theo của quyển {series} là {next}, không phải {number}: biên lai phải dùng theo đúng thứ tự, không bỏ số. Dùng tờ số {next}.',
    en: 'The next number of book {series} is {next}, not {number}: receipts are used in order, never skipping a number. Use sheet {next}.',
  },
  RECEIPT_NOT_FOUND: { vi: 'Không tìm thấy biên lai {id}.', en: 'Receipt {id} not found.' },
  RECEIPT_ALREADY_VOIDED: {
    vi: 'Biên lai {series} số {number} đã bị hủy lúc {at} (cán bộ {officer}, lý do: {reason}); không hủy lại được.',
    en: 'Receipt {series} {number} was already voided at {at} (by {officer}, reason: {reason}); it cannot be voided again.',
  },
  VOID_REASON_REQUIRED: {
    vi: 'Hãy ghi lý do hủy biên lai (ví dụ "ghi sai số tiền"): biên lai hủy vẫn giữ số và lý do để đối chiếu.',
    en: 'Write why the receipt is voided (e.g. "wrong amount"): a voided receipt keeps its number and reason for the audit.',
  },
  RECEIPT_RANGE_INVALID: {
    vi: 'Dải số {first}–{last} không hợp lệ: số đầu phải từ 1, số cuối không nhỏ hơn số đầu và không quá 9999999.',
    en: 'Range {first}–{last} is invalid: it starts at 1 or more, ends no lower than it starts and at most at 9999999.',
  },
  RECEIPT_RANGE_OVERLAP: {
    vi: 'Dải số {first}–{last} trùng với dải {otherFirst}–{otherLast} đã cấp cho máy trạm này (ký hiệu {series}). Mỗi số biên lai chỉ được cấp một lần.',
    en: 'Range {first}–{last} overlaps range {otherFirst}–{otherLast} already assigned to this station (series {series}). Each number is assigned once.',
  },
  RECEIPT_BOOK_KIND_MISMATCH: {
    vi: 'Quyển biên lai {series} đã được khai báo là biên lai {kind}; không đổi loại được. Dùng ký hiệu khác cho loại biên lai kia.',
    en: 'Receipt book {series} is declared as a {kind} receipt; its kind cannot change. Use another series for the other kind.',
  },
  RECEIPT_SERIES_INVALID: {
    vi: 'Mẫu số "{formNumber}" hoặc ký hiệu "{series}" không hợp lệ: chỉ gồm chữ in hoa, chữ số và các dấu / - (ví dụ mẫu số 01BLP, ký hiệu AA/26P).',
    en: 'Form "{formNumber}" or series "{series}" is invalid: capital letters, digits and / - only (e.g. form 01BLP, series AA/26P).',
  },
  FEES_TAX_CODE_REQUIRED: {
    vi: 'Biên lai điện tử cần mã số thuế của đơn vị thu. Báo cán bộ CNTT nhập mã số thuế trong phần cài đặt phí, lệ phí; chưa có biên lai nào được lập.',
    en: "An e-receipt needs the collecting agency's tax code. Ask the technician to enter it in the fee settings; no receipt was made.",
  },
  RECEIPT_PRINT_FAILED: { vi: 'Không in được biên lai: {reason}. Kiểm tra máy in rồi in lại; biên lai vẫn được lưu.', en: 'The receipt could not be printed: {reason}. Check the printer and print again; the receipt is kept.' },
} as const satisfies Catalogue;
registerErrors(feesErrors);

declare module '../core/errors' {
  interface ErrorCatalogues {
    fees: typeof feesErrors;
  }
}

/** Texts that are not errors: the e-receipt provider's state as the officer reads it. */
export const feesText = {
  PROVIDER_NOT_CONFIGURED: {
    vi: 'Chưa cấu hình nhà cung cấp biên lai điện tử. Biên lai điện tử được lưu trên máy và sẽ phát hành khi cán bộ CNTT cấu hình.',
    en: 'No e-receipt provider is configured. E-receipts are kept on this PC and issued once the technician sets one up.',
  },
  PROVIDER_UNREACHABLE: {
    vi: 'Không kết nối được nhà cung cấp biên lai điện tử ({detail}). Biên lai vẫn được lưu và sẽ tự gửi lại.',
    en: 'The e-receipt provider cannot be reached ({detail}). Receipts are kept and sent again automatically.',
  },
  PROVIDER_SERVER_ERROR: {
    vi: 'Nhà cung cấp biên lai điện tử đang gặp sự cố (mã {status}). Trạm sẽ tự gửi lại; không cần làm gì thêm.',
    en: 'The e-receipt provider has a problem (status {status}). The station retries; nothing to do.',
  },
  PROVIDER_AUTH_FAILED: {
    vi: 'Nhà cung cấp biên lai điện tử từ chối khóa truy cập của trạm. Báo cán bộ CNTT kiểm tra khóa và mã số thuế; biên lai vẫn được lưu.',
    en: "The e-receipt provider refuses the station's access key. Ask the technician to check the key and the tax code; receipts are kept.",
  },
  PROVIDER_UNREADABLE: {
    vi: 'Nhà cung cấp biên lai điện tử trả lời dữ liệu không đọc được. Trạm sẽ thử lại.',
    en: 'The e-receipt provider answered something unreadable. The station retries.',
  },
  PROVIDER_TAX_CODE_MISMATCH: {
    vi: 'Khóa truy cập thuộc đơn vị có mã số thuế {theirs}, nhưng trạm đang khai mã số thuế {ours}. Sửa mã số thuế hoặc khóa cho khớp.',
    en: 'The access key belongs to tax code {theirs}, but this station declares {ours}. Make the tax code and the key match.',
  },
  PROVIDER_OK: { vi: 'Kết nối nhà cung cấp biên lai điện tử thành công.', en: 'Connected to the e-receipt provider.' },
  PROVIDER_CANCEL_BEFORE_ISSUE: {
    vi: 'Biên lai chưa được nhà cung cấp phát hành nên chưa hủy được; trạm sẽ hủy ngay sau khi phát hành.',
    en: 'The receipt is not issued by the provider yet, so it cannot be cancelled yet; the station cancels it right after.',
  },
} as const satisfies Catalogue;

export type FeesTextKey = keyof typeof feesText;

export function feesMessage(key: FeesTextKey, params: ErrorParams, lang: Language): string {
  return fillTemplate(feesText[key][lang], params);
}

import { defineMessages } from '../../common/i18n/i18n';

// The words of the intake's counter requests: papers incomplete (Mẫu 02, kept to resume), a
// refusal (Mẫu 03), and the search of the intakes waiting for the citizen's papers.

export const counterRequestWords = defineMessages({
  supplement: { vi: 'Yêu cầu bổ sung (Mẫu 02)', en: 'Ask for papers (form 02)' },
  supplementTitle: { vi: 'Hồ sơ chưa đầy đủ: yêu cầu bổ sung, hoàn thiện (Mẫu 02)', en: 'Papers incomplete: ask for them (form 02)' },
  supplementIntro: {
    vi: 'Hồ sơ không được tiếp nhận lúc này; nội dung đã nhập được giữ lại để tiếp nhận khi công dân mang đủ giấy tờ (Shift+F6 tìm lại).',
    en: 'Nothing is received now; what was typed is kept to receive it when the citizen brings the papers (Shift+F6 finds it again).',
  },
  missing: { vi: 'Giấy tờ còn thiếu (bỏ chọn nếu không cần)', en: 'Papers missing (untick what is not needed)' },
  mandatory: { vi: 'bắt buộc', en: 'mandatory' },
  noneMissing: { vi: 'Mọi giấy tờ của thủ tục đã được đánh dấu đã nhận.', en: 'Every paper of the procedure is ticked as received.' },
  extra: { vi: 'Nội dung khác cần bổ sung, hoàn thiện (mỗi dòng một mục)', en: 'Other things to complete (one per line)' },
  reason: { vi: 'Lý do', en: 'Reason' },
  supplementReason: { vi: 'Hồ sơ chưa đầy đủ theo quy định của thủ tục', en: 'The papers are incomplete for this procedure' },
  refuse: { vi: 'Từ chối (Mẫu 03)', en: 'Refuse (form 03)' },
  refuseTitle: { vi: 'Từ chối tiếp nhận hồ sơ (Mẫu 03)', en: 'Refuse the request (form 03)' },
  refuseIntro: {
    vi: 'Công dân nhận Mẫu 03 ghi rõ lý do; hồ sơ không được tiếp nhận và không giữ lại để tiếp nhận sau.',
    en: 'The citizen gets form 03 with the reason; nothing is received or kept for later.',
  },
  refuseReason: { vi: 'Lý do từ chối (cụ thể)', en: 'Why (specifically)' },
  legalBasis: { vi: 'Căn cứ pháp lý (không bắt buộc)', en: 'Legal basis (optional)' },
  issue: { vi: 'Lập phiếu', en: 'Issue the form' },
  issuing: { vi: 'Đang lập phiếu…', en: 'Issuing…' },
  fixFields: { vi: 'Chưa lập phiếu: hãy sửa các ô được đánh dấu.', en: 'Not issued: fix the marked fields.' },
  fixForm: { vi: 'Chưa lập phiếu: sửa trên phiếu tiếp nhận — {errors}', en: 'Not issued: fix on the intake form — {errors}' },
  chooseFirst: { vi: 'Chọn thủ tục và nhập tên công dân trước.', en: 'Choose the procedure and type the name first.' },
  supplementDone: {
    vi: 'Đã lập Mẫu 02 cho {name}: in và giao cho công dân. Khi công dân mang đủ giấy tờ, tìm lại bằng "Hồ sơ chờ bổ sung" (Shift+F6).',
    en: 'Form 02 issued for {name}: print it for the citizen. When they bring the papers, find it with "Waiting for papers" (Shift+F6).',
  },
  refuseDone: { vi: 'Đã lập Mẫu 03 cho {name}: in và giao cho công dân.', en: 'Form 03 issued for {name}: print it for the citizen.' },
  cleared: { vi: 'Phiếu đã lập; biểu mẫu tiếp nhận đã được làm trống cho công dân tiếp theo.', en: 'Form issued; the intake form is clear for the next citizen.' },
  results: { vi: 'Trả kết quả', en: 'Results to hand back' },
  // pending intakes
  pending: { vi: 'Hồ sơ chờ bổ sung', en: 'Waiting for papers' },
  pendingSearch: { vi: 'Tìm theo tên (không cần dấu) hoặc số CCCD', en: 'Search by name (diacritics optional) or ID number' },
  pendingKeys: { vi: '↑↓ chọn · Enter mở lại để tiếp nhận · Esc đóng', en: '↑↓ choose · Enter resume · Esc close' },
  pendingNone: { vi: 'Không có hồ sơ chờ bổ sung khớp "{query}".', en: 'No intake waiting matches "{query}".' },
  pendingEmpty: { vi: 'Không có hồ sơ nào đang chờ công dân bổ sung.', en: 'No intake is waiting for papers.' },
  pendingLine: { vi: 'Yêu cầu bổ sung {at} · {officer}', en: 'Papers asked {at} · {officer}' },
  pendingItems: { vi: 'Thiếu: {items}', en: 'Missing: {items}' },
  resumed: {
    vi: 'Đã mở lại hồ sơ của {name} (yêu cầu bổ sung {at}). Đánh dấu các giấy tờ công dân mang đến, rồi tiếp nhận (Ctrl+S).',
    en: 'Resumed {name}\'s intake (papers asked {at}). Tick the papers brought, then receive it (Ctrl+S).',
  },
});

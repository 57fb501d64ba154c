import type { ReceiptSlipData } from '../../main/forms/receipt-slip-data';

/**
 * A realistic slip: birth registration at a commune counter, received Friday 27/10/2023 09:32,
 * 5 working days → result 09:00 on 03/11/2023 (docs/domain.md, "Working time"). Some strings are fed in NFD on
 * purpose: the form must print them composed.
 */
export function sampleSlip(overrides: Partial<ReceiptSlipData> = {}): ReceiptSlipData {
  return {
    agency: {
      parentName: 'UBND tỉnh Bắc Ninh',
      name: 'UBND xã Tiên Du',
      unitName: 'Bộ phận Một cửa',
      placeName: 'Tiên Du',
    },
    slipNumber: '0361/TNHS',
    dossierCode: '000.00.06.H56-231027-0361',
    provisionalCode: false,
    lookupUrl: 'https://dichvucong.bacninh.gov.vn/tra-cuu-ho-so?ma=000.00.06.H56-231027-0361',
    owner: {
      fullName: 'Nguyễn Thị Thuỷ Tiên'.normalize('NFD'),
      idNumber: '027190001234',
      address: 'Số 12, ngõ 34, thôn Đông Khê, xã Tiên Du, tỉnh Bắc Ninh'.normalize('NFD'),
      phone: '0912 345 678',
      email: 'thuytien.nguyen@gmail.com',
    },
    procedure: {
      code: '1.001193',
      name: 'Đăng ký khai sinh',
      processingTime: { unit: 'day', amount: 5 },
    },
    documents: [
      { name: 'Tờ khai đăng ký khai sinh (theo mẫu)', originals: 1, certifiedCopies: 0, copies: 0 },
      { name: 'Giấy chứng sinh do cơ sở khám bệnh, chữa bệnh cấp', originals: 1, certifiedCopies: 0, copies: 0 },
      { name: 'Giấy chứng nhận kết hôn của cha, mẹ trẻ'.normalize('NFD'), originals: 0, certifiedCopies: 1, copies: 0 },
      { name: 'Thẻ Căn cước / Căn cước công dân của người đi đăng ký khai sinh', originals: 0, certifiedCopies: 0, copies: 1 },
      {
        name: 'Văn bản ủy quyền có chứng thực (trường hợp ủy quyền thực hiện thủ tục đăng ký khai sinh cho người khác)',
        originals: 1,
        certifiedCopies: 0,
        copies: 0,
      },
      { name: 'Giấy tờ chứng minh nơi cư trú của cha, mẹ', originals: 0, certifiedCopies: 0, copies: 1 },
    ],
    sets: 1,
    receivedAt: '2023-10-27T09:32',
    appointmentAt: '2023-11-03T09:00',
    resultDelivery: { method: 'counter' },
    resultCounter: 'Quầy số 2 – Bộ phận Một cửa UBND xã Tiên Du',
    logBook: { volume: '03/2023', line: 361 },
    officerName: 'Đặng Quốc Bảo'.normalize('NFD'),
    demo: false,
    ...overrides,
  };
}

import { afterAll, describe, expect, it } from 'vitest';
import { certificateViewOf, subjectIdentifiers, type NameAttribute } from '../../main/signing/certificate';
import { softHsmRig, stamp } from '../hardware/tokens/softhsm-rig';
import { FIXED_NOW } from '../helpers/station';

// Certificates as officers read them: Vietnamese names decoded whatever the ASN.1 string type,
// the numbers Vietnamese CAs write into the subject, and what makes a certificate unusable.

// Certificates are judged at the test's clock, the clock the rig dates them from.
const NOW = FIXED_NOW;
const rig = softHsmRig({ now: NOW });
afterAll(() => rig.remove());
const day = 86_400_000;

describe('a certificate as officers know it', () => {
  it('reads the holder, organisation, unit, identity number and issuer from UTF8String names', () => {
    const { certDer } = rig.ca.issue({ subject: '/C=VN/ST=Bắc Ninh/L=Tiên Du/O=UBND xã Tiên Du/OU=Bộ phận Một cửa/CN=Nguyễn Văn An/UID=CCCD:001090012345' });
    const view = certificateViewOf(certDer, NOW);
    expect(view).toMatchObject({
      holderName: 'Nguyễn Văn An',
      organisation: 'UBND xã Tiên Du',
      unit: 'Bộ phận Một cửa',
      locality: 'Tiên Du, Bắc Ninh',
      identifiers: [{ kind: 'CCCD', value: '001090012345' }],
      issuerName: 'CA Thử nghiệm Trạm một cửa',
      issuerOrganisation: 'Phòng thử nghiệm Trạm một cửa',
      warnings: [],
      canSign: true,
      keyAlgorithm: 'RSA 2048',
    });
    expect(view.usages).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(view.holderName).toBe(view.holderName.normalize('NFC'));
    expect(view.subject).toBe('UID=CCCD:001090012345, CN=Nguyễn Văn An, OU=Bộ phận Một cửa, O=UBND xã Tiên Du, L=Tiên Du, ST=Bắc Ninh, C=VN');
  });

  it('decodes BMPString names (older CAs) and a tax code written "MST: …" in OU', () => {
    const { certDer } = rig.ca.issue({ subject: '/C=VN/O=Công ty TNHH Hải Đăng/OU=MST: 0101234567-001/CN=Lê Thị Hồng Nhung', nameEncoding: 'bmp' });
    const view = certificateViewOf(certDer, NOW);
    expect(view.holderName).toBe('Lê Thị Hồng Nhung');
    expect(view.organisation).toBe('Công ty TNHH Hải Đăng');
    expect(view.unit).toBeNull(); // an OU holding only the tax code is not a unit name
    expect(view.identifiers).toEqual([{ kind: 'MST', value: '0101234567-001' }]);
  });

  it("shows an organisation's certificate by its name with its tax code from UID", () => {
    const { certDer } = rig.ca.issue({ subject: '/C=VN/L=Hà Nội/CN=CÔNG TY CỔ PHẦN ĐẦU TƯ ĐÔNG Á/UID=MST:0109876543' });
    const view = certificateViewOf(certDer, NOW);
    expect(view.holderName).toBe('CÔNG TY CỔ PHẦN ĐẦU TƯ ĐÔNG Á');
    expect(view.identifiers).toEqual([{ kind: 'MST', value: '0109876543' }]);
  });

  it('takes the number out of a name written "Name - CMND:…"', () => {
    const { certDer } = rig.ca.issue({ subject: '/C=VN/CN=Phạm Quốc Việt - CMND:012345678' });
    const view = certificateViewOf(certDer, NOW);
    expect(view.holderName).toBe('Phạm Quốc Việt');
    expect(view.identifiers).toEqual([{ kind: 'CMND', value: '012345678' }]);
  });
});

describe('identifiers in the subject', () => {
  const attrs = (...values: Array<[string, string]>): NameAttribute[] => values.map(([short, value]) => ({
    oid: { CN: '2.5.4.3', OU: '2.5.4.11', UID: '0.9.2342.19200300.100.1.1', SERIALNUMBER: '2.5.4.5', O: '2.5.4.10', L: '2.5.4.7' }[short]!, short, value,
  }));

  it('reads the common forms and ignores attributes that are not meant to hold them', () => {
    expect(subjectIdentifiers(attrs(['UID', 'MST:0101234567'], ['SERIALNUMBER', 'CCCD:027190001234'], ['OU', 'CMT-012345678'], ['CN', 'HC: B1234567']))).toEqual([
      { kind: 'MST', value: '0101234567' },
      { kind: 'CCCD', value: '027190001234' },
      { kind: 'CMND', value: '012345678' },
      { kind: 'HC', value: 'B1234567' },
    ]);
    expect(subjectIdentifiers(attrs(['UID', 'mns=1234567'], ['L', 'MST:999']))).toEqual([{ kind: 'MNS', value: '1234567' }]);
    expect(subjectIdentifiers(attrs(['UID', 'MST:0101234567'], ['CN', 'MST:0101234567']))).toHaveLength(1);
  });
});

describe('what makes a certificate unusable for signing', () => {
  it('an expired certificate', () => {
    const { certDer } = rig.ca.issue({ subject: '/CN=Hết Hạn', startDate: stamp(new Date(NOW.getTime() - 800 * day)), endDate: stamp(new Date(NOW.getTime() - 35 * day)) });
    const view = certificateViewOf(certDer, NOW);
    expect(view.warnings).toEqual(['expired']);
    expect(view.canSign).toBe(false);
    expect(view.daysLeft).toBeLessThan(0);
  });

  it('a certificate not valid yet', () => {
    const { certDer } = rig.ca.issue({ subject: '/CN=Chưa Hiệu Lực', startDate: stamp(new Date(NOW.getTime() + 10 * day)), endDate: stamp(new Date(NOW.getTime() + 400 * day)) });
    expect(certificateViewOf(certDer, NOW)).toMatchObject({ warnings: ['not_yet_valid'], canSign: false });
  });

  it('a certificate expiring within 30 days still signs, with a warning', () => {
    const { certDer } = rig.ca.issue({ subject: '/CN=Sắp Hết Hạn', endDate: stamp(new Date(NOW.getTime() + 12 * day + 3_600_000)) });
    const view = certificateViewOf(certDer, NOW);
    expect(view).toMatchObject({ warnings: ['expiring_soon'], canSign: true, daysLeft: 12 });
  });

  it('a key for encryption only is refused; non-repudiation alone is accepted', () => {
    const encryption = rig.ca.issue({ subject: '/CN=Chỉ Mã Hóa', keyUsage: 'critical,keyEncipherment,dataEncipherment' });
    expect(certificateViewOf(encryption.certDer, NOW)).toMatchObject({ warnings: ['no_signing_usage'], canSign: false, usages: ['keyEncipherment', 'dataEncipherment'] });
    const qualified = rig.ca.issue({ subject: '/CN=Chống Chối Bỏ', keyUsage: 'critical,nonRepudiation' });
    expect(certificateViewOf(qualified.certDer, NOW)).toMatchObject({ warnings: [], canSign: true });
  });

  it("a CA's own certificate is not a signing certificate", () => {
    expect(certificateViewOf(rig.ca.certDer, NOW)).toMatchObject({ canSign: false });
    expect(certificateViewOf(rig.ca.certDer, NOW).warnings).toContain('ca_certificate');
  });
});

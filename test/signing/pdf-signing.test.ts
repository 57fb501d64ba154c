import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { TokenError, type TokenService } from '../../hardware/tokens/token';
import { startTokenService } from '../../hardware/tokens/token-service';
import { noUsbEvents } from '../../hardware/tokens/usb-watch';
import { StationError } from '../../main/core/errors';
import { renderReceiptSlip } from '../../main/forms/receipt-slip';
import { fingerprintOf, parseCertificate } from '../../main/signing/certificate';
import { OIDS, parseSignedData } from '../../main/signing/cms';
import { verifyPdf } from '../../main/signing/pdf-verify';
import { signPdf, type SignPdfRequest } from '../../main/signing/signer';
import { trustAnchors, type TrustAnchor } from '../../main/signing/trust';
import { sampleSlip } from '../forms/fixtures';
import { OFFICER_PIN, SOFTHSM_MODULE, softHsmRig, type Identity } from '../hardware/tokens/softhsm-rig';
import { pdfsig } from './pdfsig';

// PAdES signatures made on SoftHSM tokens, checked by the station's verifier and by poppler's
// pdfsig, on the appointment slip and on a scan-like PDF, with the ways they can go wrong.

const NOW = new Date('2026-11-23T02:32:05Z'); // 09:32:05 in Vietnam
const rig = softHsmRig({ now: NOW });
let service: TokenService;
let an: Identity;
let binh: Identity;
let slip: Uint8Array;
let anchors: TrustAnchor[];
const refOf = async (label: string) => (await service.scan()).tokens.find((t) => t.label === label)!.ref;

function request(over: Partial<SignPdfRequest> & { identity: Identity; label: string }): Promise<SignPdfRequest> {
  const { identity, label, ...rest } = over;
  return refOf(label).then((tokenRef) => ({
    tokens: service, tokenRef, certificate: fingerprintOf(identity.certDer), pin: OFFICER_PIN, confirmFinalTry: false, now: NOW,
    reason: 'Ký giấy tiếp nhận hồ sơ 000.00.06.H56-231027-0361', location: 'Tiên Du', stampUnder: 'NGƯỜI TIẾP NHẬN HỒ SƠ', ...rest,
  }));
}

const verify = (pdf: Uint8Array, trusted = anchors) => verifyPdf(pdf, { anchors: trusted, now: NOW, language: 'vi' });

function signatureContents(pdf: Uint8Array, index = 0): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange \[0 (\d+) (\d+) (\d+)\s*\]/g)];
  const [, b, c] = ranges[index]!.map(Number) as [number, number, number, number];
  return Buffer.from(text.slice(b + 1, c - 1), 'hex');
}

function text(pdf: Uint8Array, page: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'station-pdftext-'));
  try {
    writeFileSync(join(dir, 'f.pdf'), pdf);
    return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', join(dir, 'f.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  rig.createToken('Token An');
  an = rig.ca.issue({ subject: '/C=VN/L=Bắc Ninh/O=UBND xã Tiên Du/OU=Bộ phận Một cửa/CN=Nguyễn Văn An/UID=CCCD:001090012345' });
  rig.load('Token An', an);
  rig.createToken('Token Bình');
  binh = rig.ca.issue({ subject: '/C=VN/O=UBND xã Tiên Du/CN=Trần Thị Bình/UID=CCCD:027190001234', ec: true });
  rig.load('Token Bình', binh);
  service = startTokenService({ modules: [{ id: 'softhsm', vendor: 'SoftHSM2', path: SOFTHSM_MODULE, origin: 'known' }], usbEvents: noUsbEvents });
  slip = new Uint8Array(await renderReceiptSlip(sampleSlip(), { paper: 'A4', copies: 2 }));
  anchors = trustAnchors([rig.ca.certPem], rig.dir);
});

afterAll(async () => {
  await service?.close();
  rig.remove();
});

describe('signing the appointment slip', () => {
  let signed: Uint8Array;
  beforeAll(async () => {
    signed = (await signPdf(slip, await request({ identity: an, label: 'Token An' }))).pdf;
  });

  it('is valid for the station and for pdfsig, covering the whole document', async () => {
    const report = await verify(signed);
    expect(report.overall).toBe('valid');
    expect(report.summary).toBe('Hợp lệ');
    expect(report.signatures[0]).toMatchObject({
      status: 'valid', signerName: 'Nguyễn Văn An', organisation: 'UBND xã Tiên Du', identifiers: [{ kind: 'CCCD', value: '001090012345' }],
      coversWholeDocument: true, subFilter: 'ETSI.CAdES.detached', signedAt: NOW.toISOString(),
    });
    const [poppler, ...more] = pdfsig(signed);
    expect(more).toHaveLength(0);
    expect(poppler).toMatchObject({ valid: true, wholeDocument: true, commonName: 'Nguyễn Văn An', subFilter: 'ETSI.CAdES.detached' });
  });

  it('is an incremental update: the slip as rendered is kept byte for byte', () => {
    expect(Buffer.from(signed.subarray(0, slip.length)).equals(Buffer.from(slip))).toBe(true);
    expect(Buffer.from(signed).toString('latin1').match(/%%EOF/g)).toHaveLength(2);
  });

  it('carries a PAdES B-B CMS: SHA-256, content-type, message-digest, signing-certificate-v2, no signing-time, and the issuer name exactly as in the certificate', () => {
    const parsed = parseSignedData(signatureContents(signed));
    expect(parsed.signedData.encapContentInfo.eContent).toBeUndefined(); // detached
    expect(parsed.signerInfo.digestAlgorithm.algorithmId).toBe(OIDS.sha256);
    const types = parsed.signerInfo.signedAttrs!.attributes.map((a) => a.type).sort();
    expect(types).toEqual([OIDS.contentType, OIDS.messageDigest, OIDS.signingCertificateV2].sort());
    expect(parsed.attribute(OIDS.signingTime)).toBeUndefined();
    // node-forge's bug (docs/hardware.md): the issuer must be the certificate's own bytes.
    const cert = parseCertificate(an.certDer);
    const sid = parsed.signerInfo.sid as { issuer: { toSchema(): asn1js.AsnType } };
    expect(Buffer.from(sid.issuer.toSchema().toBER()).equals(Buffer.from(cert.issuer.valueBeforeDecode))).toBe(true);
    expect(parsed.certificates.map((c) => fingerprintOf(new Uint8Array(c.toSchema().toBER())))).toEqual([fingerprintOf(an.certDer), fingerprintOf(rig.ca.certDer)]);
  });

  it('shows the stamp under "NGƯỜI TIẾP NHẬN HỒ SƠ": signer, organisation, time in ISO 8601', () => {
    const page = text(signed, 1);
    expect(page).toContain('Ký bởi: Nguyễn Văn An');
    expect(page).toContain('Cơ quan: UBND xã Tiên Du');
    expect(page).toContain('Thời gian ký: 2026-11-23T09:32:05+07:00');
    const lines = page.split('\n');
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    expect(at('NGƯỜI TIẾP NHẬN HỒ SƠ')).toBeLessThan(at('Ký bởi'));
    expect(at('Ký bởi')).toBeLessThan(at('Đặng Quốc Bảo'));
  });

  it('says "unknown signer" when the issuing CA is not trusted on this station', async () => {
    const report = await verify(signed, []);
    expect(report.overall).toBe('unknown_signer');
    expect(report.signatures[0]!.reason).toContain('không thuộc tổ chức chứng thực');
  });

  it('detects a changed byte: invalid for the station and for pdfsig', async () => {
    const tampered = Buffer.from(signed);
    const at = Buffer.from(signed).indexOf('Tiên Du'.normalize('NFC'), 0, 'utf8');
    const offset = at > 0 ? at : 1000;
    tampered[offset] = tampered[offset]! ^ 0x01;
    const report = await verify(tampered);
    expect(report.overall).toBe('invalid');
    expect(report.signatures[0]!.reasonCode).toBe('digest_mismatch');
    expect(pdfsig(tampered)[0]!.valid).toBe(false);
  });

  it('detects content appended after signing', async () => {
    const tail = Buffer.from(signed).toString('latin1');
    const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)![1]);
    const root = /\/Root (\d+ \d+ R)/.exec(tail.slice(prev))![1];
    const size = Number(/\/Size (\d+)/.exec(tail.slice(prev))![1]);
    const objectAt = signed.length;
    const update = `${size} 0 obj\n(Noi dung them sau khi ky)\nendobj\n`;
    const xrefAt = objectAt + update.length;
    const appended = Buffer.concat([Buffer.from(signed), Buffer.from(
      `${update}xref\n${size} 1\n${String(objectAt).padStart(10, '0')} 00000 n\r\ntrailer\n<< /Size ${size + 1} /Root ${root} /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1')]);
    const report = await verify(appended);
    expect(report.overall).toBe('invalid');
    expect(report.signatures[0]).toMatchObject({ reasonCode: 'modified_after_signing', coversWholeDocument: false });
    expect(pdfsig(appended)[0]!.wholeDocument).toBe(false);
  });

  it('takes a second signature from another token (ECDSA): both stay valid', async () => {
    const twice = (await signPdf(signed, await request({ identity: binh, label: 'Token Bình', stampUnder: 'NGƯỜI NỘP HỒ SƠ' }))).pdf;
    const report = await verify(twice);
    expect(report.overall).toBe('valid');
    expect(report.signatures.map((s) => s.signerName)).toEqual(['Nguyễn Văn An', 'Trần Thị Bình']);
    expect(report.signatures[0]!.coversWholeDocument).toBe(false);
    expect(report.signatures[0]!.notes.join(' ')).toContain('chữ ký sau');
    expect(pdfsig(twice).map((s) => [s.commonName, s.valid])).toEqual([['Nguyễn Văn An', true], ['Trần Thị Bình', true]]);
    expect(parseSignedData(signatureContents(twice, 1)).signerInfo.signatureAlgorithm.algorithmId).toBe(OIDS.ecdsaWithSha256);
  });
});

describe('signing other PDFs', () => {
  it('signs a scan-like PDF saved with object streams, stamp in the corner of the last page', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (let i = 1; i <= 2; i++) doc.addPage([595.28, 841.89]).drawText(`Scanned page ${i}`, { x: 60, y: 780, size: 14, font });
    const scan = await doc.save({ useObjectStreams: true });
    expect(Buffer.from(scan).toString('latin1')).toContain('/XRef');
    const signed = (await signPdf(scan, await request({ identity: an, label: 'Token An', stampUnder: undefined }))).pdf;
    expect((await verify(signed)).overall).toBe('valid');
    expect(pdfsig(signed)[0]).toMatchObject({ valid: true, wholeDocument: true });
    expect(text(signed, 2)).toContain('Ký bởi: Nguyễn Văn An');
    expect(text(signed, 1)).not.toContain('Ký bởi');
  });

  it('signs through CKM_RSA_PKCS and a DigestInfo on a token without CKM_SHA256_RSA_PKCS', async () => {
    const withoutSha: TokenService = {
      ...service,
      current: () => strip(service.current()),
      scan: async (o) => strip(await service.scan(o)),
    };
    function strip(scan: ReturnType<TokenService['current']>) {
      return { ...scan, tokens: scan.tokens.map((t) => ({ ...t, mechanisms: t.mechanisms.filter((m) => m !== 'CKM_SHA256_RSA_PKCS') })) };
    }
    const signed = await signPdf(slip, { ...(await request({ identity: an, label: 'Token An' })), tokens: withoutSha });
    expect(signed.mechanism).toBe('rsa-pkcs');
    expect((await verify(signed.pdf)).overall).toBe('valid');
    expect(pdfsig(signed.pdf)[0]!.valid).toBe(true);
  });
});

describe('refusals', () => {
  async function refusal(p: Promise<unknown>): Promise<StationError> {
    try {
      await p;
    } catch (e) {
      if (e instanceof StationError) return e;
      throw e;
    }
    throw new Error('expected a refusal');
  }

  it('refuses an expired certificate before asking for the PIN', async () => {
    rig.createToken('Token Hết Hạn');
    const old = rig.ca.issue({ subject: '/C=VN/CN=Nguyễn Văn Cũ', startDate: '20200101000000Z', endDate: '20230101000000Z' });
    rig.load('Token Hết Hạn', old);
    await service.scan({ reload: true });
    const e = await refusal(signPdf(slip, await request({ identity: old, label: 'Token Hết Hạn', pin: 'wrong-pin' })));
    expect(e.code).toBe('CERTIFICATE_EXPIRED');
    expect(e.params).toMatchObject({ name: 'Nguyễn Văn Cũ', date: '01/01/2023' });
    expect((await service.pinState(await refUnder('Token Hết Hạn'))).countLow).toBe(false); // the wrong PIN never reached the token
  });

  it('refuses a key without the signing usage', async () => {
    rig.createToken('Token Mã Hóa');
    const enc = rig.ca.issue({ subject: '/C=VN/CN=Chỉ Mã Hóa', keyUsage: 'critical,keyEncipherment' });
    rig.load('Token Mã Hóa', enc);
    await service.scan({ reload: true });
    expect((await refusal(signPdf(slip, await request({ identity: enc, label: 'Token Mã Hóa' })))).code).toBe('CERTIFICATE_NO_SIGNING_USAGE');
  });

  it('a token removed between login and sign: a clear message and no signed PDF', async () => {
    rig.createToken('Token Rút Ra');
    rig.load('Token Rút Ra', an);
    await service.scan({ reload: true });
    const pulling: TokenService = {
      ...service,
      login: async (ref, pin) => {
        const session = await service.login(ref, pin);
        rig.deleteToken('Token Rút Ra'); // the officer pulls the token out right after the PIN
        return session;
      },
    };
    const e = await refusal(signPdf(slip, { ...(await request({ identity: an, label: 'Token Rút Ra' })), tokens: pulling }));
    expect(e.code).toBe('TOKEN_REMOVED');
    expect(e.message).not.toContain(OFFICER_PIN);
  });

  it('a wrong PIN is a PIN error, never echoing the PIN', async () => {
    const e = await refusal(signPdf(slip, await request({ identity: an, label: 'Token An', pin: '999999' })));
    expect(e.code).toBe('PIN_INCORRECT');
    expect(JSON.stringify(e)).not.toContain('999999');
    const session = await service.login(await refOf('Token An'), OFFICER_PIN); // reset the count for the other tests
    await session.close();
  });

  it('maps token errors to the officer-facing codes', async () => {
    const { tokenFailure } = await import('../../main/signing/signer');
    expect(tokenFailure(new TokenError('PIN_INCORRECT', 'CKR_PIN_INCORRECT', { countLow: true, finalTry: true, locked: false, toBeChanged: false, protectedPath: false, minLength: 4, maxLength: 16 }), { token: 'T', issuer: 'CA' }).code).toBe('PIN_INCORRECT_FINAL_TRY');
    expect(tokenFailure(new TokenError('PIN_LOCKED'), { token: 'T', issuer: 'VNPT-CA' }).params).toEqual({ issuer: 'VNPT-CA' });
  });
});

async function refUnder(label: string): Promise<string> {
  return refOf(label);
}

it('hashes what it signs with SHA-256 (sanity of the helper)', () => {
  expect(createHash('sha256').update('').digest('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});

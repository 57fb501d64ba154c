import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import type { z } from 'zod';
import type { signatureCheck, verificationReport } from '../contract/signing-channels';
import type { Language } from '../core/errors';
import { certificateViewOf } from './certificate';
import { essCertHash, OIDS, parseSignedData, type ParsedSignature } from './cms';
import { buildChain, type TrustAnchor } from './trust';

// Verifies the signatures of a PDF the station holds (its own signed slips, imported files):
// the byte range covers the whole file but the signature value, the message digest matches
// those bytes, the CMS signature verifies with the signer's certificate, the certificate is
// the one the signature names (signing-certificate-v2), and the certificate chains to a root
// the technician trusts. Revocation (OCSP/CRL) is not checked: the station works offline.

export type SignatureCheck = z.infer<typeof signatureCheck>;
export type VerificationReport = z.infer<typeof verificationReport>;

type ReasonCode =
  | 'valid' | 'unknown_signer' | 'untrusted_chain' | 'byte_range_invalid' | 'modified_after_signing' | 'digest_mismatch'
  | 'signature_mismatch' | 'signer_certificate_missing' | 'certificate_swapped' | 'cms_unreadable' | 'unsupported_format'
  | 'certificate_not_valid_at_signing' | 'no_signing_usage';

const REASONS: Record<ReasonCode, Record<Language, string>> = {
  valid: { vi: 'Chữ ký hợp lệ: tài liệu không bị thay đổi kể từ khi ký.', en: 'Valid signature: the document has not changed since it was signed.' },
  unknown_signer: {
    vi: 'Chữ ký đúng với nội dung, nhưng chứng thư số không thuộc tổ chức chứng thực nào được cấu hình tin cậy (Cài đặt > Chữ ký số > Chứng thư gốc).',
    en: 'The signature matches the content, but the certificate does not chain to a trusted root (configure roots in the signing settings).',
  },
  untrusted_chain: {
    vi: 'Chữ ký đúng với nội dung, nhưng chuỗi chứng thư số không kiểm tra được (chứng thư trung gian thiếu hoặc hết hạn).',
    en: 'The signature matches the content, but the certificate chain cannot be checked (missing or expired intermediate).',
  },
  byte_range_invalid: { vi: 'Vùng dữ liệu được ký (ByteRange) không hợp lệ: chữ ký không bao trùm tài liệu.', en: 'The signed byte range is invalid: the signature does not cover the document.' },
  modified_after_signing: { vi: 'Tài liệu đã bị thêm hoặc sửa nội dung sau khi ký.', en: 'Content was added or changed after signing.' },
  digest_mismatch: { vi: 'Nội dung tài liệu đã bị thay đổi sau khi ký (mã băm không khớp).', en: 'The document content changed after signing (digest mismatch).' },
  signature_mismatch: { vi: 'Giá trị chữ ký không khớp với chứng thư số của người ký.', en: "The signature value does not match the signer's certificate." },
  signer_certificate_missing: { vi: 'Chữ ký không kèm chứng thư số của người ký.', en: "The signature does not carry the signer's certificate." },
  certificate_swapped: { vi: 'Chứng thư số kèm theo không phải chứng thư đã dùng để ký (signing-certificate-v2 không khớp).', en: 'The attached certificate is not the one that signed (signing-certificate-v2 mismatch).' },
  cms_unreadable: { vi: 'Không đọc được dữ liệu chữ ký (CMS hỏng).', en: 'The signature data (CMS) cannot be read.' },
  unsupported_format: { vi: 'Định dạng chữ ký không được hỗ trợ.', en: 'Unsupported signature format.' },
  certificate_not_valid_at_signing: { vi: 'Chứng thư số không còn hiệu lực (hết hạn hoặc chưa có hiệu lực) tại thời điểm ký.', en: 'The certificate was not valid at the signing time.' },
  no_signing_usage: { vi: 'Chứng thư số không được phép dùng để ký.', en: 'The certificate is not allowed to sign.' },
};

const NOTES = {
  revocation: { vi: 'Chưa kiểm tra tình trạng thu hồi chứng thư (trạm làm việc ngoại tuyến).', en: 'Revocation was not checked (the station works offline).' },
  laterSignature: { vi: 'Sau chữ ký này tài liệu được bổ sung bởi một chữ ký sau.', en: 'The document was extended after this signature by a later signature.' },
  notPades: { vi: 'Chữ ký không có thuộc tính signing-certificate-v2 (không theo chuẩn PAdES).', en: 'The signature has no signing-certificate-v2 attribute (not PAdES).' },
  expiredNow: { vi: 'Chứng thư số nay đã hết hạn (còn hiệu lực khi ký).', en: 'The certificate has expired since (it was valid when signing).' },
} as const;

const DIGESTS: Record<string, string> = {
  [OIDS.sha256]: 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '1.3.14.3.2.26': 'sha1',
};

type FoundSignature = Readonly<{
  fieldName: string;
  byteRange: number[];
  contents: Uint8Array;
  subFilter: string | null;
  signedAt: Date | null;
}>;

const deref = (doc: PDFDocument, o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);

function textOf(o: PDFObject | undefined): string | null {
  if (o instanceof PDFHexString || o instanceof PDFString) return o.decodeText();
  return null;
}

/** "D:20261123093205+07'00'" → Date. */
export function parsePdfDate(s: string | null): Date | null {
  const m = s ? /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?'?/.exec(s) : null;
  if (!m) return null;
  const [y, mo = '01', d = '01', h = '00', mi = '00', se = '00', sign, oh = '00', om = '00'] = m.slice(1);
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  const offset = sign === '+' || sign === '-' ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
  return new Date(utc - offset * 60_000);
}

function signatureFields(doc: PDFDocument): FoundSignature[] {
  const out: FoundSignature[] = [];
  const seen = new Set<PDFDict>();
  const add = (value: PDFDict, name: string) => {
    if (seen.has(value)) return;
    seen.add(value);
    const range = deref(doc, value.get(PDFName.of('ByteRange')));
    const contents = value.get(PDFName.of('Contents'));
    out.push({
      fieldName: name,
      byteRange: range instanceof PDFArray ? range.asArray().map((n) => (deref(doc, n) instanceof PDFNumber ? (deref(doc, n) as PDFNumber).asNumber() : NaN)) : [],
      contents: contents instanceof PDFHexString || contents instanceof PDFString ? contents.asBytes() : new Uint8Array(),
      subFilter: deref(doc, value.get(PDFName.of('SubFilter')))?.toString().replace(/^\//, '') ?? null,
      signedAt: parsePdfDate(textOf(value.get(PDFName.of('M')))),
    });
  };
  const acroForm = deref(doc, doc.catalog.get(PDFName.of('AcroForm')));
  const walk = (field: PDFDict, prefix: string, depth: number) => {
    if (depth > 20) return;
    const partial = textOf(field.get(PDFName.of('T'))) ?? '';
    const name = prefix && partial ? `${prefix}.${partial}` : prefix || partial;
    const kids = deref(doc, field.get(PDFName.of('Kids')));
    const value = deref(doc, field.get(PDFName.of('V')));
    if (field.get(PDFName.of('FT'))?.toString() === '/Sig' && value instanceof PDFDict) add(value, name);
    if (kids instanceof PDFArray) for (const k of kids.asArray()) { const kid = deref(doc, k); if (kid instanceof PDFDict) walk(kid, name, depth + 1); }
  };
  const fields = acroForm instanceof PDFDict ? deref(doc, acroForm.get(PDFName.of('Fields'))) : undefined;
  if (fields instanceof PDFArray) for (const f of fields.asArray()) { const field = deref(doc, f); if (field instanceof PDFDict) walk(field, '', 0); }
  // A signature widget on a page that the form does not list (pages copied out of a signed PDF
  // into a new one keep the stamp): still a signature to check, not an unsigned document.
  for (const page of doc.getPages()) {
    const annots = deref(doc, page.node.get(PDFName.of('Annots')));
    if (!(annots instanceof PDFArray)) continue;
    for (const a of annots.asArray()) {
      let node = deref(doc, a);
      for (let depth = 0; node instanceof PDFDict && depth < 20; depth++) {
        const value = deref(doc, node.get(PDFName.of('V')));
        if (node.get(PDFName.of('FT'))?.toString() === '/Sig' && value instanceof PDFDict) {
          add(value, textOf(node.get(PDFName.of('T'))) ?? '');
          break;
        }
        node = deref(doc, node.get(PDFName.of('Parent')));
      }
    }
  }
  return out;
}

/** The byte range is four numbers, starts at 0 and leaves out exactly the hex string of /Contents. */
function byteRangeProblem(bytes: Uint8Array, s: FoundSignature): boolean {
  const r = s.byteRange;
  if (r.length !== 4 || r.some((n) => !Number.isInteger(n) || n < 0)) return true;
  const [a, b, c, d] = r as [number, number, number, number];
  if (a !== 0 || b <= 0 || c <= b || c + d > bytes.length) return true;
  if (bytes[b] !== 0x3c || bytes[c - 1] !== 0x3e) return true;
  const hex = Buffer.from(bytes.subarray(b + 1, c - 1)).toString('latin1');
  if (!/^[0-9a-fA-F]*$/.test(hex)) return true;
  return !Buffer.from(hex, 'hex').equals(Buffer.from(s.contents));
}

function signerOf(parsed: ParsedSignature): { der: Uint8Array; x509: X509Certificate } | undefined {
  const sid = parsed.signerInfo.sid as { issuer?: { valueBeforeDecode: ArrayBuffer; isEqual(o: unknown): boolean }; serialNumber?: { valueBlock: { valueHexView: Uint8Array } } };
  for (const cert of parsed.certificates) {
    const serialMatches = sid.serialNumber && Buffer.from(cert.serialNumber.valueBlock.valueHexView).equals(Buffer.from(sid.serialNumber.valueBlock.valueHexView));
    const issuerMatches = sid.issuer && (Buffer.from(cert.issuer.valueBeforeDecode).equals(Buffer.from(sid.issuer.valueBeforeDecode)) || cert.issuer.isEqual(sid.issuer));
    if (serialMatches && issuerMatches) {
      const der = new Uint8Array(cert.toSchema().toBER());
      return { der, x509: new X509Certificate(der) };
    }
  }
  return undefined;
}

function checkOne(bytes: Uint8Array, s: FoundSignature, later: readonly FoundSignature[], anchors: readonly TrustAnchor[], now: Date, lang: Language): SignatureCheck {
  const base: SignatureCheck = {
    status: 'invalid', reason: '', reasonCode: '', fieldName: s.fieldName, signerName: null, organisation: null, identifiers: [],
    issuerName: null, certificateFingerprint: null, signedAt: s.signedAt?.toISOString() ?? null, subFilter: s.subFilter,
    coversWholeDocument: false, notes: [],
  };
  const notes: string[] = [];
  const result = (status: SignatureCheck['status'], code: ReasonCode): SignatureCheck => ({ ...base, status, reasonCode: code, reason: REASONS[code][lang], notes });
  if (s.subFilter !== 'ETSI.CAdES.detached' && s.subFilter !== 'adbe.pkcs7.detached') return result('invalid', 'unsupported_format');
  if (byteRangeProblem(bytes, s)) return result('invalid', 'byte_range_invalid');
  const [, b, c, d] = s.byteRange as [number, number, number, number];
  base.coversWholeDocument = c + d === bytes.length;

  let parsed: ParsedSignature;
  try {
    parsed = parseSignedData(s.contents);
  } catch {
    return result('invalid', 'cms_unreadable');
  }
  const hashName = DIGESTS[parsed.signerInfo.digestAlgorithm.algorithmId];
  if (!hashName) return result('invalid', 'unsupported_format');
  const signer = signerOf(parsed);
  if (!signer) return result('invalid', 'signer_certificate_missing');
  const view = certificateViewOf(signer.der, now);
  Object.assign(base, {
    signerName: view.holderName, organisation: view.organisation, identifiers: view.identifiers, issuerName: view.issuerName,
    certificateFingerprint: view.fingerprint,
  });

  const content = createHash(hashName).update(bytes.subarray(0, b)).update(bytes.subarray(c, c + d)).digest();
  const signature = Buffer.from(parsed.signerInfo.signature.valueBlock.valueHexView);
  const keyType = signer.x509.publicKey.asymmetricKeyType;
  const key = keyType === 'ec' ? { key: signer.x509.publicKey, dsaEncoding: 'der' as const } : signer.x509.publicKey;
  let signedOk: boolean;
  if (parsed.signedAttributesDer) {
    const md = parsed.attribute(OIDS.messageDigest)?.[0] as { valueBlock?: { valueHexView?: Uint8Array } } | undefined;
    if (!md?.valueBlock?.valueHexView || !Buffer.from(md.valueBlock.valueHexView).equals(content)) return result('invalid', 'digest_mismatch');
    try {
      signedOk = verifySignature(hashName, parsed.signedAttributesDer, key, signature);
    } catch {
      signedOk = false;
    }
    const ess = parsed.attribute(OIDS.signingCertificateV2)?.[0];
    const essHash = ess ? essCertHash(ess) : undefined;
    if (!signedOk) return result('invalid', 'signature_mismatch');
    if (essHash) {
      const algorithm = DIGESTS[essHash.algorithm] ?? 'sha256';
      if (!createHash(algorithm).update(signer.der).digest().equals(Buffer.from(essHash.hash))) return result('invalid', 'certificate_swapped');
    } else {
      notes.push(NOTES.notPades[lang]);
    }
  } else {
    try {
      signedOk = verifySignature(hashName, Buffer.concat([bytes.subarray(0, b), bytes.subarray(c, c + d)]), key, signature);
    } catch {
      signedOk = false;
    }
    if (!signedOk) return result('invalid', 'signature_mismatch');
    notes.push(NOTES.notPades[lang]);
  }

  if (!base.coversWholeDocument) {
    if (!later.some((l) => l.byteRange.length === 4 && l.byteRange[2]! + l.byteRange[3]! === bytes.length)) return result('invalid', 'modified_after_signing');
    notes.push(NOTES.laterSignature[lang]);
  }
  const at = s.signedAt ?? now;
  if (at < new Date(signer.x509.validFrom) || at > new Date(signer.x509.validTo)) return result('invalid', 'certificate_not_valid_at_signing');
  if (view.warnings.includes('no_signing_usage')) return result('invalid', 'no_signing_usage');
  if (view.warnings.includes('expired')) notes.push(NOTES.expiredNow[lang]);

  const pool = parsed.certificates.map((cert) => new X509Certificate(new Uint8Array(cert.toSchema().toBER())));
  const chain = buildChain(signer.x509, pool, anchors, at);
  notes.push(NOTES.revocation[lang]);
  if (!chain.trusted) return result('unknown_signer', chain.problem === 'no_anchor' ? 'unknown_signer' : 'untrusted_chain');
  return result('valid', 'valid');
}

const SUMMARY: Record<VerificationReport['overall'], Record<Language, string>> = {
  valid: { vi: 'Hợp lệ', en: 'Valid' },
  invalid: { vi: 'Không hợp lệ', en: 'Invalid' },
  unknown_signer: { vi: 'Không xác định được người ký', en: 'Unknown signer' },
  unsigned: { vi: 'Tài liệu chưa được ký số', en: 'The document is not signed' },
};

/** Every signature of a PDF, checked; `overall` is the worst of them. */
export async function verifyPdf(bytes: Uint8Array, options: { anchors: readonly TrustAnchor[]; now: Date; language: Language }): Promise<VerificationReport> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
  const found = signatureFields(doc).sort((x, y) => (x.byteRange[2] ?? 0) + (x.byteRange[3] ?? 0) - ((y.byteRange[2] ?? 0) + (y.byteRange[3] ?? 0)));
  const signatures = found.map((s, i) => checkOne(bytes, s, found.slice(i + 1), options.anchors, options.now, options.language));
  const overall: VerificationReport['overall'] =
    signatures.length === 0 ? 'unsigned'
      : signatures.some((s) => s.status === 'invalid') ? 'invalid'
        : signatures.some((s) => s.status === 'unknown_signer') ? 'unknown_signer'
          : 'valid';
  const worst = signatures.find((s) => s.status === overall);
  const summary = worst && overall !== 'valid' ? `${SUMMARY[overall][options.language]}: ${worst.reason}` : SUMMARY[overall][options.language];
  return { overall, summary, signatures };
}

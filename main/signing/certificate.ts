import { createHash, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { z } from 'zod';
import type { certificateView, subjectIdentifier } from '../contract/signing-channels';

// A certificate as officers know it: the holder's name in Vietnamese, the organisation, the
// tax or identity number from the subject, the issuing CA, the validity and what is wrong
// with it. Vietnamese CAs put the numbers in UID, CN, OU or serialNumber as "MST:0101234567",
// "CMND:…", "CCCD:…" (sometimes with a space or a dash after the prefix).

export type CertificateView = z.infer<typeof certificateView>;
export type SubjectIdentifier = z.infer<typeof subjectIdentifier>;

const OID = {
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  country: '2.5.4.6',
  locality: '2.5.4.7',
  province: '2.5.4.8',
  street: '2.5.4.9',
  organisation: '2.5.4.10',
  unit: '2.5.4.11',
  title: '2.5.4.12',
  uid: '0.9.2342.19200300.100.1.1',
  email: '1.2.840.113549.1.9.1',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
} as const;

const SHORT_NAMES: Record<string, string> = {
  [OID.commonName]: 'CN', [OID.serialNumber]: 'SERIALNUMBER', [OID.country]: 'C', [OID.locality]: 'L', [OID.province]: 'ST',
  [OID.street]: 'STREET', [OID.organisation]: 'O', [OID.unit]: 'OU', [OID.title]: 'T', [OID.uid]: 'UID', [OID.email]: 'E',
};

/** Days before the end of validity from which a certificate is "expiring soon". */
export const EXPIRING_SOON_DAYS = 30;

const KEY_USAGES = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'] as const;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a directory string, whatever its ASN.1 type: UTF8String (what Vietnamese CAs
 * use), BMPString (UTF-16BE), UniversalString (UTF-32BE), and the 8-bit types — a
 * TeletexString holding UTF-8 bytes (seen in the field) is read as UTF-8. Always NFC.
 */
export function directoryString(value: unknown): string {
  const v = value as { idBlock?: { tagNumber?: number }; valueBlock?: { valueHexView?: Uint8Array; value?: unknown } };
  const bytes = v.valueBlock?.valueHexView;
  const tag = v.idBlock?.tagNumber;
  let text: string;
  if (!bytes) text = typeof v.valueBlock?.value === 'string' ? v.valueBlock.value : '';
  else if (tag === 30) {
    text = '';
    for (let i = 0; i + 1 < bytes.length; i += 2) text += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
  } else if (tag === 28) {
    text = '';
    for (let i = 0; i + 3 < bytes.length; i += 4) text += String.fromCodePoint(((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0);
  } else {
    try {
      text = utf8.decode(bytes);
    } catch {
      text = Buffer.from(bytes).toString('latin1');
    }
  }
  return text.normalize('NFC').trim();
}

export type NameAttribute = Readonly<{ oid: string; short: string; value: string }>;

export function nameAttributes(name: pkijs.RelativeDistinguishedNames): NameAttribute[] {
  return name.typesAndValues.map((tv) => ({ oid: tv.type, short: SHORT_NAMES[tv.type] ?? tv.type, value: directoryString(tv.value) }));
}

const first = (attrs: readonly NameAttribute[], oid: string): string | null => attrs.find((a) => a.oid === oid)?.value || null;

const ID_PATTERN = /(MST|MNS|CCCD|CMND|CMT|HC|SĐDCN|SDDCN)\s*[:=-]\s*([0-9A-Za-z][0-9A-Za-z-]*)/giu;

/** Tax code, budget-unit code and identity numbers written in the subject's attributes. */
export function subjectIdentifiers(attrs: readonly NameAttribute[]): SubjectIdentifier[] {
  const out: SubjectIdentifier[] = [];
  for (const a of attrs) {
    if (![OID.uid, OID.commonName, OID.unit, OID.serialNumber, OID.title, OID.organisation].includes(a.oid as never)) continue;
    for (const m of a.value.matchAll(ID_PATTERN)) {
      const prefix = m[1]!.toUpperCase();
      const kind = prefix === 'CMT' ? 'CMND' : prefix === 'SĐDCN' || prefix === 'SDDCN' ? 'CCCD' : (prefix as SubjectIdentifier['kind']);
      const value = m[2]!.toUpperCase();
      if (!out.some((o) => o.kind === kind && o.value === value)) out.push({ kind, value });
    }
  }
  return out;
}

/** An attribute value that is only an identifier ("MST:0101234567"), not a name. */
const isIdentifierOnly = (value: string): boolean => value.replace(ID_PATTERN, '').replace(/[\s,;/]+/g, '') === '';

/** "Nguyễn Văn An - CMND:012345678" → "Nguyễn Văn An": the numbers are shown on their own. */
function withoutIdentifiers(value: string): string {
  return value.replace(ID_PATTERN, '').replace(/[\s,;:()–-]+$/u, '').replace(/^[\s,;:()–-]+/u, '').trim() || value;
}

/** "CN=Nguyễn Văn An, O=UBND xã Tiên Du, C=VN" in the order the certificate lists them, most specific first. */
export function readableName(attrs: readonly NameAttribute[]): string {
  return [...attrs].reverse().map((a) => `${a.short}=${a.value}`).join(', ');
}

function keyUsages(cert: pkijs.Certificate): string[] | null {
  const ext = cert.extensions?.find((e) => e.extnID === OID.keyUsage);
  if (!ext) return null;
  const bits = (ext.parsedValue as asn1js.BitString | undefined)?.valueBlock.valueHexView ?? new Uint8Array();
  return KEY_USAGES.filter((_, i) => ((bits[i >> 3] ?? 0) >> (7 - (i & 7))) & 1);
}

function isCa(cert: pkijs.Certificate): boolean {
  const ext = cert.extensions?.find((e) => e.extnID === OID.basicConstraints);
  return Boolean((ext?.parsedValue as pkijs.BasicConstraints | undefined)?.cA);
}

export function fingerprintOf(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(new Uint8Array(der));
}

function keyAlgorithm(der: Uint8Array): string {
  try {
    const key = new X509Certificate(Buffer.from(der)).publicKey;
    const d = key.asymmetricKeyDetails;
    if (key.asymmetricKeyType === 'rsa') return `RSA ${d?.modulusLength ?? ''}`.trim();
    if (key.asymmetricKeyType === 'ec') return `ECDSA ${d?.namedCurve ?? ''}`.trim();
    return (key.asymmetricKeyType ?? 'unknown').toUpperCase();
  } catch {
    return 'unknown';
  }
}

/**
 * The officer's view of a certificate at `now`. A certificate that cannot sign (expired, not
 * yet valid, a CA certificate, a key usage without digitalSignature or nonRepudiation) says so
 * in `warnings` and has `canSign` false.
 */
export function certificateViewOf(der: Uint8Array, now: Date): CertificateView {
  const cert = parseCertificate(der);
  const subject = nameAttributes(cert.subject);
  const issuer = nameAttributes(cert.issuer);
  const validFrom = cert.notBefore.value;
  const validTo = cert.notAfter.value;
  const daysLeft = Math.floor((validTo.getTime() - now.getTime()) / 86_400_000);
  const usages = keyUsages(cert);
  const warnings: CertificateView['warnings'] = [];
  const ca = isCa(cert);
  if (ca) warnings.push('ca_certificate');
  if (now < validFrom) warnings.push('not_yet_valid');
  if (now > validTo) warnings.push('expired');
  else if (daysLeft < EXPIRING_SOON_DAYS) warnings.push('expiring_soon');
  // RFC 5280: no keyUsage extension means no restriction. Document signing needs
  // digitalSignature; a certificate with nonRepudiation (contentCommitment) only is the
  // classic form of a qualified signing certificate and is accepted too.
  if (usages && !usages.includes('digitalSignature') && !usages.includes('nonRepudiation')) warnings.push('no_signing_usage');
  const units = subject.filter((a) => a.oid === OID.unit && !isIdentifierOnly(a.value)).map((a) => a.value);
  const cn = first(subject, OID.commonName);
  return {
    fingerprint: fingerprintOf(der),
    holderName: cn && !isIdentifierOnly(cn) ? withoutIdentifiers(cn) : (first(subject, OID.organisation) ?? cn ?? ''),
    organisation: first(subject, OID.organisation),
    unit: units.length > 0 ? units.join(', ') : null,
    locality: [first(subject, OID.locality), first(subject, OID.province)].filter(Boolean).join(', ') || null,
    email: first(subject, OID.email),
    identifiers: subjectIdentifiers(subject),
    issuerName: first(issuer, OID.commonName) ?? first(issuer, OID.organisation) ?? readableName(issuer),
    issuerOrganisation: first(issuer, OID.organisation),
    serial: Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase(),
    validFrom: validFrom.toISOString(),
    validTo: validTo.toISOString(),
    daysLeft,
    keyAlgorithm: keyAlgorithm(der),
    usages: usages ?? [],
    warnings,
    canSign: !warnings.some((w) => w !== 'expiring_soon'),
    subject: readableName(subject),
  };
}

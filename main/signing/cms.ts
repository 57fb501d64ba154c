import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

// The CMS (PKCS#7) SignedData of a PAdES baseline B-B signature, built with pkijs (node-forge
// re-encodes non-ASCII issuer names wrongly, docs/hardware.md): detached, SHA-256, signed
// attributes content-type, message-digest and signing-certificate-v2 (ESSCertIDv2). The
// claimed signing time goes into the signature dictionary's /M: PAdES baseline forbids the
// CMS signing-time attribute (ETSI EN 319 142-1). The signature value comes from the token.

export const OIDS = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecPublicKey: '1.2.840.10045.2.1',
} as const;

export type KeyKind = 'rsa' | 'ecdsa';

const sha256 = (data: Uint8Array): Buffer => createHash('sha256').update(data).digest();

const buffer = (data: Uint8Array): ArrayBuffer => data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;

/** The raw DER of an ASN.1 element parsed elsewhere, so a name is sent exactly as the CA wrote it. */
function reparse(der: ArrayBuffer): asn1js.AsnType {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1) throw new Error('ASN.1 parse error');
  return parsed.result;
}

export function keyKindOf(cert: pkijs.Certificate): KeyKind {
  const alg = cert.subjectPublicKeyInfo.algorithm.algorithmId;
  if (alg === OIDS.rsaEncryption) return 'rsa';
  if (alg === OIDS.ecPublicKey) return 'ecdsa';
  throw new Error(`unsupported key algorithm ${alg}`);
}

/**
 * signing-certificate-v2 (RFC 5035): the SHA-256 of the signer's certificate and its issuer and
 * serial, so the certificate cannot be swapped for another one with the same key.
 */
function signingCertificateV2(certDer: Uint8Array, cert: pkijs.Certificate): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [
      // GeneralNames: one directoryName [4], EXPLICIT because Name is a CHOICE.
      new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [reparse(cert.issuer.valueBeforeDecode)] })] }),
      new asn1js.Integer({ valueHex: buffer(cert.serialNumber.valueBlock.valueHexView) }),
    ],
  });
  // hashAlgorithm is left out: SHA-256 is its DEFAULT, and DER omits defaults.
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: buffer(sha256(certDer)) }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

export type SignedAttributes = Readonly<{
  attributes: pkijs.Attribute[];
  /** DER of the SET OF attributes: what the token signs. */
  der: Uint8Array;
}>;

export function signedAttributes(contentDigest: Uint8Array, certDer: Uint8Array, cert: pkijs.Certificate): SignedAttributes {
  const attributes = [
    new pkijs.Attribute({ type: OIDS.contentType, values: [new asn1js.ObjectIdentifier({ value: OIDS.data })] }),
    new pkijs.Attribute({ type: OIDS.messageDigest, values: [new asn1js.OctetString({ valueHex: buffer(contentDigest) })] }),
    new pkijs.Attribute({ type: OIDS.signingCertificateV2, values: [signingCertificateV2(certDer, cert)] }),
  ];
  // DER: the elements of a SET OF in ascending order of their encodings.
  const encoded = attributes.map((a) => ({ a, der: Buffer.from(a.toSchema().toBER()) }));
  encoded.sort((x, y) => Buffer.compare(x.der, y.der));
  const set = new asn1js.Set({ value: encoded.map((e) => e.a.toSchema()) });
  return { attributes: encoded.map((e) => e.a), der: new Uint8Array(set.toBER()) };
}

/** DigestInfo(SHA-256, digest): what CKM_RSA_PKCS signs on tokens without CKM_SHA256_RSA_PKCS. */
export function digestInfo(digest: Uint8Array): Uint8Array {
  const seq = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OIDS.sha256 }), new asn1js.Null()] }),
      new asn1js.OctetString({ valueHex: buffer(digest) }),
    ],
  });
  return new Uint8Array(seq.toBER());
}

/** PKCS#11 gives ECDSA signatures as r‖s; CMS wants ECDSA-Sig-Value, a SEQUENCE of two INTEGERs. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const integer = (bytes: Uint8Array) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    const trimmed = bytes.subarray(i);
    const padded = trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : Buffer.from(trimmed);
    return new asn1js.Integer({ valueHex: buffer(padded) });
  };
  return new Uint8Array(new asn1js.Sequence({ value: [integer(raw.subarray(0, half)), integer(raw.subarray(half))] }).toBER());
}

/** The detached SignedData in a ContentInfo, DER. `certificates`: the signer's first, then its chain. */
export function signedData(options: {
  signer: pkijs.Certificate;
  certificates: readonly pkijs.Certificate[];
  attributes: pkijs.Attribute[];
  keyKind: KeyKind;
  signature: Uint8Array;
}): Uint8Array {
  const { signer } = options;
  const signatureAlgorithm =
    options.keyKind === 'rsa'
      ? new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.sha256WithRsa, algorithmParams: new asn1js.Null() })
      : new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.ecdsaWithSha256 });
  const data = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OIDS.data }),
    certificates: [...options.certificates],
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
        digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.sha256 }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: options.attributes }),
        signatureAlgorithm,
        signature: new asn1js.OctetString({ valueHex: buffer(options.signature) }),
      }),
    ],
  });
  const info = new pkijs.ContentInfo({ contentType: OIDS.signedData, content: data.toSchema(true) });
  return new Uint8Array(info.toSchema().toBER());
}

export type ParsedSignature = Readonly<{
  signedData: pkijs.SignedData;
  signerInfo: pkijs.SignerInfo;
  certificates: pkijs.Certificate[];
  /** The signed attributes as received, re-tagged as a SET: what was signed. */
  signedAttributesDer: Uint8Array | null;
  attribute: (oid: string) => asn1js.AsnType[] | undefined;
}>;

/** Reads a CMS ContentInfo (trailing zero padding of a PDF /Contents allowed). */
export function parseSignedData(der: Uint8Array): ParsedSignature {
  const parsed = asn1js.fromBER(buffer(der));
  if (parsed.offset === -1) throw new Error(parsed.result.error || 'not ASN.1');
  const info = new pkijs.ContentInfo({ schema: parsed.result });
  if (info.contentType !== OIDS.signedData) throw new Error(`not a SignedData (${info.contentType})`);
  const signedData = new pkijs.SignedData({ schema: info.content });
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) throw new Error('no signer');
  const certificates = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  let signedAttributesDer: Uint8Array | null = null;
  if (signerInfo.signedAttrs) {
    const raw = new Uint8Array(signerInfo.signedAttrs.encodedValue.slice(0));
    raw[0] = 0x31; // [0] IMPLICIT → SET, as RFC 5652 §5.4 says the signature covers it
    signedAttributesDer = raw;
  }
  return {
    signedData,
    signerInfo,
    certificates,
    signedAttributesDer,
    attribute: (oid) => signerInfo.signedAttrs?.attributes.find((a) => a.type === oid)?.values,
  };
}

/** The certHash of the first ESSCertIDv2 in a signing-certificate-v2 attribute value. */
export function essCertHash(value: asn1js.AsnType): { hash: Uint8Array; algorithm: string } | undefined {
  const certs = (value as asn1js.Sequence).valueBlock?.value?.[0] as asn1js.Sequence | undefined;
  const first = certs?.valueBlock?.value?.[0] as asn1js.Sequence | undefined;
  const parts = first?.valueBlock?.value ?? [];
  let algorithm: string = OIDS.sha256;
  let hashPart = parts[0];
  if (hashPart instanceof asn1js.Sequence) {
    algorithm = (hashPart.valueBlock.value[0] as asn1js.ObjectIdentifier | undefined)?.valueBlock.toString() ?? algorithm;
    hashPart = parts[1];
  }
  if (!(hashPart instanceof asn1js.OctetString)) return undefined;
  return { hash: new Uint8Array(hashPart.valueBlock.valueHexView), algorithm };
}

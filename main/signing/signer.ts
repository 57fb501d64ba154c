import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import type * as pkijs from 'pkijs';
import { TokenError, type SignMechanism, type TokenService, type TokenSnapshot } from '../../hardware/tokens/token';
import type { AttemptCounter } from '../core/attempt-throttle';
import { StationError } from '../core/errors';
import { certificateViewOf, parseCertificate, type CertificateView } from './certificate';
import { digestInfo, ecdsaRawToDer, keyKindOf, signedAttributes, signedData, type KeyKind } from './cms';
import { defaultPlacement, embedSignature, preparePdfSignature, signaturePlaceUnder, stampSize, type StampPlacement } from './pdf-sign';
import { renderStamp } from './stamp';
import './messages'; // the texts of the errors thrown here

// Signing a PDF with the officer's token, start to end: check the certificate and the PIN
// state, prepare the signature field (incremental update, visible stamp), log in, have the
// token sign the signed attributes, log out, put the CMS in. Nothing is written here: the
// caller stores the result only once everything succeeded, so a token pulled out half-way
// leaves no half-signed file.

export type SignPdfRequest = Readonly<{
  tokens: TokenService;
  tokenRef: string;
  /** SHA-256 fingerprint of the certificate chosen on the token. */
  certificate: string;
  pin: string;
  confirmFinalTry: boolean;
  now: Date;
  reason: string;
  location: string;
  /** Where the stamp goes: under this heading if the document has it, else the default corner. */
  stampUnder?: string;
  /**
   * Wrong PINs counted per token: after a few, the next tries wait (PIN_THROTTLED) and the
   * token is not even asked, so guessing cannot run down the token's own count.
   */
  pinAttempts?: AttemptCounter;
}>;

/** The token as the PIN count knows it: the same token plugged into another port is the same. */
export function pinAttemptKey(token: Pick<TokenSnapshot, 'moduleId' | 'serial' | 'label'>): string {
  return `${token.moduleId}|${token.serial}|${token.label}`;
}

function throttled(verdict: ReturnType<AttemptCounter['check']>): StationError | undefined {
  return verdict.allowed ? undefined : new StationError('PIN_THROTTLED', { failures: verdict.failures, retryAfterSeconds: verdict.retryAfterSeconds }, 'pin');
}

export type SignedPdf = Readonly<{ pdf: Uint8Array; signer: CertificateView; signedAt: Date; mechanism: SignMechanism }>;

/** "2026-11-23T09:32:05+07:00": the signing time as the stamp shows it (ISO 8601, Vietnam time). */
export function isoVietnam(d: Date): string {
  return `${new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}

/** A token's failure as the officer reads it. */
export function tokenFailure(e: unknown, context: { token: string; issuer: string }): StationError {
  if (e instanceof StationError) return e;
  if (!(e instanceof TokenError)) return new StationError('TOKEN_FAILED', { detail: e instanceof Error ? e.message.slice(0, 120) : String(e) });
  switch (e.code) {
    case 'PIN_INCORRECT': return new StationError(e.pin?.finalTry ? 'PIN_INCORRECT_FINAL_TRY' : 'PIN_INCORRECT', {}, 'pin');
    case 'PIN_LOCKED': return new StationError('PIN_LOCKED', { issuer: context.issuer }, 'pin');
    case 'PIN_LENGTH': return new StationError('PIN_LENGTH', { min: e.pin?.minLength ?? 4, max: e.pin?.maxLength ?? 64 }, 'pin');
    case 'TOKEN_NOT_FOUND': return new StationError('TOKEN_NOT_FOUND', { token: context.token });
    case 'TOKEN_REMOVED': case 'SESSION_CLOSED': return new StationError('TOKEN_REMOVED', { detail: e.detail });
    case 'KEY_NOT_FOUND': return new StationError('SIGNING_KEY_NOT_FOUND');
    case 'MECHANISM_UNSUPPORTED': return new StationError('SIGNING_MECHANISM_UNSUPPORTED', { detail: e.detail });
    case 'TOKEN_BUSY': return new StationError('TOKEN_BUSY');
    case 'TOKEN_FAILED': return new StationError('TOKEN_FAILED', { detail: e.detail });
  }
}

/** Refuses a certificate that cannot sign, with the reason officers understand. */
export function requireUsable(view: CertificateView): void {
  const params = { name: view.holderName, issuer: view.issuerName };
  const date = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');
  if (view.warnings.includes('no_signing_usage') || view.warnings.includes('ca_certificate')) throw new StationError('CERTIFICATE_NO_SIGNING_USAGE', params);
  if (view.warnings.includes('expired')) throw new StationError('CERTIFICATE_EXPIRED', { ...params, date: date(view.validTo) });
  if (view.warnings.includes('not_yet_valid')) throw new StationError('CERTIFICATE_NOT_YET_VALID', { ...params, date: date(view.validFrom) });
}

function mechanismFor(kind: KeyKind, token: TokenSnapshot): SignMechanism {
  if (kind === 'ecdsa') {
    if (token.mechanisms.includes('CKM_ECDSA')) return 'ecdsa';
  } else {
    if (token.mechanisms.includes('CKM_SHA256_RSA_PKCS')) return 'rsa-sha256';
    if (token.mechanisms.includes('CKM_RSA_PKCS')) return 'rsa-pkcs';
  }
  // Some tokens do not list their mechanisms: try the usual one.
  if (token.mechanisms.length === 0) return kind === 'ecdsa' ? 'ecdsa' : 'rsa-sha256';
  throw new StationError('SIGNING_MECHANISM_UNSUPPORTED', { detail: token.mechanisms.join(', ') || '—' });
}

/** The CA certificates on the token that lead from the signer upwards (the chain the CMS carries). */
function chainOnToken(signer: pkijs.Certificate, token: TokenSnapshot, signerFingerprint: string): pkijs.Certificate[] {
  const others = token.certificates
    .filter((c) => createHash('sha256').update(c.der).digest('hex') !== signerFingerprint)
    .map((c) => { try { return parseCertificate(c.der); } catch { return undefined; } })
    .filter((c): c is pkijs.Certificate => c !== undefined);
  const chain: pkijs.Certificate[] = [];
  let current = signer;
  for (let i = 0; i < 5; i++) {
    const issuer = others.find((c) => !chain.includes(c) && Buffer.from(c.subject.valueBeforeDecode).equals(Buffer.from(current.issuer.valueBeforeDecode)));
    if (!issuer || issuer === current) break;
    chain.push(issuer);
    if (Buffer.from(issuer.subject.valueBeforeDecode).equals(Buffer.from(issuer.issuer.valueBeforeDecode))) break;
    current = issuer;
  }
  return chain;
}

/** Finds the token, refreshing the list once if it is not (yet) in the last scan. */
async function findToken(tokens: TokenService, ref: string): Promise<TokenSnapshot | undefined> {
  return tokens.current().tokens.find((t) => t.ref === ref) ?? (await tokens.scan()).tokens.find((t) => t.ref === ref);
}

export async function signPdf(original: Uint8Array, request: SignPdfRequest): Promise<SignedPdf> {
  const token = await findToken(request.tokens, request.tokenRef);
  if (!token) throw new StationError('TOKEN_NOT_FOUND', { token: request.tokenRef.split(':').slice(1).join(':') || request.tokenRef });
  const onToken = token.certificates.find((c) => createHash('sha256').update(c.der).digest('hex') === request.certificate);
  if (!onToken) throw new StationError('CERTIFICATE_NOT_FOUND');
  const view = certificateViewOf(onToken.der, request.now);
  requireUsable(view);
  const failure = (e: unknown) => tokenFailure(e, { token: token.label, issuer: view.issuerName });
  const attemptKey = pinAttemptKey(token);

  // The PIN state is read from the token now, before any PIN reaches it (reading it is no PIN
  // try: a locked token says so rather than "wait").
  const pinState = await request.tokens.pinState(token.ref).catch((e: unknown) => { throw failure(e); });
  if (pinState.locked) throw new StationError('PIN_LOCKED', { issuer: view.issuerName }, 'pin');
  const waiting = request.pinAttempts && throttled(request.pinAttempts.check(attemptKey));
  if (waiting) throw waiting; // no PIN reaches the token while the station waits
  if (pinState.finalTry && !request.confirmFinalTry) throw new StationError('PIN_FINAL_TRY_UNCONFIRMED', {}, 'pin');

  const certificate = parseCertificate(onToken.der);
  const keyKind = keyKindOf(certificate);
  const mechanism = mechanismFor(keyKind, token);
  const chain = chainOnToken(certificate, token, view.fingerprint);

  // Room for the CMS: its exact size with a signature of the key's length (an ECDSA DER
  // signature varies by a few bytes), plus a margin.
  const keyBytes = keyKind === 'rsa' ? Math.ceil(Number(/\d+/.exec(view.keyAlgorithm)?.[0] ?? 4096) / 8) : 140;
  const probe = signedData({
    signer: certificate, certificates: [certificate, ...chain], keyKind,
    attributes: signedAttributes(new Uint8Array(32), onToken.der, certificate).attributes, signature: new Uint8Array(keyBytes),
  });

  const signedAt = request.now;
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(original, { updateMetadata: false });
  } catch (e) {
    throw new StationError('PDF_UNREADABLE', { detail: e instanceof Error ? e.message.slice(0, 120) : String(e) });
  }
  const placement: StampPlacement =
    (request.stampUnder ? signaturePlaceUnder(doc, 0, request.stampUnder, { width: 190, maxHeight: 56 }) : undefined) ??
    defaultPlacement(doc, doc.getPageCount() - 1, 190, 52);
  const size = stampSize(placement);
  const stamp = await renderStamp({ signer: view.holderName, organisation: view.organisation, signedAt: isoVietnam(signedAt) }, size.width, size.height);
  const prepared = await preparePdfSignature(original, {
    name: view.holderName, reason: request.reason, location: request.location, signedAt,
    contentsBytes: probe.length + 64, stamp: { pdf: stamp, placement },
  }, doc);
  const attributes = signedAttributes(prepared.digest, onToken.der, certificate);
  const toSign = mechanism === 'rsa-sha256' ? attributes.der
    : mechanism === 'rsa-pkcs' ? digestInfo(createHash('sha256').update(attributes.der).digest())
      : createHash('sha256').update(attributes.der).digest();

  let signature: Uint8Array;
  try {
    const session = await request.tokens.login(token.ref, request.pin).catch((e: unknown) => {
      if (!request.pinAttempts || !(e instanceof TokenError) || e.code !== 'PIN_INCORRECT') throw e;
      const verdict = request.pinAttempts.failure(attemptKey);
      // The token's own "one try left" matters more than the wait; it carries the wait too.
      if (e.pin?.finalTry && !verdict.allowed) throw new StationError('PIN_INCORRECT_FINAL_TRY', { retryAfterSeconds: verdict.retryAfterSeconds }, 'pin');
      throw throttled(verdict) ?? e;
    });
    request.pinAttempts?.success(attemptKey);
    try {
      signature = await session.sign(onToken.id, mechanism, toSign);
    } finally {
      await session.close();
    }
  } catch (e) {
    throw failure(e);
  }
  const cms = signedData({
    signer: certificate, certificates: [certificate, ...chain], keyKind, attributes: attributes.attributes,
    signature: keyKind === 'ecdsa' ? ecdsaRawToDer(signature) : signature,
  });
  return { pdf: embedSignature(prepared, cms), signer: view, signedAt, mechanism };
}

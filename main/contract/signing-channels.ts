import { z } from 'zod';
import { channel, none, withAccess, COUNTER, OFFICERS, READERS, RECEPTION, TECHNICIAN } from './channel';

// Signing with the officer's USB token (issue 5): modules, tokens and certificates, the PIN
// state, signing the appointment slip and the scanned documents, verifying stored or imported
// PDFs, and the settings.

export const moduleStatus = z.object({
  id: z.string(),
  vendor: z.string(),
  path: z.string(),
  origin: z.enum(['known', 'added']),
  state: z.enum(['loaded', 'unavailable']),
  failure: z.enum(['absent', 'wrong_architecture', 'not_pkcs11', 'load_failed', 'init_failed', 'duplicate']).optional(),
  /** The failure in words for the technician, in the station's language. */
  explanation: z.string().optional(),
  detail: z.string().optional(),
  resolvedPath: z.string().optional(),
  library: z.object({ manufacturer: z.string(), description: z.string(), version: z.string(), cryptokiVersion: z.string() }).optional(),
});

export const pinState = z.object({
  countLow: z.boolean(),
  finalTry: z.boolean(),
  locked: z.boolean(),
  toBeChanged: z.boolean(),
  protectedPath: z.boolean(),
  minLength: z.number().int(),
  maxLength: z.number().int(),
});

export const certificateWarning = z.enum(['expired', 'not_yet_valid', 'expiring_soon', 'no_signing_usage', 'ca_certificate']);

export const subjectIdentifier = z.object({
  /** MST tax code, CCCD/CMND/CMT identity numbers, HC passport, MNS budget-unit code. */
  kind: z.enum(['MST', 'MNS', 'CCCD', 'CMND', 'HC']),
  value: z.string(),
});

/** A certificate as officers know it. */
export const certificateView = z.object({
  /** SHA-256 of the DER, hex: how the station names a certificate. */
  fingerprint: z.string(),
  holderName: z.string(),
  organisation: z.string().nullable(),
  unit: z.string().nullable(),
  locality: z.string().nullable(),
  email: z.string().nullable(),
  identifiers: z.array(subjectIdentifier),
  issuerName: z.string(),
  issuerOrganisation: z.string().nullable(),
  serial: z.string(),
  /** ISO 8601 instants. */
  validFrom: z.string(),
  validTo: z.string(),
  daysLeft: z.number().int(),
  keyAlgorithm: z.string(),
  usages: z.array(z.string()),
  warnings: z.array(certificateWarning),
  /** Not a CA certificate, within its validity, with a signing key usage. */
  canSign: z.boolean(),
  subject: z.string(),
});

export const tokenView = z.object({
  ref: z.string(),
  moduleId: z.string(),
  vendor: z.string(),
  label: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  serial: z.string(),
  pin: pinState,
  /** End-entity certificates (the CA certificates a token also carries are left out). */
  certificates: z.array(certificateView.extend({ id: z.string() })),
});

export const trustedRootView = z.object({ fingerprint: z.string(), name: z.string(), validTo: z.string(), source: z.enum(['settings', 'folder']) });

export const signingSettingsView = z.object({
  /** The agency signs its slips (optional: an unsigned slip still prints). */
  enabled: z.boolean(),
  /** PKCS#11 modules added by the technician. */
  modulePaths: z.array(z.string()),
  /** Known modules the technician switched off (a misbehaving driver). */
  disabledModules: z.array(z.string()),
  /** Certificate the officer last signed with (SHA-256 fingerprint), preselected next time. */
  preferredCertificate: z.string().nullable(),
});

export const signingStatus = z.object({
  settings: signingSettingsView,
  modules: z.array(moduleStatus),
  tokens: z.array(tokenView),
  usb: z.object({
    events: z.boolean(),
    /** Why plug-in events are not watched (technical, for the technician)… */
    reason: z.string().optional(),
    /** …and what it means, as a person reads it. */
    explanation: z.string().optional(),
    tokenDevices: z.array(z.string()),
  }),
  trustedRoots: z.array(trustedRootView),
  /** Where the technician may drop CA certificates (.pem, .cer, .crt) to trust. */
  trustFolder: z.string(),
});

export const signatureCheck = z.object({
  status: z.enum(['valid', 'invalid', 'unknown_signer']),
  /** Why, in the station's language ("Chữ ký hợp lệ.", "Nội dung đã bị sửa sau khi ký."…). */
  reason: z.string(),
  reasonCode: z.string(),
  fieldName: z.string(),
  signerName: z.string().nullable(),
  organisation: z.string().nullable(),
  identifiers: z.array(subjectIdentifier),
  issuerName: z.string().nullable(),
  certificateFingerprint: z.string().nullable(),
  /** The /M entry of the signature dictionary (PAdES puts the claimed time there). */
  signedAt: z.string().nullable(),
  subFilter: z.string().nullable(),
  coversWholeDocument: z.boolean(),
  /** Things that do not make the signature invalid but that a reader should know. */
  notes: z.array(z.string()),
});

export const verificationReport = z.object({
  overall: z.enum(['valid', 'invalid', 'unknown_signer', 'unsigned']),
  summary: z.string(),
  signatures: z.array(signatureCheck),
});

export const signedFile = z.object({
  /** The dossier file (dossier_files.id) the sync uploads. */
  id: z.number().int(),
  dossierCode: z.string(),
  kind: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
  /** ISO 8601 with the Vietnam offset. */
  signedAt: z.string(),
  /** The portal confirmed it received the file. */
  uploaded: z.boolean(),
});

/**
 * 4–64 printable ASCII characters (empty for a token with its own PIN pad); the message never
 * repeats what was typed.
 */
const pin = z.string().refine((s) => s === '' || /^[\x20-\x7e]{4,64}$/.test(s), 'Mã PIN gồm 4–64 ký tự (chữ số, chữ cái không dấu) / The PIN has 4–64 characters');

const modulePath = z.string().trim().min(1).max(500).refine((p) => /^(\/|[A-Za-z]:\\|\\\\)/.test(p) || /^[\w.-]+\.(dll|so(\.\d+)*|dylib)$/i.test(p), 'Cần đường dẫn đầy đủ tới tệp .dll/.so/.dylib, hoặc tên tệp DLL trong System32');

const pemCertificate = z.string().max(20_000).refine((s) => /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(s), 'Chứng thư gốc cần ở dạng PEM (-----BEGIN CERTIFICATE-----)');

export const signingChannels = withAccess({
  'signing.config': channel(none, signingSettingsView, 'Whether the agency signs its slips (without touching the tokens)'),
  'signing.status': channel(none, signingStatus, 'Token modules loaded or not (and why), tokens present, their certificates and PIN state'),
  'signing.rescan': channel(none, signingStatus, 'Re-initialise the modules and read the tokens again'),
  'signing.settings': channel(
    z.object({
      enabled: z.boolean().optional(),
      modulePaths: z.array(modulePath).max(20).optional(),
      disabledModules: z.array(z.string().max(60)).max(30).optional(),
      /** A CA certificate (PEM) the technician trusts as a root. */
      addTrustedRoot: pemCertificate.optional(),
      /** Fingerprint of a root added earlier, no longer trusted. */
      removeTrustedRoot: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    }).strict(),
    signingStatus,
    'Change the signing settings; modules are probed again',
  ),
  'signing.pinState': channel(z.object({ tokenRef: z.string().min(1).max(200) }).strict(), pinState, "The token's PIN-tries state, read afresh, before the officer types"),
  'signing.signSlip': channel(
    z.object({
      code: z.string().min(1).max(60),
      tokenRef: z.string().min(1).max(200),
      certificate: z.string().regex(/^[0-9a-f]{64}$/),
      pin,
      /** Required when the token reports its final PIN try. */
      confirmFinalTry: z.boolean().default(false),
      paper: z.enum(['A4', 'A5']).optional(),
      copies: z.union([z.literal(1), z.literal(2)]).optional(),
    }).strict(),
    z.object({ file: signedFile, base64: z.string(), verification: verificationReport }),
    "Sign the dossier's appointment slip with the token (PAdES), store it for the portal and verify it",
  ),
  'signing.signScan': channel(
    z.object({
      code: z.string().min(1).max(60),
      /** The document whose current scan is signed (scanned_documents). */
      documentCode: z.string().min(1).max(20),
      tokenRef: z.string().min(1).max(200),
      certificate: z.string().regex(/^[0-9a-f]{64}$/),
      pin,
      /** Required when the token reports its final PIN try. */
      confirmFinalTry: z.boolean().default(false),
    }).strict(),
    // No bytes back: a scan can be megabytes (`scan.pdf` or `signing.filePdf` give them on request).
    z.object({ documentCode: z.string(), file: signedFile, verification: verificationReport }),
    "Sign the current scan of a dossier's document (PAdES, stamp in the corner of the last page; a signed scan can be countersigned): " +
      'the signed PDF becomes the scan of the document and is queued for the portal, the earlier file stays as it was',
  ),
  'signing.signedScans': channel(
    z.object({ code: z.string().min(1).max(60) }).strict(),
    z.array(z.object({ documentCode: z.string(), file: signedFile })),
    'The documents of a dossier whose current scan is a signed one',
  ),
  'signing.files': channel(z.object({ code: z.string().min(1).max(60) }).strict(), z.array(signedFile), 'Signed files of a dossier'),
  'signing.filePdf': channel(z.object({ id: z.number().int().min(1) }).strict(), z.object({ fileName: z.string(), base64: z.string() }), 'A signed file (slip or scan) as stored'),
  'signing.verify': channel(
    z.union([
      z.object({ id: z.number().int().min(1) }).strict(),
      z.object({ fileName: z.string().max(255), base64: z.string().min(1).max(30_000_000) }).strict(),
    ]),
    verificationReport,
    'Verify the signatures of a stored signed file (slip or scan) or of an imported PDF',
  ),
}, {
  'signing.config': OFFICERS,
  'signing.status': COUNTER,
  'signing.rescan': COUNTER,
  'signing.settings': TECHNICIAN,
  'signing.pinState': RECEPTION,
  'signing.signSlip': RECEPTION,
  'signing.signScan': RECEPTION,
  'signing.signedScans': READERS,
  'signing.files': READERS,
  'signing.filePdf': READERS,
  'signing.verify': READERS,
});

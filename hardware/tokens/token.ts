// The port through which the station uses an officer's USB signing token: PKCS#11 modules of
// the Vietnamese CAs (docs/hardware.md), their tokens, the certificates on them, PIN login and
// signing. One implementation: pkcs11js in a worker thread (token-service.ts), so a slow token
// never blocks the Electron main thread.

/** A PKCS#11 module the station tries to load: from the known table or added by the technician. */
export type ModuleSpec = Readonly<{
  /** Stable id: the table's key ("vnpt-ca", "softhsm"…) or "added-<hash>" for a technician's path. */
  id: string;
  /** What the technician reads: the CA or the token maker ("VNPT-CA", "SafeNet eToken"…). */
  vendor: string;
  /** File name (Windows: looked up in System32) or absolute path. */
  path: string;
  origin: 'known' | 'added';
}>;

/**
 * Why a module did not load, in words a technician can act on:
 * - absent: the file is not on this PC (the CA's software is not installed) — normal for most
 *   of the table;
 * - wrong_architecture: the file is there but built for another processor (a 32-bit DLL in the
 *   64-bit station);
 * - not_pkcs11: the file loads but has no C_GetFunctionList;
 * - load_failed: the system refused to load it (missing dependency, corrupt file…);
 * - init_failed: C_Initialize failed (the CA's service not running…);
 * - duplicate: the same file as another module of the list (loaded once).
 */
export type ModuleFailure = 'absent' | 'wrong_architecture' | 'not_pkcs11' | 'load_failed' | 'init_failed' | 'duplicate';

export type ModuleStatus = ModuleSpec & Readonly<{
  state: 'loaded' | 'unavailable';
  /** For a module that is unavailable. */
  failure?: ModuleFailure;
  /** The system's or the module's own words (a PKCS#11 return code, dlopen's message). */
  detail?: string;
  /** The file actually loaded (System32 path, symlink resolved). */
  resolvedPath?: string;
  /** From C_GetInfo. */
  library?: Readonly<{ manufacturer: string; description: string; version: string; cryptokiVersion: string }>;
}>;

/** The token's user-PIN state as PKCS#11 reports it, read before the officer types. */
export type PinState = Readonly<{
  /** CKF_USER_PIN_COUNT_LOW: a wrong PIN was entered since the last right one. */
  countLow: boolean;
  /** CKF_USER_PIN_FINAL_TRY: one more wrong PIN locks the token. */
  finalTry: boolean;
  /** CKF_USER_PIN_LOCKED: the token refuses every PIN; only its owner's CA can unlock it. */
  locked: boolean;
  /** CKF_USER_PIN_TO_BE_CHANGED: the token asks for a new PIN (still usable). */
  toBeChanged: boolean;
  /** CKF_PROTECTED_AUTHENTICATION_PATH: the PIN is typed on the device's own pad. */
  protectedPath: boolean;
  minLength: number;
  maxLength: number;
}>;

/** A certificate object on a token, as stored (DER), with the CKA_ID that ties it to its key. */
export type TokenCertificate = Readonly<{ id: string; label: string; der: Uint8Array }>;

/** One token present in a slot of a loaded module. */
export type TokenSnapshot = Readonly<{
  /** Stable while the token stays plugged in and across rescans: module id + serial number. */
  ref: string;
  moduleId: string;
  vendor: string;
  slotDescription: string;
  label: string;
  manufacturer: string;
  model: string;
  serial: string;
  removable: boolean;
  pin: PinState;
  certificates: readonly TokenCertificate[];
  /** What the token can sign with, by PKCS#11 mechanism name (CKM_SHA256_RSA_PKCS…). */
  mechanisms: readonly string[];
}>;

export type TokenScan = Readonly<{ modules: readonly ModuleStatus[]; tokens: readonly TokenSnapshot[] }>;

/** How the data handed to `sign` is to be signed. */
export type SignMechanism =
  /** RSA PKCS#1 v1.5 with SHA-256 done on the token: `data` is the message. */
  | 'rsa-sha256'
  /** Raw RSA PKCS#1 v1.5 (CKM_RSA_PKCS): `data` is a DER DigestInfo, for tokens without the above. */
  | 'rsa-pkcs'
  /** ECDSA (CKM_ECDSA): `data` is the SHA-256 digest; the answer is r‖s as the token gives it. */
  | 'ecdsa';

/** A logged-in session on one token. The PIN is gone once `login` resolved. */
export interface TokenSession {
  readonly tokenRef: string;
  /** Signs with the private key whose CKA_ID is `keyId` (the certificate's id). */
  sign(keyId: string, mechanism: SignMechanism, data: Uint8Array): Promise<Uint8Array>;
  /** Logs out and closes the session; never throws (a removed token is already logged out). */
  close(): Promise<void>;
}

export type TokenEvent =
  | Readonly<{ kind: 'changed'; scan: TokenScan }>
  | Readonly<{ kind: 'usb'; action: 'attach' | 'detach'; device: string }>;

export interface TokenService {
  /** The last scan (empty before the first one finished). */
  current(): TokenScan;
  /** Rescans now; `reload` also re-initialises the modules (new readers, new SoftHSM tokens). */
  scan(options?: { reload?: boolean }): Promise<TokenScan>;
  /** Sets the list of modules: new ones are loaded, dropped ones finalised. */
  configure(modules: readonly ModuleSpec[]): Promise<TokenScan>;
  /**
   * Finalises one module now (C_Finalize), as a token middleware reset does: open sessions die
   * and the next scan initialises the module again.
   */
  reset(moduleId: string): Promise<void>;
  /** Reads the PIN state afresh from the token. */
  pinState(tokenRef: string): Promise<PinState>;
  /** Logs in with the PIN; the PIN is not kept anywhere after this resolves or rejects. */
  login(tokenRef: string, pin: string): Promise<TokenSession>;
  /** USB hot-plug events available (else only the poll keeps the list right), and why not. */
  usb(): Readonly<{ events: boolean; reason?: string; tokenDevices: readonly string[] }>;
  onEvent(listener: (event: TokenEvent) => void): () => void;
  close(): Promise<void>;
}

/**
 * What went wrong with a token, as a code the station turns into a Vietnamese message. Never
 * carries a PIN.
 */
export type TokenErrorCode =
  | 'PIN_INCORRECT'
  | 'PIN_LOCKED'
  | 'PIN_LENGTH'
  | 'TOKEN_NOT_FOUND'
  | 'TOKEN_REMOVED'
  | 'KEY_NOT_FOUND'
  | 'MECHANISM_UNSUPPORTED'
  | 'SESSION_CLOSED'
  | 'TOKEN_BUSY'
  | 'TOKEN_FAILED';

export class TokenError extends Error {
  constructor(
    readonly code: TokenErrorCode,
    /** The PKCS#11 return value name (CKR_…) or another short technical detail. */
    readonly detail: string = '',
    /** For PIN_INCORRECT: the state the token reports after the failed try. */
    readonly pin?: PinState,
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`);
    this.name = 'TokenError';
  }
}

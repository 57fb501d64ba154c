import * as pkcs11Module from 'pkcs11js';
import { performance } from 'node:perf_hooks';
import { resolveModule } from './known-modules';
import type { ScanDepth } from './pkcs11-protocol';
import { TokenError, type ModuleSpec, type ModuleStatus, type PinState, type SignMechanism, type TokenCertificate, type TokenScan, type TokenSnapshot } from './token';

// The PKCS#11 side of the token service. Runs inside the worker thread (pkcs11-worker.ts):
// every method makes blocking calls into vendor modules.

type Pkcs11 = typeof import('pkcs11js');
// pkcs11js is CommonJS around a native addon: Node's ESM loader exposes it as `default` only.
const pk: Pkcs11 = (pkcs11Module as unknown as { default?: Pkcs11 }).default ?? (pkcs11Module as Pkcs11);

type Handle = Buffer;

type LoadedModule = {
  spec: ModuleSpec;
  status: ModuleStatus;
  lib?: InstanceType<Pkcs11['PKCS11']>;
  initialized: boolean;
  /** How long C_Initialize took: modules that initialise quickly are re-initialised on polls. */
  initMs: number;
};

type OpenSession = { moduleId: string; tokenRef: string; handle: Handle; slot: Handle };

/** Slot flag, missing from pkcs11js' constants. */
const CKF_REMOVABLE_DEVICE = 0x2;

/** Re-initialising a module on every poll is fine when it takes less than this. */
const CHEAP_INIT_MS = 50;

const MECHANISMS: ReadonlyArray<readonly [string, number]> = [
  ['CKM_SHA256_RSA_PKCS', pk.CKM_SHA256_RSA_PKCS],
  ['CKM_RSA_PKCS', pk.CKM_RSA_PKCS],
  ['CKM_ECDSA', pk.CKM_ECDSA],
  ['CKM_ECDSA_SHA256', pk.CKM_ECDSA_SHA256],
];

/** PKCS#11 return values that mean the token (or its module) is gone. */
const REMOVED = new Set([
  'CKR_DEVICE_REMOVED', 'CKR_TOKEN_NOT_PRESENT', 'CKR_SESSION_HANDLE_INVALID', 'CKR_SESSION_CLOSED',
  'CKR_CRYPTOKI_NOT_INITIALIZED', 'CKR_OBJECT_HANDLE_INVALID', 'CKR_KEY_HANDLE_INVALID', 'CKR_TOKEN_NOT_RECOGNIZED',
  'CKR_DEVICE_ERROR', 'CKR_SLOT_ID_INVALID', 'CKR_USER_NOT_LOGGED_IN',
]);

const trim = (s: string): string => s.replace(/[\s\0]+$/, '').trim();

function rvName(e: unknown): string {
  if (e instanceof Error && /^CKR_\w+$/.test(e.message)) return e.message;
  return e instanceof Error ? e.message.split('\n')[0]!.slice(0, 200) : String(e).slice(0, 200);
}

function version(v: { major: number; minor: number }): string {
  return `${v.major}.${v.minor}`;
}

function pinState(info: { flags: number; minPinLen: number; maxPinLen: number }): PinState {
  return {
    countLow: (info.flags & pk.CKF_USER_PIN_COUNT_LOW) !== 0,
    finalTry: (info.flags & pk.CKF_USER_PIN_FINAL_TRY) !== 0,
    locked: (info.flags & pk.CKF_USER_PIN_LOCKED) !== 0,
    toBeChanged: (info.flags & pk.CKF_USER_PIN_TO_BE_CHANGED) !== 0,
    protectedPath: (info.flags & pk.CKF_PROTECTED_AUTHENTICATION_PATH) !== 0,
    minLength: info.minPinLen,
    maxLength: info.maxPinLen,
  };
}

export class Pkcs11Backend {
  private readonly modules = new Map<string, LoadedModule>();
  private readonly sessions = new Map<number, OpenSession>();
  /** Certificates and mechanisms of tokens seen before, so a poll does not re-read them. */
  private readonly tokenCache = new Map<string, Pick<TokenSnapshot, 'certificates' | 'mechanisms'>>();
  private nextSessionId = 1;

  configure(specs: readonly ModuleSpec[]): ModuleStatus[] {
    const wanted = new Set(specs.map((s) => s.id));
    for (const [id, m] of this.modules) {
      if (!wanted.has(id) || m.spec.path !== specs.find((s) => s.id === id)?.path) this.unload(id);
    }
    for (const spec of specs) if (!this.modules.has(spec.id)) this.load(spec);
    return specs.map((s) => this.modules.get(s.id)!.status);
  }

  private load(spec: ModuleSpec): void {
    const entry: LoadedModule = { spec, status: { ...spec, state: 'unavailable' }, initialized: false, initMs: 0 };
    this.modules.set(spec.id, entry);
    const resolved = resolveModule(spec.path);
    if (!resolved.ok) {
      entry.status = { ...spec, state: 'unavailable', failure: resolved.failure, detail: resolved.detail };
      return;
    }
    // Two entries for one file (a symlink, the same DLL added twice) would share one library
    // instance: load it once.
    const twin = [...this.modules.values()].find((m) => m !== entry && m.lib && m.status.resolvedPath === resolved.path);
    if (twin) {
      entry.status = { ...spec, state: 'unavailable', failure: 'duplicate', detail: twin.spec.id, resolvedPath: resolved.path };
      return;
    }
    const lib = new pk.PKCS11();
    try {
      lib.load(resolved.path);
    } catch (e) {
      const detail = rvName(e);
      entry.status = { ...spec, state: 'unavailable', failure: /C_GetFunctionList/.test(detail) ? 'not_pkcs11' : 'load_failed', detail, resolvedPath: resolved.path };
      return;
    }
    entry.lib = lib;
    entry.status = { ...spec, state: 'loaded', resolvedPath: resolved.path };
    const failure = this.initialize(entry);
    if (failure) {
      try { lib.close(); } catch { /* already unusable */ }
      delete entry.lib;
      entry.status = { ...spec, state: 'unavailable', failure: 'init_failed', detail: failure, resolvedPath: resolved.path };
      return;
    }
    try {
      const info = lib.C_GetInfo();
      entry.status = {
        ...entry.status,
        library: {
          manufacturer: trim(info.manufacturerID),
          description: trim(info.libraryDescription),
          version: version(info.libraryVersion),
          cryptokiVersion: version(info.cryptokiVersion),
        },
      };
    } catch {
      // C_GetInfo is informative only.
    }
  }

  /** C_Initialize; answers the failure's name, or undefined. */
  private initialize(m: LoadedModule): string | undefined {
    if (!m.lib) return 'not loaded';
    const started = performance.now();
    try {
      m.lib.C_Initialize({ flags: pk.CKF_OS_LOCKING_OK });
    } catch (e) {
      // Already initialised by someone else in this process: usable as it is.
      if (rvName(e) !== 'CKR_CRYPTOKI_ALREADY_INITIALIZED') return rvName(e);
    }
    m.initMs = performance.now() - started;
    m.initialized = true;
    return undefined;
  }

  private finalize(m: LoadedModule): void {
    if (m.lib && m.initialized) {
      try { m.lib.C_Finalize(); } catch { /* a module that is gone is finalised enough */ }
    }
    m.initialized = false;
  }

  private unload(id: string): void {
    const m = this.modules.get(id);
    if (!m) return;
    for (const [sid, s] of this.sessions) if (s.moduleId === id) this.sessions.delete(sid);
    this.finalize(m);
    if (m.lib) {
      try { m.lib.close(); } catch { /* ignore */ }
    }
    this.modules.delete(id);
  }

  /** C_Finalize now: the module's sessions die; the next scan initialises it again. */
  reset(moduleId: string): void {
    const m = this.modules.get(moduleId);
    if (m) this.finalize(m);
  }

  private hasSessions(moduleId: string): boolean {
    return [...this.sessions.values()].some((s) => s.moduleId === moduleId);
  }

  scan(depth: ScanDepth): TokenScan {
    if (depth === 'reload') this.tokenCache.clear();
    const tokens: TokenSnapshot[] = [];
    for (const m of this.modules.values()) {
      if (!m.lib || m.status.state !== 'loaded') continue;
      const reinit = !m.initialized || (!this.hasSessions(m.spec.id) && (depth === 'reload' || (depth === 'cheap-reload' && m.initMs < CHEAP_INIT_MS)));
      if (reinit) {
        this.finalize(m);
        const failure = this.initialize(m);
        if (failure) {
          m.status = { ...m.status, detail: failure };
          continue;
        }
      }
      try {
        tokens.push(...this.moduleTokens(m));
        if (m.status.detail) m.status = { ...m.status, detail: undefined };
      } catch (e) {
        // A module whose slot list fails (a token deleted under it) is re-initialised next time.
        m.status = { ...m.status, detail: rvName(e) };
        if (!this.hasSessions(m.spec.id)) this.finalize(m);
      }
    }
    const present = new Set(tokens.map((t) => t.ref));
    for (const ref of this.tokenCache.keys()) if (!present.has(ref)) this.tokenCache.delete(ref);
    return { modules: [...this.modules.values()].map((m) => m.status), tokens };
  }

  private moduleTokens(m: LoadedModule): TokenSnapshot[] {
    const lib = m.lib!;
    const out: TokenSnapshot[] = [];
    for (const slot of lib.C_GetSlotList(true)) {
      let info;
      let slotInfo;
      try {
        slotInfo = lib.C_GetSlotInfo(slot);
        info = lib.C_GetTokenInfo(slot);
      } catch {
        continue; // pulled out between the list and the info
      }
      if ((info.flags & pk.CKF_TOKEN_INITIALIZED) === 0) continue;
      const serial = trim(info.serialNumber);
      const label = trim(info.label);
      const ref = `${m.spec.id}:${serial || label}`;
      let cached = this.tokenCache.get(ref);
      if (!cached) {
        cached = { certificates: this.readCertificates(lib, slot), mechanisms: this.mechanisms(lib, slot) };
        this.tokenCache.set(ref, cached);
      }
      out.push({
        ref,
        moduleId: m.spec.id,
        vendor: m.spec.vendor,
        slotDescription: trim(slotInfo.slotDescription),
        label,
        manufacturer: trim(info.manufacturerID),
        model: trim(info.model),
        serial,
        removable: (slotInfo.flags & CKF_REMOVABLE_DEVICE) !== 0,
        pin: pinState(info),
        ...cached,
      });
    }
    return out;
  }

  private mechanisms(lib: NonNullable<LoadedModule['lib']>, slot: Handle): string[] {
    try {
      const list = new Set(lib.C_GetMechanismList(slot));
      return MECHANISMS.filter(([, n]) => list.has(n)).map(([name]) => name);
    } catch {
      return [];
    }
  }

  private readCertificates(lib: NonNullable<LoadedModule['lib']>, slot: Handle): TokenCertificate[] {
    const session = lib.C_OpenSession(slot, pk.CKF_SERIAL_SESSION);
    try {
      lib.C_FindObjectsInit(session, [
        { type: pk.CKA_CLASS, value: pk.CKO_CERTIFICATE },
        { type: pk.CKA_CERTIFICATE_TYPE, value: pk.CKC_X_509 },
      ]);
      let handles: Handle[];
      try {
        handles = lib.C_FindObjects(session, 64);
      } finally {
        lib.C_FindObjectsFinal(session);
      }
      const certs: TokenCertificate[] = [];
      for (const h of handles) {
        const [id, labelAttr, value] = lib.C_GetAttributeValue(session, h, [{ type: pk.CKA_ID }, { type: pk.CKA_LABEL }, { type: pk.CKA_VALUE }]);
        const der = value?.value;
        if (!Buffer.isBuffer(der) || der.length === 0) continue;
        certs.push({
          id: Buffer.isBuffer(id?.value) ? id.value.toString('hex') : '',
          label: Buffer.isBuffer(labelAttr?.value) ? labelAttr.value.toString('utf8') : '',
          der: new Uint8Array(der),
        });
      }
      return certs;
    } finally {
      try { lib.C_CloseSession(session); } catch { /* removed meanwhile */ }
    }
  }

  /** The loaded module and slot holding a token, found again by its ref (slot ids may change). */
  private locate(tokenRef: string): { m: LoadedModule; slot: Handle; info: ReturnType<NonNullable<LoadedModule['lib']>['C_GetTokenInfo']> } {
    const moduleId = tokenRef.slice(0, tokenRef.indexOf(':'));
    const m = this.modules.get(moduleId);
    if (!m?.lib) throw new TokenError('TOKEN_NOT_FOUND', tokenRef);
    if (!m.initialized) {
      const failure = this.initialize(m);
      if (failure) throw new TokenError('TOKEN_NOT_FOUND', failure);
    }
    let slots: Handle[];
    try {
      slots = m.lib.C_GetSlotList(true);
    } catch (e) {
      throw new TokenError('TOKEN_NOT_FOUND', rvName(e));
    }
    for (const slot of slots) {
      try {
        const info = m.lib.C_GetTokenInfo(slot);
        if (`${moduleId}:${trim(info.serialNumber) || trim(info.label)}` === tokenRef) return { m, slot, info };
      } catch {
        // this slot's token left meanwhile
      }
    }
    throw new TokenError('TOKEN_NOT_FOUND', tokenRef);
  }

  pinState(tokenRef: string): PinState {
    return pinState(this.locate(tokenRef).info);
  }

  login(tokenRef: string, pin: string): number {
    if ([...this.sessions.values()].some((s) => s.tokenRef === tokenRef)) throw new TokenError('TOKEN_BUSY', tokenRef);
    const { m, slot, info } = this.locate(tokenRef);
    const lib = m.lib!;
    const state = pinState(info);
    if (state.locked) throw new TokenError('PIN_LOCKED', 'CKF_USER_PIN_LOCKED', state);
    if (!state.protectedPath && (pin.length < state.minLength || (state.maxLength > 0 && pin.length > state.maxLength))) {
      throw new TokenError('PIN_LENGTH', `${state.minLength}-${state.maxLength}`, state);
    }
    const handle = lib.C_OpenSession(slot, pk.CKF_SERIAL_SESSION);
    const closeQuietly = () => { try { lib.C_CloseSession(handle); } catch { /* gone */ } };
    const attempt = () => lib.C_Login(handle, pk.CKU_USER, state.protectedPath && pin === '' ? undefined : pin);
    try {
      try {
        attempt();
      } catch (e) {
        // Logged in by an earlier session of this process that was not closed: log out and
        // check the PIN again rather than sign without it.
        if (rvName(e) !== 'CKR_USER_ALREADY_LOGGED_IN') throw e;
        lib.C_Logout(handle);
        attempt();
      }
    } catch (e) {
      closeQuietly();
      const rv = rvName(e);
      const after = (() => { try { return pinState(lib.C_GetTokenInfo(slot)); } catch { return undefined; } })();
      if (rv === 'CKR_PIN_INCORRECT' || rv === 'CKR_PIN_INVALID') throw new TokenError(after?.locked ? 'PIN_LOCKED' : 'PIN_INCORRECT', rv, after);
      if (rv === 'CKR_PIN_LOCKED') throw new TokenError('PIN_LOCKED', rv, after);
      if (rv === 'CKR_PIN_LEN_RANGE') throw new TokenError('PIN_LENGTH', rv, after);
      if (REMOVED.has(rv) || after === undefined) throw new TokenError('TOKEN_REMOVED', rv);
      throw new TokenError('TOKEN_FAILED', rv);
    }
    const id = this.nextSessionId++;
    this.sessions.set(id, { moduleId: m.spec.id, tokenRef, handle, slot });
    return id;
  }

  sign(sessionId: number, keyId: string, mechanism: SignMechanism, data: Uint8Array): Uint8Array {
    const s = this.sessions.get(sessionId);
    if (!s) throw new TokenError('SESSION_CLOSED', String(sessionId));
    const m = this.modules.get(s.moduleId);
    if (!m?.lib) throw new TokenError('TOKEN_REMOVED', 'module unloaded');
    const lib = m.lib;
    const ckm = mechanism === 'rsa-sha256' ? pk.CKM_SHA256_RSA_PKCS : mechanism === 'rsa-pkcs' ? pk.CKM_RSA_PKCS : pk.CKM_ECDSA;
    try {
      lib.C_FindObjectsInit(s.handle, [
        { type: pk.CKA_CLASS, value: pk.CKO_PRIVATE_KEY },
        { type: pk.CKA_ID, value: Buffer.from(keyId, 'hex') },
      ]);
      let keys: Handle[];
      try {
        keys = lib.C_FindObjects(s.handle, 2);
      } finally {
        lib.C_FindObjectsFinal(s.handle);
      }
      const key = keys[0];
      if (!key) {
        // No key can also mean no token any more: a token that answers no info is gone.
        try { lib.C_GetTokenInfo(s.slot); } catch (e) { throw new TokenError('TOKEN_REMOVED', rvName(e)); }
        throw new TokenError('KEY_NOT_FOUND', keyId);
      }
      lib.C_SignInit(s.handle, { mechanism: ckm }, key);
      const signature = lib.C_Sign(s.handle, Buffer.from(data.buffer, data.byteOffset, data.byteLength), Buffer.alloc(1024));
      return new Uint8Array(signature);
    } catch (e) {
      if (e instanceof TokenError) throw e;
      const rv = rvName(e);
      if (rv === 'CKR_MECHANISM_INVALID' || rv === 'CKR_KEY_TYPE_INCONSISTENT' || rv === 'CKR_KEY_FUNCTION_NOT_PERMITTED') throw new TokenError('MECHANISM_UNSUPPORTED', rv);
      if (REMOVED.has(rv) || rv === 'CKR_GENERAL_ERROR') throw new TokenError('TOKEN_REMOVED', rv);
      throw new TokenError('TOKEN_FAILED', rv);
    }
  }

  logout(sessionId: number): void {
    const s = this.sessions.get(sessionId);
    if (!s) return;
    this.sessions.delete(sessionId);
    const lib = this.modules.get(s.moduleId)?.lib;
    if (!lib) return;
    try { lib.C_Logout(s.handle); } catch { /* removed or already logged out */ }
    try { lib.C_CloseSession(s.handle); } catch { /* removed */ }
  }

  shutdown(): void {
    for (const id of [...this.sessions.keys()]) this.logout(id);
    for (const id of [...this.modules.keys()]) this.unload(id);
  }
}

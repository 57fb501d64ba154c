import type { ModuleSpec, ModuleStatus, PinState, SignMechanism, TokenErrorCode, TokenScan } from './token';

// Messages between the station (token-service.ts) and the PKCS#11 worker (pkcs11-worker.ts).
// Every blocking PKCS#11 call happens in the worker; the main thread only posts these.

/** How much a scan does beyond listing slots. */
export type ScanDepth =
  /** C_GetSlotList + C_GetTokenInfo; certificates read only for tokens not seen before. */
  | 'slots'
  /** Also re-initialise the modules that initialise quickly and have no session open (poll). */
  | 'cheap-reload'
  /** Re-initialise every module without an open session and re-read every token (USB attach, "Quét lại"). */
  | 'reload';

export type Requests = {
  configure: { args: { modules: readonly ModuleSpec[] }; result: readonly ModuleStatus[] };
  scan: { args: { depth: ScanDepth }; result: TokenScan };
  pinState: { args: { tokenRef: string }; result: PinState };
  login: { args: { tokenRef: string; pin: string }; result: { sessionId: number } };
  sign: { args: { sessionId: number; keyId: string; mechanism: SignMechanism; data: Uint8Array }; result: Uint8Array };
  logout: { args: { sessionId: number }; result: null };
  reset: { args: { moduleId: string }; result: null };
  shutdown: { args: Record<string, never>; result: null };
};

export type RequestName = keyof Requests;

export type Request = { [K in RequestName]: { id: number; op: K; args: Requests[K]['args'] } }[RequestName];

export type WireError = { code: TokenErrorCode; detail: string; pin?: PinState };

export type Response = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };

import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, realpathSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { ModuleFailure, ModuleSpec } from './token';

// The PKCS#11 modules that the CAs licensed in Vietnam ship with their tokens, per OS
// (docs/hardware.md). Probed at start: on a given PC most are absent, which is normal; the
// technician sees which loaded and adds a path for anything else.
//
// Windows modules are file names looked up in System32 (where the CAs' installers put them);
// Linux and macOS entries are absolute paths where the vendors' packages install them.

type Entry = Readonly<{ id: string; vendor: string; win32?: readonly string[]; linux?: readonly string[]; darwin?: readonly string[] }>;

export const KNOWN_MODULES: readonly Entry[] = [
  { id: 'vnpt-ca', vendor: 'VNPT-CA', win32: ['vnptca_p11_v8.dll'] },
  { id: 'viettel-ca', vendor: 'Viettel-CA', win32: ['viettel-ca_v5.dll'] },
  { id: 'bkav-ca', vendor: 'BKAV-CA', win32: ['BkavCA.dll'] },
  { id: 'fpt-ca', vendor: 'FPT-CA', win32: ['fptca_v3.dll'] },
  // Generic token middleware used under several CAs' brands (Viettel, CA2, MISA, Newtel…).
  {
    id: 'safenet-etoken', vendor: 'SafeNet eToken',
    win32: ['eTPKCS11.dll'], linux: ['/usr/lib/libeTPkcs11.so', '/usr/lib64/libeTPkcs11.so'], darwin: ['/usr/local/lib/libeTPkcs11.dylib'],
  },
  { id: 'feitian-epass2003', vendor: 'Feitian ePass2003', win32: ['eps2003csp11.dll'], linux: ['/usr/lib/libcastle.so.1.0.0'] },
  { id: 'watchdata', vendor: 'Watchdata', win32: ['wdpkcs.dll'] },
  {
    id: 'opensc', vendor: 'OpenSC',
    win32: ['opensc-pkcs11.dll'],
    linux: ['/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so', '/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so', '/usr/lib64/opensc-pkcs11.so', '/usr/lib/opensc-pkcs11.so'],
    darwin: ['/Library/OpenSC/lib/opensc-pkcs11.so'],
  },
  // SoftHSM2: the software token of the test rigs and training PCs (docs/testing.md).
  {
    id: 'softhsm', vendor: 'SoftHSM2',
    win32: ['softhsm2-x64.dll'],
    linux: ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so', '/usr/lib64/pkcs11/libsofthsm2.so', '/usr/local/lib/softhsm/libsofthsm2.so'],
    darwin: ['/usr/local/lib/softhsm/libsofthsm2.so', '/opt/homebrew/lib/softhsm/libsofthsm2.so'],
  },
];

/**
 * The known modules for this OS, then the technician's paths. On Linux an entry lists the
 * places its package may install it: the first one present is used (else the first one, to
 * report it absent).
 */
export function moduleList(addedPaths: readonly string[], platform: NodeJS.Platform = process.platform): ModuleSpec[] {
  const known: ModuleSpec[] = [];
  for (const entry of KNOWN_MODULES) {
    const paths = platform === 'win32' || platform === 'linux' || platform === 'darwin' ? entry[platform] : undefined;
    if (!paths || paths.length === 0) continue;
    const path = platform === 'win32' ? paths[0]! : (paths.find((p) => existsSync(p)) ?? paths[0]!);
    known.push({ id: entry.id, vendor: entry.vendor, path, origin: 'known' });
  }
  const added = addedPaths.map((path) => ({ id: addedModuleId(path), vendor: vendorGuess(path), path, origin: 'added' as const }));
  return [...known, ...added];
}

export function addedModuleId(path: string): string {
  return `added-${createHash('sha256').update(path).digest('hex').slice(0, 10)}`;
}

function vendorGuess(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  const known = KNOWN_MODULES.find((m) => [...(m.win32 ?? []), ...(m.linux ?? []), ...(m.darwin ?? [])].some((p) => p.split(/[\\/]/).pop()?.toLowerCase() === name.toLowerCase()));
  return known?.vendor ?? name;
}

export type ResolvedModule = { ok: true; path: string } | { ok: false; failure: ModuleFailure; detail: string };

/**
 * Where the module file is, and whether this process can load it: present, and built for this
 * processor (a 32-bit CA DLL in a 64-bit station fails to load with a message nobody reads,
 * so say it plainly).
 */
export function resolveModule(path: string, platform: NodeJS.Platform = process.platform, arch: string = process.arch): ResolvedModule {
  let file = path;
  if (!isAbsolute(path) && platform === 'win32') {
    const windir = process.env.SystemRoot ?? process.env.windir ?? 'C:\\Windows';
    const system = join(windir, 'System32', path);
    const wow = join(windir, 'SysWOW64', path);
    if (existsSync(system)) file = system;
    else if (existsSync(wow) && arch !== 'ia32') return { ok: false, failure: 'wrong_architecture', detail: `${wow}: 32-bit` };
    else return { ok: false, failure: 'absent', detail: system };
  }
  if (!existsSync(file)) return { ok: false, failure: 'absent', detail: file };
  let real: string;
  try {
    real = realpathSync(file);
  } catch (e) {
    return { ok: false, failure: 'load_failed', detail: e instanceof Error ? e.message : String(e) };
  }
  const built = binaryArchitecture(real);
  if (built !== 'unknown' && built !== arch) return { ok: false, failure: 'wrong_architecture', detail: `${real}: ${built}, station: ${arch}` };
  return { ok: true, path: real };
}

/** The processor a shared library is built for, from its header (ELF, PE or Mach-O). */
export function binaryArchitecture(file: string): 'x64' | 'ia32' | 'arm64' | 'arm' | 'unknown' {
  const head = Buffer.alloc(4096);
  let n = 0;
  try {
    const fd = openSync(file, 'r');
    try {
      n = readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return 'unknown';
  }
  const h = head.subarray(0, n);
  if (h.length >= 20 && h[0] === 0x7f && h.toString('latin1', 1, 4) === 'ELF') {
    const little = h[5] === 1;
    const machine = little ? h.readUInt16LE(18) : h.readUInt16BE(18);
    return ({ 0x3e: 'x64', 0x03: 'ia32', 0xb7: 'arm64', 0x28: 'arm' } as const)[machine] ?? 'unknown';
  }
  if (h.length >= 0x40 && h.toString('latin1', 0, 2) === 'MZ') {
    const pe = h.readUInt32LE(0x3c);
    if (pe + 6 > h.length || h.toString('latin1', pe, pe + 4) !== 'PE\0\0') return 'unknown';
    const machine = h.readUInt16LE(pe + 4);
    return ({ 0x8664: 'x64', 0x14c: 'ia32', 0xaa64: 'arm64', 0x1c4: 'arm' } as const)[machine] ?? 'unknown';
  }
  if (h.length >= 8) {
    const magic = h.readUInt32LE(0);
    if (magic === 0xfeedfacf || magic === 0xfeedface) {
      const cpu = h.readUInt32LE(4);
      return ({ 0x01000007: 'x64', 0x0100000c: 'arm64', 7: 'ia32', 12: 'arm' } as const)[cpu] ?? 'unknown';
    }
  }
  return 'unknown'; // a universal (fat) Mach-O or something else: let the loader decide
}

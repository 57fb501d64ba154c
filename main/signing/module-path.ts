import { spawn } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute } from 'node:path';
import { binaryArchitecture } from '../../hardware/tokens/known-modules';
import { StationError } from '../core/errors';
import './messages';

// A PKCS#11 library the technician adds runs inside the station with the officer's PIN passing
// through it: the station takes only a path it can vouch for, and tries it in a throw-away
// process first. The known modules (hardware/tokens/known-modules.ts) are the CAs' own install
// paths and need none of this; everything else must be
//   - an absolute path to a regular file (after symlinks), present now;
//   - neither the file nor its folder writable by every account (anyone could swap the library);
//   - built for this processor;
//   - loadable: C_Initialize and C_GetInfo answered in a child process. A library whose
//     constructor crashes or exits takes that child down, not the station.
// On Windows the ACLs of Program Files/System32 do what the mode bits do here: only the checks
// that mean something there are made.

/** How long the probe may take: some vendors' C_Initialize starts a service. */
export const MODULE_PROBE_TIMEOUT_MS = 20_000;

export type ProbedLibrary = Readonly<{ path: string; manufacturer: string; description: string }>;

/** The file checks, without loading anything; throws the reason as a typed error (field modulePaths). */
export function checkModuleFile(path: string, platform: NodeJS.Platform = process.platform): string {
  const field = 'modulePaths';
  if (!isAbsolute(path)) throw new StationError('MODULE_PATH_NOT_ABSOLUTE', { path }, field);
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    throw new StationError('MODULE_PATH_ABSENT', { path }, field);
  }
  const stat = statSync(real);
  if (!stat.isFile()) throw new StationError('MODULE_PATH_NOT_FILE', { path }, field);
  if (platform !== 'win32') {
    if ((stat.mode & 0o002) !== 0) throw new StationError('MODULE_PATH_WRITABLE', { path: real }, field);
    const folder = dirname(real);
    if ((statSync(folder).mode & 0o002) !== 0) throw new StationError('MODULE_FOLDER_WRITABLE', { path: real, folder }, field);
  }
  const built = binaryArchitecture(real);
  if (built !== 'unknown' && built !== process.arch) throw new StationError('MODULE_PATH_WRONG_ARCHITECTURE', { path, built, arch: process.arch }, field);
  return real;
}

// Runs in the child (plain CommonJS, node -e): load, initialise, describe, finalise, say so.
const PROBE = `
const pk = require(process.argv[1]);
const lib = new pk.PKCS11();
lib.load(process.argv[2]);
lib.C_Initialize();
let info = {};
try { info = lib.C_GetInfo(); } catch (e) {}
try { lib.C_Finalize(); } catch (e) {}
process.stdout.write(JSON.stringify({ ok: true, manufacturer: String(info.manufacturerID || '').trim(), description: String(info.libraryDescription || '').trim() }));
`;

/**
 * Loads the library in a child process (the station's own executable as Node: Electron with
 * ELECTRON_RUN_AS_NODE) and answers what it says of itself; a crash, an exit, a hang or a
 * refusal is a typed error and the station goes on.
 */
export async function probeModule(path: string, timeoutMs = MODULE_PROBE_TIMEOUT_MS): Promise<ProbedLibrary> {
  const real = checkModuleFile(path);
  const binding = createRequire(import.meta.url).resolve('pkcs11js');
  const outcome = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['-e', PROBE, binding, real], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => { stdout += b.toString('utf8'); });
    child.stderr.on('data', (b: Buffer) => { if (stderr.length < 4000) stderr += b.toString('utf8'); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); resolve({ code: null, signal: null, stdout, stderr: e.message }); });
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr }); });
  });
  let answer: { ok?: boolean; manufacturer?: string; description?: string } = {};
  try { answer = JSON.parse(outcome.stdout) as typeof answer; } catch { /* no answer: it died first */ }
  if (outcome.code === 0 && answer.ok) return { path: real, manufacturer: answer.manufacturer ?? '', description: answer.description ?? '' };
  const why = outcome.signal ? `signal ${outcome.signal}` : `exit ${String(outcome.code)}`;
  const message = /Error: ([^\n]+)/.exec(outcome.stderr)?.[1]?.slice(0, 160);
  if (outcome.code !== 1 || !message) throw new StationError('MODULE_PROBE_CRASHED', { path, detail: why }, 'modulePaths');
  throw new StationError('MODULE_PROBE_FAILED', { path, detail: message }, 'modulePaths');
}

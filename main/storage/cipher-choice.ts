import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyCipherPragmas, DATABASE_CIPHER, type DatabaseCipher } from './encryption';

// Which cipher a new station's database gets, decided once, when its key is made (the key file
// records it; a station that has a key keeps its cipher for good — nothing is re-encrypted).
//
// AEGIS-256 where this CPU runs it in hardware, ChaCha20-Poly1305 everywhere else. Measured in
// test/bench/security.ts, a dossier commit costs ~1.0× the clear commit with AEGIS-256 on AES
// instructions and ~1.45× with ChaCha20 (issue 11's target is ≤ 1.3). But SQLite3MC's AEGIS
// (libaegis) takes its hardware path only when the CPU has AES-NI *and* AVX (ARMv8 crypto on
// arm64); otherwise it falls back to a software AES built on lookup tables (read whole, against
// cache-timing leaks, which makes it slow). Forced on this machine (test/bench/cipher-software.ts,
// a build with AEGIS_OMIT_AES_HARDWARE_SUPPORT): pages encrypt ~20× slower than with ChaCha20
// (256 KiB: ~21 ms against ~1 ms) and a dossier commit costs ~4.2× the clear one (+8 ms) where
// ChaCha20 costs ~1.1× (+0.24 ms). ChaCha20 is fast and constant-time in plain C on any CPU. The
// counter PCs include Celeron J/N (AES-NI without AVX) and pre-2010 Pentiums (neither), so the
// architecture alone (process.arch, the OS version) says nothing: the CPU itself is asked.
//
//  - Linux: /proc/cpuinfo's flags, the same CPUID bits libaegis reads (`aes` and `avx` on x86,
//    `aes` in arm64's Features) — exact, free and the same on every start.
//  - Elsewhere (Windows, the counter PCs' OS; macOS): Node has no API for CPU flags, so a
//    measurement of the very library the station runs: the same pages encrypted with both
//    ciphers through two scratch files in the temp folder, alternating, the best of each kept,
//    bounded to ~100 ms. It measures what matters (libaegis's own runtime pick included) and
//    needs no native code of ours. AEGIS must win clearly (its best under 80 % of ChaCha20's):
//    with AES instructions it wins by far more; a near tie means the software path or noise,
//    and ChaCha20 is the safe side of a tie.
//  - Anything failing on the way (no temp folder, the probe throws) gives ChaCha20, the cipher
//    every station used before this choice existed.

export type CipherChoiceBasis = 'cpu-flags' | 'measured' | 'fallback';

export type CipherChoice = Readonly<{
  cipher: DatabaseCipher;
  basis: CipherChoiceBasis;
  /** For the log and the technician: the flags seen, or the times measured, or what failed. */
  detail: string;
}>;

export type CipherMeasurement = Readonly<{ chacha20Ms: number; aegisMs: number; rounds: number }>;

export type CipherProbe = Readonly<{
  /** Defaults to process.platform. */
  platform?: NodeJS.Platform;
  /** Defaults to process.arch. */
  arch?: string;
  /** The text of /proc/cpuinfo (Linux); defaults to reading it. */
  cpuInfo?: () => string;
  /** The timing of both ciphers; defaults to measureCipherSpeeds. */
  measure?: () => CipherMeasurement;
  /** The addon to load in Electron (as openEncryptedDatabase's nativeBinding). */
  nativeBinding?: string;
}>;

/** AEGIS must take less than this share of ChaCha20's time to be chosen by measurement. */
export const AEGIS_MEASURED_MARGIN = 0.8;

/** The CPU flags libaegis needs for its hardware path, from /proc/cpuinfo's text; null if it lists none. */
export function aesHardwareFromCpuInfo(cpuInfo: string, arch: string): { hardware: boolean; flags: string } | null {
  // x86: "flags : fpu … aes … avx …"; arm64: "Features : fp asimd aes pmull …". The first CPU's line is enough.
  const line = cpuInfo.split('\n').find((l) => /^(flags|Features)\s*:/.test(l));
  if (!line) return null;
  const flags = new Set(line.slice(line.indexOf(':') + 1).trim().split(/\s+/));
  const x86 = arch === 'x64' || arch === 'ia32';
  const needed = x86 ? ['aes', 'avx'] : ['aes'];
  const present = needed.filter((f) => flags.has(f));
  return { hardware: present.length === needed.length, flags: `${needed.map((f) => `${f}${flags.has(f) ? '+' : '-'}`).join(' ')}` };
}

const SCRATCH_BYTES = 256 << 10; // 64 pages of 4 KiB a round: ~0.2 ms with AES instructions, ~25 ms in software
const BUDGET_MS = 100;
const MIN_ROUNDS = 2;
const MAX_ROUNDS = 24;

/**
 * Times the encryption of the same pages with ChaCha20 and AEGIS-256 in two scratch databases
 * (temp folder, removed after): each round rewrites and rereads 256 KiB of pages in each,
 * alternating, for ~100 ms (at least 2 rounds, at most 24). The scratch files hold zeros under a throwaway key.
 */
export function measureCipherSpeeds(nativeBinding?: string): CipherMeasurement {
  const dir = mkdtempSync(join(tmpdir(), 'mot-cua-cipher-'));
  const open = (cipher: DatabaseCipher) => {
    const db = new Database(join(dir, `${cipher}.sqlite3`), nativeBinding ? { nativeBinding } : {});
    applyCipherPragmas(db, cipher);
    db.pragma(`key = "x'${randomBytes(32).toString('hex')}'"`);
    // No journal, no fsync, a small cache: the cost left is the pages' encryption and their
    // copy into the OS's file cache, the second the same for both.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = 16');
    db.exec('CREATE TABLE scratch (id INTEGER PRIMARY KEY, b BLOB)');
    db.prepare('INSERT INTO scratch (id, b) VALUES (1, zeroblob(?))').run(SCRATCH_BYTES);
    const rewrite = db.prepare('UPDATE scratch SET b = zeroblob(?) WHERE id = 1');
    const read = db.prepare('SELECT sum(length(CAST(b AS TEXT))) FROM scratch');
    return { db, round: () => { rewrite.run(SCRATCH_BYTES); read.get(); } };
  };
  const both = { chacha20: open('chacha20'), aegis: open('aegis') };
  try {
    const best = { chacha20: Infinity, aegis: Infinity };
    const started = performance.now();
    let rounds = 0;
    while (rounds < MAX_ROUNDS && (rounds < MIN_ROUNDS || performance.now() - started < BUDGET_MS)) {
      const order = rounds % 2 === 0 ? (['chacha20', 'aegis'] as const) : (['aegis', 'chacha20'] as const);
      for (const cipher of order) {
        const t = performance.now();
        both[cipher].round();
        best[cipher] = Math.min(best[cipher], performance.now() - t);
      }
      rounds++;
    }
    return { chacha20Ms: best.chacha20, aegisMs: best.aegis, rounds };
  } finally {
    both.chacha20.db.close();
    both.aegis.db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The cipher for a database whose key is being made now (see the comment at the top). */
export function chooseDatabaseCipher(probe: CipherProbe = {}): CipherChoice {
  const platform = probe.platform ?? process.platform;
  const arch = probe.arch ?? process.arch;
  try {
    if (platform === 'linux') {
      const seen = aesHardwareFromCpuInfo((probe.cpuInfo ?? (() => readFileSync('/proc/cpuinfo', 'utf8')))(), arch);
      // A /proc without flags (some containers, odd kernels): measured instead.
      if (seen) return { cipher: seen.hardware ? 'aegis' : 'chacha20', basis: 'cpu-flags', detail: `/proc/cpuinfo: ${seen.flags}` };
    }
    const m = (probe.measure ?? (() => measureCipherSpeeds(probe.nativeBinding)))();
    const faster = Number.isFinite(m.aegisMs) && m.aegisMs < m.chacha20Ms * AEGIS_MEASURED_MARGIN;
    return { cipher: faster ? 'aegis' : 'chacha20', basis: 'measured', detail: `256 KiB of pages, best of ${m.rounds}: aegis ${round3(m.aegisMs)} ms, chacha20 ${round3(m.chacha20Ms)} ms` };
  } catch (error) {
    return { cipher: DATABASE_CIPHER, basis: 'fallback', detail: error instanceof Error ? error.message : String(error) };
  }
}

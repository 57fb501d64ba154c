// AEGIS-256 without AES instructions: what a counter PC lacking them would pay, measured on this
// machine by forcing libaegis's software path. There is no switch for it at run time (libaegis
// reads CPUID when the addon loads), so it takes a second build of the addon with SQLite3MC's
// compile-time option AEGIS_OMIT_AES_HARDWARE_SUPPORT, loaded beside the normal one through
// better-sqlite3's nativeBinding option:
//
//   cp -a node_modules/better-sqlite3-multiple-ciphers /tmp/bsmc-soft && cd /tmp/bsmc-soft/build
//   sed -i "s/^DEFS_Release := \\\\/DEFS_Release := \\\\\n\t'-DAEGIS_OMIT_AES_HARDWARE_SUPPORT' \\\\/" deps/sqlite3.target.mk
//   rm -f Release/obj.target/sqlite3/gen/sqlite3/sqlite3.o Release/sqlite3.a Release/better_sqlite3.node
//   make -o Makefile BUILDTYPE=Release        (a few minutes: SQLite's amalgamation at -O3)
//
//   AEGIS_SOFTWARE_BINDING=/tmp/bsmc-soft/build/Release/better_sqlite3.node npx tsx test/bench/cipher-software.ts
//
// One JSON object on stdout: a dossier commit (as test/bench/security.ts's encryptedCommit) on a
// clear file, ChaCha20, AEGIS-256 on AES instructions and AEGIS-256 in software, interleaved in
// one loop, each as a ratio to the clear commit; and cipher-choice.ts's scratch measurement with
// each build (what a Windows station would see at its first start).

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chooseDatabaseCipher, measureCipherSpeeds } from '../../main/storage/cipher-choice';
import { openDatabase, type Db } from '../../main/storage/database';
import { openEncryptedDatabase } from '../../main/storage/encryption';
import { dossierOf, receive, seedCatalogue } from '../storage/dossier-rows';
import { person } from './people';
import { median, ms, now, progress, rng, summarize } from './stats';

const round2 = (x: number) => Math.round(x * 100) / 100;

export function benchCipherSoftware(softwareBinding: string, rounds = 600) {
  const dir = mkdtempSync(join(tmpdir(), 'mot-cua-bench-cipher-'));
  try {
    progress('cipher: scratch measurement with each build…');
    const scratch = { hardwareBuild: measureCipherSpeeds(), softwareBuild: measureCipherSpeeds(softwareBinding) };
    const choiceWithSoftwareBuild = chooseDatabaseCipher({ platform: 'win32', nativeBinding: softwareBinding });
    progress(`cipher: ${rounds} dossier commits on each database…`);
    const dbs: Array<[string, Db]> = [
      ['clear', openDatabase(join(dir, 'clear.sqlite3'))],
      ['chacha20', openEncryptedDatabase(join(dir, 'chacha20.sqlite3'), randomBytes(32), { cipher: 'chacha20' })],
      ['aegisHardware', openEncryptedDatabase(join(dir, 'aegis-hw.sqlite3'), randomBytes(32), { cipher: 'aegis' })],
      ['aegisSoftware', openEncryptedDatabase(join(dir, 'aegis-sw.sqlite3'), randomBytes(32), { cipher: 'aegis', nativeBinding: softwareBinding })],
    ];
    for (const [, db] of dbs) seedCatalogue(db);
    const samples: Record<string, number[]> = Object.fromEntries(dbs.map(([name]) => [name, []]));
    const random = rng(11);
    for (let i = 0; i < rounds; i++) {
      const p = person(random);
      const record = dossierOf({ fullName: p.fullName, idNumber: p.idNumber, birthDate: p.birthDate, phone: p.phone, address: p.address });
      for (let k = 0; k < dbs.length; k++) {
        const [name, db] = dbs[(k + i) % dbs.length]!;
        const t = now();
        receive(db, { ...record, intakeKey: `${name}-${i}` });
        if (i >= 50) samples[name]!.push(now() - t);
      }
    }
    for (const [, db] of dbs) db.close();
    const clearMedian = median(samples.clear!);
    const commit = Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, { ...summarize(s), ratio: round2(median(s) / clearMedian), overheadMedianMs: ms(median(s) - clearMedian) }]));
    return { scratch, choiceWithSoftwareBuild, commit };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const binding = process.env.AEGIS_SOFTWARE_BINDING;
  if (!binding) {
    process.stderr.write('AEGIS_SOFTWARE_BINDING: the path of the addon built with AEGIS_OMIT_AES_HARDWARE_SUPPORT (see the top of this file)\n');
    process.exit(1);
  }
  const figures = benchCipherSoftware(binding, Number(process.env.BENCH_CIPHER_ROUNDS ?? 600));
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version };
  process.stdout.write(`${JSON.stringify({ machine, ...figures }, null, 2)}\n`);
}

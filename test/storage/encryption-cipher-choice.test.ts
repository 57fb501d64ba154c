import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aesHardwareFromCpuInfo, chooseDatabaseCipher, measureCipherSpeeds, type CipherProbe } from '../../main/storage/cipher-choice';
import { openDatabase } from '../../main/storage/database';
import { createDatabaseKey, fileKeySealer, keyFilePath, type KeyFile } from '../../main/storage/database-key';
import { openStationDatabase, STATION_DATABASE_FILE } from '../../main/storage/encrypted-station';
import { isClearDatabaseFile, openEncryptedDatabase, type DatabaseCipher } from '../../main/storage/encryption';
import { idNumberFor } from '../helpers/people';
import { FIXED_NOW, tempDir } from '../helpers/station';
import { CITIZEN, dossierOf, dumpTables, receive, seedCatalogue } from './dossier-rows';

// The cipher a station gets is chosen once, when its key is made, from what this CPU can do:
// AEGIS-256 on AES instructions, ChaCha20 without them; then it is the key file's for good.
// This machine has AES-NI and AVX; the counter PCs without them cannot exist here, so their
// /proc/cpuinfo lines (real lines of such CPUs) and their measurements are given as probes.

const now = () => FIXED_NOW;

// First "flags" lines of real CPUs, cut after the flags that matter.
const CPUINFO = {
  // Intel Core i5-8250U: AES-NI and AVX.
  coreI5: 'processor\t: 0\nmodel name\t: Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz\nflags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov sse sse2 ssse3 sse4_1 sse4_2 popcnt aes xsave avx f16c rdrand avx2\n',
  // Intel Celeron J1900 (Silvermont): AES-NI without AVX — libaegis falls back to software there.
  celeronJ1900: 'processor\t: 0\nmodel name\t: Intel(R) Celeron(R) CPU  J1900  @ 1.99GHz\nflags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov sse sse2 ssse3 sse4_1 sse4_2 movbe popcnt aes rdrand lahf_lm\n',
  // Intel Pentium Dual-Core E5700 (2010): neither.
  pentiumE5700: 'processor\t: 0\nmodel name\t: Pentium(R) Dual-Core  CPU      E5700  @ 3.00GHz\nflags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov sse sse2 ssse3 xsave lahf_lm\n',
  // A Cortex-A72 (arm64): ARMv8 crypto extensions.
  arm64Crypto: 'processor\t: 0\nBogoMIPS\t: 108.00\nFeatures\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 cpuid\n',
};

const withAes: CipherProbe = { platform: 'linux', arch: 'x64', cpuInfo: () => CPUINFO.coreI5 };
const withoutAes: CipherProbe = { platform: 'linux', arch: 'x64', cpuInfo: () => CPUINFO.pentiumE5700 };

const recordedCipher = (dataDir: string) => (JSON.parse(readFileSync(keyFilePath(dataDir), 'utf8')) as KeyFile).cipher;

/** Opens the file with exactly this cipher and answers what happened. */
function opensWith(file: string, key: Buffer, cipher: DatabaseCipher): 'opens' | string {
  try {
    openEncryptedDatabase(file, key, { cipher, readonly: true }).close();
    return 'opens';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

function grepFinds(file: string, text: string): boolean {
  const r = spawnSync('grep', ['-c', '-a', '-F', text, file], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`grep failed: ${r.stderr}`);
  return r.status === 0;
}

describe('choosing the cipher from the CPU', () => {
  it('reads the AES and AVX flags libaegis needs from /proc/cpuinfo', () => {
    expect(aesHardwareFromCpuInfo(CPUINFO.coreI5, 'x64')).toEqual({ hardware: true, flags: 'aes+ avx+' });
    expect(aesHardwareFromCpuInfo(CPUINFO.celeronJ1900, 'x64')).toEqual({ hardware: false, flags: 'aes+ avx-' });
    expect(aesHardwareFromCpuInfo(CPUINFO.pentiumE5700, 'ia32')).toEqual({ hardware: false, flags: 'aes- avx-' });
    expect(aesHardwareFromCpuInfo(CPUINFO.arm64Crypto, 'arm64')).toEqual({ hardware: true, flags: 'aes+' });
    expect(aesHardwareFromCpuInfo('processor\t: 0\nmodel name\t: QEMU Virtual CPU\n', 'x64')).toBeNull();
  });

  it('takes AEGIS-256 on AES instructions and ChaCha20 on a CPU without them, on Linux from its flags', () => {
    expect(chooseDatabaseCipher(withAes)).toEqual({ cipher: 'aegis', basis: 'cpu-flags', detail: '/proc/cpuinfo: aes+ avx+' });
    expect(chooseDatabaseCipher({ ...withAes, cpuInfo: () => CPUINFO.celeronJ1900 })).toMatchObject({ cipher: 'chacha20', basis: 'cpu-flags' });
    expect(chooseDatabaseCipher(withoutAes)).toMatchObject({ cipher: 'chacha20', basis: 'cpu-flags' });
    expect(chooseDatabaseCipher({ platform: 'linux', arch: 'arm64', cpuInfo: () => CPUINFO.arm64Crypto })).toMatchObject({ cipher: 'aegis' });
  });

  it('measures elsewhere, takes AEGIS only when it is clearly faster, and falls back to ChaCha20 when the probe fails', () => {
    const measured = (aegisMs: number, chacha20Ms: number): CipherProbe => ({ platform: 'win32', arch: 'x64', measure: () => ({ aegisMs, chacha20Ms, rounds: 10 }) });
    // As measured on this machine with and without AES instructions (the software build of SQLite3MC).
    expect(chooseDatabaseCipher(measured(0.21, 0.92))).toMatchObject({ cipher: 'aegis', basis: 'measured' });
    expect(chooseDatabaseCipher(measured(24, 0.95))).toMatchObject({ cipher: 'chacha20', basis: 'measured' });
    // A near tie is noise or a slow path: ChaCha20.
    expect(chooseDatabaseCipher(measured(0.9, 1))).toMatchObject({ cipher: 'chacha20' });
    expect(chooseDatabaseCipher({ platform: 'win32', measure: () => { throw new Error('EACCES: temp folder'); } }))
      .toEqual({ cipher: 'chacha20', basis: 'fallback', detail: 'EACCES: temp folder' });
    // A Linux /proc without flags (a container): measured instead.
    expect(chooseDatabaseCipher({ platform: 'linux', arch: 'x64', cpuInfo: () => 'processor\t: 0\n', measure: () => ({ aegisMs: 0.2, chacha20Ms: 0.9, rounds: 3 }) }))
      .toMatchObject({ cipher: 'aegis', basis: 'measured' });
  });

  it('measures both ciphers on real scratch databases in the temp folder', () => {
    const m = measureCipherSpeeds();
    expect(m.rounds).toBeGreaterThanOrEqual(2);
    expect(Number.isFinite(m.aegisMs) && m.aegisMs > 0).toBe(true);
    expect(Number.isFinite(m.chacha20Ms) && m.chacha20Ms > 0).toBe(true);
  });
});

describe('the station cipher, chosen when the key is made', () => {
  it('records the chosen cipher in a new key file, and the database opens with that cipher only', async () => {
    for (const [probe, cipher, other] of [[withAes, 'aegis', 'chacha20'], [withoutAes, 'chacha20', 'aegis']] as const) {
      const dataDir = join(tempDir(), 'data');
      const opened = await openStationDatabase(dataDir, { sealer: fileKeySealer(join(tempDir(), 'wrapping.key')), now, cipherProbe: probe });
      expect(opened.cipher).toBe(cipher);
      expect(opened.cipherChoice).toMatchObject({ cipher, basis: 'cpu-flags' });
      expect(recordedCipher(dataDir)).toBe(cipher);
      seedCatalogue(opened.db);
      receive(opened.db, dossierOf({ ...CITIZEN }));
      opened.db.close();
      const file = join(dataDir, STATION_DATABASE_FILE);
      expect(opensWith(file, opened.key, cipher)).toBe('opens');
      expect(opensWith(file, opened.key, other)).toBe('DATABASE_KEY_WRONG');
    }
  });

  it('records the default choice for this CPU when the key is made on its own', async () => {
    const dataDir = tempDir();
    const made = await createDatabaseKey(dataDir, fileKeySealer(join(tempDir(), 'wrapping.key')), { now });
    expect(made.cipher).toBe(chooseDatabaseCipher().cipher);
    expect(recordedCipher(dataDir)).toBe(made.cipher);
    const named = tempDir();
    expect((await createDatabaseKey(named, fileKeySealer(join(tempDir(), 'wrapping.key')), { now, cipher: 'sqlcipher' })).cipher).toBe('sqlcipher');
    expect(recordedCipher(named)).toBe('sqlcipher');
  });

  it('keeps opening an existing ChaCha20 station on a CPU that would get AEGIS, without re-encrypting it', async () => {
    const dataDir = join(tempDir(), 'data');
    const pc = fileKeySealer(join(tempDir(), 'wrapping.key'));
    const first = await openStationDatabase(dataDir, { sealer: pc, now, cipherProbe: withoutAes });
    seedCatalogue(first.db);
    receive(first.db, dossierOf({ ...CITIZEN }));
    first.db.close();
    const keyFileBefore = readFileSync(keyFilePath(dataDir), 'utf8');

    // The same data folder on an AES PC, even with a caller asking for AEGIS: the key file decides.
    const second = await openStationDatabase(dataDir, { sealer: pc, now, cipherProbe: withAes, cipher: 'aegis' });
    expect(second.cipher).toBe('chacha20');
    expect(second.cipherChoice).toBeNull();
    expect(second.recoveryCode).toBeNull();
    expect(second.db.prepare('SELECT owner_id_number FROM dossiers').pluck().get()).toBe(CITIZEN.idNumber);
    second.db.close();
    expect(readFileSync(keyFilePath(dataDir), 'utf8')).toBe(keyFileBefore);
    expect(opensWith(join(dataDir, STATION_DATABASE_FILE), second.key, 'chacha20')).toBe('opens');
  });

  it('converts a clear database of an older station with AEGIS-256 where the CPU has AES instructions', async () => {
    const dir = tempDir();
    const file = join(dir, STATION_DATABASE_FILE);
    const clear = openDatabase(file);
    seedCatalogue(clear);
    receive(clear, dossierOf({ ...CITIZEN }));
    receive(clear, dossierOf({ ...CITIZEN, fullName: 'Trần Văn Bình', birthDate: '1990-02-14', idNumber: idNumberFor('1990-02-14', 'male', { province: '001', serial: 12345 }) }));
    const rows = dumpTables(clear);
    clear.close();
    expect(grepFinds(file, CITIZEN.idNumber)).toBe(true);

    const opened = await openStationDatabase(dir, { sealer: fileKeySealer(join(tempDir(), 'wrapping.key')), now, cipherProbe: withAes });
    expect(opened.cipher).toBe('aegis');
    expect(recordedCipher(dir)).toBe('aegis');
    expect(opened.encrypted?.tables.dossiers).toBe(2);
    expect(dumpTables(opened.db)).toEqual(rows);
    opened.db.close();
    expect(isClearDatabaseFile(file)).toBe(false);
    for (const f of readdirSync(dir).filter((n) => n.startsWith(STATION_DATABASE_FILE))) {
      for (const secret of [CITIZEN.idNumber, CITIZEN.phone, CITIZEN.fullName]) expect(grepFinds(join(dir, f), secret), `${secret} in ${f}`).toBe(false);
    }
    expect(opensWith(file, opened.key, 'aegis')).toBe('opens');
    expect(opensWith(file, opened.key, 'chacha20')).toBe('DATABASE_KEY_WRONG');
    expect(existsSync(`${file}.encrypting`)).toBe(false);
  });

  it('lets a tool given only the key open a station of either cipher, and still refuses a wrong key', async () => {
    for (const probe of [withAes, withoutAes]) {
      const dataDir = join(tempDir(), 'data');
      const opened = await openStationDatabase(dataDir, { sealer: fileKeySealer(join(tempDir(), 'wrapping.key')), now, cipherProbe: probe });
      seedCatalogue(opened.db);
      receive(opened.db, dossierOf({ ...CITIZEN }));
      opened.db.close();
      const file = join(dataDir, STATION_DATABASE_FILE);
      const tool = openEncryptedDatabase(file, opened.key, { readonly: true });
      expect(tool.prepare('SELECT owner_name FROM dossiers').pluck().get()).toBe(CITIZEN.fullName);
      tool.close();
      const before = readFileSync(file);
      expect(() => openEncryptedDatabase(file, Buffer.alloc(32, 7))).toThrowError(expect.objectContaining({ code: 'DATABASE_KEY_WRONG' }));
      expect(readFileSync(file).equals(before)).toBe(true);
    }
  });
});

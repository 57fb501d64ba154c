// The technician's check of the audit chain, from a terminal on the station PC or on a copy of
// its data folder:
//
//   npx tsx main/storage/audit-verify-cli.ts <data folder>/station.sqlite3 [--checkpoints FILE] [--lang en]
//
// An encrypted database needs its key: the recovery code (--recovery-code, read with the key
// file beside the database) or, for scripts, STATION_DATABASE_KEY (64 hex digits) in the
// environment. Checkpoints (audit-checkpoints.jsonl beside the database, unless --checkpoints
// names another file) are checked with the key too. Prints the verdict in Vietnamese (English
// with --lang en); exit code 0 when the log is intact, 1 otherwise. Opens read-only.

import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDIT_CHECKPOINT_FILE, checkpointKey, readAuditCheckpoints } from './audit-checkpoint';
import { auditVerdictText, verifyAuditChain, type AuditCheckpoint } from './audit-log';
import type { Db } from './database';
import { unwrapDatabaseKey } from './database-key';
import { isClearDatabaseFile, openEncryptedDatabase, type DatabaseCipher } from './encryption';
import { SecurityError } from '../core/security-errors';

type Lang = 'vi' | 'en';

const texts = {
  usage: {
    vi: 'Cách dùng: audit-verify <tệp station.sqlite3> [--recovery-code MÃ] [--checkpoints TỆP] [--lang en]',
    en: 'Usage: audit-verify <station.sqlite3 file> [--recovery-code CODE] [--checkpoints FILE] [--lang en]',
  },
  missing: { vi: 'Không thấy tệp cơ sở dữ liệu "{file}".', en: 'Database file "{file}" not found.' },
  needKey: {
    vi: 'Cơ sở dữ liệu đã mã hóa: cần mã khôi phục (--recovery-code) hoặc biến môi trường STATION_DATABASE_KEY.',
    en: 'The database is encrypted: give the recovery code (--recovery-code) or STATION_DATABASE_KEY in the environment.',
  },
  badKey: { vi: 'STATION_DATABASE_KEY phải gồm đúng 64 chữ số hệ 16.', en: 'STATION_DATABASE_KEY must be exactly 64 hex digits.' },
  checking: { vi: 'Kiểm tra nhật ký thao tác: {file}', en: 'Checking the audit log: {file}' },
  checkpoints: { vi: 'Mốc kiểm tra lưu bên ngoài: {n} mốc trong {file}', en: 'Checkpoints kept outside: {n} in {file}' },
  checkpointsNoKey: {
    vi: 'Có tệp mốc kiểm tra {file} nhưng không có khóa để kiểm tra chữ ký của nó: bỏ qua các mốc.',
    en: 'Checkpoint file {file} found, but there is no key to check its seals: checkpoints skipped.',
  },
  head: { vi: 'Mã băm cuối (mục {seq}): {hash}', en: 'Last hash (entry {seq}): {hash}' },
  failed: { vi: 'Không kiểm tra được: {message}', en: 'Could not check: {message}' },
} as const;

function say(lang: Lang, key: keyof typeof texts, params: Record<string, string | number> = {}): string {
  return texts[key][lang].replace(/\{(\w+)\}/g, (w, k: string) => (k in params ? String(params[k]) : w));
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export function runAuditVerify(args: readonly string[], env: NodeJS.ProcessEnv, out: (line: string) => void): number {
  const list = [...args];
  const lang: Lang = option(list, '--lang') === 'en' ? 'en' : 'vi';
  const file = list.find((a, i) => !a.startsWith('--') && (i === 0 || !list[i - 1]!.startsWith('--')));
  if (!file) {
    out(say(lang, 'usage'));
    return 1;
  }
  const path = resolve(file);
  if (!existsSync(path)) {
    out(say(lang, 'missing', { file: path }));
    return 1;
  }
  let db: Db | undefined;
  try {
    let key: Buffer | null = null;
    let cipher: DatabaseCipher | undefined;
    if (!isClearDatabaseFile(path)) {
      const code = option(list, '--recovery-code');
      if (code) ({ key, cipher } = unwrapDatabaseKey(dirname(path), code));
      else if (env.STATION_DATABASE_KEY) {
        if (!/^[0-9a-fA-F]{64}$/.test(env.STATION_DATABASE_KEY)) {
          out(say(lang, 'badKey'));
          return 1;
        }
        key = Buffer.from(env.STATION_DATABASE_KEY, 'hex');
      } else {
        out(say(lang, 'needKey'));
        return 1;
      }
      db = openEncryptedDatabase(path, key, { readonly: true, ...(cipher ? { cipher } : {}) });
    } else {
      db = new Database(path, { readonly: true, fileMustExist: true }) as unknown as Db;
      if (env.STATION_DATABASE_KEY && /^[0-9a-fA-F]{64}$/.test(env.STATION_DATABASE_KEY)) key = Buffer.from(env.STATION_DATABASE_KEY, 'hex');
    }
    out(say(lang, 'checking', { file: path }));

    const checkpointFile = option(list, '--checkpoints') ?? join(dirname(path), AUDIT_CHECKPOINT_FILE);
    let checkpoints: AuditCheckpoint[] = [];
    if (existsSync(checkpointFile)) {
      if (key) {
        checkpoints = readAuditCheckpoints(checkpointFile, checkpointKey(key));
        out(say(lang, 'checkpoints', { n: checkpoints.length, file: checkpointFile }));
      } else {
        out(say(lang, 'checkpointsNoKey', { file: checkpointFile }));
      }
    }
    const verdict = verifyAuditChain(db, { checkpoints });
    out(auditVerdictText(verdict, lang));
    if (verdict.ok && verdict.head) out(say(lang, 'head', { seq: verdict.head.seq, hash: verdict.head.hash }));
    return verdict.ok ? 0 : 1;
  } catch (error) {
    out(say(lang, 'failed', { message: error instanceof SecurityError ? error.text(lang) : String((error as Error).message ?? error) }));
    return 1;
  } finally {
    db?.close();
  }
}

// Run directly (not when imported by a test).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = runAuditVerify(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`));
}

import { hash as digest } from 'node:crypto';
import type { Db } from './db';
import { stmt } from './statements';
import { missingCaseError } from '../core/errors';
import { SecurityError } from '../core/security-errors';

// The tamper-evident log of who did what: every entry carries the SHA-256 of the entry before
// it, so changing, removing or inserting an entry anywhere breaks the chain from there on. The
// database also refuses UPDATE and DELETE on the table (triggers), and refuses an entry that
// does not follow the last one; an attacker has to drop the triggers first, and then the chain
// shows it. Re-hashing the whole tail after an edit gives a consistent chain again: that is what
// checkpoints kept outside the database catch (audit-checkpoint.ts).

/** Part of every hashed serialisation: a future format change cannot be confused with this one. */
export const AUDIT_FORMAT = 'mot-cua-audit/1';
/** The "previous hash" of the first entry. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/**
 * The audit table and its guards (migration 5 calls this).
 * `IF NOT EXISTS` throughout, so calling it on a database that has the table changes nothing.
 */
export function createAuditTables(db: Db): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS audit_log (
      seq INTEGER PRIMARY KEY CHECK (seq >= 1),
      at INTEGER NOT NULL,
      officer_id TEXT NOT NULL CHECK (length(officer_id) BETWEEN 1 AND 100),
      action TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 64),
      dossier_id INTEGER,
      before TEXT CHECK (before IS NULL OR json_valid(before)),
      after TEXT CHECK (after IS NULL OR json_valid(after)),
      prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
      hash TEXT NOT NULL CHECK (length(hash) = 64)
    ) STRICT;
    -- A dossier's history (the log book's "who changed this").
    CREATE INDEX IF NOT EXISTS audit_log_by_dossier ON audit_log (dossier_id, seq) WHERE dossier_id IS NOT NULL;
    CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: an entry is never changed'); END;
    CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: an entry is never removed'); END;
    CREATE TRIGGER IF NOT EXISTS audit_log_in_sequence BEFORE INSERT ON audit_log
      WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM audit_log)
        OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '${AUDIT_GENESIS_HASH}')
      BEGIN SELECT RAISE(ABORT, 'audit_log entries are appended in sequence, each after the last'); END;
  `);
}

/** The triggers verifyAuditChain expects; one missing means someone worked on the file with a tool. */
export const AUDIT_TRIGGERS = ['audit_log_no_update', 'audit_log_no_delete', 'audit_log_in_sequence'] as const;

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export type AuditEntryInput = Readonly<{
  at: Date;
  /** Who did it: the officer's id (the technician's or a system job's id for their actions). */
  officerId: string;
  /** What: "dossier.create", "dossier.correct", "officer.login", "settings.change"… */
  action: string;
  dossierId?: number | null;
  /** A correction's values before and after (only the fields that changed). */
  before?: JsonValue;
  after?: JsonValue;
}>;

export type AuditEntry = Readonly<{
  seq: number;
  at: number;
  officerId: string;
  action: string;
  dossierId: number | null;
  /** Canonical JSON (sorted keys, no spaces), as hashed. */
  before: string | null;
  after: string | null;
  prevHash: string;
  hash: string;
}>;

export type AuditCheckpoint = Readonly<{ seq: number; hash: string }>;

const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
/** Control characters and lone surrogates: SQLite would store or escape them differently from what was hashed. */
const UNPRINTABLE = /[\p{Cc}\p{Cs}]/u;
const MAX_JSON_CHARS = 256 * 1024;

/** The exact text an entry's hash covers. Exported so a verifier outside the station can recompute it. */
export function auditHashInput(e: Omit<AuditEntry, 'hash'>): string {
  return JSON.stringify([AUDIT_FORMAT, e.seq, e.at, e.officerId, e.action, e.dossierId, e.before, e.after, e.prevHash]);
}

export function auditEntryHash(e: Omit<AuditEntry, 'hash'>): string {
  return digest('sha256', auditHashInput(e), 'hex');
}

/**
 * JSON with object keys sorted (by UTF-16 code unit) and no whitespace: the same value always
 * gives the same text, so its hash does not depend on the order fields were assembled in.
 */
export function canonicalJson(value: JsonValue): string {
  const walk = (v: unknown, depth: number): string => {
    if (depth > 32) throw invalid('JSON nested deeper than 32 levels');
    if (v === null) return 'null';
    switch (typeof v) {
      case 'boolean':
        return v ? 'true' : 'false';
      case 'number':
        if (!Number.isFinite(v)) throw invalid(`number ${String(v)} has no JSON form`);
        return JSON.stringify(v);
      case 'string':
        return JSON.stringify(v);
      case 'object': {
        if (Array.isArray(v)) return `[${v.map((x) => walk(x, depth + 1)).join(',')}]`;
        const proto = Object.getPrototypeOf(v) as unknown;
        if (proto !== Object.prototype && proto !== null) throw invalid('only plain objects, arrays and scalars (a Date as an ISO string)');
        const keys = Object.keys(v).sort();
        return `{${keys.map((k) => `${JSON.stringify(k)}:${walk((v as Record<string, unknown>)[k], depth + 1)}`).join(',')}}`;
      }
      default:
        throw invalid(`a ${typeof v} has no JSON form`);
    }
  };
  return walk(value, 0);
}

function invalid(detail: string): SecurityError {
  return new SecurityError('AUDIT_ENTRY_INVALID', { detail });
}

function jsonColumn(value: JsonValue | undefined, name: string): string | null {
  if (value === undefined || value === null) return null;
  const text = canonicalJson(value);
  if (text.length > MAX_JSON_CHARS) throw invalid(`${name} longer than ${MAX_JSON_CHARS} characters`);
  return text;
}

export function auditHead(db: Db): AuditCheckpoint | null {
  const row = stmt(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  return row ? { seq: row.seq, hash: row.hash } : null;
}

/**
 * Appends one entry. Must run inside the caller's write transaction — the one that makes the
 * change it records — so the change and its entry commit together or not at all; outside one it
 * throws AUDIT_OUTSIDE_TRANSACTION. A BEGIN IMMEDIATE transaction (writeTransaction) also keeps
 * another connection from appending between our read of the last entry and our insert.
 */
export function appendAudit(db: Db, input: AuditEntryInput): AuditEntry {
  if (!db.inTransaction) throw new SecurityError('AUDIT_OUTSIDE_TRANSACTION');
  const at = input.at instanceof Date ? input.at.getTime() : Number.NaN;
  if (!Number.isSafeInteger(at) || at < 0) throw invalid('at must be a valid Date');
  if (typeof input.officerId !== 'string' || input.officerId.length < 1 || input.officerId.length > 100 || UNPRINTABLE.test(input.officerId)) {
    throw invalid('officerId must be 1–100 printable characters');
  }
  if (typeof input.action !== 'string' || input.action.length > 64 || !ACTION.test(input.action)) throw invalid(`action "${String(input.action)}" must look like "dossier.correct"`);
  const dossierId = input.dossierId ?? null;
  if (dossierId !== null && (!Number.isSafeInteger(dossierId) || dossierId < 1)) throw invalid('dossierId must be a positive integer or null');
  const before = jsonColumn(input.before, 'before');
  const after = jsonColumn(input.after, 'after');

  const head = auditHead(db);
  const entry = { seq: (head?.seq ?? 0) + 1, at, officerId: input.officerId, action: input.action, dossierId, before, after, prevHash: head?.hash ?? AUDIT_GENESIS_HASH };
  const hash = auditEntryHash(entry);
  stmt(db, `INSERT INTO audit_log (seq, at, officer_id, action, dossier_id, before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(entry.seq, entry.at, entry.officerId, entry.action, entry.dossierId, entry.before, entry.after, entry.prevHash, hash);
  return { ...entry, hash };
}

export type AuditProblem =
  | 'HASH_MISMATCH' // the entry's content no longer gives its hash: edited in place
  | 'PREV_HASH_MISMATCH' // the entry does not follow the one before it: that one was rewritten, or this one inserted
  | 'GAP' // entries missing between two others: deleted
  | 'TRUNCATED' // entries missing at the end, known from a checkpoint: deleted
  | 'CHECKPOINT_MISMATCH' // the entry a checkpoint names has another hash now: the chain was rebuilt from there back
  | 'MALFORMED' // a value of the wrong type (the table was recreated by hand)
  | 'TABLE_MISSING'
  | 'TRIGGERS_MISSING'; // the chain holds but the guards were dropped: someone worked on the file with a tool

export type AuditVerdict =
  | Readonly<{ ok: true; entries: number; head: AuditCheckpoint | null; checkpointsMatched: number }>
  | Readonly<{ ok: false; problem: AuditProblem; /** the first entry found broken (or missing) */ seq: number | null; entriesChecked: number; expected?: string; found?: string }>;

export type VerifyOptions = Readonly<{
  /** Heads kept outside the database (a sealed file, the portal); the chain must pass through each. */
  checkpoints?: readonly AuditCheckpoint[];
}>;

/**
 * Walks the whole chain in order, recomputing every hash, and answers the first broken entry
 * and why. Streams rows (iterate): memory stays flat at a million entries. SQLite builds each
 * entry's serialisation (json_array, the same text JSON.stringify gives for the values an entry
 * can hold), so only four values a row cross into JavaScript: about 1.5 s per million entries
 * (test/bench/security.ts). Should SQLite's text ever differ from the one hashed at append
 * time, the entry is recomputed exactly in JavaScript before it is called broken. Synchronous:
 * run it in a worker or when the counter is idle.
 */
export function verifyAuditChain(db: Db, options: VerifyOptions = {}): AuditVerdict {
  const exists = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'audit_log'").get();
  const checkpoints = new Map<number, string>();
  for (const c of options.checkpoints ?? []) checkpoints.set(c.seq, c.hash);
  const lastCheckpoint = Math.max(0, ...checkpoints.keys());
  if (!exists) return { ok: false, problem: 'TABLE_MISSING', seq: lastCheckpoint > 0 ? 1 : null, entriesChecked: 0 };

  const rows = db.prepare(
    `SELECT seq, json_array('${AUDIT_FORMAT}', seq, at, officer_id, action, dossier_id, before, after, prev_hash), prev_hash, hash
     FROM audit_log WHERE seq > ? ORDER BY seq`,
  ).raw(true);
  const exactRow = db.prepare('SELECT seq, at, officer_id, action, dossier_id, before, after, prev_hash FROM audit_log WHERE seq = ?').raw(true);
  let expectedSeq = 1;
  let prevHash = AUDIT_GENESIS_HASH;
  let checked = 0;
  let matched = 0;
  let resumeAfter = 0;
  for (;;) {
    let recheck: number | null = null; // an entry whose SQLite text did not hash right: recomputed outside the iteration
    for (const row of rows.iterate(resumeAfter) as IterableIterator<[unknown, unknown, unknown, unknown]>) {
      const [seq, input, storedPrev, stored] = row;
      if (!Number.isSafeInteger(seq) || typeof input !== 'string' || typeof storedPrev !== 'string' || typeof stored !== 'string') {
        return { ok: false, problem: 'MALFORMED', seq: Number.isSafeInteger(seq) ? (seq as number) : expectedSeq, entriesChecked: checked };
      }
      const n = seq as number;
      if (n !== expectedSeq) return { ok: false, problem: 'GAP', seq: expectedSeq, entriesChecked: checked, expected: String(expectedSeq), found: String(n) };
      if (storedPrev !== prevHash) return { ok: false, problem: 'PREV_HASH_MISMATCH', seq: n, entriesChecked: checked, expected: prevHash, found: storedPrev };
      if (digest('sha256', input, 'hex') !== stored) {
        recheck = n;
        break;
      }
      const pinned = checkpoints.get(n);
      if (pinned !== undefined) {
        if (pinned !== stored) return { ok: false, problem: 'CHECKPOINT_MISMATCH', seq: n, entriesChecked: checked, expected: pinned, found: stored };
        matched++;
      }
      prevHash = stored;
      expectedSeq = n + 1;
      checked++;
    }
    if (recheck === null) break;
    const [seq, at, officerId, action, dossierId, before, after, storedPrev] = exactRow.get(recheck) as unknown[];
    const stored = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(recheck) as string;
    const computed = digest('sha256', JSON.stringify([AUDIT_FORMAT, seq, at, officerId, action, dossierId, before, after, storedPrev]), 'hex');
    if (computed !== stored) return { ok: false, problem: 'HASH_MISMATCH', seq: recheck, entriesChecked: checked, expected: computed, found: stored };
    const pinned = checkpoints.get(recheck);
    if (pinned !== undefined && pinned !== stored) return { ok: false, problem: 'CHECKPOINT_MISMATCH', seq: recheck, entriesChecked: checked, expected: pinned, found: stored };
    if (pinned !== undefined) matched++;
    prevHash = stored;
    expectedSeq = recheck + 1;
    checked++;
    resumeAfter = recheck;
  }
  if (lastCheckpoint >= expectedSeq) {
    return { ok: false, problem: 'TRUNCATED', seq: expectedSeq, entriesChecked: checked, expected: String(lastCheckpoint), found: String(expectedSeq - 1) };
  }
  const triggers = new Set((db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_log'").pluck().all() as string[]));
  if (AUDIT_TRIGGERS.some((t) => !triggers.has(t))) return { ok: false, problem: 'TRIGGERS_MISSING', seq: null, entriesChecked: checked };
  return { ok: true, entries: checked, head: checked > 0 ? { seq: expectedSeq - 1, hash: prevHash } : null, checkpointsMatched: matched };
}

// ---------------------------------------------------------------------------------------------
// The verdict in words, for the technician's tool and the leader's screen.

const verdictTexts = {
  OK: {
    vi: 'Nhật ký thao tác nguyên vẹn: {entries} mục, chuỗi mã băm khớp từ mục 1 đến mục {last}{checkpoints}.',
    en: 'The audit log is intact: {entries} entries, the hash chain holds from entry 1 to entry {last}{checkpoints}.',
  },
  EMPTY: { vi: 'Nhật ký thao tác chưa có mục nào.', en: 'The audit log has no entries yet.' },
  CHECKPOINTS: { vi: ' và khớp {n} mốc kiểm tra lưu bên ngoài', en: ' and matches {n} checkpoints kept outside' },
  HASH_MISMATCH: {
    vi: 'PHÁT HIỆN SỬA ĐỔI: nội dung mục số {seq} đã bị sửa sau khi ghi (mã băm không khớp). Các mục từ số {seq} trở đi không còn tin được.',
    en: 'TAMPERING FOUND: entry {seq} was changed after it was written (its hash does not match). Entries from {seq} on cannot be trusted.',
  },
  PREV_HASH_MISMATCH: {
    vi: 'PHÁT HIỆN SỬA ĐỔI: mục số {seq} không nối tiếp mục trước nó (mục trước đã bị thay hoặc mục này bị chèn vào).',
    en: 'TAMPERING FOUND: entry {seq} does not follow the entry before it (that one was replaced, or this one inserted).',
  },
  GAP: {
    vi: 'PHÁT HIỆN XÓA: thiếu mục số {seq} (sau mục {before} là mục {found}). Có mục nhật ký đã bị xóa.',
    en: 'DELETION FOUND: entry {seq} is missing (entry {before} is followed by entry {found}). Audit entries were removed.',
  },
  TRUNCATED: {
    vi: 'PHÁT HIỆN XÓA: nhật ký dừng ở mục {found}, nhưng mốc kiểm tra lưu bên ngoài đã ghi nhận đến mục {expected}. Các mục cuối đã bị xóa.',
    en: 'DELETION FOUND: the log stops at entry {found}, but a checkpoint kept outside recorded entry {expected}. The last entries were removed.',
  },
  CHECKPOINT_MISMATCH: {
    vi: 'PHÁT HIỆN GIẢ MẠO: mục số {seq} khác với mốc kiểm tra lưu bên ngoài. Chuỗi nhật ký đã bị dựng lại (sửa rồi tính lại mã băm) ở mục {seq} hoặc trước đó.',
    en: 'FORGERY FOUND: entry {seq} differs from the checkpoint kept outside. The chain was rebuilt (edited and re-hashed) at or before entry {seq}.',
  },
  MALFORMED: {
    vi: 'PHÁT HIỆN SỬA ĐỔI: mục số {seq} có dữ liệu sai kiểu; bảng nhật ký đã bị tạo lại bằng công cụ khác.',
    en: 'TAMPERING FOUND: entry {seq} holds values of the wrong type; the audit table was recreated with another tool.',
  },
  TABLE_MISSING: {
    vi: 'Cơ sở dữ liệu không có bảng nhật ký thao tác (audit_log){dropped}.',
    en: 'The database has no audit table (audit_log){dropped}.',
  },
  TABLE_DROPPED: { vi: ', dù mốc kiểm tra cho biết nó đã có mục: bảng đã bị xóa', en: ', though a checkpoint shows it had entries: the table was dropped' },
  TRIGGERS_MISSING: {
    vi: 'CẢNH BÁO: chuỗi {entries} mục vẫn khớp, nhưng các ràng buộc chống sửa/xóa của bảng nhật ký đã bị gỡ bỏ: có người đã mở tệp dữ liệu bằng công cụ khác.',
    en: 'WARNING: the chain of {entries} entries holds, but the guards against changing or removing entries were dropped: someone opened the data file with another tool.',
  },
} as const satisfies Record<string, { vi: string; en: string }>;

const fill = (text: string, params: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (w, k: string) => (k in params ? String(params[k]) : w));
const count = (n: number, lang: 'vi' | 'en') => n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US');

/** One sentence for a person: what was found, at which entry, what it means. */
export function auditVerdictText(v: AuditVerdict, lang: 'vi' | 'en'): string {
  if (v.ok) {
    if (v.entries === 0) return verdictTexts.EMPTY[lang];
    const checkpoints = v.checkpointsMatched > 0 ? fill(verdictTexts.CHECKPOINTS[lang], { n: count(v.checkpointsMatched, lang) }) : '';
    return fill(verdictTexts.OK[lang], { entries: count(v.entries, lang), last: count(v.head?.seq ?? 0, lang), checkpoints });
  }
  const seq = v.seq === null ? '' : count(v.seq, lang);
  switch (v.problem) {
    case 'GAP':
      return fill(verdictTexts.GAP[lang], { seq, before: count((v.seq ?? 1) - 1, lang), found: count(Number(v.found), lang) });
    case 'TRUNCATED':
      return fill(verdictTexts.TRUNCATED[lang], { found: count(Number(v.found), lang), expected: count(Number(v.expected), lang) });
    case 'TABLE_MISSING':
      return fill(verdictTexts.TABLE_MISSING[lang], { dropped: v.seq !== null ? verdictTexts.TABLE_DROPPED[lang] : '' });
    case 'TRIGGERS_MISSING':
      return fill(verdictTexts.TRIGGERS_MISSING[lang], { entries: count(v.entriesChecked, lang) });
    case 'HASH_MISMATCH':
    case 'PREV_HASH_MISMATCH':
    case 'CHECKPOINT_MISMATCH':
    case 'MALFORMED':
      return fill(verdictTexts[v.problem][lang], { seq });
    default:
      throw missingCaseError(v.problem);
  }
}


/**
 * What the officer of a call did, appended in the caller's transaction: the one way features
 * write the audit log (a call made for no officer is the station's own doing).
 */
export function auditAction(
  db: Db,
  officer: Readonly<{ id: string }> | null | undefined,
  at: Date,
  action: string,
  details: Readonly<{ dossierId?: number | null; before?: JsonValue; after?: JsonValue }> = {},
): AuditEntry {
  return appendAudit(db, { at, officerId: officer?.id ?? 'station', action, ...details });
}

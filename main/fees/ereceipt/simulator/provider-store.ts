import { createHash, randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';

// The e-receipt provider simulator's own storage (SQLite, apart from any station): the receipts
// it issued, cancellations, and the idempotency keys of requests that took effect.

export type ProviderDb = Database.Database;

export type StoredReceipt = Readonly<{
  IdBienLai: string; MaTraCuu: string; TrangThai: 'da_phat_hanh' | 'da_huy'; MaSoThue: string; MauSo: string; KyHieu: string; SoBienLai: string;
  TongTien: number; ThoiDiemPhatHanh: string; ThoiDiemHuy: string | null; LyDoHuy: string | null; IdempotencyKey: string; document: unknown;
}>;

export type Answer = Readonly<{ status: number; body: string }>;

export function openProviderDatabase(file: string): ProviderDb {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS receipts (
      id TEXT PRIMARY KEY,
      lookup_code TEXT NOT NULL UNIQUE,
      tax_code TEXT NOT NULL,
      form_number TEXT NOT NULL,
      series TEXT NOT NULL,
      number TEXT NOT NULL,
      total INTEGER NOT NULL,
      document TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('da_phat_hanh', 'da_huy')),
      issued_at TEXT NOT NULL,
      cancelled_at TEXT,
      cancel_reason TEXT,
      idempotency_key TEXT NOT NULL,
      seq INTEGER NOT NULL,
      UNIQUE (tax_code, form_number, series, number)
    ) STRICT;
    CREATE TABLE IF NOT EXISTS idempotency (
      key TEXT PRIMARY KEY,
      hash TEXT NOT NULL,
      status INTEGER NOT NULL,
      body TEXT NOT NULL
    ) STRICT;
  `);
  return db;
}

/** Method, path and canonical body (object keys sorted): what a key is bound to. */
export function requestHash(method: string, path: string, body: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v !== null && typeof v === 'object'
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]))
      : v;
  return createHash('sha256').update(`${method} ${path} ${JSON.stringify(canonical(body))}`).digest('hex');
}

export class ProviderConflict extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

type Row = {
  id: string; lookup_code: string; tax_code: string; form_number: string; series: string; number: string; total: number; document: string;
  state: 'da_phat_hanh' | 'da_huy'; issued_at: string; cancelled_at: string | null; cancel_reason: string | null; idempotency_key: string;
};

const toStored = (r: Row): StoredReceipt => ({
  IdBienLai: r.id, MaTraCuu: r.lookup_code, TrangThai: r.state, MaSoThue: r.tax_code, MauSo: r.form_number, KyHieu: r.series, SoBienLai: r.number,
  TongTien: r.total, ThoiDiemPhatHanh: r.issued_at, ThoiDiemHuy: r.cancelled_at, LyDoHuy: r.cancel_reason, IdempotencyKey: r.idempotency_key,
  document: JSON.parse(r.document) as unknown,
});

/** Ten characters a citizen types on the provider's lookup page (no 0/O or 1/I). */
function lookupCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('');
}

export function createProviderStore(db: ProviderDb) {
  const s = {
    remembered: db.prepare('SELECT hash, status, body FROM idempotency WHERE key = ?'),
    remember: db.prepare('INSERT INTO idempotency (key, hash, status, body) VALUES (?, ?, ?, ?)'),
    byNumber: db.prepare('SELECT * FROM receipts WHERE tax_code = ? AND form_number = ? AND series = ? AND number = ?'),
    byId: db.prepare('SELECT * FROM receipts WHERE id = ?'),
    insert: db.prepare(`INSERT INTO receipts (id, lookup_code, tax_code, form_number, series, number, total, document, state, issued_at, idempotency_key, seq)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'da_phat_hanh', ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM receipts))`),
    cancel: db.prepare("UPDATE receipts SET state = 'da_huy', cancelled_at = ?, cancel_reason = ? WHERE id = ?"),
    all: db.prepare('SELECT * FROM receipts ORDER BY seq'),
  };

  /** Runs `effect` once per key: a repeat with the same request answers the first answer; another request under the key is 422. */
  function idempotent(key: string, hash: string, effect: () => Answer): Answer {
    return db.transaction(() => {
      const seen = s.remembered.get(key) as { hash: string; status: number; body: string } | undefined;
      if (seen) {
        if (seen.hash !== hash) throw new ProviderConflict(422, 'IDEMPOTENCY_MISMATCH', 'Khóa Idempotency-Key đã được dùng cho một yêu cầu khác.');
        return { status: seen.status, body: seen.body };
      }
      const answer = effect();
      s.remember.run(key, hash, answer.status, answer.body);
      return answer;
    }).immediate();
  }

  return {
    issue(key: string, hash: string, doc: Readonly<{ MauSo: string; KyHieu: string; SoBienLai: string; TongTien: number; DonViThu: { MaSoThue: string } }>, raw: unknown, now: string): Answer {
      return idempotent(key, hash, () => {
        const taken = s.byNumber.get(doc.DonViThu.MaSoThue, doc.MauSo, doc.KyHieu, doc.SoBienLai) as Row | undefined;
        if (taken) {
          throw new ProviderConflict(409, 'DUPLICATE_NUMBER', `Biên lai ${doc.MauSo} ${doc.KyHieu} số ${doc.SoBienLai} đã được phát hành (mã tra cứu ${taken.lookup_code}).`);
        }
        const id = randomUUID();
        const code = lookupCode();
        s.insert.run(id, code, doc.DonViThu.MaSoThue, doc.MauSo, doc.KyHieu, doc.SoBienLai, doc.TongTien, JSON.stringify(raw), now, key);
        return { status: 201, body: JSON.stringify({ IdBienLai: id, MaTraCuu: code, TrangThai: 'da_phat_hanh', ThoiDiemPhatHanh: now }) };
      });
    },
    cancel(key: string, hash: string, id: string, reason: string, taxCode: string, now: string): Answer {
      return idempotent(key, hash, () => {
        const row = s.byId.get(id) as Row | undefined;
        if (!row || row.tax_code !== taxCode) throw new ProviderConflict(404, 'RECEIPT_NOT_FOUND', `Không có biên lai ${id}.`);
        // Cancelling a cancelled receipt answers its cancellation: the request's intent is met.
        if (row.state === 'da_phat_hanh') s.cancel.run(now, reason, id);
        const after = s.byId.get(id) as Row;
        return { status: 200, body: JSON.stringify({ IdBienLai: id, TrangThai: 'da_huy', ThoiDiemHuy: after.cancelled_at }) };
      });
    },
    get(id: string): StoredReceipt | undefined {
      const row = s.byId.get(id) as Row | undefined;
      return row ? toStored(row) : undefined;
    },
    find(taxCode: string, form: string, series: string, number: string): StoredReceipt | undefined {
      const row = s.byNumber.get(taxCode, form, series, number) as Row | undefined;
      return row ? toStored(row) : undefined;
    },
    receipts(): StoredReceipt[] {
      return (s.all.all() as Row[]).map(toStored);
    },
    reset(): void {
      db.exec('DELETE FROM receipts; DELETE FROM idempotency;');
    },
  };
}

export type ProviderStore = ReturnType<typeof createProviderStore>;

import Database from 'better-sqlite3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { closeSync, existsSync, fstatSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCalendar, contentVersion, seedCatalogue } from './seed';
import { message, SimError } from './sim-error';
import { checkRecord, MAX_FILE_BYTES, type DossierRecord, type PortalCalendarDay, type PortalProcedure, type SatisfactionRating, type TransitionBody } from './validation';
import { DOSSIER_STATUSES, isDossierStatus, TRANSITIONS } from '../../core/lifecycle';

// The simulated portal's own storage: one SQLite file under the data folder, uploaded files
// beside it. Every effect and its idempotency record commit in one transaction; all statements
// are prepared once. WAL with synchronous=NORMAL: a simulator may lose its last commits in a
// power cut, never its consistency.

export type SimDb = Database.Database;

/** An HTTP answer: status and the JSON text of its body. */
export type Answer = Readonly<{ status: number; body: string; headers?: Readonly<Record<string, string>> }>;

export const CHUNK_SIZE = 262_144;
/** Highest {seq} a lease may hand out (4 digits). Codes the portal assigns itself go on past it. */
export const MAX_LEASED_SEQ = 9999;

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE clients (client_id TEXT PRIMARY KEY, secret TEXT NOT NULL, agency TEXT);
   CREATE TABLE tokens (token TEXT PRIMARY KEY, client_id TEXT NOT NULL, expires_at INTEGER NOT NULL);
   CREATE TABLE dossiers (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     agency TEXT NOT NULL,
     code TEXT NOT NULL,
     provisional_code TEXT,
     version INTEGER NOT NULL,
     record TEXT NOT NULL,
     back_office_status INTEGER,
     client_id TEXT NOT NULL,
     idempotency_key TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     UNIQUE (agency, code)
   );
   CREATE UNIQUE INDEX dossiers_provisional ON dossiers (agency, provisional_code) WHERE provisional_code IS NOT NULL;
   CREATE TABLE idempotency (
     key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, status INTEGER NOT NULL, response TEXT NOT NULL,
     upload_id TEXT, created_at INTEGER NOT NULL
   ) WITHOUT ROWID;
   CREATE TABLE sequences (agency TEXT NOT NULL, day TEXT NOT NULL, next INTEGER NOT NULL, PRIMARY KEY (agency, day)) WITHOUT ROWID;
   CREATE TABLE leases (
     id TEXT PRIMARY KEY, agency TEXT NOT NULL, day TEXT NOT NULL, station TEXT NOT NULL,
     first INTEGER NOT NULL, last INTEGER NOT NULL, client_id TEXT NOT NULL, created_at INTEGER NOT NULL
   );
   CREATE INDEX leases_day ON leases (agency, day, first);
   CREATE TABLE uploads (
     id TEXT PRIMARY KEY, dossier_id TEXT NOT NULL REFERENCES dossiers (id), name TEXT NOT NULL, size INTEGER NOT NULL,
     sha256 TEXT NOT NULL, component TEXT NOT NULL, mime TEXT NOT NULL, received INTEGER NOT NULL DEFAULT 0,
     document_id TEXT, created_at INTEGER NOT NULL
   );
   CREATE TABLE documents (
     id TEXT PRIMARY KEY, upload_id TEXT NOT NULL UNIQUE REFERENCES uploads (id), dossier_id TEXT NOT NULL REFERENCES dossiers (id),
     name TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, component TEXT NOT NULL, mime TEXT NOT NULL, created_at INTEGER NOT NULL
   );
   CREATE INDEX documents_dossier ON documents (dossier_id);
   CREATE TABLE events (
     cursor INTEGER PRIMARY KEY AUTOINCREMENT, agency TEXT NOT NULL, dossier_id TEXT NOT NULL, code TEXT NOT NULL,
     status INTEGER NOT NULL, unit TEXT NOT NULL, officer TEXT NOT NULL, time TEXT NOT NULL, content TEXT NOT NULL
   );
   CREATE INDEX events_agency ON events (agency, cursor);
   CREATE TABLE catalogue (id INTEGER PRIMARY KEY CHECK (id = 1), version TEXT NOT NULL, procedures TEXT NOT NULL);
   CREATE TABLE calendars (year INTEGER PRIMARY KEY, version TEXT NOT NULL, days TEXT NOT NULL);`,
  // v2: the dossier's current status (the station's transitions and the back office's events
  // both move it) and the history of the station's transitions.
  `ALTER TABLE dossiers ADD COLUMN status INTEGER;
   CREATE TABLE transitions (
     seq INTEGER PRIMARY KEY, dossier_id TEXT NOT NULL REFERENCES dossiers (id), version INTEGER NOT NULL, event TEXT NOT NULL,
     from_status INTEGER, to_status INTEGER NOT NULL, time TEXT NOT NULL, body TEXT NOT NULL, override INTEGER NOT NULL,
     idempotency_key TEXT NOT NULL, created_at INTEGER NOT NULL
   );
   CREATE INDEX transitions_dossier ON transitions (dossier_id, seq);`,
  // v3: an upload may replace an attachment of the dossier (a rescan); completing it takes the
  // replaced one out of the dossier's record in the same transaction.
  `ALTER TABLE uploads ADD COLUMN replaces TEXT;
   ALTER TABLE documents ADD COLUMN replaced_by TEXT;
   ALTER TABLE documents ADD COLUMN replaced_at INTEGER;`,
];

export function openSimulatorDatabase(file: string): SimDb {
  const db = new Database(file);
  try {
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Checkpoint (and fsync) every ~16 MB of WAL instead of 4 MB: fewer stalls under a drain.
    db.pragma('wal_autocheckpoint = 4000');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) throw new Error(`Simulator database ${file} has schema ${current}, newer than this simulator (${MIGRATIONS.length}).`);
    MIGRATIONS.slice(current).forEach((sql, i) => {
      db.transaction(() => {
        db.exec(sql);
        db.pragma(`user_version = ${current + i + 1}`);
      })();
    });
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** JSON with object keys sorted at every level: the same record however its keys are ordered. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(obj).sort()) {
    if (obj[k] !== undefined) parts.push(`${JSON.stringify(k)}:${canonicalJson(obj[k])}`);
  }
  return `{${parts.join(',')}}`;
}

/** The fingerprint an idempotency key is bound to: method, path and canonical body. */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonicalJson(body)}`).digest('hex');
}

const json = (status: number, body: unknown, headers?: Record<string, string>): Answer =>
  headers ? { status, body: JSON.stringify(body), headers } : { status, body: JSON.stringify(body) };

type DossierRow = {
  seq: number; id: string; agency: string; code: string; provisional_code: string | null; version: number; record: string;
  back_office_status: number | null; client_id: string; idempotency_key: string; created_at: number; updated_at: number; status: number | null;
};
type TransitionRow = { seq: number; dossier_id: string; version: number; event: string; from_status: number | null; to_status: number; time: string; body: string; override: number; idempotency_key: string };
type IdempotencyRow = { request_hash: string; status: number; response: string; upload_id: string | null };
type UploadRow = {
  id: string; dossier_id: string; name: string; size: number; sha256: string; component: string; mime: string;
  received: number; document_id: string | null; replaces: string | null;
};
type DocumentRow = {
  id: string; upload_id: string; dossier_id: string; name: string; size: number; sha256: string; component: string; mime: string; created_at: number;
  replaced_by: string | null; replaced_at: number | null;
};
type EventRow = { cursor: number; agency: string; dossier_id: string; code: string; status: number; unit: string; officer: string; time: string; content: string };
type TokenInfo = { clientId: string; agency: string | null; expiresAt: number };

export type StoreOptions = Readonly<{ dataDir: string; now: () => number }>;

export type SimStore = ReturnType<typeof createStore>;

/**
 * A rating joins the dossier's list of ratings, one per visit: the same rating of a visit again
 * changes nothing; another rating of a visit already rated is refused (a rating is never edited).
 */
function ratingsWith(record: DossierRecord, rating: unknown): { DanhSachDanhGia?: SatisfactionRating[] } {
  if (rating === undefined) return {};
  const given = rating as SatisfactionRating;
  const list = Array.isArray(record.DanhSachDanhGia) ? (record.DanhSachDanhGia as SatisfactionRating[]) : [];
  const same = list.find((r) => r.IdLuot === given.IdLuot || r.GiaiDoan === given.GiaiDoan);
  if (same) {
    if (canonicalJson(same) === canonicalJson(given)) return { DanhSachDanhGia: list };
    throw new SimError(409, 'RATING_EXISTS', message('RATING_EXISTS', { visit: same.IdLuot }), { field: 'DanhGiaHaiLong' });
  }
  return { DanhSachDanhGia: [...list, given] };
}

export function createStore(db: SimDb, options: StoreOptions) {
  const uploadsDir = join(options.dataDir, 'uploads');
  const filesDir = join(options.dataDir, 'files');
  const ensureDirs = () => { mkdirSync(uploadsDir, { recursive: true }); mkdirSync(filesDir, { recursive: true }); };
  ensureDirs();
  const now = options.now;
  const partPath = (uploadId: string) => join(uploadsDir, `${uploadId}.part`);
  const filePath = (documentId: string) => join(filesDir, documentId);

  const s = {
    upsertClient: db.prepare('INSERT INTO clients (client_id, secret, agency) VALUES (?, ?, ?) ON CONFLICT (client_id) DO UPDATE SET secret = excluded.secret, agency = excluded.agency'),
    client: db.prepare<[string], { secret: string; agency: string | null }>('SELECT secret, agency FROM clients WHERE client_id = ?'),
    insertToken: db.prepare('INSERT INTO tokens (token, client_id, expires_at) VALUES (?, ?, ?)'),
    expireToken: db.prepare('UPDATE tokens SET expires_at = ? WHERE token = ?'),
    liveTokens: db.prepare<[number], { token: string; client_id: string; agency: string | null; expires_at: number }>(
      'SELECT t.token, t.client_id, c.agency, t.expires_at FROM tokens t JOIN clients c USING (client_id) WHERE t.expires_at > ?'),
    purgeTokens: db.prepare('DELETE FROM tokens WHERE expires_at < ?'),

    idempotency: db.prepare<[string], IdempotencyRow>('SELECT request_hash, status, response, upload_id FROM idempotency WHERE key = ?'),
    insertIdempotency: db.prepare('INSERT INTO idempotency (key, request_hash, status, response, upload_id, created_at) VALUES (?, ?, ?, ?, ?, ?)'),

    dossierById: db.prepare<[string], DossierRow>('SELECT * FROM dossiers WHERE id = ?'),
    codeTaken: db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM dossiers WHERE agency = ? AND code = ?'),
    provisionalTaken: db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM dossiers WHERE agency = ? AND provisional_code = ?'),
    insertDossier: db.prepare(`INSERT INTO dossiers (id, agency, code, provisional_code, version, record, client_id, idempotency_key, created_at, updated_at)
                               VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`),
    updateDossier: db.prepare('UPDATE dossiers SET record = ?, version = version + 1, updated_at = ? WHERE id = ?'),
    setBackOfficeStatus: db.prepare('UPDATE dossiers SET back_office_status = ?, status = ? WHERE id = ?'),
    applyTransition: db.prepare('UPDATE dossiers SET record = ?, status = ?, version = version + 1, updated_at = ? WHERE id = ?'),
    insertTransition: db.prepare(`INSERT INTO transitions (dossier_id, version, event, from_status, to_status, time, body, override, idempotency_key, created_at)
                                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    transitionsOf: db.prepare<[string], TransitionRow>('SELECT * FROM transitions WHERE dossier_id = ? ORDER BY seq'),
    lastEventOf: db.prepare<[string], EventRow>('SELECT * FROM events WHERE dossier_id = ? ORDER BY cursor DESC LIMIT 1'),
    dossierByCode: db.prepare<[string], DossierRow>('SELECT * FROM dossiers WHERE code = ? ORDER BY seq LIMIT 1'),
    dossierByAgencyCode: db.prepare<[string, string], DossierRow>('SELECT * FROM dossiers WHERE agency = ? AND code = ?'),
    allDossiers: db.prepare<[], DossierRow>('SELECT * FROM dossiers ORDER BY seq'),
    agencyDossiers: db.prepare<[string], DossierRow>('SELECT * FROM dossiers WHERE agency = ? ORDER BY seq'),

    sequence: db.prepare<[string, string], { next: number }>('SELECT next FROM sequences WHERE agency = ? AND day = ?'),
    setSequence: db.prepare('INSERT INTO sequences (agency, day, next) VALUES (?, ?, ?) ON CONFLICT (agency, day) DO UPDATE SET next = excluded.next'),
    insertLease: db.prepare('INSERT INTO leases (id, agency, day, station, first, last, client_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    leases: db.prepare<[], { id: string; agency: string; day: string; station: string; first: number; last: number }>(
      'SELECT id, agency, day, station, first, last FROM leases ORDER BY agency, day, first'),

    insertUpload: db.prepare(`INSERT INTO uploads (id, dossier_id, name, size, sha256, component, mime, created_at, replaces) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    upload: db.prepare<[string], UploadRow>('SELECT * FROM uploads WHERE id = ?'),
    setReceived: db.prepare('UPDATE uploads SET received = ? WHERE id = ?'),
    setUploadDocument: db.prepare('UPDATE uploads SET document_id = ? WHERE id = ?'),
    insertDocument: db.prepare(`INSERT INTO documents (id, upload_id, dossier_id, name, size, sha256, component, mime, created_at)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    document: db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE id = ?'),
    dossierDocuments: db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE dossier_id = ? AND replaced_by IS NULL ORDER BY created_at, id'),
    replacedDocuments: db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE dossier_id = ? AND replaced_by IS NOT NULL ORDER BY replaced_at, id'),
    setReplaced: db.prepare('UPDATE documents SET replaced_by = ?, replaced_at = ? WHERE id = ? AND replaced_by IS NULL'),
    dossierOpenUploads: db.prepare<[string], UploadRow>('SELECT * FROM uploads WHERE dossier_id = ? AND document_id IS NULL ORDER BY created_at, id'),

    insertEvent: db.prepare('INSERT INTO events (agency, dossier_id, code, status, unit, officer, time, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    feed: db.prepare<[number, number], EventRow>('SELECT * FROM events WHERE cursor > ? ORDER BY cursor LIMIT ?'),
    agencyFeed: db.prepare<[string, number, number], EventRow>('SELECT * FROM events WHERE agency = ? AND cursor > ? ORDER BY cursor LIMIT ?'),

    catalogue: db.prepare<[], { version: string; procedures: string }>('SELECT version, procedures FROM catalogue WHERE id = 1'),
    setCatalogue: db.prepare('INSERT INTO catalogue (id, version, procedures) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version, procedures = excluded.procedures'),
    calendar: db.prepare<[number], { version: string; days: string }>('SELECT version, days FROM calendars WHERE year = ?'),
    setCalendar: db.prepare('INSERT INTO calendars (year, version, days) VALUES (?, ?, ?) ON CONFLICT (year) DO UPDATE SET version = excluded.version, days = excluded.days'),
  };

  const transaction = db.transaction((fn: () => unknown) => fn());
  const inTransaction = <T>(fn: () => T): T => transaction(fn) as T;

  /**
   * Runs `effect` under an idempotency key, in the caller's transaction. A key seen before
   * answers its stored result (or `replay` of it) when the request is the same and 422 when it
   * is not. Only answers of requests that took effect are stored: a refused request (thrown
   * SimError) leaves the key free, so the station may send a corrected body under it.
   */
  function idempotent(key: string, hash: string, effect: () => Answer & { uploadId?: string }, replay?: (row: IdempotencyRow) => Answer): Answer {
    const prior = s.idempotency.get(key);
    if (prior) {
      if (prior.request_hash !== hash) throw new SimError(422, 'IDEMPOTENCY_MISMATCH', message('IDEMPOTENCY_MISMATCH'));
      return replay ? replay(prior) : { status: prior.status, body: prior.response };
    }
    const answer = effect();
    s.insertIdempotency.run(key, hash, answer.status, answer.body, answer.uploadId ?? null, now());
    return { status: answer.status, body: answer.body };
  }

  // ── clients and tokens ──
  const tokens = new Map<string, TokenInfo>();
  for (const t of s.liveTokens.all(now())) tokens.set(t.token, { clientId: t.client_id, agency: t.agency, expiresAt: t.expires_at });

  function sequenceNext(agency: string, day: string): number {
    return s.sequence.get(agency, day)?.next ?? 1;
  }

  /** A final code `{MaCoQuan}-{yyMMdd}-{seq:4}` from the counter leases draw from, skipping codes already held. */
  function assignFinalCode(agency: string, receivedAt: string): string {
    const day = receivedAt.slice(0, 8);
    let next = sequenceNext(agency, day);
    let code: string;
    do {
      code = `${agency}-${day.slice(2)}-${String(next).padStart(4, '0')}`;
      next += 1;
    } while (s.codeTaken.get(agency, code));
    s.setSequence.run(agency, day, next);
    return code;
  }

  function uploadAnswer(u: UploadRow, status: number): Answer {
    return json(status, { IdTaiLen: u.id, KichThuocKhoi: CHUNK_SIZE, DaNhan: u.received, HoanTat: u.document_id !== null });
  }

  function requireUpload(id: string): UploadRow {
    const u = s.upload.get(id);
    if (!u) throw new SimError(404, 'UPLOAD_NOT_FOUND', message('UPLOAD_NOT_FOUND', { id }));
    return u;
  }

  /** The dossier's current attachment `documentId`, which upload `by` (null: a new one) may replace. */
  function requireReplaceable(dossierId: string, documentId: string, by: string | null): DocumentRow {
    const doc = s.document.get(documentId);
    if (!doc || doc.dossier_id !== dossierId) {
      throw new SimError(404, 'ATTACHMENT_NOT_FOUND', message('ATTACHMENT_NOT_FOUND', { id: documentId }), { field: 'ThayThe' });
    }
    if (doc.replaced_by !== null) {
      const replacing = s.document.get(doc.replaced_by);
      if (by === null || replacing?.upload_id !== by) {
        throw new SimError(409, 'ATTACHMENT_REPLACED', message('ATTACHMENT_REPLACED', { id: documentId, by: doc.replaced_by }), { field: 'ThayThe', ThayBoi: doc.replaced_by });
      }
    }
    return doc;
  }

  function hashFile(path: string): string {
    return createHash('sha256').update(existsSync(path) ? readFileSync(path) : Buffer.alloc(0)).digest('hex');
  }

  function dossierView(d: DossierRow) {
    const record = JSON.parse(d.record) as Record<string, unknown>;
    return {
      IdHoSo: d.id, PhienBan: d.version, ...record, MaHoSo: d.code, MaHoSoTam: d.provisional_code, MaCoQuan: d.agency,
      TrangThaiXuLy: d.back_office_status, TrangThaiHienTai: d.status ?? record.TrangThaiHoSo, IdempotencyKey: d.idempotency_key, MaUngDung: d.client_id,
    };
  }

  let catalogueCache: { version: string; body: string } | null = null;
  const calendarCache = new Map<number, { version: string; body: string }>();

  return {
    db,
    inTransaction,

    upsertClient(id: string, secret: string, agency: string | null): void {
      s.upsertClient.run(id, secret, agency);
    },
    client(id: string) {
      return s.client.get(id);
    },
    issueToken(clientId: string, agency: string | null, ttlSeconds: number): { token: string; expiresAt: number } {
      const token = randomBytes(24).toString('base64url');
      const expiresAt = now() + ttlSeconds * 1000;
      s.purgeTokens.run(now() - 24 * 3600_000);
      s.insertToken.run(token, clientId, expiresAt);
      tokens.set(token, { clientId, agency, expiresAt });
      return { token, expiresAt };
    },
    token(token: string): TokenInfo | undefined {
      return tokens.get(token);
    },
    expireToken(token: string): void {
      const t = tokens.get(token);
      if (!t) return;
      t.expiresAt = Math.min(t.expiresAt, now());
      s.expireToken.run(t.expiresAt, token);
    },

    // ── dossiers ──
    createDossier(key: string, hash: string, record: DossierRecord, clientId: string): Answer {
      return inTransaction(() => idempotent(key, hash, () => {
        checkRecord(record);
        const agency = record.MaCoQuan;
        let code: string;
        let provisional: string | null = null;
        if (typeof record.MaHoSo === 'string') {
          code = record.MaHoSo;
          if (s.codeTaken.get(agency, code)) {
            throw new SimError(409, 'DUPLICATE_CODE', message('DUPLICATE_CODE', { code, agency }), { field: 'MaHoSo' });
          }
        } else {
          provisional = record.MaHoSoTam as string;
          if (s.provisionalTaken.get(agency, provisional)) {
            throw new SimError(409, 'DUPLICATE_CODE', message('DUPLICATE_CODE', { code: provisional, agency }), { field: 'MaHoSoTam' });
          }
          code = assignFinalCode(agency, record.NgayTiepNhan);
        }
        const id = randomUUID();
        const t = now();
        s.insertDossier.run(id, agency, code, provisional, JSON.stringify(record), clientId, key, t, t);
        return json(201, { IdHoSo: id, MaHoSo: code, PhienBan: 1 });
      }));
    },

    changeDossier(key: string, hash: string, id: string, change: Record<string, unknown> & { PhienBanTruoc: number }): Answer {
      return inTransaction(() => idempotent(key, hash, () => {
        const d = s.dossierById.get(id);
        if (!d) throw new SimError(404, 'DOSSIER_NOT_FOUND', message('DOSSIER_NOT_FOUND', { id }));
        const { PhienBanTruoc, MaHoSo, MaHoSoTam, MaCoQuan, ...fields } = change;
        const fixed: ReadonlyArray<[string, unknown, unknown]> = [['MaHoSo', MaHoSo, d.code], ['MaHoSoTam', MaHoSoTam, d.provisional_code], ['MaCoQuan', MaCoQuan, d.agency]];
        for (const [field, given, current] of fixed) {
          if (given !== undefined && given !== current) throw new SimError(400, 'VALIDATION', `${field} ${message('IMMUTABLE_FIELD')}`, { field });
        }
        if (PhienBanTruoc !== d.version) {
          throw new SimError(409, 'VERSION_CONFLICT', message('VERSION_CONFLICT', { current: d.version, given: PhienBanTruoc }), { PhienBan: d.version });
        }
        const { DanhGiaHaiLong: rating, ...changed } = fields;
        const record = JSON.parse(d.record) as DossierRecord;
        const merged = { ...record, ...changed, ...ratingsWith(record, rating) } as DossierRecord;
        checkRecord(merged);
        s.updateDossier.run(JSON.stringify(merged), now(), id);
        return json(200, { IdHoSo: id, MaHoSo: d.code, PhienBan: d.version + 1 });
      }));
    },

    /**
     * A change of status made at the station, in order (PhienBanTruoc). Applied when the station
     * saw the portal's current status, or when its event is allowed from the current status as
     * well (the national table); otherwise 409 STATUS_CONFLICT with the portal's side, unless the
     * officer confirmed the station's record (XacNhanXungDot).
     */
    recordTransition(key: string, hash: string, id: string, t: TransitionBody): Answer {
      return inTransaction(() => idempotent(key, hash, () => {
        const d = s.dossierById.get(id);
        if (!d) throw new SimError(404, 'DOSSIER_NOT_FOUND', message('DOSSIER_NOT_FOUND', { id }));
        if (t.PhienBanTruoc !== d.version) {
          throw new SimError(409, 'VERSION_CONFLICT', message('VERSION_CONFLICT', { current: d.version, given: t.PhienBanTruoc }), { PhienBan: d.version });
        }
        const record = JSON.parse(d.record) as Record<string, unknown>;
        const current = d.status ?? (typeof record.TrangThaiHoSo === 'number' ? record.TrangThaiHoSo : 2);
        const override = t.XacNhanXungDot === true;
        if (t.SuKien === 'confirm_status' && !override) throw new SimError(400, 'VALIDATION', message('CONFIRM_REQUIRES_OVERRIDE'), { field: 'XacNhanXungDot' });
        let to = t.TrangThaiHoSo;
        if (!override && t.TrangThaiTruoc !== current) {
          const rule = TRANSITIONS.find((r) => r.event === t.SuKien && r.from === current);
          if (!rule) {
            const last = s.lastEventOf.get(id);
            throw new SimError(409, 'STATUS_CONFLICT', message('STATUS_CONFLICT', {
              event: t.SuKien, current, currentName: isDossierStatus(current) ? DOSSIER_STATUSES[current].vi : '?', given: String(t.TrangThaiTruoc),
            }), {
              TrangThaiHienTai: current, DonViXuLy: last?.unit ?? '', CanBoXuLy: last?.officer ?? '', ThoiGian: last?.time ?? '', NoiDung: last?.content ?? '',
            });
          }
          to = rule.to;
        }
        const merged = {
          ...record,
          TrangThaiHoSo: to,
          ...(t.NgayHenTra !== undefined ? { NgayHenTra: t.NgayHenTra } : {}),
          ...(t.NgayHenTraMoi !== undefined ? { NgayHenTraMoi: t.NgayHenTraMoi } : {}),
        };
        const when = now();
        s.applyTransition.run(JSON.stringify(merged), to, when, id);
        s.insertTransition.run(id, d.version + 1, t.SuKien, t.TrangThaiTruoc ?? null, to, t.ThoiGian, JSON.stringify(t), override ? 1 : 0, key, when);
        return json(201, { IdHoSo: id, MaHoSo: d.code, PhienBan: d.version + 1, TrangThaiHoSo: to });
      }));
    },

    /** The station's transitions of a dossier at the portal, in the order applied (admin). */
    transitions(dossierId: string) {
      if (!s.dossierById.get(dossierId)) throw new SimError(404, 'DOSSIER_NOT_FOUND', message('DOSSIER_NOT_FOUND', { id: dossierId }));
      return s.transitionsOf.all(dossierId).map((r) => ({
        PhienBan: r.version, SuKien: r.event, TrangThaiTruoc: r.from_status, TrangThaiHoSo: r.to_status, ThoiGian: r.time,
        XacNhanXungDot: r.override === 1, IdempotencyKey: r.idempotency_key, NoiDung: JSON.parse(r.body) as unknown,
      }));
    },

    // ── number leases ──
    /**
     * A block of the day's numbers above every block leased before and above every number the
     * station says it used (`used`): never one it used. `ignoreUsed` (a fault) leases as a portal
     * that does not read `DaDung`, to test the station's own check.
     */
    lease(
      key: string | null, hash: string, agency: string, station: string, day: string, amount: number,
      used: ReadonlyArray<Readonly<{ TuSo: number; DenSo: number }>>, clientId: string, ignoreUsed = false,
    ): Answer {
      const effect = (): Answer => {
        const highestUsed = ignoreUsed ? 0 : used.reduce((m, r) => Math.max(m, r.DenSo), 0);
        const first = Math.max(sequenceNext(agency, day), highestUsed + 1);
        if (first > MAX_LEASED_SEQ) throw new SimError(409, 'SEQUENCE_EXHAUSTED', message('SEQUENCE_EXHAUSTED', { agency, day }));
        const last = Math.min(first + amount - 1, MAX_LEASED_SEQ);
        s.setSequence.run(agency, day, last + 1);
        const id = randomUUID();
        s.insertLease.run(id, agency, day, station, first, last, clientId, now());
        return json(201, { IdCapSo: id, MaCoQuan: agency, Ngay: day, TuSo: first, DenSo: last });
      };
      return inTransaction(() => (key === null ? effect() : idempotent(key, hash, effect)));
    },

    // ── attachments ──
    createUpload(key: string, hash: string, dossierId: string, body: {
      TenTep: string; KichThuoc: number; Sha256: string; MaThanhPhanHoSo?: string | null | undefined; LoaiTep: string; ThayThe?: string | null | undefined;
    }): Answer {
      return inTransaction(() => idempotent(key, hash, () => {
        if (!s.dossierById.get(dossierId)) throw new SimError(404, 'DOSSIER_NOT_FOUND', message('DOSSIER_NOT_FOUND', { id: dossierId }));
        if (body.KichThuoc > MAX_FILE_BYTES) throw new SimError(413, 'FILE_TOO_LARGE', message('FILE_TOO_LARGE', { max: MAX_FILE_BYTES }), { field: 'KichThuoc' });
        if (body.ThayThe) requireReplaceable(dossierId, body.ThayThe, null);
        const id = randomUUID();
        s.insertUpload.run(id, dossierId, body.TenTep, body.KichThuoc, body.Sha256.toLowerCase(), body.MaThanhPhanHoSo ?? '', body.LoaiTep, now(), body.ThayThe ?? null);
        return { ...json(201, { IdTaiLen: id, KichThuocKhoi: CHUNK_SIZE, DaNhan: 0, HoanTat: false }), uploadId: id };
      }, (row) => uploadAnswer(requireUpload(row.upload_id ?? ''), 201)));
    },

    uploadReceived(id: string): number | undefined {
      return s.upload.get(id)?.received;
    },

    /** Forgets the bytes of an unfinished upload: it starts again from 0. */
    restartUpload(id: string): void {
      const u = s.upload.get(id);
      if (!u || u.document_id) return;
      s.setReceived.run(0, id);
      rmSync(partPath(id), { force: true });
    },

    uploadStatus(id: string): Answer {
      const u = requireUpload(id);
      return json(200, { DaNhan: u.received, HoanTat: u.document_id !== null });
    },

    /** Writes bytes at `offset` (which must be the bytes received so far). */
    putChunk(id: string, offset: number, bytes: Buffer): Answer {
      const u = requireUpload(id);
      if (offset !== u.received) {
        throw new SimError(409, 'OFFSET_MISMATCH', message('OFFSET_MISMATCH', { offset, received: u.received }), { DaNhan: u.received });
      }
      if (offset + bytes.length > u.size) throw new SimError(413, 'UPLOAD_TOO_LARGE', message('UPLOAD_TOO_LARGE', { size: u.size }));
      if (bytes.length > 0) {
        const path = partPath(id);
        const fd = openSync(path, existsSync(path) ? 'r+' : 'w');
        try {
          if (fstatSync(fd).size < offset) { // the bytes said received are gone: start again
            s.setReceived.run(0, id);
            throw new SimError(409, 'OFFSET_MISMATCH', message('OFFSET_MISMATCH', { offset, received: 0 }), { DaNhan: 0 });
          }
          ftruncateSync(fd, offset);
          writeSync(fd, bytes, 0, bytes.length, offset);
        } finally {
          closeSync(fd);
        }
        s.setReceived.run(offset + bytes.length, id);
      }
      return json(200, { DaNhan: offset + bytes.length });
    },

    completeUpload(id: string): Answer {
      const u = requireUpload(id);
      if (u.document_id) {
        const doc = s.document.get(u.document_id);
        return json(200, { IdTaiLieu: u.document_id, Sha256: doc?.sha256 ?? u.sha256 });
      }
      if (u.received !== u.size) {
        throw new SimError(409, 'OFFSET_MISMATCH', message('INCOMPLETE_UPLOAD', { received: u.received, size: u.size }), { DaNhan: u.received });
      }
      const part = partPath(id);
      const sha256 = hashFile(part);
      if (sha256 !== u.sha256) {
        s.setReceived.run(0, id);
        rmSync(part, { force: true });
        throw new SimError(422, 'CHECKSUM_MISMATCH', message('CHECKSUM_MISMATCH'), { DaNhan: 0 });
      }
      // A replacement checks again that what it replaces is still current: refused, nothing changes.
      const replaced = u.replaces === null ? undefined : requireReplaceable(u.dossier_id, u.replaces, id);
      const documentId = randomUUID();
      if (existsSync(part)) renameSync(part, filePath(documentId));
      else closeSync(openSync(filePath(documentId), 'w')); // an empty file never got a chunk
      // The new attachment in and the replaced one out in one transaction: the dossier holds
      // exactly one of them at any moment, and a repeated complete answers this one again.
      inTransaction(() => {
        const t = now();
        s.insertDocument.run(documentId, id, u.dossier_id, u.name, u.size, sha256, u.component, u.mime, t);
        s.setUploadDocument.run(documentId, id);
        if (replaced) s.setReplaced.run(documentId, t, replaced.id);
      });
      if (replaced) rmSync(filePath(replaced.id), { force: true }); // gone from the portal's record: its bytes too
      return json(200, { IdTaiLieu: documentId, Sha256: sha256 });
    },

    // ── feed ──
    feed(after: number, limit: number, agency: string | null): Answer {
      const rows = agency === null ? s.feed.all(after, limit) : s.agencyFeed.all(agency, after, limit);
      const events = rows.map((e) => ({
        Cursor: String(e.cursor), IdHoSo: e.dossier_id, MaHoSo: e.code, TrangThaiHoSo: e.status,
        DonViXuLy: e.unit, CanBoXuLy: e.officer, ThoiGian: e.time, NoiDung: e.content,
      }));
      return json(200, { events, next: String(rows.at(-1)?.cursor ?? after) });
    },

    appendEvent(e: { IdHoSo?: string | undefined; MaHoSo?: string | undefined; MaCoQuan?: string | undefined; TrangThaiHoSo: number; DonViXuLy?: string | undefined; CanBoXuLy?: string | undefined; ThoiGian: string; NoiDung?: string | undefined }): Answer {
      return inTransaction(() => {
        const d = e.IdHoSo ? s.dossierById.get(e.IdHoSo)
          : e.MaHoSo && e.MaCoQuan ? s.dossierByAgencyCode.get(e.MaCoQuan, e.MaHoSo)
          : e.MaHoSo ? s.dossierByCode.get(e.MaHoSo) : undefined;
        if (!d) throw new SimError(404, 'DOSSIER_NOT_FOUND', message('DOSSIER_NOT_FOUND', { id: e.IdHoSo ?? e.MaHoSo ?? '' }));
        const { lastInsertRowid } = s.insertEvent.run(d.agency, d.id, d.code, e.TrangThaiHoSo, e.DonViXuLy ?? '', e.CanBoXuLy ?? '', e.ThoiGian, e.NoiDung ?? '');
        s.setBackOfficeStatus.run(e.TrangThaiHoSo, e.TrangThaiHoSo, d.id);
        return json(201, { Cursor: String(lastInsertRowid), IdHoSo: d.id, MaHoSo: d.code });
      });
    },

    // ── catalogue and calendar ──
    catalogue(): { version: string; body: string } {
      if (!catalogueCache) {
        const row = s.catalogue.get();
        const { version, procedures } = row ? { version: row.version, procedures: JSON.parse(row.procedures) as unknown } : seedCatalogue();
        catalogueCache = { version, body: JSON.stringify({ version, procedures }) };
      }
      return catalogueCache;
    },
    setCatalogue(procedures: readonly PortalProcedure[], version?: string): string {
      const v = version ?? contentVersion(procedures);
      s.setCatalogue.run(v, JSON.stringify(procedures));
      catalogueCache = null;
      return v;
    },
    calendar(year: number): { version: string; body: string } {
      let cached = calendarCache.get(year);
      if (!cached) {
        const row = s.calendar.get(year);
        const { version, days } = row ? { version: row.version, days: JSON.parse(row.days) as unknown } : defaultCalendar(year);
        cached = { version, body: JSON.stringify({ year, version, days }) };
        calendarCache.set(year, cached);
      }
      return cached;
    },
    setCalendar(year: number, days: readonly PortalCalendarDay[], version?: string): string {
      const sorted = [...days].sort((a, b) => (a.Ngay < b.Ngay ? -1 : a.Ngay > b.Ngay ? 1 : 0));
      const v = version ?? contentVersion(sorted);
      s.setCalendar.run(year, v, JSON.stringify(sorted));
      calendarCache.delete(year);
      return v;
    },

    // ── administration ──
    dossiers(agency: string | null) {
      return (agency === null ? s.allDossiers.all() : s.agencyDossiers.all(agency)).map(dossierView);
    },
    attachments(dossierId: string) {
      if (!s.dossierById.get(dossierId)) throw new SimError(404, 'DOSSIER_NOT_FOUND', message('DOSSIER_NOT_FOUND', { id: dossierId }));
      return {
        IdHoSo: dossierId,
        attachments: s.dossierDocuments.all(dossierId).map((d) => ({
          IdTaiLieu: d.id, IdTaiLen: d.upload_id, TenTep: d.name, KichThuoc: d.size, MaThanhPhanHoSo: d.component, LoaiTep: d.mime,
          // Recomputed from the stored bytes, so a test compares what is on disk, not what was declared.
          Sha256: hashFile(filePath(d.id)), DuongDan: filePath(d.id),
        })),
        uploads: s.dossierOpenUploads.all(dossierId).map((u) => ({
          IdTaiLen: u.id, TenTep: u.name, KichThuoc: u.size, Sha256: u.sha256, DaNhan: u.received, ThayThe: u.replaces,
        })),
        /** Attachments a later upload replaced: out of the dossier's record, their bytes deleted. */
        replaced: s.replacedDocuments.all(dossierId).map((d) => ({
          IdTaiLieu: d.id, TenTep: d.name, KichThuoc: d.size, MaThanhPhanHoSo: d.component, Sha256: d.sha256, ThayBoi: d.replaced_by,
        })),
      };
    },
    leases() {
      return s.leases.all().map((l) => ({ IdCapSo: l.id, MaCoQuan: l.agency, Ngay: l.day, MaMayTram: l.station, TuSo: l.first, DenSo: l.last }));
    },
    /** Forgets every dossier, lease, upload, event and replaced catalogue/calendar; clients and tokens stay.
     *  Feed cursors keep increasing across a reset (AUTOINCREMENT), so a station's saved cursor never skips new events. */
    reset(): void {
      inTransaction(() => {
        for (const t of ['documents', 'uploads', 'events', 'transitions', 'idempotency', 'leases', 'sequences', 'dossiers', 'catalogue', 'calendars']) db.exec(`DELETE FROM ${t}`);
      });
      rmSync(uploadsDir, { recursive: true, force: true });
      rmSync(filesDir, { recursive: true, force: true });
      ensureDirs();
      catalogueCache = null;
      calendarCache.clear();
    },
  };
}
